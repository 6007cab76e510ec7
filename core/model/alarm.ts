/**
 * Alarm definitions from the plant config and the actions people take on alarms. The state
 * machine that evaluates them is core/analytics/alarms (pure: samples and a clock in, events
 * out); the runtime host feeds it and journals the events. States, events and the list's
 * view of an alarm cross the contract, so they live in core/contract/alarms.ts.
 */
import type { AlarmKind, AlarmPriority, ScalarValue } from '../contract/index.js';

export interface AlarmDefinition {
  /** Unique in the plant: "<tag path>:<kind>", or "<tag path>:<name>" when the config names it. */
  id: string;
  /** The tag whose samples the alarm watches. */
  tag: string;
  /** The asset the alarm belongs to (its tag's asset unless the config says otherwise). */
  asset: string;
  kind: AlarmKind;
  /** HH/H/L/LL: the limit; deviation: the allowed difference; rate: the allowed change per second. In the tag's unit. */
  limit?: number;
  /** deviation: the tag holding the setpoint. */
  setpointTag?: string;
  /** discrete: the values that are abnormal. */
  states?: ScalarValue[];
  priority: AlarmPriority;
  /** Analog kinds: how far back inside the limit the value must come to return to normal (tag unit, ≥ 0). */
  deadband: number;
  /** The condition must hold this long before the alarm activates. */
  onDelayMs: number;
  /** The condition must be gone this long before the alarm returns to normal. */
  offDelayMs: number;
  /** What the operator reads: "Glue tank temperature high". */
  message: string;
  /** A latched alarm stays until it is acknowledged and reset, even after the condition is gone. */
  latching: boolean;
  /** Suppressed by design while this tag holds one of these values ("machine in planned stop"). */
  suppressWhen?: { tag: string; values: ScalarValue[] };
}

/** What people do to alarms. `at` is the plant clock's time of the action. */
export type AlarmAction =
  | { kind: 'acknowledge'; ids: string[]; user: string; at: number }
  | { kind: 'reset'; ids: string[]; user: string; at: number }
  | { kind: 'shelve'; id: string; user: string; at: number; reason: string; durationMs: number }
  | { kind: 'unshelve'; id: string; user: string; at: number }
  | { kind: 'out-of-service'; id: string; user: string; at: number; reason: string }
  | { kind: 'in-service'; id: string; user: string; at: number }
  | { kind: 'comment'; id: string; user: string; at: number; text: string };

