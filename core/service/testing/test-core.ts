/**
 * A small plant with a fake driver, for service and transport tests: one line, two assets,
 * a writable setpoint, and a `push` to publish samples as a device would.
 */
import type { ScalarValue } from '../../contract/index.js';
import { pushDriver } from '../../drivers/testing/push-driver.js';
import type { Plant, Tag } from '../../model/plant.js';
import { GOOD, type Sample } from '../../model/sample.js';
import { createManualClock, type ManualClock } from '../../runtime/testing/manual-clock.js';
import { silentLogger } from '../../runtime/logger.js';
import { createRuntime, type Runtime } from '../../runtime/runtime.js';
import { createHmiService, type HmiService } from '../hmi-service.js';

function tag(assetPath: string, name: string, extra: Partial<Tag> = {}): Tag {
  return {
    path: `${assetPath}/${name}`,
    name,
    assetPath,
    deviceId: 'dev1',
    address: name,
    dataType: 'float32',
    unit: '°C',
    description: name,
    sampleRateMs: 1000,
    rateReason: 'test',
    writable: false,
    ...extra,
  };
}

export function testPlant(): Plant {
  return {
    site: 'Test site',
    area: 'Test area',
    faultTexts: { F1: 'Test fault' },
    retention: [],
    alarms: [],
    devices: [{ id: 'dev1', driver: 'fake', settings: {} }],
    source: 'test-plant.yaml',
    lines: [
      {
        path: 'line1',
        id: 'line1',
        name: 'Line 1',
        assets: [
          {
            path: 'line1/oven',
            id: 'oven',
            name: 'Oven',
            kind: 'oven',
            description: '',
            tags: [tag('line1/oven', 'temp'), tag('line1/oven', 'setpoint', { writable: true, range: { min: 100, max: 200 } }), tag('line1/oven', 'code', { dataType: 'string', unit: '' })],
          },
          { path: 'line1/fan', id: 'fan', name: 'Fan', kind: 'fan', description: '', tags: [tag('line1/fan', 'speed', { unit: 'rpm' })] },
        ],
      },
    ],
  };
}

export interface TestCore {
  runtime: Runtime;
  service: HmiService;
  clock: ManualClock;
  /** Values written through the fake driver, in order. */
  writes: { path: string; value: ScalarValue }[];
  push(samples: Sample[]): void;
  sample(path: string, value: ScalarValue): Sample;
}

export async function startTestCore(flushMs = 1): Promise<TestCore> {
  const clock = createManualClock();
  const fake = pushDriver();
  const runtime = createRuntime({ plant: testPlant(), drivers: [fake.factory], clock, log: silentLogger() });
  await runtime.start();
  const service = createHmiService({ runtime, mode: 'live', transport: 'websocket', versions: { app: 'test', node: process.versions.node, contract: 0 }, flushMs });
  return {
    runtime,
    service,
    clock,
    writes: fake.writes,
    push: (samples) => fake.publish(samples),
    sample: (path, value) => ({ path, value, quality: GOOD, sourceTs: clock.now() }),
  };
}
