// Capture files: what goes in (every kind of value bit for bit, the selection, the journals,
// the config), what the source reads back in time order, and every way opening one fails.
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parsePlantConfig } from '../config/index.js';
import { pushDriver } from '../drivers/testing/push-driver.js';
import { appendEvent, Historian, HistorianReader, startHistorian } from '../historian/index.js';
import type { Sample } from '../model/sample.js';
import { silentLogger } from '../runtime/logger.js';
import { createRuntime } from '../runtime/runtime.js';
import { createManualClock } from '../runtime/testing/manual-clock.js';
import { exportCapture, selectCaptureTags } from './capture-export.js';
import { openCapture } from './capture-file.js';
import { createCaptureSource, type CaptureSource } from './capture-source.js';
import { captureFromCsv } from './csv-capture.js';

/** Every sample before `until`, window by window. */
function readAll(source: CaptureSource, until: number): Sample[] {
  const out: Sample[] = [];
  while (source.position < Math.floor(until)) {
    const run = source.read(until);
    for (let k = 0; k < run.length; k++) out.push(run.sample(k));
  }
  return out;
}

const config = `version: 1
site: North Brewery
area: Packaging
devices:
  - id: dev
    driver: push
    settings: {}
lines:
  - id: line1
    name: Line 1
    assets:
      - id: filler
        name: Filler
        kind: filler
        device: dev
        tags:
          - { name: speed, address: a, type: float64, unit: bpm, description: Speed, sampleRateMs: 1000, rateReason: test }
          - { name: temp, address: b, type: float32, unit: degC, description: Temperature, sampleRateMs: 1000, rateReason: test }
          - { name: count, address: c, type: uint32, unit: "", description: Count, sampleRateMs: 1000, rateReason: test }
          - { name: running, address: d, type: bool, unit: "", description: Running, sampleRateMs: 1000, rateReason: test }
          - { name: recipe, address: e, type: string, unit: "", description: Recipe, sampleRateMs: 1000, rateReason: test }
      - id: capper
        name: Capper
        kind: capper
        device: dev
        tags:
          - { name: torque, address: f, type: float64, unit: Nm, description: Torque, sampleRateMs: 1000, rateReason: test }
`;

const T0 = Date.UTC(2026, 10, 30, 6, 0, 0);
const special = [0, -0, Number.NaN, Number.POSITIVE_INFINITY, 5e-324, 0.1 + 0.2, -1234.5678, Number.MAX_VALUE];
let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'lineside-capture-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A live historian fed through the runtime for 20 minutes (some sealed, some in the head), with a journal row per asset. */
async function liveHistorian() {
  const plant = parsePlantConfig(config, join(dir, 'plant.yaml'), [pushDriver('push').factory]);
  const driver = pushDriver('push');
  const clock = createManualClock(T0);
  const runtime = createRuntime({ plant, drivers: [driver.factory], clock, log: silentLogger() });
  const history = startHistorian({ file: join(dir, 'live.db'), runtime, log: silentLogger(), commitMs: 60_000 });
  await runtime.start();
  for (let i = 0; i < 1200; i++) {
    const ts = T0 + i * 1000;
    const quality = i % 97 === 5 ? ({ status: 'bad', reason: 'sensor' } as const) : i % 89 === 3 ? ({ status: 'uncertain' } as const) : ({ status: 'good' } as const);
    const samples: Sample[] = [
      { path: 'line1/filler/speed', value: special[i % special.length]!, quality, sourceTs: ts },
      { path: 'line1/filler/temp', value: Math.fround(20 + i / 7), quality, sourceTs: ts },
      { path: 'line1/filler/count', value: i * 3, quality, sourceTs: ts },
      { path: 'line1/filler/running', value: i % 5 !== 0, quality, sourceTs: ts },
      { path: 'line1/filler/recipe', value: i < 600 ? 'lager 0.5 l' : 'pils 0.33 l ✓', quality, sourceTs: ts },
      { path: 'line1/capper/torque', value: 2 + (i % 10) / 10, quality, sourceTs: ts },
    ];
    driver.publish(samples);
    if (i === 700) history.historian()!.commit();
  }
  const historian = history.historian()!;
  historian.commit();
  appendEvent(historian, { ts: T0 + 60_000, kind: 'note', source: 'line1/filler', data: { text: 'filler' } });
  appendEvent(historian, { ts: T0 + 60_000, kind: 'note', source: 'line1/capper', data: { text: 'capper' } });
  return { plant, history, historian, runtime };
}

