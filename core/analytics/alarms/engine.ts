/**
 * The alarm state machine of ISA-18.2 / IEC 62682, pure: samples, operator actions and the
 * plant clock's time in (`tick(now)`), journal events out. No wall clock, no timers, no
 * I/O, no randomness; the same inputs give the same events, in the same order.
 *
 * Conditions (limits, deadband, deviation, rate, discrete, bad quality, uncertain
 * quality): see conditions.ts.
 *
 * Delays. The condition must hold without a break for onDelayMs, counted from the first
 * sample where it held, before the alarm activates; it then activates at exactly that
 * first time + onDelayMs, whether a later sample or `tick(now)` finds it due. A sample
 * that breaks the condition first cancels it (a short spike raises nothing). Returning
 * waits for offDelayMs the same way. A bad-quality sample breaks nothing (it keeps the
 * analogue condition as it was). A delay of an alarm is found due by `tick`, by a sample
 * of its own tag, by a change of its setpoint or of its suppression, and by an action on
 * it — never by other tags' samples, whose time may run ahead of this tag's.
 *
 * Process states. normal → (activate) unacknowledged → (acknowledge) acknowledged →
 * (return) normal; unacknowledged → (return) rtn-unacknowledged → (acknowledge) normal.
 * Latching: acknowledged → (return) latched; rtn-unacknowledged → (acknowledge) latched;
 * latched → (reset) normal; reset is refused unless the alarm is latched and inactive.
 * Activating again from rtn-unacknowledged or latched → unacknowledged.
 *
 * Overlays, shown with precedence out-of-service > shelved > suppressed:
 * - shelved by an operator for durationMs with a reason, from any state; it unshelves by
 *   itself when at + durationMs comes (found by `tick` or by the alarm's own samples; the
 *   event carries that exact time, no user, cause "shelf time of 30 min ran out"), or by
 *   an operator before.
 * - suppressed by design while the suppressWhen tag holds one of its values (a bad sample
 *   of that tag changes nothing). Entering it while the alarm is active is allowed.
 * - out of service by an operator with a reason, until returned to service.
 * Under an overlay the condition is still evaluated and the process state still moves:
 * each activation and return is journalled as usual ('activated' / 'returned', with
 * cause and value) but with from = to = the overlay's state, so nothing new shows. When the
 * last overlay comes off, the alarm shows its current process state (Slot.normalize):
 * active → unacknowledged, or acknowledged when it was acknowledged before and has not
 * activated since; inactive → normal, or latched when it was latched before.
 * Acknowledge and reset are refused while an overlay applies; shelving is refused while
 * out of service (taking a shelved alarm out of service is allowed; its shelf runs on).
 *
 * Actions. Acknowledging several ids at once skips those already acknowledged (or
 * latched); it is refused for a normal alarm or one under an overlay. Every action is
 * checked whole before anything changes: one refused id refuses the lot (AlarmActionError,
 * 'unknown-alarm' or 'alarm-action-refused', naming the alarm and why). An action first
 * brings its alarms' delays and shelves up to its time; events that come from that are
 * returned by the call, or by the next call when the action is refused.
 *
 * Events: one per transition, with from/to the visible states, the cause, the user where
 * a person acted, the tag's value for activations and returns (not for bad-quality
 * alarms, whose value is a placeholder), the reason or comment as `text`. Each call
 * returns its events sorted by time (stable: samples in the order given, ties in alarm
 * definition order). `since` in a status is when its visible state began.
 *
 * Cost: the alarms are indexed by tag (own tag, setpoint tag, suppression tag), so a sample
 * costs one map lookup and the evaluation of the alarms that read its tag; nothing else is
 * touched. Alarms suppressed by the same values of a tag share one test per sample.
 */
import type { AlarmEvent, AlarmEventKind, AlarmState, AlarmStatus, QualityStatus, ScalarValue, TagValueData } from '../../contract/index.js';
import type { AlarmAction, AlarmDefinition } from '../../model/alarm.js';
import { LinesideError } from '../../model/errors.js';
import type { Sample } from '../../model/sample.js';
import { BAD_QUALITY, definitionProblem, evaluate, takeSetpoint } from './conditions.js';
import { AlarmActionError } from './errors.js';
import { Slot, type ProcessState, type TagLatest } from './slot.js';
import { conditionCause, formatDuration, formatValue } from './text.js';
import { Timetable } from './timers.js';

