// `npm start`: build, then open the Electron window with the demo plant. Where the
// Electron binary is absent and cannot be fetched (an offline build machine), say so in
// one line and serve the same UI headless on http://127.0.0.1:PORT instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const passThrough = process.argv.slice(2);

run(process.execPath, ['scripts/build.mjs', '--quiet']);

const electron = findElectron();
if (electron.binary) {
  ensureNativeModulesMatch(electron.version);
  const child = spawn(electron.binary, ['.', ...passThrough], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const port = (await isPortFree(8420)) ? 8420 : 0;
  process.stdout.write(`Electron is not available here (${electron.why}); serving the same UI in your browser instead.\n`);
  const child = spawn(process.execPath, ['bin/lineside.js', 'serve', '--port', String(port), ...passThrough], { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** The Electron binary's path, fetching it once if the package is installed without it. */
function findElectron() {
  let packageJson;
  try {
    packageJson = require.resolve('electron/package.json');
  } catch {
    return { why: 'the optional "electron" package is not installed' };
  }
  const version = JSON.parse(readFileSync(packageJson, 'utf8')).version;
  const binary = () => {
    try {
      return require('electron'); // a path string when the binary is there; throws when not
    } catch {
      return undefined;
    }
  };
  if (binary()) return { binary: binary(), version };
  // Install scripts are off for electron (package.json allowScripts) so that `npm ci` works
  // offline; fetch the binary here, once, where the network allows it.
  const install = spawnSync(process.execPath, [join(packageJson, '..', 'install.js')], { cwd: root, stdio: 'pipe', timeout: 300_000 });
  if (install.status === 0 && binary()) return { binary: binary(), version };
  return { why: `its binary could not be downloaded: ${lastLine(install.stderr) || 'no network'}` };
}

function lastLine(buffer) {
  const lines = String(buffer ?? '').trim().split('\n').filter((line) => /error/i.test(line));
  return (lines[0] ?? '').trim().slice(0, 120);
}

/**
 * Native addons (better-sqlite3, …) must be built for Electron's ABI to load in the
 * window. Rebuild them once per Electron version; a stamp file remembers the last build.
 */
function ensureNativeModulesMatch(electronVersion) {
  const own = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const native = Object.keys(own.dependencies ?? {}).filter((name) => existsSync(join(root, 'node_modules', name, 'binding.gyp')));
  if (native.length === 0) return;
  const stamp = join(root, 'node_modules', '.lineside-native-abi');
  const wanted = `electron ${electronVersion}: ${native.sort().join(', ')}`;
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) return;
  process.stdout.write(`Rebuilding native modules for Electron ${electronVersion} (${native.join(', ')}), once…\n`);
  run(process.execPath, [join(root, 'node_modules', 'electron-builder', 'cli.js'), 'install-app-deps']);
  writeFileSync(stamp, wanted);
}

function isPortFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
