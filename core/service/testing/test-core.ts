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
import type { Role } from '../../contract/index.js';
import { createAccounts, memoryAccountStore } from '../../security/accounts.js';
import type { AuditEntry } from '../../security/audit-chain.js';
import { createHmiService, type HmiService, type HmiSession } from '../hmi-service.js';
import { securedService } from '../secured-service.js';

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
  /** What the secured service audited, in order. */
  audit: AuditEntry[];
  /** A session signed in with the role (its account "<role>-user" is made on first use, password "<role>-password"). */
  signedIn(role: Role, sendBatch?: Parameters<HmiService['openSession']>[0]): Promise<HmiSession>;
}

export async function startTestCore(flushMs = 1): Promise<TestCore> {
  const clock = createManualClock();
  const fake = pushDriver();
  const runtime = createRuntime({ plant: testPlant(), drivers: [fake.factory], clock, log: silentLogger() });
  await runtime.start();
  const accounts = createAccounts(memoryAccountStore(), () => clock.now());
  const audit: AuditEntry[] = [];
  const service = securedService(createHmiService({ runtime, mode: 'live', transport: 'websocket', versions: { app: 'test', node: process.versions.node, contract: 0 }, flushMs }), {
    accounts,
    audit: { record: (entry) => audit.push(entry), search: () => [], all: () => [] },
    station: 'test-pc (browser)',
    idleLogoutMs: 60_000,
    now: () => clock.now(),
    tag: (path) => runtime.tags.get(path),
    currentValue: (path) => {
      const value = runtime.bus.current(path)?.value;
      return value === null || typeof value === 'object' ? undefined : value;
    },
  });
  return {
    runtime,
    service,
    audit,
    async signedIn(role, sendBatch = () => {}) {
      const name = `${role}-user`;
      const password = `${role}-password`;
      if (accounts.needsSetup()) await accounts.setupAdmin('admin-user', 'admin-password');
      if (!accounts.current(name)) await accounts.save({ name, role, password }, 'admin-user');
      const session = service.openSession(sendBatch);
      const result = await session.signIn({ name, password });
      if (!result.ok) throw new Error(`test sign-in as ${role} failed: ${result.error.message}`);
      return session;
    },
    clock,
    writes: fake.writes,
    push: (samples) => fake.publish(samples),
    sample: (path, value) => ({ path, value, quality: GOOD, sourceTs: clock.now() }),
  };
}
