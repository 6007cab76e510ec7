/**
 * The fake plant's health figures for its maintenance calls (fake-pdm.ts): the health index
 * of the conveyor motor with its outer-race defect, worked out roughly as the core's
 * health.ts does (velocity against the ISO boundaries, impact evidence capped at 60, each
 * feature's share in words), a healthy asset's, the motor's open anomalies and its remaining
 * life. Plausible figures for screens and tests, not the core's arithmetic.
 */
import type { AnomalyEvent, FeaturePoint, HealthIndex, RulEstimate, ZoneBoundaries } from '../../core/contract/index.js';
import { zoneOf } from './fake-pdm-signals.js';

export const hour = 3_600_000;
export const day = 24 * hour;
export const trendDays = 14;

/** The motor's velocity grows about 17 % a day from day 8 of the trend on (six days before now). */
export const defectStartDay = 8;
export const motorGrowth = Math.log(2.95 / 1.15) / (trendDays - defectStartDay);

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The newest value of a feature as the health index smooths it (median of the last 5). */
export function smoothed(trend: readonly FeaturePoint[], feature: keyof Omit<FeaturePoint, 't'>): number {
  return median(trend.slice(-5).map((p) => p[feature] ?? 0));
}

export function motorHealth(trend: readonly FeaturePoint[], boundaries: ZoneBoundaries): HealthIndex {
  const v = smoothed(trend, 'velocityRmsMmS');
  const kurt = smoothed(trend, 'kurtosis');
  const crest = smoothed(trend, 'crestFactor');
  const outer = smoothed(trend, 'outerRaceDb');
  const inner = smoothed(trend, 'innerRaceDb');
  const V = v < boundaries.bc ? 30 * Math.max(0, (v - boundaries.ab) / (boundaries.bc - boundaries.ab)) : 30 + (70 * (v - boundaries.bc)) / (boundaries.cd - boundaries.bc);
  const E = 45 * Math.max(0, Math.min(1, (outer - 7.6) / 12.4));
  const K = 20 * Math.max(0, Math.min(1, (kurt - 3.3) / 3));
  const C = 10 * Math.max(0, Math.min(1, (crest - 4.05) / 2));
  const impact = Math.min(60, E + K + C);
  const health = Math.round((100 - impact) * (1 - Math.min(100, V) / 100) * 10) / 10;
  const velocityPoints = Math.round(((V * (100 - impact)) / 100) * 10) / 10;
  const r1 = (x: number) => Math.round(x * 10) / 10;
  const zone = zoneOf(v, boundaries);
  const contributions: HealthIndex['contributions'] = [
    { feature: 'velocityRmsMmS', label: 'Velocity RMS', value: v, unit: 'mm/s', healthyMedian: 1.15, healthySigma: 0.06, z: (v - 1.15) / 0.06, points: velocityPoints, text: `Velocity RMS ${v.toFixed(2)} mm/s: ISO zone ${zone} (B/C ${boundaries.bc}, C/D ${boundaries.cd} mm/s), −${velocityPoints.toFixed(0)}` },
    { feature: 'outerRaceDb', label: 'Outer-race (BPFO) evidence', value: outer, unit: 'dB', healthyMedian: 3, healthySigma: 1.5, z: (outer - 3) / 1.5, points: r1(E), text: `Outer-race (BPFO) evidence ${outer.toFixed(0)} dB (healthy 3 dB ± 1.5, +${((outer - 3) / 1.5).toFixed(0)}σ): −${E.toFixed(0)}` },
    { feature: 'kurtosis', label: 'Kurtosis', value: kurt, unit: '', healthyMedian: 3.02, healthySigma: 0.1, z: (kurt - 3.02) / 0.1, points: r1(K), text: `Kurtosis ${kurt.toFixed(2)} (healthy 3.02 ± 0.10, +${((kurt - 3.02) / 0.1).toFixed(0)}σ): −${K.toFixed(1)}` },
    { feature: 'crestFactor', label: 'Crest factor', value: crest, unit: '', healthyMedian: 3.6, healthySigma: 0.15, z: (crest - 3.6) / 0.15, points: r1(C), text: `Crest factor ${crest.toFixed(2)} (healthy 3.60 ± 0.15, +${((crest - 3.6) / 0.15).toFixed(0)}σ): −${C.toFixed(1)}` },
    { feature: 'innerRaceDb', label: 'Inner-race (BPFI) evidence', value: inner, unit: 'dB', healthyMedian: 3.4, healthySigma: 1.5, z: (inner - 3.4) / 1.5, points: 0, text: `Inner-race (BPFI) evidence ${inner.toFixed(0)} dB (healthy 3 dB ± 1.5): within its healthy range` },
  ];
  contributions.sort((a, b) => b.points - a.points);
  const status = health >= 80 ? 'good' : health >= 60 ? 'watch' : 'alert';
  const pulling = contributions.filter((c) => c.points >= 0.5);
  return {
    t: trend[trend.length - 1]!.t,
    health,
    status,
    zone,
    window: 5,
    contributions,
    text: `Health ${health.toFixed(0)} (${status}): ${pulling.map((c) => `${c.label.charAt(0).toLowerCase()}${c.label.slice(1)}${c.feature === 'velocityRmsMmS' ? ` in zone ${zone}` : ''} −${c.points.toFixed(0)}`).join(', ')}`,
  };
}

