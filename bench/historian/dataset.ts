// The benchmark's plant data set, generated (not committed): 1,000 tags at 1 Hz with
// ±20 ms polling jitter, mixed like a real line — 30 % noisy float64, 20 % float32 PLC
// REALs, 20 % values at 0.1 resolution, 15 % constant, 15 % step/state signals.
import type { Tag } from '../../core/model/plant.js';
import type { Series } from '../../core/historian/series.js';

export type Mix = 'noisy-f64' | 'real-f32' | 'decimal' | 'constant' | 'step';

export interface BenchTag {
  tag: Tag;
  mix: Mix;
}

function mixOf(i: number): Mix {
  const p = i % 20; // 20 slots: 6 noisy, 4 real, 4 decimal, 3 constant, 3 step
  if (p < 6) return 'noisy-f64';
  if (p < 10) return 'real-f32';
  if (p < 14) return 'decimal';
  if (p < 17) return 'constant';
  return 'step';
}

export function benchTags(count: number, prefix = 'bench/plc'): BenchTag[] {
  return Array.from({ length: count }, (_, i) => {
    const mix = mixOf(i);
    const dataType = mix === 'real-f32' ? 'float32' : mix === 'step' ? 'int16' : 'float64';
    return {
      mix,
      tag: { path: `${prefix}/t${i}`, name: `t${i}`, assetPath: prefix, deviceId: 'bench', address: `t${i}`, dataType, unit: '', description: mix, sampleRateMs: 1000, rateReason: 'bench', writable: false },
    };
  });
}

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