describe('capture export', () => {
  it('keeps every value bit for bit, and the source reads them back in time order', async () => {
    const { plant, history, historian, runtime } = await liveHistorian();
    expect(historian.sealedBoundary).toBeGreaterThan(T0); // part sealed, part still in the head
    const file = join(dir, 'all.lsc');
    const result = await exportCapture({ source: historian, plant, configYaml: config, configName: 'plant.yaml', from: T0, to: T0 + 1_200_000, assets: [], file, appVersion: '9.9', log: silentLogger() });
    expect(result).toMatchObject({ tags: 6, samples: 7200, journalRows: 2 });
    const capture = openCapture(file, silentLogger());
    expect(capture.info).toMatchObject({ from: T0, to: T0 + 1_200_000, site: 'North Brewery', area: 'Packaging', configYaml: config, createdBy: 'Lineside 9.9' });
    expect(existsSync(`${file}-wal`)).toBe(false);

    const original = new HistorianReader(historian);
    const copy = new HistorianReader(capture.historian);
    for (const path of plant.lines.flatMap((l) => l.assets.flatMap((a) => a.tags.map((t) => t.path)))) {
      const a = original.series(historian.tags.get(path)!, T0, T0 + 1_200_000);
      const b = copy.series(capture.historian.tags.get(path)!, T0, T0 + 1_200_000);
      expect(b.ts, path).toEqual(a.ts);
      expect(new Uint8Array(b.value.buffer), path).toEqual(new Uint8Array(a.value.buffer));
      expect(b.quality, path).toEqual(a.quality);
      expect(b.text, path).toEqual(a.text);
    }

    const source = createCaptureSource(capture.historian, { from: T0, to: T0 + 1_200_000, paths: [...capture.historian.tags.keys()] });
    // A paced player asks for fractions of a millisecond: the order holds all the same.
    const read = [...readAll(source, T0 + 600_500.37), ...readAll(source, T0 + 900_000.5), ...readAll(source, Number.POSITIVE_INFINITY)];
    expect(read).toHaveLength(7200);
    expect(read.every((s, k) => k === 0 || s.sourceTs >= read[k - 1]!.sourceTs)).toBe(true);
    expect(read.slice(0, 6).map((s) => s.path)).toEqual(['line1/filler/speed', 'line1/filler/temp', 'line1/filler/count', 'line1/filler/running', 'line1/filler/recipe', 'line1/capper/torque']);
    expect(read[1]!.value).toBe(Math.fround(20));
    expect(read[3]!.value).toBe(false);
    expect(read[4]!.value).toBe('lager 0.5 l');
    expect(Object.is(read[6]!.value, -0)).toBe(true);
    expect(read.find((s) => s.quality.status === 'bad')!.quality).toEqual({ status: 'bad', reason: 'recorded as bad' });
    source.rewind();
    expect(readAll(source, T0 + 1000)).toHaveLength(6);
    capture.close();
    await runtime.stop();
    history.stop();
  });

  it('takes only the selected assets, their journal rows, and never overwrites a file', async () => {
    const { plant, history, historian, runtime } = await liveHistorian();
    const file = join(dir, 'capper.lsc');
    const options = { source: historian, plant, configYaml: config, configName: 'plant.yaml', from: T0 + 300_000, to: T0 + 400_000, assets: ['line1/capper'], file, appVersion: '1', log: silentLogger() };
    const result = await exportCapture(options);
    expect(result).toMatchObject({ tags: 1, samples: 100, journalRows: 0 });
    await expect(exportCapture(options)).rejects.toThrow(/exists already; a capture never overwrites/);
    await expect(exportCapture({ ...options, file: join(dir, 'x.lsc'), assets: ['line1/nope'] })).rejects.toThrow(/no line or asset with tags at line1\/nope/);
    await expect(exportCapture({ ...options, file: join(dir, 'y.lsc'), to: options.from })).rejects.toThrow(/must be after its start/);
    expect(existsSync(join(dir, 'y.lsc.partial'))).toBe(false);
    const journal = await exportCapture({ ...options, file: join(dir, 'j.lsc'), from: T0, to: T0 + 120_000 });
    expect(journal.journalRows).toBe(1);
    expect(selectCaptureTags(plant, ['line1']).length).toBe(6);
    await runtime.stop();
    history.stop();
  });
});

