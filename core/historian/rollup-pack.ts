/**
 * 1-minute rollups are stored one row per tag and hour: the hour's minute rows packed
 * column by column as little-endian float64 (NaN for "no good value"). Reading a month of
 * minutes is then 720 small blobs, not 43,200 rows, and a seal rewrites one blob per tag.
 * Layout (version 1): f64 version | f64 row count n | 15 columns × n f64, in RollupRow field order.
 */
import type { RollupRow } from './query/index.js';

const VERSION = 1;
const fields = ['bucket', 'count', 'goodCount', 'min', 'max', 'tsMin', 'tsMax', 'first', 'tsFirst', 'last', 'tsLast', 'sum', 'twSum', 'twMs', 'goodMs'] as const;

export function packRollups(rows: readonly RollupRow[]): Uint8Array {
  const n = rows.length;
  const out = new Float64Array(2 + fields.length * n);
  out[0] = VERSION;
  out[1] = n;
  fields.forEach((field, f) => {
    const base = 2 + f * n;
    for (let i = 0; i < n; i++) out[base + i] = rows[i]![field];
  });
  return new Uint8Array(out.buffer);
}

export function unpackRollups(bytes: Uint8Array): RollupRow[] {
  // Copy when unaligned: a Float64Array view needs an 8-byte aligned offset.
  const aligned = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
  const data = new Float64Array(aligned.buffer, aligned.byteOffset, Math.floor(aligned.byteLength / 8));
  if (data[0] !== VERSION) throw new Error(`rollup blob version ${data[0]} is not supported (expected ${VERSION})`);
  const n = data[1]!;
  if (data.length !== 2 + fields.length * n) throw new Error(`rollup blob holds ${data.length} numbers, expected ${2 + fields.length * n} for ${n} rows`);
  const rows: RollupRow[] = new Array(n);
  const base = 2;
  for (let i = 0; i < n; i++) {
    rows[i] = {
      bucket: data[base + i]!,
      count: data[base + n + i]!,
      goodCount: data[base + 2 * n + i]!,
      min: data[base + 3 * n + i]!,
      max: data[base + 4 * n + i]!,
      tsMin: data[base + 5 * n + i]!,
      tsMax: data[base + 6 * n + i]!,
      first: data[base + 7 * n + i]!,
      tsFirst: data[base + 8 * n + i]!,
      last: data[base + 9 * n + i]!,
      tsLast: data[base + 10 * n + i]!,
      sum: data[base + 11 * n + i]!,
      twSum: data[base + 12 * n + i]!,
      twMs: data[base + 13 * n + i]!,
      goodMs: data[base + 14 * n + i]!,
    };
  }
  return rows;
}
