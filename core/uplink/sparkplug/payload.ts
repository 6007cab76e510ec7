/**
 * Sparkplug B payloads ↔ bytes: `encodePayload` for what Lineside publishes, `decodePayload`
 * for what arrives (commands) and for tests. Follows Sparkplug 3.0.0 ch. 6 §6.4 "Sparkplug B
 * MQTT Payload Definition": §6.4.5 Payload, §6.4.6 Metric, §6.4.17 Datatype Details.
 *
 * Decisions:
 * - uint64 (timestamps, seq, alias, Int64/UInt64/DateTime values) is written from a bigint
 *   split into low/high 32-bit words, which protobufjs accepts with or without the `long`
 *   package; it is read back from protobufjs's Long (or number) through the same words. No
 *   value passes through a double on the way, so every integer up to 2^64 − 1 is exact.
 * - Decoded 64-bit values: a number when it is a safe integer (|v| ≤ 2^53 − 1), a bigint
 *   beyond. Timestamps, seq and alias are always numbers; one beyond 2^53 is refused
 *   (`sparkplug-invalid-payload`) rather than rounded.
 * - Signed Int8/Int16/Int32 travel in the uint32 `int_value` as 32-bit two's complement
 *   (−1 → 0xFFFFFFFF), which is how Eclipse Tahu writes and reads them. Reading takes the
 *   low 8/16/32 bits as two's complement, so a sender that zero-extends (−1 → 0xFF) reads
 *   the same.
 * - UInt32 is written to `int_value` (uint32), as §6.4.17 says. Eclipse Tahu (Java, and the
 *   JavaScript `sparkplug-payload` 1.0.3) and older Ignition write and read it in
 *   `long_value` instead, so such a reader sees 0: the mapping layer should prefer Int64 or
 *   UInt64 for counters that go upstream. Reading accepts an integer from either field for
 *   every integer datatype, so Tahu's UInt32 reads correctly here.
 * - Float is float32 on the wire: 0.1 comes back as Math.fround(0.1).
 * - `null` ⇒ `is_null = true` and no value field (the specification's way to say null).
 * - A metric without `datatype` (allowed outside births, e.g. in NCMD) decodes with
 *   `dataType` undefined and the value taken from whichever field is set.
 */
import type { Message } from 'protobufjs';
import { SparkplugError } from './errors.js';
import { PayloadMessage, dataTypeName, dataTypeNumber, dataTypeOfNumber, sparkplugDataTypes, type SparkplugDataType } from './proto.js';

export type { SparkplugDataType } from './proto.js';

export type MetricValue = number | bigint | boolean | string | null;

/** One metric to publish. `name` in births, `alias` in data (the session decides which). */
export interface Metric {
  name?: string;
  alias?: number;
  /** When the value was captured: UTC epoch ms. */
  timestamp: number;
  dataType: SparkplugDataType;
  value: MetricValue;
  isHistorical?: boolean;
  isTransient?: boolean;
}

export interface Payload {
  /** When the message is published: UTC epoch ms. */
  timestamp: number;
  /** 0..255; absent only on NDEATH (and on commands, which Lineside never sends). */
  seq?: number;
  metrics: Metric[];
}

/** A metric as read from the wire: what the sender left out stays undefined. */
export interface DecodedMetric {
  name?: string;
  alias?: number;
  timestamp?: number;
  /** Undefined when the sender left `datatype` out (allowed outside births). */
  dataType?: SparkplugDataType;
  value: MetricValue;
  isHistorical: boolean;
  isTransient: boolean;
}

export interface DecodedPayload {
  timestamp?: number;
  seq?: number;
  uuid?: string;
  metrics: DecodedMetric[];
}

// ---- encoding ----

interface LongBits {
  low: number;
  high: number;
  unsigned: boolean;
}

const carried: ReadonlySet<string> = new Set(sparkplugDataTypes);
const U64_MAX = (1n << 64n) - 1n;
const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;

function toLongBits(value: bigint): LongBits {
  const bits = BigInt.asUintN(64, value);
  return { low: Number(bits & 0xffffffffn) | 0, high: Number(bits >> 32n) | 0, unsigned: true };
}

function invalidMetric(metric: Metric, what: string): SparkplugError {
  return new SparkplugError('sparkplug-invalid-metric', `cannot encode Sparkplug metric ${metric.name ?? `alias ${metric.alias}`}: ${what}`);
}

function wholeMs(value: number, what: string, onError: (what: string) => SparkplugError): LongBits {
  if (!Number.isSafeInteger(value) || value < 0) throw onError(`${what} ${value} is not a whole number of ms ≥ 0`);
  return toLongBits(BigInt(value));
}

const int32Range: Partial<Record<SparkplugDataType, [number, number]>> = {
  Int8: [-128, 127],
  Int16: [-32768, 32767],
  Int32: [-2147483648, 2147483647],
  UInt8: [0, 255],
  UInt16: [0, 65535],
  UInt32: [0, 4294967295],
};

