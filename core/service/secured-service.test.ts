// The permission matrix enforced in the core (issue 11's acceptance): every contract method
// called as every role, through the same dispatch the transports use, on the demo plant with
// its historian. A call the role may make passes the check (and succeeds where the plant has
// what it names); every other call is refused as 'forbidden', saying which role may, and the
// refusal is in the audit trail with who, the call and the permission it needed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hmiMethods, hmiRequestSchemas, type HmiMethod, type Result, type Role } from '../contract/index.js';
import { silentLogger } from '../runtime/logger.js';
import { permissionFor, roleMay, roles } from '../security/permissions.js';
import { dispatchCall } from './dispatch.js';
import type { HmiSession } from './hmi-service.js';
import { startCore, type Core } from './start-core.js';
import { startTestCore } from './testing/test-core.js';

const log = silentLogger();
const now = Date.now();
const alarm = 'line1/labeler/glue_temp:HI';

/** One valid request of every method (a new method does not compile until it is given one). */
const oneOfEach = {
  getPlantModel: {},
  browseTags: { under: 'line1' },
  readCurrent: { paths: ['line1/filler/state'] },
  subscribe: { paths: ['line1/filler'] },
  unsubscribe: { subscriptionId: 999 },
  getSystemStatus: {},
  writeTag: { path: 'line1/labeler/glue_setpoint', value: 150 },
  readWaveform: { path: 'line1/motor/vibration_waveform' },
  queryDisplay: { path: 'line1/filler/speed', from: now - 60_000, to: now, width: 100 },
  queryRaw: { path: 'line1/filler/speed', from: now - 60_000, to: now },
  valueAt: { path: 'line1/filler/speed', at: now },
  queryAggregates: { path: 'line1/filler/speed', from: now - 60_000, to: now, intervalMs: 10_000 },
  opcuaDiscover: { endpointUrl: 'opc.tcp://127.0.0.1:1' },
  opcuaConnect: { endpointUrl: 'opc.tcp://127.0.0.1:1', securityMode: 'None', securityPolicy: 'None', user: { kind: 'anonymous' } },
  opcuaCertificates: {},
  opcuaTrust: { thumbprint: 'A'.repeat(40), trust: false },
  opcuaBrowse: { browserId: 999 },
  opcuaSearch: { browserId: 999, text: 'x' },
  opcuaDescribe: { browserId: 999, nodeIds: ['ns=1;s=x'] },
  opcuaAddVariables: { browserId: 999, line: 'line1', asset: 'filler', variables: [{ nodeId: 'ns=1;s=x', name: 'x', sampleRateMs: 1000 }] },
  opcuaDisconnect: { browserId: 999 },
  watchAlarms: { revision: -1, waitMs: 0 },
  alarmAction: { kind: 'acknowledge', ids: [alarm], user: 'typed name' },
  queryAlarmJournal: { from: now - 60_000, to: now },
  alarmKpis: { from: now - 60_000, to: now },
  oeeReport: { line: 'line1' },
  downtimeReasonChoices: { stop: 'line1/filler@1000' },
  assignDowntimeReason: { stop: 'line1/filler@1000', reason: 'MECH-JAM', user: 'typed name' },
  spcChart: { tag: 'line1/filler/speed', from: now - 60_000, to: now },
  pdmFleet: {},
  pdmAsset: { asset: 'line1/motor' },
  pdmWaveform: { asset: 'line1/motor' },
  workRequests: {},
  acknowledgeWorkRequest: { id: 'line1/motor@1000', user: 'typed name' },
  analyzeWaveformFile: { fileName: 'x.csv', base64: Buffer.from('0.1\n0.2\n').toString('base64'), sampleRateHz: 1000, shaftRpm: 1500 },
  replayStatus: {},
  replayControl: { action: 'pause' },
  replayMarks: {},
  replayComparison: {},
  exportCapture: { from: now - 1000, to: now },
  captureExportStatus: { id: 999 },
  sessionInfo: {},
  setupAdmin: { name: 'intruder', password: 'intruder-password' },
  signIn: { name: 'nobody', password: 'wrong-password' },
  signOut: {},
  listUsers: {},
  saveUser: { name: 'temp-user', role: 'viewer', password: 'temp-password' },
  deleteUser: { name: 'temp-user' },
  auditSearch: { limit: 10 },
  auditExport: { from: now - 60_000 },
  configCurrent: {},
  configCheck: { yaml: 'version: 1\n' },
  configPreview: { yaml: 'version: 1\n' },
  configApply: { yaml: 'version: 1\n', comment: 'an invalid config', baseVersion: null },
  configVersions: {},
  configVersion: { version: 1 },
  configRollback: { version: 1, comment: 'back to the first', baseVersion: null },
  configSealSecret: { secret: 'broker-password' },
  modbusMapImport: { csv: 'address,type,name\nhr0,int16,x\n', device: 'plc', line: 'line1', asset: 'filler' },
} satisfies Record<HmiMethod, unknown>;

