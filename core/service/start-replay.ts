/**
 * Replay mode's wiring: a capture file → the runtime on the replay clock → the service, with
 * the same analytics as live (start-core.ts's startAnalytics). The offline engineer's app.
 *
 * - The capture is opened read-only and never written. The plant is the capture's own config,
 *   or an edited one for a what-if (`configFile`); its devices get stand-in drivers that
 *   connect to nothing and refuse writes; the service refuses every write in replay mode.
 * - Operators' recorded alarm actions (acknowledge, shelve, out of service …) are applied
 *   at their times, so the alarm list and journal show them as they happened.
 * - Replayed samples go into a working historian (a scratch file in `workDir`), so trends,
 *   OEE and the journals read what has been replayed so far, exactly as live reads what has
 *   happened so far. The capture's downtime reasons are copied in, as operators gave them.
 * - Seeking forward replays up to the target as fast as it can. Seeking back starts over:
 *   the analytics and the working file are dropped, the clock and the source go back to the
 *   capture's start, and the replay runs forward to the target. The service reaches the
 *   analytics through `current`, so it always talks to the running set.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { HmiRequest, ReplayMark, ReplayStatus } from '../contract/index.js';
import { contractVersion } from '../contract/index.js';
import { parsePlantConfig } from '../config/index.js';
import { queryAlarmJournal } from '../historian/alarm-journal.js';
import { copyEventsOfKind } from '../historian/capture-store.js';
import { DOWNTIME_REASON_KIND } from '../historian/downtime-journal.js';
import { startHistorian, HistorianReader, queryEvents, type RunningHistorian } from '../historian/index.js';
import { stateClassifier } from '../analytics/oee/states.js';
import type { Plant } from '../model/plant.js';
import { LinesideError } from '../model/errors.js';
import { createSteppedClock } from '../runtime/clock.js';
import type { Logger } from '../runtime/logger.js';
import { createOeeHost } from '../runtime/oee-host.js';
import { createRuntime, type Runtime } from '../runtime/runtime.js';
import type { AlarmHost } from '../runtime/alarm-host.js';
import type { OeeHost } from '../runtime/oee-host.js';
import type { PdmHost } from '../runtime/pdm-host.js';
import { openCapture, type CaptureInfo } from '../replay/capture-file.js';
import { createCaptureSource } from '../replay/capture-source.js';
import { compareReplay } from '../replay/comparison.js';
import { createReplayPlayer, type ReplayPlayer } from '../replay/player.js';
import { recordedAlarmActions } from '../replay/recorded-actions.js';
import { driverKindsIn, replayDriverFactories } from '../replay/replay-drivers.js';
import { createHmiService, type HmiService } from './hmi-service.js';
import { securedService, stationName } from './secured-service.js';
import type { ReplayHost } from './replay-calls.js';
import { DEFAULT_IDLE_LOGOUT_MS, startAnalytics, type Analytics } from './start-core.js';

export interface ReplayCoreOptions {
  captureFile: string;
  /** An edited plant config to replay with instead of the capture's own (what-if). */
  configFile?: string;
  transport: 'ipc' | 'websocket';
  log: Logger;
  appVersion: string;
  electronVersion?: string;
  flushMs?: number;
  /** Folder for the working historian; a temporary folder (removed at stop) when omitted. */
  workDir?: string;
  speed?: number;
  /** Starts playing at once (default: paused at the capture's start). */
  play?: boolean;
}

export interface ReplayCore {
  runtime: Runtime;
  service: HmiService;
  info: CaptureInfo;
  player: ReplayPlayer;
  /** Seeks (forward, or back by starting over); resolves when the replay is there. */
  seek(at: number): Promise<void>;
  /** The analytics running now, and their working historian. */
  current(): { analytics: Analytics; history: RunningHistorian };
  stop(): Promise<void>;
}

