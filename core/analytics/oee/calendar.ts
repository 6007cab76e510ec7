/**
 * The shift calendar: which shifts ran in [from, to), each with its planned stops, in UTC
 * ms (pure: the calendar and the range in, instances out). Rules:
 *
 * - A shift instance starts on a local date whose weekday is in the shift's `days`, at its
 *   `start`, and ends at its `end` on the same date, or the next date when `end` is at or
 *   before `start` (22:00–06:00). Both ends are local wall-clock times converted in the
 *   calendar's time zone, so a night shift over the spring-forward night lasts 7 h and
 *   over the fall-back night 9 h (time-zone.ts says how a time in the gap is moved).
 * - Holidays: no shift starts on a holiday (a night shift that started the evening before
 *   runs to its end).
 * - A break is at the first occurrence of its local time at or after the shift's start
 *   and lasts its minutes of real time; clipped to the shift.
 * - A planned stop is once (local date and time) or weekly (local time on days); each
 *   shift gets the part of it that falls inside the shift.
 * - `plannedStops` of an instance are sorted by start; they may overlap each other (a
 *   break inside a sanitation window): `plannedStopMs` counts the time once.
 */
import type { ShiftCalendar } from '../../model/plant.js';
import { dayNumber, localDayAt, localToUtc, minutesOf, weekdayOf, dateOf } from './time-zone.js';

export type PlannedStopKind = 'break' | 'planned-stop';

export interface PlannedStopInterval {
  from: number;
  to: number;
  kind: PlannedStopKind;
  /** The break's shift name ("Early break") or the planned stop's name ("Sanitation"). */
  name: string;
}

export interface ShiftInstance {
  name: string;
  /** The local date the shift starts on, "YYYY-MM-DD". */
  date: string;
  from: number;
  to: number;
  /** Breaks and planned stops inside the shift, sorted by start. */
  plannedStops: PlannedStopInterval[];
  /** Time of the shift covered by planned stops (overlaps counted once). */
  plannedStopMs: number;
}

/** Total length of possibly overlapping intervals, each counted once. */
export function unionMs(intervals: readonly { from: number; to: number }[]): number {
  const sorted = [...intervals].filter((i) => i.to > i.from).sort((a, b) => a.from - b.from);
  let total = 0;
  let end = -Infinity;
  for (const i of sorted) {
    if (i.to <= end) continue;
    total += i.to - Math.max(i.from, end);
    end = i.to;
  }
  return total;
}

/** The shift instances overlapping [from, to), in start order. */
export function shiftInstances(calendar: ShiftCalendar, from: number, to: number): ShiftInstance[] {
  if (!(to > from)) return [];
  const zone = calendar.timeZone;
  const holidays = new Set(calendar.holidays.map(dayNumber));
  const firstDay = localDayAt(zone, from) - 1;
  const lastDay = localDayAt(zone, to);
  const out: ShiftInstance[] = [];
  for (let day = firstDay; day <= lastDay; day++) {
    if (holidays.has(day)) continue;
    const weekday = weekdayOf(day);
    for (const shift of calendar.shifts) {
      if (!shift.days.includes(weekday)) continue;
      const startMin = minutesOf(shift.start);
      const endMin = minutesOf(shift.end);
      const start = localToUtc(zone, day, startMin);
      const end = localToUtc(zone, endMin <= startMin ? day + 1 : day, endMin);
      if (end <= from || start >= to) continue;
      const stops: PlannedStopInterval[] = [];
      const clip = (a: number, b: number, kind: PlannedStopKind, name: string) => {
        const f = Math.max(a, start);
        const t = Math.min(b, end);
        if (t > f) stops.push({ from: f, to: t, kind, name });
      };
      for (const b of calendar.breaks) {
        if (b.shift !== shift.name) continue;
        const at = minutesOf(b.start);
        const bStart = localToUtc(zone, at >= startMin ? day : day + 1, at);
        clip(bStart, bStart + b.minutes * 60_000, 'break', `${shift.name} break`);
      }
      for (const stop of calendar.plannedStops) {
        const lookBack = Math.ceil(stop.minutes / 1440) + 1;
        for (const [a, b] of plannedStopOccurrences(zone, stop, day - lookBack, day + 2)) clip(a, b, 'planned-stop', stop.name);
      }
      stops.sort((a, b) => a.from - b.from || a.to - b.to);
      out.push({ name: shift.name, date: dateOf(day), from: start, to: end, plannedStops: stops, plannedStopMs: unionMs(stops) });
    }
  }
  return out.sort((a, b) => a.from - b.from || (a.name < b.name ? -1 : 1));
}

/** The [from, to) of a planned stop's occurrences: a one-off's only one, a weekly one's on local days firstDay..lastDay. */
function plannedStopOccurrences(zone: string, stop: ShiftCalendar['plannedStops'][number], firstDay: number, lastDay: number): [number, number][] {
  const ms = stop.minutes * 60_000;
  if (!stop.days) {
    const [date, time] = stop.start.split('T') as [string, string];
    const at = localToUtc(zone, dayNumber(date), minutesOf(time));
    return [[at, at + ms]];
  }
  const out: [number, number][] = [];
  for (let day = firstDay; day <= lastDay; day++) {
    if (!stop.days.includes(weekdayOf(day))) continue;
    const at = localToUtc(zone, day, minutesOf(stop.start));
    out.push([at, at + ms]);
  }
  return out;
}
