import { describe, expect, it } from 'vitest';
import { prng } from '../../runtime/testing/prng.js';
import { periodicSubgroups, spcChartOf } from './chart-of.js';
import type { Measurement } from './charts.js';

const MIN = 60_000;
const info = { tag: 'line1/filler/fill_volume', name: 'Filler · fill volume', unit: 'ml', subgroupSize: 5, lsl: 327, usl: 334 };

/** One measurement a second for `minutes`, normal around `mean` (σ 0.7), shifted by `shift` after `shiftAt` minutes. */
function stream(minutes: number, mean = 330.5, shift = 0, shiftAt = Infinity): Measurement[] {
  const random = prng(7);
  const out: Measurement[] = [];
  for (let s = 0; s < minutes * 60; s++) {
    const u = Math.max(random(), 1e-12);
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
    out.push({ at: s * 1000, value: mean + 0.7 * z + (s >= shiftAt * 60 ? shift : 0) });
  }
  return out;
}

describe('periodic subgroups', () => {
  it('takes the first n measurements of each interval and skips intervals with fewer', () => {
    const m = [0, 1, 2, 3, 300_000, 300_001, 600_000, 600_001, 600_002].map((at, i) => ({ at, value: i }));
    expect(periodicSubgroups(m, 3, 5 * MIN)).toEqual([
      { at: 2, values: [0, 1, 2] },
      { at: 600_002, values: [6, 7, 8] },
    ]);
  });
});

describe('an SPC chart', () => {
  it('of a process in control: limits around the mean, σ within near the true σ, capability', () => {
    const chart = spcChartOf({ characteristic: info, intervalMs: 5 * MIN, from: 0, to: 480 * MIN, measurements: stream(480) });
    expect(chart.kind).toBe('xbar-r');
    expect(chart.location).toHaveLength(96);
    expect(chart.locationLimits!.center).toBeCloseTo(330.5, 0);
    expect(chart.capability!.sigmaWithin).toBeGreaterThan(0.55);
    expect(chart.capability!.sigmaWithin).toBeLessThan(0.85);
    // Cp = 7 / (6 × 0.7) ≈ 1.67
    expect(chart.capability!.cp).toBeGreaterThan(1.35);
    expect(chart.capability!.cp).toBeLessThan(2.1);
    expect(chart.rules.filter((r) => r.rule === 1)).toEqual([]);
  });

  it('of a process that shifts by 2σ after the trial limits: rule hits on the X-bar chart after the shift', () => {
    const chart = spcChartOf({ characteristic: info, intervalMs: 5 * MIN, from: 0, to: 480 * MIN, measurements: stream(480, 330.5, 1.4, 240) });
    const hits = chart.rules.filter((r) => r.chart === 'location');
    expect(hits.length).toBeGreaterThan(0);
    expect(Math.min(...hits.map((h) => h.at))).toBeGreaterThanOrEqual(240 * MIN);
    expect(hits.every((h) => h.side === 'above' || h.side === 'up' || h.side === 'both')).toBe(true);
    expect(hits.find((h) => h.rule === 1)).toMatchObject({ nelson: 1, name: 'one point beyond 3σ' });
  });

  it('takes limits from the baseline period when there is one', () => {
    const baseline = stream(240);
    const chart = spcChartOf({ characteristic: info, intervalMs: 5 * MIN, from: 240 * MIN, to: 480 * MIN, measurements: stream(240, 331.5), baseline: { from: 0, to: 240 * MIN, measurements: baseline } });
    expect(chart.limitsFrom).toMatch(/^the baseline .* \(48 subgroups\)$/);
    expect(chart.locationLimits!.center).toBeCloseTo(330.5, 0);
    expect(chart.rules.some((r) => r.rule === 4 || r.rule === 1)).toBe(true);
  });

  it('of individuals, and with too few subgroups for limits', () => {
    const individuals = spcChartOf({ characteristic: { ...info, subgroupSize: 1 }, intervalMs: MIN, from: 0, to: 120 * MIN, measurements: stream(120) });
    expect(individuals.kind).toBe('i-mr');
    expect(individuals.location).toHaveLength(120);
    expect(individuals.dispersion).toHaveLength(119);
    const few = spcChartOf({ characteristic: info, intervalMs: 5 * MIN, from: 0, to: 30 * MIN, measurements: stream(30) });
    expect(few.locationLimits).toBeNull();
    expect(few.why).toBe('the period has 6 subgroups of 5; control limits need at least 10');
  });
});