describe('opening a capture', () => {
  it('refuses a missing file, a file that is not SQLite, a plain historian file and a newer capture, saying which', async () => {
    expect(() => openCapture(join(dir, 'none.lsc'), silentLogger())).toThrow(/no capture file at/);
    writeFileSync(join(dir, 'text.lsc'), 'time,line1/filler/speed\n');
    expect(() => openCapture(join(dir, 'text.lsc'), silentLogger())).toThrow(/not a Lineside capture \(not an SQLite file\)/);
    new Historian({ file: join(dir, 'plain.db'), tags: [], log: silentLogger() }).close();
    expect(() => openCapture(join(dir, 'plain.db'), silentLogger())).toThrow(/a Lineside historian file, not a capture/);

    const { plant, history, historian, runtime } = await liveHistorian();
    const file = join(dir, 'future.lsc');
    await exportCapture({ source: historian, plant, configYaml: config, configName: 'plant.yaml', from: T0, to: T0 + 1000, assets: [], file, appVersion: '1', log: silentLogger() });
    const raw = new Historian({ file, tags: [], log: silentLogger() });
    raw.sql("UPDATE meta SET value = '99' WHERE key = 'capture.version'").run();
    raw.close();
    expect(() => openCapture(file, silentLogger())).toThrow(/capture of version 99; this Lineside reads up to version 1/);
    await runtime.stop();
    history.stop();
  });
});

describe('a capture from CSV', () => {
  it('imports the good rows, reports the bad ones by line, and opens as a capture with the plant config', async () => {
    const plant = parsePlantConfig(config, join(dir, 'plant.yaml'), [pushDriver('push').factory]);
    const csv = ['time,line1/filler/speed,line1/filler/running', '2026-11-30T06:00:00Z,12.5,true', '2026-11-30T06:00:01Z,oops,true', '2026-11-30T06:00:02Z,13,false', ''].join('\n');
    const file = join(dir, 'from-csv.lsc');
    const result = captureFromCsv({ bytes: Buffer.from(csv), csvName: 'history.csv', plant, configYaml: config, configName: 'plant.yaml', file, appVersion: '1', log: silentLogger() });
    expect(result.samples).toBe(4);
    expect(result.badRows).toEqual([{ line: 3, reason: expect.stringMatching(/line1\/filler\/speed.*oops/) }]);
    const capture = openCapture(file, silentLogger());
    expect(capture.info).toMatchObject({ from: T0, to: T0 + 2001, configYaml: config, createdBy: 'Lineside 1 from history.csv' });
    const source = createCaptureSource(capture.historian, { from: capture.info.from, to: capture.info.to, paths: ['line1/filler/speed', 'line1/filler/running'] });
    expect(readAll(source, Number.POSITIVE_INFINITY).map((s) => [s.path, s.value, s.sourceTs - T0])).toEqual([
      ['line1/filler/speed', 12.5, 0],
      ['line1/filler/running', true, 0],
      ['line1/filler/speed', 13, 2000],
      ['line1/filler/running', false, 2000],
    ]);
    capture.close();
    expect(() => captureFromCsv({ bytes: Buffer.from(csv), csvName: 'h.csv', plant, configYaml: config, configName: 'plant.yaml', file, appVersion: '1', log: silentLogger() })).toThrow(/exists already/);
  });
});
