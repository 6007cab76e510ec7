/**
 * Alarm-system KPIs after EEMUA 191 and ISA-18.2 §16, from journal events (pure: no
 * clock; `now` is given). The figures and how they are counted:
 *
 * - An activation is an 'activated' event inside [from, to) that was shown to the
 *   operator: one whose `to` is not shelved, suppressed or out of service (those are
 *   journalled but not annunciated, and an alarm system is judged by what it puts in
 *   front of people). Every figure below counts these.
 * - averagePer10MinPerOperator: activations ÷ (to − from in 10-minute periods) ÷
 *   operatorPositions (EEMUA 191: ~1 per 10 min is acceptable, >10 is a flood).
 * - Flood: fixed windows of floodWindowMs laid from `from` (ISA-18.2's "10-minute periods
 *   with more than 10 alarms"); a window is in flood when it holds more than
 *   floodThreshold × operatorPositions activations. Adjacent flood windows form one flood
 *   period { from, to, count }; timeInFloodFraction is their length over to − from (the
 *   last window clipped at `to`).
 * - peak10MinRate: the most activations in any 10-minute window (sliding, starting at an
 *   activation), per operator position; peak10MinAt is the start of the first such window.
 * - Chattering: an alarm with chatterCount or more activations within chatterWindowMs
 *   (sliding); reported with all its activations in the range, most first.
 * - Stale: an alarm whose condition has been present for staleAfterMs or longer at `now`
 *   (default `to`), whatever it shows; from `current` when given (its activatedAt),
 *   otherwise from the events up to `now` (the last 'activated' without a 'returned'
 *   after it). Oldest first.
 * - top10: the alarms with the most activations (ties by id); priorityDistribution: the
 *   activations by priority.
 * - shelvedCount, outOfServiceCount, suppressedCount: from `current` when given,
 *   otherwise from each alarm's last event up to `now`.
 */
import { alarmPriorities, type AlarmEvent, type AlarmKpis, type AlarmPriority, type AlarmState, type AlarmStatus } from '../../contract/index.js';

export interface AlarmKpiOptions {
  from: number;
  to: number;
  /** Operator positions sharing the alarms (rates and the flood threshold are per position). Default 1. */
  operatorPositions?: number;
  /** A window with more than this many activations per position is in flood. Default 10. */
  floodThreshold?: number;
  floodWindowMs?: number;
  /** This many activations of one alarm within chatterWindowMs make it chattering. Default 3 in 60 s. */
  chatterCount?: number;
  chatterWindowMs?: number;
  /** Present this long makes an alarm stale. Default 24 h. */
  staleAfterMs?: number;
  /** The time stale alarms are judged at. Default `to`. */
  now?: number;
}

export type AlarmKpiFigures = Omit<AlarmKpis, 'from' | 'to'>;

const TEN_MIN = 600_000;
const hidden: ReadonlySet<AlarmState> = new Set<AlarmState>(['shelved', 'suppressed', 'out-of-service']);

function zeroByPriority(): Record<AlarmPriority, number> {
  return Object.fromEntries(alarmPriorities.map((p) => [p, 0])) as Record<AlarmPriority, number>;
}

/** Most activations in any window [t, t + windowMs) starting at an activation; times sorted. */
function peakWindow(times: readonly number[], windowMs: number): { count: number; at?: number } {
  let best = 0;
  let at: number | undefined;
  let j = 0;
  for (let i = 0; i < times.length; i++) {
    if (j < i) j = i;
    while (j < times.length && times[j]! < times[i]! + windowMs) j++;
    if (j - i > best) {
      best = j - i;
      at = times[i];
    }
  }
  return at === undefined ? { count: 0 } : { count: best, at };
}

