import { describe, expect, it } from 'vitest';
import type { AggregateRow } from '../../contract/model.js';
import type { Series } from '../series.js';
import type { PrevSample } from './common.js';
import { aggregate, computeRollups, emptyRollupRow, mergeRollups, type RollupOptions, type RollupRow, toAggregateRow } from './index.js';
import { int, pick, randomSeries, type Rand, seriesOf, sliceSeries } from './testing/random-series.js';
import { prng } from '../../runtime/testing/prng.js';

const usable = (v: number, q: number) => q !== 2 && Number.isFinite(v);

interface Hold {
  start: number;
  end: number;
  value: number;
}

/** Good holds of a sample sequence: each usable value until the next element, the last until `lastEnd`, all clipped to [from, cap). */
function holdsOf(seq: PrevSample[], lastEnd: number, from: number, cap = Infinity): Hold[] {
  const holds: Hold[] = [];
  seq.forEach((s, k) => {
    if (!usable(s.value, s.quality)) return;
    const start = Math.max(s.ts, from);
    const end = Math.min(k + 1 < seq.length ? seq[k + 1]!.ts : lastEnd, cap);
    if (end > start) holds.push({ start, end, value: s.value });
  });
  return holds;
}

/** One bucket [b, e) recomputed from scratch: the samples in it, and the overlap of every hold with it. */
function bucketReference(samples: PrevSample[], holds: Hold[], b: number, e: number): RollupRow {
  const row = emptyRollupRow(b);
  for (const s of samples) {
    if (s.ts < b || s.ts >= e) continue;
    row.count++;
    if (!usable(s.value, s.quality)) continue;
    if (row.goodCount === 0 || s.value < row.min) [row.min, row.tsMin] = [s.value, s.ts];
    if (row.goodCount === 0 || s.value > row.max) [row.max, row.tsMax] = [s.value, s.ts];
    if (row.goodCount === 0) [row.first, row.tsFirst] = [s.value, s.ts];
    [row.last, row.tsLast] = [s.value, s.ts];
    row.goodCount++;
    row.sum += s.value;
  }
  for (const h of holds) {
    const d = Math.min(h.end, e) - Math.max(h.start, b);
    if (d > 0) {
      row.twSum += h.value * d;
      row.twMs += d;
      row.goodMs += d;
    }
  }
  return row;
}

function samplesOf(series: Series): PrevSample[] {
  return Array.from(series.ts, (ts, i) => ({ ts, value: series.value[i]!, quality: series.quality[i]! }));
}

/** Brute force: walk every bucket from the first sample (or `from`) to the end of the last hold. */
function rollupsReference(series: Series, bucketMs: number, options: RollupOptions = {}): RollupRow[] {
  const samples = samplesOf(series);
  const { prev } = options;
  if (samples.length === 0 && prev === undefined) return [];
  const lastTs = samples.length > 0 ? samples.at(-1)!.ts : prev!.ts;
  const from = options.from ?? (samples.length > 0 ? Math.floor(samples[0]!.ts / bucketMs) * bucketMs : prev!.ts);
  const holds = holdsOf(prev ? [prev, ...samples] : samples, options.until ?? lastTs, from);
  const times = [...samples.map((s) => s.ts), ...holds.flatMap((h) => [h.start, h.end - 1])];
  const rows: RollupRow[] = [];
  if (times.length === 0) return rows;
  const first = Math.floor(Math.min(...times) / bucketMs) * bucketMs;
  const last = Math.max(...times);
  for (let b = first; b <= last; b += bucketMs) {
    const row = bucketReference(samples, holds, b, b + bucketMs);
    if (row.count > 0 || row.twMs > 0) rows.push(row);
  }
  return rows;
}

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Rows equal, sums within 1e-9 relative (they may be added up in another order). One expect per call: it runs in loops. */
function expectRowsClose(got: RollupRow[], want: RollupRow[], label: string): void {
  const sumsOff = got.filter((row, k) => want[k] !== undefined && !(close(row.sum, want[k]!.sum) && close(row.twSum, want[k]!.twSum)));
  expect(sumsOff.map((r) => r.bucket), `${label}: buckets whose sums differ`).toEqual([]);
  const exact = (rows: RollupRow[]) => rows.map((r) => ({ ...r, sum: 0, twSum: 0 }));
  expect(exact(got), label).toEqual(exact(want));
}

const MIN = 60_000;
const HOUR = 3_600_000;

