/**
 * The service implements the contract by composing the runtime. A transport opens one
 * session per connection (a browser tab, an Electron window); subscriptions belong to
 * the session and end with it. Requests arrive here already validated (see dispatch.ts).
 */
import {
  fail,
  isErrorCode,
  ok,
  type AssetInfo,
  type CertificateInfo,
  type HistorianStatus,
  type Result,
  type HmiApi,
  type PlantModel,
  type SampleBatch,
  type ScalarValue,
  type SystemStatus,
  type TagInfo,
  type Waveform,
  type AddVariablesOutcome,
  type HmiRequest,
  type securityRequestSchemas,
} from '../contract/index.js';
import type { Asset, Tag } from '../model/plant.js';
import type { HistorianReader } from '../historian/index.js';
import type { Runtime } from '../runtime/runtime.js';
import type { OpcuaWorkbench } from './opcua-workbench.js';
import type { AlarmHost } from '../runtime/alarm-host.js';
import type { OeeHost } from '../runtime/oee-host.js';
import type { PdmHost } from '../runtime/pdm-host.js';
import type { UplinkHost } from '../uplink/uplink-host.js';
import { analyzeWaveformFile } from '../replay/waveform-analysis.js';
import type { AlarmAction } from '../model/alarm.js';
import { LinesideError } from '../model/errors.js';
import { createSampleStream, type SampleStream } from './sample-stream.js';
import type { ConfigKeeper } from './config-keeper.js';
import { engineeringCalls, type EngineeringCalls } from './engineering-calls.js';
import { replayCalls, type CaptureExports, type ReplayHost } from './replay-calls.js';

/** The calls that only the secured service answers (core/service/secured-service.ts): sessions, accounts, the audit trail. */
export type SecurityMethod = keyof typeof securityRequestSchemas;

/** Calls whose request the secured service completes with the signed-in author (for config versions). */
type AuthoredMethod = 'configApply' | 'configRollback' | 'opcuaAddVariables';

/** A session of the service itself: every call but the security ones, unchecked. */
export interface CoreSession extends Omit<HmiApi, SecurityMethod | AuthoredMethod>, Pick<EngineeringCalls, 'configApply' | 'configRollback'> {
  opcuaAddVariables(req: HmiRequest<'opcuaAddVariables'> & { author: string }): Promise<Result<AddVariablesOutcome>>;
  /** Ends the session's subscriptions. */
  close(): void;
}

export interface CoreService {
  openSession(sendBatch: (batch: SampleBatch) => void): CoreSession;
}

/** What transports serve: the whole contract, every call checked against the caller's role. */
export interface HmiSession extends HmiApi {
  /** Ends the session's subscriptions (and signs it out). */
  close(): void;
}

export interface HmiService {
  openSession(sendBatch: (batch: SampleBatch) => void): HmiSession;
}

export interface ServiceOptions {
  runtime: Runtime;
  mode: 'live' | 'replay';
  transport: 'ipc' | 'websocket';
  versions: SystemStatus['versions'];
  /** How often a subscription flushes its batch, ms. */
  flushMs?: number;
  /** History queries and storage status; absent when the app runs without a historian. */
  historian?: { reader(): HistorianReader | undefined; status(): HistorianStatus };
  /** The OPC UA browser and certificate calls; absent where they make no sense (replay). */
  opcua?: OpcuaWorkbench;
  /** Certificates whose expiry the system status shows. */
  certificates?: () => Promise<CertificateInfo[]>;
  /** The live alarms; absent only in tests that do not need them. */
  alarms?: AlarmHost;
  /** OEE, downtime reasons and SPC; absent without a historian. */
  oee?: OeeHost;
  /** Predictive maintenance: vibration snapshots → health, work requests. */
  pdm?: PdmHost;
  /** The outbound conduit, when the plant has one. */
  uplink?: UplinkHost;
  /** Replay mode: the player and the capture. */
  replay?: ReplayHost;
  /** Live mode with a historian: capture exports. */
  captures?: CaptureExports;
  /** Live mode: engineering mode's changes to the plant config. */
  config?: ConfigKeeper;
}

