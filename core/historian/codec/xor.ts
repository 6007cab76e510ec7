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

export function decodeXor64(r: BitReader, out: Float64Array): void {
  const n = out.length;
  if (n === 0) return;
  const u = halves(out);
  let hi = r.read(32);
  let lo = r.read(32);
  u[HI] = hi;
  u[LO] = lo;
  let winTrail = -1; // no window yet
  let winLen = 0;
  for (let i = 1; i < n; i++) {
    if (r.readBit() !== 0) {
      if (r.readBit() !== 0) {
        const lead = r.read(5);
        const len = r.read(6) + 1;
        winTrail = 64 - lead - len;
        if (winTrail < 0) winTrail = -2; // flagged below
        winLen = len;
      }
      if (winTrail < 0) throw corruptXor(winTrail, i);
      let sh = 0;
      let sl: number;
      if (winLen > 32) {
        sh = r.read(winLen - 32);
        sl = r.read(32);
      } else {
        sl = r.read(winLen);
      }
      const t = winTrail;
      let xh: number;
      let xl: number;
      if (t === 0) {
        xh = sh;
        xl = sl;
      } else if (t < 32) {
        xh = (sh << t) | (sl >>> (32 - t));
        xl = sl << t;
      } else {
        xh = sl << (t - 32);
        xl = 0;
      }
      hi ^= xh;
      lo ^= xl;
    }
    u[2 * i + HI] = hi;
    u[2 * i + LO] = lo;
  }
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

export function decodeXor32(r: BitReader, out: Float64Array): void {
  const n = out.length;
  if (n === 0) return;
  const u = new Uint32Array(n);
  let cur = r.read(32);
  u[0] = cur;
  let winTrail = -1;
  let winLen = 0;
  for (let i = 1; i < n; i++) {
    if (r.readBit() !== 0) {
      if (r.readBit() !== 0) {
        const lead = r.read(5);
        const len = r.read(5) + 1;
        winTrail = 32 - lead - len;
        if (winTrail < 0) winTrail = -2;
        winLen = len;
      }
      if (winTrail < 0) throw corruptXor(winTrail, i);
      cur ^= r.read(winLen) << winTrail;
    }
    u[i] = cur;
  }
  out.set(new Float32Array(u.buffer));
}

function corruptXor(state: number, i: number): Error {
  return corrupt(state === -1 ? `XOR value ${i} reuses a window before any was set` : `XOR value ${i} has a window wider than the value`);
}
