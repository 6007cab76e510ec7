/**
 * Rollups: per-bucket aggregates of one tag, computed from raw samples, merged exactly into
 * coarser buckets, and turned into the contract's `AggregateRow`.
 *
 * Rules:
 * - "Good" here means usable: quality good or uncertain and a finite value (the same samples
 *   M4 draws, so a display built from rollups matches one built from raw samples). Bad
 *   samples (quality 2, NaN, ±Infinity) count in `count` only.
 * - Buckets are [bucket, bucket + bucketMs), aligned to multiples of bucketMs since the epoch
 *   (`aggregate` aligns its intervals to `from` instead).
 * - min/max/first/last are over good samples, NaN (timestamps NaN) when goodCount is 0.
 *   Ties: the earliest sample wins for min and for max.
 * - Step hold. Each good value holds from its timestamp until the next sample's timestamp
 *   (whatever that sample's quality); the hold is split over the buckets it crosses. A bad
 *   sample holds nothing. twSum = Σ value·ms held in the bucket, twMs = Σ ms held, and
 *   goodMs = ms of the bucket covered by good values. Under this rule goodMs equals twMs
 *   (both fields are kept: twMs is the denominator of the time-weighted mean, goodMs the
 *   numerator of goodFraction).
 * - The last value holds until `until`, which defaults to the last sample's own timestamp:
 *   the last value holds for 0 ms, because the future is not known. A caller that knows the
 *   value still stands (it is now `until`, and no newer sample arrived) passes `until`.
 * - `prev` (the last sample before the series) holds until the first sample (or `until` when
 *   the series is empty), counted from `from`. `from` defaults to the start of the first
 *   sample's bucket ("prev holds into the first bucket"; the part of its hold in earlier
 *   buckets belongs to whoever rolled those up), or to prev.ts when the series is empty.
 *   Holds are never counted before `from`.
 * - A row exists for every bucket that holds a sample or where a good value is held for
 *   more than 0 ms.
 * - Incremental use is exact: rolling up samples [0, k) with until = S and samples [k, n)
 *   with prev = sample k−1 and from = S (any S between the two samples' timestamps), then
 *   `mergeRollups` of both at the same bucketMs, equals rolling up [0, n) at once.
 */
import type { AggregateRow } from '../../contract/model.js';
import type { Series } from '../series.js';
import { invalidArgument, isUsable, lowerBound, type PrevSample, requirePositive } from './common.js';

export interface RollupRow {
  /** Bucket start, UTC epoch ms. */
  bucket: number;
  /** Samples in the bucket, any quality. */
  count: number;
  /** Good (usable) samples in the bucket. */
  goodCount: number;
  min: number;
  max: number;
  tsMin: number;
  tsMax: number;
  first: number;
  tsFirst: number;
  last: number;
  tsLast: number;
  /** Sum of the good values (mean = sum / goodCount). */
  sum: number;
  /** Σ value × ms held within the bucket (step hold). */
  twSum: number;
  /** ms of the bucket during which a good value was held. */
  twMs: number;
  /** ms of the bucket covered by good values (goodFraction = goodMs / bucketMs). */
  goodMs: number;
}

export interface RollupOptions {
  /** The last sample before the series: its value holds into the first bucket. */
  prev?: PrevSample;
  /** Until when the last value holds. Default: the last sample's ts (holds 0 ms). */
  until?: number;
  /** Hold time before this is not counted. Default: start of the first sample's bucket (prev.ts for an empty series). */
  from?: number;
}

/** Most intervals one `aggregate` call answers (a guard against a mistyped interval). */
export const MAX_AGGREGATE_INTERVALS = 1_000_000;

export function emptyRollupRow(bucket: number): RollupRow {
  return {
    bucket,
    count: 0,
    goodCount: 0,
    min: NaN,
    max: NaN,
    tsMin: NaN,
    tsMax: NaN,
    first: NaN,
    tsFirst: NaN,
    last: NaN,
    tsLast: NaN,
    sum: 0,
    twSum: 0,
    twMs: 0,
    goodMs: 0,
  };
}

