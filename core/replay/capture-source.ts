/**
 * A capture's samples in time order, across every tag, as the tag bus would have seen them:
 * the replay player reads them window by window and publishes them on the replay clock.
 *
 * Each tag keeps a cursor into its blocks (decoded one block at a time). A window of plant
 * time gathers every tag's samples inside it, plus the waveform snapshots, and orders them
 * by time; samples of equal time stay in plant tag order, which is the order one device poll
 * publishes them in. The ordering is a counting sort on the millisecond within the window
 * (timestamps are whole milliseconds), linear in the samples, which is what keeps 1,000 tags
 * at 1 Hz at millions of samples a second.
 *
 * Values come back as the bus carries them: booleans for bool tags, text for string tags,
 * numbers otherwise. Stored quality keeps its status only, so a bad sample comes back with
 * the reason "recorded as bad".
 */
import { decodeBlock } from '../historian/codec/index.js';
import type { Historian, HistorianTag } from '../historian/historian.js';
import type { Series } from '../historian/series.js';
import { waveformsBetween } from '../historian/waveform-store.js';
import type { Quality } from '../contract/index.js';
import { GOOD, type Sample } from '../model/sample.js';

/** Plant time gathered and ordered at once (the player reads less when it is paced). */
const WINDOW_MS = 60_000;

const qualities: readonly Quality[] = [GOOD, Object.freeze({ status: 'uncertain' }), Object.freeze({ status: 'bad', reason: 'recorded as bad' })];

/** How a stored value comes back: as a number, a boolean or the text. */
const AS_NUMBER = 0;
const AS_BOOLEAN = 1;
const AS_TEXT = 2;

interface Cursor {
  entry: HistorianTag;
  path: string;
  as: number;
  blocks: { id: number; start: number; end: number }[];
  block: number;
  series: Series | undefined;
  index: number;
}

/**
 * One window's samples in time order. Sample objects are made on demand: the player makes
 * them a batch at a time, just before the bus delivers them, because objects that live
 * briefly cost little and a window's worth held at once costs ten times as much (the
 * garbage collector copies what survives). Valid until the next read.
 */
export interface OrderedSamples {
  readonly length: number;
  time(k: number): number;
  sample(k: number): Sample;
}

export interface CaptureSource {
  /** Everything before this time has been read; Infinity when the whole range has been. */
  readonly position: number;
  /** The unread samples with time < ⌊until⌋, up to one window (WINDOW_MS) of them: read again while position < ⌊until⌋. */
  read(until: number): OrderedSamples;
  /** Back to the start. */
  rewind(): void;
}

