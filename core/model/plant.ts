/**
 * The plant model: the ISA-95 hierarchy (site / area / line / asset), the devices that
 * feed it and the tags they serve. Built from the validated config (core/config); read by
 * the runtime, the drivers and the service. Immutable once built.
 */
import type { StateLabel, TagDataType } from '../contract/index.js';
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
}

export interface Line {
  path: string;
  id: string;
  name: string;
  assets: Asset[];
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
}

export function allTags(plant: Plant): Tag[] {
  return plant.lines.flatMap((line) => line.assets.flatMap((asset) => asset.tags));
}
