/** Remaining life: an exponential rise's interval holds the true crossing (and covers it ~90 % of the time), flat series and zone D give the right verdicts. */
import { describe, expect, it } from 'vitest';
import { prng } from '../../runtime/testing/prng.js';
import type { FeaturePoint } from './feature-point.js';
import { isoZoneBoundaries } from './iso-zone.js';
import { remainingLife } from './rul.js';
import { DAY_MS, healthySeries, normalDraws, T0 } from './testing/feature-series.js';

const iso = isoZoneBoundaries[2].rigid; // C/D 4.5 mm/s

/** v = v0·e^(g·days)·(1 + noise), one point every `everyMin` over `days`. */
function exponential(seed: number, v0: number, g: number, days: number, noise = 0.04, everyMin = 30): FeaturePoint[] {
  const normal = normalDraws(prng(seed));
  const n = Math.round((days * 1440) / everyMin);
  return Array.from({ length: n + 1 }, (_, i) => {
    const d = (i * everyMin) / 1440;
    return { t: T0 + d * DAY_MS, velocityRmsMmS: v0 * Math.exp(g * d) * (1 + noise * normal()) };
  });
}

describe('remainingLife', () => {
  // 1.6 mm/s growing 30 %/day (g = ln 1.3): reaches 4.5 mm/s after ln(4.5/1.6)/g = 3.94 days; we look after 2.
  const g = Math.log(1.3);
  const crossing = Math.log(4.5 / 1.6) / g - 2;

  it('an exponential rise with noise: the estimate is near the truth and its interval holds it', () => {
    const r = remainingLife(exponential(1, 1.6, g, 2), iso);
    expect(r.verdict).toBe('estimate');
    if (r.verdict !== 'estimate') return;
    expect(r.low).toBeLessThanOrEqual(crossing);
    expect(r.high).toBeGreaterThanOrEqual(crossing);
    expect(r.days).toBeCloseTo(crossing, 0);
    expect(r.fit.growthPercentPerDay).toBeGreaterThan(20);
    expect(r.fit.growthPercentPerDay).toBeLessThan(40);
    expect(r.text).toMatch(/^Zone D \(4\.5 mm\/s\) in about \d\.\d days, likely between \d\.\d and \d\.\d \(90 % interval; velocity growing \d+ %\/day over the last 97 points\)$/);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('its 90 % interval holds the true crossing in about 90 % of 200 seeded runs', () => {
    let held = 0;
    let estimates = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const r = remainingLife(exponential(seed, 1.6, g, 2, 0.08), iso);
      if (r.verdict !== 'estimate') continue;
      estimates++;
      if (r.low <= crossing && crossing <= r.high) held++;
    }
    expect(estimates).toBe(200);
    expect(held / estimates).toBeGreaterThan(0.84);
    expect(held / estimates).toBeLessThan(0.97);
  });

  it('a flat noisy series: not enough evidence, whatever the seed', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const r = remainingLife(exponential(seed, 1.2, 0, 3, 0.05), iso);
      expect(r.verdict).toBe('not-enough-evidence');
    }
    const r = remainingLife(exponential(3, 1.2, 0, 3, 0.05), iso);
    expect(r.verdict === 'not-enough-evidence' && r.why).toMatch(/no significant upward trend|interval|data it rests on/);
  });

  it('a healthy motor with day/night load: not enough evidence at any hour of a week', () => {
    const week = healthySeries({ seed: 4, days: 10 });
    for (let end = T0 + 3 * DAY_MS; end <= T0 + 10 * DAY_MS; end += 3 * 3_600_000) {
      const r = remainingLife(week.filter((p) => p.t <= end), iso);
      expect(r.verdict).toBe('not-enough-evidence');
    }
  });

  it('already in zone D: 0 days', () => {
    const r = remainingLife(exponential(2, 4.8, 0.05, 1), iso);
    expect(r).toMatchObject({ verdict: 'in-zone-d', days: 0, low: 0, high: 0 });
    expect(r.text).toMatch(/^Already in zone D: velocity \d+\.\d\d mm\/s is at or above the C\/D boundary 4\.5 mm\/s$/);
  });

  it('too few points, or a window cut by `since`: not enough evidence, saying how many', () => {
    const points = exponential(3, 1.6, g, 2);
    const short = remainingLife(points.slice(0, 5), iso);
    expect(short).toMatchObject({ verdict: 'not-enough-evidence', why: 'only 5 points in the window; the trend needs at least 12' });
    const cut = remainingLife(points, iso, { since: points.at(-4)!.t });
    expect(cut.verdict === 'not-enough-evidence' && cut.why).toMatch(/^only 4 points/);
    expect(remainingLife([], iso).verdict).toBe('not-enough-evidence');
  });
});
