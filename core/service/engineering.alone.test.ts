// Engineering mode on a running line (issue 12's acceptance), with real sockets: the
// simulated demo line served over Modbus TCP from this process, read by a core through two
// Modbus devices (the plant's, and an auxiliary one on the same server), with its historian.
// - An alarm-limit change keeps every driver connection (the server accepts no new one) and
//   every other alarm's state exactly as it was, and the changed alarm acts by its new limit.
// - Adding a tag to the auxiliary device reconnects that device only; the plant device's
//   polling goes on at its own pace, without a gap.
// - No sample is lost: every sample the bus carried across both changes is in the historian.
// - An invalid edit is refused naming the field and why, and changes nothing.
// - A rollback restores the exact first config, in the app and in the file.
// Runs alone (vitest.alone.config.ts): it measures poll timing on a real clock.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import { loadPlantConfig } from '../config/index.js';
import type { AlarmStatus } from '../contract/index.js';
import { modbusPlantConfig, serveRuntimeOverModbus } from '../drivers/modbus/index.js';
import { driverFactories } from '../drivers/registry.js';
import { createRealClock } from '../runtime/clock.js';
import { silentLogger } from '../runtime/logger.js';
import { createRuntime, type ReconfigureReport, type Runtime } from '../runtime/runtime.js';
import type { HmiSession } from './hmi-service.js';
import { startCore, type Core } from './start-core.js';

const root = new URL('../../', import.meta.url).pathname;
const H = 'line1/capper/head_temp:H';
/** Tags of the plant device stored losslessly, whose samples are counted bus against historian. */
const counted = ['line1/filler/speed', 'line1/filler/state', 'line1/labeler/glue_temp', 'line1/capper/speed'];

let dir: string;
let sim: { runtime: Runtime; served: Awaited<ReturnType<typeof serveRuntimeOverModbus>> };
let core: Core;
let session: HmiSession;
let configFile: string;
let original: string;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (let i = 0; i < 1000 && Date.now() < deadline; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await sleep(100);
  }
  throw new Error(`${what} did not happen within ${ms} ms`);
}

/** The demo line over Modbus, plus an auxiliary Modbus device on the same server reading the filler's speed register. */
async function startModbusLine(): Promise<string> {
  const demo = parseDocument(readFileSync(join(root, 'assets/demo/plant.yaml'), 'utf8'));
  demo.setIn(['devices', 0, 'settings', 'calendar'], false);
  demo.setIn(['devices', 0, 'settings', 'warmUpMin'], 0);
  const simFile = join(dir, 'sim-plant.yaml');
  writeFileSync(simFile, demo.toString());
  const runtime = createRuntime({ plant: await loadPlantConfig(simFile, driverFactories), drivers: driverFactories, clock: createRealClock(), log: silentLogger() });
  const served = await serveRuntimeOverModbus(runtime, { host: '127.0.0.1', port: 0, log: silentLogger() });
  sim = { runtime, served };
  await runtime.start();
  const doc = parseDocument(modbusPlantConfig(demo.toString(), served.mapped, '127.0.0.1', served.server.port));
  const speedAddress = served.mapped.find((entry) => entry.tag.path === 'line1/filler/speed')!.address;
  (doc.get('devices') as YAMLSeq).add(doc.createNode({ id: 'aux', driver: 'modbus', settings: { host: '127.0.0.1', port: served.server.port, unit: 1 } }));
  const line = (doc.get('lines') as YAMLSeq).items[0] as YAMLMap;
  (line.get('assets') as YAMLSeq).add(
    doc.createNode({
      id: 'aux',
      name: 'Auxiliary gauge',
      kind: 'gauge',
      device: 'aux',
      description: 'A second device on the same server',
      tags: [{ name: 'speed_copy', address: speedAddress, type: 'float32', unit: 'bottles/min', description: 'The filler speed, read again', sampleRateMs: 1000, rateReason: 'test' }],
    }),
  );
  return doc.toString({ lineWidth: 0 });
}

/** The config text with one edit made by yaml's document model (comments and layout kept). */
function edited(text: string, edit: (doc: ReturnType<typeof parseDocument>) => void): string {
  const doc = parseDocument(text);
  edit(doc);
  return doc.toString({ lineWidth: 0 });
}

