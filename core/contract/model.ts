/**
 * The data that crosses the contract: the plant model as the UI sees it, tag values with
 * quality and source timestamps, and the system status. Plain serialisable objects only.
 */

/** OPC UA-style quality: good, uncertain or bad, with a reason when not good. */
export type QualityStatus = 'good' | 'uncertain' | 'bad';

export interface Quality {
  status: QualityStatus;
  /** Why the value is not good ("sensor open circuit", "device not responding"). */
  reason?: string;
}

export const tagDataTypes = [
  'bool',
  'int16',
  'uint16',
  'int32',
  'uint32',
  'float32',
  'float64',
  'string',
  'waveform',
] as const;
export type TagDataType = (typeof tagDataTypes)[number];

/** A sampled vibration (or other) waveform: evenly spaced samples of one channel. */
export interface Waveform {
  sampleRateHz: number;
  /** Unit of the samples, e.g. "g" for acceleration. */
  unit: string;
  samples: Float32Array;
  /** Shaft speed at capture time, when the source knows it. */
  shaftRpm?: number;
}

export type ScalarValue = number | boolean | string;
export type TagValueData = ScalarValue | Waveform;

/** One value of one tag, as held in the current-value table and sent to the UI. */
export interface TagValue {
  path: string;
  /** null until the first sample arrives. */
  value: TagValueData | null;
  quality: Quality;
  /** Source timestamp, UTC epoch ms (when the device measured it). */
  sourceTs: number;
}

/** A state word value and what it means on screen. */
export interface StateLabel {
  value: number;
  label: string;
  /** Abnormal states get colour on ISA-101 screens; normal states stay grey. */
  severity: 'normal' | 'attention' | 'abnormal' | 'planned';
}

export interface TagInfo {
  /** Hierarchy path: line/asset/tag, e.g. "line1/filler/state". */
  path: string;
  name: string;
  assetPath: string;
  dataType: TagDataType;
  unit: string;
  description: string;
  sampleRateMs: number;
  /** Why this tag is sampled at this rate (engineering record). */
  rateReason: string;
  writable: boolean;
  /** Writes need a second person's confirmation (another account that may write). */
  critical?: boolean;
  /** Meaning of values for state words and coded tags. */
  states?: StateLabel[];
  /** Display range, for gauges and trend scaling. */
  range?: { min: number; max: number };
  /** Role of the tag for standard screens ("state", "rate", "good-count", …). */
  role?: string;
  decimals?: number;
}

export interface AssetInfo {
  /** Hierarchy path: line/asset, e.g. "line1/filler". */
  path: string;
  id: string;
  name: string;
  kind: string;
  description: string;
  tags: TagInfo[];
}

export interface LineInfo {
  path: string;
  id: string;
  name: string;
  assets: AssetInfo[];
  /** Whether the line has OEE (an oee block in the config and assets with oee settings). */
  oee: boolean;
  /** Path of the constraint asset whose OEE is the line's, when configured. */
  constraint?: string;
}

export interface PlantModel {
  site: string;
  area: string;
  lines: LineInfo[];
  /** Fault code → text for the faults this plant knows about. */
  faultTexts: Record<string, string>;
}

export interface DriverStatus {
  deviceId: string;
  driver: string;
  state: 'starting' | 'running' | 'degraded' | 'stopped' | 'failed';
  detail: string;
  tagCount: number;
}

export interface SystemStatus {
  mode: 'live' | 'replay';
  startedAt: number;
  uptimeMs: number;
  /** The runtime clock's current time (UTC epoch ms). */
  clockNow: number;
  versions: { app: string; node: string; electron?: string; contract: number };
  drivers: DriverStatus[];
  configFile: string;
  transport: 'ipc' | 'websocket';
  /** Absent when the app runs without a historian. */
  historian?: HistorianStatus;
  /** Bumped whenever the running plant changes (tags added live); the UI reloads the model when it moves. */
  plantRevision: number;
  /** Certificates whose expiry matters: the app's own OPC UA certificate and trusted server certificates. */
  certificates: CertificateInfo[];
  /** The outbound conduit; absent when the plant config has no `uplink:`. */
  uplink?: UplinkStatus;
}

/** Where the Sparkplug B conduit stands (core/uplink). */
export interface UplinkStatus {
  /**
   * connecting: opening the connection (again); waiting-for-host: connected, the primary host
   * is not online, so nothing is born; online: born, publishing; offline: the broker cannot be
   * reached (the next try is at `retryAt`); everything meanwhile waits in the queue.
   */
  state: 'connecting' | 'waiting-for-host' | 'online' | 'offline';
  broker: string;
  groupId: string;
  edgeNodeId: string;
  /** Why it is not online, in words; empty when it is. */
  detail: string;
  retryAt: number | null;
  /** Records waiting in the store-and-forward queue, their payload bytes, and its bound. */
  queueRecords: number;
  queueBytes: number;
  queueMaxBytes: number;
  /** Records dropped because the queue was full (oldest first), since the queue was made. */
  dropped: number;
  /** Of the waiting records, how many are the backlog being sent as historical. */
  backlogRecords: number;
  lastPublishAt: number | null;
  messagesSent: number;
  bytesSent: number;
  /** What the config makes, bytes per hour (summaries only). */
  expectedBytesPerHour: number;
}

