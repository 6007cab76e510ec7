// Acceptance: an independent implementation reads what Lineside publishes, and Lineside reads
// what it publishes. The other side is Eclipse Tahu's JavaScript codec (`sparkplug-payload`,
// its own generated protobuf code, protobufjs 6 and long 4), driven the way a host would:
// births give it the names behind the aliases, DDATA/NDATA are read through that map.
import { createRequire } from 'node:module';
import sparkplug from 'sparkplug-payload';
import { describe, expect, it } from 'vitest';
import { decodePayload, type MetricValue } from './payload.js';
import type { SparkplugDataType } from './proto.js';
import { EdgeNodeSession, REBIRTH_METRIC, type PublishAction, type SessionAction } from './session.js';

const tahu = sparkplug.get('spBv1.0')!;
type TahuPayload = ReturnType<typeof tahu.decodePayload>;
type TahuMetric = NonNullable<TahuPayload['metrics']>[number];

// Tahu's own `long` (4.x), to hand it exact 64-bit values.
const tahuRequire = createRequire(createRequire(import.meta.url).resolve('sparkplug-payload'));
const TahuLong = tahuRequire('long') as { fromString(text: string, unsigned?: boolean): unknown };

const T = 1_717_171_717_171;
const G = 'Plant A';
const N = 'lineside-1';
const DEVICE = 'line1:filler';

/** A Long (any version) → number when safe, else bigint (read as signed 64-bit when asked); anything else unchanged. */
function plain(value: unknown, signed = false): unknown {
  if (value !== null && typeof value === 'object' && 'low' in value && 'high' in value && 'unsigned' in value) {
    const n = signed ? BigInt.asIntN(64, BigInt(String(value))) : BigInt(String(value));
    return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
  }
  return value;
}

interface Seen {
  name: string | undefined;
  alias: unknown;
  timestamp: unknown;
  type: string;
  value: unknown;
  isHistorical: boolean;
}

function seen(metric: TahuMetric): Seen {
  // Tahu makes an Int64 Long signed (toSigned) only when it is an instance of its own long@4.
  // In this install its protobufjs@6 resolves the hoisted long@5, so the Long arrives with the
  // same 64 bits but flagged unsigned: the bits are what is compared, read as signed.
  const value = plain(metric.value, metric.type === 'Int64');
  return { name: metric.name ?? undefined, alias: plain(metric.alias), timestamp: plain(metric.timestamp), type: metric.type, value, isHistorical: metric.isHistorical === true };
}

