/**
 * The fake client's alarms: a small picture with working actions, a journal and KPIs, like
 * the core's alarm host answers them. Three alarms to start with: the capper down (high,
 * unacknowledged; its condition follows the fake plant's story), the case packer's drive
 * temperature sensor failed (medium, acknowledged) and the glue temperature low (low,
 * shelved). The journal also holds a week of made-up history, so that the journal and the
 * health views have something to show. Requests are checked with the contract's schemas,
 * so a bad request is refused as the core would refuse it.
 */
import { alarmPriorities, describeIssues, fail, hmiRequestSchemas, ok } from '../../core/contract/index.js';
import type {
  AlarmEvent,
  AlarmEventKind,
  AlarmJournalEntry,
  AlarmKind,
  AlarmKpis,
  AlarmPriority,
  AlarmSnapshot,
  AlarmState,
  AlarmStatus,
  HmiRequest,
  Result,
  ScalarValue,
} from '../../core/contract/index.js';

interface FakeAlarm {
  id: string;
  tag: string;
  asset: string;
  kind: AlarmKind;
  priority: AlarmPriority;
  message: string;
  latching: boolean;
  active: boolean;
  acknowledged: boolean;
  /** A latched alarm's condition went away; it waits for a reset. */
  latched: boolean;
  shelvedUntil?: number;
  outOfService: boolean;
  activatedAt?: number;
  since: number;
  value?: ScalarValue;
}

export interface FakeAlarms {
  watch(req: HmiRequest<'watchAlarms'>): Promise<Result<AlarmSnapshot>>;
  act(req: HmiRequest<'alarmAction'>): Result<AlarmSnapshot>;
  journal(req: HmiRequest<'queryAlarmJournal'>): Result<AlarmJournalEntry[]>;
  kpis(req: HmiRequest<'alarmKpis'>): Result<AlarmKpis>;
  /** Sets an alarm's condition (the plant's story, tests); activates or returns it. */
  setCondition(id: string, active: boolean, value?: ScalarValue): void;
  /** Unshelves alarms whose shelf time ran out. */
  tick(): void;
  /** Answers every waiting watch now (a connection loss). */
  wakeWatchers(): void;
  readonly revision: number;
}

const minute = 60_000;
const hour = 60 * minute;

function alarm(id: string, asset: string, kind: AlarmKind, priority: AlarmPriority, message: string, since: number, latching = false): FakeAlarm {
  const tag = id.slice(0, id.lastIndexOf(':'));
  return { id, tag, asset, kind, priority, message, latching, active: false, acknowledged: true, latched: false, outOfService: false, since };
}

function stateOf(a: FakeAlarm, now: number): AlarmState {
  if (a.outOfService) return 'out-of-service';
  if (a.shelvedUntil !== undefined && a.shelvedUntil > now) return 'shelved';
  if (a.active) return a.acknowledged ? 'acknowledged' : 'unacknowledged';
  if (!a.acknowledged) return 'rtn-unacknowledged';
  return a.latched ? 'latched' : 'normal';
}

/** A week of made-up history: repeated stops and a chattering level switch, deterministic. */
function history(startedAt: number): AlarmEvent[] {
  const events: AlarmEvent[] = [];
  const past: [id: string, asset: string, priority: AlarmPriority, message: string, everyMin: number, lastsMin: number][] = [
    ['line1/filler/state:down', 'line1/filler', 'high', 'Filler down', 173, 6],
    ['line1/capper/state:down', 'line1/capper', 'high', 'Capper down', 131, 4],
    ['line1/labeler/glue_temp:L', 'line1/labeler', 'low', 'Glue tank temperature low', 419, 25],
    ['line1/motor/winding_temp:H', 'line1/motor', 'medium', 'Motor winding temperature high', 611, 18],
    ['line1/casepacker/vibration_rms:H', 'line1/casepacker', 'low', 'Case packer vibration high', 97, 2],
  ];
  for (const [alarmId, asset, priority, message, everyMin, lastsMin] of past) {
    const tag = alarmId.slice(0, alarmId.lastIndexOf(':'));
    for (let at = startedAt - 7 * 24 * hour + everyMin * minute * 0.37; at < startedAt - hour; at += everyMin * minute) {
      const base = { alarmId, priority, asset, tag, message };
      events.push({ ...base, at, kind: 'activated', from: 'normal', to: 'unacknowledged', cause: 'condition present' });
      events.push({ ...base, at: at + 40_000, kind: 'acknowledged', from: 'unacknowledged', to: 'acknowledged', cause: 'operator', user: 'J. Novak' });
      events.push({ ...base, at: at + lastsMin * minute, kind: 'returned', from: 'acknowledged', to: 'normal', cause: 'condition gone' });
    }
  }
  // Two hours ago a level switch chattered: five activations within a minute.
  for (let i = 0; i < 5; i++) {
    const at = startedAt - 2 * hour + i * 11_000;
    const base = { alarmId: 'line1/filler/bowl_level:discrete', priority: 'low' as const, asset: 'line1/filler', tag: 'line1/filler/bowl_level', message: 'Filler bowl level low' };
    events.push({ ...base, at, kind: 'activated', from: 'normal', to: 'unacknowledged', cause: 'condition present' });
    events.push({ ...base, at: at + 4_000, kind: 'returned', from: 'unacknowledged', to: 'rtn-unacknowledged', cause: 'condition gone' });
    events.push({ ...base, at: at + 6_000, kind: 'acknowledged', from: 'rtn-unacknowledged', to: 'normal', cause: 'operator', user: 'J. Novak' });
  }
  return events.sort((a, b) => a.at - b.at);
}

