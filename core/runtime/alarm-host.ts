/**
 * Runs the alarm engine (core/analytics/alarms, pure) on the live plant: it feeds it the
 * samples of every tag an alarm watches (its tag, a setpoint, a suppression condition),
 * ticks it on the plant clock for delays and shelf times, passes operators' actions to it,
 * and journals every event. Watchers (the UI's long poll) are answered as soon as the alarm
 * picture changes. On the replay clock it runs the same way, which is what makes replay give
 * the alarms that live gave.
 *
 * The journal goes to the historian's database when there is one; the newest events are
 * also kept in memory, so that the journal can be read (and nothing is lost from the
 * screen) while the database cannot be written.
 */
import type { AlarmEvent, AlarmJournalEntry, AlarmKpis, AlarmPriority, AlarmSnapshot, AlarmStatus } from '../contract/index.js';
import { alarmPriorities } from '../contract/index.js';
import { alarmKpis, createAlarmEngine, type AlarmEngine, type RestoredState } from '../analytics/alarms/index.js';
import type { AlarmJournalQuery } from '../historian/alarm-journal.js';
import type { AlarmAction, AlarmDefinition } from '../model/alarm.js';
import type { Logger } from './logger.js';
import type { Runtime } from './runtime.js';

/** Where journaled events go; absent without a historian. */
export interface AlarmJournal {
  append(events: readonly AlarmEvent[]): void;
  query(query: AlarmJournalQuery): AlarmJournalEntry[];
}

export interface AlarmHost {
  snapshot(): AlarmSnapshot;
  /** Resolves with the snapshot once the revision moves past `revision`, or after waitMs regardless. */
  watch(revision: number, waitMs: number): Promise<AlarmSnapshot>;
  /** Applies an operator's action; throws the engine's error when it does not apply. */
  act(action: AlarmAction): AlarmEvent[];
  journal(query: AlarmJournalQuery): AlarmJournalEntry[];
  kpis(from: number, to: number, operatorPositions: number): AlarmKpis;
  stop(): void;
}

/** How often delays and shelf times are checked, in plant-clock ms. */
const TICK_MS = 200;
/** Events kept in memory for the journal when there is no database, and for the KPIs of the last hours. */
const MEMORY_EVENTS = 20_000;

export function startAlarmHost(options: { runtime: Runtime; journal?: AlarmJournal; log: Logger }): AlarmHost {
  const { runtime, journal, log } = options;
  let definitions: readonly AlarmDefinition[] = runtime.plant.alarms;
  let engine: AlarmEngine = createAlarmEngine(definitions, { start: runtime.clock.now() });
  let revision = 0;
  const recent: AlarmJournalEntry[] = [];
  let nextMemoryId = -1;
  const waiters = new Set<() => void>();

  const record = (events: readonly AlarmEvent[]) => {
    if (events.length === 0) return;
    revision++;
    for (const event of events) {
      recent.push({ ...event, id: nextMemoryId-- });
      if (event.kind === 'activated' && (event.priority === 'critical' || event.priority === 'high')) log.warn({ alarm: event.alarmId, cause: event.cause }, event.message);
    }
    if (recent.length > MEMORY_EVENTS) recent.splice(0, recent.length - MEMORY_EVENTS);
    if (journal) {
      try {
        journal.append(events);
      } catch (error) {
        log.error({ err: error, events: events.length }, 'alarm events not journaled in the database; they are kept in memory');
      }
    }
    for (const wake of [...waiters]) wake();
  };

  restoreProcessStates(engine, journal, runtime.clock.now(), log);
  restoreOverlays(engine, journal, runtime.clock.now(), log);
  let unsubscribe = subscribeWatched(runtime, definitions, (samples) => record(engine.onSamples(samples)));
  // The engine starts from what the bus holds now, so alarms already present show at once.
  record(engine.onSamples(currentSamples(runtime, definitions)));
  const stopTicks = runtime.clock.every(TICK_MS, () => record(engine.tick(runtime.clock.now())));

  // A plant changed live with different alarm definitions gets a new engine that carries over
  // the state of every alarm keeping its id and kind; the alarms that are new or changed are
  // then judged at once on their tags' current values (a new limit acts without waiting for
  // the next sample), the others are left exactly as they were.
  const offPlantChange = runtime.onPlantChange((plant) => {
    if (JSON.stringify(plant.alarms) === JSON.stringify(definitions)) return;
    const before = new Map(definitions.map((def) => [def.id, JSON.stringify(def)]));
    definitions = plant.alarms;
    unsubscribe();
    engine = createAlarmEngine(definitions, { start: runtime.clock.now(), carryFrom: engine });
    unsubscribe = subscribeWatched(runtime, definitions, (samples) => record(engine.onSamples(samples)));
    revision++;
    const changed = definitions.filter((def) => before.get(def.id) !== JSON.stringify(def));
    const tagsToJudge = new Set(changed.flatMap((def) => [def.tag, ...(def.kind === 'deviation' && def.setpointTag ? [def.setpointTag] : []), ...(def.suppressWhen ? [def.suppressWhen.tag] : [])]));
    record(engine.onSamples(currentSamples(runtime, definitions).filter((sample) => tagsToJudge.has(sample.path))));
    for (const wake of [...waiters]) wake();
  });

  const snapshot = (): AlarmSnapshot => snapshotOf(revision, engine.active());

  const readJournal = (query: AlarmJournalQuery): AlarmJournalEntry[] => {
    if (journal) {
      try {
        return journal.query(query);
      } catch (error) {
        log.warn({ err: error }, 'alarm journal query failed on the database; answering from memory');
      }
    }
    return recent.filter((e) => matches(e, query)).slice(0, query.limit);
  };

  return {
    snapshot,
    watch(since, waitMs) {
      if (since !== revision || waitMs === 0) return Promise.resolve(snapshot());
      return new Promise((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(snapshot());
        };
        // The long poll's wait is wall time (a person is waiting), not plant time.
        const timer = setTimeout(wake, waitMs);
        waiters.add(wake);
      });
    },
    act(action) {
      const events = engine.act(action);
      record(events);
      return events;
    },
    journal: readJournal,
    kpis(from, to, operatorPositions) {
      const events = readJournal({ from, to, kinds: ['activated'], limit: 1_000_000 });
      return { from, to, ...alarmKpis(events, { from, to, operatorPositions, now: runtime.clock.now() }, engine.all()) };
    },
    stop() {
      stopTicks();
      unsubscribe();
      offPlantChange();
      for (const wake of [...waiters]) wake();
    },
  };
}