/** Every carried datatype with a value that exercises it: [name, type, value as written, value as any reader must see it]. */
const everyType: [string, SparkplugDataType, MetricValue, MetricValue][] = [
  ['int8', 'Int8', -5, -5],
  ['int16', 'Int16', -300, -300],
  ['int32', 'Int32', -70_000, -70_000],
  ['int64', 'Int64', -(2n ** 40n), -(2 ** 40)],
  ['int64 min', 'Int64', -(2n ** 63n), -(2n ** 63n)],
  ['uint8', 'UInt8', 200, 200],
  ['uint16', 'UInt16', 60_000, 60_000],
  ['uint64', 'UInt64', 2n ** 64n - 1n, 2n ** 64n - 1n],
  ['uint64 safe', 'UInt64', Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  ['float', 'Float', 1.1, Math.fround(1.1)],
  ['double', 'Double', 0.1, 0.1],
  ['bool', 'Boolean', true, true],
  ['string', 'String', 'Füllstand ✓', 'Füllstand ✓'],
  ['datetime', 'DateTime', T, T],
  ['text', 'Text', 'line one\nline two', 'line one\nline two'],
  ['nothing yet', 'Double', null, null],
];

/** A host's view: births map aliases to names; data is read through the map. */
class TahuHost {
  readonly names = new Map<number, string>();
  readonly types = new Map<number, string>();
  read(action: PublishAction) {
    const payload = tahu.decodePayload(action.payload);
    const metrics = (payload.metrics ?? []).map(seen);
    if (/\/(NBIRTH|DBIRTH)\//.test(action.topic)) {
      for (const m of metrics) {
        this.names.set(m.alias as number, m.name!);
        this.types.set(m.alias as number, m.type);
      }
    }
    return { type: action.topic.split('/')[2], seq: plain(payload.seq), timestamp: plain(payload.timestamp), metrics };
  }
}

function session(overrides: { primaryHostId?: string; bdSeq?: number } = {}) {
  return new EdgeNodeSession({
    groupId: G,
    edgeNodeId: N,
    qos: 1,
    nodeMetrics: [{ name: 'Properties/Software', dataType: 'String', value: () => 'Lineside 0.1.0' }],
    devices: [
      { id: DEVICE, metrics: everyType.map(([name, dataType, value]) => ({ name, dataType, value: () => value })) },
      { id: 'line1:capper', metrics: [{ name: 'count', dataType: 'UInt32', value: () => 4_000_000_000 }] },
    ],
    now: () => T,
    ...overrides,
  });
}

const publishes = (actions: SessionAction[]) => actions.filter((a): a is PublishAction => a.kind === 'publish');

describe('Eclipse Tahu (sparkplug-payload) reads what the session publishes', () => {
  const s = session({ bdSeq: 42 });
  const host = new TahuHost();
  const will = s.willMessage();
  const [nbirth, dbirth, capperBirth] = publishes(s.connected()).map((p) => host.read(p));

  it('NDEATH (the Will): only bdSeq, UInt64, no seq', () => {
    const death = tahu.decodePayload(will.payload);
    expect(plain(death.timestamp)).toBe(T);
    expect(death.seq).toBeUndefined();
    expect(death.metrics?.map(seen)).toEqual([{ name: 'bdSeq', alias: undefined, timestamp: T, type: 'UInt64', value: 42, isHistorical: false }]);
  });

  it('NBIRTH: seq 0, the Will\'s bdSeq, Node Control/Rebirth false, every metric with name, alias and type', () => {
    expect(nbirth).toMatchObject({ type: 'NBIRTH', seq: 0, timestamp: T });
    expect(nbirth!.metrics).toEqual([
      { name: 'bdSeq', alias: 1, timestamp: T, type: 'UInt64', value: 42, isHistorical: false },
      { name: REBIRTH_METRIC, alias: 2, timestamp: T, type: 'Boolean', value: false, isHistorical: false },
      { name: 'Properties/Software', alias: 3, timestamp: T, type: 'String', value: 'Lineside 0.1.0', isHistorical: false },
    ]);
  });

  it('DBIRTH: seq 1, every datatype with its value (null as null), names and aliases', () => {
    expect(dbirth).toMatchObject({ type: 'DBIRTH', seq: 1, timestamp: T });
    expect(dbirth!.metrics).toEqual(everyType.map(([name, type, , value], i) => ({ name, alias: 4 + i, timestamp: T, type, value, isHistorical: false })));
  });

  it('reads the same metrics as Lineside\'s decoder does', () => {
    const ours = decodePayload(publishes(session({ bdSeq: 42 }).connected())[1]!.payload).metrics;
    expect(dbirth!.metrics.map((m) => [m.name, m.alias, m.type, m.value])).toEqual(ours.map((m) => [m.name, m.alias, m.dataType, m.value]));
  });

  it('DDATA (alias only, live and historical) resolves through the births to the same names, types and values', () => {
    const points = everyType.map(([name, , value], i) => ({ name, timestamp: T - 1000 + i, value }));
    for (const historical of [false, true]) {
      const action = publishes(s.data(DEVICE, points, { historical }))[0]!;
      const data = host.read(action);
      expect(data.type).toBe('DDATA');
      expect(data.seq).toBe(historical ? 4 : 3);
      for (const m of data.metrics) expect(m.name).toBeUndefined();
      expect(data.metrics.map((m) => ({ name: host.names.get(m.alias as number), birthType: host.types.get(m.alias as number), type: m.type, timestamp: m.timestamp, value: m.value, isHistorical: m.isHistorical }))).toEqual(
        everyType.map(([name, type, , value], i) => ({ name, birthType: type, type, timestamp: T - 1000 + i, value, isHistorical: historical })),
      );
    }
  });

  it('NDATA resolves through the NBIRTH', () => {
    const data = host.read(publishes(s.data(null, [{ name: 'Properties/Software', timestamp: T, value: 'Lineside 0.2.0' }]))[0]!);
    expect(data).toMatchObject({ type: 'NDATA', seq: 5 });
    expect(data.metrics.map((m) => [host.names.get(m.alias as number), m.value])).toEqual([['Properties/Software', 'Lineside 0.2.0']]);
  });

  it('DDEATH carries a timestamp and the next seq', () => {
    const death = host.read(publishes(s.deviceLost(DEVICE))[0]!);
    expect(death).toMatchObject({ type: 'DDEATH', seq: 6, timestamp: T, metrics: [] });
  });

  it('UInt32 is where the two differ: Lineside writes int_value (§6.4.17), Tahu 1.0.3 reads long_value', () => {
    // Pinned so that a Tahu that follows the specification shows up here. Until then, counters
    // that go upstream are better Int64/UInt64 (see payload.ts).
    expect(capperBirth!.metrics[0]).toMatchObject({ name: 'count', type: 'UInt32' });
    expect(capperBirth!.metrics[0]!.value).toBeNull();
    expect(decodePayload(publishes(session().connected())[2]!.payload).metrics[0]!.value).toBe(4_000_000_000);
  });
});

describe('Lineside reads what Eclipse Tahu encodes', () => {
  const tahuValue = (type: SparkplugDataType, value: MetricValue): unknown => {
    if (typeof value === 'bigint') return TahuLong.fromString(String(value), type !== 'Int64');
    return value;
  };

  it('every datatype, with name, alias, timestamp, is_historical, seq and payload timestamp', () => {
    const metrics = [...everyType, ['uint32', 'UInt32', 4_000_000_000, 4_000_000_000] as (typeof everyType)[number]].map(([name, type, value], i) => ({
      name,
      alias: 100 + i,
      timestamp: T + i,
      type,
      value: tahuValue(type, value),
      isHistorical: i % 2 === 0,
    }));
    const bytes = tahu.encodePayload({ timestamp: T, seq: 255, metrics: metrics as never });
    const decoded = decodePayload(bytes);
    expect(decoded.timestamp).toBe(T);
    expect(decoded.seq).toBe(255);
    expect(decoded.metrics).toEqual(
      [...everyType, ['uint32', 'UInt32', 4_000_000_000, 4_000_000_000]].map(([name, dataType, , value], i) => ({ name, alias: 100 + i, timestamp: T + i, dataType, value, isHistorical: i % 2 === 0, isTransient: false })),
    );
  });

  it('uint64 timestamps as Longs, exact up to 2^53 − 1', () => {
    const max = TahuLong.fromString(String(Number.MAX_SAFE_INTEGER), true);
    const bytes = tahu.encodePayload({ timestamp: max as never, seq: 0, metrics: [{ name: 'b', type: 'Boolean', value: true, timestamp: max as never }] });
    expect(decodePayload(bytes)).toMatchObject({ timestamp: Number.MAX_SAFE_INTEGER, metrics: [{ timestamp: Number.MAX_SAFE_INTEGER }] });
  });

  describe('commands from a Tahu host', () => {
    const ncmd = (metrics: { name?: string; alias?: number; type: string; value: unknown }[]) => tahu.encodePayload({ timestamp: T, metrics: metrics as never });
    const topic = `spBv1.0/${G}/NCMD/${N}`;

    it('Node Control/Rebirth = true (by name, and by alias) → NBIRTH seq 0 with the same bdSeq, then the DBIRTHs', () => {
      for (const request of [{ name: REBIRTH_METRIC, type: 'Boolean', value: true }, { alias: 2, type: 'Boolean', value: true }]) {
        const s = session({ bdSeq: 7 });
        s.connected();
        s.data(null, [{ name: 'Properties/Software', timestamp: T, value: 'x' }]);
        const host = new TahuHost();
        const births = publishes(s.command(topic, ncmd([request]))).map((p) => host.read(p));
        expect(births.map((b) => [b.type, b.seq])).toEqual([['NBIRTH', 0], ['DBIRTH', 1], ['DBIRTH', 2]]);
        expect(births[0]!.metrics[0]).toMatchObject({ name: 'bdSeq', value: 7 });
      }
    });

    it('a write to a node metric is not acted upon: one warning naming topic and metric', () => {
      const s = session();
      s.connected();
      const actions = s.command(topic, ncmd([{ name: 'Properties/Software', type: 'String', value: 'evil' }]));
      expect(actions).toEqual([{ kind: 'log', level: 'warn', message: expect.stringMatching(/^ignored spBv1\.0\/Plant A\/NCMD\/lineside-1 \[Properties\/Software\]: the uplink is outbound only/) }]);
    });

    it('a DCMD is not acted upon: one warning naming topic and metric', () => {
      const s = session();
      s.connected();
      const dcmd = `spBv1.0/${G}/DCMD/${N}/${DEVICE}`;
      const actions = s.command(dcmd, ncmd([{ alias: 4, type: 'Int8', value: 1 }]));
      expect(actions).toEqual([{ kind: 'log', level: 'warn', message: expect.stringContaining(`ignored ${dcmd} [int8]`) }]);
    });
  });
});
