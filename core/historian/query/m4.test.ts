import { describe, expect, it } from 'vitest';
import type { Series } from '../series.js';
import type { DisplayPoints, PrevSample } from './common.js';
import { m4, type M4Options } from './index.js';
import { int, pick, randomSeries, type Rand, seriesOf } from './testing/random-series.js';
import { prng } from '../../runtime/testing/prng.js';

/**
 * Brute-force M4, written from the rules rather than from the implementation: group the
 * in-range samples by column (BigInt arithmetic, so borders are exact), sort each column's
 * usable samples to find first/min/max/last, place gap markers by their sample position,
 * then drop repeated nulls.
 */
function m4Reference(series: Series, from: number, to: number, width: number, options: M4Options = {}): DisplayPoints {
  const w = Math.floor(width);
  if (w < 1 || !(to > from)) return { ts: [], value: [] };
  const usable = (v: number, q: number) => q !== 2 && Number.isFinite(v);
  const colOf = (t: number) => Number((BigInt(t - from) * BigInt(w)) / BigInt(to - from));
  const inRange: number[] = [];
  for (let i = 0; i < series.ts.length; i++) if (series.ts[i]! >= from && series.ts[i]! < to) inRange.push(i);

  type Item = { ts: number; value: number | null };
  const items: Item[] = [];
  const prev = options.prev;
  if (prev && usable(prev.value, prev.quality)) items.push({ ts: prev.ts, value: prev.value });

  // Gap markers: [sample position key, ts, column].
  const markers: { key: number; ts: number; col: number }[] = [];
  const seq: { key: number; ts: number; good: boolean }[] = [];
  if (prev) seq.push({ key: -Infinity, ts: prev.ts, good: usable(prev.value, prev.quality) });
  for (const i of inRange) seq.push({ key: i, ts: series.ts[i]!, good: usable(series.value[i]!, series.quality[i]!) });
  for (let k = 1; k < seq.length; k++) {
    const a = seq[k - 1]!;
    const b = seq[k]!;
    if (a.good && !b.good) markers.push({ key: b.key, ts: b.ts, col: colOf(b.ts) });
    if (a.good && b.good && options.maxGapMs !== undefined && b.ts - a.ts > options.maxGapMs) {
      markers.push({ key: b.key - 0.5, ts: a.ts + 1, col: colOf(b.ts) });
    }
  }

  for (let c = 0; c < w; c++) {
    const good = inRange.filter((i) => colOf(series.ts[i]!) === c && usable(series.value[i]!, series.quality[i]!));
    const picks: { i: number; rank: number }[] = [];
    if (good.length > 0) {
      const byMin = [...good].sort((a, b) => series.value[a]! - series.value[b]! || a - b);
      const byMax = [...good].sort((a, b) => series.value[b]! - series.value[a]! || a - b);
      picks.push({ i: good[0]!, rank: 0 }, { i: byMin[0]!, rank: 1 }, { i: byMax[0]!, rank: 2 }, { i: good.at(-1)!, rank: 3 });
      picks.sort((a, b) => series.ts[a.i]! - series.ts[b.i]! || a.rank - b.rank);
    }
    const kept = picks.filter((p, k) => !picks.slice(0, k).some((q) => series.ts[q.i] === series.ts[p.i] && series.value[q.i] === series.value[p.i]));
    const colItems: (Item & { order: number })[] = kept.map((p, k) => ({ ts: series.ts[p.i]!, value: series.value[p.i]!, order: k }));
    for (const m of markers.filter((m) => m.col === c)) {
      const before = kept.findIndex((p) => p.i > m.key);
      colItems.push({ ts: m.ts, value: null, order: (before < 0 ? kept.length : before) - 0.5 });
    }
    colItems.sort((a, b) => a.order - b.order); // stable: markers keep their sequence order
    items.push(...colItems.map(({ ts, value }) => ({ ts, value })));
  }

  const out: DisplayPoints = { ts: [], value: [] };
  for (const item of items) {
    if (item.value === null && (out.value.length === 0 || out.value.at(-1) === null)) continue;
    out.ts.push(item.ts);
    out.value.push(item.value);
  }
  return out;
}

function randomPrev(rand: Rand, from: number): PrevSample | undefined {
  const r = rand();
  if (r < 0.4) return undefined;
  return { ts: from - int(rand, 1, 50), value: r < 0.9 ? int(rand, 0, 9) : NaN, quality: r < 0.7 ? 0 : pick(rand, [1, 2]) };
}

