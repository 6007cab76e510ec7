/**
 * The alarm watch: keeps the store's alarm picture current with a long poll. On every
 * 'connected' it asks for the picture at once (`revision: -1, waitMs: 0`), then asks again
 * with the revision it has; the core answers as soon as the alarms move past it, or after
 * `waitMs` with the same picture. A connection change ends the loop (the next 'connected'
 * starts a new one, perhaps against a restarted core); an error backs off 2 s. The loop is
 * bounded: a call that never answers is given up after `waitMs` + 10 s, and a core that
 * answers at once without a change is asked at most once a second. Plain TypeScript, no React.
 */
import type { AlarmSnapshot, HmiClient, Result } from '../../core/contract/index.js';
import type { AppStore } from '../stores/app-store.js';

export interface AlarmWatchOptions {
  client: Pick<HmiClient, 'watchAlarms' | 'onConnection'>;
  store: AppStore;
  /** How long the core may hold a call before answering with no change. */
  waitMs?: number;
  /** Wait after a failed call. */
  backoffMs?: number;
}

/** Extra time a call may take beyond its wait before it is given up. */
const callGraceMs = 10_000;
/** Between calls when the picture changed: a burst of events costs at most 10 calls a second. */
const changedGapMs = 100;
/** Between calls that started less than this apart and brought no change (a core that does not hold calls). */
const unchangedMinMs = 1_000;

/** Starts watching; returns the function that stops it. */
export function startAlarmWatch(options: AlarmWatchOptions): () => void {
  const { client, store } = options;
  const waitMs = options.waitMs ?? 15_000;
  const backoffMs = options.backoffMs ?? 2_000;

  /** Bumped on every connection change and on stop: a loop of an older generation ends. */
  let generation = 0;
  /** Ends the pauses under way early (stop, connection change). */
  const wakers = new Set<() => void>();

  /** Resolves after `ms`, or at once on `wakeAll`; `cancel` ends it early too. */
  function pause(ms: number): { done: Promise<void>; cancel: () => void } {
    let cancel = () => {};
    const done = new Promise<void>((resolve) => {
      const timer = setTimeout(end, ms);
      function end() {
        clearTimeout(timer);
        wakers.delete(end);
        resolve();
      }
      wakers.add(end);
      cancel = end;
    });
    return { done, cancel };
  }

  function wakeAll(): void {
    for (const wake of [...wakers]) wake();
  }

  /** The call's result, or a failure when it takes too long or the loop is woken. */
  function call(revision: number, wait: number): Promise<Result<AlarmSnapshot>> {
    const gaveUp: Result<AlarmSnapshot> = { ok: false, error: { code: 'internal', message: `the alarm watch got no answer within ${Math.round((wait + callGraceMs) / 1000)} s` } };
    const limit = pause(wait + callGraceMs);
    return Promise.race([client.watchAlarms({ revision, waitMs: wait }), limit.done.then(() => gaveUp)]).finally(limit.cancel);
  }

  async function run(gen: number): Promise<void> {
    let revision = -1;
    while (gen === generation) {
      const first = revision === -1;
      const startedAt = Date.now();
      const result = await call(revision, first ? 0 : waitMs);
      if (gen !== generation) return;
      if (!result.ok) {
        // A lost connection is the connection banner's to tell; the loop ends when the state changes.
        if (result.error.code !== 'disconnected') store.getState().setAlarmError(`Alarms are not being updated: ${result.error.message}`);
        revision = -1;
        await pause(backoffMs).done;
        continue;
      }
      const changed = result.value.revision !== revision;
      store.getState().setAlarmSnapshot(result.value, first);
      revision = result.value.revision;
      await pause(changed ? changedGapMs : Math.max(0, unchangedMinMs - (Date.now() - startedAt))).done;
    }
  }

  const offConnection = client.onConnection((state) => {
    generation += 1;
    wakeAll();
    if (state === 'connected') void run(generation);
  });

  return () => {
    generation += 1;
    wakeAll();
    offConnection();
  };
}
