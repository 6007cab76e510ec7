/**
 * An HmiClient with no server behind it: serves the fake plant (fake-plant.ts) and pushes
 * sample batches on a timer, like `lineside serve` would. For development (`?fake=1`) and
 * tests. The line runs through a fixed 3-minute story, starting in trouble so that every
 * display state is on screen at once: the capper down (C220), the labeler and case packer
 * starved, later the filler blocked, then a recovery and a planned changeover. A few tags
 * show quality problems on purpose: an uncertain filler temperature, a bad case packer
 * temperature (open circuit) and a glue setpoint that is only sent once (it goes stale).
 * Its alarms (fake-alarms.ts) follow the story: the capper's down alarm comes and goes.
 * Its OEE reports, downtime reasons and SPC charts (fake-oee.ts, fake-spc.ts) are made up
 * from seeded stops, not from this story; so is its predictive maintenance (fake-pdm.ts: the
 * conveyor motor's outer-race defect, a healthy filler, a case packer still learning). Its
 * status carries an uplink (Sparkplug B conduit): online and counting, or offline with a growing queue.
 * With `replay` it replays a made-up capture (fake-replay.ts): the plant runs on the replay
 * clock and the write calls are refused; live, it exports captures (fake-capture-export.ts).
 * Its accounts (fake-security.ts): an operator signed in unless told otherwise; the calls a
 * role may not make are refused as the core refuses them, and a user in a request is the
 * signed-in account's. Its plant config (fake-engineering.ts) is a made-up one that the
 * Engineering screen edits, previews, applies and rolls back in the page.
 */
import { buildSampleBatch, contractVersion, fail, ok } from '../../core/contract/index.js';
import type {
  ConnectionState,
  HmiClient,
  PlantModel,
  QualityStatus,
  Result,
  SampleBatch,
  SystemStatus,
  TagInfo,
  TagValue,
} from '../../core/contract/index.js';
import { createFakeAlarms } from './fake-alarms.js';
import { createFakeEngineering } from './fake-engineering.js';
import { createFakeCaptureExports } from './fake-capture-export.js';
import { createFakeReplay, fakeReplayCalls } from './fake-replay.js';
import { fakeUplinkStatus, type FakeUplinkMode } from './fake-uplink.js';
import type { FakeReplay, FakeReplayOptions } from './fake-replay.js';
import type { FakeAlarms } from './fake-alarms.js';
import { createFakeHistory } from './fake-history.js';
import { createFakeOee } from './fake-oee.js';
import { createFakePdm } from './fake-pdm.js';
import { createFakePlant } from './fake-plant.js';
import { fakeSpcChart } from './fake-spc.js';
import { createFakeSecurity } from './fake-security.js';
import { cycleS, machineState, mulberry32, rejectRate, runningCurrent, runningRate, stateCode, temperature, vibration } from './fake-story.js';
import type { FakeSecurityOptions } from './fake-security.js';

export interface FakeClientOptions {
  /** Time between batches. */
  batchIntervalMs?: number;
  /** Epoch-ms clock. */
  now?: () => number;
  /** Start the batch timer at once (default true); tests may call `tick()` themselves. */
  autoStart?: boolean;
  /** Simulates a connection loss: down after `afterMs`, back `forMs` later (to see the screens react). */
  outage?: { afterMs: number; forMs: number };
  /** Reports the historian as stopped with this reason (e.g. a full disk), to see the system alarm. */
  historianStopped?: string;
  /** Runs without a historian: no history calls succeed, no historian in the status. */
  noHistorian?: boolean;
  /**
   * The outbound conduit in the status: online (the default: publishing, queue empty, messages
   * counting up), offline (the broker unreachable for hours, the queue growing), full (offline,
   * the queue over 80 % of its bound) or none (no `uplink:` in the config).
   */
  uplink?: FakeUplinkMode;
  /** Replays a capture instead of running live: the status says 'replay', the plant runs on the replay clock, nothing writes. */
  replay?: boolean | FakeReplayOptions;
  /** Who is signed in at the start (a made-up account of that role); null: nobody. Default 'operator'. */
  signedIn?: FakeSecurityOptions['signedIn'];
  /** No account exists yet: the first run asks for the admin. */
  setup?: boolean;
  idleLogoutMs?: number;
}

