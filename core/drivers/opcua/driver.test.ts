// The OPC UA driver's faults and limits against the test server over real TCP on
// 127.0.0.1: an untrusted server certificate, a server that dies and returns, a server
// that goes silent, sampling rates, the server's per-call limit, refused monitored items,
// and typed writes.
import { createServer, connect as netConnect, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tag } from '../../model/plant.js';
import { createRealClock } from '../../runtime/clock.js';
import { silentLogger } from '../../runtime/logger.js';
import type { Driver } from '../driver.js';
import { opcuaDriver } from './index.js';
import { opcuaSettingsSchema, type OpcuaSettings } from './settings.js';
import { startOpcuaTestServer, type OpcuaTestServer, type OpcuaTestServerOptions } from './test-server.js';
import { AREA, opcuaTag, sampleLog, SITE, tempDir, trustServer, USER, variableFor, waitFor } from './testing/plant.js';
import { createOpcuaTools } from './tools.js';

const root = tempDir('driver');
const serverPki = `${root.path}/server-pki`; // one server certificate for the whole file (made once)
let stateCount = 0;
const running: { stop(): Promise<void> }[] = [];

afterAll(async () => {
  for (const item of running.reverse()) await item.stop().catch(() => undefined);
  root.remove();
});

async function server(tags: Tag[], extra: Partial<OpcuaTestServerOptions> = {}): Promise<OpcuaTestServer> {
  const started = await startOpcuaTestServer({ pkiRoot: serverPki, site: SITE, area: AREA, variables: tags.map((t) => variableFor(t, t.dataType === 'bool' ? false : 0)), users: [USER], ...extra });
  running.push({ stop: () => started.close() });
  return started;
}

/** Tags named `${prefix}0…` at ns=1 (the test server's own namespace). */
function tags(count: number, prefix = 'v', extra: Partial<Tag> = {}): Tag[] {
  return Array.from({ length: count }, (_, i) => opcuaTag(`${prefix}${i}`, 1, extra));
}

function device(settings: Partial<OpcuaSettings> & { endpointUrl: string }, deviceTags: Tag[], stateDir = `${root.path}/state-${++stateCount}`) {
  const samples = sampleLog();
  const driver: Driver = opcuaDriver.create({
    deviceId: 'plc',
    settings: opcuaSettingsSchema.parse({ keepAliveMs: 1000, requestTimeoutMs: 2000, reconnectMinMs: 100, reconnectMaxMs: 1000, ...settings }),
    tags: deviceTags,
    clock: createRealClock(),
    publish: (batch) => samples.publish(batch),
    log: silentLogger(),
    stateDir,
  });
  running.push(driver);
  return { driver, samples, stateDir };
}

const allGood = (samples: ReturnType<typeof sampleLog>, list: Tag[], after = 0) => list.every((t) => samples.latest(t.path)?.quality.status === 'good' && samples.latest(t.path)!.at >= after);

