/**
 * The metric catalogue: what a SCADA or CMMS upstream sees of the plant (issue 9,
 * "summaries, not raw scans"), and how each queued record becomes Sparkplug metrics. Pure:
 * a plant and its UplinkSettings in, definitions out; a record in, metric values out.
 *
 * Devices. One Sparkplug device per asset that has something to send; its id is the asset
 * path with ":" for "/" ("line1/filler" → "line1:filler"; ids and asset ids hold no "/").
 * The edge node itself carries the system metrics.
 *
 * Device metrics (every value a number, text or null; null where the figure does not exist):
 * - `Tags/<tag>/Min`, `/Max`, `/Mean`, `/Last`, `/GoodFraction` (Double), for each numeric
 *   tag selected by `summaries.tags` (all numeric tags by default), `<tag>` its name in the
 *   asset. One aggregate per `tagAggregatesMs`, timestamped with the end of its interval
 *   [end − interval, end). Mean is time-weighted (each value holds until the next sample);
 *   Last is the value in force at the end; GoodFraction is the share of the interval covered
 *   by good (or uncertain) values, 0–1. Property `engUnit`: the tag's unit.
 * - `OEE/Hour/Availability`, `/Performance`, `/Quality`, `/OEE` (Double, fractions 0–1),
 *   `/GoodCount`, `/TotalCount` (Int64, units), `/DowntimeSeconds` (Double: planned busy time
 *   not producing, the availability loss), `/PeriodStart` (DateTime), for each asset with OEE
 *   settings (and a plant `oee:` calendar), timestamped with the end of the clock hour
 *   (in the calendar's time zone). The same under `OEE/Shift/…` at the end of each shift, plus
 *   `OEE/Shift/Name` (String).
 * - `Alarms/<alarm>/State` (String: the ISA-18.2 state, e.g. "unacknowledged") and
 *   `Alarms/<alarm>/Priority` (String: critical, high, medium, low, diagnostic), for each
 *   alarm of the asset, timestamped with the transition. `<alarm>` is the alarm id without
 *   the asset path ("line1/filler/temp:HH" → "temp:HH"); an alarm placed on an asset other
 *   than its tag's keeps its whole id.
 * - For assets under vibration monitoring (`pdm:`): `Health/Index` (Double 0–100),
 *   `Health/Status` (String: good, watch, alert, learning, no-data), `Health/Zone` (String:
 *   ISO 10816-3 A–D), `Health/VelocityRmsMmS` (Double), `Health/Defect` (String: outer-race,
 *   inner-race, ball, cage), `Health/RemainingLife` (String, for people), every `healthMs`;
 *   `Maintenance/WorkRequest` (String: the work request as JSON) when one is raised, and
 *   `Maintenance/WorkRequestAck` (String: { id, user, at, comment? } as JSON) when it is
 *   acknowledged.
 *
 * Node metrics, every `systemMs`: `System/Drivers/<deviceId>/State` (String: starting,
 * running, degraded, stopped, failed) per configured device, `System/Historian/State`
 * (String: ok, stopped), `System/Uplink/QueueDepth` (Int64, records waiting),
 * `System/Uplink/QueueBytes` (Int64), `System/Uplink/QueueDropped` (Int64, records dropped
 * because the queue was full, since it was made), `System/Uptime` (Int64, seconds).
 *
 * Not here: the Sparkplug session's own metrics (bdSeq, Node Control/Rebirth), which the
 * session adds to its births.
 */
import { z } from 'zod';
import { numericDataTypes } from '../config/schema.js';
import { alarmPriorities, alarmStates } from '../contract/index.js';
import { LinesideError } from '../model/errors.js';
import { allTags, type Plant, type Tag, type UplinkSettings } from '../model/plant.js';
import type { SparkplugDataType } from './sparkplug/proto.js';
import { deviceIdOf } from './sparkplug/topics.js';

export type { SparkplugDataType };
export { deviceIdOf };

export interface MetricProperty {
  dataType: SparkplugDataType;
  value: string | number | boolean;
}

export interface MetricDefinition {
  name: string;
  dataType: SparkplugDataType;
  /** Sparkplug metric properties, e.g. `engUnit`. */
  properties?: Record<string, MetricProperty>;
}

export interface DeviceDefinition {
  /** Sparkplug device id: the asset path with ":" for "/". */
  id: string;
  /** The asset path. */
  asset: string;
  metrics: MetricDefinition[];
}

export interface MetricCatalogue {
  node: MetricDefinition[];
  devices: DeviceDefinition[];
}

