// Crash safety: an ingesting process is killed with SIGKILL at random moments, 20 times,
// on the same database. Every time, the file opens, passes PRAGMA integrity_check, and
// holds every sample the child had reported committed before the kill, with its exact
// value. (The child commits every 0.9 s, so on a machine that runs it on time that is every
// sample older than a second. The test counts on the child's reports, not on the wall
// clock: under a loaded test run a starved child commits late, which is not data loss.)
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../runtime/logger.js';
import { Historian } from './historian.js';
import { HistorianReader } from './reader.js';
import { crashTestTags, crashTestValue, CRASH_SPEED, CRASH_STEP_MS } from './testing/crash-plan.js';

const KILLS = 20;
const dir = mkdtempSync(join(tmpdir(), 'lineside-crash-'));
// Inside the project, so that the bundle's external packages resolve from node_modules.
const childJs = new URL('../../node_modules/.cache/lineside-tests/crash-child.mjs', import.meta.url).pathname;

beforeAll(async () => {
  // Bundled once so each child starts in a fraction of a second.
  await build({ entryPoints: [new URL('./testing/crash-child.ts', import.meta.url).pathname], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: childJs, logLevel: 'warning' });
}, 30_000);

/** A small seeded generator, so a failing run can be repeated. */
function random(seed: number): () => number {
  return () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

function runChild(file: string, sampleStart: number): Promise<{ kill: (afterMs: number) => Promise<number>; wallStart: number; committedUntil: () => number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childJs, file, String(sampleStart)], { stdio: ['ignore', 'pipe', 'inherit'], cwd: new URL('../..', import.meta.url).pathname });
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    const timer = setTimeout(() => reject(new Error('the child did not start within 10 s')), 10_000);
    let committed = -Infinity;
    let text = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      for (const match of text.matchAll(/committed (\d+)\n/g)) committed = Math.max(committed, Number(match[1]));
      text = text.slice(text.lastIndexOf('\n') + 1);
    });
    child.stdout!.once('data', (chunk: Buffer) => {
      clearTimeout(timer);
      const wallStart = Number(/ready (\d+)/.exec(chunk.toString())?.[1]);
      resolve({
        wallStart,
        committedUntil: () => committed,
        kill: async (afterMs) => {
          await new Promise((r) => setTimeout(r, afterMs));
          const killedAt = Date.now();
          child.kill('SIGKILL');
          await exited;
          return killedAt;
        },
      });
    });
  });
}

describe('historian crash safety', () => {
  it(`survives ${KILLS} SIGKILLs at random moments with no committed sample lost`, async () => {
    const file = join(dir, 'crash.db');
    const next = random(20261121);
    let sampleStart = Date.UTC(2026, 10, 1);
    const tags = crashTestTags();
    let sealsSeen = 0;
    let commitsSeen = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      const child = await runChild(file, sampleStart);
      const killedAt = await child.kill(200 + Math.floor(next() * 1300));
      const safeUntil = child.committedUntil();

      const check = new Database(file);
      expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
      check.close();

      const historian = new Historian({ file, tags, log: silentLogger(), lateWindowMs: 10_000, sealIntervalMs: 60_000 });
      const reader = new HistorianReader(historian);
      const expected = Math.max(0, Math.floor((safeUntil - sampleStart) / CRASH_STEP_MS) + 1);
      for (const tag of tags) {
        const raw = reader.raw(tag.path, sampleStart, safeUntil + 1);
        expect(raw.ts.length, `${tag.path} after kill ${kill + 1}`).toBeGreaterThanOrEqual(expected);
        for (let i = 0; i < expected; i++) {
          expect(raw.ts[i]).toBe(sampleStart + i * CRASH_STEP_MS);
          expect(raw.value[i]).toBe(crashTestValue(tag.path, raw.ts[i]!));
        }
      }
      if (Number.isFinite(historian.sealedBoundary)) sealsSeen++;
      if (expected > 0) commitsSeen++;
      historian.db.close();
      // The next run starts after anything the killed child may have written.
      sampleStart += Math.ceil(((killedAt - child.wallStart + 2000) * CRASH_SPEED) / 60_000) * 60_000;
    }
    expect(sealsSeen).toBeGreaterThan(0);
    // Children killed after their first commit (0.9 s in; kills come 0.2–1.5 s in) make the test non-vacuous.
    expect(commitsSeen).toBeGreaterThan(0);
  }, 120_000);
});
