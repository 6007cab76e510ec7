import { describe, expect, it } from 'vitest';
import type { ReplayMark } from '../../core/contract/index.js';
import { fractionOf, layoutMarks, markAt, markTitle, nudgeTime, timeAtFraction, timeAtX, xOfTime } from './timeline-model.js';

const from = 1_000_000;
const to = from + 100_000;

describe('time and x on the timeline', () => {
  it('maps the range linearly across the full width', () => {
    expect(timeAtX(0, 800, from, to)).toBe(from);
    expect(timeAtX(800, 800, from, to)).toBe(to);
    expect(timeAtX(200, 800, from, to)).toBe(from + 25_000);
    expect(xOfTime(from + 25_000, 800, from, to)).toBe(200);
  });

  it('clamps to the capture', () => {
    expect(timeAtX(-50, 800, from, to)).toBe(from);
    expect(timeAtX(900, 800, from, to)).toBe(to);
    expect(fractionOf(from - 1, from, to)).toBe(0);
    expect(fractionOf(to + 1, from, to)).toBe(1);
    expect(timeAtFraction(Number.NaN, from, to)).toBe(from);
  });

  it('copes with an empty range and a bar of no width', () => {
    expect(fractionOf(from, from, from)).toBe(0);
    expect(timeAtX(10, 0, from, to)).toBe(from);
    expect(timeAtFraction(0.5, to, from)).toBe(to);
  });

  it('moves by hundredths of the range from the keyboard, clamped', () => {
    expect(nudgeTime(from + 50_000, 1, from, to)).toBe(from + 51_000);
    expect(nudgeTime(from + 50_000, -10, from, to)).toBe(from + 40_000);
    expect(nudgeTime(to - 500, 1, from, to)).toBe(to);
  });
});

describe('marks on the timeline', () => {
  const marks: ReplayMark[] = [
    { at: from + 10_000, kind: 'alarm', priority: 'critical', source: 'l/a', label: 'A' },
    { at: from + 20_000, kind: 'alarm', priority: 'low', source: 'l/b', label: 'B' },
    { at: from + 30_000, kind: 'alarm', priority: 'high', source: 'l/c', label: 'C' },
    { at: from - 1, kind: 'alarm', priority: 'critical', source: 'l/a', label: 'before' },
    { at: from + 40_000, kind: 'stop', until: from + 50_000, source: 'l/a', label: 'Down' },
    { at: from - 5_000, kind: 'stop', until: from + 5_000, source: 'l/b', label: 'Starved' },
    { at: from + 90_000, kind: 'stop', source: 'l/c', label: 'Down, still' },
  ];

  it('places alarm ticks in percent, leaves out those outside, draws the most urgent last', () => {
    const { ticks } = layoutMarks(marks, from, to);
    expect(ticks.map((t) => [t.label, t.left])).toEqual([
      ['B', 20],
      ['C', 30],
      ['A', 10],
    ]);
  });

  it('spans stops from at to until, clipped to the capture; an open stop runs to the end', () => {
    const { stops } = layoutMarks(marks, from, to);
    expect(stops.map((s) => [s.label, s.left, s.width])).toEqual([
      ['Starved', 0, 5],
      ['Down', 40, 10],
      ['Down, still', 90, 10],
    ]);
    expect(stops[2]!.until).toBeUndefined();
  });

  it('merges dense alarms per 1/1000 of the bar, keeping the most urgent and the count', () => {
    const dense: ReplayMark[] = [];
    for (let i = 0; i < 50; i++) dense.push({ at: from + 5_000 + i, kind: 'alarm', priority: i === 30 ? 'critical' : 'medium', source: 's', label: `m${i}` });
    const { ticks } = layoutMarks(dense, from, to, 10);
    expect(ticks).toHaveLength(1);
    expect(ticks[0]).toMatchObject({ priority: 'critical', label: 'm30', count: 50 });
    expect(layoutMarks(dense, from, to, 100).ticks).toHaveLength(50);
  });

  it('finds the mark under the pointer: a near tick first, else a stop covering it', () => {
    const layout = layoutMarks(marks, from, to);
    expect(markAt(layout, 0.105, 0.01)).toMatchObject({ kind: 'alarm', tick: { label: 'A' } });
    expect(markAt(layout, 0.45, 0.01)).toMatchObject({ kind: 'stop', stop: { label: 'Down' } });
    expect(markAt(layout, 0.7, 0.01)).toBeNull();
  });

  it('names a mark in its tooltip', () => {
    expect(markTitle('14:03:27', { source: 'line1/capper', label: 'Capper down', priority: 'high', count: 3 })).toBe('14:03:27 · line1/capper · Capper down (high) (+2 more here)');
  });
});
