// HistorianReader.counterPoints: a counter read back from the 1-minute rollups (or, when it
// is sparse, from its raw samples) as at most four points a minute gives the increments of
// every sample, across a wrap and a PLC restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { counterIncrements, type CounterIncrements, type CounterOptions } from '../analytics/oee/counters.js';
import type { Tag } from '../model/plant.js';
import { silentLogger } from '../runtime/logger.js';
import { Historian, MINUTE_MS } from './historian.js';
import { HistorianReader } from './reader.js';
import type { Series } from './series.js';

const T0 = Date.UTC(2026, 10, 2, 6, 0, 0);
const MODULUS = 65_536;
const options: CounterOptions = { modulus: MODULUS, maxRatePerS: 10 };
const PATH = 'l/a/total';
const tag: Tag = { path: PATH, name: 'total', assetPath: 'l/a', deviceId: 'd', address: 't', dataType: 'uint16', unit: '', description: '', sampleRateMs: 1000, rateReason: 't', writable: false };

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

function openHistorian(): { historian: Historian; reader: HistorianReader } {
  const dir = mkdtempSync(join(tmpdir(), 'lineside-counter-points-'));
  const historian = new Historian({ file: join(dir, 'plant.db'), tags: [tag], log: silentLogger() });
  cleanup = () => {
    historian.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { historian, reader: new HistorianReader(historian) };
}

/**
 * A uint16 counter at 1 Hz (±20 ms jitter) for 12 minutes, 0–3 units a second: it starts
 * 400 below the modulus and wraps in minute 4, the PLC restarts (counts from 2 again) in
 * minute 8, and one sample in minute 10 is bad.
 */
function counterSamples(): Series {
  const n = 12 * 60;
  const ts = new Float64Array(n);
  const value = new Float64Array(n);
  const quality = new Uint8Array(n);
  let count = MODULUS - 400;
  for (let i = 0; i < n; i++) {
    ts[i] = T0 + 250 + i * 1000 + ((i * 7919) % 41) - 20;
    count = i === 500 ? 2 : (count + (i % 4)) % MODULUS;
    value[i] = count;
    if (i === 610) quality[i] = 2;
  }
  return { ts, value, quality };
}

function totals(increments: CounterIncrements) {
  const { wraps, resets, setBacks, jumps } = increments;
  return { units: increments.delta.reduce((sum, d) => sum + d, 0), wraps, resets, setBacks, jumps };
}

/** Units per minute the increments were counted in. */
function perMinute(increments: CounterIncrements): Map<number, number> {
  const out = new Map<number, number>();
  increments.ts.forEach((t, i) => {
    const minute = Math.floor(t / MINUTE_MS) * MINUTE_MS;
    out.set(minute, (out.get(minute) ?? 0) + increments.delta[i]!);
  });
  return out;
}

function expectInTimeOrderAtMostFourAMinute(points: Series): void {
  const perMinuteCount = new Map<number, number>();
  for (let i = 0; i < points.ts.length; i++) {
    if (i > 0) expect(points.ts[i]!).toBeGreaterThan(points.ts[i - 1]!);
    const minute = Math.floor(points.ts[i]! / MINUTE_MS);
    perMinuteCount.set(minute, (perMinuteCount.get(minute) ?? 0) + 1);
  }
  expect(Math.max(...perMinuteCount.values())).toBeLessThanOrEqual(4);
}

describe('counter points', () => {
  it('give the increments of every sample across a wrap and a PLC restart, at most four a minute in time order', () => {
    const { historian, reader } = openHistorian();
    const raw = counterSamples();
    historian.importSeries(PATH, raw);

    const expected = counterIncrements(raw, options);
    expect(totals(expected)).toMatchObject({ wraps: 1, resets: 1, setBacks: 0, jumps: 0 });
    const points = reader.counterPoints(PATH, T0 - MINUTE_MS, T0 + 13 * MINUTE_MS);
    expect(points.ts.length).toBeLessThan(raw.ts.length / 10);
    expectInTimeOrderAtMostFourAMinute(points);
    const got = counterIncrements(points, options);
    expect(totals(got)).toEqual(totals(expected));
    expect(perMinute(got)).toEqual(perMinute(expected));
    // Without a rate bound (a wrap must then be under a quarter of the modulus) too.
    expect(totals(counterIncrements(points, { modulus: MODULUS }))).toEqual(totals(counterIncrements(raw, { modulus: MODULUS })));
  });

  it('read the same from the open head as from sealed blocks', () => {
    const { historian, reader } = openHistorian();
    const raw = counterSamples();
    historian.append(Array.from(raw.ts, (ts, i) => ({ path: PATH, value: raw.value[i]!, quality: { status: raw.quality[i] === 2 ? ('bad' as const) : ('good' as const) }, sourceTs: ts })));
    expect(historian.sealedBoundary).toBe(Number.NEGATIVE_INFINITY);
    const head = reader.counterPoints(PATH, T0, T0 + 12 * MINUTE_MS + 500);
    expectInTimeOrderAtMostFourAMinute(head);
    expect(totals(counterIncrements(head, options))).toEqual(totals(counterIncrements(raw, options)));
  });

  it('read a counter polled once a minute from its raw samples, with the same points; from the rollups once retention has dropped them', () => {
    const { historian, reader } = openHistorian();
    const raw = counterSamples();
    // Every 60th sample: one a minute, the wrap and the restart still among them.
    const keep = Array.from({ length: raw.ts.length / 60 }, (_, m) => m * 60 + 59);
    const sparse: Series = { ts: Float64Array.from(keep, (i) => raw.ts[i]!), value: Float64Array.from(keep, (i) => raw.value[i]!), quality: new Uint8Array(keep.length) };
    historian.importSeries(PATH, sparse);

    const fromRaw = reader.counterPoints(PATH, T0, T0 + 12 * MINUTE_MS);
    expect(Array.from(fromRaw.ts)).toEqual(Array.from(sparse.ts));
    expect(Array.from(fromRaw.value)).toEqual(Array.from(sparse.value));
    expect(totals(counterIncrements(fromRaw, options))).toEqual(totals(counterIncrements(sparse, options)));

    historian.db.prepare('DELETE FROM blocks').run(); // as retention does once raw data is older than rawDays
    expect(reader.series(historian.tags.get(PATH)!, T0, T0 + 12 * MINUTE_MS).ts.length).toBe(0);
    const fromRollups = reader.counterPoints(PATH, T0, T0 + 12 * MINUTE_MS);
    expect(Array.from(fromRollups.ts)).toEqual(Array.from(fromRaw.ts));
    expect(Array.from(fromRollups.value)).toEqual(Array.from(fromRaw.value));
  });
});
