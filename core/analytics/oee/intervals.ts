/**
 * State samples (and fault-code samples) → state intervals [from, to): the asset's state,
 * the fault code of a down interval and whether it is a micro-stop. Pure and streaming:
 * `StateIntervalBuilder` takes one sample at a time in time order (a 1 Hz feed or a
 * historian's change list give the same intervals); `buildStateIntervals` does it for
 * sample arrays or for columns as the historian returns them (its Series).
 *
 * - A sample's state holds until the next state sample (a change list is enough).
 * - Bad quality, a value no match maps, or a non-scalar value is an `unknown` interval
 *   with the reason; it is never counted as running. Uncertain quality is used as good.
 * - Fault codes: "" (or 0, or bad quality) is no fault. A down interval takes the fault code
 *   current when it starts, or the first one that appears while it lasts (the fault tag
 *   may arrive a poll after the state word); a different non-empty code during a down
 *   interval starts a new down interval (a second failure). Other states carry no code.
 * - Micro-stop: a down, idle, starved or blocked interval shorter than microStopMs. It is
 *   decided on the whole interval, before any clipping to shifts or periods; the last
 *   interval, still going on at `until`, is marked `ongoing` and its flag is provisional.
 * - Zero-length intervals (two changes at one timestamp) are dropped; at one timestamp a
 *   fault sample is taken before a state sample.
 */
import type { Quality, TagValueData } from '../../contract/index.js';
import { OeeInputError } from './errors.js';
import { microStopStates, type OeeState, type StateClassifier } from './states.js';

export interface StateInterval {
  from: number;
  to: number;
  state: OeeState;
  /** Down intervals: the fault code, when the fault tag gave one. */
  faultCode?: string;
  microStop: boolean;
  /** Unknown intervals: why ("bad quality: device not responding", "state value 9 is not mapped", "no data"). */
  reason?: string;
  /** The interval was still going on at `until`. */
  ongoing?: boolean;
}

/** What the builder needs of a sample (a core Sample fits). */
export interface TimedValue {
  sourceTs: number;
  value: TagValueData;
  quality: Quality;
}

/**
 * One tag's samples in columns, time ascending, as the historian returns them (its Series
 * fits): numeric values, quality codes 0 good / 1 uncertain / 2 bad, and for a string tag
 * the texts (its value column is then NaN).
 */
export interface SampleColumns {
  ts: ArrayLike<number>;
  value: ArrayLike<number>;
  quality: ArrayLike<number>;
  text?: readonly string[];
}

/** Samples in either form. */
export type SampleInput = readonly TimedValue[] | SampleColumns;

const qualityOfCode: readonly Quality[] = [{ status: 'good' }, { status: 'uncertain' }, { status: 'bad', reason: 'as stored in the historian' }];

/** Index access to either form; arrays out of time order are sorted (columns must be in order). */
export interface SampleFeed {
  length: number;
  ts(i: number): number;
  value(i: number): TagValueData;
  quality(i: number): Quality;
}

export function sampleFeed(input: SampleInput): SampleFeed {
  if (Array.isArray(input)) {
    const arr = input as readonly TimedValue[];
    let sorted: readonly TimedValue[] = arr;
    for (let i = 1; i < arr.length; i++) {
      if (arr[i]!.sourceTs < arr[i - 1]!.sourceTs) {
        sorted = [...arr].sort((a, b) => a.sourceTs - b.sourceTs);
        break;
      }
    }
    return { length: sorted.length, ts: (i) => sorted[i]!.sourceTs, value: (i) => sorted[i]!.value, quality: (i) => sorted[i]!.quality };
  }
  const c = input as SampleColumns;
  const text = c.text;
  return {
    length: c.ts.length,
    ts: (i) => c.ts[i]!,
    value: text ? (i) => text[i]! : (i) => c.value[i]!,
    quality: (i) => qualityOfCode[c.quality[i]!] ?? qualityOfCode[2]!,
  };
}

interface Open {
  from: number;
  state: OeeState;
  faultCode: string | undefined;
  reason: string | undefined;
}

function faultText(value: TagValueData, quality: Quality): string {
  if (quality.status === 'bad') return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return value === 0 ? '' : String(value);
  return '';
}

export class StateIntervalBuilder {
  private readonly out: StateInterval[] = [];
  private open: Open | undefined;
  private fault = '';
  private lastTs = -Infinity;
  private finished = false;

  constructor(
    private readonly classify: StateClassifier,
    private readonly microStopMs: number,
  ) {}

