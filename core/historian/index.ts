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
import { Historian } from './historian.js';
import { HistorianReader } from './reader.js';
import type { RetentionRule } from '../model/plant.js';
import { applyRetention } from './retention.js';

export { Historian, valueKindOf } from './historian.js';
export { HistorianReader } from './reader.js';
export { appendEvent, queryEvents, type HistorianEvent } from './journal.js';

export interface RunningHistorian {
  /** Undefined while the file cannot be opened. */
  reader(): HistorianReader | undefined;
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
  const tags = [...runtime.tags.values()];
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

  const unsubscribe = runtime.bus.subscribe(
    tags.map((tag) => tag.path),
    (samples) => historian?.append(samples),
  );
  // Durability is wall-clock I/O pacing, not plant time: real timers.
  const commitTimer = setInterval(() => historian?.commit(), options.commitMs ?? 1000);
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
      unsubscribe();
      historian?.close();
    },
  };
}
