import { describe, expect, it } from 'vitest';
import { chooseStep, stepMs, tickLabels, ticksFor } from './time-ticks.js';

const local = (...parts: [number, number, number, number?, number?, number?]) => new Date(...(parts as [number, number, number, number, number, number])).getTime();

describe('time ticks', () => {
  it('chooses the finest step that leaves enough room between ticks', () => {
    const from = local(2026, 10, 21, 10, 0, 0);
    expect(chooseStep(from, from + 600_000, 1200, 96)).toEqual({ kind: 'clock', ms: 60_000 });
    expect(chooseStep(from, from + 86_400_000, 1200, 96)).toEqual({ kind: 'clock', ms: 2 * 3_600_000 });
    expect(chooseStep(from, from + 365 * 86_400_000, 1200, 96)).toEqual({ kind: 'months', n: 1 });
    expect(stepMs({ kind: 'days', n: 7 })).toBe(7 * 86_400_000);
  });

  it('puts clock ticks on round local times', () => {
    const from = local(2026, 10, 21, 3, 58, 0);
    const ticks = ticksFor(from, local(2026, 10, 21, 16, 5, 0), { kind: 'clock', ms: 4 * 3_600_000 });
    expect(ticks.map((t) => new Date(t).getHours())).toEqual([4, 8, 12, 16]);
    expect(ticks.every((t) => new Date(t).getMinutes() === 0)).toBe(true);
  });

  it('puts day, week, month and year ticks on local midnights', () => {
    const days = ticksFor(local(2026, 10, 20, 12), local(2026, 10, 23, 12), { kind: 'days', n: 1 });
    expect(days).toEqual([local(2026, 10, 21), local(2026, 10, 22), local(2026, 10, 23)]);
    const weeks = ticksFor(local(2026, 10, 1), local(2026, 10, 30), { kind: 'days', n: 7 });
    expect(weeks.map((t) => new Date(t).getDay())).toEqual([1, 1, 1, 1, 1]);
    const months = ticksFor(local(2026, 0, 15), local(2026, 11, 31), { kind: 'months', n: 3 });
    expect(months.map((t) => new Date(t).getMonth())).toEqual([3, 6, 9]);
    const years = ticksFor(local(2019, 5, 1), local(2031, 0, 1), { kind: 'years', n: 5 });
    expect(years.map((t) => new Date(t).getFullYear())).toEqual([2020, 2025, 2030]);
  });

  it('labels clock ticks in 24-hour time with the date under the first tick and each new day', () => {
    const ticks = [local(2026, 10, 21, 22), local(2026, 10, 21, 23), local(2026, 10, 22, 0), local(2026, 10, 22, 1)];
    const labels = tickLabels(ticks, { kind: 'clock', ms: 3_600_000 });
    expect(labels[0]).toMatch(/^22.00\n/);
    expect(labels[1]).toMatch(/^23.00$/);
    expect(labels[2]).toMatch(/^00.00\n/);
    expect(labels[3]).toMatch(/^01.00$/);
    expect(tickLabels([local(2026, 10, 21, 10, 0, 30)], { kind: 'clock', ms: 10_000 })[0]).toMatch(/^10.00.30\n/);
  });
});