export interface AlarmEngine {
  /** Feeds samples (per tag in time order); returns the events they cause, in time order. */
  onSamples(samples: readonly Sample[]): AlarmEvent[];
  /** Advances to `now` (plant clock): on-delays and off-delays that ran out, shelves that expired. Returns the events. */
  tick(now: number): AlarmEvent[];
  /** An operator action; returns its events, or throws AlarmActionError naming why it was refused. */
  act(action: AlarmAction): AlarmEvent[];
  /** Every alarm that is not normal (including shelved, suppressed, out of service), newest activation first. */
  active(): AlarmStatus[];
  status(id: string): AlarmStatus | undefined;
  /** All definitions' statuses (for counts), in definition order. */
  all(): AlarmStatus[];
  /**
   * After a restart: puts an alarm back in the process state its journal last recorded (an
   * alarm that returned unacknowledged stays to be acknowledged; an acknowledged active one is
   * not raised again). No event; the next samples are judged from there. Unknown ids are ignored.
   */
  restore(id: string, state: RestoredState): void;
}

export interface RestoredState {
  proc: ProcessState;
  since: number;
  activatedAt?: number;
  value?: ScalarValue;
}

export interface AlarmEngineOptions {
  /** The plant time the engine starts at: the `since` of every alarm until it changes. Default 0. */
  start?: number;
  /**
   * The engine this one replaces (the plant's alarms were changed live): every alarm that
   * keeps its id and kind takes over its state there — active, acknowledged, shelved, out of
   * service, a delay under way — and every tag its latest samples. An alarm with a new limit
   * keeps its state until its tag's next sample is judged by the new limit.
   */
  carryFrom?: AlarmEngine;
}

/** The alarms that read one tag: as their own tag, as a deviation's setpoint, as a suppression condition. */
interface TagWatch extends TagLatest {
  alarms: Slot[];
  setpointFor: Slot[];
  /** The tag's latest good value as a setpoint (NaN until one): an unchanged setpoint costs one comparison. */
  setpoint: number;
  /** Alarms suppressed by the same values of this tag share one test per sample. */
  suppresses: SuppressionGroup[];
}

interface SuppressionGroup {
  key: string;
  values: readonly ScalarValue[];
  /** Whether the tag holds one of the values now. */
  on: boolean;
  slots: Slot[];
}

export function createAlarmEngine(definitions: readonly AlarmDefinition[], options: AlarmEngineOptions = {}): AlarmEngine {
  const engine = new Engine(definitions, options.start ?? 0);
  if (options.carryFrom instanceof Engine) engine.adopt(options.carryFrom);
  return engine;
}

const overlayWords: Partial<Record<AlarmState, string>> = { shelved: 'shelved', suppressed: 'suppressed by design', 'out-of-service': 'out of service' };

function byTime(a: AlarmEvent, b: AlarmEvent): number {
  return a.at - b.at;
}

class Engine implements AlarmEngine {
  private readonly slots: Slot[] = [];
  private readonly byId = new Map<string, Slot>();
  private readonly watches = new Map<string, TagWatch>();
  private timetable = new Timetable();
  /** Events of the call in progress (and of a refused action's catching up). */
  private outbox: AlarmEvent[] = [];

  constructor(definitions: readonly AlarmDefinition[], start: number) {
    definitions.forEach((def, index) => {
      const problem = definitionProblem(def);
      if (problem !== undefined) throw new LinesideError('alarm-definition-invalid', `alarm ${def.id}: ${problem}`);
      if (this.byId.has(def.id)) throw new LinesideError('alarm-definition-invalid', `alarm ${def.id} is defined twice`);
      const w = this.watch(def.tag);
      const slot = new Slot(index, def, start, w);
      this.slots.push(slot);
      this.byId.set(def.id, slot);
      w.alarms.push(slot);
      if (def.kind === 'deviation' && def.setpointTag) this.watch(def.setpointTag).setpointFor.push(slot);
      if (def.suppressWhen) {
        const groups = this.watch(def.suppressWhen.tag).suppresses;
        const key = JSON.stringify(def.suppressWhen.values);
        const group = groups.find((g) => g.key === key);
        if (group) group.slots.push(slot);
        else groups.push({ key, values: def.suppressWhen.values, on: false, slots: [slot] });
      }
    });
  }

  restore(id: string, state: RestoredState): void {
    const slot = this.byId.get(id);
    if (!slot) return;
    slot.proc = state.proc;
    slot.active = state.proc === 'unacknowledged' || state.proc === 'acknowledged';
    slot.since = state.since;
    slot.activatedAt = state.activatedAt;
    slot.value = state.value;
  }

