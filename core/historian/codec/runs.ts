/**
 * Run-length pieces: quality codes, the exception mask, and booleans.
 *
 * - Quality runs: (code: 8 bits, length: uvar) until the lengths add up to count; or,
 *   when smaller and every code is below 4, 2 bits per sample (Flag.qualityPacked).
 * - Exception mask: alternating run lengths (uvar), regular values first (that first run
 *   may be 0), until they add up to count.
 * - Booleans (regular values only): one bit each, or the first bit + run lengths (uvar)
 *   that add up to the number of regular values — whichever is smaller.
 */
import { uvarBits, type BitReader, type BitWriter } from './bits.js';
import { corrupt } from './errors.js';
import { scratchInts } from './scaled.js';

/** True when 2 bits a sample is smaller than runs for these quality codes. */
export function qualityPackedIsSmaller(q: Uint8Array): boolean {
  const n = q.length;
  let rle = 0;
  let max = 0;
  let i = 0;
  while (i < n) {
    const code = q[i]!;
    let j = i + 1;
    while (j < n && q[j] === code) j++;
    rle += 8 + uvarBits(j - i);
    if (code > max) max = code;
    i = j;
  }
  return max < 4 && 2 * n < rle;
}

export function encodeQuality(w: BitWriter, q: Uint8Array, packed: boolean): void {
  const n = q.length;
  if (packed) {
    for (let i = 0; i < n; i++) w.write(q[i]!, 2);
    return;
  }
  let i = 0;
  while (i < n) {
    const code = q[i]!;
    let j = i + 1;
    while (j < n && q[j] === code) j++;
    w.write(code, 8);
    w.writeUVar(j - i);
    i = j;
  }
}

export function decodeQuality(r: BitReader, out: Uint8Array, packed: boolean): void {
  const n = out.length;
  if (packed) {
    let i = 0;
    for (; i + 16 <= n; i += 16) {
      const w = r.read(32); // 16 codes
      for (let j = 0; j < 16; j++) out[i + j] = (w >>> (30 - 2 * j)) & 3;
    }
    for (; i < n; i++) out[i] = r.read(2);
    return;
  }
  let i = 0;
  while (i < n) {
    const code = r.read(8);
    const len = r.readUVar('a quality run length');
    if (len === 0 || len > n - i) throw corrupt(`quality run of ${len} at sample ${i} of ${n}`);
    out.fill(code, i, i + len);
    i += len;
  }
}

/** Marks exceptions (NaN in `ints`) as runs. */
export function encodeMask(w: BitWriter, ints: Float64Array, n: number): void {
  let i = 0;
  let regular = true;
  while (i < n) {
    let j = i;
    if (regular) while (j < n && ints[j] === ints[j]) j++;
    else while (j < n && ints[j] !== ints[j]) j++;
    w.writeUVar(j - i);
    i = j;
    regular = !regular;
  }
}

/** The exception mask: 1 where the value is stored apart. Returns the number of exceptions too. */
export function decodeMask(r: BitReader, n: number): { mask: Uint8Array; exceptions: number } {
  const mask = new Uint8Array(n);
  let exceptions = 0;
  let i = 0;
  let regular = true;
  while (i < n) {
    const len = r.readUVar('an exception run length');
    if ((len === 0 && i > 0) || len > n - i) throw corrupt(`exception-mask run of ${len} at sample ${i} of ${n}`);
    if (!regular) {
      mask.fill(1, i, i + len);
      exceptions += len;
    }
    i += len;
    regular = !regular;
  }
  return { mask, exceptions };
}

export interface BoolPlan {
  /** 0/1 per sample, NaN for exceptions (anything but +0 and 1). Length ≥ n (scratch). */
  ints: Float64Array;
  exceptions: number;
  /** Whether run lengths are smaller than one bit per value. */
  runs: boolean;
}

/** Null when over a quarter of the values are neither 0/1 nor NaN/-0 (not booleans at all). */
export function planBool(values: Float64Array): BoolPlan | null {
  const n = values.length;
  const ints = scratchInts(n);
  let exceptions = 0;
  let odd = 0;
  let regular = 0;
  let runBits = 1;
  let runLen = 0;
  let last = -1;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v === 1 || (v === 0 && 1 / v > 0)) {
      ints[i] = v;
      regular++;
      if (v === last) runLen++;
      else {
        if (runLen > 0) runBits += uvarBits(runLen);
        last = v;
        runLen = 1;
      }
    } else {
      ints[i] = Number.NaN;
      exceptions++;
      if (v === v && v !== 0) odd++;
    }
  }
  if (runLen > 0) runBits += uvarBits(runLen);
  if (odd * 4 > n) return null;
  return { ints, exceptions, runs: runBits < regular };
}

export function encodeBool(w: BitWriter, ints: Float64Array, n: number, runs: boolean): void {
  if (!runs) {
    for (let i = 0; i < n; i++) {
      const x = ints[i]!;
      if (x === x) w.write(x, 1);
    }
    return;
  }
  let last = -1;
  let runLen = 0;
  for (let i = 0; i < n; i++) {
    const x = ints[i]!;
    if (x !== x) continue;
    if (x === last) {
      runLen++;
      continue;
    }
    if (runLen > 0) w.writeUVar(runLen);
    else w.write(x, 1); // the first value
    last = x;
    runLen = 1;
  }
  if (runLen > 0) w.writeUVar(runLen);
}

export function decodeBool(r: BitReader, out: Float64Array, exception: Uint8Array | null, regular: number, runs: boolean): void {
  const n = out.length;
  if (!runs) {
    if (exception === null) {
      let i = 0;
      for (; i + 32 <= n; i += 32) {
        const w = r.read(32); // 32 values
        for (let j = 0; j < 32; j++) out[i + j] = (w >>> (31 - j)) & 1;
      }
      for (; i < n; i++) out[i] = r.read(1);
      return;
    }
    for (let i = 0; i < n; i++) {
      if (exception[i] === 0) out[i] = r.read(1);
    }
    return;
  }
  if (regular === 0) return;
  let value = r.read(1);
  let left = 0;
  let seen = 0;
  for (let i = 0; i < n; i++) {
    if (exception !== null && exception[i] === 1) continue;
    if (left === 0) {
      if (seen > 0) value ^= 1;
      left = r.readUVar('a boolean run length');
      if (left === 0 || left > regular - seen) throw corrupt(`boolean run of ${left} after ${seen} of ${regular} values`);
    }
    out[i] = value;
    left--;
    seen++;
  }
}
