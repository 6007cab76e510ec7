/**
 * The shared driver contract: what every driver must do, run against each real driver
 * (the simulator, Modbus against its test device over TCP, OPC UA when it lands) through
 * the runtime and the service, as the app uses them: connect, deliver samples to
 * subscribers, show bad quality with a reason on failure, recover, and write only where
 * the config allows it.
 */
import { describe, expect, it } from 'vitest';
import { contractVersion } from '../../contract/index.js';
import type { Plant } from '../../model/plant.js';
import type { Sample } from '../../model/sample.js';
import { createRealClock } from '../../runtime/clock.js';
import { silentLogger } from '../../runtime/logger.js';
import { createRuntime, type Runtime } from '../../runtime/runtime.js';
import { createHmiService } from '../../service/hmi-service.js';
import type { DriverFactory } from '../driver.js';

export interface ContractHarness {
  plant: Plant;
  driver: DriverFactory<any>;
  /** A tag that reads good while the device is healthy. */
  goodTag: string;
  /** A tag enabled for writes, and a value to write that reads back. */
  writableTag: { path: string; value: number };
  /** A tag whose writes are not enabled in the config. */
  readOnlyTag: string;
  /** The drivers' state folder (an OPC UA PKI with the server's certificate already trusted); a temporary one when omitted. */
  stateDir?: string;
  /** Makes the device fail (stop, unplug, break a sensor) and later recover. */
  breakDevice(): Promise<void>;
  restoreDevice(): Promise<void>;
  close(): Promise<void>;
}

async function until(what: string, predicate: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!predicate() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  expect(predicate(), what).toBe(true);
}

export function describeDriverContract(name: string, setup: () => Promise<ContractHarness>): void {
  describe(`driver contract: ${name}`, () => {
    it('connects, delivers samples to subscribers, shows failures as bad quality with a reason, recovers, and writes only where enabled', async () => {
      const harness = await setup();
      const runtime: Runtime = createRuntime({
        plant: harness.plant,
        drivers: [harness.driver],
        clock: createRealClock(),
        log: silentLogger(),
        ...(harness.stateDir ? { stateDir: harness.stateDir } : {}),
      });
      const service = createHmiService({ runtime, mode: 'live', transport: 'websocket', versions: { app: 'test', node: process.versions.node, contract: contractVersion } });
      const seen: Sample[] = [];
      const unsubscribe = runtime.bus.subscribe(runtime.bus.resolve([harness.goodTag, harness.writableTag.path]), (samples) => void seen.push(...samples));
      const latest = (path: string) => seen.filter((s) => s.path === path).at(-1);
      try {
        await runtime.start();
        // connect + subscribe
        await until('a good sample of the good tag', () => latest(harness.goodTag)?.quality.status === 'good', 5000);
        expect(runtime.driverStatuses()[0]!.state).toMatch(/running|degraded/);

        // quality on failure, then reconnect
        await harness.breakDevice();
        await until('bad quality after the failure', () => latest(harness.goodTag)?.quality.status === 'bad', 5000);
        expect(latest(harness.goodTag)!.quality.reason, 'a reason for the bad quality').toMatch(/\w{3,}/);
        await harness.restoreDevice();
        await until('good quality again within 5 s', () => latest(harness.goodTag)?.quality.status === 'good', 5000);

        // writes: refused unless enabled, and an allowed write reads back
        const session = service.openSession(() => {});
        expect(await session.writeTag({ path: harness.readOnlyTag, value: 1 })).toMatchObject({ ok: false, error: { code: 'write-disabled' } });
        const written = await session.writeTag({ path: harness.writableTag.path, value: harness.writableTag.value });
        expect(written, 'the allowed write').toMatchObject({ ok: true });
        await until('the written value reads back', () => Math.abs(Number(latest(harness.writableTag.path)?.value) - harness.writableTag.value) < 1e-6, 5000);
        session.close();
      } finally {
        unsubscribe();
        await runtime.stop();
        await harness.close();
      }
    }, 30_000);
  });
}
