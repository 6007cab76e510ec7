/**
 * Bit packing for the block codec: MSB-first bit streams, up to 32 bits per call.
 * Numbers are handled as 32-bit halves with >>> (no BigInt); wider fields are split by the
 * callers. The writer grows by doubling; the reader never reads outside [start, end) (bits
 * past the end read as zeros).
 */
import { corrupt } from './errors.js';

/** 2^32, for joining two 32-bit halves into one (safe-integer) number. */
export const TWO_POW_32 = 4294967296;

export class BitWriter {
  private buf: Uint8Array;
  /** Bytes already flushed to `buf`. */
  private pos = 0;
  /** Pending bits, right-aligned; only the low `n` bits matter (higher bits are stale). */
  private acc = 0;
  /** Number of pending bits, 0..31. */
  private n = 0;

  constructor(initialBytes: number) {
    this.buf = new Uint8Array(Math.max(64, initialBytes));
  }

  /** Empties the writer for reuse, making room for at least `bytes` bytes. */
  reset(bytes: number): void {
    this.pos = 0;
    this.acc = 0;
    this.n = 0;
    if (this.buf.length < bytes) this.buf = new Uint8Array(Math.max(bytes, this.buf.length * 2));
  }

  /** The capacity in bytes. */
  get capacity(): number {
    return this.buf.length;
  }

  /** Appends the low `bits` bits of `v` (1 ≤ bits ≤ 32; `v` must be an unsigned value below 2^bits). */
  write(v: number, bits: number): void {
    const total = this.n + bits;
    if (total < 32) {
      this.acc = (this.acc << bits) | v;
      this.n = total;
      return;
    }
    const rest = total - 32;
    const word = this.n === 0 ? v : (this.acc << (32 - this.n)) | (v >>> rest);
    let p = this.pos;
    if (p + 4 > this.buf.length) this.grow(4);
    const b = this.buf;
    b[p++] = word >>> 24;
    b[p++] = word >>> 16;
    b[p++] = word >>> 8;
    b[p++] = word;
    this.pos = p;
    this.acc = v | 0; // keep the field a small integer (v may be ≥ 2^31)
    this.n = rest;
  }

  /** A non-negative safe integer in 53 bits (21 + 32). */
  write53(v: number): void {
    const hi = Math.floor(v / TWO_POW_32);
    this.write(hi, 21);
    this.write(v - hi * TWO_POW_32, 32);
  }

  /** LEB128-style unsigned varint (7 bits a group, high bit = more), for any safe integer. */
  writeUVar(v: number): void {
    while (v >= 128) {
      this.write((v % 128) | 128, 8);
      v = Math.floor(v / 128);
    }
    this.write(v, 8);
  }

  /** Pads with zero bits to a byte boundary and flushes, so `length` and `bytes` see everything. */
  alignToByte(): void {
    const pad = (8 - (this.n & 7)) & 7;
    if (pad > 0) this.write(0, pad);
    let n = this.n;
    if (n === 0) return;
    if (this.pos + 4 > this.buf.length) this.grow(4);
    const word = this.acc << (32 - n);
    for (let shift = 24; n > 0; shift -= 8, n -= 8) this.buf[this.pos++] = word >>> shift;
    this.n = 0;
  }

  /** Bytes flushed so far (call `alignToByte` first). */
  get length(): number {
    return this.pos;
  }

  /** The flushed bytes, without copying (call `alignToByte` first). */
  view(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }

  /** A right-sized copy of the flushed bytes (call `alignToByte` first). */
  bytes(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }

  private grow(need: number): void {
    let size = this.buf.length * 2;
    while (size < this.pos + need) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }
}

/**
 * The reader keeps no buffered state but the absolute bit position `pos`: every read peeks
 * at the (unaligned, big-endian) bytes around it through a DataView — 32 bits from one
 * 32-bit and one 8-bit load, 64 bits from two 32-bit and one 8-bit load — and moves `pos`.
 * The hot decoders (timestamps, xor, scaled) copy `pos`, `view` and `fastEnd` into locals,
 * do the same loads inline (falling back to `peekTail` near the end) and store `pos` back,
 * so their loops touch no object state, make no calls and allocate nothing.
 *
 * Bits at and past `end` read as zeros (the zero padding of the last byte, and beyond);
 * reading into them is caught by the decoder's end-of-body check, and a read that starts
 * past the end throws here.
 */
export class BitReader {
  /** Absolute bit position of the next unread bit, counted from byte 0 of `buf`. */
  pos: number;
  /** Big-endian word access to `buf`. */
  readonly view: DataView;
  /**
   * While `pos >>> 3` is below this, the 9 bytes from that byte are inside [0, end), so a
   * peek may load them without checks.
   */
  readonly fastEnd: number;

  constructor(
    readonly buf: Uint8Array,
    start: number,
    /** The stream ends before this byte. */
    readonly end: number,
  ) {
    this.pos = start * 8;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    this.fastEnd = end - 8;
  }

  /** Reads `bits` bits (1 ≤ bits ≤ 32) as an unsigned number. */
  read(bits: number): number {
    const pos = this.pos;
    if (pos > this.end * 8) throw corrupt('the body ends early (truncated block?)');
    this.pos = pos + bits;
    return peek32(this, pos) >>> (32 - bits);
  }

  readBit(): number {
    return this.read(1);
  }

  /** A non-negative integer written by `BitWriter.write53`. */
  read53(): number {
    const hi = this.read(21);
    return hi * TWO_POW_32 + this.read(32);
  }

  /** An unsigned varint written by `BitWriter.writeUVar`; at most 8 groups (53 bits). */
  readUVar(what: string): number {
    let v = 0;
    let scale = 1;
    for (let i = 0; i < 8; i++) {
      const b = this.read(8);
      v += (b & 127) * scale;
      if (b < 128) {
        if (v > Number.MAX_SAFE_INTEGER) break;
        return v;
      }
      scale *= 128;
    }
    throw corrupt(`${what} is not a valid varint`);
  }

  /** Bits left before the end of the stream. */
  get bitsLeft(): number {
    return this.end * 8 - this.pos;
  }

  /** Absolute bit position of the next unread bit. */
  get bitPosition(): number {
    return this.pos;
  }

  /** The 32 bits from bit `pos` as an int32, zero past `end`: the slow path of `peek32` near the end. */
  peekTail(pos: number): number {
    const b = this.buf;
    const end = this.end;
    const p = pos >>> 3;
    let hi = 0;
    for (let i = 0; i < 4; i++) hi = (hi << 8) | (p + i < end ? b[p + i]! : 0);
    const next = p + 4 < end ? b[p + 4]! : 0;
    const s = pos & 7;
    return (hi << s) | (next >>> (8 - s));
  }
}

/**
 * The 32 bits of `r`'s stream from bit `pos`, MSB first, as an int32 (`>>> 0` for the
 * unsigned value); zeros past the end. Does not move `r.pos`. (The hot loops inline this.)
 */
function peek32(r: BitReader, pos: number): number {
  const p = pos >>> 3;
  if (p < r.fastEnd) {
    const s = pos & 7;
    const v = r.view;
    // For s = 0 the byte shifts out entirely (it is below 256).
    return (v.getInt32(p) << s) | (v.getUint8(p + 4) >>> (8 - s));
  }
  return r.peekTail(pos);
}

/** Bits `writeUVar(v)` takes. */
export function uvarBits(v: number): number {
  let bits = 8;
  while (v >= 128) {
    v = Math.floor(v / 128);
    bits += 8;
  }
  return bits;
}
