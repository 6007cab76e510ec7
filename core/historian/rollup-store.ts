/**
 * Rollup rows in SQLite: 1-hour rows as ordinary rows (NULL where a rollup value is NaN,
 * that is "no good value"), and the merge rule for the minutes of one hour.
 */
import type { RollupRow } from './query/index.js';

export const rollupInsert = (table: string) =>
  `INSERT OR REPLACE INTO ${table} (tag, bucket, count, good_count, min, max, ts_min, ts_max, first, ts_first, last, ts_last, sum, tw_sum, tw_ms, good_ms)
   VALUES (@tag, @bucket, @count, @goodCount, @min, @max, @tsMin, @tsMax, @first, @tsFirst, @last, @tsLast, @sum, @twSum, @twMs, @goodMs)`;

export const rollupSelect = (table: string) =>
  `SELECT bucket, count, good_count AS goodCount, min, max, ts_min AS tsMin, ts_max AS tsMax, first, ts_first AS tsFirst, last,
     ts_last AS tsLast, sum, tw_sum AS twSum, tw_ms AS twMs, good_ms AS goodMs FROM ${table} WHERE tag = ? AND bucket >= ? AND bucket < ? ORDER BY bucket`;

/** SQLite answers NULL for NaN; rollup rows use NaN for "no good value". */
export function rowFromDb(row: Record<string, number | null>): RollupRow {
  const n = (v: number | null) => (v === null ? Number.NaN : v);
  return {
    bucket: row.bucket!,
    count: row.count!,
    goodCount: row.goodCount!,
    min: n(row.min!),
    max: n(row.max!),
    tsMin: n(row.tsMin!),
    tsMax: n(row.tsMax!),
    first: n(row.first!),
    tsFirst: n(row.tsFirst!),
    last: n(row.last!),
    tsLast: n(row.tsLast!),
    sum: row.sum!,
    twSum: row.twSum!,
    twMs: row.twMs!,
    goodMs: row.goodMs!,
  } as RollupRow;
}

/** A rollup row as named SQL parameters, NaN as NULL. */
export function toDbRow(tag: number, row: RollupRow): Record<string, number | null> {
  const v = (x: number) => (Number.isNaN(x) ? null : x);
  return {
    tag,
    bucket: row.bucket,
    count: row.count,
    goodCount: row.goodCount,
    min: v(row.min),
    max: v(row.max),
    tsMin: v(row.tsMin),
    tsMax: v(row.tsMax),
    first: v(row.first),
    tsFirst: v(row.tsFirst),
    last: v(row.last),
    tsLast: v(row.tsLast),
    sum: row.sum,
    twSum: row.twSum,
    twMs: row.twMs,
    goodMs: row.goodMs,
  };
}

/** Minute rows of one hour: later rows for the same minute replace earlier ones. */
export function mergeMinutes(older: readonly RollupRow[], newer: readonly RollupRow[]): RollupRow[] {
  const byBucket = new Map<number, RollupRow>();
  for (const row of older) byBucket.set(row.bucket, row);
  for (const row of newer) byBucket.set(row.bucket, row);
  return [...byBucket.values()].sort((a, b) => a.bucket - b.bucket);
}
