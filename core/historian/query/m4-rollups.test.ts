import { describe, expect, it } from 'vitest';
import type { PrevSample } from './common.js';
import { computeRollups, m4, m4FromRollups, mergeRollups } from './index.js';
import { int, pick, randomSeries, seriesOf } from './testing/random-series.js';
import { prng } from '../../runtime/testing/prng.js';

describe('m4FromRollups', () => {
  it('equals m4 on the raw samples when pixel borders are bucket borders (200 random cases, no bad samples)', () => {
    const rand = prng(21);
    for (let c = 0; c < 200; c++) {
      const bucketMs = pick(rand, [1000, 60_000]);
      const width = pick(rand, [1, 2, int(rand, 1, 40), int(rand, 1, 120)]);
      const k = int(rand, 1, 4);
      const from = (28_333_333 + int(rand, 0, 1000)) * bucketMs;
      const to = from + width * k * bucketMs;
      const series = randomSeries(rand, {
        n: pick(rand, [0, 1, int(rand, 0, 50), int(rand, 0, 500)]),
        start: from - int(rand, 0, 3 * bucketMs),
        maxStep: Math.ceil(((to - from + 6 * bucketMs) / 400) * pick(rand, [0.2, 1, 3])),
        pEqual: 0.1,
        pLong: 0.02,
        longStep: 5 * bucketMs,
        snap: bucketMs,
        pSnap: 0.25,
        pUncertain: 0.15,
        levels: pick(rand, [2, 4, 1000]),
      });
      const prev: PrevSample | undefined = rand() < 0.5 ? { ts: from - int(rand, 1, bucketMs), value: int(rand, 0, 3), quality: pick(rand, [0, 1, 2]) } : undefined;
      const want = m4(series, from, to, width, { prev });
      const rows = computeRollups(series, bucketMs, { until: to + bucketMs });
      expect(m4FromRollups(rows, from, to, width, { prev }), `case ${c}`).toEqual(want);
      // Rows merged up from finer buckets draw the same.
      const fine = computeRollups(series, bucketMs / 10, { until: to + bucketMs });
      expect(m4FromRollups(mergeRollups(fine, bucketMs), from, to, width, { prev }), `case ${c} merged`).toEqual(want);
    }
  });

  it('draws bad-only buckets as one gap and buckets with only a held value as no gap', () => {
    // Buckets of 100 ms, three pixels of 100 ms.
    const bad = seriesOf([[0, 1], [150, 7, 2], [180, 7, 2], [250, 3]]);
    expect(m4FromRollups(computeRollups(bad, 100), 0, 300, 3)).toEqual({ ts: [0, 100, 250], value: [1, null, 3] });
    expect(m4(bad, 0, 300, 3)).toEqual({ ts: [0, 150, 250], value: [1, null, 3] });
    const held = seriesOf([[0, 1], [250, 3]]);
    const rows = computeRollups(held, 100);
    expect(rows.map((r) => r.count)).toEqual([1, 0, 1]);
    expect(m4FromRollups(rows, 0, 300, 3)).toEqual({ ts: [0, 250], value: [1, 3] });
    // Consecutive bad buckets: one null; nothing drawn yet: no null.
    const long = seriesOf([[0, 5, 2], [100, 1], [200, 0, 2], [300, 0, 2], [400, 2]]);
    expect(m4FromRollups(computeRollups(long, 100), 0, 500, 5)).toEqual({ ts: [100, 200, 400], value: [1, null, 2] });
  });

  it('leaves out rows outside [from, to) and draws a usable prev first', () => {
    const rows = computeRollups(seriesOf([[50, 9], [120, 1], [180, 4], [310, 8]]), 100);
    const prev = { ts: 90, value: 9, quality: 0 };
    expect(m4FromRollups(rows, 100, 300, 1, { prev })).toEqual({ ts: [90, 120, 180], value: [9, 1, 4] });
    expect(m4FromRollups(rows, 100, 300, 1, { prev: { ...prev, quality: 2 } })).toEqual({ ts: [120, 180], value: [1, 4] });
    expect(m4FromRollups([], 100, 300, 4)).toEqual({ ts: [], value: [] });
    expect(m4FromRollups(rows, 300, 100, 4)).toEqual({ ts: [], value: [] });
  });

  it('when buckets straddle pixel borders: every point is a real sample, in time order, at most 4 per column', () => {
    // The documented error: a bucket is drawn wholly in the column of its start, so its points
    // can sit up to one bucket right of the column raw M4 would put them in.
    const rand = prng(22);
    for (let c = 0; c < 50; c++) {
      const bucketMs = 60_000;
      const width = int(rand, 1, 50);
      const from = 1_700_000_000_000 + int(rand, 0, 100_000);
      const to = from + int(rand, 1, 200) * bucketMs + int(rand, 0, bucketMs);
      const series = randomSeries(rand, { n: int(rand, 0, 400), start: from - 120_000, maxStep: Math.ceil((to - from) / 300), pEqual: 0.1, pUncertain: 0.1, levels: 50 });
      const got = m4FromRollups(computeRollups(series, bucketMs), from, to, width);
      const real = new Set(Array.from(series.ts, (t, i) => `${t}:${series.value[i]}`));
      expect(got.value.every((v, i) => v !== null && real.has(`${got.ts[i]}:${v}`)), `case ${c} real`).toBe(true);
      expect(got.ts.every((t, i) => i === 0 || t >= got.ts[i - 1]!), `case ${c} order`).toBe(true);
      expect(got.ts.every((t) => t >= Math.floor(from / bucketMs) * bucketMs && t < to + bucketMs), `case ${c} range`).toBe(true);
      expect(got.ts.length).toBeLessThanOrEqual(4 * width);
    }
  });
});
