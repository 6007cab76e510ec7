import { describe, expect, it } from 'vitest';
import { decodePayload, encodePayload, metricProblem, type Metric, type MetricValue } from './payload.js';
import { PayloadMessage, type SparkplugDataType } from './proto.js';

const T = 1_717_171_717_171;
const MAX_SAFE = Number.MAX_SAFE_INTEGER; // 2^53 − 1

// Every carried datatype at its edges; [type, value written, value read back].
const cases: [SparkplugDataType, MetricValue, MetricValue][] = [
  ['Int8', -128, -128], ['Int8', 127, 127], ['Int8', -1, -1], ['Int8', 0, 0],
  ['Int16', -32768, -32768], ['Int16', 32767, 32767], ['Int16', -2, -2],
  ['Int32', -2147483648, -2147483648], ['Int32', 2147483647, 2147483647], ['Int32', -123456, -123456],
  ['Int64', -(2n ** 63n), -(2n ** 63n)], ['Int64', 2n ** 63n - 1n, 2n ** 63n - 1n], ['Int64', -1, -1], ['Int64', -MAX_SAFE, -MAX_SAFE], ['Int64', MAX_SAFE, MAX_SAFE], ['Int64', 42n, 42],
  ['UInt8', 0, 0], ['UInt8', 255, 255],
  ['UInt16', 65535, 65535],
  ['UInt32', 4294967295, 4294967295], ['UInt32', 0, 0],
  ['UInt64', 2n ** 64n - 1n, 2n ** 64n - 1n], ['UInt64', MAX_SAFE, MAX_SAFE], ['UInt64', 2n ** 53n, 2n ** 53n], ['UInt64', 0, 0],
  ['Float', 0.1, Math.fround(0.1)], ['Float', -3.5, -3.5], ['Float', Infinity, Infinity],
  ['Double', 0.1, 0.1], ['Double', -1e308, -1e308], ['Double', Number.MIN_VALUE, Number.MIN_VALUE],
  ['Boolean', true, true], ['Boolean', false, false],
  ['String', '', ''], ['String', 'Füllstand ✓ 𝄞', 'Füllstand ✓ 𝄞'],
  ['DateTime', T, T], ['DateTime', MAX_SAFE, MAX_SAFE],
  ['Text', 'a longer text\nwith lines', 'a longer text\nwith lines'],
];

const allTypes: SparkplugDataType[] = ['Int8', 'Int16', 'Int32', 'Int64', 'UInt8', 'UInt16', 'UInt32', 'UInt64', 'Float', 'Double', 'Boolean', 'String', 'DateTime', 'Text'];

function roundTrip(metric: Metric) {
  const decoded = decodePayload(encodePayload({ timestamp: T, seq: 7, metrics: [metric] }));
  expect(decoded.timestamp).toBe(T);
  expect(decoded.seq).toBe(7);
  expect(decoded.metrics).toHaveLength(1);
  return decoded.metrics[0]!;
}

