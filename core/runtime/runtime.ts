/**
 * The runtime: builds the tag bus from the plant model, creates one driver per device from
 * the registry, starts and stops them, and routes writes. A driver that fails to start
 * leaves its tags at bad quality with the reason; the rest of the plant runs on.
 *
 * `reconfigure` swaps in a new plant while running (tags added from the OPC UA browser, and
 * engineering mode later): a device whose settings and tags are unchanged keeps its driver
 * and its connection untouched; a changed device's driver is restarted with its new tags; a
 * new one is started, a removed one stopped. Listeners hear about the new plant afterwards.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DriverStatus, ScalarValue } from '../contract/index.js';
import type { Driver, DriverFactory } from '../drivers/driver.js';
import { allTags, type Device, type Plant, type Tag } from '../model/plant.js';
import { bad, type Sample } from '../model/sample.js';
import type { Clock } from './clock.js';
import type { Logger } from './logger.js';
import { createTagBus, type TagBus } from './tag-bus.js';
import { sameDevice } from './plant-changes.js';

export interface Runtime {
  /** The plant as running now (replaced, never mutated, by reconfigure). */
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
  /** Applies a new plant live; resolves when changed devices have restarted. */
  reconfigure(next: Plant): Promise<ReconfigureReport>;
  /** Calls the listener after every reconfigure; returns a function that removes it. */
  onPlantChange(listener: (plant: Plant, report: ReconfigureReport) => void): () => void;
  /** Counts reconfigurations; 0 for the plant the runtime started with. */
  readonly plantRevision: number;
  /** Where drivers keep files across runs. */
  readonly stateDir: string;
}

/** What a reconfigure did, by device id and tag path. */
export interface ReconfigureReport {
  devicesStarted: string[];
  devicesRestarted: string[];
  devicesStopped: string[];
  devicesUntouched: string[];
  tagsAdded: string[];
  tagsRemoved: string[];
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

export function createRuntime({ plant: initialPlant, drivers, clock, log, stateDir = join(tmpdir(), `lineside-state-${process.pid}`) }: RuntimeOptions): Runtime {
  let plant = initialPlant;
  let plantRevision = 0;
  const tagList = allTags(plant);
  const tags = new Map(tagList.map((tag) => [tag.path, tag]));
  const bus = createTagBus(
    tagList.map((tag) => tag.path),
    log,
  );
  let devices: DeviceEntry[] = plant.devices.map((device) => entryOf(device, tagList));
  const listeners = new Set<(plant: Plant, report: ReconfigureReport) => void>();
  let started = false;

  const markBad = (entry: DeviceEntry, reason: string) => {
    const now = clock.now();
    bus.publish(entry.tags.map((tag): Sample => ({ path: tag.path, value: bus.current(tag.path)?.value ?? 0, quality: bad(reason), sourceTs: now })));
  };

  const startDevice = async (entry: DeviceEntry) => {
    const device = plant.devices.find((d) => d.id === entry.deviceId)!;
    const factory = drivers.find((d) => d.kind === device.driver);
    entry.failure = undefined;
    if (!factory) {
      entry.failure = `no driver of kind "${device.driver}"`;
      markBad(entry, entry.failure);
      return;
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
  };

  const stopDevice = async (entry: DeviceEntry) => {
    try {
      await entry.driver?.stop();
    } catch (error) {
      log.error({ device: entry.deviceId, err: error }, 'driver failed to stop cleanly');
    }
    entry.driver = undefined;
  };

  return {
    get plant() {
      return plant;
    },
    get plantRevision() {
      return plantRevision;
    },
    bus,
    clock,
    tags,
    stateDir,
    async start() {
      if (started) return;
      started = true;
      for (const entry of devices) await startDevice(entry);
    },
    async stop() {
      if (!started) return;
      started = false;
      await Promise.all(devices.map(stopDevice));
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
    async reconfigure(next) {
      const nextTags = allTags(next);
      const report: ReconfigureReport = { devicesStarted: [], devicesRestarted: [], devicesStopped: [], devicesUntouched: [], tagsAdded: [], tagsRemoved: [] };
      report.tagsAdded = nextTags.filter((tag) => !tags.has(tag.path)).map((tag) => tag.path);
      const nextPaths = new Set(nextTags.map((tag) => tag.path));
      report.tagsRemoved = [...tags.keys()].filter((path) => !nextPaths.has(path));

      const previous = new Map(devices.map((entry) => [entry.deviceId, entry]));
      const previousPlant = plant;
      plant = next;
      bus.addTags(report.tagsAdded);
      tags.clear();
      for (const tag of nextTags) tags.set(tag.path, tag);

      const nextDevices: DeviceEntry[] = [];
      for (const device of next.devices) {
        const entry = entryOf(device, nextTags);
        const old = previous.get(device.id);
        previous.delete(device.id);
        const before = previousPlant.devices.find((d) => d.id === device.id);
        if (old && before && sameDevice(before, old.tags, device, entry.tags)) {
          nextDevices.push(old);
          report.devicesUntouched.push(device.id);
          continue;
        }
        if (old) {
          await stopDevice(old);
          report.devicesRestarted.push(device.id);
        } else report.devicesStarted.push(device.id);
        nextDevices.push(entry);
        if (started) await startDevice(entry);
      }
      for (const old of previous.values()) {
        await stopDevice(old);
        report.devicesStopped.push(old.deviceId);
      }
      devices = nextDevices;
      plantRevision++;
      log.info(report, 'plant reconfigured');
      for (const listener of listeners) {
        try {
          listener(plant, report);
        } catch (error) {
          log.error({ err: error }, 'a plant-change listener threw');
        }
      }
      return report;
    },
    onPlantChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function entryOf(device: Device, tagList: readonly Tag[]): DeviceEntry {
  return { deviceId: device.id, kind: device.driver, tags: tagList.filter((tag) => tag.deviceId === device.id) };
}
