/**
 * A capture's samples in time order, across every tag, as the tag bus would have seen them:
 * the replay player reads them window by window and publishes them on the replay clock.
 *
 * Each tag keeps a cursor into its blocks (decoded one block at a time). A window of plant
 * time gathers every tag's samples inside it, plus the waveform snapshots, and orders them
 * by time; samples of equal time stay in plant tag order, which is the order one device poll
 * publishes them in. The ordering sorts one number per sample (time within the window and
 * the sample's place in the gathered arrays packed into a double) with the typed array's
 * native sort, which is what keeps 1,000 tags at 1 Hz at millions of samples a second.
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
const WINDOW_MS = 10_000;
/** Places in a window: 2^21, so that (time in window) · 2^21 + place stays an exact double for windows up to 2^32 ms. */
const PLACE_BITS = 2 ** 21;

const qualities: readonly Quality[] = [GOOD, Object.freeze({ status: 'uncertain' }), Object.freeze({ status: 'bad', reason: 'recorded as bad' })];

interface Cursor {
  entry: HistorianTag;
  blocks: { id: number; start: number; end: number }[];
  block: number;
  series: Series | undefined;
  index: number;
}

export interface CaptureSource {
  /** The time of the next unread sample; Infinity when everything up to the end has been read. */
  readonly position: number;
  /** Every unread sample with time < until, in time order. */
  read(until: number): Sample[];
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
    if (blocks.length > 0) cursors.push({ entry, blocks, block: 0, series: undefined, index: 0 });
  }
  let done = range.from;

  // The window's gathered samples, reused from window to window.
  let capacity = 1 << 14;
  let ts = new Float64Array(capacity);
  let value = new Float64Array(capacity);
  let quality = new Uint8Array(capacity);
  let owner = new Int32Array(capacity);
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
    waveforms = waveformsBetween(historian, start, end).map((w) => ({ path: w.path, value: w.waveform, quality: GOOD, sourceTs: w.ts }));
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
    const entry = cursors[who]!.entry;
    const v = value[k]!;
    const data = entry.kind === 'bool' ? v === 1 : entry.kind === 'string' ? (text[k] ?? '') : v;
    return { path: entry.path, value: data, quality: qualities[quality[k]!] ?? qualities[2]!, sourceTs: ts[k]! };
  };

  const orderedWindow = (start: number, end: number): Sample[] => {
    const n = gather(start, end);
    const out = new Array<Sample>(n);
    if (n < PLACE_BITS && end - start < 2 ** 32) {
      const keys = new Float64Array(n);
      for (let k = 0; k < n; k++) keys[k] = (ts[k]! - start) * PLACE_BITS + k;
      keys.sort();
      for (let k = 0; k < n; k++) out[k] = toSample(keys[k]! % PLACE_BITS);
    } else {
      const order = Array.from({ length: n }, (_, k) => k).sort((a, b) => ts[a]! - ts[b]! || a - b);
      for (let k = 0; k < n; k++) out[k] = toSample(order[k]!);
    }
    return out;
  };

  return {
    get position() {
      return done >= range.to ? Number.POSITIVE_INFINITY : done;
    },
    read(until) {
      const end = Math.min(until, range.to);
      const out: Sample[] = [];
      while (done < end) {
        const stop = Math.min(end, done + WINDOW_MS);
        const window = orderedWindow(done, stop);
        for (const sample of window) out.push(sample);
        done = stop;
      }
      return out;
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
