/**
 * Stand-ins for the plant's drivers in replay: the devices are the capture's, not connected;
 * their samples come from the replay player. They read nothing and refuse every write, so a
 * replay can never reach a device.
 */
import { parse } from 'yaml';
import { z } from 'zod';
import type { DriverFactory } from '../drivers/driver.js';

/**
 * The driver kinds a plant config's devices name. A replay checks the config with stand-ins
 * of these kinds, so a capture replays whatever drivers the plant had (device settings and
 * addresses are not needed to replay).
 */
export function driverKindsIn(yamlText: string): string[] {
  try {
    const devices = (parse(yamlText) as { devices?: { driver?: unknown }[] } | null)?.devices;
    return Array.isArray(devices) ? devices.flatMap((device) => (typeof device?.driver === 'string' ? [device.driver] : [])) : [];
  } catch {
    return []; // the config's own parse reports what is wrong with it
  }
}

/** One stand-in per driver kind the plant config names (the config's settings are kept as they are). */
export function replayDriverFactories(kinds: readonly string[], captureName: string): DriverFactory[] {
  return [...new Set(kinds)].map(
    (kind): DriverFactory => ({
      kind,
      description: `replay of ${captureName} (no device is connected)`,
      configSchema: z.unknown(),
      checkAddress: () => undefined,
      create: () => ({
        start: async () => {},
        stop: async () => {},
        write: async () => {
          throw new Error('writes are impossible in replay mode');
        },
        status: () => ({ state: 'running', detail: `replaying ${captureName}; no device is connected` }),
      }),
    }),
  );
}
