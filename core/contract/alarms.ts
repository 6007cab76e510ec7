/**
 * Alarms as they cross the contract (ISA-18.2 / IEC 62682): priorities, kinds, the states an
 * alarm moves through, the events every transition leaves in the journal, and an alarm as
 * the list shows it. Definitions and actions are in core/model/alarm.ts.
 */
import type { ScalarValue } from './model.js';

export const alarmPriorities = ['critical', 'high', 'medium', 'low', 'diagnostic'] as const;
export type AlarmPriority = (typeof alarmPriorities)[number];

/**
 * What raises the alarm:
 * - HH, H, L, LL: the value beyond `limit` (HH/H above, L/LL below);
 * - deviation: |value − setpointTag's value| beyond `limit`;
 * - rate: |change per second| beyond `limit` (tag unit per second);
 * - discrete: the value is one of `states` (a state word, a bool, a fault code);
 * - bad-quality: the tag's quality is bad (a broken sensor, a lost device).
 */
export const alarmKinds = ['HH', 'H', 'L', 'LL', 'deviation', 'rate', 'discrete', 'bad-quality'] as const;
export type AlarmKind = (typeof alarmKinds)[number];

/**
 * The alarm states of ISA-18.2. The first four are the process states; the others are
 * conditions laid over them (an alarm keeps its process state underneath while shelved).
 * - normal: the condition is absent and nothing is left to acknowledge;
 * - unacknowledged: active, not yet acknowledged;
 * - acknowledged: active, acknowledged;
 * - rtn-unacknowledged: returned to normal before it was acknowledged;
 * - latched: a latching alarm whose condition is gone, acknowledged, waiting for a reset;
 * - shelved: hidden by an operator for a limited time (it unshelves by itself);
 * - suppressed: suppressed by design while its plant condition holds;
 * - out-of-service: taken out of service for maintenance.
 */
export const alarmStates = ['normal', 'unacknowledged', 'acknowledged', 'rtn-unacknowledged', 'latched', 'shelved', 'suppressed', 'out-of-service'] as const;
export type AlarmState = (typeof alarmStates)[number];

/** What happened to an alarm. */
export const alarmEventKinds = [
  'activated',
  'returned', // the condition went away (return to normal)
  'acknowledged',
  'reset', // a latched alarm reset by an operator
  'shelved',
  'unshelved', // by an operator, or by itself when the shelf time ran out (user absent)
  'suppressed',
  'unsuppressed',
  'out-of-service',
  'in-service',
  'comment',
] as const;
export type AlarmEventKind = (typeof alarmEventKinds)[number];

export interface AlarmEvent {
  /** UTC epoch ms, on the plant clock (the sample's time or the clock's, never the wall clock in replay). */
  at: number;
  alarmId: string;
  kind: AlarmEventKind;
  from: AlarmState;
  to: AlarmState;
  priority: AlarmPriority;
  asset: string;
  tag: string;
  message: string;
  /** Why: "value 191.2 °C above limit 185", "shelf time of 30 min ran out", "operator". */
  cause: string;
  /** Who, where a person caused it. */
  user?: string;
  /** The tag's value when it happened, where there is one. */
  value?: ScalarValue;
  /** A shelve's reason, a comment's text. */
  text?: string;
  /** A shelve: when the shelf time runs out (so a restart can restore it). */
  until?: number;
}

/** One alarm as the list shows it. */
export interface AlarmStatus {
  id: string;
  tag: string;
  asset: string;
  kind: AlarmKind;
  priority: AlarmPriority;
  message: string;
  state: AlarmState;
  /** Whether the condition is present now (also while shelved, suppressed or out of service). */
  active: boolean;
  acknowledged: boolean;
  /** When it last activated. */
  activatedAt?: number;
  /** When the current state began. */
  since: number;
  /** Shelved: when it unshelves by itself. */
  shelvedUntil?: number;
  /** The value that last changed its state. */
  value?: ScalarValue;
}

/** The live alarm picture: every alarm that is not normal, and the counts the banner shows. */
export interface AlarmSnapshot {
  /** Bumped on every alarm event; pass it back to watchAlarms to wait for the next change. */
  revision: number;
  alarms: AlarmStatus[];
  counts: {
    /** Unacknowledged (active or returned), not shelved, suppressed or out of service. */
    unacknowledged: number;
    /** Condition present and shown (not shelved, suppressed or out of service). */
    active: number;
    shelved: number;
    suppressed: number;
    outOfService: number;
    /** Shown alarms (unacknowledged, acknowledged, returned unacknowledged, latched) by priority. */
    byPriority: Record<AlarmPriority, number>;
  };
}

/** A journal entry as stored: the event with its row id. */
export interface AlarmJournalEntry extends AlarmEvent {
  id: number;
}

/** Alarm-system health (EEMUA 191 / ISA-18.2) over a time range. */
export interface AlarmKpis {
  from: number;
  to: number;
  activations: number;
  averagePer10MinPerOperator: number;
  peak10MinRate: number;
  peak10MinAt?: number;
  timeInFloodFraction: number;
  floodPeriods: { from: number; to: number; count: number }[];
  chattering: { alarmId: string; activations: number; message: string }[];
  stale: { alarmId: string; since: number; message: string }[];
  top10: { alarmId: string; message: string; priority: AlarmPriority; activations: number }[];
  priorityDistribution: Record<AlarmPriority, number>;
  shelvedCount: number;
  outOfServiceCount: number;
  suppressedCount: number;
}
