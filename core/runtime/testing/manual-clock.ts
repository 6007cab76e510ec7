/** A clock for tests: time moves only when the test calls `advance`, timers fire in order. */
import type { Clock } from '../clock.js';

export interface ManualClock extends Clock {
  /** Moves time forward by `ms`, firing every timer that falls due on the way, in time order. */
  advance(ms: number): void;
}

export function createManualClock(startAt = Date.UTC(2026, 10, 2, 6, 0, 0)): ManualClock {
  let now = startAt;
  let nextId = 0;
  const timers = new Map<number, { intervalMs: number; due: number; fn: () => void }>();
  return {
    now: () => now,
    every(intervalMs, fn) {
      if (!(intervalMs > 0)) throw new Error(`timer interval must be positive, got ${intervalMs}`);
      const id = nextId++;
      timers.set(id, { intervalMs, due: now + intervalMs, fn });
      return () => void timers.delete(id);
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        let nextTimer: { intervalMs: number; due: number; fn: () => void } | undefined;
        for (const timer of timers.values()) if (timer.due <= end && (!nextTimer || timer.due < nextTimer.due)) nextTimer = timer;
        if (!nextTimer) break;
        now = nextTimer.due;
        nextTimer.due += nextTimer.intervalMs;
        nextTimer.fn();
      }
      now = end;
    },
  };
}
