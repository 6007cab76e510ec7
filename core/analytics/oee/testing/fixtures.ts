/**
 * Builders for OEE tests: a timeline of states (the demo's PLC state codes) turned into
 * samples and intervals through the real builder, counter samples, a one-shift calendar,
 * and a one-line view of intervals ("down F204 06:30–07:17") that reads well in a
 * table-driven expectation.
 */
import type { Quality, TagValueData } from '../../../contract/index.js';
import type { MachineState, ShiftCalendar, StateMatch } from '../../../model/plant.js';
import { shiftInstances } from '../calendar.js';
import { buildStateIntervals, type StateInterval, type TimedValue } from '../intervals.js';
import type { OeePeriod } from '../period.js';
import { stateClassifier } from '../states.js';

export const MIN = 60_000;
export const H = 60 * MIN;
/** Monday 2 November 2026, 06:00 UTC. */
export const MON_0600 = Date.UTC(2026, 10, 2, 6, 0, 0);

export const GOOD: Quality = { status: 'good' };

/** The demo's state words: 1 running … 7 changeover. */
export const demoStates: Partial<Record<MachineState, StateMatch[]>> = {
  running: [{ value: 1 }],
  idle: [{ value: 2 }],
  starved: [{ value: 3 }],
  blocked: [{ value: 4 }],
  down: [{ value: 5 }],
  'planned-stop': [{ value: 6 }],
  changeover: [{ value: 7 }],
};
export const classify = stateClassifier(demoStates);

export const code = { running: 1, idle: 2, starved: 3, blocked: 4, down: 5, planned: 6, changeover: 7 } as const;

export function at(ts: number, value: TagValueData, quality: Quality = GOOD): TimedValue {
  return { sourceTs: ts, value, quality };
}

/** One step of a timeline: a state code (or 'bad') for some seconds, with a fault code while down. */
export type Step = [state: number | 'bad', seconds: number, fault?: string];

/** State and fault samples of a timeline starting at `start` (a change list: one sample per step). */
export function timelineSamples(start: number, steps: readonly Step[]): { states: TimedValue[]; faults: TimedValue[]; end: number } {
  const states: TimedValue[] = [];
  const faults: TimedValue[] = [];
  let t = start;
  for (const [state, seconds, fault] of steps) {
    faults.push(at(t, fault ?? ''));
    states.push(state === 'bad' ? at(t, 0, { status: 'bad', reason: 'device not responding' }) : at(t, state));
    t += seconds * 1000;
  }
  return { states, faults, end: t };
}

/** Intervals of a timeline, built by buildStateIntervals. */
export function timeline(start: number, steps: readonly Step[], microStopMs = 0): StateInterval[] {
  const { states, faults, end } = timelineSamples(start, steps);
  return buildStateIntervals(states, faults, { classify, microStopMs, until: end });
}

/** "down F204 06:30–07:17 micro" (UTC clock times). */
export function brief(intervals: readonly StateInterval[]): string[] {
  const clock = (t: number) => new Date(t).toISOString().slice(11, 19).replace(/:00$/, '');
  return intervals.map(
    (i) => `${i.state}${i.faultCode ? ` ${i.faultCode}` : ''} ${clock(i.from)}–${clock(i.to)}${i.microStop ? ' micro' : ''}${i.ongoing ? ' ongoing' : ''}`,
  );
}

/** A UTC calendar with one shift a day (every day unless `days` says otherwise). */
export function oneShift(start: string, end: string, breaks: { start: string; minutes: number }[] = [], days: ShiftCalendar['shifts'][number]['days'] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']): ShiftCalendar {
  return {
    timeZone: 'UTC',
    shifts: [{ name: 'Day', start, end, days }],
    breaks: breaks.map((b) => ({ shift: 'Day', ...b })),
    plannedStops: [],
    holidays: [],
  };
}

export function period(calendar: ShiftCalendar, from: number, to: number): OeePeriod {
  return { from, to, shifts: shiftInstances(calendar, from, to) };
}

/** Counter samples: [ms after start, value] pairs. */
export function counter(start: number, points: readonly (readonly [number, number])[]): TimedValue[] {
  return points.map(([ms, v]) => at(start + ms, v));
}
