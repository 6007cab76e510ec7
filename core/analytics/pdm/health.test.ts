/** Baseline and health index: robust location and scale, the ISO mapping of velocity, defect evidence, smoothing, and a healthy month. */
import { describe, expect, it } from 'vitest';
import { featurePoint, type FeaturePoint } from './feature-point.js';
import { healthIndex, learnBaseline, velocityLoss, type Baseline } from './health.js';
import { isoZoneBoundaries } from './iso-zone.js';
import { DAY_MS, healthySeries, T0 } from './testing/feature-series.js';

const iso = isoZoneBoundaries[2].rigid; // A/B 1.4, B/C 2.8, C/D 4.5 mm/s

const healthy = healthySeries({ seed: 1, days: 2 });
const baseline = learnBaseline(healthy);

/** A window of five identical points, made from the healthy medians with some values changed. */
function windowOf(change: Partial<FeaturePoint>, b: Baseline = baseline): FeaturePoint[] {
  const typical = Object.fromEntries(Object.entries(b.features).map(([name, f]) => [name, f.median]));
  return [0, 1, 2, 3, 4].map((i) => ({ ...typical, ...change, t: T0 + 10 * DAY_MS + i * 300_000 }));
}

describe('learnBaseline', () => {
  it('per feature: the median, and the MAD-based σ, floored', () => {
    const points = Array.from({ length: 31 }, (_, i) => ({ t: T0 + i * 60_000, velocityRmsMmS: 1 + (i % 3) * 0.1, kurtosis: 3, outerRaceDb: i === 30 ? 40 : 5 }));
    const b = learnBaseline(points);
    expect(b.features.velocityRmsMmS).toMatchObject({ median: 1.1, n: 31 });
    expect(b.features.velocityRmsMmS!.sigma).toBeCloseTo(0.14826, 5);
    // A constant kurtosis has MAD 0: the floor (3 % of 3 = 0.09 < 0.1 absolute) takes over.
    expect(b.features.kurtosis).toMatchObject({ median: 3, madSigma: 0, sigma: 0.1 });
    // One wild value does not widen the band.
    expect(b.features.outerRaceDb).toMatchObject({ median: 5, sigma: 1.5 });
    expect(b.features.crestFactor).toBeUndefined();
    expect(b).toMatchObject({ from: T0, to: T0 + 30 * 60_000, points: 31 });
  });

  it('refuses too short a healthy period, saying how many points it needs', () => {
    expect(() => learnBaseline(healthy.slice(0, 12))).toThrow('a baseline needs at least 30 points from a healthy period; got 12 (18 more needed)');
    expect(() => learnBaseline(healthy.slice(0, 12), { minPoints: 10 })).not.toThrow();
  });

  it('of the healthy motor: velocity around 1.15 mm/s, its day/night swing inside σ', () => {
    const v = baseline.features.velocityRmsMmS!;
    expect(v.median).toBeGreaterThan(1.1);
    expect(v.median).toBeLessThan(1.25);
    expect(v.sigma).toBeGreaterThan(0.05);
    expect(baseline.features.outerRaceDb!.median).toBeGreaterThan(2);
    expect(baseline.features.outerRaceDb!.median).toBeLessThan(7);
  });
});