export function healthyHealth(trend: readonly FeaturePoint[], boundaries: ZoneBoundaries): HealthIndex {
  const v = smoothed(trend, 'velocityRmsMmS');
  const zone = zoneOf(v, boundaries);
  const features = [
    ['kurtosis', 'Kurtosis', '', 2.98, 0.1],
    ['crestFactor', 'Crest factor', '', 3.4, 0.15],
    ['outerRaceDb', 'Outer-race (BPFO) evidence', 'dB', 2.8, 1.5],
  ] as const;
  return {
    t: trend[trend.length - 1]!.t,
    health: 96.4,
    status: 'good',
    zone,
    window: 5,
    contributions: [
      { feature: 'velocityRmsMmS', label: 'Velocity RMS', value: v, unit: 'mm/s', healthyMedian: 1.21, healthySigma: 0.06, z: (v - 1.21) / 0.06, points: 0, text: `Velocity RMS ${v.toFixed(2)} mm/s: ISO zone ${zone} (A/B ${boundaries.ab} mm/s), no deduction` },
      ...features.map(([feature, label, unit, m, s]) => {
        const value = smoothed(trend, feature);
        const shown = unit === 'dB' ? `${value.toFixed(0)} dB` : value.toFixed(2);
        return { feature, label, value, unit, healthyMedian: m, healthySigma: s, z: (value - m) / s, points: feature === 'kurtosis' ? 3.6 : 0, text: `${label} ${shown} (healthy ${unit === 'dB' ? `${m.toFixed(0)} dB` : m.toFixed(2)} ± ${s.toFixed(unit === 'dB' ? 1 : 2)}): within its healthy range` };
      }),
    ],
    text: `Health 96 (good): every feature within its healthy range, velocity in ISO zone ${zone}`,
  };
}

/** The motor's anomalies: velocity, kurtosis and outer-race evidence up, all still open. */
export function motorAnomalies(newest: number): (AnomalyEvent & { open: boolean })[] {
  const at = (d: number) => newest - Math.round((trendDays - d) * 24) * hour;
  return [
    {
      feature: 'velocityRmsMmS', label: 'Velocity RMS', direction: 'up', startT: at(10.2), detectedT: at(10.6), endT: null, value: 1.74, healthyMedian: 1.15, healthySigma: 0.06, z: 6.2, peakZ: 29.8,
      evidence: 'Velocity RMS up: 1.74 mm/s, above its healthy 1.15 mm/s ± 0.06; smoothed z +6.2 beyond ±4 in 5 of the last 6 points',
      open: true,
    },
    {
      feature: 'outerRaceDb', label: 'Outer-race (BPFO) evidence', direction: 'up', startT: at(9.1), detectedT: at(9.4), endT: null, value: 9, healthyMedian: 3, healthySigma: 1.5, z: 4.3, peakZ: 8.9,
      evidence: 'Outer-race (BPFO) evidence up: 9 dB, above its healthy 3 dB ± 1.5; smoothed z +4.3 beyond ±4 in 5 of the last 6 points',
      open: true,
    },
    {
      feature: 'kurtosis', label: 'Kurtosis', direction: 'up', startT: at(9.8), detectedT: at(10.1), endT: null, value: 3.54, healthyMedian: 3.02, healthySigma: 0.1, z: 5.1, peakZ: 13.4,
      evidence: 'Kurtosis up: 3.54, above its healthy 3.02 ± 0.10; smoothed z +5.1 beyond ±4 in 5 of the last 6 points',
      open: true,
    },
  ];
}

/** The motor's remaining life: the exponential growth of its velocity carried on to C/D. */
export function motorRemainingLife(trend: readonly FeaturePoint[], boundaries: ZoneBoundaries): RulEstimate {
  const level = smoothed(trend, 'velocityRmsMmS');
  const days = Math.log(boundaries.cd / level) / motorGrowth;
  const low = days * 0.74;
  const high = days * 1.38;
  const last = trend[trend.length - 1]!.t;
  const growth = (Math.exp(motorGrowth) - 1) * 100;
  return {
    verdict: 'estimate',
    days,
    low,
    high,
    confidence: 0.9,
    targetMmS: boundaries.cd,
    t: last,
    fit: { points: 72, fromT: last - 3 * day, toT: last, growthPercentPerDay: growth, growthLowPercentPerDay: growth * 0.7, growthHighPercentPerDay: growth * 1.3, levelMmS: level, halvings: 0, accelerating: false, tau: 3.1, effectivePoints: 23 },
    text: `Zone D (${boundaries.cd} mm/s) in about ${days.toFixed(1)} days, likely between ${low.toFixed(1)} and ${high.toFixed(1)} (90 % interval; velocity growing ${growth.toFixed(0)} %/day over the last 72 points)`,
  };
}
