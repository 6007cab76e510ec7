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
 * The replay clock: starts at `startAt` and runs `speed` times faster than the wall clock;
 * it can pause, resume, seek and change speed. Replay uses it with a capture's start time;
 * `lineside serve --speed 60` uses it to run a simulated line an hour a minute. Timers
 * fire in clock time: at 60× a 1 s timer fires every 1/60 s of wall time, and not at all
 * while paused.
 */
export interface ReplayClock extends Clock {
  readonly speed: number;
  readonly paused: boolean;
  setSpeed(speed: number): void;
  pause(): void;
  resume(): void;
  /** Jumps to a time; timers carry on from there. */
  seek(time: number): void;
}

interface ReplayTimer {
  intervalMs: number;
  fn: () => void;
  handle: ReturnType<typeof setInterval> | undefined;
}

export function createReplayClock(startAt: number, speed: number): ReplayClock {
  checkSpeed(speed);
  let anchorClock = startAt;
  let anchorWall = performance.now();
  let currentSpeed = speed;
  let paused = false;
  const timers = new Set<ReplayTimer>();

  const now = () => (paused ? anchorClock : anchorClock + (performance.now() - anchorWall) * currentSpeed);
  const arm = (timer: ReplayTimer) => {
    if (timer.handle !== undefined) clearInterval(timer.handle);
    timer.handle = paused ? undefined : setInterval(timer.fn, Math.max(1, timer.intervalMs / currentSpeed));
  };
  /** Re-anchors at the current time, applies a change, and re-arms every timer. */
  const change = (apply: () => void) => {
    anchorClock = now();
    anchorWall = performance.now();
    apply();
    for (const timer of timers) arm(timer);
  };

  return {
    get speed() {
      return currentSpeed;
    },
    get paused() {
      return paused;
    },
    now,
    every(intervalMs, fn) {
      const timer: ReplayTimer = { intervalMs, fn, handle: undefined };
      arm(timer);
      timers.add(timer);
      return () => {
        if (timer.handle !== undefined) clearInterval(timer.handle);
        timers.delete(timer);
      };
    },
    setSpeed(next) {
      checkSpeed(next);
      change(() => (currentSpeed = next));
    },
    pause() {
      change(() => (paused = true));
    },
    resume() {
      change(() => (paused = false));
    },
    seek(time) {
      change(() => (anchorClock = time));
    },
  };
}

function checkSpeed(speed: number): void {
  if (!(speed > 0 && Number.isFinite(speed))) throw new Error(`clock speed must be a positive number, got ${speed}`);
}