/** Irregular minutes-to-hours data: repeats, samples on minute borders, long silences, all qualities. */
function randomHistory(rand: Rand, n: number): Series {
  return randomSeries(rand, {
    n,
    start: 1_700_000_000_000 + int(rand, 0, 10) * MIN + pick(rand, [0, int(rand, 0, MIN)]),
    maxStep: pick(rand, [5_000, 90_000]),
    pEqual: 0.08,
    pLong: 0.05,
    longStep: 2 * HOUR,
    snap: MIN,
    pSnap: 0.2,
    pBad: pick(rand, [0, 0.15, 0.5]),
    pUncertain: 0.1,
    pNaN: 0.03,
    levels: pick(rand, [3, 1000]),
  });
}

function randomPrev(rand: Rand, series: Series): PrevSample | undefined {
  if (rand() < 0.35) return undefined;
  const first = series.ts.length > 0 ? series.ts[0]! : 1_700_000_000_000;
  return { ts: first - pick(rand, [0, int(rand, 1, 3 * MIN), int(rand, 1, 2 * HOUR)]), value: int(rand, 0, 50), quality: pick(rand, [0, 0, 1, 2]) };
}

function randomUntil(rand: Rand, series: Series, prev: PrevSample | undefined): number | undefined {
  const last = series.ts.length > 0 ? series.ts.at(-1)! : (prev?.ts ?? 0);
  return pick(rand, [undefined, last + int(rand, 0, 2 * HOUR), last + int(rand, 0, 10) * MIN, last - int(rand, 0, MIN)]);
}

describe('computeRollups', () => {
  it('equals a per-bucket recomputation from raw on 150 random series', () => {
    const rand = prng(11);
    for (let c = 0; c < 150; c++) {
      const series = randomHistory(rand, pick(rand, [0, 1, 2, int(rand, 0, 300)]));
      const prev = randomPrev(rand, series);
      const options: RollupOptions = { prev, until: randomUntil(rand, series, prev) };
      if (rand() < 0.2 && series.ts.length > 0) options.from = series.ts[0]! - int(rand, 0, HOUR);
      const bucketMs = pick(rand, [MIN, MIN, 37_000, HOUR]);
      expectRowsClose(computeRollups(series, bucketMs, options), rollupsReference(series, bucketMs, options), `case ${c}`);
    }
  });

  it.each([
    {
      name: 'step hold splits over buckets; an empty bucket covered by a held value gets a row',
      rows: [[0, 10], [150, 20]] as const,
      options: { until: 250 },
      want: [
        { bucket: 0, count: 1, twSum: 1000, twMs: 100 },
        { bucket: 100, count: 1, twSum: 10 * 50 + 20 * 50, twMs: 100 },
        { bucket: 200, count: 0, twSum: 20 * 50, twMs: 50 },
      ],
    },
    {
      name: 'by default the last value holds 0 ms',
      rows: [[0, 10], [50, 20]] as const,
      options: {},
      want: [{ bucket: 0, count: 2, twSum: 500, twMs: 50 }],
    },
    {
      name: 'a bad sample ends the hold and holds nothing; uncertain values hold',
      rows: [[0, 10], [40, 99, 2], [80, 30, 1]] as const,
      options: { until: 100 },
      want: [{ bucket: 0, count: 3, twSum: 400 + 600, twMs: 60 }],
    },
    {
      name: 'a sample on a bucket border belongs to the bucket it starts',
      rows: [[100, 5], [200, 6]] as const,
      options: {},
      want: [
        { bucket: 100, count: 1, twSum: 500, twMs: 100 },
        { bucket: 200, count: 1, twSum: 0, twMs: 0 },
      ],
    },
    {
      name: 'prev holds into the first bucket only (from its start)',
      rows: [[130, 1]] as const,
      options: { prev: { ts: -50, value: 7, quality: 0 } },
      want: [{ bucket: 100, count: 1, twSum: 210, twMs: 30 }],
    },
    {
      name: 'a bad prev holds nothing',
      rows: [[130, 1]] as const,
      options: { prev: { ts: -50, value: 7, quality: 2 }, until: 140 },
      want: [{ bucket: 100, count: 1, twSum: 10, twMs: 10 }],
    },
    {
      name: 'an explicit from counts prev from there',
      rows: [[130, 1]] as const,
      options: { prev: { ts: -50, value: 7, quality: 0 }, from: 0 },
      want: [
        { bucket: 0, count: 0, twSum: 700, twMs: 100 },
        { bucket: 100, count: 1, twSum: 210, twMs: 30 },
      ],
    },
    {
      name: 'no samples: prev holds from its own ts until `until`',
      rows: [] as const,
      options: { prev: { ts: 10, value: 2, quality: 0 }, until: 250 },
      want: [
        { bucket: 0, count: 0, twSum: 180, twMs: 90 },
        { bucket: 100, count: 0, twSum: 200, twMs: 100 },
        { bucket: 200, count: 0, twSum: 100, twMs: 50 },
      ],
    },
    { name: 'nothing at all', rows: [] as const, options: {}, want: [] },
  ])('$name', ({ rows, options, want }) => {
    const series = seriesOf(rows);
    const got = computeRollups(series, 100, options);
    expect(got.map(({ bucket, count, twSum, twMs }) => ({ bucket, count, twSum, twMs }))).toEqual(want);
    expect(got.every((r) => r.goodMs === r.twMs)).toBe(true);
    expectRowsClose(got, rollupsReference(series, 100, options), 'reference');
  });

  it('min/max/first/last are over good samples, ties to the earliest, NaN without good samples', () => {
    const series = seriesOf([[0, 4], [10, 1], [20, 9], [30, 1], [40, 9], [50, 100, 2], [60, NaN], [70, 4, 1], [150, 3, 2]]);
    const [a, b] = computeRollups(series, 100);
    expect(a).toMatchObject({ count: 8, goodCount: 6, min: 1, tsMin: 10, max: 9, tsMax: 20, first: 4, tsFirst: 0, last: 4, tsLast: 70, sum: 28 });
    expect(b).toMatchObject({ bucket: 100, count: 1, goodCount: 0, sum: 0 });
    expect([b!.min, b!.max, b!.first, b!.last, b!.tsMin]).toEqual([NaN, NaN, NaN, NaN, NaN]);
  });

  it('rejects a bucket size that is not a positive number of ms', () => {
    expect(() => computeRollups(seriesOf([[0, 1]]), 0)).toThrow(/bucketMs/);
    expect(() => computeRollups(seriesOf([[0, 1]]), NaN)).toThrow(/bucketMs/);
  });
});

