// Modbus RTU against Debian's pymodbus, an implementation not ours: RTU frames over TCP (a
// serial gateway), and RTU on a serial port, where a socat pty pair stands in for the
// cable. Both read two units; on the serial bus they share one link and take turns. The
// serial test runs without parity: a pty has no line to carry it, and pyserial cannot set
// it on one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Tag } from '../../model/plant.js';
import type { Sample } from '../../model/sample.js';
import { createRealClock } from '../../runtime/clock.js';
import { silentLogger } from '../../runtime/logger.js';
import { modbusDriver } from './index.js';
import { modbusSettingsSchema } from './settings.js';
import { freePort, startPtyPair, startPymodbus, stopProcess } from './testing/pymodbus.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tag(name: string, address: string, dataType: Tag['dataType'], extra: Partial<Tag> = {}): Tag {
  return { path: `l/bus/${name}`, name, assetPath: 'l/bus', deviceId: 'bus', address, dataType, unit: '', description: '', sampleRateMs: 200, rateReason: 't', writable: false, ...extra };
}

const tags = [
  tag('flow1', '1:hr100:float32', 'float32'),
  tag('temp1', '1:hr102:int16:scale=0.1', 'float64'),
  tag('temp2', '2:hr102:int16:scale=0.1', 'float64'),
  tag('setpoint2', '2:hr200:uint16', 'uint16', { writable: true }),
];

function startDriver(settings: Record<string, unknown>) {
  const samples: Sample[] = [];
  const parsed = modbusSettingsSchema.parse({ timeoutMs: 500, reconnectMinMs: 100, reconnectMaxMs: 500, ...settings });
  const driver = modbusDriver.create({ deviceId: 'bus', settings: parsed, tags, clock: createRealClock(), publish: (s) => void samples.push(...s), log: silentLogger(), stateDir: '/tmp' });
  cleanups.push(() => driver.stop());
  const latest = (path: string) => samples.filter((s) => s.path === path).at(-1);
  return { driver, samples, latest };
}

async function until(predicate: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!predicate() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  expect(predicate()).toBe(true);
}

const allGood = (latest: (path: string) => Sample | undefined) => tags.every((t) => latest(t.path)?.quality.status === 'good');

describe('Modbus RTU against pymodbus', () => {
  it('RTU over TCP (a serial gateway): reads two units and writes', async () => {
    const port = await freePort();
    const device = await startPymodbus('rtu-over-tcp', port);
    cleanups.push(() => stopProcess(device));
    const { driver, latest } = startDriver({ transport: 'rtu-over-tcp', host: '127.0.0.1', port });
    await driver.start();
    await until(() => allGood(latest));
    expect(latest('l/bus/flow1')!.value).toBe(Math.fround(123.456));
    expect(latest('l/bus/temp1')!.value).toBeCloseTo(-10, 9);
    expect(latest('l/bus/temp2')!.value).toBeCloseTo(-20, 9);
    await driver.write(tags[3]!, 321);
    await until(() => latest('l/bus/setpoint2')?.value === 321);
  });

  it('RTU on a serial port: the units share the link, a device that goes away is bad quality, and it recovers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lineside-rtu-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const cable = await startPtyPair(dir);
    cleanups.push(() => stopProcess(cable.process));
    let device = await startPymodbus('serial', cable.device);
    cleanups.push(() => stopProcess(device));
    const { driver, latest } = startDriver({ transport: 'rtu', serialPath: cable.host, baudRate: 19_200, parity: 'none' });
    await driver.start();
    await until(() => allGood(latest));
    expect(latest('l/bus/temp1')!.value).toBeCloseTo(-10, 9);
    expect(latest('l/bus/temp2')!.value).toBeCloseTo(-20, 9);
    expect(driver.status()).toMatchObject({ state: 'running', detail: expect.stringMatching(/1\/1 serial links up/) });
    await driver.write(tags[3]!, 77);
    await until(() => latest('l/bus/setpoint2')?.value === 77);

    await stopProcess(device); // the device is switched off; the cable stays
    await until(() => latest('l/bus/temp2')?.quality.status === 'bad', 3000);
    expect(latest('l/bus/temp2')!.quality.reason).toMatch(/timeout after 500 ms/);
    device = await startPymodbus('serial', cable.device);
    await until(() => allGood(latest), 5000);
  });
});
