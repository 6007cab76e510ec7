/**
 * Cumulative PLC counters (total, reject, energy) → increments: how much was counted, and
 * when. Pure: samples in, increments out. An increment is the difference between two
 * consecutive good samples, placed at the later sample's time: it was counted in
 * (previous ts, ts], so a period [from, to) takes the increments with from < ts ≤ to (a
 * 1 s counter places each unit within a second; across a bad-quality gap the whole
 * difference lands at the end of the gap). Bad-quality and non-numeric samples are skipped.
 *
 * When the counter goes down:
 * - a wrap, when the asset's counters wrap (`modulus`, e.g. 65,536 for a uint16) and the
 *   difference through the wrap, v + modulus − previous, is plausible: the increment is
 *   that difference;
 * - otherwise a reset (the PLC restarted and counts from zero again), when the new value
 *   itself is plausible as what was counted since: the increment is the new value;
 * - otherwise a set-back (someone preset the counter): no increment, counting goes on
 *   from the new value.
 * Plausible: at most `maxRatePerS` × the time between the samples (+1), when a rate bound
 * is given; without one, a wrap must be under a quarter of the modulus and any reset is
 * plausible. With a rate bound, an increase beyond it is a jump (a garbled value): no
 * increment either.
 */
import { sampleFeed, type SampleInput } from './intervals.js';

/** Increments in columns: when (UTC ms, ascending) and how much. */
export interface IncrementColumns {
  ts: ArrayLike<number>;
  delta: ArrayLike<number>;
}

export interface CounterOptions {
  modulus?: number;
  /** The fastest the counter can really count, per second (a few times the ideal rate). */
  maxRatePerS?: number;
}

export interface CounterIncrements extends IncrementColumns {
  ts: Float64Array;
  delta: Float64Array;
  wraps: number;
  resets: number;
  setBacks: number;
  jumps: number;
}

/** The increments of a counter's samples (arrays are sorted when out of order; columns must be in order). */
export function counterIncrements(samples: SampleInput, options: CounterOptions = {}): CounterIncrements {
  const feed = sampleFeed(samples);
  const ts = new Float64Array(Math.max(0, feed.length - 1));
  const deltas = new Float64Array(ts.length);
  let count = 0;
  const tally = { wraps: 0, resets: 0, setBacks: 0, jumps: 0 };
  const { modulus, maxRatePerS } = options;
  let prev: number | undefined;
  let prevTs = 0;
  for (let i = 0; i < feed.length; i++) {
    const v = feed.value(i);
    if (typeof v !== 'number' || !Number.isFinite(v) || feed.quality(i).status === 'bad') continue;
    const t = feed.ts(i);
    if (prev !== undefined) {
      const bound = maxRatePerS === undefined ? undefined : (maxRatePerS * (t - prevTs)) / 1000 + 1;
      let delta = 0;
      if (v >= prev) {
        if (bound !== undefined && v - prev > bound) tally.jumps++;
        else delta = v - prev;
      } else {
        const wrapped = modulus === undefined ? undefined : v + modulus - prev;
        if (wrapped !== undefined && wrapped <= (bound ?? modulus! / 4)) {
          delta = wrapped;
          tally.wraps++;
        } else if (bound === undefined || v <= bound) {
          delta = v;
          tally.resets++;
        } else tally.setBacks++;
      }
      if (delta > 0) {
        ts[count] = t;
        deltas[count++] = delta;
      }
    }
    prev = v;
    prevTs = t;
  }
  return { ts: ts.subarray(0, count), delta: deltas.subarray(0, count), ...tally };
}

/** Index of the first time after `t` in ascending times. */
export function firstAfter(times: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Increments from [ts, delta] pairs (for tests and hand-made data). */
export function incrementColumns(pairs: readonly (readonly [number, number])[]): IncrementColumns {
  return { ts: Float64Array.from(pairs, (p) => p[0]), delta: Float64Array.from(pairs, (p) => p[1]) };
}
