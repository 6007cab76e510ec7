// `npm run test:electron-scan`: Electronegativity (@doyensec/electronegativity), the Electron
// security checklist as static checks, over the desktop shell's own sources: electron/*.ts (not
// the tests), the page the shell loads (renderer/index.html, whose CSP meta tag the CSP check
// reads) and package.json (npm scripts that pass Chromium flags). It prints every finding and
// fails on any HIGH or MEDIUM one that the allow-list below does not name; LOW and
// INFORMATIONAL ones are printed only. A file that cannot be parsed fails the scan too (it
// would not have been checked).
//
// The TypeScript is scanned as it is (Electronegativity parses it with Babel's TypeScript
// plugin), so no build is needed and lines point into the sources. The files are copied to a
// folder below os.tmpdir(), which is also the scan's TMPDIR, and removed afterwards: nothing is
// written into the repo. The scan runs in a child process under a time limit, and offline:
// Electronegativity fetches its translations (and, for AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK,
// Electron's release list) with `got`, which the child replaces with a stand-in that fails at
// once.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const timeoutMs = 120_000;

/** Severity at or above which a finding fails the scan (Electronegativity: 3 HIGH, 2 MEDIUM, 1 LOW, 0 INFORMATIONAL). */
const failingSeverity = 2;

/**
 * Checks not run, each with why.
 */
const excludedChecks = [
  {
    check: 'AvailableSecurityFixesGlobalCheck',
    why: "compares the Electron version with Electron's release list, which it downloads; this machine (and CI) reach only the npm registry",
  },
];

/**
 * Findings that a person has reviewed and that no change to the code can clear. An entry names
 * the check, the file and a piece of the flagged line (so that moving the line keeps the entry
 * and changing it does not), says why, and is printed on every run. `reviewed` ties the entry to
 * the content of the file that was reviewed: once that file changes, the entry no longer applies
 * and the scan fails until someone reviews the file again and puts its new digest here.
 */
const allowList = [
  {
    check: 'PRELOAD_JS_CHECK',
    file: 'electron/main.ts',
    line: 'preload: preloadPath,',
    reviewed: { file: 'electron/preload.ts', sha256: 'f7af224515642dc929a74c53bb4666062493704e5a561dc9d30639a715cf6569' },
    why:
      'not a defect but a request to review the preload, raised for every window that has one. The window needs it: it is ' +
      "the page's only way to the main process (the page is context-isolated and sandboxed, with no Node). Reviewed: " +
      'electron/preload.ts exposes through contextBridge only `window.lineside`: one ipcRenderer.invoke per contract ' +
      'method, each on its own channel, and a samples listener that is handed the batch, never the IpcRendererEvent; no ' +
      'ipcRenderer, Node or Electron object reaches the page. electron/ipc-main.ts refuses calls from any frame but ' +
      "lineside://app and validates every request with the contract's schema.",
  },
];

if (process.argv[2] === '--child') await scanInChild(process.argv[3], process.argv[4], process.argv[5]);
else process.exitCode = main();

