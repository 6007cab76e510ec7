/**
 * The bandwidth the uplink's summaries need, from the config and the metric catalogue
 * alone (pure): per line and for the edge node, per kind of message, how many messages an
 * hour times their encoded size, and a paragraph for people that states it.
 *
 * How a message is counted (bytes on the wire inside TCP, MQTT 3.1.1):
 * - A Sparkplug metric in DDATA/NDATA goes by alias, without its name: alias (field tag +
 *   varint of the alias; aliases are counted as 1…N over the node's metrics), timestamp
 *   (tag + 6-byte varint of epoch ms), datatype (tag + 1), and the value: a Double 1 + 8, an
 *   Int64 or DateTime 1 + its varint, a String 1 + varint(length) + length, a null
 *   `is_null` 1 + 1. Each metric is length-delimited in the payload (1 + varint(size)).
 * - The payload adds its timestamp (1 + 6) and seq (1 + 1.5: the varint of 0–255 averages
 *   1.5 bytes over the cycle).
 * - The MQTT PUBLISH adds its fixed header (1 + varint of the remaining length), the topic
 *   (2 + `spBv1.0/<group>/DDATA/<edge node>/<device>`) and, at QoS 1, the packet id (2).
 * - Over TLS (mqtts://) each message is one TLS 1.3 record: 22 bytes more (5 header, 1 inner
 *   type, 16 AEAD tag). TCP/IP headers, PUBACKs (inbound) and the backlog's `is_historical`
 *   flag (2 bytes a metric, only while catching up) are not counted.
 * - Values that vary are taken at a typical size (TYPICAL below); alarms at an assumed rate.
 * - Births (NBIRTH, DBIRTH: names, datatypes and properties; values counted as null) are
 *   not hourly: they are given apart, as the cost of each (re)connect.
 * Work requests are left out: a few a month, about 1.5 kB each.
 */
import { metricCatalogue, type MetricCatalogue, type MetricDefinition, type SparkplugDataType } from './metrics.js';
import type { Plant, UplinkSettings } from '../model/plant.js';

/** Typical sizes of values that vary: varint bytes of counts, characters of texts. */
export const TYPICAL = {
  /** A count per hour or shift, a queue depth, uptime in s: a 3-byte varint (up to 2 M). */
  int64Bytes: 3,
  /** Epoch ms: a 6-byte varint. */
  dateTimeBytes: 6,
  alarmStateChars: 14,
  alarmPriorityChars: 6,
  healthStatusChars: 7,
  healthZoneChars: 1,
  healthDefectChars: 10,
  remainingLifeChars: 60,
  driverStateChars: 7,
  historianStateChars: 2,
} as const;

export interface BandwidthAssumptions {
  /** Alarm activations an hour on a line: EEMUA 191's "manageable" average is 6 an hour per operator. */
  alarmActivationsPerHourPerLine: number;
  /** Transitions per activation sent up: activated, acknowledged, returned. */
  transitionsPerActivation: number;
}

export const defaultAssumptions: BandwidthAssumptions = { alarmActivationsPerHourPerLine: 6, transitionsPerActivation: 3 };

/** One kind of message: `count` things (tags, assets, drivers) behind it. */
export interface TrafficItem {
  what: 'tag aggregates' | 'OEE per hour' | 'OEE per shift' | 'alarm transitions' | 'asset health' | 'system health';
  count: number;
  /** Minutes between messages (null for alarms: a rate). */
  everyMinutes: number | null;
  messagesPerHour: number;
  metricsPerHour: number;
  bytesPerHour: number;
}

export interface NodeBandwidth {
  items: TrafficItem[];
  bytesPerHour: number;
  /** Births of every device of the line (or the NBIRTH of the node), sent on each (re)connect. */
  birthBytes: number;
}

export interface LineBandwidth extends NodeBandwidth {
  line: string;
  name: string;
}

export interface BandwidthEstimate {
  lines: LineBandwidth[];
  node: NodeBandwidth;
  totalBytesPerHour: number;
  tls: boolean;
  assumptions: BandwidthAssumptions;
}

export function varintSize(value: number): number {
  let n = 1;
  for (let v = Math.floor(Math.max(0, value) / 128); v > 0; v = Math.floor(v / 128)) n++;
  return n;
}

