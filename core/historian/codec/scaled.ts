/**
 * Values as integers: the int kind (k = 0) and the decimal fast path of f64 (n = v·10^k,
 * k ≤ 6, decoded as n / 10^k). Each integer is coded as the zigzag delta of the previous
 * one (the first against 0):
 *
 *   '0'                        same as previous
 *   '10'    + 5 bits           zigzag(d) < 2^5
 *   '110'   + 10 bits          zigzag(d) < 2^10
 *   '1110'  + 18 bits          zigzag(d) < 2^18
 *   '11110' + 32 bits          zigzag(d) < 2^32
 *   '11111' + sign + 53 bits   the integer itself
 *
 * Values that do not fit (NaN, ±Infinity, -0, and a few off-scale ones) are exceptions:
 * they are marked in `ints` as NaN and stored apart (see block.ts).
 */
import type { BitReader, BitWriter } from './bits.js';
import { corrupt } from './errors.js';

export const POW10: readonly number[] = [1, 10, 100, 1000, 10000, 100000, 1000000];
export const MAX_SCALE = 6;

const MAX = Number.MAX_SAFE_INTEGER;
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

export interface ScaledPlan {
  k: number;
  /** The integer per sample, NaN where the value is an exception. Length ≥ n (scratch). */
  ints: Float64Array;
  exceptions: number;
}

let scratch = new Float64Array(1024);

/** A reusable Float64Array of at least n entries (encoding is synchronous, so one suffices). */
export function scratchInts(n: number): Float64Array {
  if (scratch.length < n) scratch = new Float64Array(Math.max(n, scratch.length * 2));
  return scratch;
}

/**
 * The smallest k ≤ maxK at which the values are integers n/10^k that come back
 * bit-identical, or null when too many values (over a quarter, not counting NaN,
 * ±Infinity and -0) fit no k ≤ maxK.
 */
export function planScaled(values: Float64Array, maxK: number): ScaledPlan | null {
  const n = values.length;
  let k = 0;
  let p = 1;
  let offScale = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v - v !== 0 || v === 0) continue; // NaN, ±Infinity, ±0: exceptions or fit any k
    const x = Math.round(v * p);
    if (x / p === v && x <= MAX && x >= -MAX) continue;
    let k2 = k + 1;
    for (; k2 <= maxK; k2++) {
      const p2 = POW10[k2]!;
      const x2 = Math.round(v * p2);
      if (x2 / p2 === v && x2 <= MAX && x2 >= -MAX) break;
    }
    if (k2 <= maxK) {
      k = k2;
      p = POW10[k]!;
    } else if (++offScale * 4 > n || (i >= 31 && offScale * 4 > i + 1)) {
      return null;
    }
  }
  // Exact pass at the chosen k: a value that fitted a smaller k is checked again here.
  const ints = scratchInts(n);
  let exceptions = 0;
  offScale = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    const x = Math.round(v * p);
    if (x / p === v && x <= MAX && x >= -MAX && (v !== 0 || 1 / v > 0)) {
      ints[i] = x;
    } else {
      ints[i] = Number.NaN;
      exceptions++;
      if (v - v === 0 && v !== 0) offScale++;
    }
  }
  if (offScale * 4 > n) return null;
  return { k, ints, exceptions };
}

/** Writes the integers of `ints[0..n)` that are not NaN. */
export function encodeScaled(w: BitWriter, ints: Float64Array, n: number): void {
  let prev = 0;
  for (let i = 0; i < n; i++) {
    const x = ints[i]!;
    if (x !== x) continue;
    const d = x - prev;
    if (d === 0) {
      w.write(0, 1);
      prev = x;
      continue;
    }
    if (d >= INT32_MIN && d <= INT32_MAX) {
      const z = d >= 0 ? d * 2 : -d * 2 - 1;
      if (z < 32) w.write(0x40 | z, 7); // '10' + 5
      else if (z < 1024) w.write(0x1800 | z, 13); // '110' + 10
      else if (z < 262144) w.write(0x380000 | z, 22); // '1110' + 18
      else {
        w.write(0x1e, 5); // '11110'
        w.write(z, 32);
      }
    } else {
      w.write(x < 0 ? 0x3f : 0x3e, 6); // '11111' + sign (1 = negative)
      w.write53(Math.abs(x));
    }
    prev = x;
  }
}

