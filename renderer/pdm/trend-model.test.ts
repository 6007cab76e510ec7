import { describe, expect, it } from 'vitest';
import { featureNames } from '../../core/contract/index.js';
import type { AnomalyEvent, FeaturePoint } from '../../core/contract/index.js';
import { createFakePdm } from '../testing/fake-pdm.js';
import { trendGeometry, trendPanels, trendSpan } from './trend-model.js';

const t0 = Date.UTC(2026, 10, 23, 0);
const hour = 3_600_000;
const boundaries = { ab: 1.4, bc: 2.8, cd: 4.5 };
const box = { width: 460, height: 200, left: 60, right: 20, top: 10, bottom: 30 };

function points(velocities: number[]): FeaturePoint[] {
  return velocities.map((v, i) => ({ t: t0 + i * hour, velocityRmsMmS: v, kurtosis: 3 + i * 0.1, outerRaceDb: i === 2 ? undefined : 3 }));
}

describe('feature trends', () => {
  it('makes one panel per feature, the velocity with the zone boundaries', () => {
    const panels = trendPanels(points([1.1, 1.2, 1.3]), boundaries);
    expect(panels.map((p) => p.feature)).toEqual([...featureNames]);
    const velocity = panels[0]!;
    expect(velocity).toMatchObject({ title: 'Velocity RMS', unit: 'mm/s', latestText: '1.30 mm/s' });
    expect(velocity.refLines.map((r) => r.label)).toEqual(['A/B 1.4', 'B/C 2.8', 'C/D 4.5']);
    expect(panels.find((p) => p.feature === 'kurtosis')!.refLines).toEqual([]);
    // A feature missing from a point is left out, not taken as 0.
    expect(panels.find((p) => p.feature === 'outerRaceDb')!.points).toHaveLength(2);
    expect(panels.find((p) => p.feature === 'cageDb')!).toMatchObject({ points: [], latestText: null });
    expect(trendPanels(points([1]), null)[0]!.refLines).toEqual([]);
  });

  it('scales the velocity up to the boundary it heads for, and the evidence to at least 12 dB', () => {
    const span = trendSpan(points([1.1, 1.2, 1.3]))!;
    expect(span).toEqual({ from: t0, to: t0 + 2 * hour });
    const panels = trendPanels(points([1.1, 1.2, 1.3]), boundaries);
    const v = trendGeometry(panels[0]!, box, { span, timeZone: 'UTC' });
    // Zone A data: the A/B line is in view, B/C and C/D are not.
    expect(v.refLines.map((r) => r.label)).toEqual(['A/B 1.4']);
    expect(v.yTicks[0]!.value).toBe(0);
    expect(v.last).toEqual({ x: 440, y: expect.any(Number) });
    const inC = trendGeometry(trendPanels(points([2.5, 3.1, 3.3]), boundaries)[0]!, box, { span, timeZone: 'UTC' });
    expect(inC.refLines.map((r) => r.label)).toEqual(['A/B 1.4', 'B/C 2.8', 'C/D 4.5']);
    const db = trendGeometry(panels.find((p) => p.feature === 'outerRaceDb')!, box, { span, timeZone: 'UTC' });
    // 3 dB of noise sits low on an axis that reaches past 12 dB (the 10 dB tick is in the upper part).
    const ten = db.yTicks.find((t) => t.value === 10)!;
    expect(ten.at).toBeGreaterThan(box.top);
    expect(ten.at).toBeLessThan(box.top + (box.height - box.top - box.bottom) * 0.3);
  });

  it('shades the baseline and marks where the anomalies of this feature started', () => {
    const trend = points([1, 1, 1, 1, 2, 3]);
    const span = trendSpan(trend)!;
    const anomaly: AnomalyEvent & { open: boolean } = {
      feature: 'velocityRmsMmS', label: 'Velocity RMS', direction: 'up', startT: t0 + 4 * hour, detectedT: t0 + 5 * hour, endT: null,
      value: 3, healthyMedian: 1, healthySigma: 0.05, z: 8, peakZ: 8, evidence: 'Velocity RMS up', open: true,
    };
    const other = { ...anomaly, feature: 'kurtosis' as const };
    const g = trendGeometry(trendPanels(trend, boundaries)[0]!, box, { span, timeZone: 'UTC', baseline: { from: t0, to: t0 + 2 * hour }, anomalies: [anomaly, other] });
    expect(g.baseline).toEqual({ x1: 60, x2: 60 + (380 * 2) / 5 });
    expect(g.anomalies).toEqual([{ x: 60 + (380 * 4) / 5, open: true, text: 'Velocity RMS up' }]);
    expect(trendGeometry(trendPanels(trend, boundaries)[0]!, box, { span, timeZone: 'UTC', baseline: { from: null, to: null } }).baseline).toBeNull();
  });

  it('draws the fake motor: the velocity leaves zone A and heads for C/D', () => {
    const now = Date.UTC(2026, 11, 7, 12, 30);
    const pdm = createFakePdm({ now: () => now });
    const result = pdm.pdmAsset({ asset: 'line1/motor', maxPoints: 100 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const health = result.value;
    expect(health.trend.length).toBeLessThanOrEqual(100);
    expect(health.trend.at(-1)!.t).toBe(Date.UTC(2026, 11, 7, 12));
    const panel = trendPanels(health.trend, health.settings.boundaries)[0]!;
    expect(panel.points[0]!.v).toBeLessThan(1.4);
    expect(panel.points.at(-1)!.v).toBeGreaterThan(2.8);
    const g = trendGeometry(panel, box, { span: trendSpan(health.trend)!, timeZone: 'UTC' });
    expect(g.refLines.map((r) => r.label)).toEqual(['A/B 1.4', 'B/C 2.8', 'C/D 4.5']);
    expect(g.path.startsWith('M60,')).toBe(true);
  });
});