/** Where the request decides the permission: each variant too. */
const variants: [HmiMethod, unknown][] = [
  ['alarmAction', { kind: 'shelve', id: alarm, user: 'x', reason: 'noisy sensor', durationMs: 60_000 }],
  ['alarmAction', { kind: 'out-of-service', id: alarm, user: 'x', reason: 'sensor replaced' }],
  ['alarmAction', { kind: 'in-service', id: alarm, user: 'x' }],
  ['assignDowntimeReason', { stop: 'line1/filler@1000', reason: 'MECH-JAM', user: 'x', supervisor: true }],
];

// signIn and signOut change the session itself: they go last.
const last: HmiMethod[] = ['signIn', 'signOut'];
const calls: [HmiMethod, unknown][] = [
  ...hmiMethods.filter((method) => !last.includes(method)).map((method): [HmiMethod, unknown] => [method, oneOfEach[method]]),
  ...variants,
  ...last.map((method): [HmiMethod, unknown] => [method, oneOfEach[method]]),
];

let dir: string;
let core: Core;
const users: Record<Role, string> = { viewer: 'vera', operator: 'olga', maintenance: 'max', engineer: 'eric', admin: 'ada' };
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lineside-permissions-'));
  core = await startCore({ configFile: 'assets/demo/plant.yaml', transport: 'websocket', log, appVersion: 'test', dataDir: join(dir, 'data'), stateDir: join(dir, 'state'), readOnlyConfig: 'a test' });
  const admin = core.service.openSession(() => {});
  expect(await admin.setupAdmin({ name: users.admin, password: 'ada-password' })).toMatchObject({ ok: true });
  for (const role of roles.filter((r) => r !== 'admin')) {
    expect(await admin.saveUser({ name: users[role], role, password: `${users[role]}-password` })).toMatchObject({ ok: true });
  }
  admin.close();
}, 30_000);
afterAll(async () => {
  await core?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function signedIn(role: Role): Promise<HmiSession> {
  const session = core.service.openSession(() => {});
  const result = await session.signIn({ name: users[role], password: `${users[role]}-password` });
  expect(result).toMatchObject({ ok: true, value: { role } });
  return session;
}

describe('every contract method as every role', () => {
  it('has a valid example for every method', () => {
    for (const [method, request] of calls) expect(hmiRequestSchemas[method].safeParse(request).success, method).toBe(true);
  });

  for (const role of roles) {
    it(`as ${role}: only the calls the role may make get past the check, and each refusal is audited`, async () => {
      const session = await signedIn(role);
      const refused: string[] = [];
      for (const [method, request] of calls) {
        const result: Result<unknown> = await dispatchCall(session, method, request, log);
        const parsed = hmiRequestSchemas[method].parse(request) as never;
        const may = roleMay(role, permissionFor(method, parsed));
        const code = result.ok ? 'ok' : result.error.code;
        if (may) {
          expect(code, `${role} ${method}: ${result.ok ? '' : result.error.message}`).not.toBe('forbidden');
        } else {
          expect(result, `${role} ${method}`).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/sign in as (operator|maintenance|engineer|admin) or above/) } });
          refused.push(method);
        }
      }
      // A viewer refused everything but viewing; an admin nothing.
      if (role === 'admin') expect(refused).toEqual([]);
      if (role === 'viewer') expect(refused.length).toBeGreaterThan(20);
      // Every refusal is in the audit trail, under the signed-in name, with the call and what it needed.
      const auditor = await signedIn('admin');
      const trail = await auditor.auditSearch({ user: users[role], limit: 1000 });
      expect(trail.ok).toBe(true);
      const refusals = trail.ok ? trail.value.records.filter((record) => record.outcome === 'refused' && (record.detail as { needed?: string }).needed) : [];
      expect(refusals.map((record) => record.action).sort()).toEqual([...refused].sort());
      for (const record of refusals) expect(record).toMatchObject({ station: expect.stringMatching(/\(browser\)$/), detail: { role, needed: expect.any(String) } });
      auditor.close();
      session.close();
    }, 60_000);
  }

  it('wrote the glue setpoint only for the roles that may write', async () => {
    const auditor = await signedIn('admin');
    const writes = await auditor.auditSearch({ action: 'write', limit: 100 });
    const outcomes = writes.ok ? writes.value.records.map((record) => `${record.user}:${record.outcome}`).sort() : [];
    expect(outcomes).toEqual(['ada:ok', 'eric:ok', 'max:ok', 'olga:ok']);
    const refused = await auditor.auditSearch({ action: 'writeTag', limit: 100 });
    expect(refused.ok && refused.value.records.map((record) => `${record.user}:${record.outcome}:${record.target}`)).toEqual(['vera:refused:line1/labeler/glue_setpoint']);
    auditor.close();
  });

  it('seals a secret that the config then opens, and audits the sealing without the secret', async () => {
    const session = await signedIn('engineer');
    const sealed = await session.configSealSecret({ secret: 'broker-password-42' });
    expect(sealed).toMatchObject({ ok: true, value: { sealed: expect.stringMatching(/^enc:v1:/) } });
    const current = await session.configCurrent({});
    if (!sealed.ok || !current.ok) throw new Error('no config');
    // The demo plant with a sealed password on an OPC UA device: it checks, so the core opened it.
    const withSecret = current.value.yaml.replace(/^devices:\n/m, `devices:\n  - { id: extra, driver: opcua, settings: { endpointUrl: "opc.tcp://127.0.0.1:4840", user: { kind: username, username: hmi, password: "${sealed.value.sealed}" } } }\n`);
    const check = await session.configCheck({ yaml: withSecret });
    expect(check).toMatchObject({ ok: true, value: { valid: true } });
    const auditor = await signedIn('admin');
    const trail = await auditor.auditExport({});
    expect(trail.ok && trail.value.csv).toMatch(/secret-seal/);
    expect(trail.ok && trail.value.csv).not.toMatch(/broker-password-42/);
    auditor.close();
    session.close();
  });

  it('names the signed-in account in an alarm action, whatever name the request carries', async () => {
    const session = await signedIn('operator');
    await session.alarmAction({ kind: 'comment', id: alarm, user: 'Somebody Else', text: 'checked the glue tank' });
    const auditor = await signedIn('admin');
    const comments = await auditor.auditSearch({ action: 'alarm-comment', limit: 10 });
    expect(comments.ok && comments.value.records.map((record) => record.user)).toEqual(['olga']);
    auditor.close();
    session.close();
  });
});