/** One metric value as a record turns into it; DateTime values are UTC epoch ms. */
export interface MetricValue {
  name: string;
  dataType: SparkplugDataType;
  value: number | string | boolean | null;
  timestamp: number;
}

/** A queued record as the uplink reads it (core/historian/uplink-outbox.ts). */
export interface QueuedRecord {
  ts: number;
  kind: string;
  source: string;
  payload: Record<string, unknown>;
}


/** The numeric tags whose aggregates go up: those `summaries.tags` names (a tag, or every numeric tag under a line or asset), or all. */
export function selectedTags(plant: Plant, settings: UplinkSettings): Tag[] {
  const numeric = allTags(plant).filter((tag) => numericDataTypes.includes(tag.dataType));
  const wanted = settings.summaries.tags;
  if (wanted === undefined) return numeric;
  return numeric.filter((tag) => wanted.some((entry) => tag.path === entry || tag.path.startsWith(`${entry}/`)));
}

/** The metric name part of an alarm: its id relative to its asset ("temp:HH"), or the whole id when its tag is on another asset. */
export function alarmMetricName(alarmId: string, assetPath: string): string {
  return alarmId.startsWith(`${assetPath}/`) ? alarmId.slice(assetPath.length + 1) : alarmId;
}

export const aggregateFields = ['Min', 'Max', 'Mean', 'Last', 'GoodFraction'] as const;
const oeeFields: readonly [string, SparkplugDataType][] = [
  ['Availability', 'Double'],
  ['Performance', 'Double'],
  ['Quality', 'Double'],
  ['OEE', 'Double'],
  ['GoodCount', 'Int64'],
  ['TotalCount', 'Int64'],
  ['DowntimeSeconds', 'Double'],
  ['PeriodStart', 'DateTime'],
];
const healthFields: readonly [string, SparkplugDataType][] = [
  ['Index', 'Double'],
  ['Status', 'String'],
  ['Zone', 'String'],
  ['VelocityRmsMmS', 'Double'],
  ['Defect', 'String'],
  ['RemainingLife', 'String'],
];

/** Every device and node metric the plant sends with these settings, in a stable order. */
export function metricCatalogue(plant: Plant, settings: UplinkSettings): MetricCatalogue {
  const tagsByAsset = new Map<string, Tag[]>();
  for (const tag of selectedTags(plant, settings)) tagsByAsset.set(tag.assetPath, [...(tagsByAsset.get(tag.assetPath) ?? []), tag]);
  const devices: DeviceDefinition[] = [];
  for (const line of plant.lines) {
    for (const asset of line.assets) {
      const metrics: MetricDefinition[] = [];
      for (const tag of tagsByAsset.get(asset.path) ?? []) {
        for (const field of aggregateFields) {
          metrics.push({ name: `Tags/${tag.name}/${field}`, dataType: 'Double', ...(tag.unit !== '' && field !== 'GoodFraction' ? { properties: { engUnit: { dataType: 'String', value: tag.unit } } } : {}) });
        }
      }
      if (settings.summaries.oee && plant.oee && asset.oee) {
        for (const span of ['Hour', 'Shift']) for (const [field, dataType] of oeeFields) metrics.push({ name: `OEE/${span}/${field}`, dataType });
        metrics.push({ name: 'OEE/Shift/Name', dataType: 'String' });
      }
      if (settings.summaries.alarms) {
        for (const alarm of plant.alarms.filter((a) => a.asset === asset.path)) {
          const name = alarmMetricName(alarm.id, asset.path);
          metrics.push({ name: `Alarms/${name}/State`, dataType: 'String' }, { name: `Alarms/${name}/Priority`, dataType: 'String' });
        }
      }
      if (asset.pdm) {
        for (const [field, dataType] of healthFields) metrics.push({ name: `Health/${field}`, dataType });
        metrics.push({ name: 'Maintenance/WorkRequest', dataType: 'String' }, { name: 'Maintenance/WorkRequestAck', dataType: 'String' });
      }
      if (metrics.length > 0) devices.push({ id: deviceIdOf(asset.path), asset: asset.path, metrics });
    }
  }
  const node: MetricDefinition[] = [
    ...plant.devices.map((device): MetricDefinition => ({ name: `System/Drivers/${device.id}/State`, dataType: 'String' })),
    { name: 'System/Historian/State', dataType: 'String' },
    { name: 'System/Uplink/QueueDepth', dataType: 'Int64' },
    { name: 'System/Uplink/QueueBytes', dataType: 'Int64' },
    { name: 'System/Uplink/QueueDropped', dataType: 'Int64' },
    { name: 'System/Uptime', dataType: 'Int64' },
  ];
  return { node, devices };
}

