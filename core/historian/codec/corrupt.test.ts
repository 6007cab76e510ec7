import { describe, expect, it } from 'vitest';
import { crc32 } from './crc32.js';
import { BlockCodecError, decodeBlock, encodeBlock, readBlockHeader } from './index.js';
import { makeSeries, prng, regularTs } from './testing/series-gen.js';

const T0 = 1_700_000_000_000;

function sampleBlock(): Uint8Array {
  const rand = prng(41);
  const n = 40;
  const value = Float64Array.from({ length: n }, (_, i) => (i === 9 ? Number.NaN : Math.round(rand() * 1000) / 10));
  const quality = Uint8Array.from({ length: n }, (_, i) => (i === 9 ? 2 : 0));
  return encodeBlock('f64', { ts: regularTs(n, T0, 1000, 20, rand), value, quality });
}

/** Recomputes the trailing CRC, to forge a block whose checksum passes. */
function withValidCrc(bytes: Uint8Array): Uint8Array {
  const out = bytes.slice();
  new DataView(out.buffer).setUint32(out.length - 4, crc32(out, 0, out.length - 4));
  return out;
}

function errorOf(f: () => unknown): BlockCodecError {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(BlockCodecError);
    return error as BlockCodecError;
  }
  throw new Error('expected a BlockCodecError, but nothing was thrown');
}

describe('corrupt and truncated blocks throw, naming the problem', () => {
  it('every truncation throws', () => {
    const block = sampleBlock();
    expect(decodeBlock(block).series.ts.length).toBe(40);
    for (let len = 0; len < block.length; len++) {
      const e = errorOf(() => decodeBlock(block.subarray(0, len)));
      expect(e.code).toBe('historian-block-corrupt');
      expect(e.message).toMatch(/^historian block is corrupt: /);
    }
  });

  it('every single-bit flip throws (the CRC, or the header checks before it)', () => {
    const block = sampleBlock();
    for (let bit = 0; bit < block.length * 8; bit++) {
      const damaged = block.slice();
      damaged[bit >> 3] ^= 0x80 >> (bit & 7);
      expect(errorOf(() => decodeBlock(damaged)).code).toMatch(/^historian-block-(corrupt|unsupported-version)$/);
    }
  });

  it('says which check failed', () => {
    const block = sampleBlock();
    expect(errorOf(() => decodeBlock(new Uint8Array(0))).message).toMatch(/only 0 bytes/);
    expect(errorOf(() => decodeBlock(Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13))).message).toMatch(/bad magic 0x0102/);
    const flipped = block.slice();
    flipped[flipped.length - 10] ^= 1;
    expect(errorOf(() => decodeBlock(flipped)).message).toMatch(/checksum mismatch \(stored 0x[0-9a-f]{8}, computed 0x[0-9a-f]{8}\)/);
    const extended = new Uint8Array(block.length + 3);
    extended.set(block);
    expect(errorOf(() => decodeBlock(extended)).message).toMatch(/checksum mismatch/);
    expect(errorOf(() => decodeBlock(withValidCrc(extended))).message).toMatch(/unexpected bytes after the body/);
    const badKind = block.slice();
    badKind[3] = 9;
    expect(errorOf(() => decodeBlock(badKind)).message).toMatch(/unknown value kind code 9/);
  });

  it('refuses an unknown format version, in decodeBlock and readBlockHeader', () => {
    const block = sampleBlock();
    for (const version of [0, 2, 255]) {
      const future = block.slice();
      future[2] = version;
      for (const read of [decodeBlock, readBlockHeader]) {
        const e = errorOf(() => read(future));
        expect(e.code).toBe('historian-block-unsupported-version');
        expect(e.message).toContain(`version ${version} is not supported`);
      }
    }
  });

  it('readBlockHeader reads the header of a block whose body is damaged (it does not check the body)', () => {
    const block = sampleBlock();
    const damaged = block.slice();
    damaged[damaged.length - 8] ^= 0xff;
    expect(readBlockHeader(damaged)).toEqual(readBlockHeader(block));
    expect(readBlockHeader(block)).toMatchObject({ version: 1, kind: 'f64', count: 40 });
    expect(() => decodeBlock(damaged)).toThrow(/checksum mismatch/);
  });

  it('catches a forged header whose checksum was recomputed', () => {
    const block = sampleBlock();
    // count is the byte after the six fixed header bytes (40 < 128: one varint byte)
    expect(block[6]).toBe(40);
    const moreSamples = block.slice();
    moreSamples[6] = 41;
    expect(() => decodeBlock(withValidCrc(moreSamples))).toThrow(BlockCodecError);
    const fewer = block.slice();
    fewer[6] = 39;
    expect(() => decodeBlock(withValidCrc(fewer))).toThrow(BlockCodecError);
    const huge = block.slice();
    huge[6] = 0xff; // a varint running into the timestamps
    expect(() => decodeBlock(withValidCrc(huge))).toThrow(BlockCodecError);
  });

  it('random garbage after a valid header never decodes silently', () => {
    const block = sampleBlock();
    const rand = prng(43);
    for (let trial = 0; trial < 300; trial++) {
      const garbage = block.slice();
      for (let i = 12; i < garbage.length - 4; i++) if (rand() < 0.3) garbage[i] = Math.floor(rand() * 256);
      if (garbage.every((b, i) => b === block[i])) continue;
      expect(() => decodeBlock(garbage)).toThrow(BlockCodecError);
    }
  });
});

describe('encodeBlock refuses a series that breaks its contract', () => {
  const errorFor = (f: () => unknown) => {
    const e = errorOf(f);
    expect(e.code).toBe('historian-block-invalid-series');
    return e.message;
  };

  it('decreasing, fractional, NaN and out-of-range timestamps', () => {
    expect(errorFor(() => encodeBlock('f64', makeSeries([T0, T0 + 5, T0 + 4], [1, 2, 3])))).toMatch(/timestamps go backwards: ts\[2\] = 1700000000004 is before ts\[1\] = 1700000000005/);
    expect(errorFor(() => encodeBlock('f64', makeSeries([T0, T0 + 0.5], [1, 2])))).toMatch(/ts\[1\] = 1700000000000.5 is not a whole number/);
    expect(errorFor(() => encodeBlock('f64', makeSeries([T0, Number.NaN], [1, 2])))).toMatch(/ts\[1\] = NaN/);
    expect(errorFor(() => encodeBlock('f64', makeSeries([Number.NaN], [1])))).toMatch(/ts\[0\] = NaN/);
    expect(errorFor(() => encodeBlock('f64', makeSeries([0, 2 ** 53], [1, 2])))).toMatch(/ts\[1\]/);
  });

  it('columns of different lengths, a missing or non-string text, an unknown kind', () => {
    expect(errorFor(() => encodeBlock('f64', { ts: new Float64Array(2), value: new Float64Array(1), quality: new Uint8Array(2) }))).toMatch(/columns differ in length/);
    expect(errorFor(() => encodeBlock('string', makeSeries([T0], [Number.NaN])))).toMatch(/needs `text`/);
    expect(errorFor(() => encodeBlock('string', makeSeries([T0, T0], [Number.NaN, Number.NaN], undefined, ['a', undefined as unknown as string])))).toMatch(/text\[1\] is undefined/);
    expect(errorFor(() => encodeBlock('f16' as never, makeSeries([T0], [1])))).toMatch(/unknown value kind 'f16'/);
  });
});