export function createHmiService(options: ServiceOptions): CoreService {
  const { runtime } = options;
  const { bus, clock } = runtime;
  const startedAt = clock.now();
  const startedAtWall = Date.now();
  let model = toPlantModel(runtime);
  runtime.onPlantChange(() => (model = toPlantModel(runtime)));
  let nextSubscriptionId = 1;

  /** Runs a history query for a known tag; no historian or a failing query become clear errors. */
  const history = <T>(path: string, query: (reader: HistorianReader) => Result<T>): Result<T> => {
    if (!runtime.tags.has(path)) return fail('unknown-tag', `no such tag: ${path}`);
    if (!options.historian) return fail('not-found', 'this app runs without a historian; there is no history to query');
    const reader = options.historian.reader();
    if (!reader) return fail('not-found', `no history: ${options.historian.status().detail}`);
    return query(reader);
  };

  const oee = (): OeeHost => {
    if (!options.oee) throw new LinesideError('not-found', 'this app runs without a historian; OEE is computed from stored history');
    return options.oee;
  };
  const pdm = (): PdmHost => {
    if (!options.pdm) throw new LinesideError('not-found', 'this app runs without vibration monitoring');
    return options.pdm;
  };
  /**
   * Runs an OEE or PdM call; its refusals (LinesideError) become failures with their code,
   * or 'invalid-request' for a refused input (a bad waveform file, an unknown bearing).
   */
  const hostCall = <T>(call: () => T): Result<T> => {
    try {
      return ok(call());
    } catch (error) {
      if (error instanceof LinesideError) return fail(isErrorCode(error.code) ? error.code : 'invalid-request', error.message);
      throw error;
    }
  };

  return {
    openSession(sendBatch) {
      const streams = new Map<number, { stream: SampleStream; unsubscribe: () => void }>();
      const { close: closeOpcua, ...opcuaCalls } = options.opcua?.openSession() ?? withoutOpcua(options.mode);
      const session: CoreSession = {
        ...opcuaCalls,
        ...replayCalls(options.replay, options.captures),
        ...engineeringCalls(options.config, runtime),
        async watchAlarms({ revision, waitMs }) {
          if (!options.alarms) return fail('not-found', 'this app runs without alarms');
          return ok(await options.alarms.watch(revision, waitMs));
        },
        async alarmAction(req) {
          if (!options.alarms) return fail('not-found', 'this app runs without alarms');
          if (options.mode === 'replay') return fail('write-disabled', 'a replay is read-only: alarms cannot be acknowledged or shelved in it');
          const action = { ...req, at: clock.now() } as AlarmAction;
          try {
            options.alarms.act(action);
          } catch (error) {
            if (error instanceof LinesideError) return fail(error.code === 'unknown-alarm' ? 'not-found' : 'action-refused', error.message);
            throw error;
          }
          return ok(options.alarms.snapshot());
        },
        async queryAlarmJournal(query) {
          if (!options.alarms) return fail('not-found', 'this app runs without alarms');
          return ok(options.alarms.journal(query));
        },
        async alarmKpis({ from, to, operatorPositions }) {
          if (!options.alarms) return fail('not-found', 'this app runs without alarms');
          return ok(options.alarms.kpis(from, to, operatorPositions));
        },
        async oeeReport({ line, span, at }) {
          return hostCall(() => oee().report(line, span, at));
        },
        async downtimeReasonChoices({ stop }) {
          return hostCall(() => oee().reasonChoices(stop));
        },
        async assignDowntimeReason(req) {
          if (options.mode === 'replay') return fail('write-disabled', 'a replay is read-only: downtime reasons are given live');
          return hostCall(() => oee().assignReason(req));
        },
        async spcChart({ tag, from, to }) {
          return hostCall(() => oee().spcChart(tag, from, to));
        },
        async pdmFleet() {
          return hostCall(() => pdm().fleet());
        },
        async pdmAsset({ asset, from, to, maxPoints }) {
          return hostCall(() => pdm().asset(asset, { from, to, maxPoints }));
        },
        async pdmWaveform({ asset, ...view }) {
          return hostCall(() => pdm().waveform(asset, view));
        },
        async workRequests(filter) {
          return hostCall(() => pdm().workRequests(filter));
        },
        async acknowledgeWorkRequest({ id, user, comment }) {
          if (options.mode === 'replay') return fail('write-disabled', 'a replay is read-only: work requests are acknowledged live');
          return hostCall(() => pdm().acknowledge(id, user, comment));
        },
        async analyzeWaveformFile({ base64, ...request }) {
          return hostCall(() => analyzeWaveformFile({ ...request, bytes: Buffer.from(base64, 'base64') }));
        },
        async getPlantModel() {
          return ok(model);
        },
        async browseTags({ under, text }) {
          const needle = text?.toLowerCase();
          const tags = model.lines
            .flatMap((line) => line.assets.flatMap((asset) => asset.tags))
            .filter((tag) => !under || tag.path === under || tag.path.startsWith(`${under}/`))
            .filter((tag) => !needle || `${tag.path} ${tag.name} ${tag.description}`.toLowerCase().includes(needle));
          return ok(tags);
        },
        async readCurrent({ paths }) {
          const tagPaths = paths ? paths : [...runtime.tags.keys()];
          const unknown = tagPaths.filter((path) => !runtime.tags.has(path));
          if (unknown.length > 0) return fail('unknown-tag', `no such tag: ${unknown.slice(0, 5).join(', ')}`);
          return ok(tagPaths.map((path) => bus.current(path)!));
        },
        async subscribe({ paths }) {
          const tags = bus.resolve(paths);
          const unmatched = paths.filter((path) => !tags.some((tag) => tag === path || tag.startsWith(`${path}/`)));
          if (unmatched.length > 0) {
            return fail('unknown-tag', `no tag or asset at: ${unmatched.slice(0, 5).join(', ')}; browse the plant model for valid paths`);
          }
          const subscriptionId = nextSubscriptionId++;
          const stream = createSampleStream(subscriptionId, tags, sendBatch, options.flushMs ?? 15);
          // Current values first, so the screen fills at once; then live samples.
          stream.push(tags.map((path) => bus.current(path)!).filter((value) => value.sourceTs > 0));
          const unsubscribe = bus.subscribe(tags, (samples) => stream.push(samples));
          streams.set(subscriptionId, { stream, unsubscribe });
          return ok({ subscriptionId, tags });
        },
        async unsubscribe({ subscriptionId }) {
          const entry = streams.get(subscriptionId);
          if (!entry) return fail('not-found', `no subscription ${subscriptionId} in this session`);
          entry.unsubscribe();
          entry.stream.close();
          streams.delete(subscriptionId);
          return ok(null);
        },
        async getSystemStatus() {
          return ok({
            mode: options.mode,
            startedAt,
            uptimeMs: Date.now() - startedAtWall,
            clockNow: clock.now(),
            versions: options.versions,
            drivers: runtime.driverStatuses(),
            configFile: runtime.plant.source,
            transport: options.transport,
            ...(options.historian ? { historian: options.historian.status() } : {}),
            plantRevision: runtime.plantRevision,
            certificates: options.certificates ? await options.certificates().catch(() => []) : [],
            ...(options.uplink ? { uplink: options.uplink.status() } : {}),
          });
        },
        async writeTag({ path, value }) {
          const tag = runtime.tags.get(path);
          if (!tag) return fail('unknown-tag', `no such tag: ${path}`);
          if (options.mode === 'replay') return fail('write-disabled', `writes are impossible in replay mode (${path})`);
          if (!tag.writable) {
            return fail('write-disabled', `writes are not enabled for ${path}; an engineer enables them with "writable: true" on the tag in ${runtime.plant.source}`);
          }
          const problem = checkWriteValue(tag, value);
          if (problem) return fail('invalid-request', `writeTag: value for ${path} ${problem}`);
          try {
            await runtime.write(tag, value);
          } catch (error) {
            return fail('write-failed', `the device refused the write to ${path}: ${(error as Error).message}`);
          }
          return ok({ path, value, writtenAt: clock.now() });
        },
        async readWaveform({ path }) {
          const tag = runtime.tags.get(path);
          if (!tag) return fail('unknown-tag', `no such tag: ${path}`);
          if (tag.dataType !== 'waveform') return fail('invalid-request', `readWaveform: ${path} is a ${tag.dataType} tag, expected a waveform tag`);
          const value = bus.current(path)?.value;
          if (!value || typeof value !== 'object') return fail('not-found', `no waveform snapshot of ${path} yet`);
          return ok(value as Waveform);
        },
        async queryDisplay({ path, from, to, width, maxGapMs }) {
          return history(path, (reader) => ok(reader.display(path, from, to, width, maxGapMs)));
        },
        async queryRaw({ path, from, to, limit }) {
          return history(path, (reader) => ok(reader.raw(path, from, to, limit)));
        },
        async valueAt({ path, at }) {
          return history(path, (reader) => {
            const value = reader.valueAt(path, at);
            return value ? ok(value) : fail('not-found', `no value of ${path} at or before ${new Date(at).toISOString()}`);
          });
        },
        async queryAggregates({ path, from, to, intervalMs }) {
          return history(path, (reader) => ok(reader.aggregates(path, from, to, intervalMs)));
        },
        close() {
          for (const { stream, unsubscribe } of streams.values()) {
            unsubscribe();
            stream.close();
          }
          streams.clear();
          closeOpcua();
        },
      };
      return session;
    },
  };
}