  /** See AlarmEngineOptions.carryFrom. */
  adopt(previous: Engine): void {
    for (const [tag, w] of this.watches) {
      const old = previous.watches.get(tag);
      if (!old) continue;
      w.value = old.value;
      w.quality = old.quality;
      w.anyQuality = old.anyQuality;
      w.setpoint = old.setpoint;
      for (const group of w.suppresses) group.on = old.suppresses.find((g) => g.key === group.key)?.on ?? false;
    }
    for (const slot of this.slots) {
      const old = previous.byId.get(slot.def.id);
      if (!old || old.def.kind !== slot.def.kind) continue;
      slot.adopt(old);
      if (slot.pendingDue !== Infinity) this.timetable.push(slot.pendingDue, slot.index);
      if (slot.shelvedUntil !== Infinity) this.timetable.push(slot.shelvedUntil, slot.index);
      if (slot.nextDue < slot.latest.nextDue) slot.latest.nextDue = slot.nextDue;
    }
  }

  private watch(tag: string): TagWatch {
    let w = this.watches.get(tag);
    if (!w) {
      w = { alarms: [], setpointFor: [], setpoint: Number.NaN, suppresses: [], value: undefined, quality: undefined, anyQuality: undefined, nextDue: Infinity };
      this.watches.set(tag, w);
    }
    return w;
  }

  onSamples(samples: readonly Sample[]): AlarmEvent[] {
    const watches = this.watches;
    for (let i = 0; i < samples.length; i++) {
      const sample = samples[i]!;
      const w = watches.get(sample.path);
      if (w === undefined) continue;
      const t = sample.sourceTs;
      const value = sample.value;
      const quality = sample.quality;
      const status = quality.status;
      // The plant's state and setpoints first, so that the alarms below see them.
      if (w.suppresses.length > 0) this.suppression(w.suppresses, sample);
      if (w.setpointFor.length > 0 && value !== w.setpoint) this.setpoints(w, t, value, status);
      // What fell due before this sample happened with the tag's previous value.
      if (w.nextDue <= t) this.catchUp(w, t);
      if (status !== 'bad' && typeof value !== 'object') {
        w.value = value;
        w.quality = quality;
      }
      w.anyQuality = quality;
      const alarms = w.alarms;
      for (let k = 0; k < alarms.length; k++) {
        const slot = alarms[k]!;
        const present = evaluate(slot, slot, value, status, t);
        if (present !== undefined) this.apply(slot, present, t);
      }
    }
    return this.flush();
  }

  tick(now: number): AlarmEvent[] {
    const timetable = this.timetable;
    while (timetable.peekDue() <= now) {
      const due = timetable.peekDue();
      const slot = this.slots[timetable.pop()]!;
      if (slot.nextDue <= due) this.fireDue(slot, due);
    }
    return this.flush();
  }

