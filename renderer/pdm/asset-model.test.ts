import { describe, expect, it } from 'vitest';
import type { BaselineInfo, RulEstimate, SnapshotAnalysis } from '../../core/contract/index.js';
import { createFakePdm } from '../testing/fake-pdm.js';
import { anomalyRows, baselineText, diagnosedFamily, diagnosisView, featureRows, peakRows, rulView, zoneScale } from './asset-model.js';

const now = Date.UTC(2026, 11, 7, 12);
const hour = 3_600_000;

describe('asset health page', () => {
  it('says where the baseline stands', () => {
    const learning: BaselineInfo = { status: 'learning', points: 12, needed: 30, from: now - 11 * hour, to: now, source: 'first-run', until: now + 18 * hour };
    expect(baselineText(learning, 'UTC')).toBe('Learning the healthy baseline: 12 of 30 snapshots, until Tue 8 Dec, 06:00 (the first running hours). Until then only the ISO zone judges this asset.');
    expect(baselineText({ ...learning, until: null, source: 'config' }, 'UTC')).toMatch(/^Learning the healthy baseline: 12 of 30 snapshots \(the period given in the configuration\)/);
    expect(baselineText({ ...learning, status: 'learned', points: 48, from: now - 48 * hour, to: now - hour }, 'UTC')).toBe('Healthy baseline learned from 48 snapshots, Sat 5 Dec, 12:00 – Mon 7 Dec, 11:00 (the first running hours).');
  });

  it('lays the ISO zones out on a bar with the velocity on it', () => {
    const s = zoneScale({ ab: 1.4, bc: 2.8, cd: 4.5 }, 2.95);
    expect(s.maxMmS).toBeCloseTo(6.3);
    expect(s.segments.map((g) => [g.zone, Math.round(g.from), Math.round(g.to), g.level])).toEqual([
      ['A', 0, 22, 'normal'],
      ['B', 22, 44, 'normal'],
      ['C', 44, 71, 'attention'],
      ['D', 71, 100, 'abnormal'],
    ]);
    expect(s.marks.map((m) => m.label)).toEqual(['A/B 1.4', 'B/C 2.8', 'C/D 4.5']);
    expect(s.velocity!.at).toBeCloseTo((2.95 / 6.3) * 100);
    // Far above zone D: the bar grows to 2 × C/D and the needle stops at its end.
    const far = zoneScale({ ab: 1.4, bc: 2.8, cd: 4.5 }, 20);
    expect(far.maxMmS).toBe(9);
    expect(far.velocity).toEqual({ at: 100, beyond: true });
    expect(zoneScale({ ab: 1.4, bc: 2.8, cd: 4.5 }, null).velocity).toBeNull();
  });

  it('gives the remaining life a headline and keeps the core’s words, honest when there is no estimate', () => {
    const base = { confidence: 0.9, targetMmS: 4.5, t: now };
    expect(rulView(null)).toMatchObject({ verdict: 'not-asked', headline: 'Not needed' });
    const estimate = { ...base, verdict: 'estimate', days: 3.62, low: 2.7, high: 5, fit: null as never, text: 'Zone D (4.5 mm/s) in about 3.6 days' } as RulEstimate;
    expect(rulView(estimate)).toEqual({ verdict: 'estimate', headline: '≈ 3.6 days to zone D', detail: 'Zone D (4.5 mm/s) in about 3.6 days', level: 'abnormal' });
    expect(rulView({ ...estimate, days: 12.4 } as RulEstimate)).toMatchObject({ headline: '≈ 12 days to zone D', level: 'attention' });
    const none: RulEstimate = { ...base, verdict: 'not-enough-evidence', why: 'fewer than 12 points', fit: null, text: 'Not enough evidence: fewer than 12 points' };
    expect(rulView(none)).toEqual({ verdict: 'not-enough-evidence', headline: 'No estimate yet', detail: 'Not enough evidence: fewer than 12 points', level: 'pending' });
    expect(rulView({ ...base, verdict: 'in-zone-d', days: 0, low: 0, high: 0, levelMmS: 4.8, text: 'Already in zone D' })).toMatchObject({ headline: 'In zone D now', level: 'abnormal' });
  });

  it('lists anomalies open first, newest first', () => {
    const anomaly = { feature: 'kurtosis', label: 'Kurtosis', direction: 'up', startT: now - 4 * hour, detectedT: now - 3 * hour, endT: null, value: 4, healthyMedian: 3, healthySigma: 0.1, z: 6, peakZ: 9, evidence: 'Kurtosis up', open: true } as const;
    const rows = anomalyRows([{ ...anomaly, open: false, endT: now - hour, startT: now - 2 * hour }, anomaly, { ...anomaly, direction: 'down', startT: now - 30 * hour }], now, 'UTC');
    expect(rows.map((r) => [r.statusText, r.directionText])).toEqual([
      ['Open', 'Rising'],
      ['Open', 'Falling'],
      ['Ended', 'Rising'],
    ]);
    expect(rows[0]!.whenText).toBe('Since Mon 7 Dec, 08:00 (4 h ago)');
    expect(rows[2]!.whenText).toBe('Mon 7 Dec, 10:00 – Mon 7 Dec, 11:00');
  });

  it('puts the fake motor’s diagnosis, features and peaks in words', () => {
    const analysis = createFakePdm({ now: () => now }).analysisOf('line1/motor')!;
    const view = diagnosisView(analysis.diagnosis);
    expect(view.headline).toBe('Outer-race defect');
    expect(view.level).toBe('abnormal');
    expect(view.evidence[0]).toMatch(/^BPFO at 105\.\d Hz \(expected 106\.\d Hz\): 16 dB above the noise floor, 0\.0\d+ g$/);
    expect(view.evidence[1]).toMatch(/^2×BPFO at 21\d\.\d Hz/);
    expect(diagnosedFamily(analysis.diagnosis)).toBe('BPFO');
    expect(featureRows(analysis.features).map((r) => r.label)).toEqual(['RMS', 'Peak', 'Peak-to-peak', 'Crest factor', 'Kurtosis', 'Skewness']);
    expect(featureRows(analysis.features).find((r) => r.key === 'kurtosis')!.note).toMatch(/impacts/);
    const peaks = peakRows(analysis.peaks, 'BPFO');
    expect(peaks[0]).toMatchObject({ ratioText: '16 dB', family: 'BPFO', strong: true });
    expect(peaks[0]!.matchText).toMatch(/^BPFO \(−0\.3 % from expected 106\.\d Hz\)$/);
    expect(peaks.find((p) => p.family === null)!.matchText).toBe('Not a known frequency');
  });

  it('says when there is no defect or no bearing', () => {
    const healthy = createFakePdm({ now: () => now }).analysisOf('line1/filler')!;
    expect(diagnosisView(healthy.diagnosis)).toMatchObject({ headline: 'No bearing defect found', level: 'normal', evidence: [] });
    expect(diagnosedFamily(healthy.diagnosis)).toBeNull();
    const noBearing: SnapshotAnalysis['diagnosis'] = { status: 'no-bearing', defect: null, text: 'No bearing given', evidence: [] };
    expect(diagnosisView(noBearing)).toMatchObject({ headline: 'No bearing given', level: 'pending' });
  });
});