export interface SubscriptionInfo {
  subscriptionId: number;
  /** Tag paths in the order that a sample batch's `tag` column indexes them. */
  tags: string[];
}

export interface WriteOutcome {
  path: string;
  value: ScalarValue;
  /** When the device confirmed the write (runtime clock, UTC epoch ms). */
  writtenAt: number;
}

/**
 * A display query's answer: per pixel column at most the first, min, max and last point
 * (M4), in time order. `null` values are gaps (bad quality, or no data for longer than
 * the query's maxGapMs); a chart draws them as breaks, never as zero.
 */
export interface DisplaySeries {
  path: string;
  from: number;
  to: number;
  width: number;
  /** Where the points came from: raw samples, or 1-minute / 1-hour rollups for long ranges. */
  source: 'raw' | 'rollup-1m' | 'rollup-1h';
  ts: number[];
  value: (number | null)[];
}

/** Raw samples of one tag, as stored. */
export interface RawSeries {
  path: string;
  ts: number[];
  /** Numbers (booleans 0/1) or text for string tags. */
  value: (number | string)[];
  quality: QualityStatus[];
  /** True when the limit cut the answer short; query again from the last timestamp. */
  truncated: boolean;
}

/** One interval of an aggregate query. Values are null where the interval has no good data. */
export interface AggregateRow {
  start: number;
  count: number;
  min: number | null;
  max: number | null;
  first: number | null;
  last: number | null;
  mean: number | null;
  /** Time-weighted mean, each value holding until the next sample. */
  twMean: number | null;
  /** Fraction of the interval's time covered by good-quality values, 0–1. */
  goodFraction: number;
}

export interface HistorianStatus {
  file: string;
  /** Size of the database file and its write-ahead log, bytes. */
  bytes: number;
  /** 'ok', or 'stopped' with the reason (disk full, read-only file). Ingest resumes by itself. */
  state: 'ok' | 'stopped';
  detail: string;
  samplesStored: number;
}

/** An OPC UA certificate as the user judges it: whose it is, its fingerprint, when it is valid. */
export interface CertificateInfo {
  subject: string;
  issuer: string;
  /** SHA-1 of the DER certificate, hex, upper case, no separators. */
  thumbprint: string;
  /** Epoch ms. */
  validFrom: number;
  validTo: number;
  applicationUri?: string;
  status: 'trusted' | 'rejected' | 'own';
}

/** An endpoint an OPC UA server offers (GetEndpoints), most secure first. */
export interface OpcuaEndpointInfo {
  endpointUrl: string;
  securityMode: 'None' | 'Sign' | 'SignAndEncrypt';
  /** Short name, e.g. 'Basic256Sha256'. */
  securityPolicy: string;
  securityLevel: number;
  userTokens: ('anonymous' | 'username' | 'certificate')[];
}

/** The outcome of opening a browse connection: connected, or stopped at an untrusted server certificate. */
export type OpcuaConnectOutcome =
  | { state: 'connected'; browserId: number; securityMode: string; securityPolicy: string }
  | { state: 'untrusted'; certificate: CertificateInfo };

export interface OpcuaNodeInfo {
  nodeId: string;
  browseName: string;
  displayName: string;
  nodeClass: string;
  hasChildren: boolean;
  /** For search results: the browse names from the start node down to this one. */
  path?: string[];
}

export interface OpcuaVariableInfo {
  nodeId: string;
  browseName: string;
  displayName: string;
  description: string;
  /** The tag type it maps to; absent when Lineside cannot hold this OPC UA type. */
  dataType?: TagDataType;
  /** The OPC UA name of the variable's DataType, e.g. 'Double'. */
  dataTypeName: string;
  /** EngineeringUnits displayName, '' if none. */
  unit: string;
  /** EURange. */
  range?: { min: number; max: number };
  /** From UserAccessLevel: the session's user may write it. */
  writable: boolean;
  minimumSamplingIntervalMs?: number;
}

/** What adding variables to the plant did. */
export interface AddVariablesOutcome {
  deviceId: string;
  assetPath: string;
  tags: string[];
  /** Where the changed config was written; absent when it was applied live only (with `notSaved` saying why). */
  savedTo?: string;
  notSaved?: string;
}