/**
 * After a restart: alarms that were out of service stay out of service, and shelves that
 * have not run out stay shelved until their time, as the journal last recorded them. The
 * restored state is not journaled again.
 */
/** How far back a restart looks for alarms left unacknowledged, returned or latched. */
const RESTORE_LOOKBACK_MS = 90 * 86_400_000;
const processStates: readonly string[] = ['normal', 'unacknowledged', 'acknowledged', 'rtn-unacknowledged', 'latched'];

/**
 * After a restart, each alarm goes back to the process state its journal last recorded
 * (within 90 days): one that returned unacknowledged, or is latched, still waits for the
 * operator; an active one is not raised (and journaled) again while its condition holds.
 * An alarm whose last entry is an overlay state (shelved, out of service, suppressed) is left
 * to its overlay's restore: what its process did underneath is not in the visible states.
 */
function restoreProcessStates(engine: AlarmEngine, journal: AlarmJournal | undefined, now: number, log: Logger): void {
  if (!journal) return;
  let entries: AlarmJournalEntry[];
  try {
    entries = journal.query({ from: Math.max(0, now - RESTORE_LOOKBACK_MS), to: now + 1, kinds: ['activated', 'returned', 'acknowledged', 'reset', 'unshelved', 'in-service', 'unsuppressed'], limit: 1_000_000 });
  } catch (error) {
    log.warn({ err: error }, 'alarm states could not be restored from the journal');
    return;
  }
  const last = new Map<string, AlarmJournalEntry>();
  const activatedAt = new Map<string, number>();
  for (const entry of entries) {
    last.set(entry.alarmId, entry);
    if (entry.kind === 'activated') activatedAt.set(entry.alarmId, entry.at);
  }
  for (const [id, entry] of last) {
    if (!processStates.includes(entry.to) || entry.to === 'normal') continue;
    const activation = activatedAt.get(id);
    engine.restore(id, {
      proc: entry.to as RestoredState['proc'],
      since: entry.at,
      ...(activation !== undefined ? { activatedAt: activation } : {}),
      ...(entry.value !== undefined ? { value: entry.value } : {}),
    });
  }
}

