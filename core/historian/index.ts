/**
 * The historian, wired to the runtime: every tag-bus sample is appended; a commit once a
 * second makes them durable; retention runs hourly in the background. A file that cannot
 * be opened for writing (read-only medium, permissions) does not stop the app: the
 * historian reports `stopped` with the reason and tries again every few seconds, and
 * storing starts as soon as the file can be written.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { HistorianStatus } from '../contract/index.js';
import type { Logger } from '../runtime/logger.js';
import type { Runtime } from '../runtime/runtime.js';
import type { Sample } from '../model/sample.js';
import { appendEvent, type HistorianEvent } from './journal.js';
import { Historian } from './historian.js';
import { HistorianReader } from './reader.js';
import type { RetentionRule } from '../model/plant.js';
import { applyRetention } from './retention.js';

export { Historian, valueKindOf } from './historian.js';
export { HistorianReader } from './reader.js';
export { appendEvent, queryEvents, type HistorianEvent } from './journal.js';

/**
 * How often pending samples are committed. Under a second by a margin for the commit's own
 * sync and timer lateness, so that a crash loses at most the last second.
 */
export const COMMIT_INTERVAL_MS = 900;

export interface RunningHistorian {
  /** Undefined while the file cannot be opened. */
  reader(): HistorianReader | undefined;
  /** The store itself (journals, imports); undefined while the file cannot be opened. */
  historian(): Historian | undefined;
  status(): HistorianStatus;
  /** Commits what is pending and closes the file. */
  stop(): void;
}

export interface HistorianHostOptions {
  file: string;
  runtime: Runtime;
  log: Logger;
  retention?: RetentionRule[];
  commitMs?: number;
  /** How often to retry opening a file that could not be opened, ms. */
  reopenMs?: number;
}

export function startHistorian(options: HistorianHostOptions): RunningHistorian {
  const { runtime, log, file } = options;
  let tags = [...runtime.tags.values()];
  let historian: Historian | undefined;
  let reader: HistorianReader | undefined;
  let openFailure = '';

  const tryOpen = () => {
    try {
      mkdirSync(dirname(file), { recursive: true });
      historian = new Historian({ file, tags, log: log.child({ part: 'historian' }) });
      reader = new HistorianReader(historian);
      if (openFailure) log.warn({ file }, 'historian file opened; storing started');
      openFailure = '';
      log.info({ file, tags: tags.length }, 'historian open');
    } catch (error) {
      const message = (error as Error).message;
      if (openFailure !== message) log.error({ err: error, file }, 'historian file cannot be opened for writing; retrying');
      openFailure = message;
    }
  };
  tryOpen();

  // State words are also journaled as events, so that stops can be listed without a scan.
  const stateTags = new Map(tags.filter((tag) => tag.role === 'state').map((tag) => [tag.path, tag]));
  const store = (samples: readonly Sample[]) => {
    if (!historian) return;
    historian.append(samples);
    try {
      journalStates(samples);
    } catch (error) {
      log.warn({ err: error }, 'state change not journaled');
    }
  };
  const lastState = new Map<string, number>();
  const journalStates = (samples: readonly Sample[]) => {
    const events: HistorianEvent[] = [];
    for (const sample of samples) {
      const tag = stateTags.get(sample.path);
      if (!tag || typeof sample.value !== 'number' || sample.quality.status !== 'good') continue;
      const previous = lastState.get(sample.path);
      lastState.set(sample.path, sample.value);
      if (previous === undefined || previous === sample.value) continue;
      const label = (value: number) => tag.states?.find((state) => state.value === value)?.label ?? String(value);
      events.push({ ts: sample.sourceTs, kind: 'state-change', source: tag.assetPath, data: { tag: tag.path, from: previous, to: sample.value, fromLabel: label(previous), toLabel: label(sample.value) } });
    }
    // One transaction for the whole batch (the simulator's warm-up hour holds many).
    if (events.length > 0) historian!.db.transaction(() => events.forEach((event) => appendEvent(historian!, event)))();
  };
  const unsubscribes = [runtime.bus.subscribe(
    tags.map((tag) => tag.path),
    store,
  )];
  // Tags added while running (from the OPC UA browser, engineering mode) are stored from then on.
  const offPlantChange = runtime.onPlantChange((_plant, report) => {
    if (report.tagsAdded.length === 0) return;
    const added = report.tagsAdded.map((path) => runtime.tags.get(path)!).filter(Boolean);
    tags = [...tags, ...added];
    for (const tag of added) if (tag.role === 'state') stateTags.set(tag.path, tag);
    historian?.addTags(added);
    unsubscribes.push(runtime.bus.subscribe(report.tagsAdded, store));
  });
  // Durability is wall-clock I/O pacing, not plant time: real timers.
  const commitTimer = setInterval(() => historian?.commit(), options.commitMs ?? COMMIT_INTERVAL_MS);
  const reopenTimer = setInterval(() => {
    if (!historian) tryOpen();
  }, options.reopenMs ?? 5000);
  const retention = options.retention ?? runtime.plant.retention;
  let retaining = false;
  const retentionTimer = setInterval(() => {
    if (!historian || retaining) return;
    retaining = true;
    applyRetention(historian, retention, runtime.clock.now())
      .catch((error: unknown) => log.error({ err: error }, 'retention failed; it retries in an hour'))
      .finally(() => (retaining = false));
  }, 3_600_000);

  return {
    reader: () => reader,
    historian: () => historian,
    status() {
      if (historian) return historian.status();
      return {
        file,
        bytes: 0,
        state: 'stopped',
        detail: `Storing stopped: the database file cannot be opened for writing (${openFailure}). Live values are not stored; storing starts by itself when the file can be written.`,
        samplesStored: 0,
      };
    },
    stop() {
      clearInterval(commitTimer);
      clearInterval(reopenTimer);
      clearInterval(retentionTimer);
      offPlantChange();
      for (const unsubscribe of unsubscribes) unsubscribe();
      historian?.close();
    },
  };
}
