/**
 * Timestamps, Gorilla style: the first is in the header; each next one is the
 * delta-of-delta (dod) against the previous delta (the delta before the second sample
 * counts as 0), zigzag-coded into buckets:
 *
 *   '0'                dod = 0
 *   '10'    + 7 bits   zigzag(dod) < 2^7
 *   '110'   + 9 bits   zigzag(dod) < 2^9
 *   '1110'  + 12 bits  zigzag(dod) < 2^12
 *   '11110' + 32 bits  zigzag(dod) < 2^32
 *   '11111' + 53 bits  the delta itself (any gap up to 2^53 - 1 ms)
 */
import type { BitReader, BitWriter } from './bits.js';
import { corrupt, invalidSeries } from './errors.js';

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;
/** Payload bits after a prefix of 1, 2, 3, 4 ones. */
const DOD_BITS = [0, 7, 9, 12, 32];

/** Checks the timestamps (whole, safe, non-decreasing) while writing them. */
export function encodeTimestamps(w: BitWriter, ts: Float64Array): void {
  const n = ts.length;
  if (n === 0) return;
  let prev = ts[0]!;
  if (!Number.isSafeInteger(prev)) throw invalidSeries(`ts[0] = ${prev} is not a whole number of ms within ±2^53`);
  let prevDelta = 0;
  for (let i = 1; i < n; i++) {
    const t = ts[i]!;
    // Whole, not before the previous one, within ±2^53 (NaN fails the first test).
    if (!(t >= prev && Math.floor(t) === t && t <= MAX_SAFE)) throw badTimestamp(ts, i);
    const delta = t - prev;
    if (delta > MAX_SAFE) throw invalidSeries(`the gap between ts[${i - 1}] and ts[${i}] is more than 2^53 ms`);
    const dod = delta - prevDelta;
    prev = t;
    prevDelta = delta;
    if (dod === 0) {
      w.write(0, 1);
    } else if (dod >= INT32_MIN && dod <= INT32_MAX) {
      const z = dod >= 0 ? dod * 2 : -dod * 2 - 1;
      if (z < 128) w.write(0x100 | z, 9); // '10' + 7
      else if (z < 512) w.write(0xc00 | z, 12); // '110' + 9
      else if (z < 4096) w.write(0xe000 | z, 16); // '1110' + 12
      else {
        w.write(0x1e, 5); // '11110'
        w.write(z, 32);
      }
    } else {
      w.write(0x1f, 5); // '11111'
      w.write53(delta);
    }
  }
}

function badTimestamp(ts: Float64Array, i: number): Error {
  const t = ts[i]!;
  if (!Number.isSafeInteger(t)) return invalidSeries(`ts[${i}] = ${t} is not a whole number of ms within ±2^53`);
  return invalidSeries(`timestamps go backwards: ts[${i}] = ${t} is before ts[${i - 1}] = ${ts[i - 1]} (sort the samples first)`);
}

export function decodeTimestamps(r: BitReader, out: Float64Array, firstTs: number): void {
  const n = out.length;
  if (n === 0) return;
  let prev = firstTs;
  let delta = 0;
  out[0] = prev;
  for (let i = 1; i < n; i++) {
    const ones = r.readOnes(5);
    if (ones !== 0) {
      if (ones === 5) delta = r.read53();
      else {
        const z = r.read(DOD_BITS[ones]!);
        delta += z % 2 === 1 ? -(z + 1) / 2 : z / 2;
      }
      if (delta < 0 || delta > MAX_SAFE) throw corrupt(`timestamp ${i} goes backwards or out of range`);
    }
    prev += delta;
    if (prev > Number.MAX_SAFE_INTEGER) throw corrupt(`timestamp ${i} is out of range`);
    out[i] = prev;
  }
}
