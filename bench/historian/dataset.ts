// The benchmark's plant data set, generated (not committed): 1,000 tags at 1 Hz with
// ±20 ms polling jitter, mixed like a real line — 30 % noisy float64, 20 % float32 PLC
// REALs, 20 % values at 0.1 resolution, 15 % constant, 15 % step/state signals.
import type { Tag } from '../../core/model/plant.js';
import type { Mix } from '../../core/historian/testing/plant-signals.js';

export { generate, type Mix } from '../../core/historian/testing/plant-signals.js';

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

