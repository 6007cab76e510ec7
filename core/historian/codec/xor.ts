/**
 * Gorilla XOR coding of float bit patterns. The first value is stored raw; each next one
 * as the XOR with the previous pattern:
 *
 *   '0'                                   same bits as the previous value
 *   '10' + meaningful bits                the XOR fits the previous window (leading/trailing zeros)
 *   '11' + lead + (len-1) + len bits      a new window
 *
 * 64-bit: lead is 5 bits (capped at 31), len-1 is 6 bits. 32-bit: 5 and 5 bits.
 * A window is reused only when that is not longer than starting a new one.
 * The 64-bit patterns are read through a Uint32Array view (two halves), so NaN payloads,
 * -0, denormals and infinities come back bit for bit.
 */
import type { BitReader, BitWriter } from './bits.js';
import { corrupt } from './errors.js';

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
/** Index of the high / low 32-bit half of a float64 inside a Uint32Array view. */
const HI = LITTLE_ENDIAN ? 1 : 0;
const LO = LITTLE_ENDIAN ? 0 : 1;

function halves(values: Float64Array): Uint32Array {
  return new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
}

export function encodeXor64(w: BitWriter, values: Float64Array): void {
  const n = values.length;
  if (n === 0) return;
  const u = halves(values);
  let prevHi = u[HI]!;
  let prevLo = u[LO]!;
  w.write(prevHi, 32);
  w.write(prevLo, 32);
  let winLead = 65; // no window yet
  let winTrail = 0;
  let winLen = 0;
  for (let i = 1; i < n; i++) {
    const hi = u[2 * i + HI]!;
    const lo = u[2 * i + LO]!;
    const xh = hi ^ prevHi;
    const xl = lo ^ prevLo;
    prevHi = hi;
    prevLo = lo;
    if ((xh | xl) === 0) {
      w.write(0, 1);
      continue;
    }
    let lead = xh !== 0 ? Math.clz32(xh) : 32 + Math.clz32(xl);
    const trail = xl !== 0 ? 31 - Math.clz32(xl & -xl) : 63 - Math.clz32(xh & -xh);
    if (lead > 31) lead = 31;
    const len = 64 - lead - trail;
    let shift: number;
    let bits: number;
    if (lead >= winLead && trail >= winTrail && winLen <= len + 11) {
      w.write(2, 2);
      shift = winTrail;
      bits = winLen;
    } else {
      // '11', lead (5), len - 1 (6): one 13-bit write.
      w.write(0x1800 | (lead << 6) | (len - 1), 13);
      winLead = lead;
      winTrail = trail;
      winLen = len;
      shift = trail;
      bits = len;
    }
    // The XOR shifted right by `shift`, then its low `bits` bits.
    let sh: number;
    let sl: number;
    if (shift === 0) {
      sh = xh;
      sl = xl;
    } else if (shift < 32) {
      sh = xh >>> shift;
      sl = (xl >>> shift) | (xh << (32 - shift));
    } else {
      sh = 0;
      sl = xh >>> (shift - 32);
    }
    if (bits > 32) {
      w.write(sh >>> 0, bits - 32);
      w.write(sl >>> 0, 32);
    } else {
      w.write(bits === 32 ? sl >>> 0 : sl & ((1 << bits) - 1), bits);
    }
  }
}

/**
 * The hot loop reads the stream inline (see BitReader) and keeps the value as two int32
 * halves written straight into `out` through a Uint32Array view. Each value is one 64-bit
 * peek, which holds the control bits and (but for windows over 51 bits) the payload too.
 * A window is kept as its lead and two masks: the payload, shifted to the top of the
 * peek, goes right by `lead` and the mask clears what follows it (the next fields), so
 * no branch depends on the window's size.
 */
export function decodeXor64(r: BitReader, out: Float64Array): void {
  const n = out.length;
  if (n === 0) return;
  const u = halves(out);
  let hi = r.read(32) | 0;
  let lo = r.read(32) | 0;
  u[HI] = hi;
  u[LO] = lo;
  const view = r.view;
  const fastEnd = r.fastEnd;
  let pos = r.pos;
  let lead = 0;
  let len = 0; // 0: no window yet
  let maskHi = 0;
  let maskLo = 0;
  for (let i = 1; i < n; i++) {
    // The 64 bits from pos, as ph:pl.
    const p = pos >>> 3;
    let ph: number;
    let pl: number;
    if (p < fastEnd) {
      const s = pos & 7;
      const mid = view.getInt32(p + 4);
      ph = (view.getInt32(p) << s) | (mid >>> 1 >>> (31 - s)); // mid >>> (32 - s), 0 for s = 0
      pl = (mid << s) | (view.getUint8(p + 8) >>> (8 - s));
    } else {
      ph = r.peekTail(pos);
      pl = r.peekTail(pos + 32);
    }
    if (ph < 0) {
      let off = 2; // '10': the previous window
      if ((ph & 0x40000000) !== 0) {
        // '11' + lead (5) + len - 1 (6): a new window.
        lead = (ph >>> 25) & 31;
        len = ((ph >>> 19) & 63) + 1;
        const trail = 64 - lead - len;
        if (trail < 0) throw corruptXor(-2, i);
        if (trail >= 32) {
          maskHi = -1 << (trail - 32);
          maskLo = 0;
        } else {
          maskHi = -1;
          maskLo = -1 << trail;
        }
        off = 13;
      } else if (len === 0) {
        throw corruptXor(-1, i);
      }
      if (off + len <= 64) {
        // Shift the control bits out: the payload on top.
        ph = (ph << off) | (pl >>> (32 - off));
        pl <<= off;
      } else {
        // A window too wide for this peek: peek again after the control bits.
        const q = pos + off;
        const pq = q >>> 3;
        if (pq < fastEnd) {
          const s = q & 7;
          const mid = view.getInt32(pq + 4);
          ph = (view.getInt32(pq) << s) | (mid >>> 1 >>> (31 - s));
          pl = (mid << s) | (view.getUint8(pq + 8) >>> (8 - s));
        } else {
          ph = r.peekTail(q);
          pl = r.peekTail(q + 32);
        }
      }
      pos += off + len;
      hi ^= (ph >>> lead) & maskHi;
      // (ph << 1) << (31 - lead) is ph << (32 - lead), and 0 for lead 0.
      lo ^= ((pl >>> lead) | ((ph << 1) << (31 - lead))) & maskLo;
    } else {
      pos += 1; // '0': the same bits
    }
    u[2 * i + HI] = hi;
    u[2 * i + LO] = lo;
  }
  r.pos = pos;
}

