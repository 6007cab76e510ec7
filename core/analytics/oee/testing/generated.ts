/**
 * A seeded, generated plant history for OEE tests and the bench: assets of a bottling line
 * whose state words change as a PLC's would (the demo's codes) over days, in the columns
 * the historian hands over (its Series): state and fault-code change lists (a 1 Hz state
 * word changes rarely) and counters sampled once a minute. The same seed gives the same
 * history.
 *
 * Per asset: planned stops (state 6) for the calendar's breaks and planned stops; between
 * them runs of exponential length (mean 15 min) ended by a stop: a jam (down F101, 5–25 s:
 * mostly micro-stops), starved or blocked (20 s–4 min), idle (1–10 min), a breakdown (down
 * with one of the demo's fault codes, 2–20 min, log-normal) or a changeover (20–40 min).
 * Units are counted while running (at 90–100 % of the ideal rate), 0.5 % rejected; the
 * total counter starts just below 2^32 so that it wraps.
 */
import type { ShiftCalendar, Weekday } from '../../../model/plant.js';
import { Random } from '../../../drivers/simulator/random.js';
import { shiftInstances } from '../calendar.js';
import type { SampleColumns } from '../intervals.js';
import { mergeSpans } from '../period.js';

const S = 1000;
const everyDay: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const breakdowns = ['F204', 'C110', 'C220', 'L105', 'L210', 'P120', 'P330', 'M301'];
export const generatedIdealCycleS = 0.3;
export const generatedModulus = 4_294_967_296;

/** Three shifts round the clock in Berlin (so the window below has a daylight-saving night), breaks and a weekly sanitation. */
export const generatedCalendar: ShiftCalendar = {
  timeZone: 'Europe/Berlin',
  shifts: [
    { name: 'Early', start: '06:00', end: '14:00', days: everyDay },
    { name: 'Late', start: '14:00', end: '22:00', days: everyDay },
    { name: 'Night', start: '22:00', end: '06:00', days: everyDay },
  ],
  breaks: [
    { shift: 'Early', start: '10:00', minutes: 30 },
    { shift: 'Late', start: '18:00', minutes: 30 },
    { shift: 'Night', start: '02:00', minutes: 30 },
  ],
  plannedStops: [{ name: 'Sanitation', start: '06:00', minutes: 240, days: ['sun'] }],
  holidays: [],
};

export interface GeneratedAsset {
  asset: string;
  /** State word changes (values 1–7). */
  states: SampleColumns;
  /** Fault code changes ("" when none), in `text`. */
  faults: SampleColumns & { text: string[] };
  /** Counters sampled once a minute. */
  total: SampleColumns;
  reject: SampleColumns;
}

/** Good-quality columns of numbers. */
function columns(ts: readonly number[], value: readonly number[]): SampleColumns {
  return { ts: Float64Array.from(ts), value: Float64Array.from(value), quality: new Uint8Array(ts.length) };
}

export interface GeneratedHistory {
  from: number;
  to: number;
  assets: GeneratedAsset[];
}

/** `assets` assets over `days` days from `from` (UTC ms on a whole second). */
export function generateHistory(seed: number, assets: number, from: number, days: number): GeneratedHistory {
  const to = from + days * 86_400_000;
  const planned = mergeSpans(shiftInstances(generatedCalendar, from, to).flatMap((s) => s.plannedStops));
  const root = new Random(seed);
  return { from, to, assets: Array.from({ length: assets }, (_, i) => generateAsset(`line${Math.floor(i / 10) + 1}/m${i}`, root.fork(`asset:${i}`), from, to, planned)) };
}