describe('mergeRollups', () => {
  it('1-minute rows merged to 1 hour equal 1-hour rows from raw (and other multiples), 120 random series', () => {
    const rand = prng(12);
    for (let c = 0; c < 120; c++) {
      const [fine, coarse] = pick(rand, [[MIN, HOUR], [MIN, HOUR], [1000, MIN], [MIN, 5 * MIN], [MIN, MIN]] as const);
      const series = randomHistory(rand, int(rand, 0, fine < MIN ? 60 : 300));
      const prev = randomPrev(rand, series);
      // The default `from` is the first sample's bucket, which differs per bucket size: fix it.
      const from = series.ts.length > 0 ? Math.floor(series.ts[0]! / coarse) * coarse : prev?.ts;
      const options: RollupOptions = { prev, from, until: randomUntil(rand, series, prev) };
      const merged = mergeRollups(computeRollups(series, fine, options), coarse);
      expectRowsClose(merged, computeRollups(series, coarse, options), `case ${c}`);
    }
  });

  it('rolling up in two parts split anywhere, then merging at the same size, equals rolling up at once', () => {
    const rand = prng(13);
    for (let c = 0; c < 120; c++) {
      const series = randomHistory(rand, int(rand, 2, 300));
      const n = series.ts.length;
      const k = int(rand, 1, n - 1);
      const split = int(rand, series.ts[k - 1]!, series.ts[k]!);
      const prev = randomPrev(rand, series);
      const until = randomUntil(rand, series, prev);
      const bucketMs = pick(rand, [MIN, 37_000]);
      const whole = computeRollups(series, bucketMs, { prev, until });
      const head = computeRollups(sliceSeries(series, 0, k), bucketMs, { prev, until: split });
      const last = { ts: series.ts[k - 1]!, value: series.value[k - 1]!, quality: series.quality[k - 1]! };
      const tail = computeRollups(sliceSeries(series, k, n), bucketMs, { prev: last, from: split, until });
      expectRowsClose(mergeRollups([...head, ...tail], bucketMs), whole, `case ${c}`);
    }
  });

  it('takes rows in bucket order whatever order they come in, and leaves its input alone', () => {
    const rows = computeRollups(seriesOf([[0, 1], [70, 5], [130, 2], [260, 9]]), 50, { until: 300 });
    const copy = structuredClone(rows);
    const merged = mergeRollups([...rows].reverse(), 100);
    expect(rows).toEqual(copy);
    expectRowsClose(merged, computeRollups(seriesOf([[0, 1], [70, 5], [130, 2], [260, 9]]), 100, { until: 300 }), 'reversed');
  });
});

