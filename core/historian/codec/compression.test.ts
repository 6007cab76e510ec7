/**
 * Compression figures and encoding speed, logged for the record (only the constant-series
 * figure is asserted; speed depends on the machine).
 */
import { describe, expect, it } from 'vitest';
import type { Series, ValueKind } from '../series.js';
import { decodeBlock, encodeBlock } from './index.js';
import { firstDifference, firstDifferenceObjectIs, prng, regularTs } from './testing/series-gen.js';

const T0 = 1_700_000_000_000;
const N = 100_000;

function report(line: string): void {
  // eslint-disable-next-line no-console -- the figures are this test's output
  console.log(`[codec] ${line}`);
}

/** Gaussian noise from a seeded uniform source (Box–Muller). */
function gaussian(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

function profile(name: string, rand: () => number): { kind: ValueKind; series: Series } {
  const quality = new Uint8Array(N);
  switch (name) {
    case 'constant, 1 s':
      return { kind: 'f64', series: { ts: regularTs(N, T0, 1000), value: new Float64Array(N).fill(42.5), quality } };
    case '1 Hz ±20 ms, 0.1 resolution': {
      const value = new Float64Array(N);
      let x = 65;
      for (let i = 0; i < N; i++) value[i] = x = Math.round((x + gaussian(rand) * 0.15) * 10) / 10;
      return { kind: 'f64', series: { ts: regularTs(N, T0, 1000, 20, rand), value, quality } };
    }
    case 'noisy f64, 1 s':
    case 'noisy f32, 1 s': {
      const value = Float64Array.from({ length: N }, (_, i) => 20 + 5 * Math.sin(i / 600) + gaussian(rand) * 0.05);
      if (name === 'noisy f32, 1 s') for (let i = 0; i < N; i++) value[i] = Math.fround(value[i]!);
      return { kind: name === 'noisy f32, 1 s' ? 'f32' : 'f64', series: { ts: regularTs(N, T0, 1000), value, quality } };
    }
    case 'int counter, 1 s': {
      const value = new Float64Array(N);
      let count = 0;
      for (let i = 0; i < N; i++) value[i] = count += rand() < 0.3 ? 1 : 0;
      return { kind: 'int', series: { ts: regularTs(N, T0, 1000), value, quality } };
    }
    case 'bool, rare changes': {
      let state = 0;
      const value = Float64Array.from({ length: N }, () => (rand() < 0.002 ? (state ^= 1) : state));
      return { kind: 'bool', series: { ts: regularTs(N, T0, 1000), value, quality } };
    }
    default: {
      const words = ['RUNNING', 'IDLE', 'DOWN', 'STARVED', 'BLOCKED'];
      let word = words[0]!;
      const text = Array.from({ length: N }, () => (rand() < 0.002 ? (word = words[Math.floor(rand() * words.length)]!) : word));
      return { kind: 'string', series: { ts: regularTs(N, T0, 1000), value: new Float64Array(N).fill(Number.NaN), quality, text } };
    }
  }
}

const PROFILES = ['constant, 1 s', '1 Hz ±20 ms, 0.1 resolution', 'noisy f64, 1 s', 'noisy f32, 1 s', 'int counter, 1 s', 'bool, rare changes', 'string states'];

describe('compression', () => {
  it('reports bytes/sample (timestamps included) for typical plant signals', () => {
    const figures: Record<string, number> = {};
    for (const name of PROFILES) {
      const { kind, series } = profile(name, prng(51));
      const block = encodeBlock(kind, series);
      const back = decodeBlock(block).series;
      expect(kind === 'f32' ? firstDifferenceObjectIs(series, back) : firstDifference(series, back)).toBeNull();
      figures[name] = block.length / N;
      report(`${name.padEnd(30)} ${kind.padEnd(6)} ${(block.length / N).toFixed(3)} bytes/sample (raw ts+value+quality: 17)`);
    }
    expect(figures['constant, 1 s']).toBeLessThan(0.3);
  });
});

describe('speed', () => {
  it('encodes 1,000,000 mixed samples (logged, not asserted)', () => {
    // Ten blocks of 100,000: mostly decimal-resolution f64 (the common plant tag), some noisy.
    const names = ['1 Hz ±20 ms, 0.1 resolution', '1 Hz ±20 ms, 0.1 resolution', '1 Hz ±20 ms, 0.1 resolution', 'constant, 1 s', 'noisy f64, 1 s', 'noisy f32, 1 s', 'int counter, 1 s', 'bool, rare changes', 'string states', '1 Hz ±20 ms, 0.1 resolution'];
    const rand = prng(61);
    const blocks = names.map((name) => profile(name, rand));
    const total = blocks.length * N;
    for (const { kind, series } of blocks) decodeBlock(encodeBlock(kind, series)); // warm-up (JIT)
    let encodeMs = Infinity;
    let decodeMs = Infinity;
    let encoded: Uint8Array[] = [];
    for (let round = 0; round < 3; round++) {
      const t0 = performance.now();
      encoded = blocks.map(({ kind, series }) => encodeBlock(kind, series));
      const t1 = performance.now();
      for (const block of encoded) decodeBlock(block);
      const t2 = performance.now();
      encodeMs = Math.min(encodeMs, t1 - t0);
      decodeMs = Math.min(decodeMs, t2 - t1);
    }
    const bytes = encoded.reduce((sum, block) => sum + block.length, 0);
    const rate = (ms: number) => ((total / ms) * 1e3 / 1e6).toFixed(1);
    report(`mixed ${total.toLocaleString('en')} samples (best of 3): encode ${rate(encodeMs)} M samples/s, decode ${rate(decodeMs)} M samples/s, ${(bytes / total).toFixed(3)} bytes/sample`);
    expect(bytes).toBeGreaterThan(0);
  });
});