const TIMESTAMP = 1 + 6;
const SEQ = 1 + 1.5;

/** A value's bytes in a Metric or PropertyValue: the field tag and the value (a null: `is_null`). */
function valueBytes(dataType: SparkplugDataType, size: number | null): number {
  if (size === null) return 1 + 1;
  switch (dataType) {
    case 'Double':
      return 1 + 8;
    case 'Float':
      return 1 + 4;
    case 'Boolean':
      return 1 + 1;
    case 'String':
    case 'Text':
      return 1 + varintSize(size) + size;
    default:
      // Int32, Int64, UInt32, UInt64, DateTime: `size` is the varint's bytes.
      return 1 + size;
  }
}

/** A length-delimited field: tag, length, content. */
const delimited = (content: number) => 1 + varintSize(content) + content;

/** A metric as data: alias, timestamp, datatype, value; delimited in the payload. */
export function dataMetricBytes(alias: number, dataType: SparkplugDataType, size: number | null): number {
  return delimited(1 + varintSize(alias) + TIMESTAMP + 2 + valueBytes(dataType, size));
}

/** A metric in a birth: its name too, and its properties; the value counted as null. */
export function birthMetricBytes(alias: number, metric: MetricDefinition): number {
  const name = delimited(Buffer.byteLength(metric.name));
  const properties = Object.entries(metric.properties ?? {});
  const set = properties.reduce((n, [key, p]) => n + delimited(Buffer.byteLength(key)) + delimited(2 + valueBytes(p.dataType, typeof p.value === 'string' ? Buffer.byteLength(p.value) : 8)), 0);
  return delimited(name + 1 + varintSize(alias) + TIMESTAMP + 2 + 2 + (properties.length > 0 ? delimited(set) : 0));
}

/** An MQTT PUBLISH of a payload on a topic (plus the TLS record when over TLS). */
export function publishBytes(topic: string, payload: number, qos: 0 | 1, tls: boolean): number {
  const remaining = 2 + Buffer.byteLength(topic) + (qos > 0 ? 2 : 0) + payload;
  return 1 + varintSize(remaining) + remaining + (tls ? 22 : 0);
}

/** A DDATA/NDATA message of these metrics (data type and typical value size each). */
function messageBytes(topic: string, metrics: readonly [SparkplugDataType, number | null][], alias: number, settings: UplinkSettings): number {
  const payload = TIMESTAMP + SEQ + metrics.reduce((n, [dataType, size]) => n + dataMetricBytes(alias, dataType, size), 0);
  return publishBytes(topic, payload, settings.qos, settings.brokerUrl.startsWith('mqtts:'));
}

const str = (chars: number): [SparkplugDataType, number] => ['String', chars];
const dbl: [SparkplugDataType, number] = ['Double', 8];
const int64: [SparkplugDataType, number] = ['Int64', TYPICAL.int64Bytes];

