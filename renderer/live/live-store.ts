/**
 * The live store: the latest value of every subscribed tag and a short history for
 * sparklines. Plain TypeScript with no React: sample batches go in here, and the frame
 * loop (frame-loop.ts) pulls the tags that changed once per animation frame. React state
 * never sees a sample.
 *
 * Staleness: a tag is stale when nothing arrived for it for 3× its sample rate (at least
 * 5 s), measured on this machine's clock at arrival, or while the transport is down. In
 * replay it is measured on the replay clock against the samples' source times instead (a
 * paused replay shows the values as they were, not as stale).
 */
import { qualityFromCode } from '../../core/contract/index.js';
import type { QualityStatus, SampleBatch, TagInfo } from '../../core/contract/index.js';
import { RingBuffer } from './ring-buffer.js';

export type LiveScalar = number | string | null;

/**
 * Called for every sample of a listened tag as it is applied (numbers only; null when the
 * sample has no numeric value, e.g. bad quality). For trends that must see each sample,
 * not only the latest one per frame.
 */
export type SampleListener = (ts: number, value: number | null, quality: QualityStatus) => void;

export interface LiveEntry {
  readonly path: string;
  /** The tag's definition, once the plant model is known. */
  info: TagInfo | undefined;
  /** Number (booleans as 0/1), text, or null before the first sample / for waveform rows. */
  value: LiveScalar;
  quality: QualityStatus;
  /** Why the value is not good, when the source said. */
  reason: string | undefined;
  /** Source timestamp of the latest sample, UTC epoch ms; NaN before the first sample. */
  sourceTs: number;
  /** Local arrival time of the latest sample (the store's `now`); -Infinity before the first. */
  receivedAt: number;
  stale: boolean;
  /** Recent numeric values (good and uncertain only), null for text and waveform tags. */
  history: RingBuffer | null;
  /** Bumped on every change the screen should show. */
  version: number;
}

export interface LiveStoreOptions {
  /** Points kept per tag for sparklines. */
  historyCapacity?: number;
  /** Local clock for arrival times and staleness. */
  now?: () => number;
}

export const minStaleMs = 5_000;

/** How long a tag may go without a sample before it counts as stale. */
export function staleAfterMs(info: TagInfo | undefined): number {
  const rate = info?.sampleRateMs ?? 0;
  return Math.max(3 * rate, minStaleMs);
}

function hasHistory(info: TagInfo | undefined): boolean {
  return info === undefined || (info.dataType !== 'string' && info.dataType !== 'waveform');
}

export class LiveStore {
  private readonly entries = new Map<string, LiveEntry>();
  private dirty = new Set<string>();
  private spare = new Set<string>();
  private readonly historyCapacity: number;
  private readonly now: () => number;
  private linkUp = true;
  /** Replay: the clock staleness is judged on, against source times; null: arrival on `now`. */
  private staleClock: (() => number) | null = null;
  private readonly sampleListeners = new Map<string, Set<SampleListener>>();
  /** Called when the first tag becomes dirty after a drain: schedule a frame. */
  onDirty: (() => void) | undefined;

  constructor(options: LiveStoreOptions = {}) {
    this.historyCapacity = options.historyCapacity ?? 600;
    this.now = options.now ?? (() => Date.now());
  }

  /** Gives the store the tag definitions (sample rate for staleness, data type for history). */
  setTags(tags: readonly TagInfo[]): void {
    for (const info of tags) {
      const entry = this.entry(info.path);
      entry.info = info;
      if (!hasHistory(info)) entry.history = null;
      this.touch(entry);
    }
  }

  /** The entry of a tag, created empty when nothing is known about it yet. */
  entry(path: string): LiveEntry {
    let entry = this.entries.get(path);
    if (entry === undefined) {
      entry = {
        path,
        info: undefined,
        value: null,
        quality: 'good',
        reason: undefined,
        sourceTs: Number.NaN,
        receivedAt: -Infinity,
        stale: false,
        history: null,
        version: 0,
      };
      this.entries.set(path, entry);
    }
    return entry;
  }

  get(path: string): LiveEntry | undefined {
    return this.entries.get(path);
  }

