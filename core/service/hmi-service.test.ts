import { describe, expect, it } from 'vitest';
import type { SampleBatch } from '../contract/index.js';
import { bad } from '../model/sample.js';
import { silentLogger } from '../runtime/logger.js';
import { dispatchCall } from './dispatch.js';
import { startTestCore } from './testing/test-core.js';

const log = silentLogger();
const waitFor = async (predicate: () => boolean, ms = 2000) => {
  const until = Date.now() + ms;
  while (!predicate() && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
};

describe('HMI service', () => {
  it('serves the plant model and browses tags by asset and text', async () => {
    const core = await startTestCore();
    const session = core.service.openSession(() => {});
    const model = await session.getPlantModel({});
    expect(model.ok && model.value.lines[0]!.assets.map((a) => a.path)).toEqual(['line1/oven', 'line1/fan']);
    const tags = await session.browseTags({ under: 'line1/oven', text: 'SET' });
    expect(tags.ok && tags.value.map((t) => t.path)).toEqual(['line1/oven/setpoint']);
  });

  it('streams current values first, then live samples, as columnar batches', async () => {
    const core = await startTestCore();
    core.push([core.sample('line1/oven/temp', 180)]);
    const batches: SampleBatch[] = [];
    const session = core.service.openSession((batch) => batches.push(batch));
    const sub = await session.subscribe({ paths: ['line1/oven'] });
    expect(sub.ok && sub.value.tags).toEqual(['line1/oven/temp', 'line1/oven/setpoint', 'line1/oven/code']);
    await waitFor(() => batches.length === 1);
    expect(Array.from(batches[0]!.value)).toEqual([180]);
    core.push([core.sample('line1/oven/code', 'F1'), { ...core.sample('line1/oven/temp', 181), quality: bad('sensor open circuit') }, core.sample('line1/fan/speed', 900)]);
    await waitFor(() => batches.length === 2);
    const live = batches[1]!;
    expect(Array.from(live.tag)).toEqual([2, 0]);
    expect(live.extras).toEqual([{ row: 0, text: 'F1' }, { row: 1, reason: 'sensor open circuit' }]);
    expect(Array.from(live.quality)).toEqual([0, 2]);
    session.close();
    core.push([core.sample('line1/oven/temp', 182)]);
    await new Promise((r) => setTimeout(r, 20));
    expect(batches).toHaveLength(2);
  });

  it('refuses writes to tags without writes enabled, out of range or of the wrong type', async () => {
    const core = await startTestCore();
    const session = await core.signedIn('operator');
    const refused = await session.writeTag({ path: 'line1/oven/temp', value: 150 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'write-disabled' } });
    expect(await session.writeTag({ path: 'line1/oven/setpoint', value: 250 })).toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringMatching(/from 100 to 200/) } });
    expect(await session.writeTag({ path: 'line1/oven/setpoint', value: 'hot' })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(core.writes).toEqual([]);
    expect(await session.writeTag({ path: 'line1/oven/setpoint', value: 170 })).toMatchObject({ ok: true, value: { path: 'line1/oven/setpoint', value: 170 } });
    expect(core.writes).toEqual([{ path: 'line1/oven/setpoint', value: 170 }]);
  });

  it('dispatch refuses invalid payloads and unknown methods before the service sees them', async () => {
    const core = await startTestCore();
    const session = core.service.openSession(() => {});
    const invalid = await dispatchCall(session, 'writeTag', { path: 'line1/oven/setpoint', value: { evil: true } }, log);
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringMatching(/^writeTag: value/) } });
    const extraKey = await dispatchCall(session, 'subscribe', { paths: ['line1'], admin: true }, log);
    expect(extraKey).toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringMatching(/admin/) } });
    const badPath = await dispatchCall(session, 'readCurrent', { paths: ['../../etc/passwd'] }, log);
    expect(badPath).toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringMatching(/paths\.0/) } });
    expect(await dispatchCall(session, 'dropTables', {}, log)).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(core.writes).toEqual([]);
    expect(await dispatchCall(session, 'getSystemStatus', undefined, log)).toMatchObject({ ok: true, value: { mode: 'live', drivers: [{ deviceId: 'dev1', state: 'running' }] } });
  });

  it('vibration calls: a waveform file is analysed without a plant; its faults and a plant without monitoring give clear errors', async () => {
    const core = await startTestCore();
    const session = core.service.openSession(() => {});
    const csv = ['accel_g', ...Array.from({ length: 4096 }, (_, i) => (0.1 * Math.sin((2 * Math.PI * 50 * i) / 4096)).toFixed(6))].join('\n');
    const file = { fileName: 'tone.csv', base64: Buffer.from(csv).toString('base64'), sampleRateHz: 4096, shaftRpm: 1500 };
    const analysed = await dispatchCall(session, 'analyzeWaveformFile', file, log);
    expect(analysed).toMatchObject({ ok: true, value: { fileName: 'tone.csv', unit: 'g', unitFrom: 'header', analysis: { record: { samples: 4096 }, diagnosis: { status: 'no-bearing' } } } });
    const noRate = await dispatchCall(session, 'analyzeWaveformFile', { ...file, sampleRateHz: undefined }, log);
    expect(noRate).toMatchObject({ ok: false, error: { code: 'invalid-request', message: 'tone.csv is a CSV file, which carries no sample rate; give the sample rate in Hz' } });
    const short = await dispatchCall(session, 'analyzeWaveformFile', { ...file, base64: Buffer.from('accel_g\n0.1\n0.2\n').toString('base64') }, log);
    expect(short).toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringMatching(/2 samples: a snapshot needs at least 1024/) } });
    expect(await dispatchCall(session, 'pdmAsset', { asset: 'line1/oven' }, log)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await dispatchCall(session, 'acknowledgeWorkRequest', { id: 'line1/oven', user: 'A' }, log)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('names unknown subscription paths', async () => {
    const core = await startTestCore();
    const session = core.service.openSession(() => {});
    expect(await session.subscribe({ paths: ['line1/oven', 'line9'] })).toMatchObject({ ok: false, error: { code: 'unknown-tag', message: expect.stringMatching(/line9/) } });
  });
});