const int64Range: Partial<Record<SparkplugDataType, [bigint, bigint]>> = {
  Int64: [I64_MIN, I64_MAX],
  UInt64: [0n, U64_MAX],
  DateTime: [0n, U64_MAX],
};

function integerOf(metric: Metric): bigint {
  const { value } = metric;
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  throw invalidMetric(metric, `${metric.dataType} needs a whole number (a bigint beyond 2^53), not ${String(value)}`);
}

/** The protobuf value field for a metric's value. */
function valueField(metric: Metric): Record<string, unknown> {
  const { dataType, value } = metric;
  const small = int32Range[dataType];
  if (small) {
    const n = integerOf(metric);
    if (n < BigInt(small[0]) || n > BigInt(small[1])) throw invalidMetric(metric, `${String(value)} is out of the ${dataType} range ${small[0]}..${small[1]}`);
    return { int_value: Number(n) >>> 0 };
  }
  const large = int64Range[dataType];
  if (large) {
    const n = integerOf(metric);
    if (n < large[0] || n > large[1]) throw invalidMetric(metric, `${String(value)} is out of the ${dataType} range`);
    return { long_value: toLongBits(n) };
  }
  switch (dataType) {
    case 'Float':
    case 'Double':
      if (typeof value !== 'number') throw invalidMetric(metric, `${dataType} needs a number, not ${typeof value}`);
      return dataType === 'Float' ? { float_value: value } : { double_value: value };
    case 'Boolean':
      if (typeof value !== 'boolean') throw invalidMetric(metric, `Boolean needs a boolean, not ${typeof value}`);
      return { boolean_value: value };
    case 'String':
    case 'Text':
      if (typeof value !== 'string') throw invalidMetric(metric, `${dataType} needs a string, not ${typeof value}`);
      return { string_value: value };
    default:
      throw invalidMetric(metric, `unknown datatype ${String(dataType)}`);
  }
}

function encodeMetric(metric: Metric): Record<string, unknown> {
  if (!carried.has(metric.dataType)) throw invalidMetric(metric, `unknown datatype ${String(metric.dataType)}`);
  const out: Record<string, unknown> = {};
  if (metric.name !== undefined) out.name = metric.name;
  if (metric.alias !== undefined) {
    if (!Number.isSafeInteger(metric.alias) || metric.alias < 0) throw invalidMetric(metric, `alias ${metric.alias} is not a whole number ≥ 0`);
    out.alias = toLongBits(BigInt(metric.alias));
  }
  if (metric.name === undefined && metric.alias === undefined) throw invalidMetric(metric, 'a metric needs a name or an alias');
  out.timestamp = wholeMs(metric.timestamp, 'timestamp', (what) => invalidMetric(metric, what));
  out.datatype = dataTypeNumber(metric.dataType);
  if (metric.isHistorical) out.is_historical = true;
  if (metric.isTransient) out.is_transient = true;
  if (metric.value === null) out.is_null = true;
  else Object.assign(out, valueField(metric));
  return out;
}

/** Why a metric cannot be encoded (the message `encodePayload` would throw), or undefined when it can. */
export function metricProblem(metric: Metric): string | undefined {
  try {
    encodeMetric(metric);
    return undefined;
  } catch (error) {
    if (error instanceof SparkplugError) return error.message;
    throw error;
  }
}

/** The bytes of a Sparkplug B payload. Throws `sparkplug-invalid-metric` when a value does not fit its datatype. */
export function encodePayload(payload: Payload): Uint8Array {
  const invalid = (what: string) => new SparkplugError('sparkplug-invalid-metric', `cannot encode Sparkplug payload: ${what}`);
  const message: Record<string, unknown> = { timestamp: wholeMs(payload.timestamp, 'timestamp', invalid), metrics: payload.metrics.map(encodeMetric) };
  if (payload.seq !== undefined) {
    if (!Number.isInteger(payload.seq) || payload.seq < 0 || payload.seq > 255) throw invalid(`seq ${payload.seq} is not in 0..255`);
    message.seq = toLongBits(BigInt(payload.seq));
  }
  return PayloadMessage.encode(PayloadMessage.create(message)).finish();
}

// ---- decoding ----

function invalidPayload(what: string): SparkplugError {
  return new SparkplugError('sparkplug-invalid-payload', `not a readable Sparkplug B payload: ${what}`);
}

/** A uint64 as protobufjs hands it out (a Long, or a number without the `long` package) → bigint, unsigned. */
function u64(value: unknown, what: string): bigint {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw invalidPayload(`${what} ${value} lost precision`);
    return BigInt(value);
  }
  if (typeof value === 'object' && value !== null && 'low' in value && 'high' in value) {
    const { low, high } = value as { low: number; high: number };
    return (BigInt(high >>> 0) << 32n) | BigInt(low >>> 0);
  }
  throw invalidPayload(`${what} is not an integer`);
}

