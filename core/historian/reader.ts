/**
 * Queries on the historian: raw range, value at a time, aggregates per interval, and the
 * display query that decimates to the chart's pixel width on the core side (M4), reading
 * raw blocks for short ranges and rollups for long ones. Sealed data comes from the
 * database, the open head from memory; the answer joins both.
 */
import { qualityFromCode, type AggregateRow, type DisplaySeries, type RawSeries, type TagValue } from '../contract/index.js';
import { decodeBlock } from './codec/index.js';
import { HOUR_MS, MINUTE_MS, type Historian, type HistorianTag } from './historian.js';
import { rollupSelect, rowFromDb } from './rollup-store.js';
import { aggregate, computeRollups, m4, m4FromRollups, mergeRollups, toAggregateRow, type RollupRow } from './query/index.js';
import { lowerBound } from './query/common.js';
import { unpackRollups } from './rollup-pack.js';
import type { Series } from './series.js';

/** Up to this many raw samples per pixel column the display query reads raw data (exact M4). */
const RAW_SAMPLES_PER_PIXEL = 200;

export type Prev = { ts: number; value: number; quality: number };

export class HistorianReader {
  constructor(private readonly historian: Historian) {}

  private tag(path: string): HistorianTag {
    const entry = this.historian.tags.get(path);
    if (!entry) throw new Error(`no history for ${path}: it is not a stored tag`);
    return entry;
  }

  /** Samples in [from, to), blocks then the open head. */
  series(entry: HistorianTag, from: number, to: number): Series {
    return concatSeries(this.seriesParts(entry, from, to), entry.kind === 'string');
  }

  /** Samples in [from, to) in parts, not joined: each block's, then the open head's. */
  private seriesParts(entry: HistorianTag, from: number, to: number): Series[] {
    const parts: Series[] = [];
    if (from < this.historian.sealedBoundary) {
      const blocks = this.historian
        .sql('SELECT data FROM blocks WHERE tag = ? AND start < ? AND end >= ? ORDER BY start')
        .pluck()
        .all(entry.id, to, from) as Uint8Array[];
      for (const data of blocks) parts.push(sliceSeries(decodeBlock(data).series, from, to));
    }
    parts.push(entry.open.slice(from, to));
    return parts;
  }

  /** The last sample before `ts`, or undefined. */
  prev(entry: HistorianTag, ts: number): Prev | undefined {
    const open = entry.open;
    const i = open.indexAt(ts);
    if (i > 0) return { ts: open.ts[i - 1]!, value: open.value[i - 1]!, quality: open.quality[i - 1]! };
    const data = this.historian.sql('SELECT data FROM blocks WHERE tag = ? AND start < ? ORDER BY start DESC LIMIT 1').pluck().get(entry.id, ts) as
      | Uint8Array
      | undefined;
    if (!data) return undefined;
    const { series } = decodeBlock(data);
    let j = series.ts.length;
    while (j > 0 && series.ts[j - 1]! >= ts) j--;
    return j > 0 ? { ts: series.ts[j - 1]!, value: series.value[j - 1]!, quality: series.quality[j - 1]! } : undefined;
  }

  raw(path: string, from: number, to: number, limit = 100_000): RawSeries {
    const entry = this.tag(path);
    const series = this.series(entry, from, to);
    const n = Math.min(series.ts.length, limit);
    return {
      path,
      ts: Array.from(series.ts.subarray(0, n)),
      value: series.text ? series.text.slice(0, n) : Array.from(series.value.subarray(0, n)),
      quality: Array.from(series.quality.subarray(0, n), (q) => qualityFromCode[q] ?? 'bad'),
      truncated: series.ts.length > n,
    };
  }