export function estimateBandwidth(plant: Plant, settings: UplinkSettings, options: { catalogue?: MetricCatalogue; assumptions?: BandwidthAssumptions } = {}): BandwidthEstimate {
  const catalogue = options.catalogue ?? metricCatalogue(plant, settings);
  const assumptions = options.assumptions ?? defaultAssumptions;
  const tls = settings.brokerUrl.startsWith('mqtts:');
  // The largest alias: every metric of the node numbered 1…N.
  const alias = catalogue.node.length + catalogue.devices.reduce((n, d) => n + d.metrics.length, 0) + 2;
  const topic = (type: string, device?: string) => `spBv1.0/${settings.groupId}/${type}/${settings.edgeNodeId}${device === undefined ? '' : `/${device}`}`;
  const perHour = (minutes: number) => 60 / minutes;
  const s = settings.summaries;
  const shiftNames = plant.oee?.calendar.shifts.map((shift) => shift.name) ?? [];
  // Shift instances a week (holidays aside) over the 168 hours of a week.
  const shiftsPerHour = (plant.oee?.calendar.shifts.reduce((n, shift) => n + shift.days.length, 0) ?? 0) / 168;
  const shiftNameChars = Math.max(0, ...shiftNames.map((name) => Buffer.byteLength(name)));

  const lines = plant.lines.map((line): LineBandwidth => {
    const devices = catalogue.devices.filter((d) => line.assets.some((a) => a.path === d.asset));
    const items: TrafficItem[] = [];
    const add = (what: TrafficItem['what'], count: number, everyMinutes: number | null, parts: { messagesPerHour: number; metrics: number; bytes: number }[]) => {
      if (parts.length === 0 || count === 0) return;
      const sum = (f: (p: (typeof parts)[number]) => number) => parts.reduce((n, p) => n + f(p), 0);
      items.push({ what, count, everyMinutes, messagesPerHour: sum((p) => p.messagesPerHour), metricsPerHour: sum((p) => p.messagesPerHour * p.metrics), bytesPerHour: sum((p) => p.messagesPerHour * p.bytes) });
    };
    const has = (d: (typeof devices)[number], prefix: string) => d.metrics.some((m) => m.name.startsWith(prefix));
    const message = (d: (typeof devices)[number], metrics: [SparkplugDataType, number | null][], messagesPerHour: number) => ({ messagesPerHour, metrics: metrics.length, bytes: messageBytes(topic('DDATA', d.id), metrics, alias, settings) });

    const aggregateMinutes = s.tagAggregatesMs / 60_000;
    const withTags = devices.filter((d) => has(d, 'Tags/'));
    const tagCount = (d: (typeof devices)[number]) => d.metrics.filter((m) => m.name.startsWith('Tags/')).length / 5;
    add('tag aggregates', withTags.reduce((n, d) => n + tagCount(d), 0), aggregateMinutes, withTags.map((d) => message(d, Array.from({ length: tagCount(d) * 5 }, () => dbl), perHour(aggregateMinutes))));

    const withOee = devices.filter((d) => has(d, 'OEE/'));
    const oeeMetrics: [SparkplugDataType, number | null][] = [dbl, dbl, dbl, dbl, int64, int64, dbl, ['DateTime', TYPICAL.dateTimeBytes]];
    add('OEE per hour', withOee.length, 60, withOee.map((d) => message(d, oeeMetrics, 1)));
    add('OEE per shift', withOee.length, shiftsPerHour > 0 ? 60 / shiftsPerHour : null, withOee.map((d) => message(d, [...oeeMetrics, str(shiftNameChars)], shiftsPerHour)));

    const withAlarms = devices.filter((d) => has(d, 'Alarms/'));
    const transitions = assumptions.alarmActivationsPerHourPerLine * assumptions.transitionsPerActivation;
    const alarmCount = withAlarms.reduce((n, d) => n + d.metrics.filter((m) => m.name.startsWith('Alarms/')).length / 2, 0);
    // The assumed rate spread over the line's assets by their share of its alarms.
    add('alarm transitions', alarmCount, null, withAlarms.map((d) => message(d, [str(TYPICAL.alarmStateChars), str(TYPICAL.alarmPriorityChars)], (transitions * d.metrics.filter((m) => m.name.startsWith('Alarms/')).length) / 2 / alarmCount)));

    const withHealth = devices.filter((d) => has(d, 'Health/'));
    const healthMinutes = s.healthMs / 60_000;
    const healthMetrics: [SparkplugDataType, number | null][] = [dbl, str(TYPICAL.healthStatusChars), str(TYPICAL.healthZoneChars), dbl, str(TYPICAL.healthDefectChars), str(TYPICAL.remainingLifeChars)];
    add('asset health', withHealth.length, healthMinutes, withHealth.map((d) => message(d, healthMetrics, perHour(healthMinutes))));

    const birthBytes = devices.reduce((n, d) => n + publishBytes(topic('DBIRTH', d.id), TIMESTAMP + SEQ + d.metrics.reduce((m, metric) => m + birthMetricBytes(alias, metric), 0), settings.qos, tls), 0);
    return { line: line.path, name: line.name, items, bytesPerHour: items.reduce((n, i) => n + i.bytesPerHour, 0), birthBytes };
  });

  const systemMinutes = s.systemMs / 60_000;
  const systemMetrics: [SparkplugDataType, number | null][] = [
    ...plant.devices.map(() => str(TYPICAL.driverStateChars)),
    str(TYPICAL.historianStateChars),
    int64,
    ['Int64', 4],
    ['Int64', 1],
    ['Int64', 4],
  ];
  const systemBytes = messageBytes(topic('NDATA'), systemMetrics, alias, settings);
  const nodeItems: TrafficItem[] = [{ what: 'system health', count: plant.devices.length, everyMinutes: systemMinutes, messagesPerHour: perHour(systemMinutes), metricsPerHour: perHour(systemMinutes) * systemMetrics.length, bytesPerHour: perHour(systemMinutes) * systemBytes }];
  // NBIRTH: the node's metrics plus the session's bdSeq and Node Control/Rebirth.
  const sessionMetrics: MetricDefinition[] = [{ name: 'bdSeq', dataType: 'UInt64' }, { name: 'Node Control/Rebirth', dataType: 'Boolean' }];
  const node: NodeBandwidth = {
    items: nodeItems,
    bytesPerHour: nodeItems[0]!.bytesPerHour,
    birthBytes: publishBytes(topic('NBIRTH'), TIMESTAMP + SEQ + [...catalogue.node, ...sessionMetrics].reduce((n, m) => n + birthMetricBytes(alias, m), 0), settings.qos, tls),
  };
  return { lines, node, totalBytesPerHour: lines.reduce((n, l) => n + l.bytesPerHour, 0) + node.bytesPerHour, tls, assumptions };
}