/**
 * For the top 5 bits of a peek: the bits taken by a common bucket's prefix and payload
 * ('0' 1, '10'+5 7, '110'+10 13, '1110'+18 22), or 0 for the wide buckets ('1111x').
 */
const DELTA_USED = new Int32Array(32);
/** For the top 5 bits of a peek: the mask of that bucket's payload (0 for '0'). */
const DELTA_MASK = new Int32Array(32);
for (let top = 0; top < 32; top++) {
  const ones = Math.clz32(~(top << 27));
  if (ones >= 4) continue;
  const used = [1, 7, 13, 22][ones]!;
  DELTA_USED[top] = used;
  DELTA_MASK[top] = (1 << (used - ones - 1)) - 1;
}
/** The widest common bucket: a peek with at least this many bits left decodes one more. */
const MAX_COMMON = 22;

/** The regular values of a block with exceptions, before they are spread out (decoding is synchronous). */
let dense = new Float64Array(1024);

/**
 * Reads the integers of the `regular` values into `out` as n / 10^k; with an exception
 * mask, they go to the positions where `exception[i]` is 0.
 */
export function decodeScaled(r: BitReader, out: Float64Array, k: number, exception: Uint8Array | null, regular: number): void {
  const p10 = POW10[k]!;
  if (exception === null) {
    decodeRegular(r, out, out.length, p10);
    return;
  }
  if (dense.length < regular) dense = new Float64Array(Math.max(regular, dense.length * 2));
  decodeRegular(r, dense, regular, p10);
  const n = out.length;
  let j = 0;
  for (let i = 0; i < n; i++) if (exception[i] === 0) out[i] = dense[j++]!;
}

/**
 * The hot loop reads the stream inline (see BitReader), one 32-bit peek at a time, and
 * decodes from it while it holds a whole common bucket (≥ 22 bits left): several small
 * deltas a peek, each sized by a table on its top 5 bits (no branch per bucket). A peek of
 * 32 zeros is 32 unchanged values. The rare wide buckets take the BitReader's methods.
 */
function decodeRegular(r: BitReader, out: Float64Array, n: number, p10: number): void {
  const view = r.view;
  const fastEnd = r.fastEnd;
  let pos = r.pos;
  let prev = 0;
  let i = 0;
  while (i < n) {
    const p = pos >>> 3;
    let w: number;
    if (p < fastEnd) {
      const s = pos & 7;
      w = (view.getInt32(p) << s) | (view.getUint8(p + 4) >>> (8 - s));
    } else {
      w = r.peekTail(pos);
    }
    if (w === 0) {
      // 32 × '0': a stretch of the same value.
      const stop = Math.min(i + 32, n);
      pos += stop - i;
      const v = prev / p10;
      while (i < stop) out[i++] = v;
      continue;
    }
    let top = w >>> 27;
    let used = DELTA_USED[top]!;
    if (used === 0) {
      r.pos = pos + 5; // '11110' + 32 bits, or '11111' + sign + 53 bits
      if (Math.clz32(~w) === 4) {
        const z = r.read(32);
        prev += z % 2 === 1 ? -(z + 1) / 2 : z / 2;
        if (prev > MAX || prev < -MAX) throw corrupt(`integer value ${i} is out of range`);
      } else {
        const negative = r.readBit() === 1;
        const m = r.read53();
        prev = negative ? -m : m;
      }
      pos = r.pos;
      out[i++] = prev / p10;
      continue;
    }
    let left = 32;
    for (;;) {
      const z = (w >>> (32 - used)) & DELTA_MASK[top]!;
      pos += used;
      left -= used;
      prev += (z >>> 1) ^ -(z & 1); // zigzag back to the delta (0 for '0': no branch)
      if (prev > MAX || prev < -MAX) throw corrupt(`integer value ${i} is out of range`);
      out[i++] = prev / p10;
      if (left < MAX_COMMON || i === n) break;
      w <<= used;
      top = w >>> 27;
      used = DELTA_USED[top]!;
      if (used === 0) break; // a wide bucket: peek again
    }
  }
  r.pos = pos;
}
