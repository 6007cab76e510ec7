/**
 * Plant-like test signals for the historian's benchmark and codec speed checks: 1 Hz with
 * ±20 ms polling jitter, in the mix of a real line — noisy float64, float32 PLC REALs,
 * values at 0.1 resolution, constants, and step/state signals. Seeded, so runs repeat.
 */
import type { Series } from '../series.js';

export type Mix = 'noisy-f64' | 'real-f32' | 'decimal' | 'constant' | 'step';

/** xorshift32: fast, seeded, good enough for test signals. */
export function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4_294_967_296;
  };
}

/** `n` samples of one tag from `start`, 1 Hz with ±20 ms jitter. */
export function generate(mix: Mix, seed: number, start: number, n: number): Series {
  const r = rng(seed * 2_654_435_761);
  const ts = new Float64Array(n);
  const value = new Float64Array(n);
  const quality = new Uint8Array(n);
  let level = 50 + r() * 50;
  let state = 1;
  for (let k = 0; k < n; k++) {
    ts[k] = start + k * 1000 + Math.round(r() * 40 - 20);
    switch (mix) {
      case 'noisy-f64':
        level += (r() - 0.5) * 0.2 + 0.001 * (75 - level);
        value[k] = level + (r() - 0.5) * 0.05;
        break;
      case 'real-f32':
        level += (r() - 0.5) * 0.2 + 0.001 * (75 - level);
        value[k] = Math.fround(level + (r() - 0.5) * 0.05);
        break;
      case 'decimal':
        level += (r() - 0.5) * 0.3 + 0.002 * (60 - level);
        value[k] = Math.round(level * 10) / 10;
        break;
      case 'constant':
        value[k] = 42.5;
        break;
      case 'step':
        if (r() < 0.01) state = 1 + Math.floor(r() * 7);
        value[k] = state;
        break;
    }
  }
  return { ts, value, quality };
}