/** "1.9 MB", "840 kB", "96 B" (decimal units). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(bytes >= 1e7 ? 0 : 1)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(bytes >= 1e4 ? 0 : 1)} kB`;
  return `${Math.round(bytes)} B`;
}

function itemText(item: TrafficItem): string {
  const every = (minutes: number | null, unit: string) => (minutes === 1 ? `each ${unit}` : `every ${minutes} ${unit}s`);
  const size = `(${formatBytes(item.bytesPerHour)}/h)`;
  const plural = (n: number, word: string) => `${Math.round(n * 10) / 10} ${word}${n === 1 ? '' : 's'}`;
  switch (item.what) {
    case 'tag aggregates':
      return `${plural(item.count, 'tag')} × 5 aggregates ${every(item.everyMinutes, 'minute')} ${size}`;
    case 'OEE per hour':
      return `OEE of ${plural(item.count, 'asset')} each hour ${size}`;
    case 'OEE per shift':
      return `and each shift ${size}`;
    case 'alarm transitions':
      return `~${Math.round(item.messagesPerHour)} alarm transitions an hour over ${plural(item.count, 'alarm')} (assumed) ${size}`;
    case 'asset health':
      return `health of ${plural(item.count, 'asset')} ${every(item.everyMinutes, 'minute')} ${size}`;
    case 'system health':
      return `system health with ${plural(item.count, 'driver')} ${every(item.everyMinutes, 'minute')} ${size}`;
  }
}

/** One paragraph for people: per line, the node, the total, and what it assumes. */
export function describeBandwidth(estimate: BandwidthEstimate): string {
  const lines = estimate.lines
    .filter((line) => line.items.length > 0)
    .map((line) => `≈ ${formatBytes(line.bytesPerHour)}/h for ${line.line}: ${line.items.map(itemText).join(', ')}`);
  const node = `the edge node's ${itemText(estimate.node.items[0]!)}`;
  const births = estimate.lines.reduce((n, l) => n + l.birthBytes, estimate.node.birthBytes);
  const a = estimate.assumptions;
  return (
    `${lines.length > 0 ? `${lines.join('; ')}; plus ` : ''}${node}. ` +
    `In all ≈ ${formatBytes(estimate.totalBytesPerHour)}/h (${formatBytes(estimate.totalBytesPerHour * 24)} a day) of MQTT${estimate.tls ? ' over TLS' : ''}, TCP/IP headers not counted; ` +
    `each (re)connect adds ≈ ${formatBytes(births)} of birth certificates. ` +
    `Alarms assume ${a.alarmActivationsPerHourPerLine} activations an hour per line (EEMUA 191's manageable rate), ${a.transitionsPerActivation} transitions each; ` +
    'a backlog sent after an outage adds what was queued meanwhile.'
  );
}
