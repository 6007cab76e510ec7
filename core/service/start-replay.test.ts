// Replay mode's wiring on a small plant: a live run with an alarm that an operator
// acknowledges, exported, replayed through startReplayCore: the journal comes back with the
// operator's action at its time; seeking back starts over and gives the same again; writes
// and operator entries are refused; the status says where the replay stands.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlarmJournalEntry } from '../contract/index.js';
import { parsePlantConfig } from '../config/index.js';
import { pushDriver } from '../drivers/testing/push-driver.js';
import { queryAlarmJournal } from '../historian/alarm-journal.js';
import { startHistorian } from '../historian/index.js';
import { silentLogger } from '../runtime/logger.js';
import { createRuntime } from '../runtime/runtime.js';
import { createManualClock } from '../runtime/testing/manual-clock.js';
import { exportCapture } from '../replay/capture-export.js';
import { openCapture } from '../replay/capture-file.js';
import { startAnalytics } from './start-core.js';
import { startReplayCore, type ReplayCore } from './start-replay.js';

const config = `version: 1
site: S
area: A
devices:
  - { id: dev, driver: push, settings: {} }
lines:
  - id: line1
    name: Line 1
    assets:
      - id: filler
        name: Filler
        kind: filler
        device: dev
        tags:
          - { name: speed, address: a, type: float64, unit: bpm, description: Speed, sampleRateMs: 1000, rateReason: test, writable: true, alarms: [{ kind: H, limit: 10, deadband: 1, onDelayMs: 5000, priority: high, message: Speed high }] }
`;
const T0 = Date.UTC(2026, 11, 1, 6, 0, 0);
const MIN = 60_000;
const alarmId = 'line1/filler/speed:H';
const what = (e: AlarmJournalEntry) => ({ at: e.at, kind: e.kind, to: e.to, user: e.user, cause: e.cause });

let dir: string;
let captureFile: string;
let replay: ReplayCore | undefined;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lineside-start-replay-'));
  captureFile = join(dir, 'ten-minutes.lsc');
  const log = silentLogger();
  const driver = pushDriver('push');
  const plant = parsePlantConfig(config, join(dir, 'plant.yaml'), [driver.factory]);
  const clock = createManualClock(T0);
  const runtime = createRuntime({ plant, drivers: [driver.factory], clock, log });
  const history = startHistorian({ file: join(dir, 'live.db'), runtime, log });
  const analytics = startAnalytics(runtime, history, log);
  await runtime.start();
  for (let s = 0; s < 600; s++) {
    driver.publish([{ path: 'line1/filler/speed', value: s >= 120 && s < 300 ? 15 : 5, quality: { status: 'good' }, sourceTs: clock.now() }]);
    if (s === 180) analytics.alarms.act({ kind: 'acknowledge', ids: [alarmId], user: 'Anna', at: clock.now() });
    clock.advance(1000);
  }
  history.historian()!.commit();
  await exportCapture({ source: history.historian()!, plant, configYaml: config, configName: 'plant.yaml', from: T0, to: T0 + 10 * MIN, assets: [], file: captureFile, appVersion: 't', log });
  analytics.stop();
  await runtime.stop();
  history.stop();
});

afterEach(async () => {
  await replay?.stop();
  replay = undefined;
  rmSync(dir, { recursive: true, force: true });
});