async function alarmStates(): Promise<Map<string, AlarmStatus>> {
  const snapshot = await session.watchAlarms({ revision: -1, waitMs: 0 });
  if (!snapshot.ok) throw new Error(snapshot.error.message);
  return new Map(snapshot.value.alarms.map((alarm) => [alarm.id, alarm]));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lineside-engineering-'));
  original = await startModbusLine();
  configFile = join(dir, 'plant.yaml');
  writeFileSync(configFile, original);
  core = await startCore({ configFile, transport: 'websocket', log: silentLogger(), appVersion: 'test', dataDir: join(dir, 'data'), stateDir: join(dir, 'state') });
  session = core.service.openSession(() => {});
  expect(await session.setupAdmin({ name: 'eric', password: 'engineer-password' })).toMatchObject({ ok: true });
  await until('both devices deliver', async () => {
    const current = await session.readCurrent({ paths: ['line1/filler/speed', 'line1/aux/speed_copy'] });
    return current.ok && current.value.every((value) => value.quality.status === 'good') ? true : undefined;
  });
}, 60_000);

afterAll(async () => {
  session?.close();
  await core?.stop();
  await sim?.served.close();
  await sim?.runtime.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('engineering mode on a running line', () => {
  it('applies a limit change and a new tag live, losing no sample, and rolls back to the exact first config', async () => {
    const reports: ReconfigureReport[] = [];
    core.runtime.onPlantChange((_plant, report) => reports.push(report));
    const busCounts = new Map(counted.map((path) => [path, 0]));
    const speedTimes: number[] = [];
    const t0 = Date.now();
    const unsubscribe = core.runtime.bus.subscribe(counted, (samples) => {
      for (const sample of samples) {
        if (sample.sourceTs < t0) continue;
        busCounts.set(sample.path, busCounts.get(sample.path)! + 1);
        if (sample.path === 'line1/filler/speed') speedTimes.push(sample.sourceTs);
      }
    });
    const connectionsAtStart = sim.served.server.connections;
    expect(connectionsAtStart).toBe(2);

    // An operator's shelve, which the limit change must leave as it is.
    expect(await session.alarmAction({ kind: 'shelve', id: 'line1/labeler/glue_temp:off_setpoint', user: 'x', reason: 'setpoint being tuned', durationMs: 3_600_000 })).toMatchObject({ ok: true });
    await sleep(3000);

    // 1. The H limit of the capping head's drive temperature from 65 °C to below where it is now, with a 1 s on-delay.
    const current = await session.configCurrent({});
    if (!current.ok) throw new Error(current.error.message);
    expect(current.value).toMatchObject({ version: 1, yaml: original, file: configFile });
    const now = await session.readCurrent({ paths: ['line1/capper/head_temp'] });
    const degrees = now.ok ? (now.value[0]!.value as number) : 0;
    expect(degrees).toBeGreaterThan(10);
    const newLimit = Math.floor(degrees / 2);
    // Edited as an engineer edits the text: one line changed, nothing else.
    const shipped = '- { kind: H, limit: 65, deadband: 1, onDelayMs: 60000, priority: low, message: Capping head drive temperature high }';
    expect(original.split(shipped)).toHaveLength(2);
    const lowerLimit = original.replace(shipped, `- { kind: H, limit: ${newLimit}, deadband: 1, onDelayMs: 1000, priority: low, message: Capping head drive temperature high }`);
    const preview = await session.configPreview({ yaml: lowerLimit });
    expect(preview).toMatchObject({ ok: true, value: { valid: true, baseVersion: 1, unchanged: false, effects: { alarmsChanged: [H], devicesUntouched: ['line1-sim', 'aux'], devicesRestarted: [], notLive: [] } } });
    expect(preview.ok && preview.value.diff.filter((line) => line.kind !== 'same' && line.kind !== 'skipped').map((line) => `${line.kind === 'added' ? '+' : '-'} ${line.text.trim().replace(/^- /, '')}`)).toEqual([
      '- { kind: H, limit: 65, deadband: 1, onDelayMs: 60000, priority: low, message: Capping head drive temperature high }',
      `+ { kind: H, limit: ${newLimit}, deadband: 1, onDelayMs: 1000, priority: low, message: Capping head drive temperature high }`,
    ]);
    const before = await alarmStates();
    expect(before.get('line1/labeler/glue_temp:off_setpoint')).toMatchObject({ state: 'shelved' });
    const applied = await session.configApply({ yaml: lowerLimit, comment: 'head temperature limit for the new caps', baseVersion: 1 });
    expect(applied).toMatchObject({ ok: true, value: { version: 2, savedTo: configFile, effects: { alarmsChanged: [H] } } });
    const after = await alarmStates();
    for (const [id, status] of before) if (id !== H) expect(after.get(id), id).toEqual(status);
    expect(reports.at(-1)).toMatchObject({ devicesUntouched: ['line1-sim', 'aux'], devicesRestarted: [] });
    expect(sim.served.server.connections).toBe(connectionsAtStart);
    // The changed alarm acts by its new limit.
    await until('H active by its new limit', async () => ((await alarmStates()).get(H)?.active ? true : undefined), 10_000);

    // 2. An invalid edit is refused, naming the field and why; nothing changes.
    const invalid = lowerLimit.replace(`limit: ${newLimit}, deadband: 1, onDelayMs: 1000`, 'limit: hot, deadband: 1, onDelayMs: 1000');
    const check = await session.configCheck({ yaml: invalid });
    expect(check).toMatchObject({ ok: true, value: { valid: false, problems: [{ path: expect.stringMatching(/alarms\[0\]\.limit$/), line: expect.any(Number), message: expect.stringMatching(/limit is "hot" \(a string\); expected a number, the alarm limit in the tag unit/) }] } });
    const refused = await session.configApply({ yaml: invalid, comment: 'a typo', baseVersion: 2 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'config-invalid', message: expect.stringMatching(/alarms\[0\]\.limit is "hot" \(a string\); expected a number/) } });
    expect(readFileSync(configFile, 'utf8')).toBe(lowerLimit);

    // 3. A tag added to the auxiliary device: only that device reconnects.
    const withTag = edited(lowerLimit, (doc) => {
      const line = (doc.get('lines') as YAMLSeq).items[0] as YAMLMap;
      const aux = ((line.get('assets') as YAMLSeq).items as YAMLMap[]).find((asset) => asset.get('id') === 'aux')!;
      const first = ((aux.get('tags') as YAMLSeq).items[0] as YAMLMap).toJSON() as Record<string, unknown>;
      (aux.get('tags') as YAMLSeq).add(doc.createNode({ ...first, name: 'speed_again', description: 'Once more' }));
    });
    const added = await session.configApply({ yaml: withTag, comment: 'a second gauge tag', baseVersion: 2 });
    expect(added).toMatchObject({ ok: true, value: { version: 3, effects: { devicesRestarted: ['aux'], devicesUntouched: ['line1-sim'], tagsAdded: ['line1/aux/speed_again'] } } });
    expect(reports.at(-1)).toMatchObject({ devicesRestarted: ['aux'], devicesUntouched: ['line1-sim'] });
    await until('the new tag reads', async () => {
      const value = await session.readCurrent({ paths: ['line1/aux/speed_again'] });
      return value.ok && value.value[0]!.quality.status === 'good' ? true : undefined;
    });
    expect(sim.served.server.connections).toBe(connectionsAtStart + 1);
    await sleep(3000);
    unsubscribe();
    const t1 = Date.now();

    // The plant device kept its pace: one filler speed sample a second, no gap across either change.
    const gaps = speedTimes.slice(1).map((t, i) => t - speedTimes[i]!);
    expect(speedTimes.length).toBeGreaterThan(5);
    expect(Math.max(...gaps)).toBeLessThan(1600);

    // 4. No sample lost: what the bus carried is what the historian holds.
    await sleep(1500);
    for (const path of counted) {
      const stored = await session.queryRaw({ path, from: t0, to: t1, limit: 100_000 });
      if (!stored.ok) throw new Error(stored.error.message);
      expect(stored.value.truncated).toBe(false);
      expect(stored.value.ts.length, path).toBe(busCounts.get(path));
    }

    // 5. Rollback to the first version: the exact text, in the app and the file, as version 4.
    const rolledBack = await session.configRollback({ version: 1, comment: 'back to the shipped limits', baseVersion: 3 });
    expect(rolledBack).toMatchObject({ ok: true, value: { version: 4, effects: { alarmsChanged: [H], tagsRemoved: ['line1/aux/speed_again'] } } });
    expect(await session.configCurrent({})).toMatchObject({ ok: true, value: { version: 4, yaml: original } });
    expect(readFileSync(configFile, 'utf8')).toBe(original);
    expect(core.runtime.tags.has('line1/aux/speed_again')).toBe(false);
    const versions = await session.configVersions({});
    expect(versions.ok && versions.value.map((v) => `${v.version} ${v.author}: ${v.comment}${v.current ? ' (running)' : ''}`)).toEqual([
      '4 eric: rollback to version 1: back to the shipped limits (running)',
      '3 eric: a second gauge tag',
      '2 eric: head temperature limit for the new caps',
      '1 the config file: the config file as found at the first start',
    ]);
    const trail = await session.auditSearch({ action: 'config-apply', limit: 10 });
    expect(trail.ok && trail.value.records.map((r) => r.outcome)).toEqual(['ok', 'refused', 'ok']);
  }, 90_000);
});
