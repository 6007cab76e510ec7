/**
 * A simulator-like driver factory for config tests: kind "simulator", settings that need a
 * numeric `seed` (anything else passes), and addresses of the form `<machine>.<signal>`.
 * It publishes nothing.
 */
import { z } from 'zod';
import type { Driver, DriverFactory } from '../../drivers/driver.js';

const fakeSettings = z.looseObject({ seed: z.number() });
export type FakeSimulatorSettings = z.output<typeof fakeSettings>;

const addressPattern = /^\w+\.\w+$/;

export function createFakeSimulatorDriver(kind = 'simulator'): DriverFactory<FakeSimulatorSettings> {
  return {
    kind,
    description: 'Fake simulator for tests (publishes nothing)',
    configSchema: fakeSettings,
    checkAddress: (address) =>
      addressPattern.test(address) ? undefined : `${JSON.stringify(address)} is not of the form <machine>.<signal>`,
    create: (): Driver => {
      let state: ReturnType<Driver['status']>['state'] = 'stopped';
      return {
        start: async () => void (state = 'running'),
        stop: async () => void (state = 'stopped'),
        write: async (tag) => Promise.reject(new Error(`the fake driver cannot write ${tag.path}`)),
        status: () => ({ state, detail: 'fake' }),
      };
    },
  };
}

export const fakeSimulatorDriver = createFakeSimulatorDriver();