export function computeRollups(series: Series, bucketMs: number, options: RollupOptions = {}): RollupRow[] {
  requirePositive('bucketMs', bucketMs);
  const n = series.ts.length;
  const prev = options.prev;
  if (n === 0 && prev === undefined) return [];
  const lastTs = n > 0 ? series.ts[n - 1]! : prev!.ts;
  const from = options.from ?? (n > 0 ? Math.floor(series.ts[0]! / bucketMs) * bucketMs : prev!.ts);
  return rollup(series, 0, n, 0, bucketMs, prev, from, Infinity, options.until ?? lastTs);
}

/**
 * The one rollup loop. Counts samples [lo, hi) into buckets origin + k·bucketMs; holds are
 * counted within [from, cap); the last sample (or prev when there is none) holds until
 * `lastEnd`.
 */
function rollup(
  series: Series,
  lo: number,
  hi: number,
  origin: number,
  bucketMs: number,
  prev: PrevSample | undefined,
  from: number,
  cap: number,
  lastEnd: number,
): RollupRow[] {
  const { ts, value, quality } = series;
  const rows: RollupRow[] = [];
  let cur: RollupRow | undefined;
  const rowAt = (bucket: number): RollupRow => {
    if (cur === undefined || cur.bucket !== bucket) {
      cur = emptyRollupRow(bucket);
      rows.push(cur);
    }
    return cur;
  };
  const hold = (start: number, end: number, v: number): void => {
    const a = start > from ? start : from;
    const e = end < cap ? end : cap;
    if (!(e > a)) return;
    for (let b = origin + Math.floor((a - origin) / bucketMs) * bucketMs; b < e; b += bucketMs) {
      const bEnd = b + bucketMs;
      const d = (e < bEnd ? e : bEnd) - (a > b ? a : b);
      if (d > 0) {
        const row = rowAt(b);
        row.twSum += v * d;
        row.twMs += d;
        row.goodMs += d;
      }
    }
  };

  // The value being held: since when, which value, and whether it is good.
  let heldGood = prev !== undefined && isUsable(prev.value, prev.quality);
  let heldTs = prev?.ts ?? 0;
  let heldV = prev?.value ?? 0;
  for (let i = lo; i < hi; i++) {
    const t = ts[i]!;
    if (heldGood) hold(heldTs, t, heldV);
    const v = value[i]!;
    const row = rowAt(origin + Math.floor((t - origin) / bucketMs) * bucketMs);
    row.count++;
    heldGood = isUsable(v, quality[i]!);
    heldTs = t;
    heldV = v;
    if (!heldGood) continue;
    row.goodCount++;
    row.sum += v;
    if (row.goodCount === 1) {
      row.min = row.max = row.first = row.last = v;
      row.tsMin = row.tsMax = row.tsFirst = row.tsLast = t;
    } else {
      if (v < row.min) {
        row.min = v;
        row.tsMin = t;
      }
      if (v > row.max) {
        row.max = v;
        row.tsMax = t;
      }
      row.last = v;
      row.tsLast = t;
    }
  }
  if (heldGood) hold(heldTs, lastEnd, heldV);
  return rows;
}

/**
 * Combine rows into coarser buckets (epoch-aligned multiples of bucketMs). Exact when
 * bucketMs is a multiple of the rows' bucket size: the result equals `computeRollups` on
 * the raw samples at bucketMs (sums up to floating-point reassociation). Rows sharing a
 * bucket (two partial rollups of one bucket) combine too, so bucketMs may equal the rows'
 * size. Rows are taken in bucket order (ties: in the order given, earlier = earlier samples).
 */
