/**
 * Keeps the replay status fresh while the app replays a capture: asks `replayStatus` at
 * once and then `intervalMs` after each answer; sends the bar's controls (play, pause, speed,
 * step, seek) and takes their answer as the newest status; loads the capture's marks once per
 * capture (again after a failure, at most every `marksRetryMs`). An answer to a request sent
 * before the one last taken is dropped, so a poll that crosses a "pause" cannot show the
 * replay playing again. Plain TypeScript: the replay bar starts one and stops it.
 */
import type { HmiClient, HmiRequest, ReplayMark, ReplayStatus } from '../../core/contract/index.js';
import { captureKey } from './replay-model.js';

export interface ReplayPollerOptions {
  client: Pick<HmiClient, 'replayStatus' | 'replayControl' | 'replayMarks'>;
  /** A status (`receivedAt`: monotonic ms); null when the core says it does not replay (it runs live). */
  onStatus(status: ReplayStatus | null, receivedAt: number): void;
  onMarks(marks: ReplayMark[]): void;
  /** A refused control or a failed poll, in words; null when the polls work again. */
  onError(message: string | null): void;
  intervalMs?: number;
  marksRetryMs?: number;
  monotonicNow?: () => number;
}

export interface ReplayPoller {
  /** Sends a control; true when the core took it (its answer is then the status shown). */
  control(request: HmiRequest<'replayControl'>): Promise<boolean>;
  /** Asks for the status now. */
  refresh(): void;
  stop(): void;
}

export const replayPollMs = 500;

function controlWords(request: HmiRequest<'replayControl'>): string {
  switch (request.action) {
    case 'play':
      return 'play';
    case 'pause':
      return 'pause';
    case 'speed':
      return 'change the speed';
    case 'step':
      return 'step';
    case 'seek':
      return 'seek';
  }
}

export function startReplayPoller(options: ReplayPollerOptions): ReplayPoller {
  const intervalMs = options.intervalMs ?? replayPollMs;
  const marksRetryMs = options.marksRetryMs ?? 5_000;
  const monotonicNow = options.monotonicNow ?? (() => performance.now());
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** Requests are numbered when sent; `taken` is the number of the newest answer taken. */
  let sent = 0;
  let taken = 0;
  let pollFailing = false;
  let marksFor: string | null = null;
  let marksLoading = false;
  let marksRetryAt = Number.NEGATIVE_INFINITY;

  const take = (mine: number, status: ReplayStatus | null): boolean => {
    if (stopped || mine < taken) return false;
    taken = mine;
    options.onStatus(status, monotonicNow());
    if (status !== null) loadMarks(status);
    return true;
  };

  function loadMarks(status: ReplayStatus): void {
    const key = captureKey(status);
    if (key === marksFor || marksLoading || monotonicNow() < marksRetryAt) return;
    marksLoading = true;
    void options.client.replayMarks({}).then(
      (result) => {
        marksLoading = false;
        if (stopped) return;
        if (result.ok) {
          marksFor = key;
          options.onMarks(result.value);
        } else marksRetryAt = monotonicNow() + marksRetryMs;
      },
      () => {
        marksLoading = false;
        marksRetryAt = monotonicNow() + marksRetryMs;
      },
    );
  }

  const schedule = () => {
    if (timer !== null) clearTimeout(timer);
    timer = stopped ? null : setTimeout(poll, intervalMs);
  };

  function poll(): void {
    timer = null;
    if (stopped) return;
    const mine = ++sent;
    void options.client.replayStatus({}).then(
      (result) => {
        if (stopped) return;
        if (result.ok) {
          take(mine, result.value);
          if (pollFailing) options.onError(null);
          pollFailing = false;
        } else if (result.error.code === 'not-found') {
          take(mine, null);
        } else if (result.error.code !== 'disconnected') {
          // A lost connection is the connection banner's to say.
          pollFailing = true;
          options.onError(`The replay status could not be read: ${result.error.message}`);
        }
        schedule();
      },
      () => schedule(),
    );
  }

  poll();

  return {
    async control(request) {
      if (stopped) return false;
      const mine = ++sent;
      try {
        const result = await options.client.replayControl(request);
        if (stopped) return false;
        if (!result.ok) {
          options.onError(`Could not ${controlWords(request)}: ${result.error.message}`);
          return false;
        }
        take(mine, result.value);
        options.onError(null);
        pollFailing = false;
        // The next poll a full interval after the control's answer (it already is the newest).
        schedule();
        return true;
      } catch (error) {
        options.onError(`Could not ${controlWords(request)}: ${error instanceof Error ? error.message : String(error)}`);
        return false;
      }
    },
    refresh() {
      if (timer !== null) clearTimeout(timer);
      poll();
    },
    stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
