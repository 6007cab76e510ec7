// The conduit against a real Mosquitto (started by the test on free loopback ports, with a
// TLS listener and a test CA): births, data with aliases only, deaths, rebirth on request,
// seq wrap, the primary host going online and offline, commands that try to write, and TLS
// verification. The consumer decodes with Eclipse Tahu's payload package, not ours.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { parsePlantConfig } from '../config/index.js';
import { pushDriver } from '../drivers/testing/push-driver.js';
import { startHistorian, type RunningHistorian } from '../historian/index.js';
import { enqueueForUplink, queueStats } from '../historian/uplink-outbox.js';
import type { Logger } from '../runtime/logger.js';
import { silentLogger } from '../runtime/logger.js';
import { createRuntime, type Runtime } from '../runtime/runtime.js';
import { createManualClock } from '../runtime/testing/manual-clock.js';
import { startConsumer, type ConsumedMessage, type Consumer } from './testing/consumer.js';
import { mosquittoAvailable, startMosquitto, type TestBroker } from './testing/mosquitto.js';
import { startUplink, type UplinkHost } from './uplink-host.js';

const require = createRequire(import.meta.url);
const tahu = (require('sparkplug-payload') as { get(ns: string): { encodePayload(p: unknown): Uint8Array } }).get('spBv1.0');

const GROUP = 'NorthBrewery';
const NODE = 'packaging-line1';

function config(brokerUrl: string, extra = ''): string {
  return `version: 1
site: S
area: A
devices:
  - { id: dev, driver: fake, settings: {} }
lines:
  - id: line1
    name: Line 1
    assets:
      - id: filler
        name: Filler
        kind: filler
        device: dev
        tags:
          - { name: speed, address: s, type: float32, unit: bpm, description: Speed, sampleRateMs: 1000, rateReason: test }
          - { name: temp, address: t, type: float32, unit: "°C", description: Temperature, sampleRateMs: 1000, rateReason: test, writable: true, range: { min: 0, max: 100 } }
uplink:
  broker: ${brokerUrl}
  groupId: ${GROUP}
  edgeNodeId: ${NODE}
  backlogPerSecond: 1000
${extra}`;
}

interface Rig {
  broker: TestBroker;
  consumer: Consumer;
  runtime: Runtime;
  history: RunningHistorian;
  uplink: UplinkHost;
  writes: { path: string; value: unknown }[];
  setDriverState: ReturnType<typeof pushDriver>['setState'];
  warnings: string[];
  dir: string;
}
let rig: Rig | undefined;

afterEach(async () => {
  if (!rig) return;
  await rig.uplink.stop();
  await rig.consumer.close();
  await rig.runtime.stop();
  rig.history.stop();
  await rig.broker.dispose();
  rmSync(rig.dir, { recursive: true, force: true });
  rig = undefined;
});

/** A logger that keeps the warnings' messages. */
function recordingLogger(warnings: string[]): Logger {
  const base = silentLogger();
  const wrap = (logger: Logger): Logger =>
    new Proxy(logger, {
      get(target, key) {
        if (key === 'warn') return (...args: unknown[]) => warnings.push(String(args.find((a) => typeof a === 'string') ?? ''));
        if (key === 'child') return () => wrap(target);
        return (target as unknown as Record<string | symbol, unknown>)[key];
      },
    });
  return wrap(base);
}

async function setUp(options: { tls?: boolean; requireClientCertificate?: boolean; extra?: (broker: TestBroker) => string; url?: (broker: TestBroker) => string } = {}): Promise<Rig> {
  const broker = await startMosquitto({ tls: options.tls ?? false, requireClientCertificate: options.requireClientCertificate ?? false });
  const consumer = await startConsumer(broker.url, GROUP);
  const { factory, writes, setState } = pushDriver();
  const url = options.url ? options.url(broker) : broker.url;
  const plant = parsePlantConfig(config(url, options.extra?.(broker) ?? ''), join(tmpdir(), 'plant.yaml'), [factory]);
  const runtime = createRuntime({ plant, drivers: [factory], clock: createManualClock(Date.now()), log: silentLogger() });
  const dir = mkdtempSync(join(tmpdir(), 'lineside-uplink-'));
  const history = startHistorian({ file: join(dir, 'plant.db'), runtime, log: silentLogger() });
  await runtime.start();
  const warnings: string[] = [];
  const uplink = startUplink({ runtime, historian: history, settings: plant.uplink!, log: recordingLogger(warnings), expectedBytesPerHour: 1000 });
  rig = { broker, consumer, runtime, history, uplink, writes, setDriverState: setState, warnings, dir };
  return rig;
}

