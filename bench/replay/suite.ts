// The replay benchmark: 24 hours of 1,000 tags at 1 Hz (86.4 million samples) in a capture
// file (bench-plant.ts; written first, timed apart), replayed as fast as the machine allows
// through the code the app runs: the capture source, the player on the stepped clock, the
// tag bus, the alarm host with its 300 alarms, and the OEE of 50 machines (the state and
// counter samples gathered as the bus delivers them, then every machine's day and each
// line's figures by the pure OEE functions). Goal: at least 3,000,000 samples/s (under 30 s).
//
// The baseline is the plainest way to have the same samples in time order: a table of
// (tag, ts, value) rows written in time order, read back with SELECT in rowid order. It is
// only read, and nothing is done with the rows, so the ratio flatters it.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { BenchSuite } from '../run.js';
import { assetAnalysis, assetOee, assetOeeData, lineOee, shiftInstances } from '../../core/analytics/oee/index.js';
import { parsePlantConfig } from '../../core/config/index.js';
import { writeCaptureMeta } from '../../core/historian/capture-store.js';
import { Historian } from '../../core/historian/historian.js';
import type { Series } from '../../core/historian/series.js';
import { allTags } from '../../core/model/plant.js';
import { qualityCodes } from '../../core/contract/index.js';
import { startAlarmHost } from '../../core/runtime/alarm-host.js';
import { createSteppedClock } from '../../core/runtime/clock.js';
import { silentLogger } from '../../core/runtime/logger.js';
import { createRuntime } from '../../core/runtime/runtime.js';
import { openCapture } from '../../core/replay/capture-file.js';
import { createCaptureSource } from '../../core/replay/capture-source.js';
import { createReplayPlayer } from '../../core/replay/player.js';
import { replayDriverFactories } from '../../core/replay/replay-drivers.js';
import { formatNumber } from '../stats.js';
import { benchConfigYaml, machineDay, machinePaths, TAGS } from './bench-plant.js';

const FROM = Date.UTC(2026, 10, 16, 0, 0, 0);
const SECONDS = 86_400;
const TO = FROM + SECONDS * 1000;
const SAMPLES = TAGS * SECONDS;

function writeCapture(file: string, yaml: string): void {
  const plant = parsePlantConfig(yaml, 'bench.yaml', replayDriverFactories(['bench'], 'bench'));
  const capture = new Historian({ file, tags: allTags(plant), log: silentLogger() });
  machinePaths().forEach((machine, m) => {
    const day = machineDay(m, FROM, SECONDS);
    capture.importMany([...day].map(([name, series]) => ({ path: `${machine}/${name}`, series })));
  });
  writeCaptureMeta(capture, { version: 1, from: FROM, to: TO, configYaml: yaml, configName: 'bench.yaml', site: 'Bench', area: 'Replay', assets: [], createdAt: Date.now(), createdBy: 'bench' });
  capture.db.pragma('journal_mode = DELETE');
  capture.close();
}

/** The baseline's rows, in time order (second by second, tag by tag). */
function writeRows(file: string): void {
  const db = new Database(file);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.exec('CREATE TABLE rows (tag INTEGER NOT NULL, ts INTEGER NOT NULL, value REAL)');
  const perStatement = 250;
  const insert = db.prepare(`INSERT INTO rows (tag, ts, value) VALUES ${Array.from({ length: perStatement }, () => '(?, ?, ?)').join(', ')}`);
  const days: Series[][] = machinePaths().map((_, m) => [...machineDay(m, FROM, SECONDS).values()]);
  const columns = days.flat();
  const params: number[] = [];
  db.transaction(() => {
    for (let i = 0; i < SECONDS; i++) {
      for (let tag = 0; tag < columns.length; tag++) {
        params.push(tag, FROM + i * 1000, columns[tag]!.value[i]!);
        if (params.length === perStatement * 3) {
          insert.run(params);
          params.length = 0;
        }
      }
    }
  })();
  db.close();
}

function readRows(file: string): { rows: number; ms: number } {
  const db = new Database(file, { readonly: true });
  const start = performance.now();
  let rows = 0;
  let check = 0;
  for (const row of db.prepare('SELECT tag, ts, value FROM rows ORDER BY rowid').raw().iterate() as IterableIterator<[number, number, number]>) {
    rows++;
    check += row[0];
  }
  const ms = performance.now() - start;
  db.close();
  if (check < 0) throw new Error('unreachable');
  return { rows, ms };
}