  act(action: AlarmAction): AlarmEvent[] {
    const ids = 'ids' in action ? action.ids : [action.id];
    const slots = ids.map((id) => {
      const slot = this.byId.get(id);
      if (!slot) throw new AlarmActionError('unknown-alarm', `unknown alarm ${id}`);
      return slot;
    });
    for (const slot of slots) if (slot.nextDue <= action.at) this.fireDue(slot, action.at);
    const refuse = (slot: Slot, verb: string, why: string, after = '') => {
      throw new AlarmActionError('alarm-action-refused', `cannot ${verb} ${slot.def.id}${after}: ${why}`);
    };
    const overlayWhy = (slot: Slot) => `it is ${overlayWords[slot.visible()]}`;
    const at = action.at;
    switch (action.kind) {
      case 'acknowledge':
        for (const slot of slots) {
          if (slot.overlaid) refuse(slot, 'acknowledge', overlayWhy(slot));
          if (slot.proc === 'normal') refuse(slot, 'acknowledge', 'it is normal, there is nothing to acknowledge');
        }
        for (const slot of slots) {
          if (slot.proc !== 'unacknowledged' && slot.proc !== 'rtn-unacknowledged') continue; // already acknowledged
          const before = slot.visible();
          slot.proc = slot.proc === 'unacknowledged' ? 'acknowledged' : slot.def.latching ? 'latched' : 'normal';
          this.emit(slot, 'acknowledged', at, before, 'operator', action.user);
        }
        break;
      case 'reset':
        for (const slot of slots) {
          if (slot.overlaid) refuse(slot, 'reset', overlayWhy(slot));
          if (slot.active) refuse(slot, 'reset', 'it is still active');
          if (slot.proc !== 'latched') refuse(slot, 'reset', `it is not latched (it is ${slot.proc})`);
        }
        for (const slot of slots) {
          if (slot.proc !== 'latched') continue; // the same id twice
          slot.proc = 'normal';
          this.emit(slot, 'reset', at, 'latched', 'operator', action.user);
        }
        break;
      case 'shelve': {
        const slot = slots[0]!;
        if (slot.outOfService) refuse(slot, 'shelve', 'it is out of service');
        if (slot.shelvedUntil !== Infinity) refuse(slot, 'shelve', `it is already shelved (for another ${formatDuration(Math.max(0, slot.shelvedUntil - at))})`);
        if (!(action.durationMs > 0 && Number.isFinite(action.durationMs))) refuse(slot, 'shelve', `the shelf time must be a positive number of milliseconds, not ${action.durationMs}`);
        if (action.reason.trim() === '') refuse(slot, 'shelve', 'a reason is required');
        const before = slot.visible();
        slot.shelvedUntil = at + action.durationMs;
        slot.shelvedFor = action.durationMs;
        slot.recomputeDue();
        if (slot.shelvedUntil < slot.latest.nextDue) slot.latest.nextDue = slot.shelvedUntil;
        this.timetable.push(slot.shelvedUntil, slot.index);
        this.emit(slot, 'shelved', at, before, `operator, for ${formatDuration(action.durationMs)}`, action.user, action.reason);
        this.outbox.at(-1)!.until = slot.shelvedUntil;
        break;
      }
      case 'unshelve': {
        const slot = slots[0]!;
        if (slot.shelvedUntil === Infinity) refuse(slot, 'unshelve', 'it is not shelved');
        this.endShelf(slot, at, action.user);
        break;
      }
      case 'out-of-service': {
        const slot = slots[0]!;
        if (slot.outOfService) refuse(slot, 'take', 'it is already out of service', ' out of service');
        if (action.reason.trim() === '') refuse(slot, 'take', 'a reason is required', ' out of service');
        const before = slot.visible();
        slot.outOfService = true;
        this.emit(slot, 'out-of-service', at, before, 'operator', action.user, action.reason);
        break;
      }
      case 'in-service': {
        const slot = slots[0]!;
        if (!slot.outOfService) refuse(slot, 'put', 'it is not out of service', ' back in service');
        const before = slot.visible();
        slot.outOfService = false;
        if (!slot.overlaid) slot.normalize();
        this.emit(slot, 'in-service', at, before, 'operator', action.user);
        break;
      }
      case 'comment': {
        const slot = slots[0]!;
        if (action.text.trim() === '') refuse(slot, 'comment on', 'the comment is empty');
        const state = slot.visible();
        this.emit(slot, 'comment', at, state, 'operator', action.user, action.text);
        break;
      }
    }
    return this.flush();
  }

  active(): AlarmStatus[] {
    return this.slots
      .filter((slot) => slot.visible() !== 'normal')
      .sort((a, b) => (b.activatedAt ?? -Infinity) - (a.activatedAt ?? -Infinity) || a.index - b.index)
      .map((slot) => slot.status());
  }

  status(id: string): AlarmStatus | undefined {
    return this.byId.get(id)?.status();
  }

  all(): AlarmStatus[] {
    return this.slots.map((slot) => slot.status());
  }

  // ── the machine ────────────────────────────────────────────────────────────────

  /** The condition is (`present`) or is not present at time t: start, keep or cancel the delay, or flip at once. */
  private apply(slot: Slot, present: boolean, t: number): void {
    if (present !== slot.active) {
      if (slot.pending) return; // a delay is already running
      const delay = slot.active ? slot.offDelay : slot.onDelay;
      if (delay === 0) {
        this.flip(slot, t, 0);
        return;
      }
      slot.pending = true;
      slot.pendingDue = t + delay;
      if (slot.pendingDue < slot.nextDue) slot.nextDue = slot.pendingDue;
      if (slot.pendingDue < slot.latest.nextDue) slot.latest.nextDue = slot.pendingDue;
      this.timetable.push(slot.pendingDue, slot.index);
      if (this.timetable.size > 4 * this.slots.length + 1024) this.compactTimetable();
    } else if (slot.pending) {
      slot.pending = false; // the condition broke before its delay ran out
      slot.pendingDue = Infinity;
      slot.recomputeDue();
    }
  }

  /** Carries out what fell due for the alarms of one tag up to t, and renews the tag's lower bound. */
  private catchUp(w: TagWatch, t: number): void {
    let next = Infinity;
    for (const slot of w.alarms) {
      if (slot.nextDue <= t) this.fireDue(slot, t);
      if (slot.nextDue < next) next = slot.nextDue;
    }
    w.nextDue = next;
  }

  /** Without ticks, cancelled delays would pile up in the timetable: keep only the live entries. */
  private compactTimetable(): void {
    const timetable = new Timetable();
    for (const slot of this.slots) {
      if (slot.pendingDue !== Infinity) timetable.push(slot.pendingDue, slot.index);
      if (slot.shelvedUntil !== Infinity) timetable.push(slot.shelvedUntil, slot.index);
    }
    this.timetable = timetable;
  }

