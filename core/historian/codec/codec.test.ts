import { describe, expect, it } from 'vitest';
import type { Series, ValueKind } from '../series.js';
import { BLOCK_FORMAT_VERSION, decodeBlock, encodeBlock, readBlockHeader } from './index.js';
import { Encoding, Flag } from './header.js';
import { firstDifference, firstDifferenceObjectIs, makeSeries, prng, regularTs } from './testing/series-gen.js';

const T0 = 1_700_000_000_000;

/** Encodes, decodes and checks every sample bit for bit (f32: Object.is); returns the block. */
function roundTrip(kind: ValueKind, series: Series): Uint8Array {
  const bytes = encodeBlock(kind, series);
  const decoded = decodeBlock(bytes);
  expect(decoded.kind).toBe(kind);
  const diff = kind === 'f32' ? firstDifferenceObjectIs(series, decoded.series) : firstDifference(series, decoded.series);
  expect(diff).toBeNull();
  const n = series.ts.length;
  expect(readBlockHeader(bytes)).toEqual({ version: BLOCK_FORMAT_VERSION, kind, count: n, firstTs: n > 0 ? series.ts[0] : 0, lastTs: n > 0 ? series.ts[n - 1] : 0 });
  if (kind === 'string') expect(decoded.series.text).toEqual(series.text);
  else expect(decoded.series.text).toBeUndefined();
  return bytes;
}

const encodingOf = (bytes: Uint8Array) => bytes[4];
const flagsOf = (bytes: Uint8Array) => bytes[5]!;
const scaleOf = (bytes: Uint8Array) => (bytes[5]! >> 4) & 7;

/** A Float64Array whose values are given as raw [hi, lo] 32-bit halves (for NaN payloads). */
function fromBits(pairs: readonly (readonly [number, number])[]): Float64Array {
  const out = new Float64Array(pairs.length);
  const view = new DataView(out.buffer);
  pairs.forEach(([hi, lo], i) => {
    view.setUint32(i * 8, lo, true);
    view.setUint32(i * 8 + 4, hi, true);
  });
  return out;
}

function randomQuality(n: number, rand: () => number): Uint8Array {
  const q = new Uint8Array(n);
  let code = 0;
  for (let i = 0; i < n; i++) {
    if (rand() < 0.02) code = Math.floor(rand() * 3);
    q[i] = code;
  }
  return q;
}

describe('round trip, random values per kind (seeded)', () => {
  const n = 5000;
  for (const seed of [1, 2, 3]) {
    it(`f64: any bit pattern, seed ${seed}`, () => {
      const rand = prng(seed);
      const value = new Float64Array(n);
      const u = new Uint32Array(value.buffer);
      for (let i = 0; i < u.length; i++) u[i] = Math.floor(rand() * 2 ** 32);
      roundTrip('f64', { ts: regularTs(n, T0, 1000, 20, rand), value, quality: randomQuality(n, rand) });
    });

    it(`f64: random walks at several resolutions, seed ${seed}`, () => {
      const rand = prng(seed);
      for (const k of [0, 1, 2, 3, 6]) {
        const value = new Float64Array(n);
        let x = (rand() - 0.5) * 1000;
        for (let i = 0; i < n; i++) {
          x += (rand() - 0.5) * 10;
          value[i] = Math.round(x * 10 ** k) / 10 ** k;
        }
        const bytes = roundTrip('f64', { ts: regularTs(n, T0, 100, 0), value, quality: randomQuality(n, rand) });
        expect(encodingOf(bytes)).toBe(Encoding.scaled);
        expect(scaleOf(bytes)).toBeLessThanOrEqual(k);
      }
    });

    it(`f32: any float32 pattern, seed ${seed}`, () => {
      const rand = prng(seed);
      const bits = Uint32Array.from({ length: n }, () => Math.floor(rand() * 2 ** 32));
      const value = Float64Array.from(new Float32Array(bits.buffer));
      const bytes = roundTrip('f32', { ts: regularTs(n, T0, 10, 3, rand), value, quality: randomQuality(n, rand) });
      expect(encodingOf(bytes)).toBe(Encoding.xor32);
    });

    it(`int: small steps and jumps across ±2^53, seed ${seed}`, () => {
      const rand = prng(seed);
      const value = new Float64Array(n);
      let x = 0;
      for (let i = 0; i < n; i++) {
        const r = rand();
        if (r < 0.05) x = Math.round((rand() * 2 - 1) * Number.MAX_SAFE_INTEGER);
        else if (r < 0.1) x = Math.round((rand() * 2 - 1) * 2 ** (1 + Math.floor(rand() * 40)));
        else if (r < 0.5) x += Math.round((rand() - 0.5) * 20);
        value[i] = x;
      }
      const bytes = roundTrip('int', { ts: regularTs(n, T0, 1000, 0), value, quality: randomQuality(n, rand) });
      expect(encodingOf(bytes)).toBe(Encoding.scaled);
    });

    it(`bool: rare changes and coin flips, seed ${seed}`, () => {
      const rand = prng(seed);
      let state = 0;
      const rare = Float64Array.from({ length: n }, () => (rand() < 0.01 ? (state ^= 1) : state));
      const flips = Float64Array.from({ length: n }, () => (rand() < 0.5 ? 1 : 0));
      expect(encodingOf(roundTrip('bool', { ts: regularTs(n, T0, 1000, 0), value: rare, quality: randomQuality(n, rand) }))).toBe(Encoding.boolRuns);
      expect(encodingOf(roundTrip('bool', { ts: regularTs(n, T0, 1000, 0), value: flips, quality: randomQuality(n, rand) }))).toBe(Encoding.boolBits);
    });

    it(`string: states with runs, seed ${seed}`, () => {
      const rand = prng(seed);
      const words = ['RUNNING', 'IDLE', 'DOWN', 'PLANNED STOP', 'F-1042', 'F-2077', ''];
      const text: string[] = [];
      let word = words[0]!;
      for (let i = 0; i < n; i++) {
        if (rand() < 0.05) word = words[Math.floor(rand() * words.length)]!;
        text.push(word);
      }
      roundTrip('string', { ts: regularTs(n, T0, 1000, 0), value: new Float64Array(n).fill(Number.NaN), quality: randomQuality(n, rand), text });
    });
  }
});

