/**
 * Loads a line's OEE report and keeps it fresh: asks at once, then every `intervalMs` while
 * the report is of the period under way (`nextAt === null`); a closed period is asked for
 * once. Answers to an older request than the newest are dropped (the operator paged on);
 * `reload()` asks at once (after a reason was given); `stop()` ends it. Plain TypeScript:
 * the screen starts one per line and period and stops it when it unmounts.
 */
import type { ErrorCode, HmiClient, HmiRequest, OeeReport } from '../../core/contract/index.js';

export interface ReportPollerOptions {
  client: Pick<HmiClient, 'oeeReport'>;
  request: HmiRequest<'oeeReport'>;
  onReport(report: OeeReport): void;
  /** A refused or failed request, in words (and its code); null when the next answer is good again. */
  onError(message: string | null, code?: ErrorCode): void;
  intervalMs?: number;
}

export interface ReportPoller {
  reload(): void;
  stop(): void;
}

export const oeePollMs = 5_000;

export function startReportPoller(options: ReportPollerOptions): ReportPoller {
  const intervalMs = options.intervalMs ?? oeePollMs;
  let sequence = 0;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const clear = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };

  const ask = () => {
    clear();
    if (stopped) return;
    const mine = ++sequence;
    void options.client.oeeReport(options.request).then(
      (result) => {
        if (stopped || mine !== sequence) return;
        let live: boolean;
        if (result.ok) {
          options.onError(null);
          options.onReport(result.value);
          live = result.value.nextAt === null;
        } else {
          options.onError(result.error.code === 'disconnected' ? 'No connection to the runtime.' : `The OEE report could not be made: ${result.error.message}`, result.error.code);
          // Try again later: a lost connection comes back, a refusal of a period under way may pass.
          live = options.request.at === undefined;
        }
        if (live) timer = setTimeout(ask, intervalMs);
      },
      () => {
        if (!stopped && mine === sequence) options.onError('The OEE report could not be made.', 'internal');
      },
    );
  };

  ask();
  return {
    reload: ask,
    stop() {
      stopped = true;
      clear();
    },
  };
}