// The record kinds and their payloads (what core/uplink/summaries.ts writes; the pdm host writes the work requests).

const num = z.number().nullable();
const tagAggregateSchema = z.object({ count: z.number(), min: num, max: num, mean: num, last: num, goodFraction: z.number() });
const tagAggregatesSchema = z.object({ from: z.number(), to: z.number(), tags: z.record(z.string(), tagAggregateSchema) });
const oeeSchema = z.object({
  span: z.enum(['hour', 'shift']),
  from: z.number(),
  to: z.number(),
  shift: z.string().nullable(),
  availability: num,
  performance: num,
  quality: num,
  oee: num,
  goodCount: num,
  totalCount: num,
  downtimeSeconds: num,
});
const alarmSchema = z.object({ journalId: z.number(), at: z.number(), alarmId: z.string(), kind: z.string(), from: z.enum(alarmStates), to: z.enum(alarmStates), priority: z.enum(alarmPriorities), message: z.string() });
const healthSchema = z.object({ condition: z.string(), health: num, zone: z.string().nullable(), velocityRmsMmS: num, defect: z.string().nullable(), remainingLife: z.string().nullable() });
const systemSchema = z.object({
  drivers: z.array(z.object({ deviceId: z.string(), state: z.string() })),
  historian: z.string(),
  queueRecords: z.number(),
  queueBytes: z.number(),
  queueDropped: z.number(),
  uptimeS: z.number(),
});
const workRequestSchema = z.looseObject({ id: z.string(), raisedAt: z.number() });
const workRequestAckSchema = z.looseObject({ id: z.string(), user: z.string(), at: z.number() });

export type TagAggregate = z.output<typeof tagAggregateSchema>;
/** kind 'tag-aggregates', source: the asset; `tags` by tag name. */
export type TagAggregatesPayload = z.output<typeof tagAggregatesSchema>;
/** kind 'oee', source: the asset; `shift` is the shift's name for span 'shift', else null. */
export type OeePayload = z.output<typeof oeeSchema>;
/** kind 'alarm', source: the alarm's asset; one alarm journal row (`journalId` its id). */
export type AlarmPayload = z.output<typeof alarmSchema>;
/** kind 'health', source: the asset; from the PdM fleet list. */
export type HealthPayload = z.output<typeof healthSchema>;
/** kind 'system', source "" (the edge node). */
export type SystemPayload = z.output<typeof systemSchema>;

export const recordKinds = ['tag-aggregates', 'oee', 'alarm', 'health', 'system', 'work-request', 'work-request-ack'] as const;
export type RecordKind = (typeof recordKinds)[number];

/** A record that cannot become metrics: an unknown kind, or a payload not of its kind's shape. */
export class UplinkRecordError extends LinesideError {
  constructor(message: string) {
    super('uplink-invalid-record', message);
    this.name = 'UplinkRecordError';
  }
}

function parse<T>(schema: z.ZodType<T>, record: QueuedRecord): T {
  const result = schema.safeParse(record.payload);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new UplinkRecordError(`the ${record.kind} record of ${record.source || 'the edge node'} has a payload that is not of its kind's shape: ${issue.path.join('.') || 'the payload'}: ${issue.message}`);
}

/** Per device id (null: the node), each metric's data type. */
const indexes = new WeakMap<MetricCatalogue, Map<string | null, Map<string, SparkplugDataType>>>();
function indexOf(catalogue: MetricCatalogue): Map<string | null, Map<string, SparkplugDataType>> {
  let index = indexes.get(catalogue);
  if (!index) {
    const byName = (metrics: readonly MetricDefinition[]) => new Map(metrics.map((m) => [m.name, m.dataType]));
    index = new Map<string | null, Map<string, SparkplugDataType>>([[null, byName(catalogue.node)], ...catalogue.devices.map((d): [string, Map<string, SparkplugDataType>] => [d.id, byName(d.metrics)])]);
    indexes.set(catalogue, index);
  }
  return index;
}

/**
 * One queued record → its device (null: the edge node) and metric values. Metrics the
 * catalogue does not hold (the config changed since the record was queued) are left out
 * and named in `skipped`; a record none of whose metrics the catalogue holds, an unknown
 * kind, or a payload not of its kind's shape, is an UplinkRecordError.
 */
