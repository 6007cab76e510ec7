/**
 * The fake client's replay: a capture of two hours of the fake line, played on a replay
 * clock that tests drive through the real-time clock they pass in (`realNow`). Controls are
 * checked with the contract's schema and behave like the core's: a step moves a paused
 * replay only, a seek takes `seekMs` of real time to catch up (state 'seeking' with its
 * progress), the clock stops at the capture's end ('ended'). Its marks (alarms of every
 * priority, stops, one still open at the end) and its comparison (recorded against replayed,
 * with a few differences) are made up and deterministic.
 */
import { describeIssues, fail, hmiRequestSchemas, ok } from '../../core/contract/index.js';
import type { AlarmPriority, HmiClient, HmiRequest, ReplayComparison, ReplayMark, ReplayStatus, Result } from '../../core/contract/index.js';
import type { FakeCaptureExports } from './fake-capture-export.js';

export interface FakeReplayOptions {
  /** The real (wall) clock, epoch ms; the replay clock runs on it. */
  realNow?: () => number;
  /** The capture's range; by default the two hours that ended three hours before the fake started. */
  from?: number;
  to?: number;
  file?: string;
  /** Where the replay starts (default: the capture's start), its speed (default 1) and whether it plays (default true). */
  at?: number;
  speed?: number;
  playing?: boolean;
  /** Real time a seek takes to catch up (default 1.5 s). */
  seekMs?: number;
}

export interface FakeReplay {
  /** The replay clock now (the fake plant's clock in replay mode). */
  at(): number;
  status(): Result<ReplayStatus>;
  control(req: unknown): Result<ReplayStatus>;
  marks(): Result<ReplayMark[]>;
  comparison(): Result<ReplayComparison>;
}

const minute = 60_000;
const hour = 60 * minute;

interface Seek {
  target: number;
  startAt: number;
  startReal: number;
  /** The state to return to when caught up. */
  then: 'playing' | 'paused';
}

export function createFakeReplay(options: FakeReplayOptions = {}): FakeReplay {
  const realNow = options.realNow ?? (() => Date.now());
  const createdReal = realNow();
  const to = options.to ?? Math.floor((createdReal - 3 * hour) / minute) * minute;
  const from = options.from ?? to - 2 * hour;
  const file = options.file ?? 'line1-shift-capture.lsc';
  const seekMs = options.seekMs ?? 1_500;
  let speed = options.speed ?? 1;
  /** The clock is `anchorAt` at real time `anchorReal`, moving at `speed` while playing. */
  let anchorAt = Math.max(from, Math.min(to, options.at ?? from));
  let anchorReal = createdReal;
  let playing = options.playing ?? true;
  let seek: Seek | null = null;
  let samplesBase = 0;

  /** Settles a seek that is done, then the clock at its end. */
  function settle(real: number): void {
    if (seek !== null && real - seek.startReal >= seekMs) {
      anchorAt = seek.target;
      anchorReal = real;
      playing = seek.then === 'playing';
      seek = null;
    }
    if (seek === null && playing) {
      const at = anchorAt + (real - anchorReal) * speed;
      if (at >= to) {
        anchorAt = to;
        anchorReal = real;
        playing = false;
      }
    }
  }

  function at(): number {
    const real = realNow();
    settle(real);
    if (seek !== null) {
      const progress = Math.min(1, (real - seek.startReal) / seekMs);
      return Math.round(seek.startAt + (seek.target - seek.startAt) * progress);
    }
    return playing ? Math.min(to, anchorAt + (real - anchorReal) * speed) : anchorAt;
  }

  function state(): ReplayStatus['state'] {
    settle(realNow());
    if (seek !== null) return 'seeking';
    if (playing) return 'playing';
    return anchorAt >= to ? 'ended' : 'paused';
  }

  function status(): ReplayStatus {
    const now = at();
    const current = state();
    return {
      file,
      site: 'Bottling Plant',
      area: 'Filling Hall',
      from,
      to,
      at: now,
      speed,
      state: current,
      ...(seek === null ? {} : { seekProgress: Math.min(1, (realNow() - seek.startReal) / seekMs) }),
      samplesReplayed: samplesBase + Math.round((now - from) / 10),
      config: 'capture',
      createdAt: to + 4 * minute,
      createdBy: 'Lineside 0.1.0-fake',
    };
  }

  /** Moves the anchor to the clock now (before a change of speed or state). */
  function reanchor(): void {
    anchorAt = at();
    anchorReal = realNow();
  }

  function control(raw: unknown): Result<ReplayStatus> {
    const parsed = hmiRequestSchemas.replayControl.safeParse(raw);
    if (!parsed.success) return fail('invalid-request', `replayControl: ${describeIssues(parsed.error, raw)}`);
    const req: HmiRequest<'replayControl'> = parsed.data;
    const current = state();
    switch (req.action) {
      case 'play':
        if (current === 'ended') return fail('action-refused', 'the replay is at the capture\'s end; seek back to play it again');
        if (seek !== null) seek.then = 'playing';
        else {
          reanchor();
          playing = true;
        }
        break;
      case 'pause':
        if (seek !== null) seek.then = 'paused';
        else {
          reanchor();
          playing = false;
        }
        break;
      case 'speed':
        reanchor();
        speed = req.speed;
        break;
      case 'step':
        if (current !== 'paused') return fail('action-refused', 'a step moves a paused replay only; pause it first');
        anchorAt = Math.min(to, anchorAt + req.ms);
        anchorReal = realNow();
        break;
      case 'seek': {
        if (req.at < from || req.at > to) return fail('invalid-request', `seek: ${req.at} is outside the capture (${from}–${to})`);
        const now = at();
        const then = current === 'playing' || (seek !== null && seek.then === 'playing') ? 'playing' : 'paused';
        // Back: replayed again from the capture's start.
        if (req.at < now) samplesBase += Math.round((now - from) / 10);
        seek = { target: req.at, startAt: req.at < now ? from : now, startReal: realNow(), then };
        break;
      }
    }
    return ok(status());
  }

  return {
    at,
    status: () => ok(status()),
    control,
    marks: () => ok(fakeMarks(from, to)),
    comparison: () => ok(fakeComparison(from, at())),
  };
}