export function createFakeAlarms(options: { now: () => number; startedAt: number }): FakeAlarms {
  const { now, startedAt } = options;
  const alarms = new Map<string, FakeAlarm>();
  const journal: AlarmJournalEntry[] = [];
  const waiters = new Set<() => void>();
  let revision = 0;
  let nextId = 1;

  function record(a: FakeAlarm, kind: AlarmEventKind, from: AlarmState, cause: string, extra: { user?: string; text?: string; at?: number } = {}): void {
    const at = extra.at ?? now();
    const event: AlarmJournalEntry = {
      id: nextId++,
      at,
      alarmId: a.id,
      kind,
      from,
      to: stateOf(a, at),
      priority: a.priority,
      asset: a.asset,
      tag: a.tag,
      message: a.message,
      cause,
      ...(a.value !== undefined ? { value: a.value } : {}),
      ...(extra.user !== undefined ? { user: extra.user } : {}),
      ...(extra.text !== undefined ? { text: extra.text } : {}),
    };
    journal.push(event);
    revision++;
    for (const wake of [...waiters]) wake();
  }

  /** Applies a change to an alarm and journals it with the state it left. */
  function change(a: FakeAlarm, kind: AlarmEventKind, cause: string, apply: () => void, extra: { user?: string; text?: string; at?: number } = {}): void {
    const at = extra.at ?? now();
    const from = stateOf(a, at);
    apply();
    if (stateOf(a, at) !== from) a.since = at;
    record(a, kind, from, cause, { ...extra, at });
  }

  for (const event of history(startedAt)) journal.push({ ...event, id: nextId++ });

  const capper = alarm('line1/capper/state:down', 'line1/capper', 'discrete', 'high', 'Capper down', startedAt);
  const drive = alarm('line1/casepacker/drive_temp:bad-quality', 'line1/casepacker', 'bad-quality', 'medium', 'Drive temperature sensor failed', startedAt);
  const glue = alarm('line1/labeler/glue_temp:L', 'line1/labeler', 'L', 'low', 'Glue tank temperature low', startedAt);
  for (const a of [capper, drive, glue]) alarms.set(a.id, a);
  change(drive, 'activated', 'tag quality bad: sensor open circuit', () => Object.assign(drive, { active: true, acknowledged: false, activatedAt: startedAt - 25 * minute }), { at: startedAt - 25 * minute });
  change(drive, 'acknowledged', 'operator', () => (drive.acknowledged = true), { at: startedAt - 21 * minute, user: 'J. Novak' });
  change(glue, 'activated', 'value 163.8 °C below limit 165', () => Object.assign(glue, { active: true, acknowledged: false, activatedAt: startedAt - 12 * minute, value: 163.8 }), { at: startedAt - 12 * minute });
  change(glue, 'acknowledged', 'operator', () => (glue.acknowledged = true), { at: startedAt - 11 * minute, user: 'J. Novak' });
  change(glue, 'shelved', 'operator', () => (glue.shelvedUntil = startedAt + 90 * minute), { at: startedAt - 10 * minute, user: 'J. Novak', text: 'Glue tank being refilled' });

  function setCondition(id: string, active: boolean, value?: ScalarValue): void {
    const a = alarms.get(id);
    if (a === undefined || a.active === active) return;
    if (value !== undefined) a.value = value;
    if (active) {
      change(a, 'activated', value === undefined ? 'condition present' : `value ${String(value)}`, () => Object.assign(a, { active: true, acknowledged: false, latched: false, activatedAt: now() }));
    } else {
      change(a, 'returned', 'condition gone', () => Object.assign(a, { active: false, latched: a.latching && a.acknowledged }));
    }
  }

  function snapshot(): AlarmSnapshot {
    const at = now();
    const list: AlarmStatus[] = [];
    const byPriority = Object.fromEntries(alarmPriorities.map((p) => [p, 0])) as Record<AlarmPriority, number>;
    const counts = { unacknowledged: 0, active: 0, shelved: 0, suppressed: 0, outOfService: 0, byPriority };
    for (const a of alarms.values()) {
      const state = stateOf(a, at);
      if (state === 'normal') continue;
      list.push({
        id: a.id,
        tag: a.tag,
        asset: a.asset,
        kind: a.kind,
        priority: a.priority,
        message: a.message,
        state,
        active: a.active,
        acknowledged: a.acknowledged,
        since: a.since,
        ...(a.activatedAt !== undefined ? { activatedAt: a.activatedAt } : {}),
        ...(state === 'shelved' ? { shelvedUntil: a.shelvedUntil } : {}),
        ...(a.value !== undefined ? { value: a.value } : {}),
      });
      if (state === 'shelved') counts.shelved++;
      else if (state === 'out-of-service') counts.outOfService++;
      else {
        byPriority[a.priority]++;
        if (state === 'unacknowledged' || state === 'rtn-unacknowledged') counts.unacknowledged++;
        if (a.active) counts.active++;
      }
    }
    return { revision, alarms: list, counts };
  }

  function refuse(message: string): Result<AlarmSnapshot> {
    return fail('action-refused', message);
  }

  function act(raw: HmiRequest<'alarmAction'>): Result<AlarmSnapshot> {
    const parsed = hmiRequestSchemas.alarmAction.safeParse(raw);
    if (!parsed.success) return fail('invalid-request', `alarmAction: ${describeIssues(parsed.error, raw)}`);
    const req = parsed.data;
    const ids = 'ids' in req ? req.ids : [req.id];
    const unknown = ids.find((id) => !alarms.has(id));
    if (unknown !== undefined) return fail('not-found', `no alarm "${unknown}"`);
    const targets = ids.map((id) => alarms.get(id)!);
    const at = now();
    const user = req.user.trim();
    switch (req.kind) {
      case 'acknowledge': {
        const open = targets.filter((a) => !a.acknowledged && !a.outOfService);
        if (open.length === 0) return refuse(ids.length === 1 ? `"${targets[0]!.message}" is already acknowledged` : 'none of these alarms waits for acknowledgement');
        for (const a of open) change(a, 'acknowledged', 'operator', () => Object.assign(a, { acknowledged: true, latched: a.latching && !a.active }), { user });
        break;
      }
      case 'reset': {
        const latched = targets.filter((a) => stateOf(a, at) === 'latched');
        if (latched.length === 0) return refuse('only a latched alarm whose condition has gone can be reset');
        for (const a of latched) change(a, 'reset', 'operator', () => (a.latched = false), { user });
        break;
      }
      case 'shelve': {
        const a = targets[0]!;
        if (a.outOfService) return refuse(`"${a.message}" is out of service; return it to service before shelving it`);
        if (stateOf(a, at) === 'normal') return refuse(`"${a.message}" is not in alarm; only an alarm on the list can be shelved`);
        change(a, 'shelved', 'operator', () => (a.shelvedUntil = at + req.durationMs), { user, text: req.reason });
        break;
      }
      case 'unshelve': {
        const a = targets[0]!;
        if (stateOf(a, at) !== 'shelved') return refuse(`"${a.message}" is not shelved`);
        change(a, 'unshelved', 'operator', () => delete a.shelvedUntil, { user });
        break;
      }
      case 'out-of-service': {
        const a = targets[0]!;
        if (a.outOfService) return refuse(`"${a.message}" is already out of service`);
        change(a, 'out-of-service', 'operator', () => Object.assign(a, { outOfService: true, shelvedUntil: undefined }), { user, text: req.reason });
        break;
      }
      case 'in-service': {
        const a = targets[0]!;
        if (!a.outOfService) return refuse(`"${a.message}" is in service`);
        change(a, 'in-service', 'operator', () => (a.outOfService = false), { user });
        break;
      }
      case 'comment': {
        const a = targets[0]!;
        change(a, 'comment', 'operator', () => {}, { user, text: req.text });
        break;
      }
    }
    return ok(snapshot());
  }

  function matches(e: AlarmJournalEntry, q: HmiRequest<'queryAlarmJournal'>): boolean {
    if (e.at < q.from || e.at >= q.to) return false;
    if (q.asset && e.asset !== q.asset && !e.asset.startsWith(`${q.asset}/`)) return false;
    if (q.priorities?.length && !q.priorities.includes(e.priority)) return false;
    if (q.states?.length && !q.states.includes(e.to)) return false;
    if (q.kinds?.length && !q.kinds.includes(e.kind)) return false;
    if (q.text) return `${e.message} ${e.cause} ${e.alarmId} ${e.user ?? ''} ${e.text ?? ''}`.toLowerCase().includes(q.text.toLowerCase());
    return true;
  }

  function kpis(req: HmiRequest<'alarmKpis'>): Result<AlarmKpis> {
    const { from, to } = req;
    const positions = req.operatorPositions ?? 1;
    const activations = journal.filter((e) => e.kind === 'activated' && e.at >= from && e.at < to);
    const buckets = Math.max(1, Math.ceil((to - from) / (10 * minute)));
    const perBucket = new Array<number>(buckets).fill(0);
    for (const e of activations) perBucket[Math.min(buckets - 1, Math.floor((e.at - from) / (10 * minute)))]! += 1;
    const peak = Math.max(0, ...perBucket);
    const floods = perBucket.flatMap((count, i) => (count > 10 ? [{ from: from + i * 10 * minute, to: from + (i + 1) * 10 * minute, count }] : []));
    const byAlarm = new Map<string, { alarmId: string; message: string; priority: AlarmPriority; activations: number; times: number[] }>();
    for (const e of activations) {
      const entry = byAlarm.get(e.alarmId) ?? { alarmId: e.alarmId, message: e.message, priority: e.priority, activations: 0, times: [] };
      entry.activations++;
      entry.times.push(e.at);
      byAlarm.set(e.alarmId, entry);
    }
    const distribution = Object.fromEntries(alarmPriorities.map((p) => [p, 0])) as Record<AlarmPriority, number>;
    for (const e of activations) distribution[e.priority]++;
    const at = now();
    const states = [...alarms.values()].map((a) => stateOf(a, at));
    return ok({
      from,
      to,
      activations: activations.length,
      averagePer10MinPerOperator: activations.length / buckets / positions,
      peak10MinRate: peak,
      ...(peak > 0 ? { peak10MinAt: from + perBucket.indexOf(peak) * 10 * minute } : {}),
      timeInFloodFraction: floods.length / buckets,
      floodPeriods: floods,
      // ISA-18.2: three or more activations of one alarm within a minute.
      chattering: [...byAlarm.values()]
        .filter((a) => a.times.some((t, i) => (a.times[i + 2] ?? Infinity) - t <= minute))
        .map(({ alarmId, activations: n, message }) => ({ alarmId, activations: n, message })),
      stale: [...alarms.values()]
        .filter((a) => a.active && a.activatedAt !== undefined && at - a.activatedAt > 24 * hour)
        .map((a) => ({ alarmId: a.id, since: a.activatedAt!, message: a.message })),
      top10: [...byAlarm.values()]
        .sort((a, b) => b.activations - a.activations)
        .slice(0, 10)
        .map(({ alarmId, message, priority, activations: n }) => ({ alarmId, message, priority, activations: n })),
      priorityDistribution: distribution,
      shelvedCount: states.filter((s) => s === 'shelved').length,
      outOfServiceCount: states.filter((s) => s === 'out-of-service').length,
      suppressedCount: states.filter((s) => s === 'suppressed').length,
    });
  }

  return {
    get revision() {
      return revision;
    },
    watch(req) {
      if (req.revision !== revision || req.waitMs === 0) return Promise.resolve(ok(snapshot()));
      return new Promise((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(ok(snapshot()));
        };
        const timer = setTimeout(wake, req.waitMs);
        waiters.add(wake);
      });
    },
    act,
    journal(req) {
      const limit = req.limit ?? 5_000;
      return ok(journal.filter((e) => matches(e, req)).sort((a, b) => a.at - b.at || a.id - b.id).slice(0, limit));
    },
    kpis,
    setCondition,
    tick() {
      const at = now();
      for (const a of alarms.values()) {
        if (a.shelvedUntil !== undefined && a.shelvedUntil <= at) {
          const from: AlarmState = 'shelved';
          delete a.shelvedUntil;
          a.since = at;
          record(a, 'unshelved', from, 'shelf time ran out', { at });
        }
      }
    },
    wakeWatchers() {
      for (const wake of [...waiters]) wake();
    },
  };
}