/** Aggregate intervals recomputed from raw one by one. */
function aggregateReference(series: Series, from: number, to: number, intervalMs: number, prev?: PrevSample, until?: number): AggregateRow[] {
  const all = samplesOf(series);
  const inRange = all.filter((s) => s.ts >= from && s.ts < to);
  const before = all.filter((s) => s.ts < from).at(-1);
  const held = before !== undefined && (prev === undefined || before.ts >= prev.ts) ? before : prev;
  const next = all.find((s) => s.ts >= to);
  const lastEnd = next?.ts ?? until ?? all.at(-1)?.ts ?? held?.ts ?? from;
  const holds = holdsOf(held ? [held, ...inRange] : inRange, lastEnd, from, to);
  const out: AggregateRow[] = [];
  for (let s = from; s < to; s += intervalMs) {
    const e = Math.min(s + intervalMs, to);
    out.push(toAggregateRow(bucketReference(inRange, holds, s, e), e - s));
  }
  return out;
}

function expectAggregateClose(got: AggregateRow[], want: AggregateRow[], label: string): void {
  expect(got.length, label).toBe(want.length);
  got.forEach((row, k) => {
    const w = want[k]!;
    expect({ ...row, mean: 0, twMean: 0, goodFraction: 0 }, `${label} row ${k}`).toEqual({ ...w, mean: 0, twMean: 0, goodFraction: 0 });
    for (const key of ['mean', 'twMean', 'goodFraction'] as const) {
      const a = row[key];
      const b = w[key];
      expect(a === null ? b === null : b !== null && close(a, b), `${label} row ${k} ${key}: ${a} vs ${b}`).toBe(true);
    }
  });
}