export interface FakeClient extends HmiClient {
  /** Simulates the transport going down or coming back; going down drops every subscription. */
  setConnection(state: ConnectionState): void;
  /** Produces the samples that are due and pushes them (the timer calls this). */
  tick(): void;
  /** Stops the batch timer. */
  stop(): void;
  readonly activeSubscriptions: number;
  /** The alarms behind the alarm calls, to change conditions in tests. */
  readonly alarms: FakeAlarms;
  /** The replay behind the replay calls (null live), to read its clock in tests. */
  readonly replay: FakeReplay | null;
}

interface Sample {
  value: number | string | null;
  quality: QualityStatus;
  reason?: string;
}

export function createFakeClient(options: FakeClientOptions = {}): FakeClient {
  const realNow = options.now ?? (() => Date.now());
  const replay = options.replay === undefined || options.replay === false ? null : createFakeReplay({ realNow, ...(options.replay === true ? {} : options.replay) });
  const now = replay === null ? realNow : () => replay.at();
  const batchIntervalMs = options.batchIntervalMs ?? 250;
  const plant: PlantModel = createFakePlant();
  const tags: TagInfo[] = plant.lines.flatMap((line) => line.assets.flatMap((asset) => asset.tags));
  const byPath = new Map(tags.map((tag) => [tag.path, tag]));
  const random = mulberry32(20261121);
  const startedAt = now();

  let connection: ConnectionState = 'connected';
  let timer: ReturnType<typeof setInterval> | null = null;
  let nextSubscriptionId = 1;
  const subscriptions = new Map<number, { tags: string[]; index: Map<string, number> }>();
  const sampleListeners = new Set<(batch: SampleBatch) => void>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();

  // Simulation state.
  const counts = new Map<string, { total: number; reject: number }>([
    ['filler', { total: 48_213, reject: 141 }],
    ['capper', { total: 48_065, reject: 236 }],
    ['labeler', { total: 47_790, reject: 377 }],
    ['casepacker', { total: 3_951, reject: 4 }],
  ]);
  let energy = 1_284.6;
  let glueSetpoint = 170;
  let lastSimAt = startedAt;
  const current = new Map<string, { sample: Sample; ts: number }>();
  const dueAt = new Map<string, number>();
  /** The clock at the last tick: a replay seeking back makes every tag due again. */
  let lastTickAt = Number.NEGATIVE_INFINITY;
  const waveformTs = startedAt - 130_000;

  function simulate(at: number): void {
    const dt = Math.max(0, (at - lastSimAt) / 1000);
    lastSimAt = at;
    const c = (((at - startedAt) / 1000) % cycleS + cycleS) % cycleS;
    for (const [asset, count] of counts) {
      if (machineState(asset, c).code !== stateCode.running) continue;
      const made = ((runningRate[asset] ?? 0) / 60) * dt;
      count.total += made;
      count.reject += made * (rejectRate[asset] ?? 0) * (0.5 + random());
    }
    energy += (62 / 3600) * dt * 0.12;
  }

  function sampleOf(tag: TagInfo, at: number): Sample {
    const assetId = tag.assetPath.split('/').pop() ?? '';
    const c = (((at - startedAt) / 1000) % cycleS + cycleS) % cycleS;
    const state = machineState(assetId, c);
    const running = state.code === stateCode.running;
    const noise = (size: number) => (random() - 0.5) * 2 * size;
    const t = (at - startedAt) / 1000;
    switch (tag.name) {
      case 'state':
        return { value: state.code, quality: 'good' };
      case 'fault_code':
        return { value: state.fault, quality: 'good' };
      case 'speed':
        return { value: running ? (runningRate[assetId] ?? 0) * (1 + noise(0.01)) : 0, quality: 'good' };
      case 'count_total':
        return { value: Math.floor(counts.get(assetId)?.total ?? 0), quality: 'good' };
      case 'count_reject':
        return { value: Math.floor(counts.get(assetId)?.reject ?? 0), quality: 'good' };
      case 'cycle_time':
        return { value: 60 / ((runningRate[assetId] ?? 60) * (1 + noise(0.01))), quality: 'good' };
      case 'motor_current':
        return { value: running ? (runningCurrent[assetId] ?? 8) + noise(0.25) : 0, quality: 'good' };
      case 'vibration_rms':
        return { value: running ? (vibration[assetId] ?? 1) + noise(0.04) : 0.08 + noise(0.02), quality: 'good' };
      case 'product_temp':
        return { value: 9.8 + 0.3 * Math.sin(t / 30) + noise(0.05), quality: 'uncertain', reason: 'sensor calibration overdue' };
      case 'drive_temp':
        return { value: null, quality: 'bad', reason: 'sensor open circuit' };
      case 'glue_temp':
        return { value: glueSetpoint + 2 * Math.sin(t / 40) + noise(0.1), quality: 'good' };
      case 'glue_setpoint':
        return { value: glueSetpoint, quality: 'good' };
      case 'energy':
        return { value: energy, quality: 'good' };
      case 'vibration_waveform':
        return { value: null, quality: 'good' };
      default:
        return { value: (temperature[tag.name] ?? 20) + noise(0.1), quality: 'good' };
    }
  }

  /** Only on subscribe or on a write: the tags that report by exception. */
  const sentOnlyOnChange = new Set(['line1/labeler/glue_setpoint']);

  function refresh(tag: TagInfo, at: number): { sample: Sample; ts: number } {
    const ts = tag.dataType === 'waveform' ? waveformTs + Math.floor((at - waveformTs) / tag.sampleRateMs) * tag.sampleRateMs : at;
    const value = { sample: sampleOf(tag, at), ts };
    current.set(tag.path, value);
    return value;
  }

  function batchFor(subscriptionId: number, rows: { index: number; sample: Sample; ts: number }[]): SampleBatch {
    return buildSampleBatch(
      subscriptionId,
      rows.map(({ index, sample, ts }) => ({ tag: index, sourceTs: ts, value: sample.value, quality: sample.quality, reason: sample.reason })),
      now(),
    );
  }

  function emit(batch: SampleBatch): void {
    if (batch.tag.length === 0 || connection !== 'connected') return;
    for (const listener of [...sampleListeners]) listener(batch);
  }

  function tick(): void {
    if (connection !== 'connected') return;
    const at = now();
    if (at < lastTickAt) dueAt.clear();
    lastTickAt = at;
    simulate(at);
    const capper = machineState('capper', (((at - startedAt) / 1000) % cycleS + cycleS) % cycleS);
    alarms.setCondition('line1/capper/state:down', capper.code === stateCode.down, capper.code);
    alarms.tick();
    const fresh = new Map<string, { sample: Sample; ts: number }>();
    for (const tag of tags) {
      if (sentOnlyOnChange.has(tag.path)) continue;
      const due = dueAt.get(tag.path) ?? 0;
      if (at < due) continue;
      dueAt.set(tag.path, at + tag.sampleRateMs);
      const before = current.get(tag.path);
      const next = refresh(tag, at);
      if (tag.dataType === 'waveform' && before !== undefined && before.ts === next.ts) continue;
      fresh.set(tag.path, next);
    }
    for (const [id, sub] of subscriptions) {
      const rows: { index: number; sample: Sample; ts: number }[] = [];
      for (const [path, value] of fresh) {
        const index = sub.index.get(path);
        if (index !== undefined) rows.push({ index, ...value });
      }
      emit(batchFor(id, rows));
    }
  }

  function currentOf(path: string): { sample: Sample; ts: number } {
    return current.get(path) ?? refresh(byPath.get(path)!, now());
  }

  function setConnection(state: ConnectionState): void {
    if (state === connection) return;
    connection = state;
    if (state !== 'connected') {
      subscriptions.clear();
      alarms.wakeWatchers();
    }
    for (const listener of [...connectionListeners]) listener(state);
  }

  function whenConnected<T>(run: () => Result<T>): Promise<Result<T>> {
    return Promise.resolve(connection === 'connected' ? run() : fail<T>('disconnected', 'fake transport is disconnected'));
  }

  function tagsUnder(path: string): TagInfo[] {
    return tags.filter((tag) => tag.path === path || tag.path.startsWith(`${path}/`));
  }

  const history = createFakeHistory(tags, {
    startedAt,
    now,
    storyState: (asset, at) => machineState(asset, (((at - startedAt) / 1000) % cycleS + cycleS) % cycleS).code,
  });

  const noHistory = () => fail<never>('not-found', 'this app runs without a historian; there is no history to query');

  function status(): SystemStatus {
    const at = now();
    return {
      mode: replay === null ? 'live' : 'replay',
      startedAt,
      uptimeMs: at - startedAt,
      clockNow: at,
      versions: { app: '0.1.0-fake', node: 'n/a', contract: contractVersion },
      drivers: [{ deviceId: 'line1-sim', driver: 'simulator', state: 'running', detail: 'fake plant in the renderer', tagCount: tags.length }],
      configFile: '(built-in fake plant)',
      transport: 'websocket',
      historian: options.noHistorian ? undefined : {
        file: '(fake) lineside-history.db',
        // About 1.3 GB after 90 days, growing with the samples stored since the start.
        bytes: 1_342_177_280 + Math.round((at - startedAt) * 41),
        state: options.historianStopped === undefined ? 'ok' : 'stopped',
        detail: options.historianStopped ?? '',
        samplesStored: 412_000_000 + Math.round((at - startedAt) * 0.04),
      },
      plantRevision: 0,
      certificates: [],
      uplink: fakeUplinkStatus(options.uplink ?? 'online', startedAt, at),
    };
  }

  const alarms = createFakeAlarms({ now, startedAt });
  alarms.setCondition('line1/capper/state:down', true, stateCode.down);

  const oee = createFakeOee({ now, faultTexts: plant.faultTexts });
  const pdm = createFakePdm({ now });

  /** Replay: the calls that write are refused, as the core refuses them. */
  const writable = <T>(run: () => Promise<Result<T>>): Promise<Result<T>> =>
    replay === null ? run() : whenConnected(() => fail<T>('write-disabled', 'this is a replay of a capture: nothing writes'));

  const security = createFakeSecurity({
    now: realNow,
    replay: replay !== null,
    ...(options.signedIn !== undefined ? { signedIn: options.signedIn } : {}),
    ...(options.setup !== undefined ? { setup: options.setup } : {}),
    ...(options.idleLogoutMs !== undefined ? { idleLogoutMs: options.idleLogoutMs } : {}),
  });
  const { guard } = security;

  const engineering = createFakeEngineering({ now: realNow, replay: replay !== null, guard, actor: () => security.actor(), whenConnected });

  const noOpcua = () => whenConnected(() => fail<never>('not-found', 'the fake plant has no OPC UA connections'));

  if (options.autoStart ?? true) timer = setInterval(tick, batchIntervalMs);
  const outage = options.outage;
  if (outage !== undefined) {
    setTimeout(() => {
      setConnection('disconnected');
      setTimeout(() => setConnection('connected'), outage.forMs);
    }, outage.afterMs);
  }

  return {
    transport: 'websocket',
    get activeSubscriptions() {
      return subscriptions.size;
    },
    getPlantModel: () => whenConnected(() => ok(structuredClone(plant))),
    browseTags: (req) =>
      whenConnected(() => {
        const text = req.text?.toLowerCase();
        const found = (req.under === undefined ? tags : tagsUnder(req.under)).filter(
          (tag) => text === undefined || `${tag.path} ${tag.name} ${tag.description}`.toLowerCase().includes(text),
        );
        return ok(found);
      }),
    readCurrent: (req) =>
      whenConnected(() => {
        const paths = req.paths ?? tags.map((tag) => tag.path);
        const unknown = paths.find((path) => !byPath.has(path));
        if (unknown !== undefined) return fail<TagValue[]>('unknown-tag', `no tag "${unknown}" in the plant model`);
        return ok(
          paths.map((path): TagValue => {
            const { sample, ts } = currentOf(path);
            return { path, value: sample.value, quality: { status: sample.quality, reason: sample.reason }, sourceTs: ts };
          }),
        );
      }),
    subscribe: (req) =>
      whenConnected(() => {
        const chosen: string[] = [];
        for (const path of req.paths) {
          const found = tagsUnder(path);
          if (found.length === 0) return fail('unknown-tag', `no tag, asset or line "${path}" in the plant model`);
          for (const tag of found) if (!chosen.includes(tag.path)) chosen.push(tag.path);
        }
        const subscriptionId = nextSubscriptionId++;
        const index = new Map(chosen.map((path, i) => [path, i]));
        subscriptions.set(subscriptionId, { tags: chosen, index });
        // Current values first, as the server does (possibly before the caller has seen the result).
        queueMicrotask(() => {
          if (!subscriptions.has(subscriptionId)) return;
          emit(batchFor(subscriptionId, chosen.map((path, i) => ({ index: i, ...currentOf(path) }))));
        });
        return ok({ subscriptionId, tags: chosen });
      }),
    unsubscribe: (req) =>
      whenConnected(() =>
        subscriptions.delete(req.subscriptionId) ? ok(null) : fail<null>('not-found', `no subscription ${req.subscriptionId}`),
      ),
    getSystemStatus: () => whenConnected(() => ok(status())),
    writeTag: (req) =>
      writable(() => guard('write-tags', () =>
        whenConnected(() => {
          const tag = byPath.get(req.path);
          if (tag === undefined) return fail('unknown-tag', `no tag "${req.path}" in the plant model`);
          if (!tag.writable || typeof req.value !== 'number') return fail('write-disabled', `writes to "${req.path}" are not enabled`);
          if (tag.range !== undefined && (req.value < tag.range.min || req.value > tag.range.max)) return fail('write-disabled', `${req.path} takes ${tag.range.min} to ${tag.range.max} ${tag.unit}; ${req.value} is outside`);
          security.record('write', req.path, { from: glueSetpoint, to: req.value, unit: tag.unit });
          glueSetpoint = req.value;
          const at = now();
          const value = refresh(tag, at);
          for (const [id, sub] of subscriptions) {
            const index = sub.index.get(tag.path);
            if (index !== undefined) emit(batchFor(id, [{ index, ...value }]));
          }
          return ok({ path: req.path, value: req.value, writtenAt: at });
        }),
      )),
    readWaveform: (req) =>
      whenConnected(() => {
        const tag = byPath.get(req.path);
        if (tag?.dataType !== 'waveform') return fail('not-found', `"${req.path}" is not a waveform tag`);
        const sampleRateHz = 25_600;
        const samples = new Float32Array(sampleRateHz);
        const shaftHz = 1778 / 60;
        for (let i = 0; i < samples.length; i++) {
          const t = i / sampleRateHz;
          samples[i] = 0.05 * Math.sin(2 * Math.PI * shaftHz * t) + 0.01 * Math.sin(4 * Math.PI * shaftHz * t) + (random() - 0.5) * 0.04;
        }
        return ok({ sampleRateHz, unit: 'g', samples, shaftRpm: 1778 });
      }),
    queryDisplay: (req) => whenConnected(() => (options.noHistorian ? noHistory() : history.display(req))),
    queryRaw: (req) => whenConnected(() => (options.noHistorian ? noHistory() : history.raw(req))),
    valueAt: (req) => whenConnected(() => (options.noHistorian ? noHistory() : history.valueAt(req))),
    queryAggregates: (req) => whenConnected(() => (options.noHistorian ? noHistory() : history.aggregates(req))),
    opcuaDiscover: noOpcua,
    opcuaConnect: noOpcua,
    opcuaCertificates: noOpcua,
    opcuaTrust: noOpcua,
    opcuaBrowse: noOpcua,
    opcuaSearch: noOpcua,
    opcuaDescribe: noOpcua,
    opcuaAddVariables: noOpcua,
    opcuaDisconnect: noOpcua,
    watchAlarms: async (req) => {
      if (connection !== 'connected') return fail('disconnected', 'fake transport is disconnected');
      const result = await alarms.watch(req);
      return connection === 'connected' ? result : fail('disconnected', 'fake transport is disconnected');
    },
    alarmAction: (req) =>
      writable(() => guard(req.kind === 'out-of-service' || req.kind === 'in-service' ? 'alarm-out-of-service' : 'alarm-respond', () => whenConnected(() => alarms.act({ ...req, user: security.actor() })))),
    queryAlarmJournal: (req) => whenConnected(() => alarms.journal(req)),
    alarmKpis: (req) => whenConnected(() => alarms.kpis(req)),
    oeeReport: (req) => whenConnected(() => oee.oeeReport(req)),
    downtimeReasonChoices: (req) => whenConnected(() => oee.downtimeReasonChoices(req)),
    assignDowntimeReason: (req) => writable(() => guard(req.supervisor ? 'downtime-reason-edit' : 'downtime-reason', () => whenConnected(() => oee.assignDowntimeReason({ ...req, user: security.actor() })))),
    spcChart: (req) => whenConnected(() => fakeSpcChart(req, now())),
    pdmFleet: (req) => whenConnected(() => pdm.pdmFleet(req)),
    pdmAsset: (req) => whenConnected(() => pdm.pdmAsset(req)),
    pdmWaveform: (req) => whenConnected(() => pdm.pdmWaveform(req)),
    workRequests: (req) => whenConnected(() => pdm.workRequests(req)),
    acknowledgeWorkRequest: (req) => writable(() => guard('work-requests', () => whenConnected(() => pdm.acknowledgeWorkRequest({ ...req, user: security.actor() })))),
    analyzeWaveformFile: (req) => whenConnected(() => pdm.analyzeWaveformFile(req)),
    ...fakeReplayCalls(replay, createFakeCaptureExports({ realNow, tags: tags.map((tag) => tag.path) }), whenConnected),
    sessionInfo: (req) => (connection === 'connected' ? security.sessionInfo(req) : Promise.resolve(fail('disconnected', 'fake transport is disconnected'))),
    setupAdmin: (req) => security.setupAdmin(req),
    signIn: (req) => security.signIn(req),
    signOut: (req) => security.signOut(req),
    listUsers: (req) => security.listUsers(req),
    saveUser: (req) => security.saveUser(req),
    deleteUser: (req) => security.deleteUser(req),
    auditSearch: (req) => security.auditSearch(req),
    auditExport: (req) => security.auditExport(req),
    ...engineering,
    alarms,
    replay,
    onSamples(listener) {
      sampleListeners.add(listener);
      return () => sampleListeners.delete(listener);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      listener(connection);
      return () => connectionListeners.delete(listener);
    },
    setConnection,
    tick,
    stop() {
      if (timer !== null) clearInterval(timer);
      timer = null;
    },
  };
}