export function alarmKpis(events: readonly AlarmEvent[], options: AlarmKpiOptions, current?: readonly AlarmStatus[]): AlarmKpiFigures {
  const { from, to } = options;
  const positions = Math.max(1, options.operatorPositions ?? 1);
  const floodThreshold = options.floodThreshold ?? 10;
  const floodWindowMs = options.floodWindowMs ?? TEN_MIN;
  const chatterCount = Math.max(2, options.chatterCount ?? 3);
  const chatterWindowMs = options.chatterWindowMs ?? 60_000;
  const staleAfterMs = options.staleAfterMs ?? 86_400_000;
  const now = options.now ?? to;
  const span = Math.max(0, to - from);

  // Shown activations in the range, in time order (stable for equal times).
  const activations = events
    .filter((e) => e.kind === 'activated' && e.at >= from && e.at < to && !hidden.has(e.to))
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.at - b.e.at || a.i - b.i)
    .map(({ e }) => e);
  const times = activations.map((e) => e.at);

  const priorityDistribution = zeroByPriority();
  const perAlarm = new Map<string, { times: number[]; last: AlarmEvent }>();
  for (const e of activations) {
    priorityDistribution[e.priority]++;
    const entry = perAlarm.get(e.alarmId);
    if (entry) {
      entry.times.push(e.at);
      entry.last = e;
    } else perAlarm.set(e.alarmId, { times: [e.at], last: e });
  }

  // Floods: fixed windows from `from`.
  const floodPeriods: AlarmKpis['floodPeriods'] = [];
  let floodMs = 0;
  if (span > 0 && floodWindowMs > 0) {
    const counts = new Map<number, number>();
    for (const t of times) {
      const k = Math.floor((t - from) / floodWindowMs);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    const flooded = [...counts.entries()].filter(([, n]) => n > floodThreshold * positions).sort((a, b) => a[0] - b[0]);
    for (const [k, n] of flooded) {
      const start = from + k * floodWindowMs;
      const end = Math.min(to, start + floodWindowMs);
      const last = floodPeriods[floodPeriods.length - 1];
      if (last && last.to === start) {
        last.to = end;
        last.count += n;
      } else floodPeriods.push({ from: start, to: end, count: n });
      floodMs += end - start;
    }
  }

  const peak = peakWindow(times, TEN_MIN);

  const chattering: AlarmKpis['chattering'] = [];
  const ranked: AlarmKpis['top10'] = [];
  for (const [alarmId, { times: own, last }] of perAlarm) {
    ranked.push({ alarmId, message: last.message, priority: last.priority, activations: own.length });
    for (let i = 0; i + chatterCount - 1 < own.length; i++) {
      if (own[i + chatterCount - 1]! - own[i]! < chatterWindowMs) {
        chattering.push({ alarmId, activations: own.length, message: last.message });
        break;
      }
    }
  }
  const byCount = (a: { alarmId: string; activations: number }, b: { alarmId: string; activations: number }) =>
    b.activations - a.activations || (a.alarmId < b.alarmId ? -1 : a.alarmId > b.alarmId ? 1 : 0);
  ranked.sort(byCount);
  chattering.sort(byCount);

  const { stale, counts } = current ? fromCurrent(current, now, staleAfterMs) : fromEvents(events, now, staleAfterMs);

  const result: AlarmKpiFigures = {
    activations: activations.length,
    averagePer10MinPerOperator: span > 0 ? activations.length / (span / TEN_MIN) / positions : 0,
    peak10MinRate: peak.count / positions,
    timeInFloodFraction: span > 0 ? floodMs / span : 0,
    floodPeriods,
    chattering,
    stale,
    top10: ranked.slice(0, 10),
    priorityDistribution,
    shelvedCount: counts.shelved,
    outOfServiceCount: counts.outOfService,
    suppressedCount: counts.suppressed,
  };
  if (peak.at !== undefined) result.peak10MinAt = peak.at;
  return result;
}

interface Standing {
  stale: AlarmKpis['stale'];
  counts: { shelved: number; outOfService: number; suppressed: number };
}

function byAge(a: { alarmId: string; since: number }, b: { alarmId: string; since: number }): number {
  return a.since - b.since || (a.alarmId < b.alarmId ? -1 : a.alarmId > b.alarmId ? 1 : 0);
}

function fromCurrent(current: readonly AlarmStatus[], now: number, staleAfterMs: number): Standing {
  const counts = { shelved: 0, outOfService: 0, suppressed: 0 };
  const stale: AlarmKpis['stale'] = [];
  for (const s of current) {
    if (s.state === 'shelved') counts.shelved++;
    else if (s.state === 'out-of-service') counts.outOfService++;
    else if (s.state === 'suppressed') counts.suppressed++;
    if (s.active && s.activatedAt !== undefined && now - s.activatedAt >= staleAfterMs) stale.push({ alarmId: s.id, since: s.activatedAt, message: s.message });
  }
  return { stale: stale.sort(byAge), counts };
}

function fromEvents(events: readonly AlarmEvent[], now: number, staleAfterMs: number): Standing {
  const last = new Map<string, { state: AlarmState; activeSince: number | undefined; message: string }>();
  const ordered = events
    .map((e, i) => ({ e, i }))
    .filter(({ e }) => e.at <= now)
    .sort((a, b) => a.e.at - b.e.at || a.i - b.i);
  for (const { e } of ordered) {
    const entry = last.get(e.alarmId) ?? { state: e.to, activeSince: undefined, message: e.message };
    entry.state = e.to;
    entry.message = e.message;
    if (e.kind === 'activated') entry.activeSince = e.at;
    else if (e.kind === 'returned') entry.activeSince = undefined;
    last.set(e.alarmId, entry);
  }
  const counts = { shelved: 0, outOfService: 0, suppressed: 0 };
  const stale: AlarmKpis['stale'] = [];
  for (const [alarmId, entry] of last) {
    if (entry.state === 'shelved') counts.shelved++;
    else if (entry.state === 'out-of-service') counts.outOfService++;
    else if (entry.state === 'suppressed') counts.suppressed++;
    if (entry.activeSince !== undefined && now - entry.activeSince >= staleAfterMs) stale.push({ alarmId, since: entry.activeSince, message: entry.message });
  }
  return { stale: stale.sort(byAge), counts };
}
