import { describe, expect, it } from 'vitest';
import { PenSeries, alignPens, lastAtOrBefore } from './pen-series.js';

const live = { bucketMs: 1_000, maxGapMs: 10_000 };

function series(ts: number[], value: (number | null)[]): PenSeries {
  const s = new PenSeries();
  s.setHistory({ ts, value });
  return s;
}

describe('PenSeries', () => {
  it('takes history in time order, merging equal times (a gap wins) and dropping times that go back', () => {
    const s = series([1, 2, 2, 3, 2, 4, 4], [10, 20, null, 30, 99, 40, 41]);
    expect(s.ts).toEqual([1, 2, 3, 4]);
    expect(s.value).toEqual([10, null, 30, 41]);
    expect(s.quality).toEqual(['good', 'gap', 'good', 'good']);
  });

  it('keeps live samples newer than the history it receives', () => {
    const s = new PenSeries();
    s.appendLive(950, 5, 'good', live);
    s.appendLive(1_950, 6, 'good', live);
    s.setHistory({ ts: [100, 500, 900], value: [1, 2, 3] }, 1_000);
    expect(s.ts).toEqual([100, 500, 900, 1_950]);
    expect(s.value).toEqual([1, 2, 3, 6]);
  });

  it('appends live samples, ignoring ones not newer than the last point', () => {
    const s = series([0], [1]);
    expect(s.appendLive(1_500, 2, 'good', live)).toBe(true);
    expect(s.appendLive(1_500, 3, 'good', live)).toBe(false);
    expect(s.appendLive(1_000, 3, 'good', live)).toBe(false);
    expect(s.value).toEqual([1, 2]);
  });

  it('reduces samples within one pixel column to first, min, max and last', () => {
    const s = new PenSeries();
    const opts = { bucketMs: 10_000, maxGapMs: 60_000 };
    for (const [t, v] of [
      [10_000, 5],
      [11_000, 9],
      [12_000, 1],
      [13_000, 4],
      [14_000, 6],
    ] as const)
      s.appendLive(t, v, 'good', opts);
    expect(s.ts).toEqual([10_000, 11_000, 12_000, 14_000]);
    expect(s.value).toEqual([5, 9, 1, 6]);
    s.appendLive(20_500, 7, 'uncertain', opts);
    expect(s.ts).toEqual([10_000, 11_000, 12_000, 14_000, 20_500]);
    expect(s.quality.at(-1)).toBe('uncertain');
    // Hundreds of samples in one column stay at most four points: here the first (7, also
    // the column's maximum), the minimum and the last.
    for (let t = 21_000; t < 30_000; t += 10) s.appendLive(t, Math.sin(t), 'good', opts);
    expect(s.length).toBe(7);
    expect(s.ts.slice(4, 5)).toEqual([20_500]);
    expect(s.ts.at(-1)).toBe(29_990);
    expect(Math.min(...(s.value.slice(4) as number[]))).toBeLessThan(-0.99);
  });

  it('marks bad samples and silences longer than maxGapMs as gaps', () => {
    const s = series([0], [1]);
    s.appendLive(1_000, 2, 'good', live);
    s.appendLive(2_000, null, 'bad', live);
    s.appendLive(3_000, 3, 'good', live);
    s.appendLive(30_000, 4, 'good', live);
    expect(s.value).toEqual([1, 2, null, 3, null, 4]);
    expect(s.quality).toEqual(['good', 'good', 'bad', 'good', 'gap', 'good']);
    expect(s.ts[4]).toBe(16_500);
    expect(s.counts(0, 40_000)).toEqual({ points: 4, gaps: 2 });
    expect(s.counts(2_500, 40_000)).toEqual({ points: 2, gaps: 1 });
  });

  it('trims old points but keeps the one that enters from the left edge', () => {
    const s = series([0, 10, 20, 30], [0, 1, 2, 3]);
    expect(s.trimBefore(25)).toBe(2);
    expect(s.ts).toEqual([20, 30]);
    expect(s.trimBefore(25)).toBe(0);
  });

  it('reads the value that holds at a time, with no data after a long silence', () => {
    const s = series([0, 10, 20], [1, null, 3]);
    expect(s.at(-1, 100)).toBeNull();
    expect(s.at(5, 100)).toEqual({ ts: 0, value: 1, quality: 'good' });
    expect(s.at(15, 100)).toEqual({ ts: 10, value: null, quality: 'gap' });
    expect(s.at(50, 100)).toEqual({ ts: 20, value: 3, quality: 'good' });
    expect(s.at(500, 100)).toEqual({ ts: 20, value: null, quality: 'gap' });
  });

  it('finds the last index at or before a time', () => {
    expect(lastAtOrBefore([1, 3, 5], 0)).toBe(-1);
    expect(lastAtOrBefore([1, 3, 5], 3)).toBe(1);
    expect(lastAtOrBefore([1, 3, 5], 4)).toBe(1);
    expect(lastAtOrBefore([1, 3, 5], 9)).toBe(2);
  });
});

describe('alignPens', () => {
  it('joins pens on one x column: undefined where a pen has no point, null across its gaps', () => {
    const a = series([0, 10, 20, 30], [1, null, 3, 4]);
    const b = series([5, 15, 25, 35], [50, 51, 52, 53]);
    const [x, sa, sb] = alignPens([a, b]);
    expect(x).toEqual([0, 5, 10, 15, 20, 25, 30, 35]);
    expect(sa).toEqual([1, null, null, null, 3, undefined, 4, undefined]);
    expect(sb).toEqual([undefined, 50, undefined, 51, undefined, 52, undefined, 53]);
  });

  it('merges equal times into one row and handles empty pens', () => {
    const [x, sa, sb, sc] = alignPens([series([1, 2], [1, 2]), series([2, 3], [20, 30]), new PenSeries()]);
    expect(x).toEqual([1, 2, 3]);
    expect(sa).toEqual([1, 2, undefined]);
    expect(sb).toEqual([undefined, 20, 30]);
    expect(sc).toEqual([undefined, undefined, undefined]);
    expect(alignPens([])).toEqual([[]]);
  });
});
