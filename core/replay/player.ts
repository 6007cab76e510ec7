/**
 * The replay player: moves the replay clock through a capture and publishes its samples on
 * the tag bus, so the runtime (historian, alarms, OEE, PdM) sees the line again.
 *
 * Pacing. A wall-clock timer every 40 ms works out where the replay should be (the time it
 * was at when it last started or changed speed, plus the wall time since, times the speed)
 * and replays up to there, for at most 30 ms of work before it lets the app breathe; when the
 * machine cannot keep up with the speed, the replay runs as fast as it can. Seeking forward
 * replays everything up to the target as fast as it can, in the same slices, with progress.
 *
 * Order. Samples go out in time order, and every clock timer (the alarm engine's tick, the
 * SPC check) fires at its own due time between them: a timer due at T fires before the
 * samples stamped T. Samples are published in batches that end where a timer falls due, so
 * the same capture gives the same sequence at 0.5× and at 1,000× (clock.ts, SteppedClock).
 * Recorded events (operators' alarm actions) are applied at their times among the samples.
 * Seeking back is the caller's work (start-replay.ts): it resets the analytics, rewinds
 * the source and the clock, and seeks forward from the start.
 */
import type { ReplayStatus } from '../contract/index.js';
import type { Sample } from '../model/sample.js';
import type { SteppedClock } from '../runtime/clock.js';
import type { CaptureSource, OrderedSamples } from './capture-source.js';

const PACE_MS = 40;
/** Wall time one slice of work may take before the event loop gets its turn. */
const BUDGET_MS = 30;
/** Largest batch handed to the bus at once (small batches of short-lived objects are cheap to collect). */
const MAX_BATCH = 2_000;

export interface ReplayPlayerOptions {
  source: CaptureSource;
  clock: SteppedClock;
  publish: (samples: readonly Sample[]) => void;
  from: number;
  to: number;
  speed: number;
  /** Starts playing at once (default: paused at the start). */
  play?: boolean;
  /** Things that happened at recorded times (operators' alarm actions), applied in time order among the samples. */
  events?: readonly TimedEvent[];
}

export interface TimedEvent {
  at: number;
  apply(): void;
}

export type PlayerState = ReplayStatus['state'];

export interface ReplayPlayer {
  status(): { at: number; speed: number; state: PlayerState; seekProgress?: number; samplesReplayed: number };
  play(): void;
  pause(): void;
  setSpeed(speed: number): void;
  /** Moves a paused replay on by `ms` of plant time. */
  step(ms: number): void;
  /** Replays up to `at` (not before the clock now) as fast as it can; resolves when there. */
  seek(at: number): Promise<void>;
  /** After the caller has rewound the source and the clock: counts start again from the start. */
  rewound(): void;
  /** Replays everything up to `until` at once, without yielding (tests, benchmarks). */
  runTo(until: number): void;
  stop(): void;
}

export function createReplayPlayer(options: ReplayPlayerOptions): ReplayPlayer {
  const { source, clock, publish, to } = options;
  let speed = options.speed;
  let playing = options.play ?? false;
  let seeking: { from: number; target: number; resolve: () => void } | undefined;
  let samplesReplayed = 0;
  const events = options.events ?? [];
  /** The next recorded event to apply. */
  let nextEvent = 0;
  /** Applies the recorded events up to `time`, each with the clock at its own time. */
  const applyEventsUpTo = (time: number) => {
    while (nextEvent < events.length && events[nextEvent]!.at <= time) {
      const event = events[nextEvent++]!;
      clock.advanceTo(event.at);
      event.apply();
    }
  };
  let anchorAt = clock.now();
  let anchorWall = performance.now();
  let stopped = false;

  const reanchor = () => {
    anchorAt = clock.now();
    anchorWall = performance.now();
  };

  /**
   * Publishes a window's samples (in time order) in batches, with the clock moved to each
   * batch's time; a timer due at or before a sample's time fires before that sample.
   */
  const publishInOrder = (run: OrderedSamples) => {
    let batch: Sample[] = [];
    const flush = () => {
      if (batch.length === 0) return;
      clock.advanceTo(batch[batch.length - 1]!.sourceTs);
      publish(batch);
      batch = [];
    };
    for (let k = 0; k < run.length; k++) {
      const ts = run.time(k);
      if (nextEvent < events.length && events[nextEvent]!.at <= ts) {
        flush();
        applyEventsUpTo(ts);
      }
      if (ts >= clock.nextDue) {
        flush();
        clock.advanceTo(ts);
      } else if (batch.length >= MAX_BATCH) flush();
      batch.push(run.sample(k));
    }
    flush();
    samplesReplayed += run.length;
  };

  /** Replays up to `target` (capped at the capture's end); stops early once `deadline` (wall ms) has passed. */
  const advance = (target: number, deadline = Number.POSITIVE_INFINITY) => {
    // Whole milliseconds, as the source reads them (a loop to a fraction would never end).
    const end = Math.floor(Math.min(target, to));
    while (clock.now() < end) {
      const run = source.read(end);
      publishInOrder(run);
      const readTo = Math.min(end, source.position);
      applyEventsUpTo(readTo);
      clock.advanceTo(readTo);
      if (performance.now() > deadline) return;
    }
  };

  const state = (): PlayerState => (seeking ? 'seeking' : clock.now() >= to ? 'ended' : playing ? 'playing' : 'paused');

  const pace = () => {
    if (stopped) return;
    const deadline = performance.now() + BUDGET_MS;
    if (seeking) {
      advance(seeking.target, deadline);
      if (clock.now() >= Math.min(seeking.target, to)) {
        const done = seeking.resolve;
        seeking = undefined;
        reanchor();
        done();
      }
    } else if (playing && clock.now() < to) {
      advance(Math.floor(anchorAt + (performance.now() - anchorWall) * speed), deadline);
    }
    timer = setTimeout(pace, seeking ? 0 : PACE_MS);
  };
  let timer: ReturnType<typeof setTimeout> = setTimeout(pace, PACE_MS);

  return {
    status() {
      const s = state();
      const status: ReturnType<ReplayPlayer['status']> = { at: clock.now(), speed, state: s, samplesReplayed };
      if (seeking) status.seekProgress = Math.min(1, (clock.now() - seeking.from) / Math.max(1, seeking.target - seeking.from));
      return status;
    },
    play() {
      playing = true;
      reanchor();
    },
    pause() {
      playing = false;
      reanchor();
    },
    setSpeed(next) {
      speed = next;
      reanchor();
    },
    step(ms) {
      if (playing || seeking) return;
      advance(clock.now() + ms);
      reanchor();
    },
    seek(at) {
      const target = Math.min(Math.max(at, clock.now()), to);
      seeking?.resolve();
      return new Promise<void>((resolve) => {
        seeking = { from: clock.now(), target, resolve };
        clearTimeout(timer);
        timer = setTimeout(pace, 0);
      });
    },
    rewound() {
      samplesReplayed = 0;
      nextEvent = 0;
      reanchor();
    },
    runTo(until) {
      advance(until);
      reanchor();
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      seeking?.resolve();
      seeking = undefined;
    },
  };
}