  valueAt(path: string, at: number): TagValue | undefined {
    const entry = this.tag(path);
    const prev = this.prev(entry, at + 1);
    if (!prev) return undefined;
    const text = entry.kind === 'string' ? this.series(entry, prev.ts, prev.ts + 1).text?.at(-1) : undefined;
    const value = text ?? (entry.kind === 'bool' ? prev.value === 1 : prev.value);
    return { path, value, quality: { status: qualityFromCode[prev.quality] ?? 'bad' }, sourceTs: prev.ts };
  }

  /** 1-minute or 1-hour rollups over [from, to): sealed rows from the database, the open head computed now. */
  private rollups(entry: HistorianTag, bucketMs: number, from: number, to: number): RollupRow[] {
    const sealedUntil = this.historian.sealedBoundary;
    const start = Math.floor(from / bucketMs) * bucketMs;
    const rows: RollupRow[] = [];
    if (start < sealedUntil) rows.push(...this.storedRollups(entry, bucketMs, start, Math.min(to, sealedUntil)));
    if (to > sealedUntil && entry.open.length > 0) {
      const openFrom = Math.max(sealedUntil, Number.isFinite(sealedUntil) ? sealedUntil : entry.open.ts[0]!);
      const head = entry.open.slice(openFrom, to);
      const prev = entry.lastSealed;
      let fresh = computeRollups(head, MINUTE_MS, { ...(prev ? { prev } : {}), from: Number.isFinite(sealedUntil) ? sealedUntil : undefined, until: Math.min(to, entry.open.ts.at(-1)!) });
      if (bucketMs === HOUR_MS) {
        // The hour that straddles the seal boundary: its sealed minutes plus the open ones.
        const boundaryHour = Math.floor(sealedUntil / HOUR_MS) * HOUR_MS;
        const sealedMinutes = Number.isFinite(sealedUntil) ? this.storedRollups(entry, MINUTE_MS, boundaryHour, sealedUntil) : [];
        if (rows.length > 0 && rows.at(-1)!.bucket === boundaryHour) rows.pop();
        fresh = mergeRollups([...sealedMinutes, ...fresh], HOUR_MS);
      }
      rows.push(...fresh.filter((row) => row.bucket + bucketMs > from && row.bucket < to));
    }
    return rows;
  }

  /** Stored rows with buckets in [from, to): 1-hour rows, or 1-minute rows from their hours' blobs. */
  private storedRollups(entry: HistorianTag, bucketMs: number, from: number, to: number): RollupRow[] {
    const db = this.historian;
    if (bucketMs === HOUR_MS) return (db.sql(rollupSelect('rollup_1h')).all(entry.id, from, to) as Record<string, number | null>[]).map(rowFromDb);
    const blobs = db
      .sql('SELECT data FROM rollup_1m WHERE tag = ? AND hour >= ? AND hour < ? ORDER BY hour')
      .pluck()
      .all(entry.id, Math.floor(from / HOUR_MS) * HOUR_MS, to) as Uint8Array[];
    const rows: RollupRow[] = [];
    for (const blob of blobs) for (const row of unpackRollups(blob)) if (row.bucket >= from && row.bucket < to) rows.push(row);
    return rows;
  }

  display(path: string, from: number, to: number, width: number, maxGapMs?: number): DisplaySeries {
    const entry = this.tag(path);
    const pixelMs = (to - from) / width;
    const estimate = this.estimateCount(entry, from, to);
    if (estimate <= RAW_SAMPLES_PER_PIXEL * width || pixelMs < MINUTE_MS) {
      const prev = this.prev(entry, from);
      const points = m4(this.series(entry, from, to), from, to, width, { ...(maxGapMs ? { maxGapMs } : {}), ...(prev ? { prev } : {}) });
      return { path, from, to, width, source: 'raw', ...points };
    }
    // Hour rows once a pixel spans half an hour or more: a bucket then lands at most one
    // column away from where raw M4 would put its points, and a month is 720 rows.
    const bucketMs = pixelMs >= HOUR_MS / 2 ? HOUR_MS : MINUTE_MS;
    const points = m4FromRollups(this.rollups(entry, bucketMs, from, to), from, to, width);
    return { path, from, to, width, source: bucketMs === HOUR_MS ? 'rollup-1h' : 'rollup-1m', ...points };
  }

