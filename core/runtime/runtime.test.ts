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
});
