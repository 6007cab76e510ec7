/**
 * The period a report covers, from a span and a time inside it (pure): the shift around
 * `at` (or, between shifts, the last one that started before it), the clock hour, the
 * local day or the ISO week (Monday to Monday) in the calendar's time zone, with the
 * shift instances that overlap it, the time to page back to and the time to page forward
 * to (null while the period is under way at `now`). A local day over a daylight-saving
 * change is 23 or 25 hours long; an hour is a real hour.
 */
import type { OeeSpan } from '../../contract/index.js';
import type { ShiftCalendar, Weekday } from '../../model/plant.js';
import { shiftInstances, type ShiftInstance } from './calendar.js';
import { dateOf, localDayAt, localToUtc, offsetAt, weekdayOf } from './time-zone.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** How far back to look for the shift around a time: longer than any shift and gap between shifts. */
const SHIFT_SEARCH_MS = 8 * DAY_MS;

export interface ReportPeriod {
  span: OeeSpan;
  from: number;
  to: number;
  /** "Early · Sun 22 Nov 2026", "Sun 22 Nov 2026 · 06:00–07:00", "Sun 22 Nov 2026", "Week 47 · 16–22 Nov 2026". */
  label: string;
  previousAt: number;
  nextAt: number | null;
  shifts: ShiftInstance[];
}

export function reportPeriod(calendar: ShiftCalendar, span: OeeSpan, at: number, now: number): ReportPeriod {
  const zone = calendar.timeZone;
  let from: number;
  let to: number;
  let label: string;
  if (span === 'shift') {
    const shift = shiftAround(calendar, at);
    if (!shift) {
      // A calendar without a shift in a week around `at`: the local day instead.
      return { ...reportPeriod(calendar, 'day', at, now), span: 'shift' };
    }
    from = shift.from;
    to = shift.to;
    label = `${shift.name} · ${dayText(zone, from)}`;
  } else if (span === 'hour') {
    const offset = offsetAt(zone, at);
    from = Math.floor((at + offset) / HOUR_MS) * HOUR_MS - offset;
    to = from + HOUR_MS;
    label = `${dayText(zone, from)} · ${clockText(zone, from)}–${clockText(zone, to)}`;
  } else if (span === 'day') {
    const day = localDayAt(zone, at);
    from = localToUtc(zone, day, 0);
    to = localToUtc(zone, day + 1, 0);
    label = dayText(zone, from);
  } else {
    const day = localDayAt(zone, at);
    const monday = mondayOf(day);
    from = localToUtc(zone, monday, 0);
    to = localToUtc(zone, monday + 7, 0);
    label = `Week ${isoWeek(monday)} · ${dateText(monday)} – ${dateText(monday + 6)}`;
  }
  return { span, from, to, label, previousAt: from - 1, nextAt: to <= now ? to : null, shifts: shiftInstances(calendar, from, to) };
}

/** The shift instance containing `at`, or the last one that started before it. */
function shiftAround(calendar: ShiftCalendar, at: number): ShiftInstance | undefined {
  const shifts = shiftInstances(calendar, at - SHIFT_SEARCH_MS, at + 1);
  const containing = shifts.filter((s) => s.from <= at && at < s.to);
  if (containing.length > 0) return containing[containing.length - 1];
  return shifts.filter((s) => s.from <= at).at(-1);
}

/** "Fri 20 Nov 2026" (parts joined by hand: ICU versions differ on the comma after the weekday). */
function dayText(zone: string, utcMs: number): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).formatToParts(utcMs);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}`;
}

function clockText(zone: string, utcMs: number): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(utcMs);
}

function dateText(day: number): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' }).format(day * DAY_MS);
}

/** ISO 8601 week number of the week starting on Monday `monday` (a day number). */
function isoWeek(monday: number): number {
  const thursday = monday + 3;
  const year = Number(dateOf(thursday).slice(0, 4));
  const jan4 = Math.round(Date.UTC(year, 0, 4) / DAY_MS);
  return Math.floor((monday - mondayOf(jan4)) / 7) + 1;
}

const isoWeekdays: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** The Monday on or before `day` (day numbers). */
function mondayOf(day: number): number {
  return day - isoWeekdays.indexOf(weekdayOf(day));
}
