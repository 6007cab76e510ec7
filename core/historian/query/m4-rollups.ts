/**
 * M4 from rollup rows, for ranges too long to read raw samples (weeks at 1-minute or
 * 1-hour rollups).
 *
 * Rules:
 * - A row belongs to the pixel column that contains its bucket start (rows with a bucket
 *   outside [from, to) are left out) and brings its first, min, max and last good points
 *   with their real timestamps (tsFirst, tsMin, tsMax, tsLast).
 * - Per column: the first (earliest tsFirst), min (smallest; tie: earliest tsMin), max
 *   (largest; tie: earliest tsMax) and last (latest tsLast), emitted in time order, points
 *   sharing a timestamp as first, min, max, last, a repeated (ts, value) once — the same
 *   rules as `m4` on raw samples.
 * - A row with samples but none good (count > 0, goodCount 0) is a gap: a `null` at its
 *   bucket start. A row with no samples (count 0) carries only a held value: the line goes on
 *   through it, no gap. Nulls are never emitted twice in a row nor first.
 * - `prev` (the last sample before `from`) is emitted first when it is usable.
 *
 * Exactness. When every pixel border is a bucket border (from a multiple of the bucket size
 * and span = width × k × bucketMs), each column holds exactly the rows of its own samples and
 * the output equals `m4` on the raw samples for data without bad samples. Otherwise a
 * bucket that straddles a pixel border is drawn wholly in the column of its start: its
 * points keep their true timestamps but can be up to one bucket (one bucketMs) early or late
 * relative to the column in which raw M4 would have put them, and a column that starts
 * inside a bucket may show nothing of it. Bad stretches inside a row that also has good
 * samples are invisible at rollup resolution (the row's good points are joined across them).
 */
import { columnOfScaled, type DisplayPoints, isUsable, type PrevSample } from './common.js';
import { isSortedByBucket, type RollupRow } from './rollup.js';

export interface M4FromRollupsOptions {
  /** The last sample before `from`, so the line enters the chart from the left. */
  prev?: PrevSample;
}

interface Column {
  has: boolean;
  fTs: number;
  fV: number;
  mnTs: number;
  mnV: number;
  mxTs: number;
  mxV: number;
  lTs: number;
  lV: number;
  /** Bucket starts of the column's gap rows, ascending. */
  gaps: number[];
}

export function m4FromRollups(rows: RollupRow[], from: number, to: number, width: number, options: M4FromRollupsOptions = {}): DisplayPoints {
  const out: DisplayPoints = { ts: [], value: [] };
  const w = Math.floor(width);
  const span = to - from;
  if (!(w >= 1) || !(span > 0)) return out;
  const sorted = isSortedByBucket(rows) ? rows : [...rows].sort((a, b) => a.bucket - b.bucket);
  const state = { lastNull: false };
  const prev = options.prev;
  if (prev !== undefined && isUsable(prev.value, prev.quality)) {
    out.ts.push(prev.ts);
    out.value.push(prev.value);
  }

  const col: Column = { has: false, fTs: 0, fV: 0, mnTs: 0, mnV: 0, mxTs: 0, mxV: 0, lTs: 0, lV: 0, gaps: [] };
  let colEnd = -Infinity;
  for (const row of sorted) {
    if (row.bucket < from) continue;
    if (row.bucket >= to) break;
    const scaled = (row.bucket - from) * w;
    if (scaled >= colEnd) {
      flushColumn(out, col, state);
      colEnd = (columnOfScaled(scaled, span, w) + 1) * span;
    }
    if (row.goodCount === 0) {
      if (row.count > 0) col.gaps.push(row.bucket);
      continue;
    }
    if (!col.has) {
      col.has = true;
      col.fTs = row.tsFirst;
      col.fV = row.first;
      col.mnTs = row.tsMin;
      col.mnV = row.min;
      col.mxTs = row.tsMax;
      col.mxV = row.max;
      col.lTs = row.tsLast;
      col.lV = row.last;
      continue;
    }
    if (row.tsFirst < col.fTs) {
      col.fTs = row.tsFirst;
      col.fV = row.first;
    }
    if (row.min < col.mnV || (row.min === col.mnV && row.tsMin < col.mnTs)) {
      col.mnTs = row.tsMin;
      col.mnV = row.min;
    }
    if (row.max > col.mxV || (row.max === col.mxV && row.tsMax < col.mxTs)) {
      col.mxTs = row.tsMax;
      col.mxV = row.max;
    }
    if (row.tsLast >= col.lTs) {
      col.lTs = row.tsLast;
      col.lV = row.last;
    }
  }
  flushColumn(out, col, state);
  return out;
}

function flushColumn(out: DisplayPoints, col: Column, state: { lastNull: boolean }): void {
  let g = 0;
  const emitUpTo = (t: number): void => {
    for (; g < col.gaps.length && col.gaps[g]! < t; g++) emitNull(out, col.gaps[g]!, state);
  };
  if (col.has) {
    const minFirst = col.mnTs <= col.mxTs;
    const pts: [number, number][] = [
      [col.fTs, col.fV],
      minFirst ? [col.mnTs, col.mnV] : [col.mxTs, col.mxV],
      minFirst ? [col.mxTs, col.mxV] : [col.mnTs, col.mnV],
      [col.lTs, col.lV],
    ];
    for (let k = 0; k < 4; k++) {
      const [t, v] = pts[k]!;
      let repeat = false;
      for (let j = 0; j < k; j++) if (pts[j]![0] === t && pts[j]![1] === v) repeat = true;
      if (repeat) continue;
      emitUpTo(t);
      out.ts.push(t);
      out.value.push(v);
      state.lastNull = false;
    }
  }
  emitUpTo(Infinity);
  col.has = false;
  col.gaps.length = 0;
}

function emitNull(out: DisplayPoints, t: number, state: { lastNull: boolean }): void {
  if (state.lastNull || out.ts.length === 0) return;
  out.ts.push(t);
  out.value.push(null);
  state.lastNull = true;
}
