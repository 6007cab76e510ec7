/**
 * HmiApi: the one contract between the UI and the core, whatever the transport.
 * Each member has a zod schema for its request with the same key (checked with
 * `satisfies`); transports derive their channel names from these keys and validate every
 * request with its schema before the service sees it.
 */
import { z } from 'zod';
import { pathSchema, timeSchema } from './primitives.js';
import type { Result } from './result.js';
import { alarmEventKinds, alarmPriorities, alarmStates, type AlarmJournalEntry, type AlarmKpis, type AlarmSnapshot } from './alarms.js';
import type {
  AddVariablesOutcome,
  AggregateRow,
  CertificateInfo,
  OpcuaConnectOutcome,
  OpcuaEndpointInfo,
  OpcuaNodeInfo,
  OpcuaVariableInfo,
  DisplaySeries,
  PlantModel,
  RawSeries,
  SubscriptionInfo,
  SystemStatus,
  TagInfo,
  TagValue,
  Waveform,
  WriteOutcome,
} from './model.js';
import type { SampleBatch } from './sample-batch.js';
import { oeeSpans, type DowntimeStop, type OeeReport, type ReasonChoices, type SpcChart } from './oee.js';
import { workRequestStatuses, type AssetHealth, type FleetEntry, type WaveformFileAnalysis, type WaveformView, type WorkRequest } from './maintenance.js';
import { engineeringRequestSchemas, type ConfigApplied, type ConfigCheck, type ConfigDocument, type ConfigPreview, type ConfigVersionInfo, type ModbusMapPreview } from './engineering.js';
import { credentialsSchema, securityRequestSchemas, type AuditPage, type SessionInfo, type UserInfo } from './security.js';
import { replayRequestSchemas, type CaptureExportJob, type ReplayComparison, type ReplayMark, type ReplayStatus } from './replay.js';

/** Version of this contract; bumped on any incompatible change. */
export const contractVersion = 0;

const endpointUrlSchema = z
  .string()
  .max(500)
  .regex(/^opc\.tcp:\/\/[^\s/:]+(:\d{1,5})?(\/\S*)?$/, 'an OPC UA endpoint URL such as opc.tcp://192.168.0.10:4840');
const nodeIdSchema = z.string().min(1).max(500);
const thumbprintSchema = z.string().regex(/^[0-9A-F]{40}$/, 'a SHA-1 thumbprint: 40 hex digits, upper case');
const browserIdSchema = z.number().int().nonnegative();
/** A name for a tag or asset: what a path segment may hold. */
const nameSchema = z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$/, 'a name of letters, digits, "_", "-" or "." (at most 64)');

export const opcuaConnectionSchema = z
  .object({
    endpointUrl: endpointUrlSchema,
    securityMode: z.enum(['auto', 'None', 'Sign', 'SignAndEncrypt']),
    securityPolicy: z.enum(['auto', 'None', 'Basic256Sha256', 'Aes128_Sha256_RsaOaep', 'Aes256_Sha256_RsaPss']),
    user: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('anonymous') }).strict(),
      z.object({ kind: z.literal('username'), username: z.string().min(1).max(200), password: z.string().max(500) }).strict(),
    ]),
  })
  .strict();
export type OpcuaConnection = z.infer<typeof opcuaConnectionSchema>;

/** An alarm id: "<tag path>:<kind or name>". */
const alarmIdSchema = z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]*(\/[A-Za-z0-9_][A-Za-z0-9_.-]*)*:[A-Za-z0-9_.-]+$/, 'an alarm id such as "line1/filler/state:discrete"').max(300);
/** Who acted. Until accounts exist (issue 11) the station's operator name, as typed on the alarm screen. */
const userSchema = z.string().trim().min(1, 'the name of who acted').max(100);

/** A work request: "<asset path>@<raised ms>". */
const workRequestIdSchema = z.string().max(230).regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]*(\/[A-Za-z0-9_][A-Za-z0-9_.-]*)*@\d{1,15}$/, 'a work request id such as "line1/motor@1795240800000"');
/** Largest waveform file the app analyses: 16 MiB (base64 makes it a third longer). */
export const MAX_WAVEFORM_FILE_BYTES = 16 * 1024 * 1024;

