/**
 * One block = one series stretch of one tag: header, bit-packed body, CRC-32.
 * Body order: quality, [exception mask], timestamps, values, [exception values],
 * and for strings: dictionary + runs, [numeric values]. See ../FORMAT.md.
 */
import type { Series, ValueKind } from '../series.js';
import { BitReader, BitWriter } from './bits.js';
import { crc32 } from './crc32.js';
import { corrupt, invalidSeries } from './errors.js';
import { CRC_BYTES, Encoding, Flag, KINDS, SCALE_SHIFT, parseHeader, writeHeader, type BlockHeader } from './header.js';
import { decodeBool, decodeMask, decodeQuality, encodeBool, encodeMask, encodeQuality, planBool, qualityPackedIsSmaller } from './runs.js';
import { decodeScaled, encodeScaled, MAX_SCALE, planScaled } from './scaled.js';
import { decodeStrings, encodeStrings } from './strings.js';
import { decodeTimestamps, encodeTimestamps } from './timestamps.js';
import { decodeXor32, decodeXor64, encodeXor32, encodeXor64, toFloat32Bits } from './xor.js';

/** Rough bytes per sample by encoding, to size the writer once (it still grows if needed). */
const BYTES_PER_SAMPLE: Record<Encoding, number> = {
  [Encoding.xor64]: 10,
  [Encoding.xor32]: 6,
  [Encoding.scaled]: 3,
  [Encoding.boolBits]: 1,
  [Encoding.boolRuns]: 1,
  [Encoding.stringDict]: 2,
};

/**
 * One writer reused by every call (encoding is synchronous): no large allocation per block.
 * `bytes()` hands out a right-sized copy. A writer grown past this size is let go.
 */
let writer = new BitWriter(1 << 16);
const KEEP_WRITER_BYTES = 4 << 20;

/**
 * Encodes every sample of `series` into one self-checking block, lossless (values bit for
 * bit; f32 as float32). `text` is stored only for the 'string' kind. Throws
 * BlockCodecError (`historian-block-invalid-series`) for a series that breaks its contract.
 */
export function encodeBlock(kind: ValueKind, series: Series): Uint8Array {
  if (!KINDS.includes(kind)) throw invalidSeries(`unknown value kind '${String(kind)}'`);
  const { ts, value, quality } = series;
  if (!(ts instanceof Float64Array) || !(value instanceof Float64Array) || !(quality instanceof Uint8Array)) {
    throw invalidSeries('ts and value must be Float64Arrays and quality a Uint8Array');
  }
  const n = ts.length;
  if (value.length !== n || quality.length !== n) {
    throw invalidSeries(`columns differ in length: ts ${n}, value ${value.length}, quality ${quality.length}`);
  }

  let encoding: Encoding;
  let flags = 0;
  let ints: Float64Array | null = null;
  let exceptions = 0;
  let f32: Uint32Array | null = null;
  if (kind === 'f32') {
    f32 = new Uint32Array(n);
    const bad = toFloat32Bits(value, f32);
    if (bad >= 0) throw invalidSeries(`value[${bad}] = ${value[bad]} is not a float32 value (Math.fround changes it); use kind 'f64' for this tag`);
    encoding = Encoding.xor32;
  } else if (kind === 'string') {
    encoding = Encoding.stringDict;
    for (let i = 0; i < n; i++) {
      if (value[i] === value[i]) {
        flags |= Flag.stringValues;
        break;
      }
    }
  } else {
    const boolPlan = kind === 'bool' ? planBool(value) : null;
    if (boolPlan !== null) {
      encoding = boolPlan.runs ? Encoding.boolRuns : Encoding.boolBits;
      ints = boolPlan.ints;
      exceptions = boolPlan.exceptions;
    } else {
      const plan = planScaled(value, kind === 'f64' ? MAX_SCALE : 0);
      if (plan !== null) {
        encoding = Encoding.scaled;
        flags |= plan.k << SCALE_SHIFT;
        ints = plan.ints;
        exceptions = plan.exceptions;
      } else {
        encoding = Encoding.xor64;
      }
    }
  }
  if (exceptions > 0) flags |= Flag.exceptions;
  const packedQuality = qualityPackedIsSmaller(quality);
  if (packedQuality) flags |= Flag.qualityPacked;

  const w = writer;
  w.reset(64 + n * (BYTES_PER_SAMPLE[encoding] + 2));
  writeHeader(w, kind, encoding, flags, n, n > 0 ? ts[0]! : 0, n > 0 ? ts[n - 1]! : 0);
  encodeQuality(w, quality, packedQuality);
  if (ints !== null && exceptions > 0) encodeMask(w, ints, n);
  encodeTimestamps(w, ts);
  switch (encoding) {
    case Encoding.xor64:
      encodeXor64(w, value);
      break;
    case Encoding.xor32:
      encodeXor32(w, f32!);
      break;
    case Encoding.scaled:
      encodeScaled(w, ints!, n);
      break;
    case Encoding.boolBits:
    case Encoding.boolRuns:
      encodeBool(w, ints!, n, encoding === Encoding.boolRuns);
      break;
    case Encoding.stringDict:
      encodeStrings(w, series.text, n);
      if (flags & Flag.stringValues) encodeXor64(w, value);
      break;
  }
  if (ints !== null && exceptions > 0) encodeXor64(w, gatherExceptions(value, ints, n, exceptions));
  w.alignToByte();
  const crc = crc32(w.view(), 0, w.length);
  w.write(crc, 32);
  const block = w.bytes();
  if (w.capacity > KEEP_WRITER_BYTES) writer = new BitWriter(0);
  return block;
}

