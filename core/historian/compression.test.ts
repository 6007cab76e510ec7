import { describe, expect, it } from 'vitest';
import { createStorageFilter, type Point } from './compression.js';

/** A seeded random walk with a slow wave: a typical process value. */
function walk(n: number, seed = 7): Point[] {
  let x = seed;
  const r = () => ((x = (x * 16_807) % 2_147_483_647) / 2_147_483_647);
  let v = 50;
  return Array.from({ length: n }, (_, k) => {
    v += (r() - 0.5) * 0.2 + Math.sin(k / 200) * 0.05;
    return { ts: 1_000_000 + k * 1000, value: v, quality: 0 };
  });
}

function run(points: Point[], filter: ReturnType<typeof createStorageFilter>): Point[] {
  return [...points.flatMap((p) => filter.offer(p)), ...filter.flush()];
}

/** Linear interpolation of the kept points at time ts. */
function interpolate(kept: Point[], ts: number): number {
  let i = 0;
  while (i < kept.length - 2 && kept[i + 1]!.ts <= ts) i++;
  const a = kept[i]!;
  const b = kept[i + 1]!;
  return a.value + ((b.value - a.value) * (ts - a.ts)) / (b.ts - a.ts);
}

describe('storage compression', () => {
  it('deadband keeps a value only when it moved more than the deadband, a quality change, and one per max interval', () => {
    const points: Point[] = [0, 0.05, 0.2, 0.25, 0.05, 0.05, 0.05].map((value, k) => ({ ts: k * 1000, value, quality: k === 5 ? 2 : 0 }));
    const kept = run(points, createStorageFilter({ compression: 'deadband', deadband: 0.1, maxIntervalMs: 60_000 }));
    expect(kept.map((p) => p.ts)).toEqual([0, 2000, 4000, 5000, 6000]);
    const slow = run(walk(10).map((p) => ({ ...p, value: 1 })), createStorageFilter({ compression: 'deadband', deadband: 1, maxIntervalMs: 3000 }));
    expect(slow.map((p) => p.ts - 1_000_000)).toEqual([0, 3000, 6000, 9000]);
  });

  it('swinging door stays within the deviation of every dropped value and stores far fewer points', () => {
    const points = walk(20_000);
    const kept = run(points, createStorageFilter({ compression: 'swinging-door', deviation: 0.5, maxIntervalMs: 3_600_000 }));
    expect(kept[0]).toEqual(points[0]);
    expect(kept.at(-1)).toEqual(points.at(-1));
    expect(kept.length).toBeLessThan(points.length / 5);
    for (const p of points) expect(Math.abs(interpolate(kept, p.ts) - p.value)).toBeLessThanOrEqual(0.5 + 1e-9);
  });

  it('swinging door keeps quality changes and a point per max interval', () => {
    const points = walk(600).map((p, k) => ({ ...p, value: 10, quality: k >= 300 && k < 310 ? 2 : 0 }));
    const kept = run(points, createStorageFilter({ compression: 'swinging-door', deviation: 1, maxIntervalMs: 120_000 }));
    const qualities = kept.map((p) => p.quality);
    expect(qualities).toContain(2);
    for (let i = 1; i < kept.length; i++) expect(kept[i]!.ts - kept[i - 1]!.ts).toBeLessThanOrEqual(120_000);
  });
});
