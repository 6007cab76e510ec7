import { describe, expect, it } from 'vitest';
import { computeRollups } from './query/index.js';
import { packRollups, unpackRollups } from './rollup-pack.js';

describe('packed minute rollups', () => {
  it('round-trip exactly, NaN for "no good value" included, and compress', () => {
    const n = 3600;
    const ts = Float64Array.from({ length: n }, (_, k) => 1_700_000_000_000 + k * 1000 + ((k * 13) % 41) - 20);
    const value = Float64Array.from({ length: n }, (_, k) => 50 + Math.sin(k / 50) * 10 + ((k * 7919) % 100) / 1000);
    const quality = Uint8Array.from({ length: n }, (_, k) => (k >= 600 && k < 700 ? 2 : 0));
    const rows = computeRollups({ ts, value, quality }, 60_000, { until: ts[n - 1]! });
    expect(rows.some((row) => Number.isNaN(row.min))).toBe(true);
    const packed = packRollups(rows);
    expect(unpackRollups(packed)).toEqual(rows);
    expect(packed.length).toBeLessThan(rows.length * 15 * 8 * 0.6);
  });

  it('refuses a blob of another version or a truncated one', () => {
    const packed = packRollups([]);
    expect(unpackRollups(packed)).toEqual([]);
    expect(() => unpackRollups(Uint8Array.of(9, 15))).toThrow(/version 9/);
    const full = packRollups(computeRollups({ ts: Float64Array.of(0, 60_000), value: Float64Array.of(1, 2), quality: Uint8Array.of(0, 0) }, 60_000));
    expect(() => unpackRollups(full.subarray(0, full.length - 10))).toThrow();
  });
});