export function recordToMetrics(record: QueuedRecord, catalogue: MetricCatalogue): { deviceId: string | null; metrics: MetricValue[]; skipped: string[] } {
  const values: [string, number | string | boolean | null, number][] = [];
  const add = (name: string, value: number | string | boolean | null, timestamp: number) => values.push([name, value, timestamp]);
  let deviceId: string | null = record.source === '' ? null : deviceIdOf(record.source);
  switch (record.kind as RecordKind) {
    case 'tag-aggregates': {
      const p = parse(tagAggregatesSchema, record);
      for (const [tag, a] of Object.entries(p.tags)) {
        add(`Tags/${tag}/Min`, a.min, p.to);
        add(`Tags/${tag}/Max`, a.max, p.to);
        add(`Tags/${tag}/Mean`, a.mean, p.to);
        add(`Tags/${tag}/Last`, a.last, p.to);
        add(`Tags/${tag}/GoodFraction`, a.goodFraction, p.to);
      }
      break;
    }
    case 'oee': {
      const p = parse(oeeSchema, record);
      const at = p.span === 'hour' ? 'OEE/Hour' : 'OEE/Shift';
      add(`${at}/Availability`, p.availability, p.to);
      add(`${at}/Performance`, p.performance, p.to);
      add(`${at}/Quality`, p.quality, p.to);
      add(`${at}/OEE`, p.oee, p.to);
      add(`${at}/GoodCount`, p.goodCount === null ? null : Math.round(p.goodCount), p.to);
      add(`${at}/TotalCount`, p.totalCount === null ? null : Math.round(p.totalCount), p.to);
      add(`${at}/DowntimeSeconds`, p.downtimeSeconds, p.to);
      add(`${at}/PeriodStart`, p.from, p.to);
      if (p.span === 'shift') add('OEE/Shift/Name', p.shift, p.to);
      break;
    }
    case 'alarm': {
      const p = parse(alarmSchema, record);
      const name = alarmMetricName(p.alarmId, record.source);
      add(`Alarms/${name}/State`, p.to, p.at);
      add(`Alarms/${name}/Priority`, p.priority, p.at);
      break;
    }
    case 'health': {
      const p = parse(healthSchema, record);
      add('Health/Index', p.health, record.ts);
      add('Health/Status', p.condition, record.ts);
      add('Health/Zone', p.zone, record.ts);
      add('Health/VelocityRmsMmS', p.velocityRmsMmS, record.ts);
      add('Health/Defect', p.defect, record.ts);
      add('Health/RemainingLife', p.remainingLife, record.ts);
      break;
    }
    case 'work-request': {
      const p = parse(workRequestSchema, record);
      add('Maintenance/WorkRequest', JSON.stringify(record.payload), p.raisedAt);
      break;
    }
    case 'work-request-ack': {
      const p = parse(workRequestAckSchema, record);
      add('Maintenance/WorkRequestAck', JSON.stringify(record.payload), p.at);
      break;
    }
    case 'system': {
      const p = parse(systemSchema, record);
      deviceId = null;
      for (const driver of p.drivers) add(`System/Drivers/${driver.deviceId}/State`, driver.state, record.ts);
      add('System/Historian/State', p.historian, record.ts);
      add('System/Uplink/QueueDepth', p.queueRecords, record.ts);
      add('System/Uplink/QueueBytes', p.queueBytes, record.ts);
      add('System/Uplink/QueueDropped', p.queueDropped, record.ts);
      add('System/Uptime', Math.floor(p.uptimeS), record.ts);
      break;
    }
    default:
      throw new UplinkRecordError(`an outbox record of kind "${record.kind}" (source ${record.source || 'the edge node'}) cannot be sent: the uplink knows the kinds ${recordKinds.join(', ')}`);
  }
  const known = indexOf(catalogue).get(deviceId);
  if (!known) throw new UplinkRecordError(`the ${record.kind} record of ${record.source} cannot be sent: device ${deviceId} is not in the metric catalogue (the asset has nothing to send, or the plant config changed since the record was queued)`);
  const metrics: MetricValue[] = [];
  const skipped: string[] = [];
  for (const [name, value, timestamp] of values) {
    const dataType = known.get(name);
    if (dataType === undefined) skipped.push(name);
    else metrics.push({ name, dataType, value, timestamp });
  }
  if (metrics.length === 0) throw new UplinkRecordError(`the ${record.kind} record of ${record.source || 'the edge node'} cannot be sent: none of its metrics (${skipped.join(', ')}) is in the metric catalogue`);
  return { deviceId, metrics, skipped };
}
