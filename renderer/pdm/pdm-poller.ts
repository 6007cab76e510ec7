/**
 * Keeps a maintenance view fresh: asks at once, then every `intervalMs` (10 s) whatever the
 * answer (a lost connection comes back; a new snapshot arrives every few minutes). Answers
 * to an older request than the newest are dropped; `reload()` asks at once (after an
 * acknowledgement); `stop()` ends it. Plain TypeScript: a screen starts one when it mounts
 * and stops it when it unmounts, like oee/report-poller.
 */
import type { ErrorCode, FleetEntry, HmiClient, Result, WorkRequest } from '../../core/contract/index.js';
import { refusalText } from './fleet-model.js';

export interface PdmPollerOptions<T> {
  ask(): Promise<Result<T>>;
  onValue(value: T): void;
  /** A refused or failed request in words (and its code); null when an answer is good again. */
  onError(message: string | null, code?: ErrorCode): void;
  /** What is asked for, for the error text: "The fleet could not be loaded". */
  what: string;
  intervalMs?: number;
}

export interface PdmPoller {
  reload(): void;
  stop(): void;
}

export const pdmPollMs = 10_000;

export function startPdmPoller<T>(options: PdmPollerOptions<T>): PdmPoller {
  const intervalMs = options.intervalMs ?? pdmPollMs;
  let sequence = 0;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const clear = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  const again = () => {
    if (!stopped) timer = setTimeout(ask, intervalMs);
  };

  function ask(): void {
    clear();
    if (stopped) return;
    const mine = ++sequence;
    let asked: Promise<Result<T>>;
    try {
      asked = options.ask();
    } catch (error) {
      asked = Promise.reject(error);
    }
    void asked.then(
      (result) => {
        if (stopped || mine !== sequence) return;
        if (result.ok) {
          options.onError(null);
          options.onValue(result.value);
        } else options.onError(refusalText(result.error, options.what), result.error.code);
        again();
      },
      () => {
        if (stopped || mine !== sequence) return;
        options.onError(`${options.what}.`, 'internal');
        again();
      },
    );
  }

  ask();
  return {
    reload: ask,
    stop() {
      stopped = true;
      clear();
    },
  };
}

export interface FleetPicture {
  fleet: FleetEntry[];
  requests: WorkRequest[];
}

/** The fleet and the work requests in one answer (the fleet screen shows both). */
export async function askFleet(client: Pick<HmiClient, 'pdmFleet' | 'workRequests'>): Promise<Result<FleetPicture>> {
  const [fleet, requests] = await Promise.all([client.pdmFleet({}), client.workRequests({ limit: 200 })]);
  if (!fleet.ok) return fleet;
  if (!requests.ok) return requests;
  return { ok: true, value: { fleet: fleet.value, requests: requests.value } };
}