export function createCaptureSource(historian: Historian, range: { from: number; to: number; paths: readonly string[] }): CaptureSource {
  const listBlocks = historian.sql('SELECT id, start, end FROM blocks WHERE tag = ? AND end >= ? AND start < ? ORDER BY start');
  const blockData = historian.sql('SELECT data FROM blocks WHERE id = ?').pluck();
  const cursors: Cursor[] = [];
  for (const path of range.paths) {
    const entry = historian.tags.get(path);
    if (!entry) continue;
    const blocks = listBlocks.all(entry.id, range.from, range.to) as { id: number; start: number; end: number }[];
    const as = entry.kind === 'bool' ? AS_BOOLEAN : entry.kind === 'string' ? AS_TEXT : AS_NUMBER;
    if (blocks.length > 0) cursors.push({ entry, path, as, blocks, block: 0, series: undefined, index: 0 });
  }
  let done = range.from;
  const pathById = new Map([...historian.tags.values()].map((tag) => [tag.id, tag.path]));

  // The window's gathered samples, reused from window to window.
  let capacity = 1 << 14;
  let ts = new Float64Array(capacity);
  let value = new Float64Array(capacity);
  let quality = new Uint8Array(capacity);
  let owner = new Int32Array(capacity);
  let order = new Int32Array(capacity);
  let counts = new Int32Array(WINDOW_MS + 1);
  let text: (string | undefined)[] = [];
  let waveforms: Sample[] = [];

  const grow = () => {
    capacity *= 2;
    const resize = <T extends Float64Array | Uint8Array | Int32Array>(old: T, make: (n: number) => T) => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    ts = resize(ts, (n) => new Float64Array(n));
    value = resize(value, (n) => new Float64Array(n));
    quality = resize(quality, (n) => new Uint8Array(n));
    owner = resize(owner, (n) => new Int32Array(n));
  };

  /** The cursor's current block, decoded and positioned at `from`; undefined when the tag has no more. */
  const seriesOf = (cursor: Cursor, from: number): Series | undefined => {
    for (;;) {
      if (cursor.series && cursor.index < cursor.series.ts.length) return cursor.series;
      if (cursor.block >= cursor.blocks.length) return undefined;
      const series = decodeBlock(blockData.get(cursor.blocks[cursor.block++]!.id) as Uint8Array).series;
      let index = 0;
      while (index < series.ts.length && series.ts[index]! < from) index++;
      cursor.series = series;
      cursor.index = index;
    }
  };

  /** Gathers [start, end) of every tag and the snapshots; returns how many were gathered. */
  const gather = (start: number, end: number): number => {
    let n = 0;
    text = [];
    for (let c = 0; c < cursors.length; c++) {
      const cursor = cursors[c]!;
      for (;;) {
        const series = seriesOf(cursor, range.from);
        if (!series) break;
        let i = cursor.index;
        const last = series.ts.length;
        while (i < last && series.ts[i]! < end) {
          if (n === capacity) grow();
          ts[n] = series.ts[i]!;
          value[n] = series.value[i]!;
          quality[n] = series.quality[i]!;
          owner[n] = c;
          if (series.text) text[n] = series.text[i];
          n++;
          i++;
        }
        cursor.index = i;
        if (i < last) break;
      }
    }
    waveforms = waveformsBetween(historian, start, end, pathById).map((w) => ({ path: w.path, value: w.waveform, quality: GOOD, sourceTs: w.ts }));
    for (let w = 0; w < waveforms.length; w++) {
      if (n === capacity) grow();
      ts[n] = waveforms[w]!.sourceTs;
      owner[n] = -1 - w;
      n++;
    }
    return n;
  };

  const toSample = (k: number): Sample => {
    const who = owner[k]!;
    if (who < 0) return waveforms[-1 - who]!;
    const cursor = cursors[who]!;
    const v = value[k]!;
    const data = cursor.as === AS_NUMBER ? v : cursor.as === AS_BOOLEAN ? v === 1 : (text[k] ?? '');
    return { path: cursor.path, value: data, quality: qualities[quality[k]!] ?? qualities[2]!, sourceTs: ts[k]! };
  };

  /**
   * The window's samples in time order: a counting sort on the millisecond within the window
   * (stable, so equal times keep the gathered order: plant tag order, then the snapshots).
   */
  const orderWindow = (start: number, end: number): number => {
    const n = gather(start, end);
    const span = end - start;
    if (counts.length < span + 1) counts = new Int32Array(span + 1);
    if (order.length < n) order = new Int32Array(capacity);
    counts.fill(0, 0, span + 1);
    for (let k = 0; k < n; k++) counts[ts[k]! - start + 1]!++;
    for (let m = 1; m <= span; m++) counts[m]! += counts[m - 1]!;
    for (let k = 0; k < n; k++) order[counts[ts[k]! - start]!++] = k;
    return n;
  };

  let windowLength = 0;
  const window: OrderedSamples = {
    get length() {
      return windowLength;
    },
    time: (k) => ts[order[k]!]!,
    sample: (k) => toSample(order[k]!),
  };

  return {
    get position() {
      return done >= range.to ? Number.POSITIVE_INFINITY : done;
    },
    read(until) {
      // Whole milliseconds: the window's counting sort indexes by the millisecond (a paced player asks for fractions).
      const end = Math.min(Math.floor(until), range.to, done + WINDOW_MS);
      windowLength = end > done ? orderWindow(done, end) : 0;
      if (end > done) done = end;
      return window;
    },
    rewind() {
      done = range.from;
      for (const cursor of cursors) {
        cursor.block = 0;
        cursor.series = undefined;
        cursor.index = 0;
      }
    },
  };
}