describe('sessions, sign-in and critical writes', () => {
  it('audits sign-in, failed sign-in and sign-out, and closing a window signs it out', async () => {
    const test = await startTestCore();
    await test.signedIn('operator');
    const session = test.service.openSession(() => {});
    expect(await session.sessionInfo({})).toMatchObject({ ok: true, value: { user: null, role: 'viewer', permissions: ['view'], setupNeeded: false, accounts: true } });
    expect(await session.signIn({ name: 'operator-user', password: 'wrong-password' })).toMatchObject({ ok: false, error: { code: 'sign-in-failed', message: 'wrong user name, password or PIN' } });
    expect(await session.signIn({ name: 'operator-user', password: 'operator-password' })).toMatchObject({ ok: true, value: { user: { name: 'operator-user' }, role: 'operator' } });
    expect(await session.signOut({ reason: 'idle' })).toMatchObject({ ok: true, value: { user: null, role: 'viewer' } });
    const again = await test.signedIn('operator');
    again.close();
    const actions = test.audit.map((entry) => `${entry.user} ${entry.action} ${entry.outcome}${entry.detail.reason ? ` (${String(entry.detail.reason)})` : ''}`);
    expect(actions).toEqual([
      'operator-user sign-in ok', // the test core's own sign-in
      'operator-user sign-in-failed refused',
      'operator-user sign-in ok',
      'operator-user sign-out ok (idle)',
      'operator-user sign-in ok',
      'operator-user sign-out ok (window closed)',
    ]);
    expect(JSON.stringify(test.audit)).not.toMatch(/operator-password|wrong-password/);
  });

  it('a disabled account is signed out of its open sessions at its next call', async () => {
    const test = await startTestCore();
    const operator = await test.signedIn('operator');
    const admin = await test.signedIn('admin');
    expect(await admin.saveUser({ name: 'operator-user', role: 'operator', disabled: true })).toMatchObject({ ok: true });
    expect(await operator.writeTag({ path: 'line1/oven/setpoint', value: 150 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await operator.sessionInfo({})).toMatchObject({ ok: true, value: { user: null, role: 'viewer' } });
    expect(test.writes).toEqual([]);
  });

  it('a critical tag needs a second person who may write, with their own password or PIN', async () => {
    const test = await startTestCore();
    test.runtime.tags.get('line1/oven/setpoint')!.critical = true;
    const admin = await test.signedIn('admin');
    await admin.saveUser({ name: 'pia', role: 'operator', password: 'pia-password', pin: '2468' });
    await admin.saveUser({ name: 'vic', role: 'viewer', password: 'vic-password', pin: '1357' });
    const operator = await test.signedIn('operator');
    const write = (confirmedBy?: { name: string; pin: string } | { name: string; password: string }) =>
      operator.writeTag({ path: 'line1/oven/setpoint', value: 150, ...(confirmedBy ? { confirmedBy } : {}) });
    expect(await write()).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/critical: a second person/) } });
    expect(await write({ name: 'operator-user', password: 'operator-password' })).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/not from operator-user/) } });
    expect(await write({ name: 'vic', pin: '1357' })).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/vic \(viewer\) may not write/) } });
    expect(await write({ name: 'pia', pin: '0000' })).toMatchObject({ ok: false, error: { code: 'sign-in-failed' } });
    expect(test.writes).toEqual([]);
    expect(await write({ name: 'pia', pin: '2468' })).toMatchObject({ ok: true });
    expect(test.writes).toEqual([{ path: 'line1/oven/setpoint', value: 150 }]);
    const writes = test.audit.filter((entry) => entry.action === 'write');
    expect(writes.map((entry) => [entry.outcome, entry.detail.confirmedBy])).toEqual([
      ['refused', undefined],
      ['refused', 'operator-user (not accepted)'],
      ['refused', 'vic (not accepted)'],
      ['refused', 'pia (not accepted)'],
      ['ok', 'pia'],
    ]);
    expect(writes[4]).toMatchObject({ user: 'operator-user', target: 'line1/oven/setpoint', detail: { to: 150, unit: '°C' } });
  });
});
