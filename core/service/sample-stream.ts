/**
 * Turns tag-bus samples into columnar SampleBatches for one subscription: one batch per
 * flush, not one message per sample, which is what lets a transport carry hundreds of
 * thousands of updates a second. A flush follows the first push at once (on the next
 * turn of the event loop, so samples published together travel together) unless the
 * previous flush was less than `flushMs` ago; then it waits for the rest of that
 * interval. Quiet streams get the lowest latency, busy ones at most one batch per
 * `flushMs`. Pacing is transport I/O, so it uses real timers, not the runtime clock.
 */
import { buildSampleBatch, type SampleBatch, type SampleRow, type TagValue } from '../contract/index.js';
import type { Sample } from '../model/sample.js';

/** Above this many unsent rows a slow consumer loses the oldest rows, not memory. */
const MAX_PENDING_ROWS = 200_000;

export interface SampleStream {
  /** Queues samples (or current values) for the next flush. */
  push(samples: readonly (Sample | TagValue)[]): void;
  close(): void;
  /** Rows dropped because the consumer could not keep up. */
  readonly dropped: number;
}

export function createSampleStream(
  subscriptionId: number,
  tags: readonly string[],
  send: (batch: SampleBatch) => void,
  flushMs: number,
): SampleStream {
  const index = new Map(tags.map((path, i) => [path, i]));
  let pending: (Sample | TagValue)[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastFlush = -Infinity;
  let dropped = 0;
  let closed = false;

  const flush = () => {
    timer = undefined;
    if (closed || pending.length === 0) return;
    lastFlush = performance.now();
    const rows = pending;
    pending = [];
    send(toBatch(subscriptionId, rows, index));
  };

  return {
    push(samples) {
      if (closed) return;
      for (const sample of samples) pending.push(sample);
      if (pending.length > MAX_PENDING_ROWS) {
        dropped += pending.length - MAX_PENDING_ROWS;
        pending = pending.slice(pending.length - MAX_PENDING_ROWS);
      }
      timer ??= setTimeout(flush, Math.max(0, lastFlush + flushMs - performance.now()));
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
    },
    get dropped() {
      return dropped;
    },
  };
}

function toBatch(subscriptionId: number, samples: readonly (Sample | TagValue)[], index: ReadonlyMap<string, number>): SampleBatch {
  const rows = samples.map(
    (sample): SampleRow => ({
      tag: index.get(sample.path) ?? 0,
      sourceTs: sample.sourceTs,
      // A waveform travels as its sample count; the UI reads the waveform itself on demand.
      value: sample.value !== null && typeof sample.value === 'object' ? sample.value.samples.length : sample.value,
      quality: sample.quality.status,
      reason: sample.quality.reason,
    }),
  );
  return buildSampleBatch(subscriptionId, rows, Date.now());
}