const markAssets = ['line1/filler', 'line1/capper', 'line1/labeler', 'line1/casepacker', 'line1/motor'];
const markPriorities: AlarmPriority[] = ['medium', 'low', 'high', 'diagnostic', 'medium', 'low', 'critical', 'high', 'low'];
const markLabels: Record<string, string> = {
  'line1/filler': 'Filler bowl level low',
  'line1/capper': 'Capper down (C220)',
  'line1/labeler': 'Glue temperature low',
  'line1/casepacker': 'Case packer drive temperature sensor failed',
  'line1/motor': 'Conveyor motor vibration high',
};

/** Alarms every 7 minutes or so (all priorities, two critical), six stops, the last still open at the end. */
export function fakeMarks(from: number, to: number): ReplayMark[] {
  const marks: ReplayMark[] = [];
  const span = to - from;
  for (let i = 0, at = from + 3 * minute; at < to; i++, at += 7 * minute + ((i * 97) % 5) * minute) {
    const source = markAssets[i % markAssets.length]!;
    marks.push({ at, kind: 'alarm', priority: markPriorities[i % markPriorities.length], source, label: markLabels[source]! });
  }
  const stops = [0.08, 0.22, 0.41, 0.55, 0.78];
  stops.forEach((fraction, i) => {
    const at = Math.round(from + span * fraction);
    marks.push({ at, kind: 'stop', until: at + (2 + ((i * 3) % 7)) * minute, source: markAssets[i % 4]!, label: i % 2 === 0 ? 'Down: C220 Cap feed jam' : 'Starved' });
  });
  marks.push({ at: to - 6 * minute, kind: 'stop', source: 'line1/capper', label: 'Down: C220 Cap feed jam' });
  return marks.sort((a, b) => a.at - b.at);
}

/** Recorded against replayed up to `at`: the counts grow with the span replayed; two alarms, the line's availability and the capper's health differ. */
export function fakeComparison(from: number, at: number): ReplayComparison {
  const share = Math.max(0, Math.min(1, (at - from) / (2 * hour)));
  const n = (count: number) => Math.round(count * share);
  const alarms: ReplayComparison['alarms']['rows'] = [
    { alarmId: 'line1/capper/state:down', priority: 'high', recorded: n(6), replayed: n(6) },
    { alarmId: 'line1/motor/vibration_rms:hi', priority: 'critical', recorded: n(2), replayed: n(3) },
    { alarmId: 'line1/labeler/glue_temp:lo', priority: 'low', recorded: n(9), replayed: n(4) },
    { alarmId: 'line1/filler/product_temp:hi', priority: 'medium', recorded: n(3), replayed: n(3) },
    { alarmId: 'line1/casepacker/drive_temp:bad', priority: 'diagnostic', recorded: n(1), replayed: n(1) },
  ];
  const figures = (a: number, p: number, q: number) => ({ availability: a, performance: p, quality: q, oee: a * p * q });
  return {
    from,
    to: at,
    config: 'capture',
    alarms: {
      rows: alarms,
      recordedTotal: alarms.reduce((sum, row) => sum + row.recorded, 0),
      replayedTotal: alarms.reduce((sum, row) => sum + row.replayed, 0),
    },
    oee: {
      rows: [
        { line: 'line1', recorded: figures(0.874, 0.912, 0.991), replayed: figures(0.861, 0.912, 0.991) },
      ],
    },
    health: {
      rows: [
        { asset: 'line1/motor', recorded: 41, replayed: 41 },
        { asset: 'line1/capper', recorded: 88, replayed: 79 },
        { asset: 'line1/filler', recorded: 93, replayed: 93 },
        { asset: 'line1/casepacker', recorded: null, replayed: null },
      ],
    },
  };
}

/**
 * The contract's replay and capture-export calls of the fake client: the replay's when it
 * replays (exports refused, as the core refuses them), the exports' when it runs live.
 */
export function fakeReplayCalls(
  replay: FakeReplay | null,
  exports: FakeCaptureExports,
  whenConnected: <T>(run: () => Result<T>) => Promise<Result<T>>,
): Pick<HmiClient, 'replayStatus' | 'replayControl' | 'replayMarks' | 'replayComparison' | 'exportCapture' | 'captureExportStatus'> {
  const noReplay = () => fail<never>('not-found', 'the app runs live: no capture is replayed');
  return {
    replayStatus: () => whenConnected(() => (replay === null ? noReplay() : replay.status())),
    replayControl: (req) => whenConnected(() => (replay === null ? noReplay() : replay.control(req))),
    replayMarks: () => whenConnected(() => (replay === null ? noReplay() : replay.marks())),
    replayComparison: () => whenConnected(() => (replay === null ? noReplay() : replay.comparison())),
    exportCapture: (req) =>
      whenConnected(() => (replay === null ? exports.start(req) : fail('action-refused', 'a capture is exported from the live app, not from a replay'))),
    captureExportStatus: (req) => whenConnected(() => exports.status(req)),
  };
}
