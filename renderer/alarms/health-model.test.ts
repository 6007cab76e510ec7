import { describe, expect, it } from 'vitest';
import { averageRateVerdict, floodTimeVerdict, formatPercent, formatRate, peakRateVerdict, priorityShares, topTenShare } from './health-model.js';

describe('alarm health', () => {
  it('judges rates by EEMUA 191 and ISA-18.2', () => {
    expect(averageRateVerdict(0.8)).toEqual({ words: 'Very likely acceptable', level: 'ok' });
    expect(averageRateVerdict(1.5).words).toBe('Manageable');
    expect(averageRateVerdict(6).level).toBe('attention');
    expect(averageRateVerdict(12).level).toBe('abnormal');
    expect(peakRateVerdict(10).words).toBe('No flood');
    expect(peakRateVerdict(11).words).toBe('Flood');
    expect(floodTimeVerdict(0.005).level).toBe('ok');
    expect(floodTimeVerdict(0.02).level).toBe('attention');
  });

  it('splits activations by priority and measures the top ten', () => {
    const shares = priorityShares({ critical: 0, high: 1, medium: 1, low: 2, diagnostic: 0 });
    expect(shares.map((s) => s.percent)).toEqual([0, 25, 25, 50, 0]);
    expect(priorityShares({ critical: 0, high: 0, medium: 0, low: 0, diagnostic: 0 }).every((s) => s.percent === 0)).toBe(true);
    expect(topTenShare({ activations: 200, top10: [{ alarmId: 'a:H', message: '', priority: 'low', activations: 50 }] })).toBe(25);
    expect(formatRate(0.123)).toBe('0.12');
    expect(formatRate(3.14)).toBe('3.1');
    expect(formatPercent(0.004)).toBe('0.4 %');
    expect(formatPercent(0.25)).toBe('25 %');
  });
});