function enqueueAggregates(r: Rig, minute: number, mean: number): void {
  const to = Date.UTC(2026, 11, 7, 6, minute);
  enqueueForUplink(r.history.historian()!, {
    ts: to,
    kind: 'tag-aggregates',
    source: 'line1/filler',
    payload: { from: to - 60_000, to, tags: { speed: { count: 60, min: mean - 1, max: mean + 1, mean, last: mean, goodFraction: 1 } } },
  });
}

const ofType = (messages: ConsumedMessage[], type: string) => messages.filter((m) => m.type === type);
const metric = (m: ConsumedMessage, name: string) => m.metrics.find((x) => x.name === name);
const until = async (predicate: () => boolean, ms: number, what: string) => {
  const end = Date.now() + ms;
  for (let i = 0; i < 10_000 && !predicate(); i++) {
    if (Date.now() > end) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

describe.skipIf(!mosquittoAvailable)('the uplink against Mosquitto', () => {
  it('births, then data with aliases only, then a death with the birth bdSeq', async () => {
    const r = await setUp();
    await r.consumer.waitFor((m) => ofType(m, 'DBIRTH').length > 0, 10_000, 'the births');
    const [nbirth] = ofType(r.consumer.messages, 'NBIRTH');
    expect(nbirth!.seq).toBe(0);
    const bdSeq = metric(nbirth!, 'bdSeq')!.value;
    expect(metric(nbirth!, 'Node Control/Rebirth')).toMatchObject({ value: false, type: 'Boolean' });
    expect(nbirth!.metrics.every((m) => m.alias !== undefined)).toBe(true);
    const [dbirth] = ofType(r.consumer.messages, 'DBIRTH');
    expect(dbirth!.device).toBe('line1:filler');
    expect(metric(dbirth!, 'Tags/speed/Mean')).toMatchObject({ type: 'Double' });

    enqueueAggregates(r, 1, 198.5);
    await r.consumer.waitFor((m) => ofType(m, 'DDATA').length > 0, 10_000, 'the data');
    const [ddata] = ofType(r.consumer.messages, 'DDATA');
    expect(ddata!.seq).toBe(dbirth!.seq! + 1);
    expect(metric(ddata!, 'Tags/speed/Mean')).toMatchObject({ value: 198.5, historical: false, timestamp: Date.UTC(2026, 11, 7, 6, 1) });
    // On the wire: aliases only, no names.
    expect(ddata!.metrics.every((m) => !m.named && m.alias !== undefined)).toBe(true);
    await until(() => queueStats(r.history.historian()!).records === 0, 5000, 'the queue to empty after the PUBACK');
    expect(r.uplink.status()).toMatchObject({ state: 'online', queueRecords: 0 });
    expect(r.uplink.status().messagesSent).toBeGreaterThanOrEqual(3);
    // Records queued after the queue emptied go too (their ids are never ones already used).
    enqueueAggregates(r, 2, 199);
    enqueueAggregates(r, 3, 200);
    await r.consumer.waitFor((m) => ofType(m, 'DDATA').length >= 3, 10_000, 'the data queued after the queue emptied');
    expect(ofType(r.consumer.messages, 'DDATA').map((m) => metric(m, 'Tags/speed/Mean')!.value)).toEqual([198.5, 199, 200]);

    await r.uplink.stop();
    await r.consumer.waitFor((m) => ofType(m, 'NDEATH').length > 0, 10_000, 'the death');
    expect(metric(ofType(r.consumer.messages, 'NDEATH')[0]!, 'bdSeq')!.value).toEqual(bdSeq);
  }, 60_000);

  it('a rebirth request gives NBIRTH seq 0 again; commands that try to write are ignored and logged', async () => {
    const r = await setUp();
    await r.consumer.waitFor((m) => ofType(m, 'DBIRTH').length > 0, 10_000, 'the births');
    const rebirth = tahu.encodePayload({ timestamp: Date.now(), metrics: [{ name: 'Node Control/Rebirth', type: 'Boolean', value: true }] });
    const commander = await mqtt.connectAsync(r.broker.url, { reconnectPeriod: 0 });
    await commander.publishAsync(`spBv1.0/${GROUP}/NCMD/${NODE}`, Buffer.from(rebirth), { qos: 1 });
    await r.consumer.waitFor((m) => ofType(m, 'NBIRTH').length >= 2 && ofType(m, 'DBIRTH').length >= 2, 10_000, 'the rebirth');
    const births = ofType(r.consumer.messages, 'NBIRTH');
    expect(births[1]!.seq).toBe(0);
    expect(metric(births[1]!, 'bdSeq')!.value).toEqual(metric(births[0]!, 'bdSeq')!.value);

    // A command that tries to write a metric, to the node and to a device: ignored, logged, nothing written.
    const write = tahu.encodePayload({ timestamp: Date.now(), metrics: [{ name: 'Tags/temp/Last', type: 'Double', value: 99 }] });
    await commander.publishAsync(`spBv1.0/${GROUP}/NCMD/${NODE}`, Buffer.from(write), { qos: 1 });
    await commander.publishAsync(`spBv1.0/${GROUP}/DCMD/${NODE}/line1:filler`, Buffer.from(write), { qos: 1 });
    await until(() => r.warnings.filter((w) => /ignored/i.test(w)).length >= 2, 5000, 'both commands to be logged as ignored');
    expect(r.writes).toEqual([]);
    expect(ofType(r.consumer.messages, 'NBIRTH')).toHaveLength(2);
    await commander.endAsync();
  }, 60_000);

  it('an asset whose device fails gets a DDEATH, its data waits, and a DBIRTH and the data follow when it is back', async () => {
    const r = await setUp();
    await r.consumer.waitFor((m) => ofType(m, 'DBIRTH').length > 0, 10_000, 'the births');
    r.setDriverState('failed');
    await r.consumer.waitFor((m) => ofType(m, 'DDEATH').length > 0, 10_000, 'the device death');
    expect(ofType(r.consumer.messages, 'DDEATH')[0]!.device).toBe('line1:filler');
    enqueueAggregates(r, 5, 42);
    await new Promise((res) => setTimeout(res, 400));
    expect(ofType(r.consumer.messages, 'DDATA')).toEqual([]);
    r.setDriverState('running');
    await r.consumer.waitFor((m) => ofType(m, 'DBIRTH').length >= 2 && ofType(m, 'DDATA').length > 0, 10_000, 'the device back, and its data');
    expect(metric(ofType(r.consumer.messages, 'DDATA')[0]!, 'Tags/speed/Mean')!.value).toBe(42);
  }, 60_000);

  it('seq runs 0–255 and wraps to 0', async () => {
    const r = await setUp();
    await r.consumer.waitFor((m) => ofType(m, 'DBIRTH').length > 0, 10_000, 'the births');
    for (let minute = 0; minute < 300; minute++) enqueueAggregates(r, minute, minute);
    await r.consumer.waitFor((m) => ofType(m, 'DDATA').length >= 300, 20_000, '300 data messages');
    const seqs = [...ofType(r.consumer.messages, 'DBIRTH'), ...ofType(r.consumer.messages, 'DDATA')].map((m) => m.seq!);
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBe((seqs[i - 1]! + 1) % 256);
    expect(seqs).toContain(255);
    // In order, each once.
    expect(ofType(r.consumer.messages, 'DDATA').map((m) => metric(m, 'Tags/speed/Mean')!.value)).toEqual(Array.from({ length: 300 }, (_, i) => i));
  }, 60_000);

  it('warns when the queue nears its bound', async () => {
    const r = await setUp({ extra: () => '  primaryHostId: scada-1\n  queueMaxMegabytes: 0.002\n' });
    for (let minute = 0; minute < 12; minute++) enqueueAggregates(r, minute, minute);
    await until(() => r.warnings.some((w) => /uplink queue \d+ % full/.test(w)), 5000, 'the warning');
    expect(r.uplink.status().queueBytes / r.uplink.status().queueMaxBytes).toBeGreaterThanOrEqual(0.8);
  }, 30_000);

  it('with a primary host: no birth until it is online; offline → death and disconnect; online again → a new session', async () => {
    const r = await setUp({ extra: () => '  primaryHostId: scada-1\n' });
    const host = await mqtt.connectAsync(r.broker.url, { reconnectPeriod: 0 });
    await until(() => r.uplink.status().state === 'waiting-for-host', 10_000, 'waiting for the host');
    enqueueAggregates(r, 1, 1);
    await new Promise((res) => setTimeout(res, 500));
    expect(ofType(r.consumer.messages, 'NBIRTH')).toEqual([]);
    const state = (online: boolean) => host.publishAsync('spBv1.0/STATE/scada-1', JSON.stringify({ online, timestamp: Date.now() }), { qos: 1, retain: true });
    await state(true);
    await r.consumer.waitFor((m) => ofType(m, 'DDATA').length > 0, 10_000, 'births and the waiting data');
    // What waited for the host is the backlog: historical.
    expect(metric(ofType(r.consumer.messages, 'DDATA')[0]!, 'Tags/speed/Mean')!.historical).toBe(true);
    const firstBdSeq = metric(ofType(r.consumer.messages, 'NBIRTH')[0]!, 'bdSeq')!.value;
    await new Promise((res) => setTimeout(res, 50));
    await state(false);
    await r.consumer.waitFor((m) => ofType(m, 'NDEATH').length > 0, 10_000, 'the death');
    await new Promise((res) => setTimeout(res, 300));
    await state(true);
    await r.consumer.waitFor((m) => ofType(m, 'NBIRTH').length >= 2, 20_000, 'a new birth');
    const second = metric(ofType(r.consumer.messages, 'NBIRTH')[1]!, 'bdSeq')!.value;
    expect(second).not.toEqual(firstBdSeq);
    await host.endAsync();
  }, 60_000);

  it('TLS: verifies the broker against the configured CA; a broker signed by another CA is refused', async () => {
    const r = await setUp({ tls: true, url: (b) => b.tlsUrl!, extra: (b) => `  tls: { ca: ${b.pki!.caFile} }\n` });
    await until(() => r.uplink.status().state === 'online', 10_000, 'online over TLS');
    await r.uplink.stop();
    const plant = parsePlantConfig(config(r.broker.tlsUrl!, `  tls: { ca: ${r.broker.pki!.otherCaFile} }\n`), join(tmpdir(), 'plant.yaml'), [pushDriver().factory]);
    const wrong = startUplink({ runtime: r.runtime, historian: r.history, settings: plant.uplink!, log: silentLogger(), expectedBytesPerHour: 0 });
    await until(() => wrong.status().state === 'offline', 10_000, 'refused');
    expect(wrong.status().detail).toMatch(/certificate/i);
    await wrong.stop();
  }, 60_000);

  it('TLS with a client certificate: a broker that requires one takes ours, and refuses a client without one', async () => {
    const r = await setUp({
      tls: true,
      requireClientCertificate: true,
      url: (b) => b.tlsUrl!,
      extra: (b) => `  tls: { ca: ${b.pki!.caFile}, cert: ${b.pki!.clientCertFile}, key: ${b.pki!.clientKeyFile} }\n`,
    });
    await until(() => r.uplink.status().state === 'online', 10_000, 'online with a client certificate');
    const plant = parsePlantConfig(config(r.broker.tlsUrl!, `  tls: { ca: ${r.broker.pki!.caFile} }\n`), join(tmpdir(), 'plant.yaml'), [pushDriver().factory]);
    const anonymous = startUplink({ runtime: r.runtime, historian: r.history, settings: plant.uplink!, log: silentLogger(), expectedBytesPerHour: 0 });
    await until(() => anonymous.status().state === 'offline', 10_000, 'refused without a certificate');
    await anonymous.stop();
  }, 60_000);
});
