/**
 * The columns a trend draws. Each pen keeps its own points (time, value or null for a gap,
 * quality): history from a display query, then live samples appended — reduced per pixel
 * column to first, min, max and last (M4, like the core), so that a long live range does
 * not grow without bound. `alignPens` joins the pens into uPlot's one x column: where a pen
 * has no point it is `undefined` (the line runs on), where it has a gap it is `null` (the
 * line breaks), and a gap extends to its neighbours so the line never bridges it. Pure.
 */

export type PointQuality = 'good' | 'uncertain' | 'bad' | 'gap';

export interface DisplayColumns {
  ts: readonly number[];
  value: readonly (number | null)[];
}

interface Bucket {
  index: number;
  /** Where the bucket's points start in the columns. */
  start: number;
  first: number;
  min: number;
  max: number;
  last: number;
}

export interface LiveAppendOptions {
  /** Width of a pixel column in ms: samples within one are reduced to first/min/max/last. */
  bucketMs: number;
  /** Good samples further apart than this get a gap between them. */
  maxGapMs: number;
}

export class PenSeries {
  readonly ts: number[] = [];
  readonly value: (number | null)[] = [];
  readonly quality: PointQuality[] = [];
  private bucket: Bucket | null = null;

  get length(): number {
    return this.ts.length;
  }

  get lastTime(): number {
    return this.ts.length === 0 ? -Infinity : this.ts[this.ts.length - 1]!;
  }

  clear(): void {
    this.ts.length = 0;
    this.value.length = 0;
    this.quality.length = 0;
    this.bucket = null;
  }

  /**
   * Replaces the points with a display query's answer. With `keepAfter`, points newer than
   * it (live samples that arrived while the query ran) are kept after the history.
   */
  setHistory(columns: DisplayColumns, keepAfter?: number): void {
    let keepFrom = this.ts.length;
    if (keepAfter !== undefined) {
      keepFrom = 0;
      while (keepFrom < this.ts.length && this.ts[keepFrom]! <= keepAfter) keepFrom++;
    }
    const keptTs = this.ts.slice(keepFrom);
    const keptValue = this.value.slice(keepFrom);
    const keptQuality = this.quality.slice(keepFrom);
    this.clear();
    const n = Math.min(columns.ts.length, columns.value.length);
    let last = -Infinity;
    for (let i = 0; i < n; i++) {
      const t = columns.ts[i]!;
      if (!(t >= last)) continue; // uPlot needs ascending x; equal times (M4 of one sample) are merged below
      const v = columns.value[i] ?? null;
      if (t === last) {
        // Same time twice: a gap wins, else the later value.
        if (v === null || this.value[this.value.length - 1] !== null) this.value[this.value.length - 1] = v;
        this.quality[this.quality.length - 1] = this.value[this.value.length - 1] === null ? 'gap' : 'good';
        continue;
      }
      this.ts.push(t);
      this.value.push(v);
      this.quality.push(v === null ? 'gap' : 'good');
      last = t;
    }
    for (let i = 0; i < keptTs.length; i++) {
      if (!(keptTs[i]! > this.lastTime)) continue;
      this.ts.push(keptTs[i]!);
      this.value.push(keptValue[i]!);
      this.quality.push(keptQuality[i]!);
    }
  }

  /** Appends a live sample (null value: bad quality). Returns whether the columns changed. */
  appendLive(t: number, v: number | null, quality: 'good' | 'uncertain' | 'bad', options: LiveAppendOptions): boolean {
    if (!Number.isFinite(t) || !(t > this.lastTime)) return false;
    const lastIndex = this.ts.length - 1;
    if (lastIndex >= 0 && this.value[lastIndex] !== null && v !== null && t - this.ts[lastIndex]! > options.maxGapMs) {
      this.push((t + this.ts[lastIndex]!) / 2, null, 'gap');
      this.bucket = null;
    }
    if (v === null || quality === 'bad') {
      this.push(t, null, 'bad');
      this.bucket = null;
      return true;
    }
    const index = Math.floor(t / Math.max(1, options.bucketMs));
    const bucket = this.bucket;
    if (bucket === null || bucket.index !== index) {
      this.bucket = { index, start: this.ts.length, first: this.ts.length, min: this.ts.length, max: this.ts.length, last: this.ts.length };
      this.push(t, v, quality);
      return true;
    }
    // Same pixel column: keep first, min, max and last of the bucket, in time order.
    const points = new Map<number, { v: number; q: PointQuality }>();
    const at = (i: number) => ({ t: this.ts[i]!, v: this.value[i] as number, q: this.quality[i]! });
    const first = at(bucket.first);
    let min = at(bucket.min);
    let max = at(bucket.max);
    const next = { t, v, q: quality as PointQuality };
    if (v < min.v) min = next;
    if (v > max.v) max = next;
    for (const p of [first, min, max, next]) points.set(p.t, { v: p.v, q: p.q });
    this.truncate(bucket.start);
    const times = [...points.keys()].sort((a, b) => a - b);
    for (const time of times) {
      const p = points.get(time)!;
      const i = this.push(time, p.v, p.q);
      if (time === first.t) bucket.first = i;
      if (time === min.t) bucket.min = i;
      if (time === max.t) bucket.max = i;
      if (time === t) bucket.last = i;
    }
    return true;
  }

