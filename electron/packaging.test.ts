// The installer configuration (electron-builder.yml), checked without building an installer
// (that downloads Electron, which only a machine with internet can): the app id and name, the
// targets (AppImage and .deb, NSIS), that the packaged files are what `npm run build` makes and
// the app starts from, that native addons are unpacked, that nothing removes the user's data,
// and that electron-builder itself accepts the file: its own validateConfiguration (the JSON
// schema app-builder-lib/scheme.json plus its deprecation checks), the code `electron-builder`
// runs first. That function is internal to app-builder-lib (out/util/config/config.js), so it
// is found through electron-builder's own dependency; if a new version moves it, this test says
// so.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('..', import.meta.url));
const read = (file: string) => readFileSync(join(root, file), 'utf8');
const config = parse(read('electron-builder.yml')) as Record<string, any>;
const manifest = JSON.parse(read('package.json')) as Record<string, any>;

// electron-builder → app-builder-lib → its validator and the minimatch it matches `files` with.
const fromElectronBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder/package.json'));
const fromAppBuilder = createRequire(fromElectronBuilder.resolve('app-builder-lib/package.json'));
const { validateConfiguration } = fromAppBuilder('./out/util/config/config.js') as {
  validateConfiguration(config: unknown, debugLogger: { isEnabled: boolean; add(key: string, value: unknown): void }): Promise<void>;
};
const { minimatch } = fromAppBuilder('minimatch') as { minimatch(path: string, pattern: string, options: { dot: boolean }): boolean };

/**
 * What `files` says about a path: the last pattern that matches it decides, "in" or (a `!`
 * pattern) "out"; undefined when none matches. The app's own files are packaged when "in";
 * production dependencies are added by electron-builder and kept unless "out".
 */
function filesSay(path: string): 'in' | 'out' | undefined {
  let verdict: 'in' | 'out' | undefined;
  for (const pattern of config.files as string[]) {
    const exclude = pattern.startsWith('!');
    if (minimatch(path, exclude ? pattern.slice(1) : pattern, { dot: true })) verdict = exclude ? 'out' : 'in';
  }
  return verdict;
}

function targets(platform: { target: unknown }): string[] {
  const list = Array.isArray(platform.target) ? platform.target : [platform.target];
  return list.map((t: string | { target: string }) => (typeof t === 'string' ? t : t.target));
}

describe('electron-builder.yml', () => {
  it('names the app: io.lineside.hmi, Lineside, and puts that name where Electron takes the user-data folder from', () => {
    expect(config.appId).toBe('io.lineside.hmi');
    expect(config.productName).toBe('Lineside');
    // Electron names userData after package.json's productName (else its name, "lineside").
    expect(config.extraMetadata?.productName).toBe(config.productName);
  });

  it('builds an AppImage and a .deb for Linux and an NSIS installer for Windows', () => {
    expect(targets(config.linux)).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(targets(config.win)).toEqual(['nsis']);
    expect(config.linux.maintainer).toMatch(/<.+@.+>/); // a .deb needs one
  });

  it('packages what the build makes, the demo plant and package.json, and no sources, source maps or Electron', () => {
    expect(config.files).toEqual(expect.arrayContaining(['dist/**', 'assets/demo/**', 'package.json']));
    for (const path of ['dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/renderer/index.html', 'dist/renderer/assets/index-abc.js', 'dist/cli.js', 'assets/demo/plant.yaml', 'package.json']) {
      expect(filesSay(path), path).toBe('in');
    }
    for (const path of ['dist/electron/main.cjs.map', 'dist/renderer/assets/index-abc.js.map']) expect(filesSay(path), path).toBe('out');
    for (const path of ['electron/main.ts', 'core/service/start-core.ts', 'electron-builder.yml', 'e2e/app.spec.ts']) expect(filesSay(path), path).toBeUndefined();
    // Dependencies: the Electron package and better-sqlite3's C sources are left out; its addon and JavaScript stay.
    for (const path of ['node_modules/electron/index.js', 'node_modules/electron/dist/electron', 'node_modules/better-sqlite3/deps/sqlite3/sqlite3.c', 'node_modules/better-sqlite3/build/Release/obj/gen/sqlite3/sqlite3.c']) {
      expect(filesSay(path), path).toBe('out');
    }
    for (const path of ['node_modules/better-sqlite3/build/Release/better_sqlite3.node', 'node_modules/better-sqlite3/lib/index.js', 'node_modules/electron-to-chromium/index.js']) {
      expect(filesSay(path), path).not.toBe('out');
    }
  });

  it('starts the app from dist/electron/main.cjs, which the build script writes, with the preload beside it', () => {
    const main = config.extraMetadata?.main ?? manifest.main;
    expect(main).toBe('dist/electron/main.cjs');
    expect(manifest.main).toBe(main);
    const build = read('scripts/build.mjs');
    expect(build).toMatch(/outfile: 'dist\/electron\/main\.cjs'/);
    expect(build).toMatch(/outfile: 'dist\/electron\/preload\.cjs'/);
    expect(read('vite.config.ts')).toMatch(/outDir: '\.\.\/dist\/renderer'/);
    // main.cjs finds the preload and the renderer relative to itself.
    const mainSource = read('electron/main.ts');
    expect(mainSource).toMatch(/join\(__dirname, 'preload\.cjs'\)/);
    expect(mainSource).toMatch(/join\(__dirname, '\.\.', 'renderer'\)/);
  });

  it('unpacks native addons from the asar archive', () => {
    const unpack = [config.asarUnpack].flat() as string[];
    expect(unpack).toContain('**/*.node');
    expect(config.asar).not.toBe(false);
    expect(minimatch('node_modules/better-sqlite3/build/Release/better_sqlite3.node', '**/*.node', { dot: true })).toBe(true);
  });

  it('keeps the user data on uninstall and upgrade', () => {
    expect(config.nsis.deleteAppDataOnUninstall).toBe(false);
    // No custom package scripts that could touch it: electron-builder's own ones leave home folders alone.
    for (const section of [config.linux, config.deb]) {
      for (const key of ['afterInstall', 'afterRemove']) expect(section?.[key], key).toBeUndefined();
    }
    for (const key of ['include', 'script']) expect(config.nsis[key], key).toBeUndefined();
  });

  it('is accepted by electron-builder 26 itself, which refuses an unknown option', async () => {
    const debugLogger = { isEnabled: false, add: () => {} };
    await expect(validateConfiguration(structuredClone(config), debugLogger)).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...structuredClone(config), nsis: { ...config.nsis, keepAppData: true } }, debugLogger)).rejects.toThrow(/configuration\.nsis/);
    await expect(validateConfiguration({ ...structuredClone(config), kiosk: true }, debugLogger)).rejects.toThrow(/Invalid configuration object/);
    expect(fromElectronBuilder('./package.json').version).toMatch(/^26\./);
  });
});
