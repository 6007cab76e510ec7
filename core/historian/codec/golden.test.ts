/**
 * The decoder's fast paths must not change what is written or what is read:
 * - encodeBlock's bytes for a fixed seeded corpus are pinned by a checksum recorded from
 *   the codec as it was before the decode speed-up (format version 1);
 * - decode(encode(x)) is bit-exact on a large random input that mixes every kind, regime
 *   and edge the encoder can produce, at every block size down to 0;
 * - damaged bodies (with a recomputed checksum) throw BlockCodecError, never anything else.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Series, ValueKind } from '../series.js';
import { crc32 } from './crc32.js';
import { BLOCK_FORMAT_VERSION, BlockCodecError, decodeBlock, encodeBlock } from './index.js';
import { goldenCorpus } from './testing/golden-corpus.js';
import { firstDifference, firstDifferenceObjectIs, prng } from './testing/series-gen.js';

/** sha256 of every golden block's bytes, concatenated in corpus order (recorded before the change). */
const GOLDEN_SHA256 = '7039897785c0298df2ff46d12d8d07fbf62d5a4e91a4776bfd02d02e6565aed7';
const GOLDEN_BYTES = 234_913;

function diff(kind: ValueKind, a: Series, b: Series): string | null {
  return kind === 'f32' ? firstDifferenceObjectIs(a, b) : firstDifference(a, b);
}

describe('encodeBlock output is unchanged', () => {
  it('matches the recorded checksum of the golden corpus, byte for byte', () => {
    expect(BLOCK_FORMAT_VERSION).toBe(1);
    const hash = createHash('sha256');
    let bytes = 0;
    for (const { kind, series } of goldenCorpus()) {
      const block = encodeBlock(kind, series);
      hash.update(block);
      bytes += block.length;
    }
    expect(bytes).toBe(GOLDEN_BYTES);
    expect(hash.digest('hex')).toBe(GOLDEN_SHA256);
  });

  it('the golden corpus decodes bit for bit', () => {
    for (const { name, kind, series } of goldenCorpus()) {
      const back = decodeBlock(encodeBlock(kind, series));
      expect(back.kind, name).toBe(kind);
      expect(diff(kind, series, back.series), name).toBeNull();
      if (kind === 'string') expect(back.series.text, name).toEqual(series.text);
    }
  });
});

/** Bit patterns that stress the XOR windows and the exception paths. */
const SPECIAL_HALVES: readonly (readonly [number, number])[] = [
  [0x7ff80000, 0],
  [0xfff80000, 0],
  [0x7ff00000, 1],
  [0x7fffffff, 0xffffffff],
  [0x7ff00000, 0],
  [0xfff00000, 0],
  [0x80000000, 0],
  [0, 0],
  [0, 1],
  [0x80000000, 1],
  [0x000fffff, 0xffffffff],
  [0x7fefffff, 0xffffffff],
];

/**
 * A random series of `n` samples for `kind`, made of segments in different regimes:
 * noisy, decimal walks, constants, integer jumps, any bit pattern, specials, NaN gaps;
 * timestamps with jitter, repeats, and gaps up to 2^52.
 */
function mixedSeries(kind: ValueKind, n: number, rand: () => number): Series {
  const ts = new Float64Array(n);
  const value = new Float64Array(n);
  const quality = new Uint8Array(n);
  const halves = new Uint32Array(value.buffer);
  let t = Math.round((rand() * 2 - 1) * 2 ** 50);
  let step = [1, 10, 100, 1000, 60_000][Math.floor(rand() * 5)]!;
  let x = (rand() - 0.5) * 2000;
  let regime = 0;
  let k = 1;
  let q = 0;
  for (let i = 0; i < n; i++) {
    if (rand() < 0.01) {
      regime = Math.floor(rand() * 8);
      k = Math.floor(rand() * 7);
      step = [0, 1, 10, 100, 1000, 60_000, 3_600_000][Math.floor(rand() * 7)]!;
    }
    const gap = rand();
    if (gap < 0.002) t += Math.floor(rand() * 2 ** 52);
    else if (gap < 0.01) t += Math.floor(rand() * 2 ** 33);
    else if (gap < 0.05) t += 0;
    else t += Math.max(0, step + Math.round((rand() * 2 - 1) * Math.min(step, 50)));
    if (t > Number.MAX_SAFE_INTEGER) t = Number.MAX_SAFE_INTEGER;
    ts[i] = t;
    if (rand() < 0.02) q = Math.floor(rand() * 3);
    quality[i] = rand() < 0.001 ? Math.floor(rand() * 256) : q;
    switch (regime) {
      case 0: // noisy
        x += (rand() - 0.5) * 0.2;
        value[i] = x + (rand() - 0.5) * 0.05;
        break;
      case 1: // decimal walk at resolution 10^-k
        x += (rand() - 0.5) * 3;
        value[i] = Math.round(x * 10 ** k) / 10 ** k;
        break;
      case 2: // constant
        value[i] = x === x ? Math.round(x) / 2 : 0;
        break;
      case 3: // integer jumps, up to ±2^53
        value[i] = rand() < 0.2 ? Math.round((rand() * 2 - 1) * Number.MAX_SAFE_INTEGER) : Math.round(x);
        break;
      case 4: // any bit pattern
        halves[2 * i] = Math.floor(rand() * 2 ** 32);
        halves[2 * i + 1] = Math.floor(rand() * 2 ** 32);
        break;
      case 5: {
        const [hi, lo] = SPECIAL_HALVES[Math.floor(rand() * SPECIAL_HALVES.length)]!;
        halves[2 * i] = lo;
        halves[2 * i + 1] = hi;
        break;
      }
      case 6: // gaps
        value[i] = rand() < 0.7 ? Number.NaN : Math.round(x * 10) / 10;
        break;
      default: // booleans
        value[i] = rand() < 0.9 ? (i >> 4) & 1 : rand() < 0.5 ? 1 : 0;
    }
  }
  if (kind === 'f32') for (let i = 0; i < n; i++) value[i] = Math.fround(value[i]!);
  if (kind === 'int') for (let i = 0; i < n; i++) if (rand() < 0.95 && Number.isFinite(value[i]!)) value[i] = Math.round(value[i]!);
  if (kind === 'bool') for (let i = 0; i < n; i++) if (rand() < 0.97) value[i] = value[i]! > 0 ? 1 : 0;
  const series: Series = { ts, value, quality };
  if (kind === 'string') {
    const words = ['RUN', 'IDLE', '', 'Störung', '故障', 'lone \uDC00'];
    const text: string[] = [];
    let word = words[0]!;
    for (let i = 0; i < n; i++) {
      if (rand() < 0.03) word = words[Math.floor(rand() * words.length)]!;
      text.push(word);
    }
    series.text = text;
    if (rand() < 0.5) value.fill(Number.NaN);
  }
  return series;
}