/** A stop: "<asset path>@<start ms>". */
const stopIdSchema = z.string().max(230).regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]*(\/[A-Za-z0-9_][A-Za-z0-9_.-]*)*@\d{1,15}$/, 'a stop id such as "line1/filler@1795240800000"');

export const hmiRequestSchemas = {
  getPlantModel: z.object({}).strict(),
  browseTags: z
    .object({
      /** A line or asset path; all tags when omitted. */
      under: pathSchema.optional(),
      /** Case-insensitive text matched against path, name and description. */
      text: z.string().max(100).optional(),
    })
    .strict(),
  readCurrent: z.object({ paths: z.array(pathSchema).max(10_000).optional() }).strict(),
  subscribe: z
    .object({
      /** Tag paths, or line/asset paths meaning every tag below them. */
      paths: z.array(pathSchema).min(1).max(10_000),
    })
    .strict(),
  unsubscribe: z.object({ subscriptionId: z.number().int().nonnegative() }).strict(),
  getSystemStatus: z.object({}).strict(),
  writeTag: z
    .object({
      path: pathSchema,
      value: z.union([z.number().finite(), z.boolean(), z.string().max(1000)]),
      /** A tag marked critical needs a second person: another account that may write, with its password or PIN. */
      confirmedBy: credentialsSchema.optional(),
    })
    .strict(),
  readWaveform: z.object({ path: pathSchema }).strict(),
  queryDisplay: z
    .object({
      path: pathSchema,
      from: timeSchema,
      to: timeSchema,
      /** Pixel width of the chart: the answer has at most 4 points per pixel. */
      width: z.number().int().min(1).max(8192),
      /** Draw a gap between good samples further apart than this; none when omitted. */
      maxGapMs: z.number().positive().optional(),
    })
    .strict()
    .refine((q) => q.from < q.to, { message: 'from must be before to', path: ['to'] }),
  queryRaw: z
    .object({ path: pathSchema, from: timeSchema, to: timeSchema, limit: z.number().int().min(1).max(100_000).optional() })
    .strict()
    .refine((q) => q.from < q.to, { message: 'from must be before to', path: ['to'] }),
  valueAt: z.object({ path: pathSchema, at: timeSchema }).strict(),
  queryAggregates: z
    .object({ path: pathSchema, from: timeSchema, to: timeSchema, intervalMs: z.number().int().min(1000) })
    .strict()
    .refine((q) => q.from < q.to, { message: 'from must be before to', path: ['to'] })
    .refine((q) => (q.to - q.from) / q.intervalMs <= 10_000, { message: 'at most 10,000 intervals; choose a longer intervalMs', path: ['intervalMs'] }),
  opcuaDiscover: z.object({ endpointUrl: endpointUrlSchema }).strict(),
  opcuaConnect: opcuaConnectionSchema,
  opcuaCertificates: z.object({}).strict(),
  opcuaTrust: z.object({ thumbprint: thumbprintSchema, trust: z.boolean() }).strict(),
  opcuaBrowse: z
    .object({ browserId: browserIdSchema, nodeId: nodeIdSchema.optional(), continuationPoint: z.string().max(1000).optional() })
    .strict(),
  opcuaSearch: z.object({ browserId: browserIdSchema, text: z.string().min(1).max(100), under: nodeIdSchema.optional() }).strict(),
  opcuaDescribe: z.object({ browserId: browserIdSchema, nodeIds: z.array(nodeIdSchema).min(1).max(500) }).strict(),
  opcuaAddVariables: z
    .object({
      browserId: browserIdSchema,
      /** The line the asset is on (its id). */
      line: nameSchema,
      /** An existing asset's id on that line, or a new one. */
      asset: nameSchema,
      /** The new asset's display name (ignored when the asset exists). */
      assetName: z.string().min(1).max(100).optional(),
      variables: z
        .array(z.object({ nodeId: nodeIdSchema, name: nameSchema, sampleRateMs: z.number().int().min(10).max(3_600_000) }).strict())
        .min(1)
        .max(500),
    })
    .strict(),
  opcuaDisconnect: z.object({ browserId: browserIdSchema }).strict(),
  watchAlarms: z
    .object({
      /** The revision the caller has; the answer comes when the alarms move past it (at once if they already have). */
      revision: z.number().int().min(-1),
      /** How long to wait for a change before answering with the same revision. */
      waitMs: z.number().int().min(0).max(30_000).default(15_000),
    })
    .strict(),
  alarmAction: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('acknowledge'), ids: z.array(alarmIdSchema).min(1).max(1000), user: userSchema }).strict(),
    z.object({ kind: z.literal('reset'), ids: z.array(alarmIdSchema).min(1).max(1000), user: userSchema }).strict(),
    z
      .object({
        kind: z.literal('shelve'),
        id: alarmIdSchema,
        user: userSchema,
        reason: z.string().trim().min(3, 'a reason of at least 3 characters').max(500),
        /** At most 24 h: a shelved alarm always comes back by itself. */
        durationMs: z.number().int().min(60_000).max(86_400_000),
      })
      .strict(),
    z.object({ kind: z.literal('unshelve'), id: alarmIdSchema, user: userSchema }).strict(),
    z.object({ kind: z.literal('out-of-service'), id: alarmIdSchema, user: userSchema, reason: z.string().trim().min(3, 'a reason of at least 3 characters').max(500) }).strict(),
    z.object({ kind: z.literal('in-service'), id: alarmIdSchema, user: userSchema }).strict(),
    z.object({ kind: z.literal('comment'), id: alarmIdSchema, user: userSchema, text: z.string().trim().min(1).max(2000) }).strict(),
  ]),
  queryAlarmJournal: z
    .object({
      from: timeSchema,
      to: timeSchema,
      /** An asset or line path: its alarms and those below it. */
      asset: pathSchema.optional(),
      priorities: z.array(z.enum(alarmPriorities)).max(5).optional(),
      /** Events that led to one of these states. */
      states: z.array(z.enum(alarmStates)).max(8).optional(),
      kinds: z.array(z.enum(alarmEventKinds)).max(11).optional(),
      /** Case-insensitive text in the message, cause, alarm id, user or comment. */
      text: z.string().max(200).optional(),
      limit: z.number().int().min(1).max(50_000).default(5_000),
    })
    .strict()
    .refine((q) => q.from < q.to, { message: 'from must be before to', path: ['to'] }),
  alarmKpis: z
    .object({ from: timeSchema, to: timeSchema, operatorPositions: z.number().int().min(1).max(100).default(1) })
    .strict()
    .refine((q) => q.from < q.to, { message: 'from must be before to', path: ['to'] }),
  oeeReport: z
    .object({
      line: pathSchema,
      span: z.enum(oeeSpans).default('shift'),
      /** A time inside the period; default now. */
      at: timeSchema.optional(),
    })
    .strict(),
  downtimeReasonChoices: z.object({ stop: stopIdSchema }).strict(),
  assignDowntimeReason: z
    .object({
      stop: stopIdSchema,
      /** A leaf of the reason tree. */
      reason: z.string().min(1).max(64),
      comment: z.string().trim().max(500).optional(),
      user: userSchema,
      /** Changing a reason already given is a supervisor's edit (checked against roles once accounts exist, issue 11). */
      supervisor: z.boolean().default(false),
    })
    .strict(),
  spcChart: z
    .object({ tag: pathSchema, from: timeSchema, to: timeSchema })
    .strict()
    .refine((q) => q.from < q.to, { message: 'from must be before to', path: ['to'] }),
  pdmFleet: z.object({}).strict(),
  pdmAsset: z
    .object({
      asset: pathSchema,
      /** The feature trend's period; default the last 14 days. */
      from: timeSchema.optional(),
      to: timeSchema.optional(),
      /** Most trend points wanted (the newest point of each bucket is kept). */
      maxPoints: z.number().int().min(10).max(10_000).default(2_000),
    })
    .strict(),
  pdmWaveform: z
    .object({
      asset: pathSchema,
      /** The raw stretch shown beside the whole record: from this second, this long. */
      detailFromS: z.number().min(0).max(3600).default(0),
      detailS: z.number().positive().max(10).default(0.1),
      /** Columns of the whole-record view. */
      columns: z.number().int().min(16).max(8192).default(1024),
    })
    .strict(),
  workRequests: z
    .object({
      status: z.enum(workRequestStatuses).optional(),
      asset: pathSchema.optional(),
      limit: z.number().int().min(1).max(10_000).default(500),
    })
    .strict(),
  acknowledgeWorkRequest: z.object({ id: workRequestIdSchema, user: userSchema, comment: z.string().trim().max(500).optional() }).strict(),
  analyzeWaveformFile: z
    .object({
      fileName: z.string().trim().min(1).max(260),
      /** The file's bytes, base64. */
      base64: z
        .string()
        .max(Math.ceil(MAX_WAVEFORM_FILE_BYTES / 3) * 4, `a file of at most ${MAX_WAVEFORM_FILE_BYTES / 1024 / 1024} MiB`)
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'the file as base64'),
      /** Needed for CSV; a WAV file's header has it (and must agree when given). */
      sampleRateHz: z.number().min(100).max(1_000_000).optional(),
      shaftRpm: z.number().positive().max(100_000),
      /** Default: the CSV header's unit, else g. */
      unit: z.enum(['g', 'm/s²', 'mm/s']).optional(),
      /** A catalogue bearing ("SKF 6205"); no bearing diagnosis without one. */
      bearing: z.string().trim().min(1).max(64).optional(),
      machineGroup: z.union([z.literal(1), z.literal(2)]).default(2),
      foundation: z.enum(['rigid', 'flexible']).default('rigid'),
    })
    .strict(),
  ...replayRequestSchemas,
  ...securityRequestSchemas,
  ...engineeringRequestSchemas,
};