describe('aggregate', () => {
  it('equals a per-interval recomputation from raw on 150 random ranges', () => {
    const rand = prng(14);
    for (let c = 0; c < 150; c++) {
      const series = randomHistory(rand, pick(rand, [0, 1, int(rand, 0, 300)]));
      const base = series.ts.length > 0 ? series.ts[int(rand, 0, series.ts.length - 1)]! : 1_700_000_000_000;
      const from = base + int(rand, -2 * HOUR, HOUR);
      const intervalMs = pick(rand, [MIN, 7 * MIN, 25_000, HOUR]);
      const to = from + pick(rand, [intervalMs, int(rand, 1, 30) * intervalMs, int(rand, 1, 4 * HOUR)]);
      const prev = rand() < 0.5 ? { ts: from - int(rand, 0, HOUR), value: int(rand, 0, 9), quality: pick(rand, [0, 1, 2]) } : undefined;
      const until = rand() < 0.5 ? undefined : from + int(rand, -HOUR, 5 * HOUR);
      const got = aggregate(series, from, to, intervalMs, prev, until);
      expect(got.length).toBe(Math.ceil((to - from) / intervalMs));
      expectAggregateClose(got, aggregateReference(series, from, to, intervalMs, prev, until), `case ${c}`);
    }
  });

  it('equals computeRollups filled with empty rows when the range is bucket-aligned', () => {
    const rand = prng(15);
    for (let c = 0; c < 60; c++) {
      const intervalMs = pick(rand, [MIN, 5 * MIN]);
      const from = Math.floor(1_700_000_000_000 / intervalMs) * intervalMs;
      const to = from + int(rand, 1, 120) * intervalMs;
      // Random history moved to start at `from`, cut at `to`.
      const raw = randomHistory(rand, int(rand, 0, 200));
      const shifted = samplesOf(raw).map((s) => [s.ts - raw.ts[0]! + from, s.value, s.quality] as const);
      const series = seriesOf(shifted.filter(([ts]) => ts < to));
      const prev = { ts: from - int(rand, 1, HOUR), value: int(rand, 0, 9), quality: pick(rand, [0, 1, 2]) };
      const until = pick(rand, [undefined, to, to + HOUR, to - int(rand, 0, intervalMs)]);
      const rows = computeRollups(series, intervalMs, { prev, from, until });
      const dense: AggregateRow[] = [];
      for (let s = from, r = 0; s < to; s += intervalMs) {
        dense.push(rows[r]?.bucket === s ? toAggregateRow(rows[r++]!, intervalMs) : toAggregateRow(emptyRollupRow(s), intervalMs));
      }
      expectAggregateClose(aggregate(series, from, to, intervalMs, prev, until), dense, `case ${c}`);
    }
  });

  it.each([
    {
      name: 'empty intervals are kept, with the held value in twMean and goodFraction',
      rows: [[10, 4], [150, 8]] as const,
      until: 400,
      want: [
        { start: 0, count: 1, min: 4, max: 4, first: 4, last: 4, mean: 4, twMean: 4, goodFraction: 0.9 },
        { start: 100, count: 1, min: 8, max: 8, first: 8, last: 8, mean: 8, twMean: 6, goodFraction: 1 },
        { start: 200, count: 0, min: null, max: null, first: null, last: null, mean: null, twMean: 8, goodFraction: 1 },
        { start: 300, count: 0, min: null, max: null, first: null, last: null, mean: null, twMean: 8, goodFraction: 1 },
      ],
    },
    {
      name: 'without `until` the last value does not hold into the future',
      rows: [[10, 4], [150, 8]] as const,
      until: undefined,
      want: [
        { start: 0, count: 1, min: 4, max: 4, first: 4, last: 4, mean: 4, twMean: 4, goodFraction: 0.9 },
        { start: 100, count: 1, min: 8, max: 8, first: 8, last: 8, mean: 8, twMean: 4, goodFraction: 0.5 },
        { start: 200, count: 0, min: null, max: null, first: null, last: null, mean: null, twMean: null, goodFraction: 0 },
        { start: 300, count: 0, min: null, max: null, first: null, last: null, mean: null, twMean: null, goodFraction: 0 },
      ],
    },
  ])('$name', ({ rows, until, want }) => {
    // The last interval [300, 350) is cut at `to`.
    expect(aggregate(seriesOf(rows), 0, 350, 100, undefined, until)).toEqual(want);
  });

  it('takes the value held at `from` from the samples before it, or from prev', () => {
    const series = seriesOf([[-30, 6], [20, 2], [200, 1]]);
    const [row] = aggregate(series, 0, 100, 100);
    expect(row).toMatchObject({ count: 1, mean: 2, twMean: (6 * 20 + 2 * 80) / 100, goodFraction: 1 });
    const [fromPrev] = aggregate(seriesOf([[20, 2]]), 0, 100, 100, { ts: -5, value: 6, quality: 0 }, 100);
    expect(fromPrev).toMatchObject({ twMean: (6 * 20 + 2 * 80) / 100, goodFraction: 1 });
    const [badPrev] = aggregate(seriesOf([[20, 2]]), 0, 100, 100, { ts: -5, value: 6, quality: 2 }, 100);
    expect(badPrev).toMatchObject({ twMean: 2, goodFraction: 0.8 });
  });

  it('answers nothing for an empty range and refuses absurd interval counts', () => {
    expect(aggregate(seriesOf([[0, 1]]), 10, 10, 100)).toEqual([]);
    expect(() => aggregate(seriesOf([[0, 1]]), 0, 1e12, 1)).toThrow(/intervals/);
  });
});

describe('toAggregateRow', () => {
  it.each([
    {
      name: 'a row with good samples',
      row: { ...emptyRollupRow(60_000), count: 3, goodCount: 2, min: 1, max: 3, first: 3, last: 1, sum: 4, twSum: 90_000, twMs: 45_000, goodMs: 45_000 },
      want: { start: 60_000, count: 3, min: 1, max: 3, first: 3, last: 1, mean: 2, twMean: 2, goodFraction: 0.75 },
    },
    {
      name: 'a held value only: twMean, no min/max/mean',
      row: { ...emptyRollupRow(0), twSum: 300_000, twMs: 60_000, goodMs: 60_000 },
      want: { start: 0, count: 0, min: null, max: null, first: null, last: null, mean: null, twMean: 5, goodFraction: 1 },
    },
    {
      name: 'bad samples only',
      row: { ...emptyRollupRow(0), count: 4 },
      want: { start: 0, count: 4, min: null, max: null, first: null, last: null, mean: null, twMean: null, goodFraction: 0 },
    },
  ])('$name', ({ row, want }) => {
    expect(toAggregateRow(row, 60_000)).toEqual(want);
  });
});