  /** Calls `listener` for each sample of `path` from now on; returns the function that stops it. */
  listen(path: string, listener: SampleListener): () => void {
    let set = this.sampleListeners.get(path);
    if (set === undefined) {
      set = new Set();
      this.sampleListeners.set(path, set);
    }
    set.add(listener);
    return () => {
      const current = this.sampleListeners.get(path);
      current?.delete(listener);
      if (current?.size === 0) this.sampleListeners.delete(path);
    };
  }

  /** Forgets every tag's short history (a replay jumped: the sparklines start again from there). */
  clearHistory(): void {
    for (const entry of this.entries.values()) {
      if (entry.history === null) continue;
      entry.history.clear();
      this.touch(entry);
    }
  }

  /** Appends a batch; `tags` is the subscription's tag list that `batch.tag` indexes. */
  applyBatch(batch: SampleBatch, tags: readonly string[]): void {
    const n = batch.tag.length;
    const now = this.now();
    let extras: Map<number, { text?: string; reason?: string }> | undefined;
    if (batch.extras.length > 0) {
      extras = new Map();
      for (const extra of batch.extras) extras.set(extra.row, extra);
    }
    for (let row = 0; row < n; row++) {
      const path = tags[batch.tag[row]!];
      if (path === undefined) continue;
      const entry = this.entry(path);
      const extra = extras?.get(row);
      const raw = batch.value[row]!;
      const quality = qualityFromCode[batch.quality[row]!] ?? 'bad';
      const ts = batch.sourceTs[row]!;
      entry.value = extra?.text !== undefined ? extra.text : Number.isNaN(raw) ? null : raw;
      entry.quality = quality;
      entry.reason = extra?.reason;
      entry.sourceTs = ts;
      entry.receivedAt = now;
      entry.stale = !this.linkUp;
      if (typeof entry.value === 'number' && Number.isFinite(entry.value) && quality !== 'bad' && hasHistory(entry.info)) {
        entry.history ??= new RingBuffer(this.historyCapacity);
        entry.history.push(ts, entry.value);
      }
      if (this.sampleListeners.size > 0) this.notify(path, ts, entry.value, quality);
      this.touch(entry);
    }
  }

  private notify(path: string, ts: number, value: LiveScalar, quality: QualityStatus): void {
    const listeners = this.sampleListeners.get(path);
    if (listeners === undefined) return;
    const numeric = typeof value === 'number' && Number.isFinite(value) ? value : null;
    for (const listener of listeners) {
      try {
        listener(ts, numeric, quality);
      } catch (error) {
        // One broken listener must not stop the batch; surface it asynchronously.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  /** Replay: judges staleness on `clock` (the replay clock) against the samples' source times; null: back to arrival times. */
  setStaleClock(clock: (() => number) | null): void {
    this.staleClock = clock;
    this.refreshStale();
  }

  /** Re-evaluates staleness (call about once a second); marks the tags that flipped. */
  refreshStale(now: number = this.now()): void {
    const clock = this.staleClock?.();
    for (const entry of this.entries.values()) {
      const age = clock === undefined ? now - entry.receivedAt : clock - entry.sourceTs;
      const stale = entry.receivedAt > -Infinity && (!this.linkUp || age > staleAfterMs(entry.info));
      if (stale !== entry.stale) {
        entry.stale = stale;
        this.touch(entry);
      }
    }
  }

  /** While the transport is down every value is stale, whatever its age. */
  setLinkUp(up: boolean): void {
    this.linkUp = up;
    this.refreshStale();
  }

  /**
   * The tags that changed since the last drain. The returned set is valid until the next
   * drain (two sets are swapped, so draining allocates nothing).
   */
  drainDirty(): ReadonlySet<string> {
    const out = this.dirty;
    this.dirty = this.spare;
    this.dirty.clear();
    this.spare = out;
    return out;
  }

  get hasDirty(): boolean {
    return this.dirty.size > 0;
  }

  private touch(entry: LiveEntry): void {
    entry.version += 1;
    const wasEmpty = this.dirty.size === 0;
    this.dirty.add(entry.path);
    if (wasEmpty) this.onDirty?.();
  }
}