describe('adversarial values', () => {
  const specials: [number, number][] = [
    [0x7ff80000, 0], // NaN (canonical)
    [0xfff80000, 0], // NaN with the sign bit (x86's default NaN)
    [0x7ff00000, 1], // signalling NaN payload
    [0x7fffffff, 0xffffffff], // NaN, all payload bits
    [0x7ff00000, 0], // +Infinity
    [0xfff00000, 0], // -Infinity
    [0x80000000, 0], // -0
    [0, 0], // +0
    [0, 1], // 5e-324
    [0x80000000, 1], // -5e-324
    [0x000fffff, 0xffffffff], // largest denormal
    [0x00100000, 0], // smallest normal
    [0x7fefffff, 0xffffffff], // MAX_VALUE
    [0xffefffff, 0xffffffff], // -MAX_VALUE
  ];

  it('f64: NaN payloads, ±Infinity, -0, denormals, MAX_VALUE come back bit for bit, in any order', () => {
    const rand = prng(11);
    const pairs: (readonly [number, number])[] = [];
    for (let i = 0; i < 3000; i++) pairs.push(specials[Math.floor(rand() * specials.length)]!);
    const value = fromBits(pairs);
    expect(Object.is(fromBits([[0x80000000, 0]])[0], -0)).toBe(true);
    roundTrip('f64', makeSeries(regularTs(value.length, T0, 1000, 0), value));
  });

  it('f64: huge jumps between ±1e308 and 0', () => {
    const value = Float64Array.from({ length: 1000 }, (_, i) => [1e308, 0, -1e308, Number.MAX_VALUE, -0, 1e-308, 0][i % 7]!);
    roundTrip('f64', makeSeries(regularTs(value.length, T0, 1000, 0), value));
  });

  it('timestamps: equal, huge gaps, near 2^50, negative, every dod bucket edge', () => {
    const deltas = [0, 0, 1, 0, 63, 64, 65, 127, 128, 255, 256, 2047, 2048, 2049, 4096, 1, 2 ** 31 - 1, 0, 2 ** 31, 2 ** 32, 1, 2 ** 45, 0, 7, 7, 7, 2 ** 31 + 5, 3];
    for (const start of [0, -(2 ** 48), 2 ** 50 - 2 ** 46, 7_258_118_400_000 /* 2200-01-01 */]) {
      const ts = [start];
      for (const d of deltas) ts.push(ts[ts.length - 1]! + d);
      roundTrip('f64', makeSeries(ts, ts.map((_, i) => i * 0.5)));
    }
    // The widest gaps a block accepts: the whole safe range.
    roundTrip('int', makeSeries([-Number.MAX_SAFE_INTEGER, 0, Number.MAX_SAFE_INTEGER], [1, 2, 3]));
    roundTrip('int', makeSeries([2 ** 50, 2 ** 50, 2 ** 50 + 1, 2 ** 52, 2 ** 53 - 1], [1, 2, 3, 4, 5]));
  });

  it('a single sample and an empty series', () => {
    for (const kind of ['f64', 'f32', 'int', 'bool', 'string'] as const) {
      const text = kind === 'string' ? ['only'] : undefined;
      roundTrip(kind, makeSeries([T0], [kind === 'string' ? Number.NaN : 1], [2], text));
      const empty = roundTrip(kind, makeSeries([], [], [], kind === 'string' ? [] : undefined));
      expect(decodeBlock(empty).series.ts.length).toBe(0);
      expect(readBlockHeader(empty)).toMatchObject({ count: 0, firstTs: 0, lastTs: 0 });
    }
  });

  it('columns that are views into larger buffers (subarrays)', () => {
    const rand = prng(6);
    const ts = regularTs(1000, T0, 1000, 5, rand);
    const value = Float64Array.from({ length: 1000 }, () => rand() * 100);
    const quality = new Uint8Array(1000);
    for (const kind of ['f64', 'f32', 'int', 'bool'] as const) {
      const v = kind === 'f32' ? value.map(Math.fround) : kind === 'int' ? value.map(Math.round) : kind === 'bool' ? value.map((x) => (x > 50 ? 1 : 0)) : value;
      roundTrip(kind, { ts: ts.subarray(3, 900), value: v.subarray(3, 900), quality: quality.subarray(3, 900) });
    }
  });

  it('100,000 samples in one block', () => {
    const rand = prng(5);
    const n = 100_000;
    const value = new Float64Array(n);
    let x = 20;
    for (let i = 0; i < n; i++) value[i] = x = Math.round((x + rand() - 0.5) * 10) / 10;
    const bytes = roundTrip('f64', { ts: regularTs(n, T0, 1000, 20, rand), value, quality: randomQuality(n, rand) });
    expect(bytes.length).toBeLessThan(n * 3);
  });

  it('int: -0, NaN, ±Infinity and a few fractions are kept exactly as exceptions', () => {
    const value = Float64Array.from({ length: 400 }, (_, i) => (i % 50 === 7 ? [-0, Number.NaN, Infinity, -Infinity, 2.5][(i / 50) % 5 | 0]! : i * 3));
    const bytes = roundTrip('int', makeSeries(regularTs(value.length, T0, 1000, 0), value));
    expect(encodingOf(bytes)).toBe(Encoding.scaled);
    expect(flagsOf(bytes) & Flag.exceptions).toBe(Flag.exceptions);
    // Mostly non-integers: exact through the XOR fallback.
    const rand = prng(9);
    const fractions = Float64Array.from({ length: 300 }, () => rand() * 1e6);
    expect(encodingOf(roundTrip('int', makeSeries(regularTs(300, T0, 1000, 0), fractions)))).toBe(Encoding.xor64);
  });

  it('bool: NaN and -0 as exceptions; other numbers fall back, still exact', () => {
    const withGaps = Float64Array.from({ length: 1000 }, (_, i) => (i % 100 === 0 ? Number.NaN : i % 333 === 1 ? -0 : i < 500 ? 1 : 0));
    const bytes = roundTrip('bool', makeSeries(regularTs(1000, T0, 1000, 0), withGaps));
    expect(encodingOf(bytes)).toBe(Encoding.boolRuns);
    expect(flagsOf(bytes) & Flag.exceptions).toBe(Flag.exceptions);
    const notBool = Float64Array.from({ length: 100 }, (_, i) => i % 4);
    expect(encodingOf(roundTrip('bool', makeSeries(regularTs(100, T0, 1000, 0), notBool)))).toBe(Encoding.scaled);
  });
});