export function mergeRollups(rows: RollupRow[], bucketMs: number): RollupRow[] {
  requirePositive('bucketMs', bucketMs);
  const sorted = isSortedByBucket(rows) ? rows : [...rows].sort((a, b) => a.bucket - b.bucket); // stable
  const out: RollupRow[] = [];
  let acc: RollupRow | undefined;
  for (const row of sorted) {
    const bucket = Math.floor(row.bucket / bucketMs) * bucketMs;
    if (acc === undefined || acc.bucket !== bucket) {
      acc = emptyRollupRow(bucket);
      out.push(acc);
    }
    acc.count += row.count;
    acc.sum += row.sum;
    acc.twSum += row.twSum;
    acc.twMs += row.twMs;
    acc.goodMs += row.goodMs;
    if (row.goodCount === 0) continue;
    if (acc.goodCount === 0) {
      acc.min = row.min;
      acc.tsMin = row.tsMin;
      acc.max = row.max;
      acc.tsMax = row.tsMax;
      acc.first = row.first;
      acc.tsFirst = row.tsFirst;
      acc.last = row.last;
      acc.tsLast = row.tsLast;
    } else {
      if (row.min < acc.min || (row.min === acc.min && row.tsMin < acc.tsMin)) {
        acc.min = row.min;
        acc.tsMin = row.tsMin;
      }
      if (row.max > acc.max || (row.max === acc.max && row.tsMax < acc.tsMax)) {
        acc.max = row.max;
        acc.tsMax = row.tsMax;
      }
      if (row.tsFirst < acc.tsFirst) {
        acc.first = row.first;
        acc.tsFirst = row.tsFirst;
      }
      if (row.tsLast >= acc.tsLast) {
        acc.last = row.last;
        acc.tsLast = row.tsLast;
      }
    }
    acc.goodCount += row.goodCount;
  }
  return out;
}

export function isSortedByBucket(rows: RollupRow[]): boolean {
  for (let i = 1; i < rows.length; i++) if (rows[i]!.bucket < rows[i - 1]!.bucket) return false;
  return true;
}

/**
 * The contract's row. mean = sum/goodCount and min/max/first/last are null without good
 * samples; twMean = twSum/twMs is null only when no good value was held (an interval with
 * no samples but a held value has a twMean); goodFraction = goodMs / bucketMs.
 */
export function toAggregateRow(row: RollupRow, bucketMs: number): AggregateRow {
  const good = row.goodCount > 0;
  return {
    start: row.bucket,
    count: row.count,
    min: good ? row.min : null,
    max: good ? row.max : null,
    first: good ? row.first : null,
    last: good ? row.last : null,
    mean: good ? row.sum / row.goodCount : null,
    twMean: row.twMs > 0 ? row.twSum / row.twMs : null,
    goodFraction: bucketMs > 0 ? row.goodMs / bucketMs : 0,
  };
}

/**
 * One row for every interval [from + k·intervalMs, …) that starts before `to`, empty ones
 * included (count 0, nulls, goodFraction from held values), computed from raw samples.
 * - Samples before `from` are not counted; the last of them is the value held at `from`
 *   (it replaces `prev` when it is newer). Samples at or after `to` are not counted; the
 *   first of them ends the hold of the last sample in range.
 * - Holds stop at `to`. The last sample holds until the next sample, else until `until`
 *   (default: the series' last timestamp, i.e. not into the unknown future).
 * - The last interval is cut at `to`; its goodFraction is relative to its cut length.
 */
export function aggregate(series: Series, from: number, to: number, intervalMs: number, prev?: PrevSample, until?: number): AggregateRow[] {
  requirePositive('intervalMs', intervalMs);
  if (!(to > from)) return [];
  const intervals = Math.ceil((to - from) / intervalMs);
  if (intervals > MAX_AGGREGATE_INTERVALS) {
    throw invalidArgument(`aggregate: ${intervals} intervals of ${intervalMs} ms between ${from} and ${to}; at most ${MAX_AGGREGATE_INTERVALS}`);
  }
  const { ts, value, quality } = series;
  const n = ts.length;
  const lo = lowerBound(ts, from);
  const hi = lowerBound(ts, to, lo);
  let before = prev;
  if (lo > 0 && (before === undefined || ts[lo - 1]! >= before.ts)) {
    before = { ts: ts[lo - 1]!, value: value[lo - 1]!, quality: quality[lo - 1]! };
  }
  const lastEnd = hi < n ? ts[hi]! : (until ?? (n > 0 ? ts[n - 1]! : (before?.ts ?? from)));
  const rows = rollup(series, lo, hi, from, intervalMs, before, from, to, lastEnd);

  const out: AggregateRow[] = [];
  let r = 0;
  for (let k = 0; k < intervals; k++) {
    const start = from + k * intervalMs;
    const length = Math.min(intervalMs, to - start);
    const row = rows[r];
    if (row !== undefined && row.bucket === start) {
      out.push(toAggregateRow(row, length));
      r++;
    } else {
      out.push(toAggregateRow(emptyRollupRow(start), length));
    }
  }
  return out;
}
