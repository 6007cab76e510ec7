/**
 * The driver interface. Each driver folder exports only its factory
 * `{ kind, configSchema, create }`; the protocol library stays inside the folder. A driver
 * publishes samples with quality: a broken device shows as bad quality on its tags, never
 * as an exception that stops the runtime.
 */
import type { z } from 'zod';
import type { ScalarValue } from '../contract/index.js';
import type { Tag } from '../model/plant.js';
import type { Sample } from '../model/sample.js';
import type { Clock } from '../runtime/clock.js';
import type { Logger } from '../runtime/logger.js';

export interface DriverContext<Settings> {
  deviceId: string;
  settings: Settings;
  /** The tags this device serves (their `address` is in this driver's format). */
  tags: readonly Tag[];
  clock: Clock;
  /** Hands samples to the tag bus. Cheap; call it with batches where possible. */
  publish(samples: readonly Sample[]): void;
  log: Logger;
  /** A folder the driver may keep files in across runs (an OPC UA PKI); it may not exist yet. */
  stateDir: string;
}

export type DriverState = 'starting' | 'running' | 'degraded' | 'stopped' | 'failed';

export interface Driver {
  start(): Promise<void>;
  /** Stops polling and closes connections; resolves when everything is released. */
  stop(): Promise<void>;
  /** Writes a value; rejects with an Error whose message says why the device refused. */
  write(tag: Tag, value: ScalarValue): Promise<void>;
  status(): { state: DriverState; detail: string };
}

export interface DriverFactory<Settings = unknown> {
  kind: string;
  /** One-line description for `lineside validate` and error messages. */
  description: string;
  configSchema: z.ZodType<Settings>;
  /** Checks one tag address; returns an error message, or undefined when it is valid. */
  checkAddress(address: string, settings: Settings): string | undefined;
  create(context: DriverContext<Settings>): Driver;
}