export type HmiMethod = keyof typeof hmiRequestSchemas;
export type HmiRequest<M extends HmiMethod> = z.infer<(typeof hmiRequestSchemas)[M]>;

/** The calls every transport offers. Each returns a Result and never throws. */
export interface HmiApi {
  /** The plant model: site, lines, assets and their tags. */
  getPlantModel(req: HmiRequest<'getPlantModel'>): Promise<Result<PlantModel>>;
  /** Tags below a line or asset, optionally filtered by text. */
  browseTags(req: HmiRequest<'browseTags'>): Promise<Result<TagInfo[]>>;
  /** Current value, quality and source timestamp of the given tags (all when omitted). */
  readCurrent(req: HmiRequest<'readCurrent'>): Promise<Result<TagValue[]>>;
  /** Starts a live sample stream; batches arrive through `onSamples`, current values first. */
  subscribe(req: HmiRequest<'subscribe'>): Promise<Result<SubscriptionInfo>>;
  /** Stops a live sample stream. */
  unsubscribe(req: HmiRequest<'unsubscribe'>): Promise<Result<null>>;
  /** Drivers, uptime, versions and the runtime clock. */
  getSystemStatus(req: HmiRequest<'getSystemStatus'>): Promise<Result<SystemStatus>>;
  /** Writes a value to a tag; refused unless writes are enabled for that tag in the config. */
  writeTag(req: HmiRequest<'writeTag'>): Promise<Result<WriteOutcome>>;
  /** The latest waveform snapshot of a waveform tag. */
  readWaveform(req: HmiRequest<'readWaveform'>): Promise<Result<Waveform>>;
  /** History for a chart: at most 4 points per pixel column (M4), from raw data or rollups. */
  queryDisplay(req: HmiRequest<'queryDisplay'>): Promise<Result<DisplaySeries>>;
  /** Raw stored samples of one tag in a time range. */
  queryRaw(req: HmiRequest<'queryRaw'>): Promise<Result<RawSeries>>;
  /** The last value at or before a time, with its quality and timestamp. */
  valueAt(req: HmiRequest<'valueAt'>): Promise<Result<TagValue>>;
  /** Min, max, mean, time-weighted mean, first, last and good fraction per interval. */
  queryAggregates(req: HmiRequest<'queryAggregates'>): Promise<Result<AggregateRow[]>>;
  /** The endpoints an OPC UA server offers, most secure first. */
  opcuaDiscover(req: HmiRequest<'opcuaDiscover'>): Promise<Result<OpcuaEndpointInfo[]>>;
  /** Opens a browse connection; stops at an untrusted server certificate and shows it instead of trusting it. */
  opcuaConnect(req: HmiRequest<'opcuaConnect'>): Promise<Result<OpcuaConnectOutcome>>;
  /** The app's own OPC UA certificate and the server certificates it trusts or has rejected. */
  opcuaCertificates(req: HmiRequest<'opcuaCertificates'>): Promise<Result<CertificateInfo[]>>;
  /** Trusts (or rejects) a server certificate. */
  opcuaTrust(req: HmiRequest<'opcuaTrust'>): Promise<Result<null>>;
  /** One page of a node's children (Objects when no node is given); pass the continuation point for the next. */
  opcuaBrowse(req: HmiRequest<'opcuaBrowse'>): Promise<Result<{ nodes: OpcuaNodeInfo[]; continuationPoint?: string }>>;
  /** Nodes whose browse name contains the text, under a node (Objects by default). */
  opcuaSearch(req: HmiRequest<'opcuaSearch'>): Promise<Result<OpcuaNodeInfo[]>>;
  /** Data type, unit, range and access of variables, as they would become tags. */
  opcuaDescribe(req: HmiRequest<'opcuaDescribe'>): Promise<Result<OpcuaVariableInfo[]>>;
  /** Adds variables to an asset of the plant config as tags of an OPC UA device, live, and saves the config. */
  opcuaAddVariables(req: HmiRequest<'opcuaAddVariables'>): Promise<Result<AddVariablesOutcome>>;
  /** Closes a browse connection. */
  opcuaDisconnect(req: HmiRequest<'opcuaDisconnect'>): Promise<Result<null>>;
  /** The live alarms; answers when they move past the given revision, or after waitMs with the same picture. */
  watchAlarms(req: HmiRequest<'watchAlarms'>): Promise<Result<AlarmSnapshot>>;
  /** Acknowledge, reset, shelve, unshelve, out of service, in service, comment; journaled with the user. */
  alarmAction(req: HmiRequest<'alarmAction'>): Promise<Result<AlarmSnapshot>>;
  /** The alarm journal: every transition with time, cause and user, filtered; oldest first. */
  queryAlarmJournal(req: HmiRequest<'queryAlarmJournal'>): Promise<Result<AlarmJournalEntry[]>>;
  /** Alarm-system health over a time range. */
  alarmKpis(req: HmiRequest<'alarmKpis'>): Promise<Result<AlarmKpis>>;
  /** A line's OEE for the shift, hour, day or week around a time: figures, timelines, stops and losses. */
  oeeReport(req: HmiRequest<'oeeReport'>): Promise<Result<OeeReport>>;
  /** The reasons to offer for a stop, most likely first. */
  downtimeReasonChoices(req: HmiRequest<'downtimeReasonChoices'>): Promise<Result<ReasonChoices>>;
  /** Gives a stop its reason (journaled with who and when); changing one is a supervisor's edit. */
  assignDowntimeReason(req: HmiRequest<'assignDowntimeReason'>): Promise<Result<DowntimeStop>>;
  /** An SPC chart of a measured characteristic over a time range. */
  spcChart(req: HmiRequest<'spcChart'>): Promise<Result<SpcChart>>;
  /** Every asset under vibration monitoring, worst health first. */
  pdmFleet(req: HmiRequest<'pdmFleet'>): Promise<Result<FleetEntry[]>>;
  /** One asset's health page: health, baseline, feature trend, anomalies, latest analysis, remaining life. */
  pdmAsset(req: HmiRequest<'pdmAsset'>): Promise<Result<AssetHealth>>;
  /** The newest vibration snapshot of an asset, for the waveform viewer. */
  pdmWaveform(req: HmiRequest<'pdmWaveform'>): Promise<Result<{ at: number; view: WaveformView }>>;
  /** Maintenance work requests, newest first. */
  workRequests(req: HmiRequest<'workRequests'>): Promise<Result<WorkRequest[]>>;
  /** Acknowledges a work request (journaled with who and when). */
  acknowledgeWorkRequest(req: HmiRequest<'acknowledgeWorkRequest'>): Promise<Result<WorkRequest>>;
  /** Analyses a waveform file (one-column CSV or WAV) brought in by hand; nothing is stored. */
  analyzeWaveformFile(req: HmiRequest<'analyzeWaveformFile'>): Promise<Result<WaveformFileAnalysis>>;
  /** Replay mode: the capture, the replay clock and whether it plays; 'not-found' when the app runs live. */
  replayStatus(req: HmiRequest<'replayStatus'>): Promise<Result<ReplayStatus>>;
  /** Replay mode: play, pause, speed, step, seek. */
  replayControl(req: HmiRequest<'replayControl'>): Promise<Result<ReplayStatus>>;
  /** Replay mode: the recorded alarms and stops, for the timeline. */
  replayMarks(req: HmiRequest<'replayMarks'>): Promise<Result<ReplayMark[]>>;
  /** Replay mode: what was recorded against what the replay computed, up to the replay clock. */
  replayComparison(req: HmiRequest<'replayComparison'>): Promise<Result<ReplayComparison>>;
  /** Live mode: starts writing a capture file of a time range and a selection of assets. */
  exportCapture(req: HmiRequest<'exportCapture'>): Promise<Result<CaptureExportJob>>;
  /** How a capture export is getting on. */
  captureExportStatus(req: HmiRequest<'captureExportStatus'>): Promise<Result<CaptureExportJob>>;
  /** Who is signed in at this window, what they may do, and whether the first admin is still to be made. */
  sessionInfo(req: HmiRequest<'sessionInfo'>): Promise<Result<SessionInfo>>;
  /** The first run: makes the admin account and signs it in; refused once an account exists. */
  setupAdmin(req: HmiRequest<'setupAdmin'>): Promise<Result<SessionInfo>>;
  /** Signs in with a password, or a PIN where the role allows one; audited, failures too. */
  signIn(req: HmiRequest<'signIn'>): Promise<Result<SessionInfo>>;
  /** Back to viewer (by hand, or when the station was idle). */
  signOut(req: HmiRequest<'signOut'>): Promise<Result<SessionInfo>>;
  /** The accounts (admin only). */
  listUsers(req: HmiRequest<'listUsers'>): Promise<Result<UserInfo[]>>;
  /** Makes or changes an account (admin only); the last admin cannot be demoted or disabled. */
  saveUser(req: HmiRequest<'saveUser'>): Promise<Result<UserInfo[]>>;
  /** Removes an account (admin only); not the last admin, not yourself. */
  deleteUser(req: HmiRequest<'deleteUser'>): Promise<Result<UserInfo[]>>;
  /** The audit trail, newest first, filtered. */
  auditSearch(req: HmiRequest<'auditSearch'>): Promise<Result<AuditPage>>;
  /** The audit trail as CSV, oldest first, filtered. */
  auditExport(req: HmiRequest<'auditExport'>): Promise<Result<{ csv: string; records: number }>>;
  /** Engineering mode: the running plant config as YAML, and its version. */
  configCurrent(req: HmiRequest<'configCurrent'>): Promise<Result<ConfigDocument>>;
  /** Checks an edit with the config file's own schemas, as it is typed; nothing is applied. */
  configCheck(req: HmiRequest<'configCheck'>): Promise<Result<ConfigCheck>>;
  /** The diff of an edit against the running config, and what applying it would restart or leave for the next start. */
  configPreview(req: HmiRequest<'configPreview'>): Promise<Result<ConfigPreview>>;
  /** Applies an edit live (restarting only what it touches), stores it as a new version and saves the file; audited. */
  configApply(req: HmiRequest<'configApply'>): Promise<Result<ConfigApplied>>;
  /** Every applied version, newest first. */
  configVersions(req: HmiRequest<'configVersions'>): Promise<Result<ConfigVersionInfo[]>>;
  /** One earlier version's text, to compare or export. */
  configVersion(req: HmiRequest<'configVersion'>): Promise<Result<ConfigVersionInfo & { yaml: string }>>;
  /** Applies an earlier version again, exactly as it was, as a new version; audited. */
  configRollback(req: HmiRequest<'configRollback'>): Promise<Result<ConfigApplied>>;
  /** Seals a secret for the plant config with the app's key (safeStorage's in the desktop app, the key file headless). */
  configSealSecret(req: HmiRequest<'configSealSecret'>): Promise<Result<{ sealed: string }>>;
  /** Reads a Modbus register map (CSV) into tags for an asset: the rows, the refused rows, and the config with the tags added. */
  modbusMapImport(req: HmiRequest<'modbusMapImport'>): Promise<Result<ModbusMapPreview>>;
}

