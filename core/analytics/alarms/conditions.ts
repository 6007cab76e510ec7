/**
 * The alarm conditions of ISA-18.2, one sample at a time: is the abnormal condition present?
 * Pure and allocation-free, so that the engine (and the benchmark's naive evaluator) can
 * run it for every sample. Delays, states and overlays are the engine's (engine.ts).
 *
 * Where a condition starts and ends (hysteresis through the deadband):
 * - HH, H: present when value ≥ limit (the limit is the first abnormal value); gone again
 *   when value < limit − deadband.
 * - L, LL: present when value ≤ limit; gone when value > limit + deadband.
 * - deviation: d = |value − the setpoint tag's latest good value|; present when d ≥ limit;
 *   gone when d < limit − deadband. Nothing is known until a setpoint has arrived. A new
 *   setpoint re-evaluates the last value at once (engine.ts), so a moving setpoint moves
 *   the alarm.
 * - rate: r = |Δvalue / Δt| per second between this and the previous good sample of the
 *   tag; present when r ≥ limit, gone when r < limit − deadband. The first sample, and a
 *   sample not later than the previous one, say nothing. Rate is judged only when samples
 *   arrive: a tag that stops reporting keeps its rate alarm.
 * - discrete: present when the value is one of `states` (===: numbers, booleans, strings).
 * - bad-quality: present when the quality is bad; gone when it is good or uncertain.
 *
 * Quality: a bad sample leaves every condition but bad-quality where it was (its value is
 * a placeholder or a held value) and is not a rate's "previous sample". An uncertain sample
 * is evaluated like a good one (it is the best value there is); the engine names the
 * uncertainty in the event's cause. Non-numeric values (and NaN) say nothing to the
 * analogue kinds; waveforms say nothing to any kind but bad-quality.
 */
import type { AlarmKind, QualityStatus, ScalarValue, TagValueData } from '../../contract/index.js';
import type { AlarmDefinition } from '../../model/alarm.js';

/** Condition families, as small integers for the hot path. */
export const HIGH = 0;
export const LOW = 1;
export const DEVIATION = 2;
export const RATE = 3;
export const DISCRETE = 4;
export const BAD_QUALITY = 5;

const codeOfKind: Record<AlarmKind, number> = { HH: HIGH, H: HIGH, L: LOW, LL: LOW, deviation: DEVIATION, rate: RATE, discrete: DISCRETE, 'bad-quality': BAD_QUALITY };

/** What a condition needs of its definition, checked and flattened once. */
export interface Condition {
  readonly code: number;
  readonly limit: number;
  readonly deadband: number;
  /** The thresholds, deadband applied: `on` is crossed to become present, `off` to go away. */
  readonly on: number;
  readonly off: number;
  readonly states: readonly ScalarValue[];
}

/** What a condition remembers between samples; the engine's per-alarm record extends it. */
export interface ConditionState {
  /** Whether the alarm condition counts as present now (after delays): chooses the threshold side. */
  active: boolean;
  /** deviation: the setpoint's latest good value; NaN until one arrives. */
  setpoint: number;
  /** rate: the previous good sample; NaN before the first. */
  prevValue: number;
  prevTs: number;
  /** deviation, rate: the last figure compared with the limit, for the event's cause. */
  measure: number;
}

/** Returns a description of what is wrong with a definition, or undefined when it can be evaluated. */
export function definitionProblem(def: AlarmDefinition): string | undefined {
  const code = codeOfKind[def.kind];
  if (code === undefined) return `kind ${JSON.stringify(def.kind)} is not an alarm kind`;
  if (code <= RATE && (typeof def.limit !== 'number' || !Number.isFinite(def.limit))) return `a ${def.kind} alarm needs a finite limit`;
  if ((code === DEVIATION || code === RATE) && (def.limit as number) <= 0) return `a ${def.kind} alarm needs a limit above 0`;
  if (code === DEVIATION && !def.setpointTag) return 'a deviation alarm needs a setpointTag';
  if (code === DISCRETE && (!def.states || def.states.length === 0)) return 'a discrete alarm needs at least one state';
  if (!(def.deadband >= 0)) return 'the deadband must be 0 or more';
  if (!(def.onDelayMs >= 0) || !(def.offDelayMs >= 0)) return 'the delays must be 0 or more';
  return undefined;
}

export function conditionOf(def: AlarmDefinition): Condition {
  const code = codeOfKind[def.kind];
  const limit = def.limit ?? 0;
  const off = code === LOW ? limit + def.deadband : limit - def.deadband;
  return { code, limit, deadband: def.deadband, on: limit, off, states: def.states ?? [] };
}

export function newConditionState(): ConditionState {
  return { active: false, setpoint: Number.NaN, prevValue: Number.NaN, prevTs: Number.NaN, measure: Number.NaN };
}

/**
 * Whether the condition is present after this sample, judged against the threshold of the
 * side it is on (`state.active`); undefined when the sample says nothing about it.
 */
export function evaluate(c: Condition, state: ConditionState, value: TagValueData, status: QualityStatus, ts: number): boolean | undefined {
  const code = c.code;
  if (code === BAD_QUALITY) return status === 'bad';
  if (status === 'bad') return undefined;
  if (code === DISCRETE) {
    if (typeof value === 'object') return undefined;
    return c.states.includes(value);
  }
  if (typeof value !== 'number' || value !== value) return undefined;
  // HIGH and LOW compare the value itself (the measure of a cause is then the value).
  if (code === HIGH) return state.active ? value >= c.off : value >= c.on;
  if (code === LOW) return state.active ? value <= c.off : value <= c.on;
  let m: number;
  if (code === DEVIATION) {
    if (state.setpoint !== state.setpoint) return undefined;
    m = Math.abs(value - state.setpoint);
  } else {
    // RATE
    const prevTs = state.prevTs;
    if (prevTs === prevTs && ts <= prevTs) return undefined;
    const prevValue = state.prevValue;
    state.prevValue = value;
    state.prevTs = ts;
    if (prevTs !== prevTs) return undefined;
    m = (Math.abs(value - prevValue) * 1000) / (ts - prevTs);
  }
  state.measure = m;
  return state.active ? m >= c.off : m >= c.on;
}

/** A setpoint sample for a deviation condition: true when the setpoint changed. */
export function takeSetpoint(state: ConditionState, value: TagValueData, status: QualityStatus): boolean {
  if (status === 'bad' || typeof value !== 'number' || value !== value || value === state.setpoint) return false;
  state.setpoint = value;
  return true;
}
