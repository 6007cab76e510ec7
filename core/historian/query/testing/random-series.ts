/** Seeded random series for the query tests: irregular timestamps, repeats, ties and mixed quality. */
import type { Series } from '../../series.js';

export type Rand = () => number;

/** Whole number in [lo, hi]. */
export function int(rand: Rand, lo: number, hi: number): number {
  return lo + Math.floor(rand() * (hi - lo + 1));
}

export function pick<T>(rand: Rand, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

export interface RandomSeriesSpec {
  n: number;
  /** Timestamp of the first sample. */
  start: number;
  /** Largest ordinary step between samples, ms (steps are whole ms in [1, maxStep]). */
  maxStep: number;
  /** Chance that a sample repeats the previous timestamp. */
  pEqual?: number;
  /** Chance of a long step, in [maxStep, longStep]. */
  pLong?: number;
  longStep?: number;
  /** When set, timestamps are snapped down to a multiple of this with chance pSnap (bucket and column borders). */
  snap?: number;
  pSnap?: number;
  pBad?: number;
  pUncertain?: number;
  /** Chance of a NaN value (with good quality: NaN counts as bad). */
  pNaN?: number;
  /** When set, values are whole numbers in [0, levels), so ties are common. */
  levels?: number;
}

export function randomSeries(rand: Rand, spec: RandomSeriesSpec): Series {
  const { n } = spec;
  const ts = new Float64Array(n);
  const value = new Float64Array(n);
  const quality = new Uint8Array(n);
  let t = spec.start;
  for (let i = 0; i < n; i++) {
    if (i > 0) {
      const r = rand();
      if (r < (spec.pEqual ?? 0)) {
        // same timestamp
      } else if (r < (spec.pEqual ?? 0) + (spec.pLong ?? 0)) {
        t += int(rand, spec.maxStep, spec.longStep ?? spec.maxStep);
      } else {
        t += int(rand, 1, spec.maxStep);
      }
      if (spec.snap !== undefined && rand() < (spec.pSnap ?? 0)) {
        const snapped = Math.floor(t / spec.snap) * spec.snap;
        if (snapped >= ts[i - 1]!) t = snapped;
      }
    }
    ts[i] = t;
    value[i] = spec.levels !== undefined ? int(rand, 0, spec.levels - 1) : Math.round((20 + 60 * rand()) * 1000) / 1000;
    const q = rand();
    quality[i] = q < (spec.pBad ?? 0) ? 2 : q < (spec.pBad ?? 0) + (spec.pUncertain ?? 0) ? 1 : 0;
    if (rand() < (spec.pNaN ?? 0)) value[i] = NaN;
  }
  return { ts, value, quality };
}

/** Build a series from rows of [ts, value, quality?]. */
export function seriesOf(rows: readonly (readonly [number, number, number?])[]): Series {
  return {
    ts: Float64Array.from(rows, (r) => r[0]),
    value: Float64Array.from(rows, (r) => r[1]),
    quality: Uint8Array.from(rows, (r) => r[2] ?? 0),
  };
}

/** Samples [lo, hi) of a series, as a new series. */
export function sliceSeries(series: Series, lo: number, hi: number): Series {
  return { ts: series.ts.slice(lo, hi), value: series.value.slice(lo, hi), quality: series.quality.slice(lo, hi) };
}
