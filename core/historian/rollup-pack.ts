/**
 * 1-minute rollups are stored one row per tag and hour: the hour's minute rows, column by
 * column, each column compressed with the block codec (the rows' timestamps are stored as
 * offsets from their bucket, so they compress like small integers). Reading a week of
 * minutes is then 168 small blobs, not 10,080 rows, and a seal rewrites one blob per tag.
 * Layout (version 1): u8 version | u8 column count | per column: u32 LE byte length, block.
 */
import { decodeBlock, encodeBlock } from './codec/index.js';
import type { RollupRow } from './query/index.js';

const VERSION = 1;
const fields = ['bucket', 'count', 'goodCount', 'min', 'max', 'tsMin', 'tsMax', 'first', 'tsFirst', 'last', 'tsLast', 'sum', 'twSum', 'twMs', 'goodMs'] as const;
/** Columns holding a time inside the bucket: stored relative to the bucket start. */
const relative = new Set<string>(['tsMin', 'tsMax', 'tsFirst', 'tsLast']);

export function packRollups(rows: readonly RollupRow[]): Uint8Array {
  const n = rows.length;
  const ts = new Float64Array(n);
  for (let i = 0; i < n; i++) ts[i] = i;
  const quality = new Uint8Array(n);
  const columns = fields.map((field) => {
    const value = new Float64Array(n);
    for (let i = 0; i < n; i++) value[i] = relative.has(field) ? rows[i]![field] - rows[i]!.bucket : rows[i]![field];
    return encodeBlock('f64', { ts, value, quality });
  });
  const out = new Uint8Array(2 + columns.reduce((total, c) => total + 4 + c.length, 0));
  const view = new DataView(out.buffer);
  out[0] = VERSION;
  out[1] = fields.length;
  let at = 2;
  for (const column of columns) {
    view.setUint32(at, column.length, true);
    out.set(column, at + 4);
    at += 4 + column.length;
  }
  return out;
}

export function unpackRollups(bytes: Uint8Array): RollupRow[] {
  if (bytes[0] !== VERSION || bytes[1] !== fields.length) throw new Error(`rollup blob version ${bytes[0]} with ${bytes[1]} columns is not supported (expected version ${VERSION}, ${fields.length} columns)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const columns: Float64Array[] = [];
  let at = 2;
  for (let f = 0; f < fields.length; f++) {
    if (at + 4 > bytes.length) throw new Error(`rollup blob truncated at column ${fields[f]}`);
    const length = view.getUint32(at, true);
    columns.push(decodeBlock(bytes.subarray(at + 4, at + 4 + length)).series.value);
    at += 4 + length;
  }
  const [bucket, count, goodCount, min, max, tsMin, tsMax, first, tsFirst, last, tsLast, sum, twSum, twMs, goodMs] = columns as [
    Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array,
    Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array,
  ];
  const rows: RollupRow[] = new Array(bucket.length);
  for (let i = 0; i < bucket.length; i++) {
    const b = bucket[i]!;
    rows[i] = {
      bucket: b,
      count: count[i]!,
      goodCount: goodCount[i]!,
      min: min[i]!,
      max: max[i]!,
      tsMin: tsMin[i]! + b,
      tsMax: tsMax[i]! + b,
      first: first[i]!,
      tsFirst: tsFirst[i]! + b,
      last: last[i]!,
      tsLast: tsLast[i]! + b,
      sum: sum[i]!,
      twSum: twSum[i]!,
      twMs: twMs[i]!,
      goodMs: goodMs[i]!,
    };
  }
  return rows;
}