/** The OPC UA calls where there is no OPC UA workbench: each says why. */
function withoutOpcua(mode: 'live' | 'replay'): ReturnType<OpcuaWorkbench['openSession']> {
  const no = async () => fail<never>('not-found', mode === 'replay' ? 'OPC UA connections are not available in replay mode' : 'OPC UA connections are not available in this app');
  return { opcuaDiscover: no, opcuaConnect: no, opcuaCertificates: no, opcuaTrust: no, opcuaBrowse: no, opcuaSearch: no, opcuaDescribe: no, opcuaAddVariables: no, opcuaDisconnect: no, close: () => undefined };
}

function checkWriteValue(tag: Tag, value: ScalarValue): string | undefined {
  const expected = tag.dataType === 'bool' ? 'boolean' : tag.dataType === 'string' ? 'string' : 'number';
  if (typeof value !== expected) return `is ${JSON.stringify(value)} (a ${typeof value}); expected a ${expected} for a ${tag.dataType} tag`;
  if (typeof value === 'number') {
    if (tag.dataType !== 'float32' && tag.dataType !== 'float64' && !Number.isInteger(value)) return `is ${value}; expected a whole number for a ${tag.dataType} tag`;
    if (tag.range && (value < tag.range.min || value > tag.range.max)) {
      return `is ${value} ${tag.unit}; expected a value from ${tag.range.min} to ${tag.range.max} ${tag.unit}`;
    }
  }
  return undefined;
}