/** Every contract method has exactly one request schema. */
hmiRequestSchemas satisfies { [M in keyof HmiApi]: z.ZodType };
export const hmiMethods = Object.keys(hmiRequestSchemas) as HmiMethod[];

/** Events pushed from the core to the UI. */
export interface HmiEvents {
  /** A batch of live samples for one subscription. */
  samples: SampleBatch;
}
export type HmiEventName = keyof HmiEvents;
export const hmiEventNames: readonly HmiEventName[] = ['samples'];

/** Channel names for IPC, derived from the contract's keys; no other file spells one. */
export function callChannel(method: HmiMethod): string {
  return `lineside:call:${method}`;
}
export function eventChannel(event: HmiEventName): string {
  return `lineside:event:${event}`;
}

/** What the renderer talks to, whatever the transport behind it. */
export interface HmiClient extends HmiApi {
  /** Registers a listener for live sample batches; returns a function that removes it. */
  onSamples(listener: (batch: SampleBatch) => void): () => void;
  /** Registers a listener for transport connection changes; returns a function that removes it. */
  onConnection(listener: (state: ConnectionState) => void): () => void;
  readonly transport: 'ipc' | 'websocket';
}

export type ConnectionState = 'connecting' | 'connected' | 'disconnected';

/** Messages on the WebSocket transport (text frames; sample batches go as binary frames). */
export const wsClientMessageSchema = z
  .object({
    type: z.literal('call'),
    id: z.number().int().nonnegative(),
    method: z.string().max(64),
    params: z.unknown().optional(),
  })
  .strict();
