/**
 * A fake driver for tests: the test publishes samples as a device would (`publish`), and
 * writes are recorded instead of sent. `publish` goes to the newest driver the runtime
 * created, so it still works after the runtime restarted the device (a live plant change).
 */
import { z } from 'zod';
import type { ScalarValue } from '../../contract/index.js';
import type { Sample } from '../../model/sample.js';
import type { DriverFactory, DriverState } from '../driver.js';

export interface PushDriver {
  factory: DriverFactory<unknown>;
  publish(samples: readonly Sample[]): void;
  /** Values written through the driver, in order. */
  writes: { path: string; value: ScalarValue }[];
  /** What the driver reports as its state from now on (a device that fails and comes back). */
  setState(state: DriverState): void;
}

export function pushDriver(kind = 'fake'): PushDriver {
  let publish: (samples: readonly Sample[]) => void = () => {};
  const writes: { path: string; value: ScalarValue }[] = [];
  let state: DriverState = 'running';
  const factory: DriverFactory<unknown> = {
    kind,
    description: 'test driver: samples pushed by the test',
    configSchema: z.unknown(),
    checkAddress: () => undefined,
    create(context) {
      publish = context.publish;
      return {
        async start() {},
        async stop() {},
        async write(tag, value) {
          writes.push({ path: tag.path, value });
        },
        status: () => ({ state, detail: 'fake' }),
      };
    },
  };
  return { factory, publish: (samples) => publish(samples), writes, setState: (next) => (state = next) };
}