describe('startReplayCore', () => {
  it("replays the alarms with the operator's acknowledgement at its time, and again the same after a seek back", async () => {
    const capture = openCapture(captureFile, silentLogger());
    const recorded = queryAlarmJournal(capture.historian, { from: T0, to: T0 + 10 * MIN, limit: 100 }).map(what);
    capture.close();
    expect(recorded.map((e) => e.kind)).toEqual(['activated', 'acknowledged', 'returned']);
    expect(recorded[1]).toMatchObject({ user: 'Anna', at: T0 + 180_000 });

    replay = await startReplayCore({ captureFile, transport: 'websocket', log: silentLogger(), appVersion: 't', workDir: join(dir, 'work') });
    const journal = () => replay!.current().analytics.alarms.journal({ from: T0, to: T0 + 10 * MIN, limit: 100 }).map(what);
    replay.player.runTo(T0 + 5 * MIN + 0.5); // a fraction of a millisecond: up to the whole one
    expect(replay.runtime.clock.now()).toBe(T0 + 5 * MIN);
    replay.player.runTo(T0 + 10 * MIN);
    expect(journal()).toEqual(recorded);
    expect(replay.player.status()).toMatchObject({ state: 'ended', samplesReplayed: 600 });

    await replay.seek(T0 + 4 * MIN);
    expect(replay.runtime.clock.now()).toBe(T0 + 4 * MIN);
    expect(replay.player.status().samplesReplayed).toBe(240);
    expect(journal()).toEqual(recorded.slice(0, 2));
    await replay.seek(T0 + 10 * MIN);
    expect(journal()).toEqual(recorded);
  });

  it('plays paced by the wall clock at 1,000× to the same journal as at once', async () => {
    replay = await startReplayCore({ captureFile, transport: 'websocket', log: silentLogger(), appVersion: 't', workDir: join(dir, 'work'), play: true, speed: 1000 });
    const started = Date.now();
    while (replay.player.status().state !== 'ended' && Date.now() - started < 20_000) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(replay.player.status()).toMatchObject({ state: 'ended', samplesReplayed: 600 });
    // Ten minutes at 1,000× take about 0.6 s of wall time.
    expect(Date.now() - started).toBeGreaterThan(400);
    const capture = openCapture(captureFile, silentLogger());
    const recorded = queryAlarmJournal(capture.historian, { from: T0, to: T0 + 10 * MIN, limit: 100 }).map(what);
    capture.close();
    expect(replay.current().analytics.alarms.journal({ from: T0, to: T0 + 10 * MIN, limit: 100 }).map(what)).toEqual(recorded);
  });

  it('refuses writes and operator entries, and reports where it stands', async () => {
    replay = await startReplayCore({ captureFile, transport: 'websocket', log: silentLogger(), appVersion: 't', workDir: join(dir, 'work') });
    const session = replay.service.openSession(() => {});
    const write = await session.writeTag({ path: 'line1/filler/speed', value: 3 });
    expect(write).toMatchObject({ ok: false, error: { code: 'write-disabled' } });
    const ack = await session.alarmAction({ kind: 'acknowledge', ids: [alarmId], user: 'Bob' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'write-disabled', message: expect.stringMatching(/read-only/) } });
    const status = await session.getSystemStatus({});
    expect(status.ok && status.value.mode).toBe('replay');
    expect(status.ok && status.value.drivers[0]!.detail).toMatch(/replaying ten-minutes.lsc; no device is connected/);

    const control = await session.replayControl({ action: 'step', ms: 90_000 });
    expect(control.ok && control.value).toMatchObject({ file: 'ten-minutes.lsc', from: T0, to: T0 + 10 * MIN, at: T0 + 90_000, state: 'paused', samplesReplayed: 90, config: 'capture' });
    const marks = await session.replayMarks({});
    expect(marks.ok && marks.value).toEqual([{ at: T0 + 125_000, kind: 'alarm', priority: 'high', source: 'line1/filler', label: 'Speed high' }]);
    const live = await session.exportCapture({ from: T0, to: T0 + 1000 });
    expect(live).toMatchObject({ ok: false, error: { code: 'write-disabled', message: expect.stringMatching(/read-only: exportCapture/) } });
    session.close();
  });

  it('what-if: with an edited alarm limit the replay raises what that limit would have, beside what was recorded', async () => {
    const edited = join(dir, 'edited.yaml');
    writeFileSync(edited, config.replace('limit: 10', 'limit: 20'));
    replay = await startReplayCore({ captureFile, configFile: edited, transport: 'websocket', log: silentLogger(), appVersion: 't', workDir: join(dir, 'work') });
    replay.player.runTo(T0 + 10 * MIN);
    const session = replay.service.openSession(() => {});
    const comparison = await session.replayComparison({});
    session.close();
    expect(comparison.ok && comparison.value).toMatchObject({
      config: 'edited.yaml',
      alarms: { rows: [{ alarmId, priority: 'high', recorded: 1, replayed: 0 }], recordedTotal: 1, replayedTotal: 0 },
    });
  });
});
