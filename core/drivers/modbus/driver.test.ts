// The Modbus driver against the test device over real TCP on 127.0.0.1: values decode,
// a bad address is isolated, writes arrive, a stopped device shows bad quality and
// recovers, and a unit that never answers does not hold up a healthy one.
import { afterEach, describe, expect, it } from 'vitest';
import type { Tag } from '../../model/plant.js';
import type { Sample } from '../../model/sample.js';
import { createRealClock } from '../../runtime/clock.js';
import { silentLogger } from '../../runtime/logger.js';
import type { Driver } from '../driver.js';
import { modbusDriver } from './index.js';
import { modbusSettingsSchema } from './settings.js';
import { createUnit, startModbusTcpServer, type ModbusTcpServer, type ModbusUnit } from './tcp-server.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tag(name: string, address: string, dataType: Tag['dataType'] = 'float32', extra: Partial<Tag> = {}): Tag {
  return { path: `l/plc/${name}`, name, assetPath: 'l/plc', deviceId: 'plc', address, dataType, unit: '', description: '', sampleRateMs: 100, rateReason: 't', writable: false, ...extra };
}

function deviceUnit(): ModbusUnit {
  const unit = createUnit();
  unit.holding.set([0x42f6, 0xe979], 100); // 123.456 as float32 ABCD
  unit.holding[102] = 0xff9c; // -100 as int16
  unit.holding[40] = 0b1000; // bit 3 set
  unit.coils[10] = 1;
  unit.illegal = { holding: new Set([105]) };
  return unit;
}

async function startServer(units: Map<number, ModbusUnit>, port = 0): Promise<ModbusTcpServer> {
  const server = await startModbusTcpServer({ port, units });
  cleanups.push(() => server.close());
  return server;
}

function startDriver(port: number, tags: Tag[], timeoutMs = 300): { driver: Driver; samples: Sample[]; latest: (path: string) => Sample | undefined } {
  const samples: Sample[] = [];
  const settings = modbusSettingsSchema.parse({ host: '127.0.0.1', port, timeoutMs, reconnectMinMs: 100, reconnectMaxMs: 500 });
  const driver = modbusDriver.create({ deviceId: 'plc', settings, tags, clock: createRealClock(), publish: (s) => void samples.push(...s), log: silentLogger(), stateDir: '/tmp' });
  cleanups.push(() => driver.stop());
  return { driver, samples, latest: (path) => samples.filter((s) => s.path === path).at(-1) };
}

async function until(predicate: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!predicate() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  expect(predicate()).toBe(true);
}

const tags = [
  tag('flow', 'hr100:float32'),
  tag('temp', 'hr102:int16:scale=0.1:offset=0'),
  tag('running', 'hr40.3', 'bool'),
  tag('valve', 'co10', 'bool'),
  tag('broken', 'hr105', 'uint16'),
  tag('neighbour', 'hr106', 'uint16'),
  tag('setpoint', 'hr200', 'uint16', { writable: true }),
];

