/**
 * The state timeline's pure parts: each asset's spans as blocks placed in % of the period
 * (neighbours of one state merged; slivers thinner than a bucket merged into the worst
 * state among them, so a week of micro-stops stays a few hundred blocks), the calendar's
 * breaks, planned stops and unscheduled time as bands, and the time axis's ticks aligned
 * to the plant's time zone. No React.
 */
import type { OeeReport, OeeShift, OeeState, TimelineSpan } from '../../core/contract/index.js';
import { formatDuration, formatZoneDay, formatZoneTime, stateWords, zoneOffsetMs } from './oee-model.js';

export interface TimelineBlock {
  from: number;
  to: number;
  state: OeeState;
  /** Placement, % of the period. */
  left: number;
  width: number;
  title: string;
}

/** Which state wins when slivers merge: the worst loss shows. */
const severity: Record<OeeState, number> = { down: 7, unknown: 6, blocked: 5, starved: 4, changeover: 3, idle: 2, 'planned-stop': 1, running: 0 };

/** Blocks for one asset's spans over [from, to); spans shorter than (to − from) / buckets merge. */
export function timelineBlocks(spans: readonly TimelineSpan[], from: number, to: number, buckets = 1200): TimelineBlock[] {
  const length = Math.max(1, to - from);
  const sliver = length / buckets;
  const merged: { from: number; to: number; state: OeeState; faultCode?: string }[] = [];
  for (const span of spans) {
    const a = Math.max(from, span.from);
    const b = Math.min(to, span.to);
    if (b <= a) continue;
    const last = merged[merged.length - 1];
    if (last !== undefined && last.to === a && (last.state === span.state || (b - a < sliver && last.to - last.from < sliver))) {
      if (severity[span.state] > severity[last.state]) last.state = span.state;
      if (span.faultCode !== undefined && last.faultCode === undefined) last.faultCode = span.faultCode;
      last.to = b;
    } else merged.push(span.faultCode === undefined ? { from: a, to: b, state: span.state } : { from: a, to: b, state: span.state, faultCode: span.faultCode });
  }
  return merged.map((m) => ({
    from: m.from,
    to: m.to,
    state: m.state,
    left: (100 * (m.from - from)) / length,
    width: (100 * (m.to - m.from)) / length,
    title: `${stateWords[m.state]}${m.faultCode !== undefined ? ` ${m.faultCode}` : ''} · ${formatDuration(m.to - m.from)}`,
  }));
}

export interface CalendarBand {
  kind: 'break' | 'planned-stop' | 'unscheduled';
  name: string;
  left: number;
  width: number;
}

/** Breaks and planned stops of the shifts, and the time no shift covers, in % of [from, to). */
export function calendarBands(shifts: readonly OeeShift[], from: number, to: number): CalendarBand[] {
  const length = Math.max(1, to - from);
  const place = (a: number, b: number) => ({ left: (100 * (Math.max(from, a) - from)) / length, width: (100 * (Math.min(to, b) - Math.max(from, a))) / length });
  const bands: CalendarBand[] = [];
  for (const shift of shifts)
    for (const stop of shift.plannedStops) if (stop.to > from && stop.from < to) bands.push({ kind: stop.kind, name: stop.name, ...place(stop.from, stop.to) });
  const covered = [...shifts].filter((s) => s.to > from && s.from < to).sort((a, b) => a.from - b.from);
  let at = from;
  for (const shift of covered) {
    if (shift.from > at) bands.push({ kind: 'unscheduled', name: 'No shift', ...place(at, shift.from) });
    at = Math.max(at, shift.to);
  }
  if (at < to) bands.push({ kind: 'unscheduled', name: 'No shift', ...place(at, to) });
  return bands.filter((b) => b.width > 0);
}

export interface AxisTick {
  at: number;
  left: number;
  label: string;
  /** A new day starts here (drawn stronger). */
  major: boolean;
}

const minute = 60_000;
const hour = 60 * minute;
const steps = [15 * minute, 30 * minute, hour, 2 * hour, 3 * hour, 4 * hour, 6 * hour, 12 * hour, 24 * hour];

/** Ticks at whole local times of the zone, at most about `maxTicks` of them. */
export function axisTicks(from: number, to: number, timeZone: string, maxTicks = 12): AxisTick[] {
  const length = Math.max(1, to - from);
  const step = steps.find((s) => length / s <= maxTicks) ?? 24 * hour;
  const ticks: AxisTick[] = [];
  const offset = zoneOffsetMs(from, timeZone);
  let local = Math.ceil((from + offset) / step) * step;
  for (let guard = 0; guard < 500; guard++) {
    // Re-read the offset near each tick: a daylight-saving change moves local midnight.
    let at = local - offset;
    at = local - zoneOffsetMs(at, timeZone);
    if (at >= to) break;
    if (at >= from) {
      const midnight = formatZoneTime(at, timeZone) === '00:00';
      ticks.push({ at, left: (100 * (at - from)) / length, label: step >= 24 * hour || (midnight && length > 12 * hour) ? formatZoneDay(at, timeZone) : formatZoneTime(at, timeZone), major: midnight });
    }
    local += step;
  }
  return ticks;
}

/** Where "now" is on a period under way (% of the period), or null when the period is over. */
export function nowPosition(report: Pick<OeeReport, 'from' | 'to' | 'until' | 'nextAt'>): number | null {
  if (report.nextAt !== null || report.until >= report.to) return null;
  return (100 * (report.until - report.from)) / Math.max(1, report.to - report.from);
}

/** The states the legend explains, in the order it lists them. */
export const legendStates: readonly OeeState[] = ['running', 'down', 'starved', 'blocked', 'idle', 'changeover', 'planned-stop', 'unknown'];