describe('encodePayload / decodePayload', () => {
  it.each(cases)('%s %s round-trips', (dataType, value, expected) => {
    const metric = roundTrip({ name: 'm', alias: 3, timestamp: T, dataType, value });
    expect(metric).toEqual({ name: 'm', alias: 3, timestamp: T, dataType, value: expected, isHistorical: false, isTransient: false });
  });

  it.each(allTypes)('null %s round-trips as is_null, with no value field on the wire', (dataType) => {
    const bytes = encodePayload({ timestamp: T, seq: 0, metrics: [{ name: 'n', timestamp: T, dataType, value: null }] });
    const wire = PayloadMessage.toObject(PayloadMessage.decode(bytes), { oneofs: true }) as { metrics: Record<string, unknown>[] };
    expect(wire.metrics[0]!.is_null).toBe(true);
    expect(wire.metrics[0]!.value).toBeUndefined();
    expect(decodePayload(bytes).metrics[0]).toMatchObject({ dataType, value: null });
  });

  it('keeps uint64 timestamps, seq and aliases exact up to 2^53 − 1', () => {
    const decoded = decodePayload(encodePayload({ timestamp: MAX_SAFE, seq: 255, metrics: [{ alias: MAX_SAFE, timestamp: MAX_SAFE - 1, dataType: 'Boolean', value: true }] }));
    expect(decoded).toEqual({ timestamp: MAX_SAFE, seq: 255, metrics: [{ alias: MAX_SAFE, timestamp: MAX_SAFE - 1, dataType: 'Boolean', value: true, isHistorical: false, isTransient: false }] });
  });

  it('writes is_historical and is_transient', () => {
    expect(roundTrip({ alias: 1, timestamp: T, dataType: 'Double', value: 1.5, isHistorical: true, isTransient: true })).toMatchObject({ isHistorical: true, isTransient: true });
  });

  it('leaves seq out when not given (NDEATH)', () => {
    const decoded = decodePayload(encodePayload({ timestamp: T, metrics: [] }));
    expect(decoded).toEqual({ timestamp: T, metrics: [] });
  });

  it('writes the specification value field for each datatype (UInt32 in int_value, 64-bit in long_value)', () => {
    const fieldOf = (dataType: SparkplugDataType, value: MetricValue) => {
      const bytes = encodePayload({ timestamp: T, metrics: [{ name: 'x', timestamp: T, dataType, value }] });
      return (PayloadMessage.toObject(PayloadMessage.decode(bytes), { oneofs: true }) as { metrics: { value: string }[] }).metrics[0]!.value;
    };
    expect(['Int8', 'Int16', 'Int32', 'UInt8', 'UInt16', 'UInt32'].map((t) => fieldOf(t as SparkplugDataType, 1))).toEqual(Array(6).fill('int_value'));
    expect(['Int64', 'UInt64', 'DateTime'].map((t) => fieldOf(t as SparkplugDataType, 1))).toEqual(Array(3).fill('long_value'));
    expect([fieldOf('Float', 1), fieldOf('Double', 1), fieldOf('Boolean', true), fieldOf('String', 's'), fieldOf('Text', 't')]).toEqual(['float_value', 'double_value', 'boolean_value', 'string_value', 'string_value']);
  });

  it('writes negative Int8/16/32 as 32-bit two\'s complement in the uint32 field', () => {
    const bytes = encodePayload({ timestamp: T, metrics: [{ name: 'x', timestamp: T, dataType: 'Int8', value: -1 }] });
    expect((PayloadMessage.decode(bytes) as unknown as { metrics: { int_value: number }[] }).metrics[0]!.int_value).toBe(0xffffffff);
  });

  describe('refuses what does not fit', () => {
    const bad: [SparkplugDataType, MetricValue][] = [
      ['Int8', 128], ['Int8', -129], ['Int16', 40000], ['Int32', 2 ** 31], ['UInt8', -1], ['UInt8', 256], ['UInt16', 65536], ['UInt32', 2 ** 32], ['UInt32', -1],
      ['Int64', 2n ** 63n], ['UInt64', -1], ['UInt64', 2n ** 64n], ['Int64', 1.5], ['Int32', 2 ** 53 + 2], ['DateTime', -1],
      ['Float', '1'], ['Double', true], ['Boolean', 1], ['String', 5], ['Text', 5n],
    ];
    it.each(bad)('%s %s', (dataType, value) => {
      const metric: Metric = { name: 'x', timestamp: T, dataType, value };
      expect(() => encodePayload({ timestamp: T, metrics: [metric] })).toThrowError(expect.objectContaining({ code: 'sparkplug-invalid-metric' }));
      expect(metricProblem(metric)).toMatch(/cannot encode Sparkplug metric x/);
    });

    it('a timestamp that is not whole ms ≥ 0, a seq outside 0..255, a metric with neither name nor alias, an unknown datatype', () => {
      const ok: Metric = { name: 'x', timestamp: T, dataType: 'Boolean', value: true };
      for (const payload of [
        { timestamp: -1, metrics: [ok] },
        { timestamp: 1.5, metrics: [ok] },
        { timestamp: 2 ** 53, metrics: [ok] },
        { timestamp: T, seq: 256, metrics: [ok] },
        { timestamp: T, seq: -1, metrics: [ok] },
        { timestamp: T, metrics: [{ ...ok, timestamp: NaN }] },
        { timestamp: T, metrics: [{ timestamp: T, dataType: 'Boolean' as const, value: true }] },
        { timestamp: T, metrics: [{ ...ok, alias: -1 }] },
        { timestamp: T, metrics: [{ ...ok, dataType: 'DataSet' as SparkplugDataType, value: null }] },
      ]) {
        expect(() => encodePayload(payload), JSON.stringify(payload)).toThrowError(expect.objectContaining({ code: 'sparkplug-invalid-metric' }));
      }
      expect(metricProblem(ok)).toBeUndefined();
    });
  });

  describe('reads what other senders write', () => {
    const wire = (metric: Record<string, unknown>, payload: Record<string, unknown> = {}) => PayloadMessage.encode(PayloadMessage.create({ timestamp: T, metrics: [metric], ...payload })).finish();

    it('a zero-extended negative Int8/Int16 (0xFF, 0xFFFE)', () => {
      expect(decodePayload(wire({ alias: 1, datatype: 1, int_value: 0xff })).metrics[0]!.value).toBe(-1);
      expect(decodePayload(wire({ alias: 1, datatype: 2, int_value: 0xfffe })).metrics[0]!.value).toBe(-2);
    });

    it('UInt32 in long_value (Eclipse Tahu, Ignition) and Int32 in long_value', () => {
      expect(decodePayload(wire({ alias: 1, datatype: 7, long_value: 4294967295 })).metrics[0]!.value).toBe(4294967295);
      expect(decodePayload(wire({ alias: 1, datatype: 3, long_value: { low: -5, high: -1, unsigned: true } })).metrics[0]!.value).toBe(-5);
    });

    it('a metric without datatype (allowed in NCMD): the value from whichever field is set', () => {
      expect(decodePayload(wire({ name: 'Node Control/Rebirth', boolean_value: true })).metrics[0]).toEqual({ name: 'Node Control/Rebirth', value: true, isHistorical: false, isTransient: false });
      expect(decodePayload(wire({ alias: 4, long_value: 12 })).metrics[0]).toMatchObject({ alias: 4, value: 12 });
    });

    it('no timestamp and no seq stay undefined (NCMD, DCMD)', () => {
      const bytes = PayloadMessage.encode(PayloadMessage.create({ metrics: [{ alias: 2, datatype: 11, boolean_value: true }] })).finish();
      expect(decodePayload(bytes)).toEqual({ metrics: [{ alias: 2, dataType: 'Boolean', value: true, isHistorical: false, isTransient: false }] });
    });

    it('a uint64 beyond 2^53 as a value is a bigint; as a timestamp or alias it is refused', () => {
      expect(decodePayload(wire({ alias: 1, datatype: 13, long_value: { low: 0, high: 0x00200000, unsigned: true } })).metrics[0]!.value).toBe(2n ** 53n);
      expect(() => decodePayload(wire({ alias: 1, datatype: 11, boolean_value: true }, { timestamp: { low: 0, high: 0x00200000, unsigned: true } }))).toThrowError(expect.objectContaining({ code: 'sparkplug-invalid-payload' }));
      expect(() => decodePayload(wire({ alias: { low: 1, high: 0x00200000, unsigned: true }, datatype: 11, boolean_value: true }))).toThrowError(expect.objectContaining({ code: 'sparkplug-invalid-payload' }));
    });

    it('refuses a UInt8 out of range, a value in the wrong field, an unsupported datatype and bytes that are not protobuf', () => {
      expect(() => decodePayload(wire({ alias: 1, datatype: 5, int_value: 256 }))).toThrowError(expect.objectContaining({ code: 'sparkplug-invalid-payload' }));
      expect(() => decodePayload(wire({ alias: 1, datatype: 11, string_value: 'true' }))).toThrowError(expect.objectContaining({ code: 'sparkplug-invalid-payload' }));
      expect(() => decodePayload(wire({ alias: 1, datatype: 12, int_value: 1 }))).toThrowError(expect.objectContaining({ code: 'sparkplug-invalid-payload' }));
      expect(() => decodePayload(wire({ alias: 1, datatype: 16, dataset_value: { num_of_columns: 0 } }))).toThrowError(expect.objectContaining({ code: 'sparkplug-unsupported-datatype', message: expect.stringContaining('DataSet') }));
      expect(() => decodePayload(new Uint8Array([0xff, 0xff, 0xff]))).toThrowError(expect.objectContaining({ code: 'sparkplug-invalid-payload' }));
    });

    it('an empty buffer is an empty payload', () => {
      expect(decodePayload(new Uint8Array())).toEqual({ metrics: [] });
    });
  });
});
