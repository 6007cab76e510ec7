import { describe, expect, it } from 'vitest';
import type { SpcRuleHit } from '../../core/contract/index.js';
import { capabilityLevel, capabilityRows, chartGeometry, decimalsFor, flaggedPoints, ruleRows } from './spc-model.js';

const t0 = Date.UTC(2026, 10, 22, 6);
const box = { width: 1000, height: 300, left: 80, right: 120, top: 10, bottom: 30 };

function hit(overrides: Partial<SpcRuleHit>): SpcRuleHit {
  return { rule: 1, nelson: 1, name: 'one point beyond 3σ', chart: 'location', side: 'above', at: t0, until: t0, points: [2], ...overrides };
}

describe('SPC chart', () => {
  it('spaces points evenly and scales values so the points and the limits fit', () => {
    const points = [10, 11, 14, 9].map((value, i) => ({ at: t0 + i * 300_000, value }));
    const g = chartGeometry(points, { center: 10, ucl: 12, lcl: 8 }, new Set([2]), box, { zones: true, timeZone: 'UTC' });
    expect(g.points.map((p) => p.x)).toEqual([80, 80 + 800 / 3, 80 + 1600 / 3, 880]);
    // Higher values are higher up the chart, and the highest point is inside the plot.
    expect(g.points[2]!.y).toBeLessThan(g.points[0]!.y);
    expect(g.points[2]!.y).toBeGreaterThanOrEqual(box.top);
    expect(g.points.map((p) => p.flagged)).toEqual([false, false, true, false]);
    expect(g.limits.map((l) => l.label)).toEqual(['UCL 12.00', 'CL 10.00', 'LCL 8.00']);
    expect(g.zones).toHaveLength(4);
    expect(g.timeLabels.map((l) => l.label)).toEqual(['06:00', '06:05', '06:10', '06:15']);
    expect(chartGeometry(points, { center: 10, ucl: 12, lcl: 8 }, new Set(), box, { zones: false, timeZone: 'UTC' }).zones).toEqual([]);
    // A single point sits in the middle.
    expect(chartGeometry(points.slice(0, 1), { center: 10, ucl: 12, lcl: 8 }, new Set(), box, { zones: false, timeZone: 'UTC' }).points[0]!.x).toBe(480);
    const noLimits = chartGeometry(points, null, new Set(), box, { zones: true, timeZone: 'UTC' });
    expect(noLimits.limits).toEqual([]);
    expect(noLimits.zones).toEqual([]);
    expect(noLimits.points[2]!.y).toBeGreaterThanOrEqual(box.top);
    expect(decimalsFor(4)).toBe(2);
    expect(decimalsFor(0.4)).toBe(3);
    expect(decimalsFor(400)).toBe(0);
  });

  it('marks the points of rule hits on their own chart and lists the hits newest first', () => {
    const rules = [hit({ points: [2] }), hit({ rule: 4, nelson: null, name: '8 points in a row on one side of the center', at: t0 + 3_600_000, until: t0 + 5_400_000, points: [3, 4, 5, 6, 7, 8, 9, 10] }), hit({ chart: 'dispersion', points: [5] })];
    expect([...flaggedPoints(rules, 'location')].sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect([...flaggedPoints(rules, 'dispersion')]).toEqual([5]);
    const rows = ruleRows(rules, 'UTC', 'xbar-r');
    expect(rows[0]).toMatchObject({ ruleText: 'Rule 4', nelsonText: 'no Nelson number', chartText: 'X̄', timeText: 'Sun 22 Nov, 07:00 – 07:30', points: 8 });
    expect(rows[1]).toMatchObject({ ruleText: 'Rule 1', nelsonText: 'Nelson 1', timeText: 'Sun 22 Nov, 06:00' });
    expect(ruleRows(rules, 'UTC', 'i-mr').map((r) => r.chartText).sort()).toEqual(['MR', 'X', 'X']);
  });

  it('judges capability: below 1.00 a loss, below 1.33 attention', () => {
    expect(capabilityLevel(0.92)).toBe('abnormal');
    expect(capabilityLevel(1.2)).toBe('attention');
    expect(capabilityLevel(1.33)).toBe('ok');
    expect(capabilityLevel(null)).toBe('none');
    const rows = capabilityRows({ mean: 332, sigmaWithin: 0.4, sigmaOverall: 0.5, values: 100, cp: 1.67, cpk: 1.25, pp: 1.33, ppk: null, why: { ppk: 'no upper limit' } });
    expect(rows.map((r) => `${r.label} ${r.text} ${r.level}`)).toEqual(['Cp 1.67 ok', 'Cpk 1.25 attention', 'Pp 1.33 ok', 'Ppk — none']);
    expect(rows[3]!.why).toBe('no upper limit');
    expect(capabilityRows(null).every((r) => r.text === '—')).toBe(true);
  });
});