describe('OPC UA driver', () => {
  let first: OpcuaTestServer;
  beforeAll(async () => {
    first = await server(tags(1, 'warmup')); // makes the server certificate once, outside the timed tests
    await first.close();
  }, 30_000);

  it('shows an untrusted server certificate as bad quality naming it, trusts nothing silently, and connects once the user trusts it', async () => {
    const list = tags(2);
    const s = await server(list);
    const { driver, samples, stateDir } = device({ endpointUrl: s.endpointUrl }, list); // securityMode auto
    await driver.start();
    const reason = new RegExp(`^server certificate not trusted: CN=.+, thumbprint ${s.certificateThumbprint}; trust it under Connections$`);
    expect(await waitFor(() => reason.test(samples.latest(list[0]!.path)?.quality.reason ?? ''), 5000), 'bad quality naming the certificate').toBe(true);
    expect(samples.latest(list[1]!.path)?.quality).toEqual({ status: 'bad', reason: samples.latest(list[0]!.path)!.quality.reason });
    expect(driver.status()).toMatchObject({ state: 'failed', detail: expect.stringContaining('not trusted') });

    const tools = createOpcuaTools({ stateDir, log: silentLogger() });
    expect(await tools.certificates()).toEqual([expect.objectContaining({ thumbprint: s.certificateThumbprint, status: 'rejected' })]);
    // Retrying does not trust it either: 'auto' never falls back to None while SignAndEncrypt is offered.
    await new Promise((r) => setTimeout(r, 1200));
    expect(samples.all.some((x) => x.quality.status === 'good')).toBe(false);

    const trustedAt = Date.now();
    await tools.trust(s.certificateThumbprint);
    expect(await waitFor(() => allGood(samples, list), 5000), 'good once trusted').toBe(true);
    expect(samples.latest(list[0]!.path)!.at - trustedAt, 'connects at once, not at the next backoff step').toBeLessThan(2000);
    expect(await tools.certificates()).toEqual([expect.objectContaining({ thumbprint: s.certificateThumbprint, status: 'trusted' })]);
    const status = driver.status();
    expect(status.state).toBe('running');
    expect(status.detail).toMatch(/^opc\.tcp:\/\/127\.0\.0\.1:\d+, SignAndEncrypt \w+, session active; 1 subscription, 2 monitored items .*; own certificate valid until \d{4}-\d\d-\d\d; server certificate valid until \d{4}-\d\d-\d\d$/);
    await tools.close();
    await driver.stop();
    await s.close();
  }, 20_000);

  it('marks every tag bad within the keep-alive period when the server dies, and restores every monitored item within 10 s of its return', async () => {
    const list = tags(25);
    let s = await server(list);
    const port = s.port;
    const settings = { endpointUrl: s.endpointUrl, securityMode: 'SignAndEncrypt', securityPolicy: 'Basic256Sha256', user: { kind: 'username', ...USER } } as const;
    const stateDir = `${root.path}/state-${++stateCount}`;
    await trustServer(stateDir, opcuaSettingsSchema.parse(settings));
    const { driver, samples } = device(settings, list, stateDir);
    let tick = 0;
    const changing = setInterval(() => {
      tick++;
      for (const t of list) s.setValue(t.path, tick);
    }, 50);
    try {
      await driver.start();
      expect(await waitFor(() => allGood(samples, list), 5000), 'all good at first').toBe(true);

      const killedAt = Date.now();
      await s.close();
      expect(await waitFor(() => list.every((t) => samples.latest(t.path)?.quality.status === 'bad'), 1500), 'all bad').toBe(true);
      expect(Math.max(...list.map((t) => samples.latest(t.path)!.at)) - killedAt, 'within the keep-alive period (1000 ms)').toBeLessThanOrEqual(1000);
      expect(samples.latest(list[0]!.path)!.quality.reason).toMatch(/^connection lost: /);
      expect(driver.status().state).toBe('failed');

      await new Promise((r) => setTimeout(r, 1500));
      s = await server(list, { port });
      const backAt = Date.now();
      expect(await waitFor(() => allGood(samples, list, backAt), 10_000), 'every item good again within 10 s').toBe(true);
      // every monitored item is live again, not just a first value: each changes once more
      const values = new Map(list.map((t) => [t.path, samples.latest(t.path)!.value]));
      expect(await waitFor(() => list.every((t) => samples.latest(t.path)!.value !== values.get(t.path)), 2000), 'every item updating').toBe(true);
      expect(driver.status()).toMatchObject({ state: 'running', detail: expect.stringContaining('25 monitored items') });
    } finally {
      clearInterval(changing);
      await driver.stop();
      await s.close();
    }
  }, 30_000);

  it('notices a server that goes silent (connection open, no answers) within the keep-alive period', async () => {
    const list = tags(3);
    const s = await server(list);
    const proxy = await silentProxy(s.port);
    const { driver, samples } = device({ endpointUrl: `opc.tcp://127.0.0.1:${proxy.port}`, securityMode: 'None' }, list);
    try {
      await driver.start();
      expect(await waitFor(() => allGood(samples, list), 5000)).toBe(true);
      const silentFrom = Date.now();
      proxy.freeze();
      expect(await waitFor(() => list.every((t) => samples.latest(t.path)?.quality.status === 'bad'), 3000), 'all bad').toBe(true);
      // keep-alive 1000 ms: noticed at most 875 ms after the last answer (plus timer slack on a busy machine)
      expect(samples.latest(list[0]!.path)!.at - silentFrom).toBeLessThanOrEqual(1100);
      expect(samples.latest(list[0]!.path)!.quality.reason).toMatch(/^connection lost: (no answer from the server|keep-alive read failed)/);
      proxy.thaw();
      const backAt = Date.now();
      expect(await waitFor(() => allGood(samples, list, backAt), 10_000), 'good again').toBe(true);
    } finally {
      await driver.stop();
      await proxy.close();
      await s.close();
    }
  }, 20_000);

  it('honours the sampling interval: 100 ms gives at least 8 updates a second, 1000 ms about one', async () => {
    const fast = tags(3, 'fast', { sampleRateMs: 100 });
    const slow = tags(1, 'slow', { sampleRateMs: 1000 });
    const s = await server([...fast, ...slow]);
    const { driver, samples } = device({ endpointUrl: s.endpointUrl, securityMode: 'None' }, [...fast, ...slow]);
    let tick = 0;
    const changing = setInterval(() => {
      tick++;
      for (const t of [...fast, ...slow]) s.setValue(t.path, tick);
    }, 25);
    try {
      await driver.start();
      expect(await waitFor(() => allGood(samples, [...fast, ...slow]), 5000)).toBe(true);
      const from = Date.now();
      await new Promise((r) => setTimeout(r, 2000));
      const rate = (t: Tag) => samples.all.filter((x) => x.path === t.path && x.at >= from && x.at < from + 2000 && x.quality.status === 'good').length / 2;
      for (const t of fast) expect(rate(t), `${t.path} updates per second`).toBeGreaterThanOrEqual(8);
      expect(rate(slow[0]!)).toBeGreaterThanOrEqual(0.5);
      expect(rate(slow[0]!)).toBeLessThanOrEqual(1.5);
      expect(driver.status().detail).toContain('2 subscriptions');
    } finally {
      clearInterval(changing);
      await driver.stop();
      await s.close();
    }
  }, 20_000);

  it('spreads 200 items over calls within the server limit of 50 per call, and all arrive', async () => {
    const fast = tags(150, 'a');
    const slow = tags(50, 'b', { sampleRateMs: 500 });
    const s = await server([...fast, ...slow], { maxMonitoredItemsPerCall: 50 });
    const { driver, samples } = device({ endpointUrl: s.endpointUrl, securityMode: 'None' }, [...fast, ...slow]);
    try {
      await driver.start();
      expect(await waitFor(() => allGood(samples, [...fast, ...slow]), 8000), 'all 200 good').toBe(true);
      expect(driver.status()).toMatchObject({ state: 'running', detail: expect.stringContaining('2 subscriptions, 200 monitored items (4 CreateMonitoredItems calls of at most 50 items)') });
    } finally {
      await driver.stop();
      await s.close();
    }
  }, 20_000);

  it('passes the server’s quality and source timestamp on, and gives a monitored item the server refuses bad quality on that tag only', async () => {
    const list = tags(3);
    const missing = opcuaTag('missing', 1, { address: 'ns=1;s=line1/plc/not-there' });
    // by namespace URI (the test server's own namespace is its application URI)
    const byUri = opcuaTag('by_uri', 1, { address: 'nsu=urn:lineside:opcua-test-server;s=line1/plc/v0' });
    const unknownUri = opcuaTag('unknown_uri', 1, { address: 'nsu=urn:acme:nothing;s=line1/plc/v0' });
    const s = await server(list);
    const { driver, samples } = device({ endpointUrl: s.endpointUrl, securityMode: 'None' }, [...list, missing, byUri, unknownUri]);
    try {
      await driver.start();
      expect(await waitFor(() => allGood(samples, [...list, byUri]) && samples.latest(missing.path) !== undefined, 5000)).toBe(true);
      expect(samples.latest(missing.path)!.quality).toEqual({ status: 'bad', reason: 'refused by the server: BadNodeIdUnknown' });
      expect(samples.latest(unknownUri.path)!.quality).toEqual({ status: 'bad', reason: 'namespace urn:acme:nothing is not on the server (it has 2 namespaces)' });
      expect(driver.status()).toMatchObject({ state: 'degraded', detail: expect.stringMatching(/; 2 refused \(line1\/plc\/(missing|unknown_uri): .*, …\)/) });

      const measuredAt = Date.parse('2026-03-01T08:00:00.250Z');
      s.setValue(list[0]!.path, 41.5, { status: 'good' }, measuredAt); // v0, also read through by_uri
      s.setValue(list[1]!.path, 7, { status: 'uncertain' });
      s.setValue(list[2]!.path, 0, { status: 'bad' });
      expect(await waitFor(() => samples.latest(list[0]!.path)!.value === 41.5 && samples.latest(list[2]!.path)!.quality.status === 'bad', 3000)).toBe(true);
      expect(samples.latest(list[0]!.path)).toMatchObject({ value: 41.5, quality: { status: 'good' }, sourceTs: measuredAt });
      expect(await waitFor(() => samples.latest(byUri.path)!.value === 41.5, 2000)).toBe(true);
      expect(samples.latest(list[1]!.path)).toMatchObject({ value: 7, quality: { status: 'uncertain', reason: 'UncertainLastUsableValue' } });
      expect(samples.latest(list[2]!.path)!.quality).toEqual({ status: 'bad', reason: 'BadCommunicationError' });
    } finally {
      await driver.stop();
      await s.close();
    }
  }, 20_000);

  it('writes a Variant of the variable’s exact type and names the status when the server refuses', async () => {
    const count = opcuaTag('count', 1, { dataType: 'int16', writable: true });
    const motorOn = opcuaTag('motor_on', 1, { dataType: 'bool', writable: true });
    const locked = opcuaTag('locked', 1, { writable: true });
    const readOnly = opcuaTag('ro', 1);
    const s = await server([count, motorOn, { ...locked, writable: false }, readOnly]);
    const { driver, samples } = device({ endpointUrl: s.endpointUrl, securityMode: 'None' }, [count, motorOn, locked, readOnly]);
    try {
      await driver.start();
      expect(await waitFor(() => allGood(samples, [count, motorOn]), 5000)).toBe(true);
      await driver.write(count, 1234);
      await driver.write(motorOn, true);
      expect(await waitFor(() => samples.latest(count.path)?.value === 1234 && samples.latest(motorOn.path)?.value === true, 3000), 'the written values read back').toBe(true);
      await expect(driver.write(count, 70_000)).rejects.toThrow(/cannot write 70000 to a Int16 variable: expected an integer -32768–32767/);
      await expect(driver.write(count, 1.5)).rejects.toThrow(/expected an integer/);
      await expect(driver.write(locked, 1)).rejects.toThrow(/the server refused the write of 1 to line1\/plc\/locked \(ns=1;s=line1\/plc\/locked\): Bad(NotWritable|UserAccessDenied)/);
      await expect(driver.write(readOnly, 1)).rejects.toThrow(/not enabled for writes/);
    } finally {
      await driver.stop();
      await s.close();
    }
  }, 20_000);
});

/** A TCP proxy that can go silent: connections stay open, nothing passes either way. */
async function silentProxy(targetPort: number): Promise<{ port: number; freeze(): void; thaw(): void; close(): Promise<void> }> {
  let frozen = false;
  const sockets = new Set<Socket>();
  const proxy: Server = createServer((inbound) => {
    const outbound = netConnect(targetPort, '127.0.0.1');
    for (const [from, to] of [
      [inbound, outbound],
      [outbound, inbound],
    ] as const) {
      sockets.add(from);
      from.on('data', (data) => {
        if (!frozen) to.write(data);
      });
      from.on('error', () => to.destroy());
      from.on('close', () => {
        sockets.delete(from);
        if (!frozen) to.destroy();
      });
    }
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    port: (proxy.address() as { port: number }).port,
    freeze: () => void (frozen = true),
    thaw() {
      frozen = false;
      for (const socket of sockets) socket.destroy(); // the frozen connections are dead; new ones pass
    },
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => proxy.close(() => resolve()));
    },
  };
}