  /**
   * Drops points before `t`, keeping the last one before it (so the line enters from the
   * left edge). Returns the number dropped.
   */
  trimBefore(t: number): number {
    let i = 0;
    while (i < this.ts.length && this.ts[i]! < t) i++;
    const drop = Math.max(0, i - 1);
    if (drop === 0) return 0;
    this.ts.splice(0, drop);
    this.value.splice(0, drop);
    this.quality.splice(0, drop);
    if (this.bucket !== null) {
      if (this.bucket.start < drop) this.bucket = null;
      else {
        this.bucket.start -= drop;
        this.bucket.first -= drop;
        this.bucket.min -= drop;
        this.bucket.max -= drop;
        this.bucket.last -= drop;
      }
    }
    return drop;
  }

  /**
   * The point that holds at time `x`: the last one at or before it, unless that is further
   * back than `maxGapMs` (then there is no data at x). Null when there is no such point.
   */
  at(x: number, maxGapMs: number): { ts: number; value: number | null; quality: PointQuality } | null {
    const i = lastAtOrBefore(this.ts, x);
    if (i < 0) return null;
    const ts = this.ts[i]!;
    if (x - ts > maxGapMs && i === this.ts.length - 1) return { ts, value: null, quality: 'gap' };
    return { ts, value: this.value[i]!, quality: this.quality[i]! };
  }

  /** Non-null points and gaps (runs of nulls) between `from` and `to`. */
  counts(from: number, to: number): { points: number; gaps: number } {
    let points = 0;
    let gaps = 0;
    let inGap = false;
    for (let i = Math.max(0, lastAtOrBefore(this.ts, from)); i < this.ts.length && this.ts[i]! <= to; i++) {
      if (this.ts[i]! < from) continue;
      if (this.value[i] === null) {
        if (!inGap) gaps += 1;
        inGap = true;
      } else {
        points += 1;
        inGap = false;
      }
    }
    return { points, gaps };
  }

  private push(t: number, v: number | null, q: PointQuality): number {
    this.ts.push(t);
    this.value.push(v);
    this.quality.push(q);
    return this.ts.length - 1;
  }

  private truncate(length: number): void {
    this.ts.length = length;
    this.value.length = length;
    this.quality.length = length;
  }
}

/** Index of the last element ≤ x in an ascending array, -1 when none. */
export function lastAtOrBefore(ts: readonly number[], x: number): number {
  let lo = 0;
  let hi = ts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ts[mid]! <= x) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

export type AlignedColumns = [x: number[], ...series: (number | null | undefined)[][]];

/** Joins the pens' points on one ascending x column for uPlot (see the file comment for undefined vs null). */
export function alignPens(pens: readonly PenSeries[]): AlignedColumns {
  const x: number[] = [];
  const out: (number | null | undefined)[][] = pens.map(() => []);
  const cursor = pens.map(() => 0);
  for (;;) {
    let next = Infinity;
    for (let p = 0; p < pens.length; p++) {
      const t = pens[p]!.ts[cursor[p]!];
      if (t !== undefined && t < next) next = t;
    }
    if (next === Infinity) break;
    x.push(next);
    for (let p = 0; p < pens.length; p++) {
      const pen = pens[p]!;
      const i = cursor[p]!;
      if (pen.ts[i] === next) {
        out[p]!.push(pen.value[i]!);
        cursor[p] = i + 1;
      } else {
        // Between two own points: the line runs on, unless one of them is a gap.
        const before = i > 0 ? pen.value[i - 1] : undefined;
        const after = i < pen.ts.length ? pen.value[i] : undefined;
        out[p]!.push(before === null || after === null ? null : undefined);
      }
    }
  }
  return [x, ...out];
}
