import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Tag } from '../model/plant.js';
import type { Sample } from '../model/sample.js';
import { silentLogger } from '../runtime/logger.js';
import { Historian, MINUTE_MS } from './historian.js';
import { aggregate } from './query/index.js';
import { HistorianReader } from './reader.js';

const T0 = Date.UTC(2026, 10, 2, 6, 0, 0);

function tag(name: string, dataType: Tag['dataType']): Tag {
  return { path: `l/a/${name}`, name, assetPath: 'l/a', deviceId: 'd', address: name, dataType, unit: '', description: '', sampleRateMs: 1000, rateReason: 't', writable: false };
}
const tags = [tag('temp', 'float64'), tag('real', 'float32'), tag('count', 'uint32'), tag('run', 'bool'), tag('code', 'string')];

function samplesAt(ts: number, k: number, quality: 'good' | 'bad' = 'good'): Sample[] {
  return [
    { path: 'l/a/temp', value: 20 + Math.sin(k / 10) * 3 + k * 1e-4, quality: { status: quality }, sourceTs: ts },
    { path: 'l/a/real', value: Math.fround(k * 0.37), quality: { status: 'good' }, sourceTs: ts },
    { path: 'l/a/count', value: k * 3, quality: { status: 'good' }, sourceTs: ts },
    { path: 'l/a/run', value: k % 50 < 40, quality: { status: 'good' }, sourceTs: ts },
    { path: 'l/a/code', value: k % 50 < 40 ? '' : 'F101', quality: { status: 'good' }, sourceTs: ts },
  ];
}

function open(file: string) {
  const historian = new Historian({ file, tags, log: silentLogger() });
  return { historian, reader: new HistorianReader(historian) };
}

/** Feeds `seconds` of 1 Hz data with ±20 ms jitter, committing every simulated second. */
function feed(historian: Historian, seconds: number, from = T0, badFrom = Infinity, badTo = -Infinity): number[] {
  const times: number[] = [];
  for (let k = 0; k < seconds; k++) {
    const ts = from + k * 1000 + ((k * 7919) % 41) - 20;
    times.push(ts);
    historian.append(samplesAt(ts, k, ts >= badFrom && ts < badTo ? 'bad' : 'good'));
    historian.commit();
  }
  return times;
}

const dbFile = () => join(mkdtempSync(join(tmpdir(), 'lineside-hist-')), 'plant.db');

describe('historian', () => {
  it('keeps every sample across a restart, sealed or not, with exact values and types', () => {
    const file = dbFile();
    const first = open(file).historian;
    const times = feed(first, 1500); // 25 min: sealed blocks and an open head
    expect(Number.isFinite(first.sealedBoundary)).toBe(true);
    first.db.close(); // no close(): as after a crash, only what commit made durable
    const { historian, reader } = open(file);
    const raw = reader.raw('l/a/temp', T0 - 1000, T0 + 2_000_000);
    expect(raw.ts).toEqual(times);
    expect(raw.value).toEqual(times.map((_, k) => 20 + Math.sin(k / 10) * 3 + k * 1e-4));
    expect(reader.raw('l/a/real', T0 - 1000, T0 + 2_000_000).value).toEqual(times.map((_, k) => Math.fround(k * 0.37)));
    expect(reader.raw('l/a/code', T0 - 1000, T0 + 2_000_000).value.slice(38, 42)).toEqual(['', '', 'F101', 'F101']);
    expect(reader.valueAt('l/a/run', times[45]!)).toMatchObject({ value: false, sourceTs: times[45] });
    expect(reader.valueAt('l/a/count', times[1499]! + 5000)).toMatchObject({ value: 1499 * 3, quality: { status: 'good' } });
    expect(reader.valueAt('l/a/count', T0 - 60_000)).toBeUndefined();
    historian.close();
  });

  it('accepts out-of-order samples within the late window and refuses older ones', () => {
    const { historian, reader } = open(dbFile());
    feed(historian, 1500);
    const boundary = historian.sealedBoundary;
    historian.append([{ path: 'l/a/temp', value: -1, quality: { status: 'good' }, sourceTs: boundary - 10 }]);
    historian.append([{ path: 'l/a/temp', value: -2, quality: { status: 'good' }, sourceTs: boundary + 10_500 }]);
    expect(historian.refusedLate).toBe(1);
    const around = reader.raw('l/a/temp', boundary + 10_000, boundary + 12_000);
    expect(around.value).toContain(-2);
    expect(around.ts).toEqual([...around.ts].sort((a, b) => a - b));
  });

  it('rollups equal aggregates recomputed from raw, across the seal boundary', () => {
    const { historian, reader } = open(dbFile());
    feed(historian, 3 * 3600, T0, T0 + 3_000_000, T0 + 3_300_000); // 3 h with a bad stretch
    const from = T0;
    const to = T0 + 3 * 3_600_000;
    for (const intervalMs of [MINUTE_MS, 15 * MINUTE_MS, 3_600_000]) {
      const fromRollups = reader.aggregates('l/a/temp', from, to, intervalMs);
      const entry = historian.tags.get('l/a/temp')!;
      const fromRaw = aggregate(reader.series(entry, from, to), from, to, intervalMs, reader.prev(entry, from));
      expect(fromRollups.length).toBe(fromRaw.length);
      fromRollups.forEach((row, i) => {
        const ref = fromRaw[i]!;
        expect(row.start).toBe(ref.start);
        expect(row.count).toBe(ref.count);
        for (const key of ['min', 'max', 'first', 'last'] as const) expect(row[key]).toBe(ref[key]);
        for (const key of ['mean', 'twMean', 'goodFraction'] as const) {
          if (ref[key] === null) expect(row[key]).toBeNull();
          else expect(row[key], `${key} of interval ${i} (${intervalMs} ms)`).toBeCloseTo(ref[key]!, 6);
        }
      });
    }
  });

  it('display queries never exceed 4 points per pixel and switch to rollups for long ranges', () => {
    const { historian, reader } = open(dbFile());
    feed(historian, 4 * 3600);
    const day = reader.display('l/a/temp', T0, T0 + 4 * 3_600_000, 500);
    expect(day.source).toBe('raw');
    expect(day.ts.length).toBeLessThanOrEqual(4 * 500 + 1);
    // Few samples for many pixels: raw is exact and cheap, so raw it stays.
    expect(reader.display('l/a/temp', T0 - 30 * 86_400_000, T0 + 4 * 3_600_000, 300).source).toBe('raw');
    // Many samples per pixel: rollups.
    const long = reader.display('l/a/temp', T0 - 30 * 86_400_000, T0 + 4 * 3_600_000, 30);
    expect(long.source).toBe('rollup-1h');
    expect(long.ts.length).toBeLessThanOrEqual(4 * 30 + 1);
    expect(long.value.filter((v) => v !== null).length).toBeGreaterThan(0);
  });
});
