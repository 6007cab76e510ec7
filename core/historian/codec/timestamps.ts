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

/**
 * For the top 5 bits of a peek: the bits taken by a common bucket's prefix and payload
 * ('0' 1, '10'+7 9, '110'+9 12, '1110'+12 16), or 0 for the wide buckets ('1111x').
 */
const DOD_USED = new Int32Array(32);
/** For the top 5 bits of a peek: the mask of that bucket's payload (0 for '0'). */
const DOD_MASK = new Int32Array(32);
for (let top = 0; top < 32; top++) {
  const ones = Math.clz32(~(top << 27));
  if (ones >= 4) continue;
  const used = [1, 9, 12, 16][ones]!;
  DOD_USED[top] = used;
  DOD_MASK[top] = (1 << (used - ones - 1)) - 1;
}

/**
 * The hot loop reads the stream inline (see BitReader), one 32-bit peek at a time:
 * - a run of '0's (regular sampling: the delta repeats) is counted with one clz32;
 * - otherwise the peek holds the first timestamp's prefix and payload (≤ 16 bits, sized by
 *   a table on the top 5 bits, so no branch per bucket) and what is left of it (≥ 16
 *   bits) holds the next one's: one peek decodes two jittered timestamps;
 * - the rare wide buckets take the BitReader's methods.
 */
export function decodeTimestamps(r: BitReader, out: Float64Array, firstTs: number): void {
  const n = out.length;
  if (n === 0) return;
  const view = r.view;
  const fastEnd = r.fastEnd;
  let pos = r.pos;
  let prev = firstTs;
  let delta = 0;
  out[0] = prev;
  let i = 1;
  while (i < n) {
    const p = pos >>> 3;
    let w: number;
    if (p < fastEnd) {
      const s = pos & 7;
      w = (view.getInt32(p) << s) | (view.getUint8(p + 4) >>> (8 - s));
    } else {
      w = r.peekTail(pos);
    }
    if (w >= 0) {
      // '0' × run: the delta repeats (regular sampling); prev only grows, so one check.
      let run = Math.clz32(w);
      if (run > n - i) run = n - i;
      pos += run;
      prev = repeatDelta(out, i, run, prev, delta);
      i += run;
      if (prev > MAX_SAFE) throw corrupt(`timestamp ${firstAbove(out, i - run, MAX_SAFE)} is out of range`);
      continue;
    }
    let top = w >>> 27;
    let used = DOD_USED[top]!;
    if (used !== 0) {
      let z = (w >>> (32 - used)) & DOD_MASK[top]!;
      pos += used;
      delta += (z >>> 1) ^ -(z & 1); // zigzag back to the delta-of-delta
      if (delta < 0 || delta > MAX_SAFE) throw corrupt(`timestamp ${i} goes backwards or out of range`);
      prev += delta;
      if (prev > MAX_SAFE) throw corrupt(`timestamp ${i} is out of range`);
      out[i++] = prev;
      if (i === n) break;
      // The next timestamp from the same peek: at least 16 of its bits are left.
      w <<= used;
      top = w >>> 27;
      used = DOD_USED[top]!;
      if (used === 0) continue; // a wide bucket: peek again
      z = (w >>> (32 - used)) & DOD_MASK[top]!;
      pos += used;
      delta += (z >>> 1) ^ -(z & 1);
      if (delta < 0 || delta > MAX_SAFE) throw corrupt(`timestamp ${i} goes backwards or out of range`);
      prev += delta;
      if (prev > MAX_SAFE) throw corrupt(`timestamp ${i} is out of range`);
      out[i++] = prev;
      continue;
    }
    r.pos = pos + 5; // '11110' + 32 bits, or '11111' + the 53-bit delta
    if (Math.clz32(~w) === 4) {
      const z = r.read(32);
      delta += z % 2 === 1 ? -(z + 1) / 2 : z / 2;
    } else {
      delta = r.read53();
    }
    pos = r.pos;
    if (delta < 0 || delta > MAX_SAFE) throw corrupt(`timestamp ${i} goes backwards or out of range`);
    prev += delta;
    if (prev > MAX_SAFE) throw corrupt(`timestamp ${i} is out of range`);
    out[i++] = prev;
  }
  r.pos = pos;
}

/** out[i..i+run) = prev + delta, + 2·delta, ...; returns the last. (Kept out of the hot loop's body.) */
function repeatDelta(out: Float64Array, i: number, run: number, prev: number, delta: number): number {
  for (const stop = i + run; i < stop; i++) out[i] = prev += delta;
  return prev;
}

/** The first index from `from` whose timestamp is above `limit`. */
function firstAbove(out: Float64Array, from: number, limit: number): number {
  while (out[from]! <= limit) from++;
  return from;
}