  /**
   * A counter's good samples reduced to at most four a minute, from the 1-minute rollups:
   * the first, lowest, highest and last, in time order. A cumulative counter only drops at
   * a wrap or a PLC restart, so with at most one drop a minute these points give the same
   * increments as every sample (core/analytics/oee/counters.ts), and a month of a 1 Hz
   * counter reads as 43,200 rollup rows instead of 2.6 M samples. Covers the minutes that
   * overlap [from, to).
   *
   * A sparse counter (on average at most four raw samples a minute in the span, e.g. one
   * polled once a minute) has hardly fewer rollup rows than raw samples, and its raw blocks
   * decode some 50 times faster than the rollup blobs (15 columns an hour, a row object
   * each): its raw samples are then returned as they are (they give exact increments, and
   * for a counter polled once a minute they are the very points of the rollups), as long
   * as the raw blocks still hold every sample the rollups counted (retention keeps
   * rollups longer than raw blocks).
   */
  counterPoints(path: string, from: number, to: number): Series {
    const entry = this.tag(path);
    const raw = this.sparseCounterSamples(entry, from, to);
    if (raw) return concatSeries(raw, false);
    const rows = this.rollups(entry, MINUTE_MS, from, to);
    const points = new MinutePoints(rows.length * 4);
    for (const row of rows) if (row.goodCount > 0) points.add(row.tsFirst, row.first, row.tsMin, row.min, row.tsMax, row.max, row.tsLast, row.last);
    return points.series();
  }

  /**
   * The raw samples the 1-minute rows of [from, to) were rolled up from (whole sealed
   * minutes, the open head up to `to`), block by block, when the counter is sparse there (at most four
   * samples a minute on average) and its raw blocks still hold every sample the hour
   * rollups counted; otherwise undefined.
   */
  private sparseCounterSamples(entry: HistorianTag, from: number, to: number): Series[] | undefined {
    if (entry.kind === 'string') return undefined;
    const start = Math.floor(from / MINUTE_MS) * MINUTE_MS;
    const sealedUntil = this.historian.sealedBoundary;
    const end = to > sealedUntil ? to : Math.ceil(to / MINUTE_MS) * MINUTE_MS;
    if (!(end > start) || this.estimateCount(entry, start, end) > (4 * (end - start)) / MINUTE_MS) return undefined;
    // Complete: the sealed samples of the whole hours around the span are as many as the hour rollups counted.
    const hourStart = Math.floor(start / HOUR_MS) * HOUR_MS;
    const hourEnd = Math.min(Math.ceil(end / HOUR_MS) * HOUR_MS, sealedUntil);
    const parts = this.seriesParts(entry, hourStart, Math.max(end, hourEnd));
    if (hourEnd > hourStart) {
      const counted = this.historian.sql('SELECT COALESCE(SUM(count), 0) FROM rollup_1h WHERE tag = ? AND bucket >= ? AND bucket < ?').pluck().get(entry.id, hourStart, hourEnd) as number;
      if (parts.reduce((n, part) => n + lowerBound(part.ts, hourEnd), 0) !== counted) return undefined;
    }
    return parts.map((part) => sliceSeries(part, start, end));
  }

  private estimateCount(entry: HistorianTag, from: number, to: number): number {
    const sealed = this.historian.sql('SELECT COALESCE(SUM(count), 0) FROM blocks WHERE tag = ? AND start < ? AND end >= ?').pluck().get(entry.id, to, from) as number;
    return sealed + entry.open.indexAt(to) - entry.open.indexAt(from);
  }