describe('Modbus driver against the test device', () => {
  it('decodes values and isolates an illegal address without blanking its neighbours', async () => {
    const server = await startServer(new Map([[1, deviceUnit()]]));
    const { driver, latest } = startDriver(server.port, tags);
    await driver.start();
    await until(() => latest('l/plc/neighbour') !== undefined && latest('l/plc/broken') !== undefined);
    expect(latest('l/plc/flow')).toMatchObject({ value: Math.fround(123.456), quality: { status: 'good' } });
    expect(latest('l/plc/temp')!.value).toBeCloseTo(-10, 6);
    expect(latest('l/plc/running')!.value).toBe(true);
    expect(latest('l/plc/valve')!.value).toBe(true);
    expect(latest('l/plc/broken')!.quality).toEqual({ status: 'bad', reason: 'exception 02 illegal data address' });
    expect(latest('l/plc/neighbour')!.quality.status).toBe('good');
    expect(driver.status().state).toBe('running');
  });

  it('writes through to the device', async () => {
    const unit = deviceUnit();
    const server = await startServer(new Map([[1, unit]]));
    const { driver } = startDriver(server.port, tags);
    await driver.start();
    await driver.write(tags.find((t) => t.name === 'setpoint')!, 1234);
    expect(unit.holding[200]).toBe(1234);
  });

  it('writes a bit inside a register without touching the other bits of that register', async () => {
    const unit = deviceUnit();
    unit.holding[40] = 0b1010_0000_0000_1001;
    const server = await startServer(new Map([[1, unit]]));
    const { driver } = startDriver(server.port, tags);
    await driver.start();
    const running = tags.find((t) => t.name === 'running')!; // hr40.3
    await driver.write(running, false);
    expect(unit.holding[40]).toBe(0b1010_0000_0000_0001);
    await driver.write(running, true);
    expect(unit.holding[40]).toBe(0b1010_0000_0000_1001);
  });

  it('marks the last value stale (uncertain, with the reason) when a poll is two periods overdue, and good again when answers come', async () => {
    const unit = deviceUnit();
    const server = await startServer(new Map([[1, unit]]));
    const { driver, samples, latest } = startDriver(server.port, [tag('flow', 'hr100:float32')], 2000);
    await driver.start();
    await until(() => latest('l/plc/flow')?.quality.status === 'good');
    unit.delayMs = 450; // a slow device: answers, but 4.5 poll periods late
    await until(() => latest('l/plc/flow')?.quality.status === 'uncertain', 2000);
    expect(latest('l/plc/flow')).toMatchObject({ value: Math.fround(123.456), quality: { reason: expect.stringMatching(/^stale: poll overdue, no answer for 2\d\d ms \(poll every 100 ms\)$/) } });
    unit.delayMs = 0;
    const from = samples.length;
    await until(() => samples.slice(from).some((s) => s.quality.status === 'good'), 2000);
    expect(samples.slice(from).every((s) => s.quality.status !== 'bad')).toBe(true); // slow is not broken
  });

  it('shows bad quality within two poll periods of the device going away, and good again within 5 s of its return', async () => {
    const unit = deviceUnit();
    const first = await startServer(new Map([[1, unit]]));
    const port = first.port;
    const { driver, latest } = startDriver(port, tags);
    await driver.start();
    await until(() => latest('l/plc/flow')?.quality.status === 'good');
    await first.close();
    const stoppedAt = Date.now();
    await until(() => latest('l/plc/flow')?.quality.status === 'bad', 1000);
    expect(Date.now() - stoppedAt).toBeLessThanOrEqual(2 * 100 + 100);
    expect(latest('l/plc/flow')!.quality.reason).toMatch(/connection lost/);
    await startServer(new Map([[1, unit]]), port);
    const back = Date.now();
    await until(() => latest('l/plc/flow')?.quality.status === 'good', 5000);
    expect(Date.now() - back).toBeLessThanOrEqual(5000);
  });

  it('a unit that never answers does not slow a healthy unit', async () => {
    const server = await startServer(new Map([[1, deviceUnit()]]));
    const healthy = [tag('a', '1:hr100:float32')];
    const withSilent = [...healthy, tag('b', '7:hr100:float32')]; // unit 7 is not there: it never answers
    const alone = startDriver(server.port, healthy);
    await alone.driver.start();
    await new Promise((r) => setTimeout(r, 1500));
    const aloneCount = alone.samples.filter((s) => s.path === 'l/plc/a').length;
    await alone.driver.stop();
    const both = startDriver(server.port, withSilent);
    await both.driver.start();
    await new Promise((r) => setTimeout(r, 1500));
    const bothCount = both.samples.filter((s) => s.path === 'l/plc/a').length;
    expect(bothCount).toBeGreaterThanOrEqual(aloneCount * 0.9);
    expect(both.latest('l/plc/b')!.quality).toMatchObject({ status: 'bad', reason: expect.stringMatching(/timeout after 300 ms \(unit 7\)/) });
  });
});

describe('Modbus RTU on a serial bus', () => {
  it('shares one link between the units on the bus, and a missing port is bad quality with the reason, not a crash', async () => {
    const samples: Sample[] = [];
    const settings = modbusSettingsSchema.parse({ transport: 'rtu', serialPath: '/dev/lineside-no-such-port', reconnectMinMs: 100, reconnectMaxMs: 500 });
    const rtuTags = [tag('a', '1:hr0:uint16', 'uint16'), tag('b', '2:hr0:uint16', 'uint16')];
    const driver = modbusDriver.create({ deviceId: 'bus', settings, tags: rtuTags, clock: createRealClock(), publish: (s) => void samples.push(...s), log: silentLogger(), stateDir: '/tmp' });
    cleanups.push(() => driver.stop());
    await driver.start();
    await until(() => ['l/plc/a', 'l/plc/b'].every((path) => samples.some((s) => s.path === path && s.quality.status === 'bad')), 3000);
    expect(samples.find((s) => s.path === 'l/plc/b')!.quality.reason).toMatch(/cannot connect/);
    expect(driver.status()).toMatchObject({ state: 'failed', detail: expect.stringMatching(/^\/dev\/lineside-no-such-port, 0\/1 serial links up/) });
  });
});
