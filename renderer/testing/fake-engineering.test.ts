import { describe, expect, it } from 'vitest';
import { createFakeClient } from './fake-client.js';
import { fakeConfigText } from './fake-engineering.js';

const shipped = '- { kind: H, limit: 65, deadband: 1, onDelayMs: 60000, priority: low, message: Capping head drive temperature high }';
const lowered = shipped.replace('limit: 65', 'limit: 30');

describe('the fake engineering calls', () => {
  it('previews, applies and rolls back like the core, for an engineer only', async () => {
    const operator = createFakeClient({ autoStart: false });
    expect(await operator.configCurrent({})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const client = createFakeClient({ autoStart: false, signedIn: 'engineer' });
    const edit = fakeConfigText.replace(shipped, lowered);
    const preview = await client.configPreview({ yaml: edit });
    expect(preview).toMatchObject({ ok: true, value: { valid: true, baseVersion: 1, unchanged: false, effects: { alarmsChanged: ['line1/capper/head_temp:H'], devicesRestarted: [], notLive: [] } } });
    expect(preview.ok && preview.value.diff.filter((line) => line.kind === 'added' || line.kind === 'removed').map((line) => `${line.kind} ${line.text.trim()}`)).toEqual([`removed ${shipped}`, `added ${lowered}`]);
    expect(await client.configApply({ yaml: edit, comment: 'lower', baseVersion: 1 })).toMatchObject({ ok: true, value: { version: 2 } });
    expect(await client.configApply({ yaml: edit.replace('limit: 30', 'limit: 31'), comment: 'late', baseVersion: 1 })).toMatchObject({ ok: false, error: { code: 'action-refused' } });
    expect(await client.configRollback({ version: 1, comment: 'back', baseVersion: 2 })).toMatchObject({ ok: true, value: { version: 3 } });
    expect(await client.configCurrent({})).toMatchObject({ ok: true, value: { version: 3, yaml: fakeConfigText } });
    const versions = await client.configVersions({});
    expect(versions.ok && versions.value.map((v) => `${v.version} ${v.author}: ${v.comment}${v.current ? ' (running)' : ''}`)).toEqual([
      '3 E. Engineer: rollback to version 1: back (running)',
      '2 E. Engineer: lower',
      '1 the config file: the config file as found at the first start',
    ]);
    client.stop();
    operator.stop();
  });

  it('names a bad limit with its line, and reads a register map with its refused rows', async () => {
    const client = createFakeClient({ autoStart: false, signedIn: 'engineer' });
    const check = await client.configCheck({ yaml: fakeConfigText.replace(shipped, shipped.replace('limit: 65', 'limit: hot')) });
    const line = fakeConfigText.split('\n').findIndex((l) => l.includes(shipped)) + 1;
    expect(check).toMatchObject({ ok: true, value: { valid: false, problems: [{ line, message: expect.stringMatching(/limit is "hot" \(a string\); expected a number/) }] } });
    const csv = 'address,type,name,unit,scale\n40001,float32,belt_speed,m/s,0.1\n40003,float99,bad type,,\n';
    const map = await client.modbusMapImport({ csv, device: 'conveyor-plc', line: 'line1', asset: 'belt', sampleRateMs: 1000 });
    expect(map).toMatchObject({ ok: true, value: { tags: [{ name: 'belt_speed', line: 2 }], errors: [{ line: 3 }, { line: 3 }] } });
    expect(map.ok && map.value.yaml).toContain('belt_speed');
    expect(await client.modbusMapImport({ csv, device: 'line1-sim', line: 'line1', asset: 'belt', sampleRateMs: 1000 })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    client.stop();
  });
});
