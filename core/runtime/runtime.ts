/**
 * The runtime: builds the tag bus from the plant model, creates one driver per device from
 * the registry, starts and stops them, and routes writes. A driver that fails to start
 * leaves its tags at bad quality with the reason; the rest of the plant runs on.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DriverStatus, ScalarValue } from '../contract/index.js';
import type { Driver, DriverFactory } from '../drivers/driver.js';
import { allTags, type Plant, type Tag } from '../model/plant.js';
import { bad, type Sample } from '../model/sample.js';
import type { Clock } from './clock.js';
import type { Logger } from './logger.js';
import { createTagBus, type TagBus } from './tag-bus.js';

export interface Runtime {
  readonly plant: Plant;
  readonly bus: TagBus;
  readonly clock: Clock;
  readonly tags: ReadonlyMap<string, Tag>;
  start(): Promise<void>;
  /** Stops every driver; resolves when all have released their resources. */
  stop(): Promise<void>;
  /** Writes through the tag's driver; rejects with the device's reason. */
  write(tag: Tag, value: ScalarValue): Promise<void>;
  driverStatuses(): DriverStatus[];
}

export interface RuntimeOptions {
  plant: Plant;
  drivers: readonly DriverFactory<any>[];
  clock: Clock;
  log: Logger;
  /** Where drivers keep files across runs (OPC UA certificates); a temporary folder when omitted. */
  stateDir?: string;
}

interface DeviceEntry {
  deviceId: string;
  kind: string;
  tags: Tag[];
  driver?: Driver;
  failure?: string;
}

export function createRuntime({ plant, drivers, clock, log, stateDir = join(tmpdir(), `lineside-state-${process.pid}`) }: RuntimeOptions): Runtime {
  const tagList = allTags(plant);
  const tags = new Map(tagList.map((tag) => [tag.path, tag]));
  const bus = createTagBus(
    tagList.map((tag) => tag.path),
    log,
  );
  const devices: DeviceEntry[] = plant.devices.map((device) => ({
    deviceId: device.id,
    kind: device.driver,
    tags: tagList.filter((tag) => tag.deviceId === device.id),
  }));
  let started = false;

  const markBad = (entry: DeviceEntry, reason: string) => {
    const now = clock.now();
    bus.publish(entry.tags.map((tag): Sample => ({ path: tag.path, value: bus.current(tag.path)?.value ?? 0, quality: bad(reason), sourceTs: now })));
  };

  return {
    plant,
    bus,
    clock,
    tags,
    async start() {
      if (started) return;
      started = true;
      for (const entry of devices) {
        const device = plant.devices.find((d) => d.id === entry.deviceId)!;
        const factory = drivers.find((d) => d.kind === device.driver);
        if (!factory) {
          entry.failure = `no driver of kind "${device.driver}"`;
          markBad(entry, entry.failure);
          continue;
        }
        try {
          entry.driver = factory.create({
            deviceId: device.id,
            settings: device.settings,
            tags: entry.tags,
            clock,
            publish: (samples) => bus.publish(samples),
            log: log.child({ device: device.id, driver: device.driver }),
            stateDir,
          });
          await entry.driver.start();
          log.info({ device: device.id, driver: device.driver, tags: entry.tags.length }, 'driver started');
        } catch (error) {
          entry.driver = undefined;
          entry.failure = `driver failed to start: ${(error as Error).message}`;
          log.error({ device: device.id, err: error }, 'driver failed to start');
          markBad(entry, entry.failure);
        }
      }
    },
    async stop() {
      if (!started) return;
      started = false;
      await Promise.all(
        devices.map(async (entry) => {
          try {
            await entry.driver?.stop();
          } catch (error) {
            log.error({ device: entry.deviceId, err: error }, 'driver failed to stop cleanly');
          }
        }),
      );
    },
    async write(tag, value) {
      const entry = devices.find((d) => d.deviceId === tag.deviceId);
      if (!entry?.driver) throw new Error(`device ${tag.deviceId} is not running${entry?.failure ? ` (${entry.failure})` : ''}`);
      await entry.driver.write(tag, value);
    },
    driverStatuses() {
      return devices.map((entry): DriverStatus => {
        const status = entry.failure ? { state: 'failed' as const, detail: entry.failure } : (entry.driver?.status() ?? { state: 'stopped' as const, detail: 'not started' });
        return {
          deviceId: entry.deviceId,
          driver: entry.kind,
          state: started || status.state === 'failed' ? status.state : 'stopped',
          detail: status.detail,
          tagCount: entry.tags.length,
        };
      });
    },
  };
}
