// A full disk: the historian's file sits on a small tmpfs that the test fills. Commits
// then fail; the historian reports "stopped" with the reason, keeps the samples in memory,
// loses nothing already stored, and resumes by itself once space returns.
import { execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Tag } from '../model/plant.js';
import { silentLogger } from '../runtime/logger.js';
import { startTestCore } from '../service/testing/test-core.js';
import { Historian } from './historian.js';
import { startHistorian } from './index.js';
import { HistorianReader } from './reader.js';

/** A small tmpfs of the test's own; undefined where mounting is not allowed (not root). */
function smallDisk(): string | undefined {
  const mountPoint = join(mkdtempSync(join(tmpdir(), 'lineside-disk-')), 'disk');
  mkdirSync(mountPoint);
  try {
    execSync(`mount -t tmpfs -o size=3m tmpfs ${mountPoint}`, { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  mounts.push(mountPoint);
  return mountPoint;
}
const mounts: string[] = [];
afterAll(() => {
  for (const mountPoint of mounts) execSync(`umount -l ${mountPoint}`, { stdio: 'ignore' });
});
const fullDisk = smallDisk();
const readOnlyDisk = smallDisk();

const tags: Tag[] = Array.from({ length: 50 }, (_, i) => ({
  path: `l/a/t${i}`,
  name: `t${i}`,
  assetPath: 'l/a',
  deviceId: 'd',
  address: `t${i}`,
  dataType: 'float64',
  unit: '',
  description: '',
  sampleRateMs: 1000,
  rateReason: 't',
  writable: false,
}));
const T0 = Date.UTC(2026, 10, 2);

describe('historian on a full disk', () => {
  it.skipIf(!fullDisk)('stops storing with a clear reason, keeps what it had, and resumes when space returns (skipped where the test may not mount a tmpfs: it needs root)', () => {
    const historian = new Historian({ file: join(fullDisk!, 'plant.db'), tags, log: silentLogger() });
    const reader = new HistorianReader(historian);
    let second = 0;
    const feed = (seconds: number) => {
      for (let end = second + seconds; second < end; second++) {
        historian.append(tags.map((tag, i) => ({ path: tag.path, value: Math.sin(second / 10 + i) + Math.random(), quality: { status: 'good' as const }, sourceTs: T0 + second * 1000 })));
        historian.commit();
      }
    };
    feed(60);
    expect(historian.status().state).toBe('ok');

    // Fill the disk to the last byte.
    const filler = join(fullDisk!, 'filler');
    try {
      writeFileSync(filler, Buffer.alloc(4 * 1024 * 1024));
    } catch {
      /* ENOSPC: the file takes what was left */
    }
    feed(1200); // 20 minutes: enough pages and a seal that cannot be written
    const stopped = historian.status();
    expect(stopped.state).toBe('stopped');
    expect(stopped.detail).toMatch(/disk is full/);
    // Nothing is lost while stopped: the samples are kept in memory and still readable.
    expect(reader.raw('l/a/t0', T0, T0 + 2_000_000).ts.length).toBe(1260);

    rmSync(filler);
    feed(5);
    expect(historian.status().state).toBe('ok');
    expect(historian.db.pragma('integrity_check', { simple: true })).toBe('ok');
    historian.db.close();

    // After a restart everything is there: stored before, during and after the full disk.
    const reopened = new Historian({ file: join(fullDisk!, 'plant.db'), tags, log: silentLogger() });
    expect(new HistorianReader(reopened).raw('l/a/t49', T0, T0 + 2_000_000).ts.length).toBe(1265);
    reopened.close();
  });
});

describe('historian on a read-only file system', () => {
  it.skipIf(!readOnlyDisk)('reports stopped with the reason, keeps the app running, and starts storing once writable (skipped where the test may not mount a tmpfs: it needs root)', async () => {
    const core = await startTestCore();
    const file = join(readOnlyDisk!, 'readonly.db');
    new Historian({ file, tags: [...core.runtime.tags.values()], log: silentLogger() }).close();
    execSync(`mount -o remount,ro ${readOnlyDisk!}`);
    const host = startHistorian({ file, runtime: core.runtime, log: silentLogger(), commitMs: 20, reopenMs: 50 });
    try {
      expect(host.status()).toMatchObject({ state: 'stopped', detail: expect.stringMatching(/cannot be opened for writing/) });
      expect(host.reader()).toBeUndefined();
      core.push([core.sample('line1/oven/temp', 171)]); // the runtime carries on
      execSync(`mount -o remount,rw ${readOnlyDisk!}`);
      for (let i = 0; i < 100 && host.status().state !== 'ok'; i++) await new Promise((r) => setTimeout(r, 20));
      expect(host.status().state).toBe('ok');
      core.push([{ ...core.sample('line1/oven/temp', 172), sourceTs: core.clock.now() + 1000 }]);
      await new Promise((r) => setTimeout(r, 60));
      expect(host.reader()!.raw('line1/oven/temp', 0, core.clock.now() + 2000).value).toEqual([172]);
    } finally {
      execSync(`mount -o remount,rw ${readOnlyDisk!}`);
      host.stop();
    }
  });
});