  /** Carries out what fell due for this alarm up to and including t, in time order (a shelf before a delay at the same time). */
  private fireDue(slot: Slot, t: number): void {
    while (slot.nextDue <= t) {
      if (slot.shelvedUntil <= slot.pendingDue) {
        this.endShelf(slot, slot.shelvedUntil, undefined);
      } else {
        const at = slot.pendingDue;
        slot.pending = false;
        slot.pendingDue = Infinity;
        slot.recomputeDue();
        this.flip(slot, at, slot.active ? slot.offDelay : slot.onDelay);
      }
    }
  }

  /** The condition (after its delay) activates or returns at `at`. */
  private flip(slot: Slot, at: number, delayMs: number): void {
    const before = slot.visible();
    const activating = !slot.active;
    slot.active = activating;
    if (activating) {
      slot.activatedAt = at;
      slot.proc = 'unacknowledged';
    } else if (slot.proc === 'unacknowledged') slot.proc = 'rtn-unacknowledged';
    else if (slot.proc === 'acknowledged') slot.proc = slot.def.latching ? 'latched' : 'normal';
    const badQuality = slot.code === BAD_QUALITY;
    slot.value = badQuality ? undefined : slot.lastValue;
    const cause = conditionCause(slot, slot.words, slot, slot.lastValue, slot.lastQuality, activating, delayMs);
    this.emit(slot, activating ? 'activated' : 'returned', at, before, cause, undefined, undefined, !badQuality);
  }

  private endShelf(slot: Slot, at: number, user: string | undefined): void {
    const before = slot.visible();
    slot.shelvedUntil = Infinity;
    slot.recomputeDue();
    if (!slot.overlaid) slot.normalize();
    this.emit(slot, 'unshelved', at, before, user === undefined ? `shelf time of ${formatDuration(slot.shelvedFor)} ran out` : 'operator', user);
  }

  private suppression(groups: readonly SuppressionGroup[], sample: Sample): void {
    const value = sample.value;
    if (sample.quality.status === 'bad' || typeof value === 'object') return;
    for (let g = 0; g < groups.length; g++) {
      const group = groups[g]!;
      const suppress = group.values.includes(value);
      if (suppress === group.on) continue;
      group.on = suppress;
      for (const slot of group.slots) this.suppress(slot, suppress, sample.path, value, sample.sourceTs);
    }
  }

  private suppress(slot: Slot, suppress: boolean, path: string, value: ScalarValue, t: number): void {
    if (slot.nextDue <= t) this.fireDue(slot, t);
    const before = slot.visible();
    slot.suppressed = suppress;
    if (!slot.overlaid) slot.normalize();
    const cause = `${path} is ${formatValue(value)}, ${suppress ? 'a' : 'no longer a'} suppressing state`;
    this.emit(slot, suppress ? 'suppressed' : 'unsuppressed', t, before, cause);
  }

  private setpoints(w: TagWatch, t: number, value: TagValueData, status: QualityStatus): void {
    if (status === 'bad' || typeof value !== 'number' || value !== value) return;
    w.setpoint = value;
    const slots = w.setpointFor;
    for (let k = 0; k < slots.length; k++) {
      const slot = slots[k]!;
      if (slot.nextDue <= t) this.fireDue(slot, t);
      if (!takeSetpoint(slot, value, status) || typeof slot.lastValue !== 'number') continue;
      const present = evaluate(slot, slot, slot.lastValue, 'good', t);
      if (present !== undefined) this.apply(slot, present, t);
    }
  }

  private emit(slot: Slot, kind: AlarmEventKind, at: number, from: AlarmState, cause: string, user?: string, text?: string, withValue = false): void {
    const def = slot.def;
    const to = slot.visible();
    if (to !== from) slot.since = at;
    const event: AlarmEvent = { at, alarmId: def.id, kind, from, to, priority: def.priority, asset: def.asset, tag: def.tag, message: def.message, cause };
    if (user !== undefined) event.user = user;
    if (withValue && slot.lastValue !== undefined) event.value = slot.lastValue;
    if (text !== undefined) event.text = text;
    this.outbox.push(event);
  }

  /** Hands over the events of this call, sorted by time (stable). */
  private flush(): AlarmEvent[] {
    const events = this.outbox;
    this.outbox = [];
    for (let i = 1; i < events.length; i++) {
      if (events[i]!.at < events[i - 1]!.at) return events.sort(byTime);
    }
    return events;
  }
}
