/**
 * The shift calendar in its time zone: the issue's three-shift calendar, daylight-saving
 * nights in Europe/Berlin (last Sunday of March and of October 2026), breaks, planned
 * stops and holidays.
 */
import { describe, expect, it } from 'vitest';
import type { ShiftCalendar, Weekday } from '../../model/plant.js';
import { shiftInstances } from './calendar.js';
import { dayNumber, localToUtc, offsetAt } from './time-zone.js';

const H = 3_600_000;
const MIN = 60_000;
const weekdays: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];
const everyDay: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** The calendar of the issue (oee: in the plant YAML). */
const issueCalendar: ShiftCalendar = {
  timeZone: 'Europe/Berlin',
  shifts: [
    { name: 'Early', start: '06:00', end: '14:00', days: weekdays },
    { name: 'Late', start: '14:00', end: '22:00', days: weekdays },
    { name: 'Night', start: '22:00', end: '06:00', days: ['sun', 'mon', 'tue', 'wed', 'thu'] },
  ],
  breaks: [
    { shift: 'Early', start: '09:00', minutes: 15 },
    { shift: 'Night', start: '02:00', minutes: 30 },
  ],
  plannedStops: [{ name: 'Sanitation', start: '2026-11-25T06:00', minutes: 120 }],
  holidays: ['2026-12-25'],
};

/** Round the clock in Berlin: the night shift runs every night, with a break at 02:00. */
const continuous: ShiftCalendar = {
  ...issueCalendar,
  shifts: [
    { name: 'Early', start: '06:00', end: '14:00', days: everyDay },
    { name: 'Late', start: '14:00', end: '22:00', days: everyDay },
    { name: 'Night', start: '22:00', end: '06:00', days: everyDay },
  ],
  plannedStops: [],
  holidays: [],
};

const iso = (t: number) => new Date(t).toISOString().slice(0, 16);
const brief = (list: ReturnType<typeof shiftInstances>) => list.map((s) => `${s.name} ${s.date} ${iso(s.from)}Z ${(s.to - s.from) / H} h`);