/** Decodes a block written by `encodeBlock`. Throws BlockCodecError for anything but an intact block. */
export function decodeBlock(bytes: Uint8Array): { kind: ValueKind; series: Series } {
  const h = parseHeader(bytes);
  const end = bytes.length - CRC_BYTES;
  const stored = ((bytes[end]! << 24) | (bytes[end + 1]! << 16) | (bytes[end + 2]! << 8) | bytes[end + 3]!) >>> 0;
  const actual = crc32(bytes, 0, end);
  if (stored !== actual) throw corrupt(`checksum mismatch (stored ${hex32(stored)}, computed ${hex32(actual)}): the block is damaged or truncated`);
  const n = h.count;
  // Every sample after the first takes at least one bit of the body.
  if (n > (end - h.bodyStart) * 8 + 1) throw corrupt(`a count of ${n} samples cannot fit in ${end - h.bodyStart} body bytes`);

  const r = new BitReader(bytes, h.bodyStart, end);
  const ts = new Float64Array(n);
  const value = new Float64Array(n);
  const quality = new Uint8Array(n);
  let text: string[] | undefined;
  decodeQuality(r, quality, (h.flags & Flag.qualityPacked) !== 0);
  let mask: Uint8Array | null = null;
  let exceptions = 0;
  if (h.flags & Flag.exceptions) {
    ({ mask, exceptions } = decodeMask(r, n));
    if (exceptions === 0) throw corrupt('the exception flag is set but the mask marks none');
  }
  decodeTimestamps(r, ts, h.firstTs);
  if (n > 0 && ts[n - 1] !== h.lastTs) throw corrupt(`the last timestamp ${ts[n - 1]} does not match the header's ${h.lastTs}`);
  switch (h.encoding) {
    case Encoding.xor64:
      decodeXor64(r, value);
      break;
    case Encoding.xor32:
      decodeXor32(r, value);
      break;
    case Encoding.scaled:
      decodeScaled(r, value, h.scale, mask, n - exceptions);
      break;
    case Encoding.boolBits:
    case Encoding.boolRuns:
      decodeBool(r, value, mask, n - exceptions, h.encoding === Encoding.boolRuns);
      break;
    case Encoding.stringDict:
      text = decodeStrings(r, n);
      if (h.flags & Flag.stringValues) decodeXor64(r, value);
      else value.fill(Number.NaN);
      break;
  }
  if (mask !== null) scatterExceptions(r, value, mask, exceptions);
  const used = r.bitPosition;
  if (used > end * 8) throw corrupt('the body is shorter than its contents (truncated block?)');
  if (Math.ceil(used / 8) !== end) throw corrupt(`${end - Math.ceil(used / 8)} unexpected bytes after the body`);
  const series: Series = text === undefined ? { ts, value, quality } : { ts, value, quality, text };
  return { kind: h.kind, series };
}

/** The header fields the storage layer indexes by, without decoding the body or checking the checksum. */
export function readBlockHeader(bytes: Uint8Array): BlockHeader {
  const { version, kind, count, firstTs, lastTs } = parseHeader(bytes);
  return { version, kind, count, firstTs, lastTs };
}

/** The exception values in order, copied bit for bit. */
function gatherExceptions(value: Float64Array, ints: Float64Array, n: number, exceptions: number): Float64Array {
  const out = new Float64Array(exceptions);
  const src = new Uint32Array(value.buffer, value.byteOffset, n * 2);
  const dst = new Uint32Array(out.buffer);
  let j = 0;
  for (let i = 0; i < n; i++) {
    const x = ints[i]!;
    if (x === x) continue;
    dst[2 * j] = src[2 * i]!;
    dst[2 * j + 1] = src[2 * i + 1]!;
    j++;
  }
  return out;
}

function scatterExceptions(r: BitReader, value: Float64Array, mask: Uint8Array, exceptions: number): void {
  if (exceptions > r.bitsLeft) throw corrupt(`${exceptions} exception values cannot fit in the rest of the block`);
  const tmp = new Float64Array(exceptions);
  decodeXor64(r, tmp);
  const src = new Uint32Array(tmp.buffer);
  const dst = new Uint32Array(value.buffer, value.byteOffset, value.length * 2);
  let j = 0;
  for (let i = 0; i < mask.length; i++) {
    if (mask[i] === 0) continue;
    dst[2 * i] = src[2 * j]!;
    dst[2 * i + 1] = src[2 * j + 1]!;
    j++;
  }
}

function hex32(v: number): string {
  return `0x${v.toString(16).padStart(8, '0')}`;
}