/**
 * float32 patterns of `values` (which must all be float32 values: Math.fround(v) is v);
 * returns the index of the first value that is not, or -1 when all are.
 */
export function toFloat32Bits(values: Float64Array, out: Uint32Array): number {
  const asFloat = new Float32Array(out.buffer, out.byteOffset, out.length);
  asFloat.set(values);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    // Conversion keeps the sign of zero, so === is exact here except for NaN.
    if (asFloat[i] !== v && v === v) return i;
  }
  return -1;
}

export function encodeXor32(w: BitWriter, u: Uint32Array): void {
  const n = u.length;
  if (n === 0) return;
  let prev = u[0]!;
  w.write(prev, 32);
  let winLead = 33;
  let winTrail = 0;
  let winLen = 0;
  for (let i = 1; i < n; i++) {
    const cur = u[i]!;
    const x = cur ^ prev;
    prev = cur;
    if (x === 0) {
      w.write(0, 1);
      continue;
    }
    const lead = Math.clz32(x);
    const trail = 31 - Math.clz32(x & -x);
    const len = 32 - lead - trail;
    let shift: number;
    let bits: number;
    if (lead >= winLead && trail >= winTrail && winLen <= len + 10) {
      w.write(2, 2);
      shift = winTrail;
      bits = winLen;
    } else {
      // '11', lead (5), len - 1 (5): one 12-bit write.
      w.write(0xc00 | (lead << 5) | (len - 1), 12);
      winLead = lead;
      winTrail = trail;
      winLen = len;
      shift = trail;
      bits = len;
    }
    const s = x >>> shift;
    w.write(bits === 32 ? s : s & ((1 << bits) - 1), bits);
  }
}

/** float32 patterns for decodeXor32, reused (decoding is synchronous). */
let scratch32 = new Uint32Array(1024);

/**
 * As decodeXor64, on 32-bit patterns: one 32-bit peek holds the control bits and, when
 * they fit (off + len ≤ 32, the usual case), the payload; the patterns are widened to
 * float64 with one `set` at the end.
 */
export function decodeXor32(r: BitReader, out: Float64Array): void {
  const n = out.length;
  if (n === 0) return;
  if (scratch32.length < n) scratch32 = new Uint32Array(Math.max(n, scratch32.length * 2));
  const u = scratch32;
  let cur = r.read(32) | 0;
  u[0] = cur;
  const view = r.view;
  const fastEnd = r.fastEnd;
  let pos = r.pos;
  let lead = 0;
  let len = 0; // 0: no window yet
  let mask = 0;
  for (let i = 1; i < n; i++) {
    let p = pos >>> 3;
    let w = p < fastEnd ? (view.getInt32(p) << (pos & 7)) | (view.getUint8(p + 4) >>> (8 - (pos & 7))) : r.peekTail(pos);
    if (w < 0) {
      let off = 2; // '10': the previous window
      if ((w & 0x40000000) !== 0) {
        // '11' + lead (5) + len - 1 (5): a new window.
        lead = (w >>> 25) & 31;
        len = ((w >>> 20) & 31) + 1;
        const trail = 32 - lead - len;
        if (trail < 0) throw corruptXor(-2, i);
        mask = -1 << trail;
        off = 12;
      } else if (len === 0) {
        throw corruptXor(-1, i);
      }
      pos += off;
      if (off + len <= 32) {
        w <<= off;
      } else {
        p = pos >>> 3;
        w = p < fastEnd ? (view.getInt32(p) << (pos & 7)) | (view.getUint8(p + 4) >>> (8 - (pos & 7))) : r.peekTail(pos);
      }
      pos += len;
      cur ^= (w >>> lead) & mask;
    } else {
      pos += 1; // '0': the same bits
    }
    u[i] = cur;
  }
  r.pos = pos;
  out.set(new Float32Array(u.buffer, 0, n));
}

function corruptXor(state: number, i: number): Error {
  return corrupt(state === -1 ? `XOR value ${i} reuses a window before any was set` : `XOR value ${i} has a window wider than the value`);
}