  aggregates(path: string, from: number, to: number, intervalMs: number): AggregateRow[] {
    const entry = this.tag(path);
    const aligned = from % intervalMs === 0 && intervalMs % MINUTE_MS === 0;
    if (!aligned || entry.kind === 'string') return aggregate(this.series(entry, from, to), from, to, intervalMs, this.prev(entry, from));
    const base = intervalMs % HOUR_MS === 0 ? HOUR_MS : MINUTE_MS;
    const merged = mergeRollups(this.rollups(entry, base, from, to), intervalMs);
    const byStart = new Map(merged.map((row) => [row.bucket, row]));
    const out: AggregateRow[] = [];
    for (let start = from; start < to; start += intervalMs) {
      const row = byStart.get(start);
      out.push(row ? toAggregateRow(row, intervalMs) : { start, count: 0, min: null, max: null, first: null, last: null, mean: null, twMean: null, goodFraction: 0 });
    }
    return out;
  }
}

export function sliceSeries(series: Series, from: number, to: number): Series {
  let a = 0;
  while (a < series.ts.length && series.ts[a]! < from) a++;
  let b = series.ts.length;
  while (b > a && series.ts[b - 1]! >= to) b--;
  if (a === 0 && b === series.ts.length) return series;
  return {
    ts: series.ts.subarray(a, b),
    value: series.value.subarray(a, b),
    quality: series.quality.subarray(a, b),
    ...(series.text ? { text: series.text.slice(a, b) } : {}),
  };
}

export function concatSeries(parts: readonly Series[], withText: boolean): Series {
  if (parts.length === 1) return parts[0]!;
  const n = parts.reduce((sum, p) => sum + p.ts.length, 0);
  const out: Series = { ts: new Float64Array(n), value: new Float64Array(n), quality: new Uint8Array(n), ...(withText ? { text: [] as string[] } : {}) };
  let at = 0;
  for (const part of parts) {
    out.ts.set(part.ts, at);
    out.value.set(part.value, at);
    out.quality.set(part.quality, at);
    // A loop, not push(...text): a day of a string tag's samples is more arguments than a call takes.
    if (withText) for (const text of part.text ?? []) out.text!.push(text);
    at += part.ts.length;
  }
  return out;
}

/**
 * Counter points, at most four a minute: per minute the first, lowest, highest and last
 * good sample, in time order (on equal times: first, lowest, highest, last), one per time.
 */
class MinutePoints {
  private readonly ts: Float64Array;
  private readonly value: Float64Array;
  private n = 0;
  private readonly pt = new Float64Array(4);
  private readonly pv = new Float64Array(4);

  constructor(capacity: number) {
    this.ts = new Float64Array(capacity);
    this.value = new Float64Array(capacity);
  }

  add(tsFirst: number, first: number, tsMin: number, min: number, tsMax: number, max: number, tsLast: number, last: number): void {
    if (tsFirst === tsLast) {
      // One time in the minute (a counter polled once a minute): one point.
      this.ts[this.n] = tsFirst;
      this.value[this.n++] = first;
      return;
    }
    const { pt, pv } = this;
    pt[0] = tsFirst;
    pv[0] = first;
    pt[1] = tsMin;
    pv[1] = min;
    pt[2] = tsMax;
    pv[2] = max;
    pt[3] = tsLast;
    pv[3] = last;
    // A stable insertion sort by time.
    for (let i = 1; i < 4; i++) {
      const t = pt[i]!;
      const v = pv[i]!;
      let j = i;
      for (; j > 0 && pt[j - 1]! > t; j--) {
        pt[j] = pt[j - 1]!;
        pv[j] = pv[j - 1]!;
      }
      pt[j] = t;
      pv[j] = v;
    }
    for (let i = 0; i < 4; i++) {
      if (i > 0 && pt[i] === pt[i - 1]) continue;
      this.ts[this.n] = pt[i]!;
      this.value[this.n++] = pv[i]!;
    }
  }

  series(): Series {
    const n = this.n;
    const full = n === this.ts.length;
    return { ts: full ? this.ts : this.ts.slice(0, n), value: full ? this.value : this.value.slice(0, n), quality: new Uint8Array(n) };
  }
}
