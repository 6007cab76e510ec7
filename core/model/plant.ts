/**
 * The plant model: the ISA-95 hierarchy (site / area / line / asset), the devices that
 * feed it and the tags they serve. Built from the validated config (core/config); read by
 * the runtime, the drivers and the service. Immutable once built.
 */
import type { MachineState, OeeTargets, ScalarValue, StateLabel, TagDataType } from '../contract/index.js';
import type { AlarmDefinition } from './alarm.js';

export interface Tag {
  /** Hierarchy path: line/asset/tag. Unique in the plant. */
  path: string;
  name: string;
  assetPath: string;
  deviceId: string;
  /** Driver-specific address of the value in the device. */
  address: string;
  dataType: TagDataType;
  unit: string;
  description: string;
  sampleRateMs: number;
  rateReason: string;
  writable: boolean;
  /** Writes need a second person's confirmation. */
  critical?: boolean;
  states?: StateLabel[];
  range?: { min: number; max: number };
  role?: string;
  decimals?: number;
  /** Lossy storage in the historian; lossless when absent. */
  storage?: StorageSettings;
}

/** Deadband or swinging-door compression, in the tag's unit; a value is kept at least every maxIntervalMs. */
export type StorageSettings =
  | { compression: 'deadband'; deadband: number; maxIntervalMs: number }
  | { compression: 'swinging-door'; deviation: number; maxIntervalMs: number };

/** How long the historian keeps a group of tags: raw blocks and rollups separately. */
export interface RetentionRule {
  /** Hierarchy path prefix ("line1/motor"), or "" for every tag. */
  prefix: string;
  rawDays: number;
  rollupDays: number;
}

export interface Asset {
  path: string;
  id: string;
  name: string;
  kind: string;
  description: string;
  tags: Tag[];
  /** How OEE reads this asset (config `oee:` of the asset); absent: the asset has no OEE. */
  oee?: AssetOeeSettings;
  /** Vibration analysis settings (config `pdm:` of the asset); absent: none. */
  pdm?: PdmSettings;
  /** SPC characteristics (config `spc:` of the asset); absent: none. */
  spc?: SpcCharacteristic[];
}

export interface Line {
  path: string;
  id: string;
  name: string;
  assets: Asset[];
  /** Path of the constraint (bottleneck) asset whose OEE is the line's; it has `oee` settings. */
  constraint?: string;
}

export interface Device {
  id: string;
  /** Driver kind, a key of the driver registry. */
  driver: string;
  /** Settings validated by the driver's own configSchema. */
  settings: unknown;
}

export interface Plant {
  site: string;
  area: string;
  lines: Line[];
  devices: Device[];
  /** Fault code → text ("F101" → "Infeed bottle jam"). */
  faultTexts: Record<string, string>;
  /** Historian retention per tag group; the first rule whose prefix matches a tag applies. */
  retention: RetentionRule[];
  /** Alarm definitions from the tags' `alarms`, in config order; ids are unique. */
  alarms: AlarmDefinition[];
  /** The file the plant was loaded from, or a label for an embedded config. */
  source: string;
  /** OEE settings (config `oee:`): shift calendar, micro-stops, reason tree. Absent: no OEE. */
  oee?: PlantOeeSettings;
  /** The outbound Sparkplug B conduit (config `uplink:`). Absent: nothing goes upstream. */
  uplink?: UplinkSettings;
}

/** The outbound-only MQTT Sparkplug B conduit (core/uplink). */
export interface UplinkSettings {
  /** mqtt://host:port or mqtts://host:port (TLS). */
  brokerUrl: string;
  groupId: string;
  edgeNodeId: string;
  /** Sparkplug host id of the primary host application: births wait for its STATE online. */
  primaryHostId?: string;
  username?: string;
  password?: string;
  /** File paths (PEM); the CA verifies the broker's certificate, cert+key are the client's. */
  tls?: { caFile?: string; certFile?: string; keyFile?: string };
  /** QoS of data messages (1: at least once, the default; Sparkplug's own rule is 0). */
  qos: 0 | 1;
  /** Most messages published and not yet acknowledged. */
  inFlight: number;
  /** Most historical (backlog) messages a second while catching up. */
  backlogPerSecond: number;
  /** Store-and-forward bound, bytes of queued payload; the oldest records go first when it is full. */
  queueMaxBytes: number;
  /** What goes up, and how often. */
  summaries: {
    /** Per-tag aggregates (min, max, mean, last, good fraction) every this many ms (default 1 min). */
    tagAggregatesMs: number;
    /** Tag paths (or line/asset prefixes) whose aggregates go up; all numeric tags when absent. */
    tags?: string[];
    /** OEE per asset per hour and per shift, as each closes. */
    oee: boolean;
    /** Every alarm transition. */
    alarms: boolean;
    /** Asset health (PdM) every this many ms; work requests as they are raised. */
    healthMs: number;
    /** Driver and system health every this many ms. */
    systemMs: number;
  };
}