export type WsClientMessage = z.infer<typeof wsClientMessageSchema>;
/** A reply to a call; id is null when the message was too broken to read its id. */
export type WsServerMessage = { type: 'result'; id: number | null; result: Result<unknown> };

/** Turns a zod error into one message that names each field, the value and what was expected. */
export function describeIssues(error: z.ZodError, input: unknown): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.length > 0 ? issue.path.map(String).join('.') : '(request)';
      const got = preview(valueAt(input, issue.path));
      return `${where}: ${issue.message}${got === undefined ? '' : ` (got ${got})`}`;
    })
    .join('; ');
}

/**
 * At most 60 characters of a value for a message. Never throws: a value from a caller may be
 * nested thousands deep, circular, or a BigInt, none of which JSON.stringify survives.
 */
function preview(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return `${value}n`;
  try {
    return JSON.stringify(value)?.slice(0, 60);
  } catch {
    return Array.isArray(value) ? 'a list nested too deep to show' : `a ${typeof value} that cannot be shown`;
  }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let at: unknown = input;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

/**
 * What the Electron preload exposes as `window.lineside`: exactly the contract's calls and
 * the sample event, nothing of ipcRenderer.
 */
export interface LinesideBridge extends HmiApi {
  onSamples(listener: (batch: SampleBatch) => void): () => void;
}

/** The WebSocket endpoint of `lineside serve`; the session token goes in the `token` query parameter. */
export const wsPath = '/api';