describe('f32', () => {
  it('refuses values that float32 cannot hold, naming the sample', () => {
    const series = makeSeries([T0, T0 + 1, T0 + 2], [Math.fround(0.1), 0.1, 1]);
    expect(() => encodeBlock('f32', series)).toThrow(/value\[1\] = 0\.1 is not a float32 value/);
    expect(() => encodeBlock('f32', makeSeries([T0], [1e300]))).toThrow(/not a float32/);
  });

  it('keeps NaN, ±Infinity, -0, float32 denormals and extremes', () => {
    const value = [Number.NaN, Infinity, -Infinity, -0, 0, Math.fround(1e-45), -Math.fround(1e-45), Math.fround(3.4028234663852886e38), Math.fround(1.1754943508222875e-38), 1, 1, Math.fround(0.1)];
    roundTrip('f32', makeSeries(regularTs(value.length, T0, 1000, 0), value));
  });
});

describe('decimal fast path', () => {
  const n = 2000;
  it('is chosen for 0.1-resolution data (k = 1) and integers stored as floats (k = 0)', () => {
    const rand = prng(21);
    const tenths = Float64Array.from({ length: n }, () => Math.round(rand() * 5000) / 10);
    const tenthsBlock = roundTrip('f64', makeSeries(regularTs(n, T0, 1000, 0), tenths));
    expect([encodingOf(tenthsBlock), scaleOf(tenthsBlock)]).toEqual([Encoding.scaled, 1]);
    const whole = Float64Array.from({ length: n }, () => Math.round(rand() * 5000));
    const wholeBlock = roundTrip('f64', makeSeries(regularTs(n, T0, 1000, 0), whole));
    expect([encodingOf(wholeBlock), scaleOf(wholeBlock)]).toEqual([Encoding.scaled, 0]);
    const thousandths = Float64Array.from({ length: n }, () => Math.round((rand() - 0.5) * 1e7) / 1000);
    expect(scaleOf(roundTrip('f64', makeSeries(regularTs(n, T0, 1000, 0), thousandths)))).toBe(3);
  });

  it('is not chosen for noisy data or 7-digit resolution, and stays exact', () => {
    const rand = prng(22);
    const noisy = Float64Array.from({ length: n }, () => 20 + rand() * 0.37 + rand() * 1e-9);
    expect(encodingOf(roundTrip('f64', makeSeries(regularTs(n, T0, 1000, 0), noisy)))).toBe(Encoding.xor64);
    const fine = Float64Array.from({ length: n }, () => Math.round(rand() * 1e9) / 1e7);
    expect(encodingOf(roundTrip('f64', makeSeries(regularTs(n, T0, 1000, 0), fine)))).toBe(Encoding.xor64);
  });

  it('keeps NaN gaps, -0, infinities and float artefacts (0.1 + 0.2) exactly, as exceptions', () => {
    const rand = prng(23);
    const value = Float64Array.from({ length: n }, () => Math.round(rand() * 1000) / 10);
    value.fill(Number.NaN, 100, 400); // an outage
    value[500] = -0;
    value[501] = Infinity;
    value[502] = 0.1 + 0.2;
    value[503] = 1e20; // whole but beyond 2^53
    const bytes = roundTrip('f64', makeSeries(regularTs(n, T0, 1000, 0), value, new Uint8Array(n).fill(2, 100, 400)));
    expect([encodingOf(bytes), scaleOf(bytes), flagsOf(bytes) & Flag.exceptions]).toEqual([Encoding.scaled, 1, Flag.exceptions]);
  });

  it('handles values at the edge of the safe range for each scale', () => {
    for (let k = 0; k <= 6; k++) {
      const big = Math.floor(Number.MAX_SAFE_INTEGER / 10 ** k) / 10 ** k;
      const value = [big, -big, 0, big, 1 / 10 ** k, -big];
      roundTrip('f64', makeSeries(regularTs(value.length, T0, 1000, 0), value));
    }
  });
});

