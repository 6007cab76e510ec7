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

/**
 * The replay player's clock: time moves only when the player moves it (`advanceTo`), and
 * every timer that falls due on the way fires at its own due time, in time order, between
 * the samples around it. That is what makes a replay independent of its speed: at 1× and
 * at 1,000× the same timers fire at the same plant times among the same samples.
 */
export interface SteppedClock extends Clock {
  /** Moves time forward to `time`, firing due timers in order; a time in the past is ignored. */
  advanceTo(time: number): void;
  /** Sets the time back (a seek back): every timer is due one interval after `time`. */
  rewind(time: number): void;
  /** When the next timer is due (Infinity without timers). */
  readonly nextDue: number;
}

interface SteppedTimer {
  intervalMs: number;
  due: number;
  fn: () => void;
}

export function createSteppedClock(startAt: number): SteppedClock {
  let now = startAt;
  const timers = new Set<SteppedTimer>();
  /** The earliest due time, kept so that the common case (no timer due) costs one comparison. */
  let nextDue = Number.POSITIVE_INFINITY;
  const refreshNextDue = () => {
    nextDue = Number.POSITIVE_INFINITY;
    for (const timer of timers) if (timer.due < nextDue) nextDue = timer.due;
  };

  return {
    now: () => now,
    get nextDue() {
      return nextDue;
    },
    every(intervalMs, fn) {
      if (!(intervalMs > 0)) throw new Error(`timer interval must be positive, got ${intervalMs}`);
      const timer: SteppedTimer = { intervalMs, due: now + intervalMs, fn };
      timers.add(timer);
      if (timer.due < nextDue) nextDue = timer.due;
      return () => {
        timers.delete(timer);
        refreshNextDue();
      };
    },
    advanceTo(time) {
      while (nextDue <= time) {
        let first: SteppedTimer | undefined;
        for (const timer of timers) if (!first || timer.due < first.due) first = timer;
        if (!first) break;
        now = Math.max(now, first.due);
        first.due += first.intervalMs;
        first.fn();
        refreshNextDue();
      }
      if (time > now) now = time;
    },
    rewind(time) {
      now = time;
      for (const timer of timers) timer.due = time + timer.intervalMs;
      refreshNextDue();
    },
  };
}