describe('shiftInstances', () => {
  it('the issue calendar over a week (November, CET = UTC+1): 5 early, 5 late, 6 nights touching the week', () => {
    const from = Date.UTC(2026, 10, 22, 23); // Monday 23 Nov 00:00 CET
    const list = shiftInstances(issueCalendar, from, from + 7 * 24 * H);
    expect(list.filter((s) => s.name === 'Early')).toHaveLength(5);
    expect(list.filter((s) => s.name === 'Late')).toHaveLength(5);
    expect(brief(list.filter((s) => s.name === 'Night'))).toEqual([
      'Night 2026-11-22 2026-11-22T21:00Z 8 h',
      'Night 2026-11-23 2026-11-23T21:00Z 8 h',
      'Night 2026-11-24 2026-11-24T21:00Z 8 h',
      'Night 2026-11-25 2026-11-25T21:00Z 8 h',
      'Night 2026-11-26 2026-11-26T21:00Z 8 h',
      'Night 2026-11-29 2026-11-29T21:00Z 8 h',
    ]);
    expect(brief(list.slice(1, 3))).toEqual(['Early 2026-11-23 2026-11-23T05:00Z 8 h', 'Late 2026-11-23 2026-11-23T13:00Z 8 h']);
  });

  it('the spring-forward night (28/29 March 2026) lasts 7 h; the fall-back night (24/25 October) 9 h', () => {
    const march = shiftInstances(continuous, Date.UTC(2026, 2, 28, 20), Date.UTC(2026, 2, 29, 6)).filter((s) => s.name === 'Night');
    expect(brief(march)).toEqual(['Night 2026-03-28 2026-03-28T21:00Z 7 h']);
    expect(march[0]!.to).toBe(Date.UTC(2026, 2, 29, 4)); // 06:00 CEST
    const october = shiftInstances(continuous, Date.UTC(2026, 9, 24, 19), Date.UTC(2026, 9, 25, 6)).filter((s) => s.name === 'Night');
    expect(brief(october)).toEqual(['Night 2026-10-24 2026-10-24T20:00Z 9 h']);
    expect(october[0]!.to).toBe(Date.UTC(2026, 9, 25, 5)); // 06:00 CET
    // The day shifts around them keep 8 h.
    const sunday = shiftInstances(continuous, Date.UTC(2026, 2, 29, 4), Date.UTC(2026, 2, 29, 20)).filter((s) => s.name !== 'Night');
    expect(brief(sunday)).toEqual(['Early 2026-03-29 2026-03-29T04:00Z 8 h', 'Late 2026-03-29 2026-03-29T12:00Z 8 h']);
  });

  it('a break at 02:00 on the spring night falls in the gap and moves to 03:00 CEST; on the autumn night it is the first 02:00', () => {
    const [march] = shiftInstances(continuous, Date.UTC(2026, 2, 28, 21), Date.UTC(2026, 2, 28, 22)).filter((s) => s.name === 'Night');
    expect(march!.plannedStops).toEqual([{ from: Date.UTC(2026, 2, 29, 1), to: Date.UTC(2026, 2, 29, 1, 30), kind: 'break', name: 'Night break' }]);
    const [october] = shiftInstances(continuous, Date.UTC(2026, 9, 24, 20), Date.UTC(2026, 9, 24, 21)).filter((s) => s.name === 'Night');
    expect(october!.plannedStops[0]!.from).toBe(Date.UTC(2026, 9, 25, 0));
    expect(october!.to - october!.from - october!.plannedStopMs).toBe(8.5 * H);
  });

  it('a one-off planned stop lands in its shift, in local time', () => {
    const list = shiftInstances(issueCalendar, Date.UTC(2026, 10, 25, 0), Date.UTC(2026, 10, 25, 12));
    const early = list.find((s) => s.name === 'Early')!;
    expect(early.plannedStops).toEqual([
      { from: Date.UTC(2026, 10, 25, 5), to: Date.UTC(2026, 10, 25, 7), kind: 'planned-stop', name: 'Sanitation' },
      { from: Date.UTC(2026, 10, 25, 8), to: Date.UTC(2026, 10, 25, 8, 15), kind: 'break', name: 'Early break' },
    ]);
    expect(early.plannedStopMs).toBe(135 * MIN);
  });

  it('a weekly planned stop over a shift change is split between the shifts; overlapping stops count once', () => {
    const calendar: ShiftCalendar = {
      ...continuous,
      timeZone: 'UTC',
      breaks: [{ shift: 'Early', start: '12:00', minutes: 30 }],
      plannedStops: [{ name: 'Maintenance', start: '12:00', minutes: 240, days: ['sun'] }],
    };
    const sunday = Date.UTC(2026, 10, 1); // Sunday 1 Nov 2026
    const list = shiftInstances(calendar, sunday + 6 * H, sunday + 22 * H);
    expect(list.map((s) => [s.name, s.plannedStopMs / MIN])).toEqual([
      ['Early', 120],
      ['Late', 120],
    ]);
  });

  it('no shift starts on a holiday; the night shift that started the evening before runs to its end', () => {
    const list = shiftInstances(issueCalendar, Date.UTC(2026, 11, 24, 13), Date.UTC(2026, 11, 26, 0));
    expect(brief(list)).toEqual(['Late 2026-12-24 2026-12-24T13:00Z 8 h', 'Night 2026-12-24 2026-12-24T21:00Z 8 h']);
  });

  it('an empty or reversed range has no shifts', () => {
    expect(shiftInstances(issueCalendar, 10, 10)).toEqual([]);
    expect(shiftInstances(issueCalendar, 10, 5)).toEqual([]);
  });
});

describe('localToUtc', () => {
  const berlin = 'Europe/Berlin';
  it.each([
    ['an ordinary winter time', '2026-01-15', 8 * 60, Date.UTC(2026, 0, 15, 7)],
    ['an ordinary summer time', '2026-07-15', 8 * 60, Date.UTC(2026, 6, 15, 6)],
    ['just before the spring gap', '2026-03-29', 119, Date.UTC(2026, 2, 29, 0, 59)],
    ['in the spring gap: moved forward by an hour (02:30 → 03:30 CEST)', '2026-03-29', 150, Date.UTC(2026, 2, 29, 0, 30) + H],
    ['after the spring gap', '2026-03-29', 180, Date.UTC(2026, 2, 29, 1)],
    ['in the autumn overlap: the first (CEST) one', '2026-10-25', 150, Date.UTC(2026, 9, 25, 0, 30)],
    ['after the autumn overlap', '2026-10-25', 180, Date.UTC(2026, 9, 25, 2)],
  ])('%s', (_name, date, minutes, expected) => {
    expect(localToUtc(berlin, dayNumber(date), minutes)).toBe(expected);
  });

  it('offsets: Berlin +1 h in winter, +2 h in summer; New York −5 h; UTC 0', () => {
    expect(offsetAt(berlin, Date.UTC(2026, 0, 1))).toBe(H);
    expect(offsetAt(berlin, Date.UTC(2026, 6, 1))).toBe(2 * H);
    expect(offsetAt('America/New_York', Date.UTC(2026, 0, 1))).toBe(-5 * H);
    expect(offsetAt('UTC', Date.UTC(2026, 0, 1, 12, 34, 56, 789))).toBe(0);
  });
});
