/**
 * The runtime's clock. Nothing in the core reads the wall clock directly: drivers,
 * analytics and the service take a Clock, so that a replay or a faster-than-real-time
 * simulation runs the same code on another clock.
 */

export interface Clock {
  /** Current time on this clock, UTC epoch ms. */
  now(): number;
  /** Calls `fn` every `intervalMs` of this clock's time; returns a function that stops it. */
  every(intervalMs: number, fn: () => void): () => void;
}

/** Wall-clock time. */
export function createRealClock(): Clock {
  return {
    now: () => Date.now(),
    every(intervalMs, fn) {
      const timer = setInterval(fn, intervalMs);
      return () => clearInterval(timer);
    },
  };
}

/**
 * A clock that starts at `startAt` and runs `speed` times faster than the wall clock (a
 * simulated line run at 60× shows an hour a minute). Replay uses it with a capture's start.
 */
export interface ScaledClock extends Clock {
  readonly speed: number;
  setSpeed(speed: number): void;
}

export function createScaledClock(startAt: number, speed: number): ScaledClock {
  if (!(speed > 0)) throw new Error(`clock speed must be a positive number, got ${speed}`);
  let anchorClock = startAt;
  let anchorWall = performance.now();
  let currentSpeed = speed;
  const timers = new Set<{ intervalMs: number; fn: () => void; handle: ReturnType<typeof setInterval> }>();
  const arm = (timer: { intervalMs: number; fn: () => void; handle: ReturnType<typeof setInterval> }) => {
    timer.handle = setInterval(timer.fn, Math.max(1, timer.intervalMs / currentSpeed));
  };
  const clock: ScaledClock = {
    get speed() {
      return currentSpeed;
    },
    now: () => anchorClock + (performance.now() - anchorWall) * currentSpeed,
    every(intervalMs, fn) {
      const timer = { intervalMs, fn, handle: undefined as unknown as ReturnType<typeof setInterval> };
      arm(timer);
      timers.add(timer);
      return () => {
        clearInterval(timer.handle);
        timers.delete(timer);
      };
    },
    setSpeed(next) {
      if (!(next > 0)) throw new Error(`clock speed must be a positive number, got ${next}`);
      anchorClock = clock.now();
      anchorWall = performance.now();
      currentSpeed = next;
      for (const timer of timers) {
        clearInterval(timer.handle);
        arm(timer);
      }
    },
  };
  return clock;
}