describe('m4 on raw samples', () => {
  it('equals the brute-force reference on 400 random cases (borders, repeats, ties, gaps)', () => {
    const rand = prng(20240501);
    for (let c = 0; c < 400; c++) {
      const width = pick(rand, [1, 1, 2, 3, int(rand, 1, 40), int(rand, 1, 200)]);
      const colMs = int(rand, 1, 6);
      const aligned = rand() < 0.6;
      const start = 1_700_000_000_000 + int(rand, 0, 1000);
      const series = randomSeries(rand, {
        n: pick(rand, [0, 1, 2, int(rand, 0, 20), int(rand, 0, 600)]),
        start,
        maxStep: int(rand, 1, 4),
        pEqual: rand() * 0.3,
        pLong: 0.03,
        longStep: 40,
        pBad: pick(rand, [0, 0.05, 0.3]),
        pUncertain: 0.1,
        pNaN: pick(rand, [0, 0.03]),
        levels: pick(rand, [2, 5, 1000]),
      });
      const from = start + int(rand, -20, 30);
      const span = aligned ? width * colMs : int(rand, 1, 800);
      const options: M4Options = { prev: randomPrev(rand, from) };
      if (rand() < 0.4) options.maxGapMs = int(rand, 0, 15);
      const got = m4(series, from, from + span, width, options);
      const want = m4Reference(series, from, from + span, width, options);
      expect(got, `case ${c}`).toEqual(want);
      // At most 4 points per column, never two nulls in a row, time order after prev.
      const drawn = got.value.filter((v) => v !== null).length - (options.prev && got.ts[0] === options.prev.ts && options.prev.ts < from ? 1 : 0);
      expect(drawn).toBeLessThanOrEqual(4 * width);
      for (let k = 1; k < got.ts.length; k++) {
        expect(got.ts[k]! >= got.ts[k - 1]!, `case ${c} order`).toBe(true);
        expect(got.value[k] === null && got.value[k - 1] === null).toBe(false);
      }
    }
  });

  it.each([
    {
      name: 'one column: first, min, max, last in time order',
      rows: [[0, 5], [1, 9], [2, 1], [3, 4]] as const,
      width: 1,
      want: { ts: [0, 1, 2, 3], value: [5, 9, 1, 4] },
    },
    {
      name: 'min == max: the earliest sample is both, so flat data gives first and last',
      rows: [[0, 3], [1, 3], [2, 3], [3, 3]] as const,
      width: 1,
      want: { ts: [0, 3], value: [3, 3] },
    },
    {
      name: 'ties on min: the earliest wins',
      rows: [[0, 5], [1, 1], [2, 7], [3, 1], [4, 5]] as const,
      width: 1,
      want: { ts: [0, 1, 2, 4], value: [5, 1, 7, 5] },
    },
    {
      name: 'shared timestamp: first, min, max, last order; identical points once',
      rows: [[5, 4], [5, 9], [5, 1], [5, 1]] as const,
      width: 1,
      want: { ts: [5, 5, 5], value: [4, 1, 9] },
    },
    {
      name: 'a sample exactly on a border goes to the right-hand column',
      rows: [[0, 1], [4, 2], [5, 3], [9, 4]] as const,
      width: 2,
      want: { ts: [0, 4, 5, 9], value: [1, 2, 3, 4] },
    },
    {
      name: 'samples outside [from, to) are left out (to is exclusive)',
      rows: [[-1, 50], [0, 1], [9, 2], [10, 60]] as const,
      width: 1,
      want: { ts: [0, 9], value: [1, 2] },
    },
    {
      name: 'a bad stretch is one null at its first sample',
      rows: [[0, 1], [1, 2], [2, 0, 2], [3, 0, 2], [4, 3], [5, 4]] as const,
      width: 10,
      want: { ts: [0, 1, 2, 4, 5], value: [1, 2, null, 3, 4] },
    },
    {
      name: 'NaN counts as bad; uncertain is drawn',
      rows: [[0, 1], [1, NaN], [2, 2, 1]] as const,
      width: 10,
      want: { ts: [0, 1, 2], value: [1, null, 2] },
    },
    {
      name: 'leading bad samples give no null (nothing drawn yet)',
      rows: [[0, 1, 2], [1, 1, 2], [2, 5]] as const,
      width: 10,
      want: { ts: [2], value: [5] },
    },
    {
      name: 'all bad: empty',
      rows: [[0, 1, 2], [1, 1, 2]] as const,
      width: 3,
      want: { ts: [], value: [] },
    },
    {
      name: 'empty input',
      rows: [] as const,
      width: 3,
      want: { ts: [], value: [] },
    },
  ])('$name', ({ rows, width, want }) => {
    const series = seriesOf(rows);
    expect(m4(series, 0, 10, width)).toEqual(want);
    expect(m4Reference(series, 0, 10, width)).toEqual(want);
  });

  it.each([
    { name: 'a long gap between good samples', maxGapMs: 3, want: { ts: [0, 1, 2, 6, 7], value: [1, 2, null, 3, 4] } },
    { name: 'a gap of exactly maxGapMs is no gap', maxGapMs: 5, want: { ts: [0, 1, 6, 7], value: [1, 2, 3, 4] } },
    { name: 'no maxGapMs: no gap', maxGapMs: undefined, want: { ts: [0, 1, 6, 7], value: [1, 2, 3, 4] } },
  ])('maxGapMs: $name', ({ maxGapMs, want }) => {
    const series = seriesOf([[0, 1], [1, 2], [6, 3], [7, 4]]);
    expect(m4(series, 0, 10, 10, { maxGapMs })).toEqual(want);
  });

  it('maxGapMs does not add a second null to a bad stretch', () => {
    const series = seriesOf([[0, 1], [5, 0, 2], [50, 3]]);
    expect(m4(series, 0, 100, 10, { maxGapMs: 10 })).toEqual({ ts: [0, 5, 50], value: [1, null, 3] });
  });

  it.each([
    { name: 'a good prev comes first, as is', prev: { ts: -7, value: 9, quality: 0 }, want: { ts: [-7, 2, 3], value: [9, 1, 2] } },
    { name: 'an uncertain prev is drawn', prev: { ts: -7, value: 9, quality: 1 }, want: { ts: [-7, 2, 3], value: [9, 1, 2] } },
    { name: 'a bad prev is not drawn', prev: { ts: -7, value: 9, quality: 2 }, want: { ts: [2, 3], value: [1, 2] } },
    { name: 'a NaN prev is not drawn', prev: { ts: -7, value: NaN, quality: 0 }, want: { ts: [2, 3], value: [1, 2] } },
  ])('prev: $name', ({ prev, want }) => {
    expect(m4(seriesOf([[2, 1], [3, 2]]), 0, 10, 5, { prev })).toEqual(want);
  });

  it('prev then a bad first sample gives a gap; a long gap from prev gives a null at prev.ts + 1', () => {
    expect(m4(seriesOf([[2, 1, 2], [3, 2]]), 0, 10, 5, { prev: { ts: -7, value: 9, quality: 0 } })).toEqual({ ts: [-7, 2, 3], value: [9, null, 2] });
    expect(m4(seriesOf([[3, 2]]), 0, 10, 5, { prev: { ts: -7, value: 9, quality: 0 }, maxGapMs: 5 })).toEqual({ ts: [-7, -6, 3], value: [9, null, 2] });
  });

  it('returns nothing for an empty range or a width below one pixel', () => {
    const series = seriesOf([[1, 1]]);
    expect(m4(series, 5, 5, 10)).toEqual({ ts: [], value: [] });
    expect(m4(series, 0, 10, 0)).toEqual({ ts: [], value: [] });
  });

  it('speed: 86,400 samples at width 1000 (logged, not asserted)', () => {
    const n = 86_400;
    const ts = new Float64Array(n);
    const value = new Float64Array(n);
    const quality = new Uint8Array(n);
    const rand = prng(7);
    const t0 = 1_700_000_000_000;
    for (let i = 0; i < n; i++) {
      ts[i] = t0 + i * 1000;
      value[i] = 50 + 20 * Math.sin(i / 500) + rand();
      quality[i] = rand() < 0.001 ? 2 : 0;
    }
    const series = { ts, value, quality };
    const runs: number[] = [];
    let points = 0;
    for (let r = 0; r < 60; r++) {
      const start = performance.now();
      points = m4(series, t0, t0 + n * 1000, 1000, { maxGapMs: 5000 }).ts.length;
      runs.push(performance.now() - start);
    }
    runs.sort((a, b) => a - b);
    const median = runs[runs.length >> 1]!;
    process.stdout.write(
      `m4 speed: ${n} samples → ${points} points at width 1000: median ${median.toFixed(3)} ms, best ${runs[0]!.toFixed(3)} ms (${((median * 100_000) / n).toFixed(3)} ms per 100k samples)\n`,
    );
    expect(points).toBeLessThanOrEqual(4 * 1000 + 2 * 1000);
  });
});