function restoreOverlays(engine: AlarmEngine, journal: AlarmJournal | undefined, now: number, log: Logger): void {
  if (!journal) return;
  let entries: AlarmJournalEntry[];
  try {
    entries = journal.query({ from: 0, to: now + 1, kinds: ['shelved', 'unshelved', 'out-of-service', 'in-service'], limit: 1_000_000 });
  } catch (error) {
    log.warn({ err: error }, 'shelved and out-of-service alarms could not be restored from the journal');
    return;
  }
  const last = new Map<string, AlarmJournalEntry[]>();
  for (const entry of entries) {
    const list = last.get(entry.alarmId) ?? [];
    // Shelving and service are independent: keep the last word on each.
    const other = list.filter((e) => (e.kind === 'shelved' || e.kind === 'unshelved') !== (entry.kind === 'shelved' || entry.kind === 'unshelved'));
    last.set(entry.alarmId, [...other, entry]);
  }
  for (const [id, list] of last) {
    // A shelf first: an alarm out of service cannot be shelved, but a shelved one can be taken out of service.
    for (const entry of [...list].sort((a, b) => Number(a.kind === 'out-of-service') - Number(b.kind === 'out-of-service'))) {
      try {
        if (entry.kind === 'out-of-service') engine.act({ kind: 'out-of-service', id, user: entry.user ?? 'unknown', at: now, reason: entry.text ?? 'restored' });
        if (entry.kind === 'shelved' && entry.until !== undefined && entry.until > now) {
          engine.act({ kind: 'shelve', id, user: entry.user ?? 'unknown', at: now, reason: entry.text ?? 'restored', durationMs: entry.until - now });
        }
      } catch (error) {
        log.warn({ alarm: id, err: error }, 'alarm state not restored (the alarm may no longer be defined)');
      }
    }
  }
}

/** Every tag whose samples an alarm needs. */
function watchedTags(runtime: Runtime, definitions: readonly AlarmDefinition[]): string[] {
  const tags = new Set<string>();
  for (const d of definitions) {
    tags.add(d.tag);
    if (d.setpointTag) tags.add(d.setpointTag);
    if (d.suppressWhen) tags.add(d.suppressWhen.tag);
  }
  return [...tags].filter((path) => runtime.tags.has(path));
}

function subscribeWatched(runtime: Runtime, definitions: readonly AlarmDefinition[], listener: Parameters<Runtime['bus']['subscribe']>[1]): () => void {
  return runtime.bus.subscribe(watchedTags(runtime, definitions), listener);
}

function currentSamples(runtime: Runtime, definitions: readonly AlarmDefinition[]) {
  return watchedTags(runtime, definitions)
    .map((path) => runtime.bus.current(path)!)
    .filter((value) => value.sourceTs > 0 && value.value !== null)
    .map((value) => ({ path: value.path, value: value.value!, quality: value.quality, sourceTs: value.sourceTs }))
    .sort((a, b) => a.sourceTs - b.sourceTs);
}

function snapshotOf(revision: number, alarms: AlarmStatus[]): AlarmSnapshot {
  const byPriority = Object.fromEntries(alarmPriorities.map((p) => [p, 0])) as Record<AlarmPriority, number>;
  const counts = { unacknowledged: 0, active: 0, shelved: 0, suppressed: 0, outOfService: 0, byPriority };
  for (const alarm of alarms) {
    if (alarm.state === 'shelved') counts.shelved++;
    else if (alarm.state === 'suppressed') counts.suppressed++;
    else if (alarm.state === 'out-of-service') counts.outOfService++;
    else {
      byPriority[alarm.priority]++;
      if (alarm.state === 'unacknowledged' || alarm.state === 'rtn-unacknowledged') counts.unacknowledged++;
      if (alarm.active) counts.active++;
    }
  }
  return { revision, alarms, counts };
}

function matches(e: AlarmJournalEntry, q: AlarmJournalQuery): boolean {
  if (e.at < q.from || e.at >= q.to) return false;
  if (q.asset && e.asset !== q.asset && !e.asset.startsWith(`${q.asset}/`)) return false;
  if (q.priorities?.length && !q.priorities.includes(e.priority)) return false;
  if (q.states?.length && !q.states.includes(e.to)) return false;
  if (q.kinds?.length && !q.kinds.includes(e.kind)) return false;
  if (q.text) {
    const hay = `${e.message} ${e.cause} ${e.alarmId} ${e.user ?? ''} ${e.text ?? ''}`.toLowerCase();
    if (!hay.includes(q.text.toLowerCase())) return false;
  }
  return true;
}
