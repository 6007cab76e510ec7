/**
 * Live samples travel in columnar batches, not one message per sample: one batch per
 * flush, each column a typed array. Over Electron IPC the batch is sent as it is
 * (structured clone copies typed arrays cheaply); over the WebSocket it is packed into one
 * binary frame by `encodeSampleBatch` and unpacked by `decodeSampleBatch`.
 *
 * Frame layout (little-endian), version 1:
 *   0  u8  magic 0x4c ('L')          1  u8  version (1)        2  u16 reserved (0)
 *   4  u32 subscriptionId            8  u32 row count n       12  u32 extras byte length
 *  16  f64 sentAt (sender clock, ms)
 *  24  f64 sourceTs[n] | f64 value[n] | u32 tag[n] | u8 quality[n] | extras (UTF-8 JSON)
 */
import type { QualityStatus } from './model.js';

export const qualityCodes: Record<QualityStatus, number> = { good: 0, uncertain: 1, bad: 2 };
export const qualityFromCode: readonly QualityStatus[] = ['good', 'uncertain', 'bad'];

/** Per-row data that does not fit the numeric columns: text values and quality reasons. */
export interface SampleExtra {
  row: number;
  text?: string;
  reason?: string;
}

export interface SampleBatch {
  subscriptionId: number;
  /** Index into the subscription's `tags` list. */
  tag: Uint32Array;
  /** Source timestamp, UTC epoch ms. */
  sourceTs: Float64Array;
  /** Numeric value (booleans as 0/1); NaN where the row's value is text (see extras). */
  value: Float64Array;
  /** 0 good, 1 uncertain, 2 bad (see `qualityCodes`). */
  quality: Uint8Array;
  extras: SampleExtra[];
  /** When the sender flushed the batch (sender's epoch ms), for latency measurement. */
  sentAt: number;
}

/** One row of a batch in readable form, for building batches (see `buildSampleBatch`). */
export interface SampleRow {
  tag: number;
  sourceTs: number;
  /** null for "no value" (sent as NaN with no text). */
  value: number | boolean | string | null;
  quality: QualityStatus;
  reason?: string | undefined;
}

/** Packs readable rows into the columnar form; text values and reasons go to `extras`. */
export function buildSampleBatch(subscriptionId: number, rows: readonly SampleRow[], sentAt: number): SampleBatch {
  const n = rows.length;
  const batch: SampleBatch = {
    subscriptionId,
    tag: new Uint32Array(n),
    sourceTs: new Float64Array(n),
    value: new Float64Array(n),
    quality: new Uint8Array(n),
    extras: [],
    sentAt,
  };
  for (let i = 0; i < n; i++) {
    const { tag, sourceTs, value, quality, reason } = rows[i]!;
    batch.tag[i] = tag;
    batch.sourceTs[i] = sourceTs;
    batch.value[i] = typeof value === 'number' ? value : typeof value === 'boolean' ? Number(value) : Number.NaN;
    batch.quality[i] = qualityCodes[quality];
    if (typeof value === 'string' || reason) {
      const extra: SampleExtra = { row: i };
      if (typeof value === 'string') extra.text = value;
      if (reason) extra.reason = reason;
      batch.extras.push(extra);
    }
  }
  return batch;
}

const MAGIC = 0x4c;
const VERSION = 1;
const HEADER_BYTES = 24;

export function encodeSampleBatch(batch: SampleBatch): Uint8Array {
  const n = batch.tag.length;
  const extras = batch.extras.length > 0 ? new TextEncoder().encode(JSON.stringify(batch.extras)) : new Uint8Array(0);
  const bytes = new Uint8Array(HEADER_BYTES + n * 21 + extras.length);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, MAGIC);
  view.setUint8(1, VERSION);
  view.setUint32(4, batch.subscriptionId, true);
  view.setUint32(8, n, true);
  view.setUint32(12, extras.length, true);
  view.setFloat64(16, batch.sentAt, true);
  let at = HEADER_BYTES;
  new Float64Array(bytes.buffer, at, n).set(batch.sourceTs);
  at += 8 * n;
  new Float64Array(bytes.buffer, at, n).set(batch.value);
  at += 8 * n;
  new Uint32Array(bytes.buffer, at, n).set(batch.tag);
  at += 4 * n;
  bytes.set(batch.quality, at);
  at += n;
  bytes.set(extras, at);
  return bytes;
}

/** Unpacks a frame made by `encodeSampleBatch`; throws an Error naming what is wrong. */
export function decodeSampleBatch(frame: ArrayBuffer | Uint8Array): SampleBatch {
  // Typed-array views need aligned offsets: copy when the frame sits unaligned in its buffer.
  const bytes = frame instanceof Uint8Array ? (frame.byteOffset % 8 === 0 ? frame : frame.slice()) : new Uint8Array(frame);
  if (bytes.length < HEADER_BYTES) throw new Error(`sample frame too short: ${bytes.length} bytes, expected at least ${HEADER_BYTES}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  if (view.getUint8(0) !== MAGIC || view.getUint8(1) !== VERSION) {
    throw new Error(`not a version ${VERSION} sample frame (magic ${view.getUint8(0)}, version ${view.getUint8(1)})`);
  }
  const subscriptionId = view.getUint32(4, true);
  const n = view.getUint32(8, true);
  const extrasLength = view.getUint32(12, true);
  const expected = HEADER_BYTES + n * 21 + extrasLength;
  if (bytes.length !== expected) throw new Error(`sample frame is ${bytes.length} bytes, expected ${expected} for ${n} rows`);
  let at = bytes.byteOffset + HEADER_BYTES;
  const sourceTs = new Float64Array(bytes.buffer, at, n);
  at += 8 * n;
  const value = new Float64Array(bytes.buffer, at, n);
  at += 8 * n;
  const tag = new Uint32Array(bytes.buffer, at, n);
  at += 4 * n;
  const quality = new Uint8Array(bytes.buffer, at, n);
  at += n;
  const extras =
    extrasLength > 0
      ? (JSON.parse(new TextDecoder().decode(new Uint8Array(bytes.buffer, at, extrasLength))) as SampleExtra[])
      : [];
  return { subscriptionId, tag, sourceTs, value, quality, extras, sentAt: view.getFloat64(16, true) };
}
