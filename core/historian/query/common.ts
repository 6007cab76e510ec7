/**
 * Shared pieces of the pure display and rollup queries: which samples are usable, the
 * display-point output, and exact pixel-column arithmetic.
 */
import { LinesideError } from '../../model/errors.js';

/** The last sample before a query's range (or before a series), so a line or a held value enters from the left. */
export interface PrevSample {
  ts: number;
  value: number;
  /** 0 good, 1 uncertain, 2 bad. */
  quality: number;
}

/** What the display queries return; fits `DisplaySeries.ts` / `DisplaySeries.value`. `null` is a gap. */
export interface DisplayPoints {
  ts: number[];
  value: (number | null)[];
}

export const QUALITY_BAD = 2;

/**
 * A sample is usable (drawn by M4, counted as "good" by the rollups) when its quality is
 * good or uncertain and its value is finite. NaN and ±Infinity count as bad: neither can
 * be drawn or averaged. `v - v === 0` is false exactly for NaN and ±Infinity.
 */
export function isUsable(value: number, quality: number): boolean {
  return quality !== QUALITY_BAD && value - value === 0;
}

/** First index whose timestamp is ≥ t, searching [lo, hi). */
export function lowerBound(ts: Float64Array, t: number, lo = 0, hi = ts.length): number {
  let a = lo;
  let b = hi;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (ts[mid]! < t) a = mid + 1;
    else b = mid;
  }
  return a;
}

/**
 * Pixel column of a scaled position `scaled = (t − from) · width`: column c holds
 * c·span ≤ scaled < (c+1)·span, span = to − from. This is the exact form of
 * "[from + c·span/width, from + (c+1)·span/width)": with whole-millisecond inputs every
 * product is an integer below 2^53, so borders are decided without rounding.
 */
export function columnOfScaled(scaled: number, span: number, width: number): number {
  let c = Math.floor(scaled / span);
  while (c > 0 && c * span > scaled) c--;
  while (c < width - 1 && (c + 1) * span <= scaled) c++;
  return c < 0 ? 0 : c > width - 1 ? width - 1 : c;
}

export function invalidArgument(message: string): LinesideError {
  return new LinesideError('invalid-request', message);
}

export function requirePositive(name: string, value: number): void {
  if (!(value > 0) || !Number.isFinite(value)) {
    throw invalidArgument(`${name} must be a positive finite number of milliseconds, got ${value}`);
  }
}
