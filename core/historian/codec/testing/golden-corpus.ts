/**
 * A fixed, seeded corpus that exercises every encoding path of the block writer (xor64
 * windows, xor32, scaled with exceptions, bools as bits and runs, strings, every timestamp
 * bucket, packed and run-length quality, empty and single-sample blocks). Its encoded
 * bytes are pinned by a checksum in golden.test.ts: a speed-up must not change a byte.
 * Do not change this file without re-recording that checksum from a known-good build.
 */
import type { Series, ValueKind } from '../../series.js';
import { prng, regularTs } from './series-gen.js';

const T0 = 1_700_000_000_000;

export interface GoldenCase {
  name: string;
  kind: ValueKind;
  series: Series;
}

function gaussian(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

function quality(n: number, rand: () => number, flapping: boolean): Uint8Array {
  const q = new Uint8Array(n);
  let code = 0;
  for (let i = 0; i < n; i++) {
    if (flapping) q[i] = Math.floor(rand() * 3);
    else {
      if (rand() < 0.02) code = Math.floor(rand() * 5) * 50;
      q[i] = code;
    }
  }
  return q;
}

function fromHalves(pairs: readonly (readonly [number, number])[], n: number, rand: () => number): Float64Array {
  const out = new Float64Array(n);
  const u = new Uint32Array(out.buffer);
  for (let i = 0; i < n; i++) {
    const [hi, lo] = pairs[Math.floor(rand() * pairs.length)]!;
    u[2 * i] = lo; // little-endian halves (the test machine's order)
    u[2 * i + 1] = hi;
  }
  return out;
}

const SPECIALS: readonly (readonly [number, number])[] = [
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
  [0x00100000, 0],
  [0x7fefffff, 0xffffffff],
  [0x40490000, 0x12345678],
];

/** Timestamps that hit every delta-of-delta bucket, including the 53-bit gap. */
function edgeTs(n: number, rand: () => number): Float64Array {
  const gaps = [0, 1, 63, 64, 65, 127, 128, 255, 256, 2047, 2048, 2049, 4096, 2 ** 31 - 1, 2 ** 31, 2 ** 32, 2 ** 40, 7, 7, 1000, 1000, 1003, 997];
  const ts = new Float64Array(n);
  let t = -(2 ** 45);
  for (let i = 0; i < n; i++) {
    ts[i] = t;
    t += rand() < 0.3 ? gaps[Math.floor(rand() * gaps.length)]! : 1000;
  }
  return ts;
}

export function goldenCorpus(): GoldenCase[] {
  const rand = prng(20240601);
  const cases: GoldenCase[] = [];
  const add = (name: string, kind: ValueKind, series: Series) => cases.push({ name, kind, series });
  const n = 4000;

  {
    const value = new Float64Array(n);
    const u = new Uint32Array(value.buffer);
    for (let i = 0; i < u.length; i++) u[i] = Math.floor(rand() * 2 ** 32);
    add('f64 any bits', 'f64', { ts: regularTs(n, T0, 1000, 20, rand), value, quality: quality(n, rand, false) });
  }
  {
    const value = new Float64Array(n);
    let level = 62.5;
    for (let i = 0; i < n; i++) {
      level += (rand() - 0.5) * 0.2 + 0.001 * (75 - level);
      value[i] = level + (rand() - 0.5) * 0.05;
    }
    add('f64 noisy', 'f64', { ts: regularTs(n, T0, 1000, 20, rand), value, quality: new Uint8Array(n) });
  }
  {
    const value = Float64Array.from({ length: n }, (_, i) => 20 + 5 * Math.sin(i / 600) + gaussian(rand) * 0.05);
    value[17] = Number.NaN;
    value[18] = -0;
    value[19] = Infinity;
    add('f64 sine + specials', 'f64', { ts: regularTs(n, T0, 100, 3, rand), value, quality: quality(n, rand, true) });
  }
  add('f64 specials', 'f64', { ts: edgeTs(3000, rand), value: fromHalves(SPECIALS, 3000, rand), quality: quality(3000, rand, false) });
  {
    const value = new Float64Array(n);
    let x = 65;
    for (let i = 0; i < n; i++) value[i] = x = Math.round((x + gaussian(rand) * 0.15) * 10) / 10;
    add('f64 decimal k=1', 'f64', { ts: regularTs(n, T0, 1000, 20, rand), value, quality: new Uint8Array(n) });
    const gaps = value.slice();
    gaps.fill(Number.NaN, 100, 400);
    gaps[500] = -0;
    gaps[501] = Infinity;
    gaps[502] = 0.1 + 0.2;
    gaps[503] = 1e20;
    gaps[504] = -Infinity;
    add('f64 decimal + exceptions', 'f64', { ts: edgeTs(n, rand), value: gaps, quality: quality(n, rand, false) });
  }
  for (const k of [0, 2, 3, 6]) {
    const value = new Float64Array(n);
    let x = (rand() - 0.5) * 1000;
    for (let i = 0; i < n; i++) {
      x += (rand() - 0.5) * 10;
      value[i] = Math.round(x * 10 ** k) / 10 ** k;
    }
    add(`f64 walk k=${k}`, 'f64', { ts: regularTs(n, T0, 250, 0), value, quality: new Uint8Array(n) });
  }
  add('f64 constant', 'f64', { ts: regularTs(n, T0, 1000, 0), value: new Float64Array(n).fill(42.5), quality: new Uint8Array(n) });
  {
    const value = Float64Array.from({ length: n }, (_, i) => Math.fround(20 + 5 * Math.sin(i / 600) + gaussian(rand) * 0.05));
    add('f32 noisy', 'f32', { ts: regularTs(n, T0, 1000, 20, rand), value, quality: new Uint8Array(n) });
    const bits = Uint32Array.from({ length: n }, () => Math.floor(rand() * 2 ** 32));
    add('f32 any bits', 'f32', { ts: regularTs(n, T0, 10, 3, rand), value: Float64Array.from(new Float32Array(bits.buffer)), quality: quality(n, rand, true) });
  }
  {
    const value = new Float64Array(n);
    let x = 0;
    for (let i = 0; i < n; i++) {
      const r = rand();
      if (r < 0.05) x = Math.round((rand() * 2 - 1) * Number.MAX_SAFE_INTEGER);
      else if (r < 0.1) x = Math.round((rand() * 2 - 1) * 2 ** (1 + Math.floor(rand() * 40)));
      else if (r < 0.5) x += Math.round((rand() - 0.5) * 20);
      value[i] = x;
    }
    value[33] = Number.NaN;
    value[34] = -0;
    value[35] = 2.5;
    add('int jumps', 'int', { ts: regularTs(n, T0, 1000, 0), value, quality: quality(n, rand, false) });
    const fractions = Float64Array.from({ length: 300 }, () => rand() * 1e6);
    add('int fallback xor', 'int', { ts: regularTs(300, T0, 1000, 0), value: fractions, quality: new Uint8Array(300) });
  }
  {
    let state = 0;
    const rare = Float64Array.from({ length: n }, () => (rand() < 0.01 ? (state ^= 1) : state));
    rare[10] = Number.NaN;
    rare[11] = -0;
    add('bool runs', 'bool', { ts: regularTs(n, T0, 1000, 0), value: rare, quality: new Uint8Array(n) });
    const flips = Float64Array.from({ length: n }, () => (rand() < 0.5 ? 1 : 0));
    add('bool bits', 'bool', { ts: regularTs(n, T0, 1000, 0), value: flips, quality: quality(n, rand, true) });
    add('bool fallback', 'bool', { ts: regularTs(100, T0, 1000, 0), value: Float64Array.from({ length: 100 }, (_, i) => i % 4), quality: new Uint8Array(100) });
  }
  {
    const words = ['RUNNING', 'IDLE', 'Störung Förderband', '故障 F-17', '🚨', '', 'lone \uD800 surrogate'];
    const text: string[] = [];
    let word = words[0]!;
    for (let i = 0; i < n; i++) {
      if (rand() < 0.05) word = words[Math.floor(rand() * words.length)]!;
      text.push(word);
    }
    add('string', 'string', { ts: regularTs(n, T0, 1000, 0), value: new Float64Array(n).fill(Number.NaN), quality: quality(n, rand, false), text });
    const values = Float64Array.from({ length: n }, (_, i) => (i % 7 === 0 ? Number.NaN : i * 0.25));
    add('string + values', 'string', { ts: regularTs(n, T0, 1000, 0), value: values, quality: new Uint8Array(n), text });
  }
  for (const kind of ['f64', 'f32', 'int', 'bool', 'string'] as const) {
    add(`${kind} single`, kind, { ts: Float64Array.of(T0), value: Float64Array.of(kind === 'string' ? Number.NaN : 1), quality: Uint8Array.of(2), ...(kind === 'string' ? { text: ['only'] } : {}) });
    add(`${kind} empty`, kind, { ts: new Float64Array(0), value: new Float64Array(0), quality: new Uint8Array(0), ...(kind === 'string' ? { text: [] } : {}) });
  }
  return cases;
}