export async function startReplayCore(options: ReplayCoreOptions): Promise<ReplayCore> {
  const { log } = options;
  const capture = openCapture(options.captureFile, log);
  const { info } = capture;
  const standIns = (yamlText: string) => replayDriverFactories(driverKindsIn(yamlText), info.file);
  let capturePlant: Plant;
  try {
    capturePlant = parsePlantConfig(info.configYaml, `${info.file}:${info.configName}`, standIns(info.configYaml));
  } catch (error) {
    capture.close();
    throw new LinesideError('capture-invalid', `the plant config inside ${info.file} is not valid for this Lineside: ${(error as Error).message}`);
  }
  // What-if: an edited config replaces the capture's for the replay (the comparison keeps the capture's).
  let plant = capturePlant;
  let configText = info.configYaml;
  if (options.configFile) {
    try {
      configText = readFileSync(options.configFile, 'utf8');
      plant = parsePlantConfig(configText, options.configFile, standIns(configText));
    } catch (error) {
      capture.close();
      if (error instanceof LinesideError) throw error;
      throw new LinesideError('config-invalid', `cannot read the config to replay with, ${options.configFile}: ${(error as Error).message}`);
    }
  }
  const clock = createSteppedClock(info.from);
  const ownWorkDir = !options.workDir;
  const workDir = options.workDir ?? mkdtempSync(join(tmpdir(), 'lineside-replay-'));
  const runtime = createRuntime({ plant, drivers: standIns(configText), clock, log, stateDir: workDir });

  let generation = 0;
  const startWorking = () => {
    const file = join(workDir, `replay-${++generation}.lineside.db`);
    rmWorkingFile(file);
    const history = startHistorian({ file, runtime, log: log.child({ part: 'replay-historian' }) });
    const store = history.historian();
    if (!store) throw new LinesideError('replay-failed', `the replay's working file ${file} cannot be written: ${history.status().detail}`);
    copyEventsOfKind(store, options.captureFile, DOWNTIME_REASON_KIND);
    // The analytics log as they do live (an alarm raised, a work request), marked as the replay's.
    return { file, history, analytics: startAnalytics(runtime, history, log.child({ replay: info.file })) };
  };
  let working = startWorking();
  await runtime.start();

  const source = createCaptureSource(capture.historian, { from: info.from, to: info.to, paths: [...runtime.tags.keys()] });
  // Operators' alarm actions as recorded, repeated at their times (an action that no longer applies, in a what-if, is skipped).
  const actions = recordedAlarmActions(queryAlarmJournal(capture.historian, { from: info.from, to: info.to, limit: 1_000_000 })).map((action) => ({
    at: action.at,
    apply: () => {
      try {
        working.analytics.alarms.act(action);
      } catch (error) {
        log.debug({ err: error, action: action.kind }, 'a recorded alarm action does not apply in this replay');
      }
    },
  }));
  const player = createReplayPlayer({
    source,
    clock,
    publish: (samples) => runtime.bus.publish(samples),
    from: info.from,
    to: info.to,
    speed: options.speed ?? 1,
    play: options.play ?? false,
    events: actions,
  });

  const seek = async (at: number) => {
    const target = Math.min(Math.max(at, info.from), info.to);
    if (target < clock.now()) {
      working.analytics.stop();
      working.history.stop();
      rmWorkingFile(working.file);
      runtime.bus.reset();
      clock.rewind(info.from);
      source.rewind();
      player.rewound();
      working = startWorking();
    }
    await player.seek(target);
  };

  // The recorded side of the comparison: the capture's data with the capture's config, on the replay clock.
  const captureHistory = readOnlyHistory(capture.historian, info.file);
  const recordedOee = createOeeHost({ runtime: { plant: capturePlant, tags: new Map([...runtime.tags]), clock }, historian: captureHistory });
  const marks = timelineMarks(capturePlant, captureHistory, info);
  const config = options.configFile ? basename(options.configFile) : 'capture';

  const status = (): ReplayStatus => ({
    file: info.file,
    site: info.site,
    area: info.area,
    from: info.from,
    to: info.to,
    ...player.status(),
    config,
    createdAt: info.createdAt,
    createdBy: info.createdBy,
  });
  const replay: ReplayHost = {
    status,
    control(request: HmiRequest<'replayControl'>) {
      if (request.action === 'play') player.play();
      else if (request.action === 'pause') player.pause();
      else if (request.action === 'speed') player.setSpeed(request.speed);
      else if (request.action === 'step') player.step(request.ms);
      else {
        seek(request.at).catch((error: unknown) => log.error({ err: error }, 'replay seek failed'));
      }
      return status();
    },
    marks: () => marks,
    comparison: () =>
      compareReplay({
        recorded: { historian: capture.historian, plant: capturePlant, oeeReport: (line, at) => recordedOee.report(line, 'day', at) },
        replayed: { historian: working.history.historian(), plant: runtime.plant, oeeReport: (line, at) => oeeOf().report(line, 'day', at) },
        from: info.from,
        now: clock.now(),
        config,
      }),
  };

  const oeeOf = (): OeeHost => {
    const oee = working.analytics.oee;
    if (!oee) throw new LinesideError('not-found', 'OEE is not available in this replay');
    return oee;
  };
  const alarms: AlarmHost = {
    snapshot: () => working.analytics.alarms.snapshot(),
    watch: (revision, waitMs) => working.analytics.alarms.watch(revision, waitMs),
    act: (action) => working.analytics.alarms.act(action),
    journal: (query) => working.analytics.alarms.journal(query),
    kpis: (from, to, positions) => working.analytics.alarms.kpis(from, to, positions),
    stop: () => working.analytics.alarms.stop(),
  };
  const oee: OeeHost = {
    report: (line, span, at) => oeeOf().report(line, span, at),
    reasonChoices: (stop) => oeeOf().reasonChoices(stop),
    assignReason: (request) => oeeOf().assignReason(request),
    spcChart: (tag, from, to) => oeeOf().spcChart(tag, from, to),
  };
  const pdm: PdmHost = {
    fleet: () => working.analytics.pdm.fleet(),
    asset: (path, view) => working.analytics.pdm.asset(path, view),
    waveform: (path, view) => working.analytics.pdm.waveform(path, view),
    workRequests: (filter) => working.analytics.pdm.workRequests(filter),
    acknowledge: (id, user, comment) => working.analytics.pdm.acknowledge(id, user, comment),
    stop: () => working.analytics.pdm.stop(),
  };
  // Nobody signs in to a replay (it changes nothing); every call is still checked, as a viewer's.
  const service = securedService(createHmiService({
    runtime,
    mode: 'replay',
    transport: options.transport,
    versions: { app: options.appVersion, node: process.versions.node, ...(options.electronVersion ? { electron: options.electronVersion } : {}), contract: contractVersion },
    ...(options.flushMs !== undefined ? { flushMs: options.flushMs } : {}),
    historian: { reader: () => working.history.reader(), status: () => working.history.status() },
    alarms,
    oee,
    pdm,
    replay,
  }), {
    station: stationName(options.transport),
    idleLogoutMs: DEFAULT_IDLE_LOGOUT_MS,
    tag: (path) => runtime.tags.get(path),
    currentValue: () => undefined,
  });
  log.info({ file: info.file, from: new Date(info.from).toISOString(), to: new Date(info.to).toISOString(), config }, 'replay open');

  return {
    runtime,
    service,
    info,
    player,
    seek,
    current: () => ({ analytics: working.analytics, history: working.history }),
    async stop() {
      player.stop();
      working.analytics.stop();
      working.history.stop();
      await runtime.stop();
      capture.close();
      if (ownWorkDir) rmSync(workDir, { recursive: true, force: true });
      else rmWorkingFile(working.file);
    },
  };
}