function safeNumber(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw invalidPayload(`${what} ${value} is beyond 2^53`);
  return Number(value);
}

function numberOrBigint(value: bigint): number | bigint {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

type WireMetric = Record<string, unknown>;

const valueFields = ['int_value', 'long_value', 'float_value', 'double_value', 'boolean_value', 'string_value', 'bytes_value', 'dataset_value', 'template_value', 'extension_value'] as const;

function setField(metric: WireMetric): (typeof valueFields)[number] | undefined {
  return valueFields.find((field) => Object.hasOwn(metric, field));
}

/** The raw integer of a metric whose datatype is an integer type, from either integer field. */
function wireInteger(metric: WireMetric, field: string, label: string): bigint {
  if (field === 'int_value') return BigInt((metric.int_value as number) >>> 0);
  if (field === 'long_value') return u64(metric.long_value, `${label} value`);
  throw invalidPayload(`${label} has an integer datatype but its value is in ${field}`);
}

function decodeValue(metric: WireMetric, dataType: SparkplugDataType | undefined, label: string): MetricValue {
  if (metric.is_null === true) return null;
  const field = setField(metric);
  if (field === undefined) return null;
  if (dataType === undefined) {
    switch (field) {
      case 'int_value':
        return (metric.int_value as number) >>> 0;
      case 'long_value':
        return numberOrBigint(u64(metric.long_value, `${label} value`));
      case 'float_value':
      case 'double_value':
      case 'boolean_value':
      case 'string_value':
        return metric[field] as number | boolean | string;
      default:
        throw new SparkplugError('sparkplug-unsupported-datatype', `${label}: a ${field} value is not carried by Lineside`);
    }
  }
  const small = int32Range[dataType];
  if (small) {
    const raw = wireInteger(metric, field, label);
    if (small[0] < 0) {
      const bits = dataType === 'Int8' ? 8 : dataType === 'Int16' ? 16 : 32;
      return Number(BigInt.asIntN(bits, raw));
    }
    if (raw > BigInt(small[1])) throw invalidPayload(`${label}: ${raw} is out of the ${dataType} range`);
    return Number(raw);
  }
  if (int64Range[dataType]) {
    const raw = wireInteger(metric, field, label);
    return numberOrBigint(dataType === 'Int64' ? BigInt.asIntN(64, raw) : raw);
  }
  const expected: Record<string, string[]> = {
    Float: ['float_value', 'double_value'],
    Double: ['double_value', 'float_value'],
    Boolean: ['boolean_value'],
    String: ['string_value'],
    Text: ['string_value'],
  };
  if (!expected[dataType]?.includes(field)) throw invalidPayload(`${label}: a ${dataType} value in ${field}`);
  return metric[field] as number | boolean | string;
}

function decodeMetric(metric: WireMetric, index: number): DecodedMetric {
  const label = `metric ${typeof metric.name === 'string' ? `"${metric.name}"` : `#${index}`}`;
  let dataType: SparkplugDataType | undefined;
  if (Object.hasOwn(metric, 'datatype')) {
    const code = metric.datatype as number;
    dataType = dataTypeOfNumber(code);
    if (dataType === undefined) throw new SparkplugError('sparkplug-unsupported-datatype', `${label}: datatype ${dataTypeName(code)} is not carried by Lineside`);
  }
  const out: DecodedMetric = { value: decodeValue(metric, dataType, label), isHistorical: metric.is_historical === true, isTransient: metric.is_transient === true };
  if (dataType !== undefined) out.dataType = dataType;
  if (Object.hasOwn(metric, 'name')) out.name = metric.name as string;
  if (Object.hasOwn(metric, 'alias')) out.alias = safeNumber(u64(metric.alias, `${label} alias`), `${label} alias`);
  if (Object.hasOwn(metric, 'timestamp')) out.timestamp = safeNumber(u64(metric.timestamp, `${label} timestamp`), `${label} timestamp`);
  return out;
}

/** Reads a Sparkplug B payload. Throws `sparkplug-invalid-payload` or `sparkplug-unsupported-datatype`. */
export function decodePayload(bytes: Uint8Array): DecodedPayload {
  let message: Message & Record<string, unknown>;
  try {
    message = PayloadMessage.decode(bytes) as Message & Record<string, unknown>;
  } catch (error) {
    throw invalidPayload(error instanceof Error ? error.message : String(error));
  }
  const metrics = Array.isArray(message.metrics) ? (message.metrics as WireMetric[]) : [];
  const out: DecodedPayload = { metrics: metrics.map(decodeMetric) };
  if (Object.hasOwn(message, 'timestamp')) out.timestamp = safeNumber(u64(message.timestamp, 'payload timestamp'), 'payload timestamp');
  if (Object.hasOwn(message, 'seq')) out.seq = safeNumber(u64(message.seq, 'seq'), 'seq');
  if (Object.hasOwn(message, 'uuid')) out.uuid = message.uuid as string;
  return out;
}