describe('decode(encode(x)) is bit-exact on a large random mixed input', () => {
  const kinds: ValueKind[] = ['f64', 'f64', 'f64', 'f32', 'f32', 'int', 'bool', 'string'];

  it('≈1.5 million samples in 400 blocks of every size, kind and encoding', () => {
    const rand = prng(0x5eed);
    const encodings = new Set<string>();
    let samples = 0;
    for (let b = 0; b < 400; b++) {
      const kind = kinds[b % kinds.length]!;
      const n = b < 40 ? b : rand() < 0.2 ? Math.floor(rand() * 64) : Math.floor(rand() * 8000);
      const series = mixedSeries(kind, n, rand);
      const block = encodeBlock(kind, series);
      encodings.add(`${kind}/${block[4]}/${block[5]! & 0x03}`);
      const back = decodeBlock(block);
      expect(back.kind).toBe(kind);
      const d = diff(kind, series, back.series);
      if (d !== null) expect.fail(`block ${b} (${kind}, n = ${n}): ${d}`);
      if (kind === 'string') expect(back.series.text).toEqual(series.text);
      samples += n;
    }
    expect(samples).toBeGreaterThan(1_000_000);
    // every value encoding is reached: xor64, xor32, scaled, bool bits/runs, strings
    expect(new Set([...encodings].map((e) => e.split('/')[1]))).toEqual(new Set(['0', '1', '2', '3', '4', '5']));
  });

  it('blocks that are views into a larger buffer at every byte offset', () => {
    const rand = prng(77);
    for (const kind of ['f64', 'f32', 'int'] as const) {
      const series = mixedSeries(kind, 3000, rand);
      const block = encodeBlock(kind, series);
      for (let offset = 0; offset < 8; offset++) {
        const host = new Uint8Array(block.length + 16).fill(0xa5);
        host.set(block, offset);
        const d = diff(kind, series, decodeBlock(host.subarray(offset, offset + block.length)).series);
        expect(d).toBeNull();
      }
    }
  });
});

describe('damaged bodies with a valid checksum throw BlockCodecError, never anything else', () => {
  it('random bit flips and garbage in every encoding', () => {
    const rand = prng(99);
    const kinds: ValueKind[] = ['f64', 'f32', 'int', 'bool', 'string'];
    for (let b = 0; b < 60; b++) {
      const kind = kinds[b % kinds.length]!;
      const series = mixedSeries(kind, 1 + Math.floor(rand() * 600), rand);
      const block = encodeBlock(kind, series);
      for (let trial = 0; trial < 25; trial++) {
        const damaged = block.slice();
        const flips = 1 + Math.floor(rand() * 4);
        for (let f = 0; f < flips; f++) {
          const at = 12 + Math.floor(rand() * Math.max(1, damaged.length - 16));
          damaged[at]! ^= 1 << Math.floor(rand() * 8);
        }
        new DataView(damaged.buffer).setUint32(damaged.length - 4, crc32(damaged, 0, damaged.length - 4));
        try {
          decodeBlock(damaged);
        } catch (error) {
          if (!(error instanceof BlockCodecError)) expect.fail(`block ${b} (${kind}) trial ${trial}: ${String(error)}`);
        }
      }
    }
  });
});