function rmWorkingFile(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
}

/** The capture as the OEE host reads a historian: open, never written. */
function readOnlyHistory(historian: CaptureHistorian, file: string): RunningHistorian {
  const reader = new HistorianReader(historian);
  return {
    reader: () => reader,
    historian: () => historian,
    status: () => ({ ...historian.status(), detail: `capture ${file}, read-only` }),
    stop: () => {},
  };
}
type CaptureHistorian = ReturnType<typeof openCapture>['historian'];

/** The timeline's marks: every recorded alarm activation, and every stop (a state tag entering "down"). */
function timelineMarks(plant: Plant, history: RunningHistorian, info: CaptureInfo): ReplayMark[] {
  const historian = history.historian()!;
  const marks: ReplayMark[] = queryAlarmJournal(historian, { from: info.from, to: info.to, kinds: ['activated'], limit: 10_000 }).map((event) => ({
    at: event.at,
    kind: 'alarm',
    priority: event.priority,
    source: event.asset,
    label: event.message,
  }));
  for (const asset of plant.lines.flatMap((line) => line.assets)) {
    if (!asset.oee) continue;
    const classify = stateClassifier(asset.oee.states);
    let open: ReplayMark | undefined;
    for (const event of queryEvents(historian, { from: info.from, to: info.to, source: asset.path, kind: 'state-change', limit: 100_000 })) {
      const data = event.data as { tag: string; to: number; toLabel: string };
      if (data.tag !== asset.oee.stateTag) continue;
      const down = classify(data.to) === 'down';
      if (down && !open) {
        open = { at: event.ts, kind: 'stop', source: asset.path, label: `${asset.name}: ${data.toLabel}` };
        marks.push(open);
      } else if (!down && open) {
        open.until = event.ts;
        open = undefined;
      }
    }
  }
  return marks.sort((a, b) => a.at - b.at);
}
