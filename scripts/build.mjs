// Builds everything the app runs from: the renderer (Vite) into dist/renderer, the CLI
// (dist/cli.js and its lazily loaded dist/chunks, ESM) and the Electron main process and preload (CommonJS) with esbuild.
// Dependencies stay external (they are in node_modules); only the preload bundles its
// imports, because a sandboxed preload can require nothing but `electron`.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';

const quiet = process.argv.includes('--quiet');
const started = performance.now();

await viteBuild({ configFile: 'vite.config.ts', logLevel: quiet ? 'warn' : 'info' });

const node = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };
await Promise.all([
  // Split, so that what the code imports lazily (node-opcua, over a second to load) stays lazy:
  // a single ESM file would hoist every import of an external package to its top.
  esbuild({ ...node, entryPoints: { cli: 'core/cli/main.ts' }, outdir: 'dist', chunkNames: 'chunks/[name]-[hash]', splitting: true, format: 'esm', packages: 'external' }),
  esbuild({ ...node, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.cjs', format: 'cjs', packages: 'external' }),
  esbuild({ ...node, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs', external: ['electron'] }),
]);

if (!quiet) process.stdout.write(`built in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
