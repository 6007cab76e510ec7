// Captures and replay, end to end on the simulated line (the demo plant, without its warm-up
// hour): a live day on the plant clock with the historian and every analytic, exported into a
// capture (simulated-capture.ts), then replayed through startReplayCore the way the app does it. Run alone: a day of
// the demo line is about seven million samples each way.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlarmJournalEntry } from '../contract/index.js';
import { queryAlarmJournal } from '../historian/alarm-journal.js';
import { HistorianReader } from '../historian/index.js';
import { recordedHealth } from '../historian/pdm-journal.js';
import { silentLogger } from '../runtime/logger.js';
import type { startAnalytics } from '../service/start-core.js';
import { startReplayCore, type ReplayCore } from '../service/start-replay.js';
import { openCapture } from './capture-file.js';
import { recordSimulatedCapture } from './simulated-capture.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.UTC(2026, 10, 23, 5, 0, 0);
const END = START + DAY - 1;
const demoYaml = readFileSync(new URL('../../assets/demo/plant.yaml', import.meta.url), 'utf8').replace('      seed: 20261121\n', '      seed: 20261121\n      warmUpMin: 0\n');

interface Recorded {
  oee: ReturnType<NonNullable<ReturnType<typeof startAnalytics>['oee']>['report']>;
  fleet: { asset: string; health: number | null }[];
}

let dir: string;
let captureFile: string;
let recorded: Recorded;
let replay: ReplayCore;

/** The fields of an alarm event that say what happened (ids are per file). */
const eventKey = (e: AlarmJournalEntry) => ({ at: e.at, alarmId: e.alarmId, kind: e.kind, from: e.from, to: e.to, priority: e.priority, cause: e.cause, value: e.value });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lineside-replay-test-'));
  captureFile = join(dir, 'day.lsc');
  const log = silentLogger();
  // The live day, recorded as the app records it; the figures are taken when it ends (at
  // END, 1 ms before the next day's first samples, the capture's [START, END) exactly).
  await recordSimulatedCapture({
    configYaml: demoYaml,
    configName: 'plant.yaml',
    from: START,
    spanMs: DAY,
    file: captureFile,
    appVersion: 'test',
    log,
    atEnd: (analytics) => {
      recorded = {
        oee: analytics.oee!.report('line1', 'day', END - 1),
        fleet: analytics.pdm.fleet().map((entry) => ({ asset: entry.asset, health: entry.health })),
      };
    },
  });
  replay = await startReplayCore({ captureFile, transport: 'websocket', log, appVersion: 'test', workDir: join(dir, 'work') });
}, 600_000);

afterAll(async () => {
  await replay?.stop();
  rmSync(dir, { recursive: true, force: true });
}, 120_000);

describe('a captured day of the simulated line', () => {
  it('replays every sample bit for bit, in time order', () => {
    const capture = openCapture(captureFile, silentLogger());
    const live = new HistorianReader(capture.historian);
    const seen = new Map<string, { ts: number[]; value: number[]; quality: string[] }>();
    const unsubscribe = replay.runtime.bus.subscribe([...replay.runtime.tags.keys()], (samples) => {
      for (const s of samples) {
        if (typeof s.value === 'object') continue;
        let entry = seen.get(s.path);
        if (!entry) seen.set(s.path, (entry = { ts: [], value: [], quality: [] }));
        entry.ts.push(s.sourceTs);
        entry.value.push(typeof s.value === 'boolean' ? Number(s.value) : Number(s.value));
        entry.quality.push(s.quality.status);
      }
    });
    replay.player.runTo(START + 2 * HOUR);
    unsubscribe();
    expect(seen.size).toBeGreaterThan(30);
    for (const [path, got] of seen) {
      const original = live.raw(path, START, START + 2 * HOUR, 10_000_000);
      expect(got.ts, path).toEqual(original.ts);
      const bits = (values: number[]) => Array.from(new BigUint64Array(new Float64Array(values).buffer));
      expect(bits(got.value), path).toEqual(bits(original.value.map(Number)));
      expect(got.quality, path).toEqual(original.quality);
    }
    capture.close();
  }, 120_000);

  it('gives the alarm events, the OEE and the health scores recorded live, replayed at 1,000×', () => {
    // At 1,000× the player replays 40 s of plant time every 40 ms of wall time.
    for (let t = replay.runtime.clock.now(); t < END; t += 40_000) replay.player.runTo(Math.min(t + 40_000, END));
    expect(replay.player.status().state).toBe('ended');
    const capture = openCapture(captureFile, silentLogger());
    const working = replay.current().history.historian()!;
    const recordedEvents = queryAlarmJournal(capture.historian, { from: START, to: END, limit: 1_000_000 }).map(eventKey);
    const replayedEvents = queryAlarmJournal(working, { from: START, to: END, limit: 1_000_000 }).map(eventKey);
    expect(recordedEvents.length).toBeGreaterThan(20);
    expect(replayedEvents).toEqual(recordedEvents);

    const oee = replay.current().analytics.oee!.report('line1', 'day', END - 1);
    expect(oee.result?.oee).toBeGreaterThan(0.3);
    expect(oee.result).toEqual(recorded.oee.result);
    expect(oee.assets).toEqual(recorded.oee.assets);
    expect(oee.stops.length).toBeGreaterThan(5);
    expect(oee.stops).toEqual(recorded.oee.stops);

    const healthRecorded = recordedHealth(capture.historian, 'line1/motor', START, END);
    expect(healthRecorded.length).toBeGreaterThan(200);
    expect(recordedHealth(working, 'line1/motor', START, END)).toEqual(healthRecorded);
    expect(replay.current().analytics.pdm.fleet().map((entry) => ({ asset: entry.asset, health: entry.health }))).toEqual(recorded.fleet);

    capture.close();
  }, 300_000);

  it('compares recorded and replayed side by side through the contract', async () => {
    const session = replay.service.openSession(() => {});
    const result = await session.replayComparison({});
    session.close();
    if (!result.ok) throw new Error(result.error.message);
    const { alarms, oee, health } = result.value;
    expect(alarms.recordedTotal).toBeGreaterThan(5);
    expect(alarms.replayedTotal).toBe(alarms.recordedTotal);
    expect(alarms.rows.every((row) => row.recorded === row.replayed)).toBe(true);
    expect(oee.rows).toHaveLength(1);
    expect(oee.rows[0]!.replayed).toEqual(oee.rows[0]!.recorded);
    expect(health.rows[0]!.replayed).toBe(health.rows[0]!.recorded);
  });
});