function main() {
  const started = performance.now();
  const work = mkdtempSync(join(tmpdir(), 'lineside-electron-scan-'));
  try {
    const input = join(work, 'app');
    const scanTmp = join(work, 'tmp');
    const output = join(work, 'result.json');
    mkdirSync(scanTmp);
    const files = scannedFiles();
    for (const file of files) {
      mkdirSync(dirname(join(input, file)), { recursive: true });
      copyFileSync(join(root, file), join(input, file));
    }
    const electronVersion = electronVersionInUse();
    process.stdout.write(`Electronegativity ${packageVersion('@doyensec/electronegativity')} on ${files.join(', ')} (Electron ${electronVersion})\n`);
    for (const { check, why } of excludedChecks) process.stdout.write(`  not run: ${check}: ${why}\n`);

    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', input, output, electronVersion], {
      cwd: work,
      env: { ...process.env, TMPDIR: scanTmp, TMP: scanTmp, TEMP: scanTmp, LANG: 'en-US', FORCE_COLOR: '0' },
      encoding: 'utf8',
      timeout: timeoutMs,
      maxBuffer: 16 * 1024 * 1024,
    });
    if (child.error || child.status !== 0) {
      const why = child.error?.code === 'ETIMEDOUT' ? `did not finish in ${timeoutMs / 1000} s` : (child.error?.message ?? `exited with ${child.status ?? child.signal}`);
      process.stderr.write(`electron-scan: Electronegativity ${why}\n${child.stdout ?? ''}${child.stderr ?? ''}`);
      return 1;
    }
    const result = JSON.parse(readFileSync(output, 'utf8'));
    for (const error of result.errors) error.file = relative(input, error.file);
    const failed = report(result);
    process.stdout.write(`electron-scan: ${failed ? 'FAILED' : 'passed'} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    return failed ? 1 : 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The shell's sources, the page it loads and the package manifest, relative to the repo. */
function scannedFiles() {
  const shell = readdirSync(join(root, 'electron'))
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
    .sort()
    .map((name) => `electron/${name}`);
  return [...shell, 'renderer/index.html', 'package.json'];
}

/** The Electron the lockfile installs (the checks' defaults depend on it; package.json has it as an optional dependency, which Electronegativity does not read). */
function electronVersionInUse() {
  const locked = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')).packages?.['node_modules/electron']?.version;
  if (locked) return locked;
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const range = manifest.optionalDependencies?.electron ?? manifest.devDependencies?.electron ?? manifest.dependencies?.electron;
  const version = /\d+\.\d+\.\d+/.exec(range ?? '')?.[0];
  if (!version) throw new Error('electron-scan: no Electron version in package-lock.json or package.json');
  return version;
}

function packageVersion(name) {
  return JSON.parse(readFileSync(join(dirname(require.resolve(name)), '..', 'package.json'), 'utf8')).version;
}

/** Prints the parse errors, findings and allow-list; true when the scan fails. */
function report({ globalChecks, atomicChecks, errors, issues }) {
  let failed = false;
  process.stdout.write(`  ${atomicChecks} atomic and ${globalChecks} global checks\n`);
  for (const error of errors) {
    process.stdout.write(`  ${error.tolerable ? 'parse warning' : 'PARSE ERROR (file not checked)'}: ${error.file}: ${error.message}\n`);
    if (!error.tolerable) failed = true;
  }
  const used = new Set();
  const sorted = [...issues].sort((a, b) => b.severity.value - a.severity.value || a.file.localeCompare(b.file) || a.location.line - b.location.line);
  for (const issue of sorted) {
    const where = issue.file === 'N/A' ? '(whole app)' : `${issue.file}:${issue.location.line}:${issue.location.column}`;
    const entry = allowList.find((e) => e.check === issue.id && e.file === issue.file && (issue.sample ?? '').includes(e.line));
    const stale = entry?.reviewed && sha256(entry.reviewed.file) !== entry.reviewed.sha256;
    const fails = issue.severity.value >= failingSeverity && (!entry || stale);
    if (fails) failed = true;
    const verdict = fails ? 'FAIL' : entry ? 'allowed' : 'note';
    process.stdout.write(
      `  ${verdict.padEnd(7)} ${issue.severity.name.padEnd(13)} ${issue.confidence.name.padEnd(9)} ${where}  ${issue.id}: ${issue.description}${issue.manualReview ? ' (review required)' : ''}\n`,
    );
    if (issue.sample) process.stdout.write(`          > ${issue.sample.trim()}\n`);
    if (issue.shortenedURL) process.stdout.write(`          ${issue.shortenedURL}\n`);
    if (entry && !stale) {
      used.add(entry);
      process.stdout.write(`          allow-list: ${entry.check} in ${entry.file}: ${entry.why}\n`);
      if (entry.reviewed) process.stdout.write(`          (as reviewed: ${entry.reviewed.file} sha256 ${entry.reviewed.sha256})\n`);
    } else if (entry) {
      used.add(entry);
      process.stdout.write(
        `          allow-list entry no longer applies: ${entry.reviewed.file} changed since it was reviewed; review it again, then put its sha256 (${sha256(entry.reviewed.file)}) in scripts/electron-scan.mjs\n`,
      );
    }
  }
  if (issues.length === 0) process.stdout.write('  no findings\n');
  for (const entry of allowList.filter((e) => !used.has(e))) {
    process.stdout.write(`  allow-list entry matched nothing (remove it?): ${entry.check} in ${entry.file} at "${entry.line}"\n`);
  }
  return failed;
}

/** SHA-256 of a repo file, with line ends as LF (so that a Windows checkout digests the same). */
function sha256(file) {
  return createHash('sha256').update(readFileSync(join(root, file), 'utf8').replace(/\r\n/g, '\n')).digest('hex');
}

/** In the child: run Electronegativity offline and write its result as JSON. */
async function scanInChild(input, output, electronVersion) {
  const runnerPath = require.resolve('@doyensec/electronegativity');
  const gotPath = createRequire(runnerPath).resolve('got');
  const offline = () => Promise.reject(new Error('electron-scan runs offline'));
  offline.head = offline;
  const stub = new Module(gotPath);
  Object.assign(stub, { filename: gotPath, loaded: true, exports: offline });
  require.cache[gotPath] = stub;

  const run = require(runnerPath);
  const result = await (run.default ?? run)({
    input,
    isRelative: true,
    // The runner reads electronVersionOverride (its README says electronVersion).
    electronVersionOverride: electronVersion,
    excludeFromScan: excludedChecks.map(({ check }) => check.toLowerCase()),
  });
  // Severity and confidence carry a format() function, which JSON leaves out.
  writeFileSync(output, JSON.stringify(result));
  process.exit(0);
}
