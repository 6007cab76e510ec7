/**
 * The runtime clock as the screens read it. Live: the last status's clock plus the local
 * time since it arrived. Replay: the replay clock (polled every 500 ms), moved on at the
 * replay's speed while it plays and standing still while paused, so that a trend's live
 * edge, "5 min ago" and the status bar follow the replayed time at 1000× as at 1×. Without a
 * connection the replay clock stands at its last known time (the core may be gone).
 */
import type { ConnectionState, ReplayStatus } from '../../core/contract/index.js';
import { replayClockAt } from '../replay/replay-model.js';

export interface ClockState {
  status: { clockNow: number } | null;
  statusReceivedAt: number;
  replay?: Pick<ReplayStatus, 'at' | 'from' | 'to' | 'speed' | 'state'> | null;
  replayReceivedAt?: number;
  connection?: ConnectionState;
}

/** The runtime clock at local monotonic time `monoNow`; null before the first status. */
export function runtimeClockAt(state: ClockState, monoNow: number): number | null {
  if (state.replay !== undefined && state.replay !== null) {
    const receivedAt = state.replayReceivedAt ?? monoNow;
    return replayClockAt(state.replay, receivedAt, state.connection === undefined || state.connection === 'connected' ? monoNow : receivedAt);
  }
  return state.status === null ? null : state.status.clockNow + (monoNow - state.statusReceivedAt);
}

/** The runtime clock now, or this machine's clock before the first status. */
export function runtimeClockNow(state: ClockState): number {
  return runtimeClockAt(state, performance.now()) ?? Date.now();
}