function generateAsset(asset: string, rng: Random, from: number, to: number, planned: readonly { from: number; to: number }[]): GeneratedAsset {
  const stateTs: number[] = [];
  const stateValue: number[] = [];
  const faultTs: number[] = [from];
  const faultText: string[] = [''];
  /** Running spans [from, to) with their rate (units/s), for the counters. */
  const runs: { from: number; to: number; rate: number }[] = [];
  let fault = '';
  const change = (t: number, state: number, code = '') => {
    if (code !== fault) {
      faultTs.push(t);
      faultText.push(code);
      fault = code;
    }
    if (stateValue[stateValue.length - 1] !== state) {
      stateTs.push(t);
      stateValue.push(state);
    }
  };
  const secs = (lo: number, hi: number) => Math.round(rng.uniform(lo, hi)) * S;
  let t = from;
  let p = 0;
  while (t < to) {
    while (p < planned.length && planned[p]!.to <= t) p++;
    const next = planned[p];
    if (next && next.from <= t) {
      change(t, 6);
      t = Math.min(to, next.to);
      continue;
    }
    const limit = Math.min(to, next ? next.from : to);
    const runEnd = Math.min(limit, t + Math.max(1, Math.round(rng.exponential(900))) * S);
    change(t, 1);
    runs.push({ from: t, to: runEnd, rate: rng.uniform(0.9, 1) / generatedIdealCycleS });
    t = runEnd;
    if (t >= limit) continue;
    const kind = rng.next();
    let state: number;
    let code = '';
    let ms: number;
    if (kind < 0.55) [state, code, ms] = [5, 'F101', secs(5, 25)];
    else if (kind < 0.7) [state, ms] = [3, secs(20, 240)];
    else if (kind < 0.8) [state, ms] = [4, secs(20, 240)];
    else if (kind < 0.85) [state, ms] = [2, secs(60, 600)];
    else if (kind < 0.97) [state, code, ms] = [5, breakdowns[Math.floor(rng.next() * breakdowns.length)]!, Math.round(rng.logNormalBetween(2, 20) * 60) * S];
    else [state, ms] = [7, secs(1200, 2400)];
    change(t, state, code);
    t = Math.min(limit, t + ms);
    change(t, state, '');
  }
  return {
    asset,
    states: columns(stateTs, stateValue),
    faults: { ...columns(faultTs, faultText.map(() => Number.NaN)), text: faultText },
    ...counters(rng, runs, from, to),
  };
}

function counters(rng: Random, runs: readonly { from: number; to: number; rate: number }[], from: number, to: number): { total: SampleColumns; reject: SampleColumns } {
  const ts: number[] = [];
  const total: number[] = [];
  const reject: number[] = [];
  let made = generatedModulus - 200_000 + Math.floor(rng.next() * 1_000);
  let rejected = 0;
  let r = 0;
  let carry = 0;
  for (let m = from; m <= to; m += 60 * S) {
    // Units made in the minute before m.
    let units = carry;
    while (r < runs.length && runs[r]!.from < m) {
      const run = runs[r]!;
      const a = Math.max(run.from, m - 60 * S);
      const b = Math.min(run.to, m);
      if (b > a) units += ((b - a) / S) * run.rate;
      if (run.to <= m) r++;
      else break;
    }
    const whole = Math.floor(units);
    carry = units - whole;
    let bad = 0;
    for (let k = 0; k < whole; k++) if (rng.chance(0.005)) bad++;
    made = (made + whole) % generatedModulus;
    rejected += bad;
    ts.push(m);
    total.push(made);
    reject.push(rejected);
  }
  return { total: columns(ts, total), reject: columns(ts, reject) };
}

/**
 * The raw 1 Hz rows of an asset's state word and fault code, as a historian holding every
 * sample would return them: calls `row` once a second from `from` to `to`, in order.
 */
export function forEachRawRow(asset: GeneratedAsset, from: number, to: number, row: (ts: number, state: number, fault: string) => void): void {
  let s = 0;
  let f = 0;
  const { states, faults } = asset;
  for (let ts = from; ts < to; ts += S) {
    while (s + 1 < states.ts.length && states.ts[s + 1]! <= ts) s++;
    while (f + 1 < faults.ts.length && faults.ts[f + 1]! <= ts) f++;
    row(ts, states.value[s]!, faults.text[f]!);
  }
}
