import { describe, expect, it } from 'vitest';
import { BitReader, BitWriter, uvarBits } from './bits.js';
import { crc32 } from './crc32.js';
import { prng } from './testing/series-gen.js';

describe('BitWriter / BitReader', () => {
  it('round-trip fields of every width 1..32 at every alignment', () => {
    const rand = prng(7);
    const widths: number[] = [];
    const values: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const bits = 1 + Math.floor(rand() * 32);
      widths.push(bits);
      values.push(Math.floor(rand() * 2 ** bits));
    }
    // Edge values at every width: all zeros, all ones, top bit only.
    for (let bits = 1; bits <= 32; bits++) {
      for (const v of [0, 2 ** bits - 1, 2 ** (bits - 1)]) {
        widths.push(bits);
        values.push(v);
      }
    }
    const w = new BitWriter(16); // small: forces growth
    for (let i = 0; i < widths.length; i++) w.write(values[i]!, widths[i]!);
    w.alignToByte();
    const bytes = w.bytes();
    const r = new BitReader(bytes, 0, bytes.length);
    for (let i = 0; i < widths.length; i++) expect(r.read(widths[i]!)).toBe(values[i]);
    expect(Math.ceil(r.bitPosition / 8)).toBe(bytes.length);
  });

  it('round-trips single bits, 53-bit numbers and varints', () => {
    const w = new BitWriter(0);
    const big = [0, 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 50 + 12345, Number.MAX_SAFE_INTEGER];
    w.write(1, 1);
    for (const v of big) w.write53(v);
    for (const v of big) w.writeUVar(v);
    w.write(0, 1);
    w.alignToByte();
    const bytes = w.bytes();
    const r = new BitReader(bytes, 0, bytes.length);
    expect(r.readBit()).toBe(1);
    for (const v of big) expect(r.read53()).toBe(v);
    for (const v of big) expect(r.readUVar('v')).toBe(v);
    expect(r.readBit()).toBe(0);
    expect(uvarBits(127)).toBe(8);
    expect(uvarBits(128)).toBe(16);
  });

  it('reads the last partial word as zero padding, shows the overrun, and refuses a word wholly past the end', () => {
    const r = new BitReader(new Uint8Array([0xff, 0xff]), 0, 2);
    expect(r.read(16)).toBe(0xffff);
    expect(r.read(16)).toBe(0); // padding: the decoder's end-of-body check catches this
    expect(r.bitPosition).toBeGreaterThan(2 * 8);
    expect(r.bitsLeft).toBeLessThan(0);
    expect(() => r.read(1)).toThrow(/ends early/);
  });
});

describe('crc32', () => {
  it('gives the standard check value and handles any alignment', () => {
    const ascii = new TextEncoder().encode('123456789');
    expect(crc32(ascii, 0, ascii.length)).toBe(0xcbf43926);
    const rand = prng(3);
    const bytes = Uint8Array.from({ length: 1000 }, () => Math.floor(rand() * 256));
    // slicing-by-8 against the bytewise definition
    const bytewise = (b: Uint8Array, s: number, e: number) => {
      let c = -1;
      for (let i = s; i < e; i++) {
        c ^= b[i]!;
        for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      }
      return (c ^ -1) >>> 0;
    };
    for (const [s, e] of [[0, 1000], [3, 997], [1, 8], [5, 5], [0, 7]] as const) expect(crc32(bytes, s, e)).toBe(bytewise(bytes, s, e));
  });
});
