/**
 * Downtime events: the stops of an asset that someone may give a reason to, from its state
 * intervals. A stop is a down, idle, starved, blocked or changeover interval (planned
 * stops and unknown time are not stops); it is listed whole when it overlaps [from, to),
 * so a stop over a shift change is one event. `id` (asset and start time) stays the same
 * as long as the interval does, so a reason stored against it finds it again; while a
 * stop goes on (`ongoing`) its end and its micro-stop flag are provisional.
 */
import type { MachineState } from '../../model/plant.js';
import type { StateInterval } from './intervals.js';
import { firstEndingAfter } from './period.js';

export type StopState = Extract<MachineState, 'down' | 'idle' | 'starved' | 'blocked' | 'changeover'>;
export const stopStates: readonly StopState[] = ['down', 'idle', 'starved', 'blocked', 'changeover'];

export interface DowntimeEvent {
  /** `<asset>@<from>`, e.g. "line1/filler@1793512800000". */
  id: string;
  asset: string;
  from: number;
  to: number;
  durationMs: number;
  state: StopState;
  faultCode?: string;
  microStop: boolean;
  ongoing: boolean;
}

export interface DowntimeOptions {
  from: number;
  to: number;
  /** Default: every stop state. */
  states?: readonly StopState[];
  /** Default true. */
  includeMicroStops?: boolean;
}

export function downtimeEvents(asset: string, intervals: readonly StateInterval[], options: DowntimeOptions): DowntimeEvent[] {
  const states = new Set<string>(options.states ?? stopStates);
  const includeMicro = options.includeMicroStops ?? true;
  const out: DowntimeEvent[] = [];
  for (let i = firstEndingAfter(intervals, options.from); i < intervals.length && intervals[i]!.from < options.to; i++) {
    const interval = intervals[i]!;
    if (!states.has(interval.state) || (interval.microStop && !includeMicro)) continue;
    const event: DowntimeEvent = {
      id: `${asset}@${interval.from}`,
      asset,
      from: interval.from,
      to: interval.to,
      durationMs: interval.to - interval.from,
      state: interval.state as StopState,
      microStop: interval.microStop,
      ongoing: interval.ongoing === true,
    };
    if (interval.faultCode !== undefined) event.faultCode = interval.faultCode;
    out.push(event);
  }
  return out;
}
