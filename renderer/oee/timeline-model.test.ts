import { describe, expect, it } from 'vitest';
import type { TimelineSpan } from '../../core/contract/index.js';
import { makeReport, shiftFrom, shiftTo } from '../testing/oee-fixtures.js';
import { axisTicks, calendarBands, nowPosition, timelineBlocks } from './timeline-model.js';

const minute = 60_000;
const hour = 60 * minute;

describe('state timeline', () => {
  it('places spans in % of the period and merges neighbours of one state', () => {
    const spans: TimelineSpan[] = [
      { from: shiftFrom - hour, to: shiftFrom + hour, state: 'running', microStop: false },
      { from: shiftFrom + hour, to: shiftFrom + 2 * hour, state: 'running', microStop: false },
      { from: shiftFrom + 2 * hour, to: shiftFrom + 4 * hour, state: 'down', faultCode: 'F204', microStop: false },
      { from: shiftFrom + 4 * hour, to: shiftTo + hour, state: 'running', microStop: false },
    ];
    const blocks = timelineBlocks(spans, shiftFrom, shiftTo);
    expect(blocks.map((b) => [b.state, b.left, b.width])).toEqual([
      ['running', 0, 25],
      ['down', 25, 25],
      ['running', 50, 50],
    ]);
    expect(blocks[1]!.title).toBe('Down F204 · 2 h 00 min');
  });

  it('merges slivers into the worst state among them, so a week stays a few hundred blocks', () => {
    const from = 0;
    const to = 7 * 24 * hour;
    const spans: TimelineSpan[] = [];
    // A 20-second micro-stop every 2 minutes for a week: 5040 stops.
    for (let t = from; t < to; t += 2 * minute) {
      spans.push({ from: t, to: t + 100_000, state: 'running', microStop: false });
      spans.push({ from: t + 100_000, to: t + 2 * minute, state: t === 3 * 24 * hour ? 'down' : 'idle', microStop: true });
    }
    const blocks = timelineBlocks(spans, from, to, 600);
    expect(blocks.length).toBeLessThanOrEqual(1200);
    expect(blocks.some((b) => b.state === 'down')).toBe(true);
    expect(blocks.reduce((sum, b) => sum + b.width, 0)).toBeCloseTo(100, 6);
  });

  it('shows breaks, planned stops and the time no shift covers as bands', () => {
    const report = makeReport();
    expect(calendarBands(report.shifts, report.from, report.to)).toEqual([{ kind: 'break', name: 'Break', left: 50, width: 6.25 }]);
    const day = calendarBands(report.shifts, shiftFrom - 6 * hour, shiftFrom + 18 * hour);
    expect(day.map((b) => [b.kind, +b.left.toFixed(3), +b.width.toFixed(3)])).toEqual([
      ['break', 41.667, 2.083],
      ['unscheduled', 0, 25],
      ['unscheduled', 58.333, 41.667],
    ]);
  });

  it('ticks at whole local hours of the plant zone', () => {
    const ticks = axisTicks(shiftFrom, shiftTo, 'UTC');
    expect(ticks.map((t) => t.label)).toEqual(['06:00', '07:00', '08:00', '09:00', '10:00', '11:00', '12:00', '13:00']);
    expect(ticks[1]!.left).toBe(12.5);
    // Kolkata is UTC+5:30: 06:00 UTC is 11:30 there, so the first whole hour is 30 minutes in.
    const kolkata = axisTicks(shiftFrom, shiftTo, 'Asia/Kolkata');
    expect(kolkata[0]).toMatchObject({ at: shiftFrom + 30 * minute, label: '12:00' });
    const week = axisTicks(Date.UTC(2026, 10, 16), Date.UTC(2026, 10, 23), 'UTC');
    expect(week.map((t) => t.label)).toEqual(['Mon 16 Nov', 'Tue 17 Nov', 'Wed 18 Nov', 'Thu 19 Nov', 'Fri 20 Nov', 'Sat 21 Nov', 'Sun 22 Nov']);
    expect(week.every((t) => t.major)).toBe(true);
    // Berlin leaves summer time on 25 Oct 2026: the midnights stay on local midnight, noon too.
    const dst = axisTicks(Date.UTC(2026, 9, 23, 22), Date.UTC(2026, 9, 27, 23), 'Europe/Berlin');
    expect(dst.filter((t) => t.major).map((t) => t.at)).toEqual([Date.UTC(2026, 9, 23, 22), Date.UTC(2026, 9, 24, 22), Date.UTC(2026, 9, 25, 23), Date.UTC(2026, 9, 26, 23)]);
    expect(dst.filter((t) => !t.major).map((t) => t.label)).toEqual(['12:00', '12:00', '12:00', '12:00']);
  });

  it('marks now on a period under way only', () => {
    expect(nowPosition(makeReport())).toBeNull();
    expect(nowPosition(makeReport({ nextAt: null, until: shiftFrom + 2 * hour }))).toBe(25);
  });
});