/** The replay through the alarms and OEE; returns its figures. */
function replayThrough(file: string): { ms: number; samples: number; alarmEvents: number; lineOee: number[] } {
  const capture = openCapture(file, silentLogger());
  const plant = parsePlantConfig(capture.info.configYaml, 'bench.yaml', replayDriverFactories(['bench'], 'bench'));
  const start = performance.now();
  const clock = createSteppedClock(FROM);
  const runtime = createRuntime({ plant, drivers: replayDriverFactories(['bench'], 'bench'), clock, log: silentLogger() });
  const alarms = startAlarmHost({ runtime, log: silentLogger() });
  // The OEE's inputs, gathered from the bus as they come, in columns (as the historian keeps them).
  const assets = plant.lines.flatMap((line) => line.assets).filter((asset) => asset.oee);
  const gathered = new Map<string, { ts: number[]; value: number[]; quality: number[] }>();
  for (const asset of assets) for (const path of [asset.oee!.stateTag, asset.oee!.totalCounter!, asset.oee!.rejectCounter!]) gathered.set(path, { ts: [], value: [], quality: [] });
  runtime.bus.subscribe([...gathered.keys()], (samples) => {
    for (const sample of samples) {
      const columns = gathered.get(sample.path)!;
      columns.ts.push(sample.sourceTs);
      columns.value.push(sample.value as number);
      columns.quality.push(qualityCodes[sample.quality.status]);
    }
  });
  const source = createCaptureSource(capture.historian, { from: FROM, to: TO, paths: [...runtime.tags.keys()] });
  let samples = 0;
  const player = createReplayPlayer({
    source,
    clock,
    publish: (batch) => {
      samples += batch.length;
      runtime.bus.publish(batch);
    },
    from: FROM,
    to: TO,
    speed: 1,
  });
  player.runTo(TO);
  const alarmEvents = alarms.journal({ from: FROM, to: TO, limit: 1_000_000 }).length;
  const calendar = plant.oee!;
  const period = { from: FROM, to: TO, shifts: shiftInstances(calendar.calendar, FROM, TO) };
  const results = assets.map((asset) => {
    const oee = asset.oee!;
    const data = assetOeeData(asset.path, assetAnalysis(calendar, oee), { state: gathered.get(oee.stateTag)!, total: gathered.get(oee.totalCounter!)!, reject: gathered.get(oee.rejectCounter!)! }, TO, FROM);
    return assetOee(data, period, assetAnalysis(calendar, oee).params);
  });
  const lines = plant.lines.map((line) => lineOee(line.path, `${line.path}/m1`, results.filter((r) => r.asset.startsWith(`${line.path}/`))).result?.oee ?? Number.NaN);
  const ms = performance.now() - start;
  player.stop();
  alarms.stop();
  capture.close();
  return { ms, samples, alarmEvents, lineOee: lines };
}

export const replaySuite: BenchSuite = {
  name: 'replay',
  description: '24 h of 1,000 tags at 1 Hz (86.4 M samples) replayed through the alarms and OEE as fast as possible, beside reading the same samples as SQLite rows',
  async run(print) {
    const dir = mkdtempSync(join(tmpdir(), 'lineside-bench-replay-'));
    try {
      const captureFile = join(dir, 'day.lsc');
      const rowsFile = join(dir, 'rows.db');
      let t = performance.now();
      writeCapture(captureFile, benchConfigYaml());
      print(`capture written: ${formatNumber(SAMPLES / 1e6, 1)} M samples, ${formatNumber(statSync(captureFile).size / 1024 / 1024, 0)} MiB, in ${formatNumber((performance.now() - t) / 1000, 1)} s (not timed below)`);
      t = performance.now();
      writeRows(rowsFile);
      print(`baseline rows written: ${formatNumber(statSync(rowsFile).size / 1024 / 1024, 0)} MiB, in ${formatNumber((performance.now() - t) / 1000, 1)} s (not timed below)`);

      const replay = replayThrough(captureFile);
      if (replay.samples !== SAMPLES) throw new Error(`the replay published ${replay.samples} samples, expected ${SAMPLES}`);
      const rows = readRows(rowsFile);
      if (rows.rows !== SAMPLES) throw new Error(`the baseline read ${rows.rows} rows, expected ${SAMPLES}`);
      const replayRate = (SAMPLES / replay.ms) * 1000;
      const rowsRate = (SAMPLES / rows.ms) * 1000;
      print(
        `replay through alarms + OEE: ${formatNumber(replay.ms / 1000, 1)} s, ${formatNumber(replayRate / 1e6, 2)} M samples/s   (goal ≥ 3 M/s, under 30 s); ` +
          `${replay.alarmEvents.toLocaleString('en')} alarm events, line OEE ${replay.lineOee.map((x) => `${formatNumber(x * 100, 1)} %`).join(' / ')}`,
      );
      print(`baseline, the same samples read as SQLite rows (nothing done with them): ${formatNumber(rows.ms / 1000, 1)} s, ${formatNumber(rowsRate / 1e6, 2)} M rows/s`);
      print(`→ the replay with alarms and OEE runs ${formatNumber(replayRate / rowsRate, 2)}× the speed of merely reading rows`);
      return { replay_ms: replay.ms, replay_samples_per_s: replayRate, rows_read_ms: rows.ms, rows_read_per_s: rowsRate, replay_vs_rows_ratio: replayRate / rowsRate };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