describe('strings', () => {
  it('keeps unicode, empty strings, a BOM and lone surrogates; repeats cost little', () => {
    const words = ['Störung Förderband', '故障 F-17', '🚨 Not-Aus', '', '\uFEFFbom', 'e\u0301', 'lone \uD800 surrogate', 'Ω'];
    const text: string[] = [];
    for (let i = 0; i < 20_000; i++) text.push(words[Math.floor(i / 500) % words.length]!);
    const bytes = roundTrip('string', makeSeries(regularTs(text.length, T0, 1000, 0), new Float64Array(text.length).fill(Number.NaN), undefined, text));
    expect(bytes.length).toBeLessThan(20_000 / 8 + 300); // timestamps 1 bit each + 40 runs + a small dictionary
  });

  it('keeps numeric values of a string block when they are not all NaN', () => {
    const text = ['a', 'b', 'a'];
    const bytes = roundTrip('string', makeSeries([T0, T0 + 1, T0 + 2], [1, Number.NaN, -0], undefined, text));
    expect(flagsOf(bytes) & Flag.stringValues).toBe(Flag.stringValues);
  });
});

describe('quality', () => {
  it('long runs cost a few bytes; flapping codes are packed at 2 bits; any byte value survives', () => {
    const n = 10_000;
    const ts = regularTs(n, T0, 1000, 0);
    const value = new Float64Array(n).fill(1);
    const runs = new Uint8Array(n).fill(1, 2000, 2500).fill(2, 7000);
    expect(roundTrip('f64', { ts, value, quality: runs }).length).toBeLessThan(n / 8 * 2 + 40);
    const rand = prng(31);
    const flapping = Uint8Array.from({ length: n }, () => Math.floor(rand() * 3));
    const packed = roundTrip('f64', { ts, value, quality: flapping });
    expect(flagsOf(packed) & Flag.qualityPacked).toBe(Flag.qualityPacked);
    const odd = Uint8Array.from({ length: n }, (_, i) => (i % 1000 < 5 ? 255 : i % 7 === 0 ? 3 : 0));
    roundTrip('f64', { ts, value, quality: odd });
  });
});