function toPlantModel(runtime: Runtime): PlantModel {
  const { plant } = runtime;
  const toTagInfo = (tag: Tag): TagInfo => ({
    path: tag.path,
    name: tag.name,
    assetPath: tag.assetPath,
    dataType: tag.dataType,
    unit: tag.unit,
    description: tag.description,
    sampleRateMs: tag.sampleRateMs,
    rateReason: tag.rateReason,
    writable: tag.writable,
    ...(tag.critical ? { critical: true } : {}),
    ...(tag.states ? { states: tag.states } : {}),
    ...(tag.range ? { range: tag.range } : {}),
    ...(tag.role ? { role: tag.role } : {}),
    ...(tag.decimals !== undefined ? { decimals: tag.decimals } : {}),
  });
  const toAssetInfo = (asset: Asset): AssetInfo => ({
    path: asset.path,
    id: asset.id,
    name: asset.name,
    kind: asset.kind,
    description: asset.description,
    tags: asset.tags.map(toTagInfo),
  });
  return {
    site: plant.site,
    area: plant.area,
    lines: plant.lines.map((line) => ({
      path: line.path,
      id: line.id,
      name: line.name,
      assets: line.assets.map(toAssetInfo),
      oee: plant.oee !== undefined && line.assets.some((asset) => asset.oee !== undefined),
      ...(line.constraint === undefined ? {} : { constraint: line.constraint }),
    })),
    faultTexts: plant.faultTexts,
  };
}
