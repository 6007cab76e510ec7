import { describe, expect, it } from 'vitest';
import { decodePayload, encodePayload, type DecodedPayload } from './payload.js';
import { EdgeNodeSession, REBIRTH_METRIC, willMessage, type PublishAction, type SessionAction, type SessionConfig } from './session.js';

const G = 'Plant A';
const N = 'lineside-1';

function clock(start = 1_700_000_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

function config(overrides: Partial<SessionConfig> = {}): SessionConfig {
  let count = 41;
  return {
    groupId: G,
    edgeNodeId: N,
    qos: 1,
    nodeMetrics: [
      { name: 'System/Uptime', dataType: 'UInt64', value: () => 3600 },
      { name: 'System/Queue bytes', dataType: 'Int64' },
    ],
    devices: [
      {
        id: 'line1:filler',
        metrics: [
          { name: 'speed', dataType: 'Double', value: () => 12.5 },
          { name: 'running', dataType: 'Boolean', value: () => true },
          { name: 'count', dataType: 'UInt32', value: () => ++count },
          { name: 'recipe', dataType: 'String' },
        ],
      },
      { id: 'line1:capper', metrics: [{ name: 'torque', dataType: 'Float', value: () => 1.25 }] },
    ],
    now: clock().now,
    ...overrides,
  };
}

const publishes = (actions: SessionAction[]) => actions.filter((a): a is PublishAction => a.kind === 'publish');
const logs = (actions: SessionAction[]) => actions.filter((a) => a.kind === 'log') as Extract<SessionAction, { kind: 'log' }>[];
const read = (action: PublishAction): DecodedPayload & { topic: string } => ({ topic: action.topic, ...decodePayload(action.payload) });
const metricNamed = (payload: DecodedPayload, name: string) => payload.metrics.find((m) => m.name === name);
const ncmd = (metrics: { name?: string; alias?: number; dataType: 'Boolean' | 'Int32' | 'String'; value: boolean | number | string }[]) =>
  encodePayload({ timestamp: 1, metrics: metrics.map((m) => ({ ...m, timestamp: 1 })) });

/** A session connected and born, without a primary host. */
function born(overrides: Partial<SessionConfig> = {}) {
  const session = new EdgeNodeSession(config(overrides));
  const will = session.willMessage();
  const actions = session.connected();
  return { session, will, actions };
}

describe('EdgeNodeSession', () => {
  describe('config', () => {
    it('refuses bad ids, duplicate or reserved metric names, duplicate devices and a bdSeq outside 0..255', () => {
      const bad: Partial<SessionConfig>[] = [
        { groupId: 'a/b' },
        { edgeNodeId: '' },
        { primaryHostId: 'h#' },
        { bdSeq: 256 },
        { bdSeq: -1 },
        { nodeMetrics: [{ name: 'bdSeq', dataType: 'UInt64' }] },
        { nodeMetrics: [{ name: REBIRTH_METRIC, dataType: 'Boolean' }] },
        { nodeMetrics: [{ name: 'x', dataType: 'Boolean' }, { name: 'x', dataType: 'Int32' }] },
        { nodeMetrics: [{ name: '', dataType: 'Boolean' }] },
        { nodeMetrics: [{ name: 'ds', dataType: 'DataSet' as never }] },
        { devices: [{ id: 'd', metrics: [] }, { id: 'd', metrics: [] }] },
        { devices: [{ id: 'line1/filler', metrics: [] }] },
      ];
      for (const overrides of bad) expect(() => new EdgeNodeSession(config(overrides)), JSON.stringify(overrides)).toThrowError(expect.objectContaining({ name: 'SparkplugError' }));
    });
  });

  describe('births without a primary host', () => {
    it('subscribes to NCMD and DCMD/+, then NBIRTH (seq 0, bdSeq of the Will) and a DBIRTH per device', () => {
      const { actions, will } = born({ bdSeq: 17 });
      expect(actions[0]).toEqual({ kind: 'subscribe', topics: [`spBv1.0/${G}/NCMD/${N}`, `spBv1.0/${G}/DCMD/${N}/+`], qos: 1 });
      const [nbirth, filler, capper, ...rest] = publishes(actions);
      expect(rest).toEqual([]);
      expect([nbirth, filler, capper].map((p) => [p!.topic, p!.qos, p!.retain])).toEqual([
        [`spBv1.0/${G}/NBIRTH/${N}`, 0, false],
        [`spBv1.0/${G}/DBIRTH/${N}/line1:filler`, 0, false],
        [`spBv1.0/${G}/DBIRTH/${N}/line1:capper`, 0, false],
      ]);
      const n = read(nbirth!);
      expect(n.seq).toBe(0);
      expect(metricNamed(n, 'bdSeq')).toMatchObject({ alias: 1, dataType: 'UInt64', value: 17 });
      expect(read(will)).toEqual({ topic: `spBv1.0/${G}/NDEATH/${N}`, timestamp: expect.any(Number), metrics: [{ name: 'bdSeq', timestamp: expect.any(Number), dataType: 'UInt64', value: 17, isHistorical: false, isTransient: false }] });
      expect(read(will).seq).toBeUndefined();
      expect([will.qos, will.retain, will.bdSeq]).toEqual([1, false, 17]);
      expect(metricNamed(n, REBIRTH_METRIC)).toMatchObject({ alias: 2, dataType: 'Boolean', value: false });
      expect(n.metrics.map((m) => [m.name, m.alias, m.dataType, m.value])).toEqual([
        ['bdSeq', 1, 'UInt64', 17],
        [REBIRTH_METRIC, 2, 'Boolean', false],
        ['System/Uptime', 3, 'UInt64', 3600],
        ['System/Queue bytes', 4, 'Int64', null],
      ]);
      expect(read(filler!)).toMatchObject({ seq: 1 });
      expect(read(filler!).metrics.map((m) => [m.name, m.alias, m.dataType, m.value])).toEqual([
        ['speed', 5, 'Double', 12.5],
        ['running', 6, 'Boolean', true],
        ['count', 7, 'UInt32', 42],
        ['recipe', 8, 'String', null],
      ]);
      expect(read(capper!).metrics.map((m) => [m.name, m.alias, m.dataType, m.value])).toEqual([['torque', 9, 'Float', 1.25]]);
      expect(read(capper!).seq).toBe(2);
    });

    it('stamps payloads and birth metrics with config.now', () => {
      const c = clock(1_234_567_890_123);
      const { actions } = born({ now: c.now });
      for (const p of publishes(actions)) {
        const payload = read(p);
        expect(payload.timestamp).toBe(1_234_567_890_123);
        for (const m of payload.metrics) expect(m.timestamp).toBe(1_234_567_890_123);
      }
    });

    it('assigns aliases once: unique, from 1, node metrics first, in definition order', () => {
      const { session } = born();
      const aliases = [session.aliasOf(null, 'bdSeq'), session.aliasOf(null, REBIRTH_METRIC), session.aliasOf(null, 'System/Uptime'), session.aliasOf('line1:filler', 'speed'), session.aliasOf('line1:capper', 'torque')];
      expect(aliases).toEqual([1, 2, 3, 5, 9]);
    });

    it('sends a value that cannot be read or does not fit as null, with a warning', () => {
      const { actions } = born({
        nodeMetrics: [
          { name: 'broken', dataType: 'Int32', value: () => { throw new Error('sensor gone'); } },
          { name: 'too big', dataType: 'UInt8', value: () => 300 },
        ],
        devices: [],
      });
      const n = read(publishes(actions)[0]!);
      expect(metricNamed(n, 'broken')?.value).toBeNull();
      expect(metricNamed(n, 'too big')?.value).toBeNull();
      expect(logs(actions).filter((l) => l.level === 'warn').map((l) => l.message)).toEqual([expect.stringContaining('sensor gone'), expect.stringContaining('out of the UInt8 range')]);
    });
  });

  describe('data', () => {
    it('DDATA and NDATA carry aliases only, the configured QoS, and seq after the births', () => {
      const { session } = born();
      const [ddata] = publishes(session.data('line1:filler', [{ name: 'speed', timestamp: 5, value: 13.25 }, { name: 'recipe', timestamp: 6, value: 'B-12' }]));
      expect([ddata!.topic, ddata!.qos, ddata!.retain]).toEqual([`spBv1.0/${G}/DDATA/${N}/line1:filler`, 1, false]);
      expect(read(ddata!)).toMatchObject({ seq: 3, metrics: [
        { alias: 5, timestamp: 5, dataType: 'Double', value: 13.25, isHistorical: false },
        { alias: 6 + 2, timestamp: 6, dataType: 'String', value: 'B-12', isHistorical: false },
      ] });
      for (const m of read(ddata!).metrics) expect(m.name).toBeUndefined();
      const [ndata] = publishes(session.data(null, [{ name: 'System/Queue bytes', timestamp: 7, value: 2n ** 40n }]));
      expect(ndata!.topic).toBe(`spBv1.0/${G}/NDATA/${N}`);
      expect(read(ndata!)).toMatchObject({ seq: 4, metrics: [{ alias: 4, value: 2 ** 40 }] });
      expect(read(ndata!).metrics[0]!.name).toBeUndefined();
    });

    it('uses QoS 0 for data when configured so', () => {
      const { session } = born({ qos: 0 });
      expect(publishes(session.data(null, [{ name: 'System/Uptime', timestamp: 1, value: 1 }]))[0]!.qos).toBe(0);
    });

    it('marks every metric is_historical for the backlog', () => {
      const { session } = born();
      const [p] = publishes(session.data('line1:filler', [{ name: 'speed', timestamp: 1, value: 1 }, { alias: 6, timestamp: 2, value: false }, { name: 'count', timestamp: 3, value: null }], { historical: true }));
      expect(read(p!).metrics.map((m) => [m.alias, m.value, m.isHistorical])).toEqual([[5, 1, true], [6, false, true], [7, null, true]]);
    });

    it('wraps seq from 255 to 0 across 600 messages', () => {
      const { session, actions } = born();
      const seqs = publishes(actions).map((p) => read(p).seq);
      for (let i = 0; i < 600; i++) {
        const device = i % 3 === 0 ? null : 'line1:filler';
        const out = device === null ? session.data(null, [{ name: 'System/Uptime', timestamp: i, value: i }]) : session.data(device, [{ name: 'speed', timestamp: i, value: i }]);
        seqs.push(read(publishes(out)[0]!).seq);
      }
      expect(seqs).toHaveLength(603);
      seqs.forEach((seq, i) => expect(seq, `message ${i}`).toBe(i % 256));
      expect(seqs.filter((s) => s === 0)).toHaveLength(3);
    });

    it('returns nothing while not born, and canPublishData says so', () => {
      const session = new EdgeNodeSession(config({ primaryHostId: 'scada' }));
      expect(session.canPublishData()).toBe(false);
      expect(session.data(null, [{ name: 'System/Uptime', timestamp: 1, value: 1 }])).toEqual([]);
      session.connected();
      expect(session.state).toBe('waiting-for-host');
      expect(session.canPublishData('line1:filler')).toBe(false);
      expect(session.data('line1:filler', [{ name: 'speed', timestamp: 1, value: 1 }])).toEqual([]);
    });

    it('throws for a record that can never be sent, without using a seq', () => {
      const { session } = born();
      const attempts: (() => unknown)[] = [
        () => session.data('line9:nothing', [{ name: 'speed', timestamp: 1, value: 1 }]),
        () => session.data('line1:filler', [{ name: 'nothing', timestamp: 1, value: 1 }]),
        () => session.data('line1:filler', [{ alias: 3, timestamp: 1, value: 1 }]),
        () => session.data(null, [{ name: 'bdSeq', timestamp: 1, value: 1 }]),
        () => session.data(null, [{ name: REBIRTH_METRIC, timestamp: 1, value: true }]),
        () => session.data('line1:filler', [{ name: 'speed', timestamp: 1, value: 1, dataType: 'Float' }]),
        () => session.data('line1:filler', [{ name: 'speed', timestamp: 1, value: 'fast' }]),
        () => session.data('line1:filler', [{ name: 'count', timestamp: 1, value: -1 }]),
        () => session.data('line1:filler', []),
      ];
      for (const attempt of attempts) expect(attempt).toThrowError(expect.objectContaining({ name: 'SparkplugError' }));
      expect(read(publishes(session.data(null, [{ name: 'System/Uptime', timestamp: 1, value: 1 }]))[0]!).seq).toBe(3);
    });
  });

  describe('commands', () => {
    const ncmdTopic = `spBv1.0/${G}/NCMD/${N}`;

    it('rebirths on NCMD Node Control/Rebirth = true: NBIRTH seq 0 with the same bdSeq, then every DBIRTH', () => {
      const { session } = born({ bdSeq: 9 });
      session.data(null, [{ name: 'System/Uptime', timestamp: 1, value: 1 }]);
      const actions = session.command(ncmdTopic, ncmd([{ name: REBIRTH_METRIC, dataType: 'Boolean', value: true }]));
      const out = publishes(actions).map(read);
      expect(out.map((p) => [p.topic.split('/')[2], p.seq])).toEqual([['NBIRTH', 0], ['DBIRTH', 1], ['DBIRTH', 2]]);
      expect(metricNamed(out[0]!, 'bdSeq')?.value).toBe(9);
      expect(logs(actions).filter((l) => l.level === 'warn')).toEqual([]);
      expect(read(publishes(session.data(null, [{ name: 'System/Uptime', timestamp: 2, value: 2 }]))[0]!).seq).toBe(3);
    });

    it('recognises the rebirth request by alias too', () => {
      const { session } = born();
      const actions = session.command(ncmdTopic, ncmd([{ alias: 2, dataType: 'Boolean', value: true }]));
      expect(publishes(actions).map((p) => read(p).seq)).toEqual([0, 1, 2]);
    });

    it('ignores any other NCMD metric, and says so at warn level naming topic and metric', () => {
      const { session } = born();
      const actions = session.command(ncmdTopic, ncmd([{ name: 'System/Uptime', dataType: 'Int32', value: 0 }, { alias: 4, dataType: 'Int32', value: 5 }, { name: 'Node Control/Reboot', dataType: 'Boolean', value: true }]));
      expect(actions).toEqual([{ kind: 'log', level: 'warn', message: expect.stringContaining(ncmdTopic) }]);
      const { message } = logs(actions)[0]!;
      for (const part of ['System/Uptime', 'System/Queue bytes', 'Node Control/Reboot', 'ignored', 'outbound only', 'no inbound message writes to a device or changes config']) expect(message).toContain(part);
    });

    it('ignores Rebirth = false, and the other metrics beside a rebirth request', () => {
      const { session } = born();
      expect(publishes(session.command(ncmdTopic, ncmd([{ name: REBIRTH_METRIC, dataType: 'Boolean', value: false }])))).toEqual([]);
      const both = session.command(ncmdTopic, ncmd([{ name: REBIRTH_METRIC, dataType: 'Boolean', value: true }, { name: 'System/Uptime', dataType: 'Int32', value: 0 }]));
      expect(publishes(both)).toHaveLength(3);
      expect(logs(both).filter((l) => l.level === 'warn').map((l) => l.message)).toEqual([expect.stringContaining('[System/Uptime]')]);
    });

    it('never acts on DCMD, not even a Rebirth in it', () => {
      const { session } = born();
      const topic = `spBv1.0/${G}/DCMD/${N}/line1:filler`;
      for (const metrics of [[{ name: 'speed', dataType: 'Int32' as const, value: 0 }], [{ alias: 6, dataType: 'Boolean' as const, value: false }], [{ name: REBIRTH_METRIC, dataType: 'Boolean' as const, value: true }]]) {
        const actions = session.command(topic, ncmd(metrics));
        expect(actions).toEqual([{ kind: 'log', level: 'warn', message: expect.stringContaining(topic) }]);
      }
      expect(logs(session.command(topic, ncmd([{ alias: 6, dataType: 'Boolean', value: false }])))[0]!.message).toContain('[running]');
    });

    it('ignores a command for another node, an undecodable one, and a non-command topic, with a warning', () => {
      const { session } = born();
      for (const [topic, payload] of [
        [`spBv1.0/${G}/NCMD/other-node`, ncmd([{ name: REBIRTH_METRIC, dataType: 'Boolean', value: true }])],
        [`spBv1.0/other group/NCMD/${N}`, ncmd([{ name: REBIRTH_METRIC, dataType: 'Boolean', value: true }])],
        [ncmdTopic, new Uint8Array([0xff, 0xff])],
        [`spBv1.0/${G}/NDATA/${N}`, ncmd([{ name: REBIRTH_METRIC, dataType: 'Boolean', value: true }])],
        ['some/other/topic', new Uint8Array()],
      ] as const) {
        const actions = session.command(topic, payload);
        expect(actions, topic).toEqual([{ kind: 'log', level: 'warn', message: expect.stringContaining('ignored') }]);
      }
    });

    it('does not birth on a rebirth request before it is born', () => {
      const session = new EdgeNodeSession(config({ primaryHostId: 'scada' }));
      session.connected();
      expect(publishes(session.command(ncmdTopic, ncmd([{ name: REBIRTH_METRIC, dataType: 'Boolean', value: true }])))).toEqual([]);
    });
  });

  describe('primary host STATE', () => {
    const online = (timestamp: number, isOnline = true) => JSON.stringify({ online: isOnline, timestamp });

    it('subscribes to its STATE and births only once it is online', () => {
      const session = new EdgeNodeSession(config({ primaryHostId: 'scada', bdSeq: 4 }));
      const connected = session.connected();
      expect(connected[0]).toEqual({ kind: 'subscribe', topics: [`spBv1.0/${G}/NCMD/${N}`, `spBv1.0/${G}/DCMD/${N}/+`, 'spBv1.0/STATE/scada'], qos: 1 });
      expect(publishes(connected)).toEqual([]);
      expect(publishes(session.stateMessage('scada', online(100, false)))).toEqual([]);
      expect(session.state).toBe('waiting-for-host');
      const births = publishes(session.stateMessage('scada', new TextEncoder().encode(online(200))));
      expect(births.map((p) => read(p).seq)).toEqual([0, 1, 2]);
      expect(metricNamed(read(births[0]!), 'bdSeq')?.value).toBe(4);
      expect(session.canPublishData()).toBe(true);
    });

    it('on online:false publishes NDEATH with the same bdSeq, then disconnects; the reconnect starts over with a new bdSeq', () => {
      const session = new EdgeNodeSession(config({ primaryHostId: 'scada', bdSeq: 4 }));
      const will = session.willMessage();
      session.connected();
      session.stateMessage('scada', online(200));
      const actions = session.stateMessage('scada', online(300, false));
      const [death, disconnect] = actions.filter((a) => a.kind !== 'log');
      expect(death).toMatchObject({ kind: 'publish', topic: `spBv1.0/${G}/NDEATH/${N}`, qos: 1, retain: false });
      expect(read(death as PublishAction).metrics).toEqual([expect.objectContaining({ name: 'bdSeq', value: 4 })]);
      expect(read(death as PublishAction).seq).toBeUndefined();
      expect(read(will).metrics[0]!.value).toBe(4);
      expect(disconnect).toEqual({ kind: 'disconnect' });
      expect(session.state).toBe('closing');
      expect(session.canPublishData()).toBe(false);
      expect(session.data(null, [{ name: 'System/Uptime', timestamp: 1, value: 1 }])).toEqual([]);

      session.disconnected();
      expect(session.willMessage().bdSeq).toBe(5);
      expect(publishes(session.connected())).toEqual([]);
      expect(publishes(session.stateMessage('scada', online(300, false)))).toEqual([]); // the retained STATE comes again
      const births = publishes(session.stateMessage('scada', online(400)));
      expect(metricNamed(read(births[0]!), 'bdSeq')?.value).toBe(5);
    });

    it('ignores a STATE older than the newest seen', () => {
      const session = new EdgeNodeSession(config({ primaryHostId: 'scada' }));
      session.connected();
      session.stateMessage('scada', online(500));
      const stale = session.stateMessage('scada', online(499, false));
      expect(stale).toEqual([{ kind: 'log', level: 'info', message: expect.stringContaining('older') }]);
      expect(session.state).toBe('born');
      // …also while waiting: an old online:true does not birth.
      const other = new EdgeNodeSession(config({ primaryHostId: 'scada' }));
      other.connected();
      other.stateMessage('scada', online(500, false));
      expect(publishes(other.stateMessage('scada', online(400)))).toEqual([]);
      expect(other.state).toBe('waiting-for-host');
    });

    it('births again after a reconnect on the retained STATE with the same timestamp', () => {
      const session = new EdgeNodeSession(config({ primaryHostId: 'scada' }));
      session.connected();
      session.stateMessage('scada', online(500));
      session.disconnected();
      session.connected();
      expect(publishes(session.stateMessage('scada', online(500)))).toHaveLength(3);
    });

    it('ignores STATE of another host, and a malformed STATE with a warning', () => {
      const session = new EdgeNodeSession(config({ primaryHostId: 'scada' }));
      session.connected();
      expect(publishes(session.stateMessage('other', online(1)))).toEqual([]);
      for (const bad of ['not json', '"ONLINE"', '{"online":"yes","timestamp":1}', '{"online":true}', 'null', new Uint8Array([0xff])]) {
        expect(session.stateMessage('scada', bad)).toEqual([{ kind: 'log', level: 'warn', message: expect.stringContaining('ignored') }]);
      }
      expect(session.state).toBe('waiting-for-host');
    });

    it('ignores STATE when no primary host is configured', () => {
      const { session } = born();
      expect(publishes(session.stateMessage('scada', online(1, false)))).toEqual([]);
      expect(session.state).toBe('born');
    });
  });

  describe('devices lost and back', () => {
    it('DDEATH on loss (no DDATA until back), DBIRTH on return', () => {
      const { session } = born();
      const [death] = publishes(session.deviceLost('line1:filler'));
      expect(death!.topic).toBe(`spBv1.0/${G}/DDEATH/${N}/line1:filler`);
      expect([death!.qos, death!.retain]).toEqual([0, false]);
      expect(read(death!)).toMatchObject({ seq: 3, metrics: [] });
      expect(session.deviceLost('line1:filler')).toEqual([]);
      expect(session.canPublishData('line1:filler')).toBe(false);
      expect(session.canPublishData('line1:capper')).toBe(true);
      expect(session.data('line1:filler', [{ name: 'speed', timestamp: 1, value: 1 }])).toEqual([]);
      const [birth] = publishes(session.deviceBack('line1:filler'));
      expect(birth!.topic).toBe(`spBv1.0/${G}/DBIRTH/${N}/line1:filler`);
      expect(read(birth!)).toMatchObject({ seq: 4 });
      expect(read(birth!).metrics.map((m) => [m.name, m.alias])).toEqual([['speed', 5], ['running', 6], ['count', 7], ['recipe', 8]]);
      expect(session.deviceBack('line1:filler')).toEqual([]);
      expect(read(publishes(session.data('line1:filler', [{ name: 'speed', timestamp: 1, value: 1 }]))[0]!).seq).toBe(5);
    });

    it('a device lost before the birth gets no DBIRTH until it is back; a rebirth skips it too', () => {
      const session = new EdgeNodeSession(config());
      session.deviceLost('line1:capper');
      const topics = publishes(session.connected()).map((p) => p.topic.split('/').slice(2).join('/'));
      expect(topics).toEqual([`NBIRTH/${N}`, `DBIRTH/${N}/line1:filler`]);
      const rebirth = publishes(session.command(`spBv1.0/${G}/NCMD/${N}`, ncmd([{ name: REBIRTH_METRIC, dataType: 'Boolean', value: true }])));
      expect(rebirth).toHaveLength(2);
      expect(publishes(session.deviceBack('line1:capper')).map((p) => [p.topic.split('/')[2], read(p).seq])).toEqual([['DBIRTH', 2]]);
    });

    it('warns about an unknown device', () => {
      const { session } = born();
      expect(session.deviceLost('nope')).toEqual([{ kind: 'log', level: 'warn', message: expect.stringContaining('nope') }]);
      expect(session.deviceBack('nope')).toEqual([{ kind: 'log', level: 'warn', message: expect.stringContaining('nope') }]);
    });
  });

  describe('bdSeq', () => {
    it('goes up by one per connection, wraps 255 → 0, and matches Will and NBIRTH each time', () => {
      const session = new EdgeNodeSession(config({ bdSeq: 254 }));
      const seen: [number, number][] = [];
      for (let i = 0; i < 4; i++) {
        const will = session.willMessage();
        const nbirth = read(publishes(session.connected())[0]!);
        expect(session.willMessage().bdSeq).toBe(will.bdSeq); // the current connection's, for a deliberate NDEATH
        seen.push([will.bdSeq, metricNamed(nbirth, 'bdSeq')!.value as number]);
        session.disconnected();
      }
      expect(seen).toEqual([[254, 254], [255, 255], [0, 0], [1, 1]]);
    });

    it('nextBdSeq is what to persist; a session restored from it continues', () => {
      const first = new EdgeNodeSession(config({ bdSeq: 7 }));
      expect(first.nextBdSeq).toBe(7);
      first.connected();
      expect(first.nextBdSeq).toBe(8);
      const restarted = new EdgeNodeSession(config({ bdSeq: first.nextBdSeq }));
      expect(metricNamed(read(publishes(restarted.connected())[0]!), 'bdSeq')?.value).toBe(8);
    });

    it('a rebirth keeps the bdSeq; disconnected() without a connection changes nothing', () => {
      const session = new EdgeNodeSession(config({ bdSeq: 3 }));
      expect(session.disconnected()).toEqual([]);
      session.connected();
      const rebirth = session.command(`spBv1.0/${G}/NCMD/${N}`, ncmd([{ name: REBIRTH_METRIC, dataType: 'Boolean', value: true }]));
      expect(metricNamed(read(publishes(rebirth)[0]!), 'bdSeq')?.value).toBe(3);
    });

    it('the standalone willMessage is the NDEATH of §4.2.1', () => {
      const will = willMessage(G, N, 200, 1234);
      expect(will.topic).toBe(`spBv1.0/${G}/NDEATH/${N}`);
      expect(read(will)).toEqual({ topic: will.topic, timestamp: 1234, metrics: [{ name: 'bdSeq', timestamp: 1234, dataType: 'UInt64', value: 200, isHistorical: false, isTransient: false }] });
    });
  });
});
