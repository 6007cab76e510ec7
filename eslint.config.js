// Lint, including the import boundaries of DESIGN.md. Boundaries are enforced here (and by
// the per-layer tsconfigs), not by reviewers; scripts/lint-boundaries.test.ts proves that
// each rule fires.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
const protocolLibraries = ['better-sqlite3', 'node-opcua', 'modbus-serial', 'mqtt', 'ws', 'pino', 'serialport', 'sparkplug-payload'];
// Only these two files may touch Electron's IPC objects (the transport pair).
const ipcObjects = { name: 'electron', importNames: ['ipcMain', 'ipcRenderer'], message: 'only electron/ipc-main.ts and electron/preload.ts touch IPC' };
// What no file in core/ imports.
const coreBoundaries = [
  { group: ['electron', 'electron/*'], message: 'core/ is plain Node: it never imports electron' },
  { group: ['react', 'react-dom', 'react/*', 'react-dom/*', 'zustand', 'zustand/*', 'uplot'], message: 'core/ never imports UI libraries' },
  { group: ['**/renderer', '**/renderer/**'], message: 'core/ never imports the renderer' },
];
// Libraries that only their owner folder in core/ may import (protocol libraries, the FFT behind PdM, the CSV
// reader). `also`: single files outside the owner folder that may import that library (and no other owned one).
const ownedLibraries = [
  { folder: 'core/drivers/modbus', group: ['modbus-serial', 'modbus-serial/*'], message: 'modbus-serial is imported only inside core/drivers/modbus' },
  { folder: 'core/drivers/opcua', group: ['node-opcua', 'node-opcua/*', 'node-opcua-*'], message: 'node-opcua is imported only inside core/drivers/opcua' },
  { folder: 'core/historian', group: ['better-sqlite3'], message: 'better-sqlite3 is imported only inside core/historian' },
  { folder: 'core/analytics/pdm', group: ['fft.js'], message: 'fft.js is imported only inside core/analytics/pdm (by its fft.ts)' },
  { folder: 'core/uplink', group: ['mqtt', 'mqtt/*'], message: 'mqtt is imported only inside core/uplink (the conduit)' },
  // After core/uplink: the pure Sparkplug codec may use protobufjs and not mqtt.
  { folder: 'core/uplink/sparkplug', group: ['protobufjs', 'protobufjs/*'], message: 'protobufjs is imported only inside core/uplink/sparkplug (the payload codec)' },
  { folder: 'core/replay', group: ['luxon'], message: 'luxon is imported only inside core/replay (capture import)' },
  // The register map import reads CSV the way capture import does; core/replay exports no CSV reader to share.
  {
    folder: 'core/replay',
    also: ['core/config/modbus-map.ts'],
    group: ['csv-parse', 'csv-parse/*'],
    message: 'csv-parse is imported only inside core/replay (capture import) and by core/config/modbus-map.ts (register map import)',
  },
];
const forbidden = (libraries) => libraries.map(({ group, message }) => ({ group, message }));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
      'no-restricted-imports': ['error', { paths: [ipcObjects] }],
    },
  },
  {
    files: ['core/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [ipcObjects], patterns: [...coreBoundaries, ...forbidden(ownedLibraries)] }] },
  },
  // Each protocol library stays inside the folder that owns it (DESIGN.md: a driver folder exports only its factory);
  // there, the libraries owned by other folders stay forbidden. An `also` file may import only its one library.
  ...ownedLibraries.flatMap((owned) => [
    {
      files: [`${owned.folder}/**/*.ts`],
      rules: { 'no-restricted-imports': ['error', { paths: [ipcObjects], patterns: [...coreBoundaries, ...forbidden(ownedLibraries.filter((other) => other.folder !== owned.folder))] }] },
    },
    ...(owned.also === undefined
      ? []
      : [{ files: owned.also, rules: { 'no-restricted-imports': ['error', { paths: [ipcObjects], patterns: [...coreBoundaries, ...forbidden(ownedLibraries.filter((other) => other !== owned))] }] } }]),
  ]),
  {
    files: ['core/contract/**/*.ts'],
    ignores: ['core/contract/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins,
          patterns: [
            { regex: '^(?!zod$|\\./)', message: 'core/contract imports only zod and itself: it runs in the core, the preload and the renderer' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins, ...protocolLibraries, 'electron'],
          patterns: [
            { group: ['electron/*', ...protocolLibraries.map((name) => `${name}/*`)], message: 'the renderer never imports Node or protocol libraries' },
            { group: ['**/core/**', '!**/core/contract', '!**/core/contract/**'], message: 'the renderer may import only core/contract from core/' },
            { group: ['**/electron/**'], message: 'the renderer talks to the main process only through the contract' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/ipc-main.ts', 'electron/preload.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['scripts/**/*.{js,mjs}', 'bin/**/*.js', 'bench/**/*.ts', 'e2e/**/*.ts', '*.config.{js,ts}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', performance: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly' } },
    rules: { 'no-console': 'off' },
  },
);
