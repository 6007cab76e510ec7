/**
 * Local wall-clock time in an IANA time zone ↔ UTC epoch ms, with Intl only (Node and
 * Chromium carry the time zone database; no library needed). Daylight saving:
 *
 * - A local time that does not exist (in the spring-forward gap, 02:30 in Berlin on the
 *   last Sunday of March) is moved forward by the gap: 03:30 local (as Temporal's
 *   'compatible' disambiguation does).
 * - A local time that exists twice (in the autumn fall-back hour) is the earlier of the two.
 *
 * Local dates are handled as "YYYY-MM-DD" strings and as day numbers (days since
 * 1970-01-01 of the proleptic Gregorian calendar), which make date arithmetic plain integer
 * arithmetic.
 */
import type { Weekday } from '../../model/plant.js';

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether Intl knows the time zone ("Europe/Berlin", "UTC"). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at `utcMs`, ms (Berlin in summer: +7,200,000). Whole seconds. */
export function offsetAt(timeZone: string, utcMs: number): number {
  const parts = formatter(timeZone).formatToParts(new Date(utcMs));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - (utcMs - (((utcMs % 1000) + 1000) % 1000));
}

/** Day number of a "YYYY-MM-DD" date. */
export function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

/** "YYYY-MM-DD" of a day number. */
export function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

const weekdayOrder: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** The weekday of a day number. */
export function weekdayOf(day: number): Weekday {
  return weekdayOrder[(((day + 4) % 7) + 7) % 7]!;
}

/** Minutes since midnight of "HH:MM" (24:00 allowed). */
export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** UTC ms of local day `day` at `minutes` after local midnight (see the header for DST gaps and overlaps). */
export function localToUtc(timeZone: string, day: number, minutes: number): number {
  const wall = day * DAY_MS + minutes * 60_000;
  const before = offsetAt(timeZone, wall - DAY_MS);
  const after = offsetAt(timeZone, wall + DAY_MS);
  const early = wall - before;
  if (before === after) return early;
  const late = wall - after;
  const valid = (t: number) => t + offsetAt(timeZone, t) === wall;
  const candidates = [early, late].filter(valid).sort((a, b) => a - b);
  // Both valid: the overlap, earlier wins. None: the gap, the offset before the change moves it forward.
  return candidates[0] ?? early;
}

/** The local day number at `utcMs`. */
export function localDayAt(timeZone: string, utcMs: number): number {
  return Math.floor((utcMs + offsetAt(timeZone, utcMs)) / DAY_MS);
}
