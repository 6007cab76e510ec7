import { describe, expect, it } from 'vitest';
import { formatShare, paretoRows } from './pareto-model.js';

const minute = 60_000;

describe('loss Pareto', () => {
  it('sorts the bars largest first with the cumulative share, and keeps unassigned bars marked', () => {
    const rows = paretoRows([
      { key: 'unassigned:F204', label: 'F204 Fill valve fault', ms: 10 * minute, stops: 2, assigned: false },
      { key: 'MECH-JAM', label: 'Mechanical › Bottle jam at infeed', ms: 30 * minute, stops: 4, assigned: true },
      { key: 'unassigned:starved', label: 'Starved', ms: 0, stops: 1, assigned: false },
      { key: 'MAT-CAPS', label: 'Materials › Caps not supplied', ms: 10 * minute, stops: 1, assigned: true },
    ]);
    expect(rows.map((r) => r.key)).toEqual(['MECH-JAM', 'unassigned:F204', 'MAT-CAPS']);
    expect(rows.map((r) => r.percent)).toEqual([60, 20, 20]);
    expect(rows.map((r) => r.cumulativePercent)).toEqual([60, 80, 100]);
    expect(rows.map((r) => Math.round(r.barPercent))).toEqual([100, 33, 33]);
    expect(rows[1]).toMatchObject({ assigned: false, durationText: '10 min', stops: 2 });
    expect(paretoRows([])).toEqual([]);
  });

  it('rounds shares to whole percent', () => {
    expect(formatShare(59.6)).toBe('60 %');
    expect(formatShare(0.4)).toBe('<1 %');
    expect(formatShare(0)).toBe('0 %');
  });
});
