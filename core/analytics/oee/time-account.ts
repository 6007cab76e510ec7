/**
 * Where the scheduled time of a period went, from an asset's state intervals. Each
 * instant of the scheduled windows is classified once, in this order:
 *
 * 1. running → actual production time (running through a break counts: the break was
 *    worked, so that time is planned busy time and production time);
 * 2. otherwise inside a calendar break or planned stop → planned downtime;
 * 3. otherwise by state: planned-stop (the PLC's own planned stop) → planned downtime;
 *    a micro-stop → small stops (part of actual production time: a performance loss);
 *    down → breakdown; changeover → setup; idle, starved, blocked → their own buckets;
 *    unknown (bad quality, unmapped value) and time without any interval (no data) →
 *    unknown. All of these but planned downtime are planned busy time.
 *
 * Events are counted in the period in which their interval starts (inside a scheduled
 * window): failures (down intervals that are not micro-stops, wherever they fall; their
 * full duration is their repair time, even the part outside the period), and, when they
 * lose time outside planned downtime, micro-stops and stops (down, changeover, idle,
 * starved, blocked intervals that are not micro-stops: availability losses). A stop over
 * a shift change so adds its time to both shifts and its count to the first.
 */
import type { FaultTally } from '../../contract/index.js';
import type { StateInterval } from './intervals.js';
import { firstEndingAfter, overlapMs, type Span } from './period.js';


export interface TimeAccount {
  scheduledMs: number;
  /** Calendar breaks and planned stops while not running. */
  calendarPlannedMs: number;
  /** The planned-stop state outside calendar planned stops. */
  plannedStateMs: number;
  runningMs: number;
  runningInPlannedStopMs: number;
  smallStopMs: number;
  breakdownMs: number;
  setupMs: number;
  idleMs: number;
  starvedMs: number;
  blockedMs: number;
  /** Unknown state and no data (noDataMs is the part without any interval). */
  unknownMs: number;
  noDataMs: number;
  failures: number;
  /** Full duration of the failures counted. */
  repairMs: number;
  microStops: number;
  stops: number;
  byFault: Map<string | null, FaultTally>;
}

const gap: StateInterval = { from: 0, to: 0, state: 'unknown', microStop: false, reason: 'no data' };

export function accountTime(intervals: readonly StateInterval[], windows: readonly Span[], planned: readonly Span[]): TimeAccount {
  const acc: TimeAccount = {
    scheduledMs: 0,
    calendarPlannedMs: 0,
    plannedStateMs: 0,
    runningMs: 0,
    runningInPlannedStopMs: 0,
    smallStopMs: 0,
    breakdownMs: 0,
    setupMs: 0,
    idleMs: 0,
    starvedMs: 0,
    blockedMs: 0,
    unknownMs: 0,
    noDataMs: 0,
    failures: 0,
    repairMs: 0,
    microStops: 0,
    stops: 0,
    byFault: new Map(),
  };
  const tally = (code: string | undefined): FaultTally => {
    const key = code ?? null;
    let t = acc.byFault.get(key);
    if (!t) acc.byFault.set(key, (t = { faultCode: key, failures: 0, microStops: 0, downMs: 0, microStopMs: 0 }));
    return t;
  };

  /** Books [from, to) of the interval; returns its time outside planned downtime. */
  const piece = (from: number, to: number, interval: StateInterval): number => {
    const total = to - from;
    const inPlan = planned.length === 0 ? 0 : overlapMs(planned, from, to);
    if (interval.state === 'running') {
      acc.runningMs += total;
      acc.runningInPlannedStopMs += inPlan;
      return total;
    }
    acc.calendarPlannedMs += inPlan;
    const out = total - inPlan;
    if (out === 0) return 0;
    if (interval.microStop) {
      acc.smallStopMs += out;
      if (interval.state === 'down') tally(interval.faultCode).microStopMs += out;
      return out;
    }
    switch (interval.state) {
      case 'planned-stop':
        acc.plannedStateMs += out;
        break;
      case 'down':
        acc.breakdownMs += out;
        tally(interval.faultCode).downMs += out;
        break;
      case 'changeover':
        acc.setupMs += out;
        break;
      case 'idle':
        acc.idleMs += out;
        break;
      case 'starved':
        acc.starvedMs += out;
        break;
      case 'blocked':
        acc.blockedMs += out;
        break;
      case 'unknown':
        acc.unknownMs += out;
        if (interval === gap || interval.reason === 'no data') acc.noDataMs += out;
        break;
    }
    return out;
  };

  /** Counts an interval that starts in the window; `lost`: it has time outside planned downtime there. */
  const count = (interval: StateInterval, lost: boolean) => {
    if (interval.microStop) {
      if (!lost) return;
      acc.microStops++;
      if (interval.state === 'down') tally(interval.faultCode).microStops++;
      return;
    }
    if (interval.state === 'down') {
      acc.failures++;
      acc.repairMs += interval.to - interval.from;
      tally(interval.faultCode).failures++;
    }
    if (lost && interval.state !== 'running' && interval.state !== 'planned-stop' && interval.state !== 'unknown') acc.stops++;
  };

  for (const w of windows) {
    acc.scheduledMs += w.to - w.from;
    let t = w.from;
    for (let i = firstEndingAfter(intervals, w.from); i < intervals.length && intervals[i]!.from < w.to; i++) {
      const interval = intervals[i]!;
      if (interval.from > t) piece(t, interval.from, gap);
      const from = Math.max(interval.from, w.from);
      const to = Math.min(interval.to, w.to);
      const lost = piece(from, to, interval) > 0;
      if (interval.from >= w.from) count(interval, lost);
      t = to;
    }
    if (t < w.to) piece(t, w.to, gap);
  }
  return acc;
}