  /** A sample of the state tag. */
  state(ts: number, value: TagValueData, quality: Quality): void {
    this.advance(ts);
    let state: OeeState;
    let reason: string | undefined;
    if (quality.status === 'bad') {
      state = 'unknown';
      reason = `bad quality: ${quality.reason ?? 'no reason given'}`;
    } else if (typeof value === 'object') {
      state = 'unknown';
      reason = 'not a state value (a waveform)';
    } else {
      const mapped = this.classify(value);
      if (mapped === undefined) {
        state = 'unknown';
        reason = `state value ${JSON.stringify(value)} is not mapped`;
      } else state = mapped;
    }
    const code = state === 'down' && this.fault !== '' ? this.fault : undefined;
    const open = this.open;
    if (open && open.state === state && open.reason === reason) {
      if (state !== 'down' || code === undefined || open.faultCode === code) return;
      if (open.faultCode === undefined) {
        open.faultCode = code;
        return;
      }
    }
    this.start(ts, state, code, reason);
  }

  /** A sample of the fault-code tag. */
  faultCode(ts: number, value: TagValueData, quality: Quality): void {
    this.advance(ts);
    this.fault = faultText(value, quality);
    const open = this.open;
    if (!open || open.state !== 'down' || this.fault === '') return;
    if (open.faultCode === undefined) open.faultCode = this.fault;
    else if (open.faultCode !== this.fault) this.start(ts, 'down', this.fault, undefined);
  }

  /** Closes the last interval at `until` (marked ongoing) and returns them all. */
  finish(until: number): StateInterval[] {
    if (this.finished) throw new OeeInputError('the interval builder has already finished');
    this.finished = true;
    if (this.open && until > this.open.from) {
      this.close(until);
      const last = this.out[this.out.length - 1];
      if (last) last.ongoing = true;
    }
    this.open = undefined;
    return this.out;
  }

  private advance(ts: number): void {
    if (this.finished) throw new OeeInputError('the interval builder has already finished');
    if (!(ts >= this.lastTs)) throw new OeeInputError(`samples must come in time order: ${ts} after ${this.lastTs}`);
    this.lastTs = ts;
  }

  private start(ts: number, state: OeeState, faultCode: string | undefined, reason: string | undefined): void {
    if (this.open) this.close(ts);
    this.open = { from: ts, state, faultCode, reason };
  }

  private close(to: number): void {
    const open = this.open!;
    if (to <= open.from) return;
    const last = this.out[this.out.length - 1];
    // After a dropped zero-length interval the neighbours may be alike: one interval.
    if (last && last.to === open.from && last.state === open.state && last.faultCode === open.faultCode && last.reason === open.reason) {
      last.to = to;
      last.microStop = this.isMicro(last.state, to - last.from);
      return;
    }
    const interval: StateInterval = { from: open.from, to, state: open.state, microStop: this.isMicro(open.state, to - open.from) };
    if (open.faultCode !== undefined) interval.faultCode = open.faultCode;
    if (open.reason !== undefined) interval.reason = open.reason;
    this.out.push(interval);
  }

  private isMicro(state: OeeState, ms: number): boolean {
    return ms < this.microStopMs && microStopStates.has(state);
  }
}

export interface BuildIntervalOptions {
  classify: StateClassifier;
  microStopMs: number;
  /** The end of the data: the last interval is closed here. Samples at or after it are ignored. */
  until: number;
  /** When given, intervals are clipped to start here; time before the first sample is unknown ("no data"). */
  from?: number;
}

/**
 * Intervals from the state tag's samples and the fault tag's (arrays are sorted here when
 * out of time order; columns must be in order, as the historian gives them).
 */
export function buildStateIntervals(states: SampleInput, faults: SampleInput | undefined, options: BuildIntervalOptions): StateInterval[] {
  const s = sampleFeed(states);
  const f = sampleFeed(faults ?? []);
  const builder = new StateIntervalBuilder(options.classify, options.microStopMs);
  let j = 0;
  for (let i = 0; i < s.length; i++) {
    const ts = s.ts(i);
    if (ts >= options.until) break;
    while (j < f.length && f.ts(j) <= ts) {
      builder.faultCode(f.ts(j), f.value(j), f.quality(j));
      j++;
    }
    builder.state(ts, s.value(i), s.quality(i));
  }
  while (j < f.length && f.ts(j) < options.until) {
    builder.faultCode(f.ts(j), f.value(j), f.quality(j));
    j++;
  }
  const intervals = builder.finish(options.until);
  return options.from === undefined ? intervals : clipFrom(intervals, options.from, options.until);
}

/** Intervals from `from` on: earlier ones dropped, one straddling `from` cut, a leading gap unknown. */
function clipFrom(intervals: StateInterval[], from: number, until: number): StateInterval[] {
  const kept = intervals.filter((i) => i.to > from).map((i) => (i.from < from ? { ...i, from } : i));
  const first = kept[0]?.from ?? until;
  if (first > from) kept.unshift({ from, to: first, state: 'unknown', microStop: false, reason: 'no data' });
  return kept;
}
