/** Anomaly detection: silent on a healthy month with day/night load, quick on a step, a ramp, a fallen sensor; streaming equals batch. */
import { describe, expect, it } from 'vitest';
import { anomalyStep, detectAnomalies, initialAnomalyState, openAnomalies, type AnomalyState } from './anomaly.js';
import type { FeaturePoint } from './feature-point.js';
import { learnBaseline } from './health.js';
import { DAY_MS, healthySeries, T0 } from './testing/feature-series.js';

/** The first 2 days learn the baseline; the rest is watched. */
function split(points: FeaturePoint[]) {
  const cut = T0 + 2 * DAY_MS;
  return { baseline: learnBaseline(points.filter((p) => p.t < cut)), watched: points.filter((p) => p.t >= cut) };
}

describe('detectAnomalies', () => {
  it.each([1, 2, 3, 4, 5])('30 days of a healthy motor with day/night load raise no anomaly (seed %s)', (seed) => {
    const { baseline, watched } = split(healthySeries({ seed, days: 30 }));
    expect(watched.length).toBeGreaterThan(7000);
    const { events, state } = detectAnomalies(baseline, watched);
    expect(events).toEqual([]);
    expect(state.points).toBe(watched.length);
  });

  it.each([
    [6, 7],
    [20, 7],
    [4, 10],
  ])('on a noiseless series, a step of %sσ is declared at its %sth point', (size, at) => {
    const { baseline } = split(healthySeries({ seed: 1, days: 2.5 }));
    const b = baseline.features.crestFactor!;
    const points = Array.from({ length: 30 }, (_, i) => ({ t: T0 + i * 60_000, crestFactor: b.median + (i >= 10 ? size * b.sigma : 0) }));
    const { events } = detectAnomalies(baseline, points);
    expect(events.map((e) => [e.feature, e.detectedT])).toEqual([['crestFactor', points[10 + at - 1]!.t]]);
  });

  it('a step of kurtosis (a bearing starting to impact) is found at the 7th point after it, upwards', () => {
    const stepAt = T0 + 10 * DAY_MS;
    const probe = split(healthySeries({ seed: 7, days: 12 }));
    const sigma = probe.baseline.features.kurtosis!.sigma;
    const { baseline, watched } = split(healthySeries({ seed: 7, days: 12, degrade: (p, t) => (t >= stepAt ? { ...p, kurtosis: p.kurtosis! + 8 * sigma } : p) }));
    const { events } = detectAnomalies(baseline, watched);
    expect(events).toHaveLength(1);
    const e = events[0]!;
    const after = watched.filter((p) => p.t >= stepAt);
    expect(e).toMatchObject({ feature: 'kurtosis', direction: 'up', endT: null, detectedT: after[6]!.t });
    expect(e.startT).toBeGreaterThanOrEqual(after[0]!.t);
    expect(e.startT).toBeLessThan(e.detectedT);
    expect(e.evidence).toMatch(/^Kurtosis up: [\d.]+, above its healthy [\d.]+ ± [\d.]+; smoothed z \+\d\.\d beyond ±3 in 4 of the last 6 points$/);
  });

  it('a growing trend (velocity rising 0.1σ per snapshot) is found within 60 points of its start', () => {
    const rampAt = T0 + 5 * DAY_MS;
    const probe = split(healthySeries({ seed: 8, days: 8 }));
    const sigma = probe.baseline.features.velocityRmsMmS!.sigma;
    let k = 0;
    const { baseline, watched } = split(healthySeries({ seed: 8, days: 8, degrade: (p, t) => (t >= rampAt ? { ...p, velocityRmsMmS: p.velocityRmsMmS! + 0.1 * sigma * k++ } : p) }));
    const { events } = detectAnomalies(baseline, watched);
    const e = events.find((x) => x.feature === 'velocityRmsMmS')!;
    expect(e.direction).toBe('up');
    const index = watched.filter((p) => p.t >= rampAt).findIndex((p) => p.t === e.detectedT);
    expect(index).toBeGreaterThan(20); // a ramp has to climb past the healthy band first
    expect(index).toBeLessThan(60); // it starts at night, when the low load hides ~1σ of it
  });

  it('a velocity that falls (a loosened sensor) is an anomaly downwards; defect evidence is only watched upwards', () => {
    const at = T0 + 3 * DAY_MS;
    const { baseline, watched } = split(healthySeries({ seed: 9, days: 4, degrade: (p, t) => (t >= at ? { ...p, velocityRmsMmS: 0.3, outerRaceDb: 0 } : p) }));
    const { events } = detectAnomalies(baseline, watched);
    expect(events.map((e) => [e.feature, e.direction])).toEqual([['velocityRmsMmS', 'down']]);
  });

  it('an event ends when the level comes back, with hysteresis', () => {
    const from = T0 + 3 * DAY_MS;
    const to = from + 0.5 * DAY_MS;
    const { baseline, watched } = split(healthySeries({ seed: 10, days: 5, degrade: (p, t) => (t >= from && t < to ? { ...p, outerRaceDb: 22 } : p) }));
    const { events, state } = detectAnomalies(baseline, watched);
    expect(events).toHaveLength(1);
    const e = events[0]!;
    expect(e).toMatchObject({ feature: 'outerRaceDb', direction: 'up' });
    expect(e.endT).toBeGreaterThan(to);
    expect(e.endT! - to).toBeLessThan(3_600_000);
    expect(e.peakZ).toBeGreaterThan(5);
    expect(openAnomalies(state)).toEqual([]);
  });

  it('streaming one point at a time with a JSON-kept state gives the batch result', () => {
    const at = T0 + 3 * DAY_MS;
    const { baseline, watched } = split(healthySeries({ seed: 11, days: 4, degrade: (p, t) => (t >= at ? { ...p, outerRaceDb: 20 } : p) }));
    let state: AnomalyState = initialAnomalyState();
    const started = [];
    for (const p of watched) {
      const step = anomalyStep(state, p, baseline);
      started.push(...step.started);
      state = JSON.parse(JSON.stringify(step.state)) as AnomalyState;
    }
    const batch = detectAnomalies(baseline, watched);
    expect(started.map((e) => e.detectedT)).toEqual(batch.events.map((e) => e.detectedT));
    expect(openAnomalies(state)).toEqual(batch.events);
    expect(() => anomalyStep(state, watched[0]!, baseline)).toThrow(/is not after the previous one/);
  });

  it('refuses nonsense settings', () => {
    const { baseline } = split(healthySeries({ seed: 1, days: 2.5 }));
    const p = { t: T0, velocityRmsMmS: 1 };
    expect(() => anomalyStep(initialAnomalyState(), p, baseline, { persistence: { k: 5, n: 3 } })).toThrow('persistence 5 of 3');
    expect(() => anomalyStep(initialAnomalyState(), p, baseline, { lambda: 0 })).toThrow('EWMA lambda 0');
  });
});
