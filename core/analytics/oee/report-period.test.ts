import { describe, expect, it } from 'vitest';
import type { ShiftCalendar } from '../../model/plant.js';
import { reportPeriod } from './report-period.js';

const everyDay = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const berlin: ShiftCalendar = {
  timeZone: 'Europe/Berlin',
  shifts: [
    { name: 'Early', start: '06:00', end: '14:00', days: [...everyDay] },
    { name: 'Late', start: '14:00', end: '22:00', days: ['mon', 'tue', 'wed', 'thu', 'fri'] },
  ],
  breaks: [{ shift: 'Early', start: '10:00', minutes: 30 }],
  plannedStops: [],
  holidays: [],
};
const H = 3_600_000;
const now = Date.UTC(2030, 0, 1);

describe('the period of a report', () => {
  it('is the shift around the time, with its label, its break and paging', () => {
    const at = Date.UTC(2026, 10, 20, 9, 0); // Fri 10:00 in Berlin (UTC+1)
    const p = reportPeriod(berlin, 'shift', at, now);
    expect([p.from, p.to]).toEqual([Date.UTC(2026, 10, 20, 5, 0), Date.UTC(2026, 10, 20, 13, 0)]);
    expect(p.label).toBe('Early · Fri 20 Nov 2026');
    expect(p.shifts.map((s) => s.name)).toEqual(['Early']);
    expect(p.shifts[0]!.plannedStops).toHaveLength(1);
    expect(p.previousAt).toBe(p.from - 1);
    expect(p.nextAt).toBe(p.to);
    // Paging back from the Early shift lands on the Late shift of Thursday.
    expect(reportPeriod(berlin, 'shift', p.previousAt, now).label).toBe('Late · Thu 19 Nov 2026');
  });

  it('between shifts is the last shift that started, and the period under way has no next', () => {
    const saturdayNight = Date.UTC(2026, 10, 21, 20, 0); // Sat 21:00: no Late shift on Saturdays
    const p = reportPeriod(berlin, 'shift', saturdayNight, saturdayNight);
    expect(p.label).toBe('Early · Sat 21 Nov 2026');
    expect(p.nextAt).toBe(p.to); // it ended before now
    const during = reportPeriod(berlin, 'shift', Date.UTC(2026, 10, 21, 6, 0), Date.UTC(2026, 10, 21, 6, 0));
    expect(during.nextAt).toBeNull();
  });

  it('is a local day of 23 or 25 hours over a daylight-saving change', () => {
    const spring = reportPeriod(berlin, 'day', Date.UTC(2026, 2, 29, 12), now);
    expect(spring.to - spring.from).toBe(23 * H);
    const autumn = reportPeriod(berlin, 'day', Date.UTC(2026, 9, 25, 12), now);
    expect(autumn.to - autumn.from).toBe(25 * H);
    expect(autumn.label).toBe('Sun 25 Oct 2026');
  });

  it('is a clock hour in the zone, and an ISO week from Monday', () => {
    const hour = reportPeriod(berlin, 'hour', Date.UTC(2026, 10, 20, 9, 42), now);
    expect([hour.from, hour.to]).toEqual([Date.UTC(2026, 10, 20, 9), Date.UTC(2026, 10, 20, 10)]);
    expect(hour.label).toBe('Fri 20 Nov 2026 · 10:00–11:00');
    const week = reportPeriod(berlin, 'week', Date.UTC(2026, 10, 22, 12), now);
    expect(week.from).toBe(Date.UTC(2026, 10, 15, 23)); // Mon 16 Nov 00:00 in Berlin
    expect(week.to - week.from).toBe(7 * 24 * H);
    expect(week.label).toBe('Week 47 · 16 Nov 2026 – 22 Nov 2026');
    expect(reportPeriod(berlin, 'week', Date.UTC(2026, 0, 1, 12), now).label).toMatch(/^Week 1 · 29 Dec 2025/);
  });
});
