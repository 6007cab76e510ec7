/**
 * One alarm's record inside the engine: its definition flattened for the hot path, what
 * its condition remembers (conditions.ts), its process state, the overlays laid over it
 * (shelved, suppressed, out of service) and the pending delay. The rules of how the
 * visible state follows from those are here; the engine (engine.ts) drives them.
 */
import type { AlarmState, AlarmStatus, Quality, ScalarValue } from '../../contract/index.js';
import type { AlarmDefinition } from '../../model/alarm.js';
import { BAD_QUALITY, conditionOf, type Condition, type ConditionState } from './conditions.js';
import { causeWords, type CauseWords } from './text.js';

/** What the engine keeps of one tag's latest samples, shared by the alarms on the tag. */
export interface TagLatest {
  /** The latest usable (not bad, scalar) value and its quality: for causes and re-evaluation. */
  value: ScalarValue | undefined;
  quality: Quality | undefined;
  /** The latest quality, bad included: what a bad-quality alarm reports. */
  anyQuality: Quality | undefined;
  /** No alarm on the tag has a delay or a shelf falling due before this (a lower bound). */
  nextDue: number;
}

/** The ISA-18.2 process states: what the alarm would show with no overlay. */
export type ProcessState = 'normal' | 'unacknowledged' | 'acknowledged' | 'rtn-unacknowledged' | 'latched';

export class Slot implements Condition, ConditionState {
  // Condition (flattened onto the record: one object less to reach on the hot path)
  readonly code: number;
  readonly limit: number;
  readonly deadband: number;
  readonly on: number;
  readonly off: number;
  readonly states: readonly ScalarValue[];
  // ConditionState
  active = false;
  setpoint = Number.NaN;
  prevValue = Number.NaN;
  prevTs = Number.NaN;
  measure = Number.NaN;

  readonly onDelay: number;
  readonly offDelay: number;

  proc: ProcessState = 'normal';
  /** Whether a change of the condition waits for its on- or off-delay (a boolean: the hot path reads it, not the number below). */
  pending = false;
  /** When that change takes effect; Infinity when none. */
  pendingDue = Infinity;
  /** When the shelf runs out; Infinity when not shelved. */
  shelvedUntil = Infinity;
  /** The shelf time the operator chose, for the cause when it runs out. */
  shelvedFor = 0;
  /** min(pendingDue, shelvedUntil): the one comparison the hot path makes. */
  nextDue = Infinity;
  suppressed = false;
  outOfService = false;

  /** When the visible state began. */
  since: number;
  activatedAt: number | undefined;
  /** The tag's value when the state last changed through the process. */
  value: ScalarValue | undefined;
  private causeWords: CauseWords | undefined;

  constructor(
    readonly index: number,
    readonly def: AlarmDefinition,
    start: number,
    /** The latest samples of the alarm's tag. */
    readonly latest: TagLatest,
  ) {
    const condition = conditionOf(def);
    this.code = condition.code;
    this.limit = condition.limit;
    this.deadband = condition.deadband;
    this.on = condition.on;
    this.off = condition.off;
    this.states = condition.states;
    this.onDelay = def.onDelayMs;
    this.offDelay = def.offDelayMs;
    this.since = start;
  }

  /** The tag's latest usable value. */
  get lastValue(): ScalarValue | undefined {
    return this.latest.value;
  }

  /** The quality its causes speak of: the latest usable sample's, or for a bad-quality alarm the latest sample's. */
  get lastQuality(): Quality | undefined {
    return this.code === BAD_QUALITY ? this.latest.anyQuality : this.latest.quality;
  }

  /** The words of its limits, made at its first transition. */
  get words(): CauseWords {
    return (this.causeWords ??= causeWords(this));
  }

  get overlaid(): boolean {
    return this.outOfService || this.shelvedUntil !== Infinity || this.suppressed;
  }

  /** What the alarm shows: out of service > shelved > suppressed > the process state. */
  visible(): AlarmState {
    if (this.outOfService) return 'out-of-service';
    if (this.shelvedUntil !== Infinity) return 'shelved';
    if (this.suppressed) return 'suppressed';
    return this.proc;
  }

  /**
   * Takes over the state of the same alarm in an engine being replaced (a plant changed
   * live): condition memory, process state, overlays, the pending delay. The words of its
   * limits are kept only when the definition is unchanged (a new limit needs new words).
   */
  adopt(old: Slot): void {
    this.active = old.active;
    this.setpoint = old.setpoint;
    this.prevValue = old.prevValue;
    this.prevTs = old.prevTs;
    this.measure = old.measure;
    this.proc = old.proc;
    this.pending = old.pending;
    this.pendingDue = old.pendingDue;
    this.shelvedUntil = old.shelvedUntil;
    this.shelvedFor = old.shelvedFor;
    this.suppressed = old.suppressed;
    this.outOfService = old.outOfService;
    this.since = old.since;
    this.activatedAt = old.activatedAt;
    this.value = old.value;
    if (JSON.stringify(old.def) === JSON.stringify(this.def)) this.causeWords = old.causeWords;
    this.recomputeDue();
  }

  recomputeDue(): void {
    this.nextDue = this.pendingDue < this.shelvedUntil ? this.pendingDue : this.shelvedUntil;
  }

  /**
   * The last overlay came off: show the current process state. Active → unacknowledged,
   * unless it was acknowledged before and has not activated again since; not active →
   * normal, unless it was latched (acknowledged, waiting for a reset) before. What came
   * and went while hidden is in the journal, not left to acknowledge.
   */
  normalize(): void {
    if (this.active) this.proc = this.proc === 'acknowledged' ? 'acknowledged' : 'unacknowledged';
    else this.proc = this.proc === 'latched' ? 'latched' : 'normal';
  }

  status(): AlarmStatus {
    const def = this.def;
    const status: AlarmStatus = {
      id: def.id,
      tag: def.tag,
      asset: def.asset,
      kind: def.kind,
      priority: def.priority,
      message: def.message,
      state: this.visible(),
      active: this.active,
      acknowledged: this.proc !== 'unacknowledged' && this.proc !== 'rtn-unacknowledged',
      since: this.since,
    };
    if (this.activatedAt !== undefined) status.activatedAt = this.activatedAt;
    if (this.shelvedUntil !== Infinity) status.shelvedUntil = this.shelvedUntil;
    if (this.value !== undefined) status.value = this.value;
    return status;
  }
}
