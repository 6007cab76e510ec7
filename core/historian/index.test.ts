import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pushDriver } from '../drivers/testing/push-driver.js';
import type { Plant } from '../model/plant.js';
import { silentLogger } from '../runtime/logger.js';
import { createRuntime } from '../runtime/runtime.js';
import { createManualClock } from '../runtime/testing/manual-clock.js';
import { startHistorian } from './index.js';
import { queryEvents } from './journal.js';

describe('the historian wired to the runtime', () => {
  it('stores every bus sample and journals state-word changes as events', async () => {
    const plant: Plant = {
      site: 's',
      area: 'a',
      faultTexts: {},
      retention: [],
      alarms: [],
      source: 'test',
      devices: [{ id: 'd', driver: 'push', settings: {} }],
      lines: [
        {
          path: 'l',
          id: 'l',
          name: 'L',
          assets: [
            {
              path: 'l/filler',
              id: 'filler',
              name: 'Filler',
              kind: 'filler',
              description: '',
              tags: [
                {
                  path: 'l/filler/state',
                  name: 'state',
                  assetPath: 'l/filler',
                  deviceId: 'd',
                  address: 'state',
                  dataType: 'int16',
                  unit: '',
                  description: '',
                  sampleRateMs: 250,
                  rateReason: 't',
                  writable: false,
                  role: 'state',
                  states: [
                    { value: 1, label: 'Running', severity: 'normal' },
                    { value: 5, label: 'Down', severity: 'abnormal' },
                  ],
                },
              ],
            },
          ],
        },
      ],
    };
    const { factory, publish } = pushDriver('push');
    const clock = createManualClock();
    const runtime = createRuntime({ plant, drivers: [factory], clock, log: silentLogger() });
    const host = startHistorian({ file: join(mkdtempSync(join(tmpdir(), 'lineside-wired-')), 'p.db'), runtime, log: silentLogger(), commitMs: 10 });
    await runtime.start();
    const t0 = clock.now();
    publish([1, 1, 5, 5, 1].map((value, k) => ({ path: 'l/filler/state', value, quality: { status: 'good' }, sourceTs: t0 + k * 250 })));
    expect(host.reader()!.raw('l/filler/state', t0, t0 + 2000).value).toEqual([1, 1, 5, 5, 1]);
    const events = queryEvents(host.historian()!, { from: t0, to: t0 + 2000 });
    expect(events.map((e) => [e.kind, e.source, e.data!.fromLabel, e.data!.toLabel])).toEqual([
      ['state-change', 'l/filler', 'Running', 'Down'],
      ['state-change', 'l/filler', 'Down', 'Running'],
    ]);

    // A tag added while running (from the OPC UA browser) is stored from then on.
    const next = structuredClone(plant);
    const stateTag = next.lines[0]!.assets[0]!.tags[0]!;
    next.lines[0]!.assets[0]!.tags.push({ ...stateTag, path: 'l/filler/speed', name: 'speed', dataType: 'float64', role: undefined, states: undefined } as typeof stateTag);
    await runtime.reconfigure(next);
    publish([{ path: 'l/filler/speed', value: 198.5, quality: { status: 'good' }, sourceTs: t0 + 3000 }]);
    expect(host.reader()!.raw('l/filler/speed', t0, t0 + 4000).value).toEqual([198.5]);
    host.stop();
  });
});