/** The machine states of ISO 22400-2's state model as OEE sees them. */
export { machineStates, type MachineState } from '../contract/index.js';

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

/** Which values of the state tag mean which state: exact values, or a set bit of a state word. */
export type StateMatch = { value: ScalarValue } | { bit: number };

export interface AssetOeeSettings {
  /** Tag paths (line/asset/tag). */
  stateTag: string;
  faultTag?: string;
  totalCounter?: string;
  rejectCounter?: string;
  energyCounter?: string;
  productTag?: string;
  /** Per state, the matches that mean it (labels already resolved to values). */
  states: Partial<Record<MachineState, StateMatch[]>>;
  /** Counters wrap at this value (uint16: 65,536); absent: they only reset. */
  counterModulus?: number;
  /** Ideal cycle time per unit, seconds; absent when the asset has no counters. */
  idealCycleTimeS?: number;
  /** Ideal cycle time by value of productTag (the value as text), seconds. */
  productCycleTimesS: Record<string, number>;
}

/** A local wall-clock time "HH:MM" in the calendar's time zone. */
export type LocalTime = string;

export interface ShiftDefinition {
  name: string;
  start: LocalTime;
  /** At or before start: the shift ends the next day. */
  end: LocalTime;
  /** The days the shift starts on. */
  days: Weekday[];
}

export interface BreakDefinition {
  shift: string;
  /** The first time of day at or after the shift's start. */
  start: LocalTime;
  minutes: number;
}

/** Once (`start` "YYYY-MM-DDTHH:MM", no days) or weekly (`start` "HH:MM" on `days`). */
export interface PlannedStopDefinition {
  name: string;
  start: string;
  minutes: number;
  days?: Weekday[];
}

export interface ShiftCalendar {
  /** IANA time zone of every local time and date here. */
  timeZone: string;
  shifts: ShiftDefinition[];
  breaks: BreakDefinition[];
  plannedStops: PlannedStopDefinition[];
  /** Local dates "YYYY-MM-DD" on which no shift starts. */
  holidays: string[];
}

/** A node of the downtime reason tree; `faults` are the fault codes that suggest it. */
export interface ReasonNode {
  code: string;
  text: string;
  faults: string[];
  children: ReasonNode[];
}

export interface PlantOeeSettings {
  calendar: ShiftCalendar;
  /** Stops shorter than this are micro-stops (performance loss, not availability loss). */
  microStopMs: number;
  /** Rejects within this long after a restart are startup rejects. */
  startupMs: number;
  reasons: ReasonNode[];
  targets: OeeTargets;
}

/** How an asset's vibration snapshots are analysed (config `pdm:`). */
export interface PdmSettings {
  /** Tag path of the waveform tag. */
  waveformTag: string;
  /** The bearing's geometry (a catalogue name is resolved by the loader). */
  bearing?: { model?: string; balls: number; ballDiameterMm: number; pitchDiameterMm: number; contactAngleDeg: number };
  machineGroup?: 1 | 2;
  foundation?: 'rigid' | 'flexible';
  /** The healthy period (UTC ms) the baseline is learned from, when the config gives one. */
  baseline?: { from: number; to: number };
  /** Otherwise the baseline is learned from the snapshots of this long from the first one (and at least 30 of them). */
  baselineMs: number;
}

/** A measured characteristic charted with SPC (config `spc:` of an asset). */
export interface SpcCharacteristic {
  /** Tag path (line/asset/tag). */
  tag: string;
  /** 1: individuals/moving range; 2–10: X-bar/R. */
  subgroupSize: number;
  /** A subgroup (or an individual) is taken once per interval: its first measurements. */
  intervalMs: number;
  lsl?: number;
  usl?: number;
  target?: number;
  /** UTC ms of the baseline period the control limits come from; absent: trial limits. */
  baseline?: { from: number; to: number };
}

export function allTags(plant: Plant): Tag[] {
  return plant.lines.flatMap((line) => line.assets.flatMap((asset) => asset.tags));
}
