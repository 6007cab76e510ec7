import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { DriverFactory } from '../drivers/driver.js';
import { testPlant } from '../service/testing/test-core.js';
import { silentLogger } from './logger.js';
import { createRuntime } from './runtime.js';
import { createManualClock } from './testing/manual-clock.js';

function driver(behaviour: { failStart?: boolean; stopped?: string[] }): DriverFactory<unknown> {
  return {
    kind: 'fake',
    description: 'test',
    configSchema: z.unknown(),
    checkAddress: () => undefined,
    create: (context) => ({
      async start() {
        if (behaviour.failStart) throw new Error('connection refused by 10.0.0.9:502');
        context.publish([{ path: 'line1/oven/temp', value: 180, quality: { status: 'good' }, sourceTs: context.clock.now() }]);
      },
      async stop() {
        behaviour.stopped?.push(context.deviceId);
      },
      async write() {},
      status: () => ({ state: 'running', detail: 'ok' }),
    }),
  };
}

describe('runtime', () => {
  it('starts the drivers, fills the tag bus, and stops them cleanly', async () => {
    const stopped: string[] = [];
    const runtime = createRuntime({ plant: testPlant(), drivers: [driver({ stopped })], clock: createManualClock(), log: silentLogger() });
    await runtime.start();
    expect(runtime.bus.current('line1/oven/temp')).toMatchObject({ value: 180, quality: { status: 'good' } });
    expect(runtime.driverStatuses()).toEqual([{ deviceId: 'dev1', driver: 'fake', state: 'running', detail: 'ok', tagCount: 4 }]);
    await runtime.stop();
    expect(stopped).toEqual(['dev1']);
    expect(runtime.driverStatuses()[0]!.state).toBe('stopped');
  });

  it('a driver that fails to start leaves its tags bad with the reason, and does not throw', async () => {
    const runtime = createRuntime({ plant: testPlant(), drivers: [driver({ failStart: true })], clock: createManualClock(), log: silentLogger() });
    await expect(runtime.start()).resolves.toBeUndefined();
    expect(runtime.bus.current('line1/fan/speed')?.quality).toEqual({ status: 'bad', reason: 'driver failed to start: connection refused by 10.0.0.9:502' });
    expect(runtime.driverStatuses()[0]).toMatchObject({ state: 'failed', detail: expect.stringMatching(/connection refused/) });
    const tag = runtime.tags.get('line1/oven/setpoint')!;
    await expect(runtime.write(tag, 150)).rejects.toThrow(/not running/);
  });

  it('reconfigures live: an unchanged device keeps its driver, a changed one restarts, a new one starts, new tags join the bus', async () => {
    const created: string[] = [];
    const stopped: string[] = [];
    const counting: DriverFactory<unknown> = {
      ...driver({ stopped }),
      create: (context) => {
        created.push(`${context.deviceId}:${context.tags.length}`);
        return driver({ stopped }).create(context);
      },
    };
    const plant = testPlant();
    plant.devices.push({ id: 'dev2', driver: 'fake', settings: { x: 1 } });
    plant.lines[0]!.assets.push({ path: 'line1/pump', id: 'pump', name: 'Pump', kind: 'pump', description: '', tags: [{ ...plant.lines[0]!.assets[1]!.tags[0]!, path: 'line1/pump/flow', name: 'flow', assetPath: 'line1/pump', deviceId: 'dev2' }] });
    const runtime = createRuntime({ plant, drivers: [counting], clock: createManualClock(), log: silentLogger() });
    await runtime.start();
    expect(created).toEqual(['dev1:4', 'dev2:1']);
    const heard: string[][] = [];
    runtime.onPlantChange((_plant, report) => heard.push(report.tagsAdded));

    // A new device with a new tag on an existing asset; dev2 gets a changed setting; dev1 is untouched.
    const next = structuredClone(plant);
    next.devices.push({ id: 'dev3', driver: 'fake', settings: {} });
    next.devices[1]!.settings = { x: 2 };
    next.lines[0]!.assets[1]!.tags.push({ ...next.lines[0]!.assets[1]!.tags[0]!, path: 'line1/fan/current', name: 'current', deviceId: 'dev3' });
    const report = await runtime.reconfigure(next);

    expect(report).toEqual({ devicesStarted: ['dev3'], devicesRestarted: ['dev2'], devicesStopped: [], devicesUntouched: ['dev1'], tagsAdded: ['line1/fan/current'], tagsRemoved: [] });
    expect(created).toEqual(['dev1:4', 'dev2:1', 'dev2:1', 'dev3:1']);
    expect(stopped).toEqual(['dev2']);
    expect(runtime.plant).toBe(next);
    expect(runtime.plantRevision).toBe(1);
    expect(runtime.tags.has('line1/fan/current')).toBe(true);
    expect(runtime.bus.resolve(['line1/fan'])).toEqual(['line1/fan/speed', 'line1/fan/current']);
    expect(runtime.bus.current('line1/fan/current')?.quality.status).toBe('bad'); // no value yet
    expect(heard).toEqual([['line1/fan/current']]);
    expect(runtime.driverStatuses().map((d) => d.deviceId)).toEqual(['dev1', 'dev2', 'dev3']);

    // Removing a device stops it.
    const smaller = structuredClone(next);
    smaller.devices = smaller.devices.filter((d) => d.id !== 'dev3');
    smaller.lines[0]!.assets[1]!.tags.pop();
    const second = await runtime.reconfigure(smaller);
    expect(second.devicesStopped).toEqual(['dev3']);
    expect(second.tagsRemoved).toEqual(['line1/fan/current']);
    expect(second.devicesUntouched).toEqual(['dev1', 'dev2']);
    await runtime.stop();
  });
});
