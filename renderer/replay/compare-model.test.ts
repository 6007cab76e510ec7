import { describe, expect, it } from 'vitest';
import type { ReplayComparison } from '../../core/contract/index.js';
import { alarmCompareRows, comparisonSummary, formatFigure, healthCompareRows, oeeCompareRows } from './compare-model.js';

const figures = (a: number, p: number, q: number) => ({ availability: a, performance: p, quality: q, oee: a * p * q });

function comparison(over: Partial<ReplayComparison> = {}): ReplayComparison {
  return {
    from: 0,
    to: 1,
    config: 'capture',
    alarms: { rows: [], recordedTotal: 0, replayedTotal: 0 },
    oee: { rows: [] },
    health: { rows: [] },
    ...over,
  };
}

describe('alarm rows', () => {
  it('puts the rows that differ first, then the most urgent, the largest difference, the id', () => {
    const rows = alarmCompareRows([
      { alarmId: 'z', priority: 'critical', recorded: 2, replayed: 2 },
      { alarmId: 'b', priority: 'low', recorded: 1, replayed: 4 },
      { alarmId: 'a', priority: 'low', recorded: 1, replayed: 2 },
      { alarmId: 'c', priority: 'high', recorded: 5, replayed: 4 },
      { alarmId: 'y', priority: 'medium', recorded: 0, replayed: 0 },
    ]);
    expect(rows.map((r) => r.alarmId)).toEqual(['c', 'b', 'a', 'z', 'y']);
    expect(rows.map((r) => r.differs)).toEqual([true, true, true, false, false]);
    expect(rows.map((r) => r.deltaText)).toEqual(['−1', '+3', '+1', '', '']);
  });
});

describe('OEE rows', () => {
  it('shows percent to 0.1 and highlights a figure only when what is shown differs', () => {
    const [row] = oeeCompareRows([{ line: 'line1', recorded: figures(0.8741, 0.9, 1), replayed: figures(0.8744, 0.9, 0.98) }]);
    expect(row!.cells.availability).toEqual({ recorded: '87.4 %', replayed: '87.4 %', differs: false });
    expect(row!.cells.quality).toEqual({ recorded: '100.0 %', replayed: '98.0 %', differs: true });
    expect(row!.differs).toBe(true);
  });

  it('shows a missing side as a dash', () => {
    const [row] = oeeCompareRows([{ line: 'line1', recorded: null, replayed: figures(1, 1, 1) }]);
    expect(row!.cells.oee).toEqual({ recorded: '—', replayed: '100.0 %', differs: true });
    expect(formatFigure(null)).toBe('—');
  });
});

describe('health rows', () => {
  it('compares whole points, keeping the order', () => {
    const rows = healthCompareRows([
      { asset: 'l/m', recorded: 41.2, replayed: 40.9 },
      { asset: 'l/c', recorded: 88, replayed: 79 },
      { asset: 'l/k', recorded: null, replayed: null },
    ]);
    expect(rows.map((r) => [r.asset, r.recorded, r.replayed, r.deltaText, r.differs])).toEqual([
      ['l/m', '41', '41', '', false],
      ['l/c', '88', '79', '−9', true],
      ['l/k', '—', '—', '', false],
    ]);
  });
});

describe('the verdict', () => {
  it('says nothing differs, or what does', () => {
    expect(comparisonSummary(comparison())).toBe('Replayed as recorded: nothing differs.');
    const differing = comparison({
      alarms: { rows: [{ alarmId: 'a', priority: 'high', recorded: 1, replayed: 2 }], recordedTotal: 1, replayedTotal: 2 },
      health: { rows: [{ asset: 'l/c', recorded: 88, replayed: 79 }, { asset: 'l/d', recorded: 50, replayed: 40 }] },
    });
    expect(comparisonSummary(differing)).toBe('Differs from the recording: 1 alarm, health of 2 assets.');
  });
});
