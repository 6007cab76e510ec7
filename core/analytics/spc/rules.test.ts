/**
 * The eight run rules on hand-made sequences (center 0, σ 1, limits ±3): each fires on its
 * pattern, at the point that completes it, and not on a near miss.
 */
import { describe, expect, it } from 'vitest';
import type { ChartPoint } from './charts.js';
import { ruleViolations, type SpcRuleNumber } from './rules.js';

const limits = { center: 0, ucl: 3, lcl: -3 };
const series = (values: readonly number[]): ChartPoint[] => values.map((value, i) => ({ at: 1000 * (i + 1), value }));
const alternating = (n: number, a = 0.5, b = -0.5) => Array.from({ length: n }, (_, i) => (i % 2 === 0 ? a : b));

interface Case {
  name: string;
  rule: SpcRuleNumber;
  values: number[];
  /** [at (s), side, points] of each event; [] for none. */
  expected: [number, string, number[]][];
}

const cases: Case[] = [
  { name: '1: a point beyond 3σ, each one its own event', rule: 1, values: [0, 3.1, 3.5, -3.2, 3], expected: [[2, 'above', [1]], [3, 'above', [2]], [4, 'below', [3]]] },
  { name: '2: 2 of 3 beyond 2σ on one side', rule: 2, values: [0, 2.5, 0, 2.1, 0, 0], expected: [[4, 'above', [1, 3]]] },
  { name: '2: not when they are on opposite sides', rule: 2, values: [0, 2.5, -2.5, 0, 0], expected: [] },
  { name: '3: 4 of 5 beyond 1σ on one side', rule: 3, values: [0, -1.5, -1.2, 0.5, -1.1, -2, 0, 0, 0], expected: [[6, 'below', [1, 2, 4, 5]]] },
  { name: '3: 3 of 5 is not enough', rule: 3, values: [1.5, 1.5, 0, 1.5, 0, 0], expected: [] },
  { name: '4: 8 in a row on one side; the run grows while it lasts', rule: 4, values: [0.1, 0.2, 0.1, 0.3, 0.1, 0.2, 0.1, 0.4, 0.2, -0.1], expected: [[8, 'above', [0, 1, 2, 3, 4, 5, 6, 7, 8]]] },
  { name: '4: 7 in a row is not', rule: 4, values: [0.1, 0.2, 0.1, 0.3, 0.1, 0.2, 0.1, -0.4], expected: [] },
  { name: '5: 6 increasing', rule: 5, values: [-1, -0.5, 0, 0.2, 0.3, 1, 0.9], expected: [[6, 'up', [0, 1, 2, 3, 4, 5]]] },
  { name: '5: 6 decreasing', rule: 5, values: [2, 1, 0.5, 0, -0.2, -1], expected: [[6, 'down', [0, 1, 2, 3, 4, 5]]] },
  { name: '5: a tie breaks the trend', rule: 5, values: [-1, -0.5, 0, 0, 0.3, 1], expected: [] },
  { name: '6: 14 alternating', rule: 6, values: alternating(14), expected: [[14, 'both', Array.from({ length: 14 }, (_, i) => i)]] },
  { name: '6: 13 alternating is not', rule: 6, values: [...alternating(13), 1], expected: [] },
  { name: '7: 15 within 1σ (stratification)', rule: 7, values: [...Array(15).fill(0.3), 1.5], expected: [[15, 'both', Array.from({ length: 15 }, (_, i) => i)]] },
  { name: '7: one point at 1σ breaks it', rule: 7, values: [...Array(7).fill(0.3), 1, ...Array(7).fill(0.3)], expected: [] },
  { name: '8: 8 beyond 1σ on both sides (mixture)', rule: 8, values: [1.5, -1.5, 2, -1.2, 1.1, -2, 1.5, -1.5], expected: [[8, 'both', [0, 1, 2, 3, 4, 5, 6, 7]]] },
  { name: '8: all on one side is rule 4 and 3, not 8', rule: 8, values: Array(8).fill(1.5), expected: [] },
];

describe('ruleViolations', () => {
  it.each(cases)('$name', ({ rule, values, expected }) => {
    const events = ruleViolations(series(values), limits, { rules: [rule] });
    expect(events.map((e) => [e.at / 1000, e.side, e.points])).toEqual(expected);
    for (const e of events) expect(e.rule).toBe(rule);
  });

  it('all rules at once, in rule order, with names', () => {
    const events = ruleViolations(series([0, 3.5, 2.5, 2.5, 0]), limits);
    expect(events.map((e) => `${e.rule} ${e.name}`)).toEqual(['1 one point beyond 3σ', '2 2 of 3 points beyond 2σ on the same side']);
    expect(events[1]).toMatchObject({ at: 3000, until: 5000, points: [1, 2, 3] });
  });

  it('a drifting mean (the checkweigher story) trips the run rules before a point leaves the limits', () => {
    const drift = Array.from({ length: 40 }, (_, i) => 0.06 * i + 0.4 * Math.sin(i * 2.1));
    const events = ruleViolations(series(drift), limits);
    const firstRun = Math.min(...events.filter((e) => e.rule !== 1).map((e) => e.at));
    const firstOut = Math.min(...events.filter((e) => e.rule === 1).map((e) => e.at));
    expect(firstRun).toBeLessThan(firstOut);
  });
});