describe('healthIndex', () => {
  it('a healthy window: 100, good, every contribution 0', () => {
    const h = healthIndex(baseline, windowOf({}), iso);
    expect(h).toMatchObject({ health: 100, status: 'good', zone: 'A', window: 5 });
    expect(h.text).toMatch(/^Health 100 \(good\): every feature within its healthy range, velocity in ISO zone A$/);
    for (const c of h.contributions) expect(c.points).toBe(0);
  });

  it.each([
    [1.0, 0, 'A'],
    [1.4, 0, 'B'],
    [2.1, 15, 'B'],
    [2.8, 30, 'C'],
    [3.65, 65, 'C'],
    [4.5, 100, 'D'],
    [9, 100, 'D'],
  ])('velocity %s mm/s takes %s points (zone %s)', (v, points, zone) => {
    expect(velocityLoss(v, iso)).toBeCloseTo(points, 9);
    const h = healthIndex(baseline, windowOf({ velocityRmsMmS: v }), iso);
    expect(h.zone).toBe(zone);
    expect(h.health).toBeCloseTo(100 - points, 1);
  });

  it('names what pulls it down: outer-race evidence at 25 dB takes 45 points and says so', () => {
    const h = healthIndex(baseline, windowOf({ outerRaceDb: 25 }), iso);
    expect(h.health).toBe(55);
    expect(h.status).toBe('alert');
    expect(h.contributions[0]).toMatchObject({ feature: 'outerRaceDb', points: 45, value: 25, unit: 'dB' });
    expect(h.contributions[0]!.text).toMatch(/^Outer-race \(BPFO\) evidence 25 dB \(healthy \d dB ± [\d.]+, \+\d+σ\): −45$/);
    expect(h.text).toBe('Health 55 (alert): outer-race (BPFO) evidence −45');
  });

  it('only the strongest defect evidence counts; impacts together stop at 60 points', () => {
    const h = healthIndex(baseline, windowOf({ outerRaceDb: 25, ballDb: 15, kurtosis: 9, crestFactor: 8 }), iso);
    expect(h.health).toBeCloseTo(40, 1);
    const ball = h.contributions.find((c) => c.feature === 'ballDb')!;
    expect(ball.points).toBe(0);
    expect(ball.text).toMatch(/only the strongest defect evidence counts \(Outer-race \(BPFO\) evidence\)/);
    const kurtosis = h.contributions.find((c) => c.feature === 'kurtosis')!;
    expect(kurtosis.points).toBeCloseTo(16, 0); // 20 scaled by 60/75
    expect(kurtosis.text).toMatch(/capped at 60/);
    // Velocity takes its share of what is left: zone C at 3.65 mm/s (65 %) leaves 55 × 0.35; zone D leaves nothing.
    const zoneC = healthIndex(baseline, windowOf({ outerRaceDb: 25, velocityRmsMmS: 3.65 }), iso);
    expect(zoneC.health).toBe(19.3); // 55 × 0.35 = 19.25, one decimal
    expect(zoneC.contributions.map((c) => [c.feature, c.points])).toEqual(expect.arrayContaining([['outerRaceDb', 45], ['velocityRmsMmS', 35.8]]));
    expect(zoneC.contributions.find((c) => c.feature === 'velocityRmsMmS')!.text).toBe('Velocity RMS 3.65 mm/s: ISO zone C (B/C 2.8, C/D 4.5 mm/s), −36 (65 % of the 55 the impact evidence left)');
    expect(healthIndex(baseline, windowOf({ outerRaceDb: 25, velocityRmsMmS: 4.6 }), iso).health).toBe(0);
  });

  it('one odd snapshot in the window moves nothing (median of the last 5)', () => {
    const window = windowOf({});
    const calm = healthIndex(baseline, window, iso);
    const odd = [...window.slice(0, 4), { ...window[4]!, velocityRmsMmS: 6, kurtosis: 12, outerRaceDb: 30 }];
    expect(healthIndex(baseline, odd, iso).health).toBe(calm.health);
    // A single point is judged as it is.
    expect(healthIndex(baseline, odd[4]!, iso).health).toBe(0);
  });

  it('a healthy motor over 30 days stays good at every snapshot', () => {
    const month = healthySeries({ seed: 2, days: 30 });
    let lowest = 100;
    for (let i = 0; i < month.length; i++) lowest = Math.min(lowest, healthIndex(baseline, month.slice(Math.max(0, i - 4), i + 1), iso).health);
    expect(lowest).toBeGreaterThanOrEqual(80);
  });

  it('from an analysed snapshot: featurePoint takes velocity, kurtosis, crest factor and each defect’s fundamental dB', () => {
    const p = featurePoint(T0, {
      velocity: { rmsMmS: 1.2, bandHz: [10, 1000] },
      features: { mean: 0, rms: 0.05, peak: 0.2, peakToPeak: 0.4, crestFactor: 4, kurtosis: 3.1, skewness: 0, unit: 'g' },
      diagnosis: {
        status: 'no-defect',
        defect: null,
        text: '',
        evidence: [
          { defect: 'outer-race', family: 'BPFO', expectedHz: 106, harmonics: [], sidebands: [], measuredHz: null, fundamentalDb: 7.5, score: 0, detected: false },
          { defect: 'cage', family: 'FTF', expectedHz: 11.8, harmonics: [], sidebands: [], measuredHz: null, fundamentalDb: null, score: 0, detected: false },
        ],
      },
    });
    expect(p).toEqual({ t: T0, velocityRmsMmS: 1.2, kurtosis: 3.1, crestFactor: 4, outerRaceDb: 7.5, cageDb: 0 });
  });

  it('returns plain data that survives JSON, and refuses an empty window', () => {
    const h = healthIndex(baseline, windowOf({ outerRaceDb: 18, velocityRmsMmS: 2 }), iso);
    expect(JSON.parse(JSON.stringify(h))).toEqual(h);
    expect(JSON.parse(JSON.stringify(baseline))).toEqual(baseline);
    expect(() => healthIndex(baseline, [], iso)).toThrow('health needs at least one feature point');
  });
});
