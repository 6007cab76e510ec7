/**
 * The replay bar's pure parts: the replay clock between polls (the last status plus the
 * local time since, times the speed, while playing; never past the capture's end), the
 * banner's words (time, range, state, speed), the speed choices, and what the play/pause
 * toggle does. Times are UTC epoch ms in, local time out.
 */
import { replaySpeeds } from '../../core/contract/index.js';
import type { ReplayStatus } from '../../core/contract/index.js';
import { formatClockDate, formatClockTime, formatInterval } from '../live/format.js';

type ClockFields = Pick<ReplayStatus, 'at' | 'from' | 'to' | 'speed' | 'state'>;

/**
 * The replayed time now: the status's `at`, moved on by the local time since it arrived
 * (`now - receivedAt`, monotonic ms) times the speed while playing, capped at the capture's
 * end. Paused, seeking and ended: `at` as it was (a seek shows its target's state when done).
 */
export function replayClockAt(status: ClockFields, receivedAt: number, now: number): number {
  if (status.state !== 'playing') return status.at;
  const elapsed = Math.max(0, now - receivedAt);
  return Math.max(status.from, Math.min(status.to, status.at + elapsed * status.speed));
}

/** "14:03:27": the replayed time of day, local, 24-hour, with seconds. */
export function formatReplayTime(ts: number): string {
  return formatClockTime(ts);
}

/** "Tue, 14 Oct 2025": the replayed day, local. */
export function formatReplayDate(ts: number): string {
  return formatClockDate(ts);
}

function sameLocalDay(a: number, b: number): boolean {
  const x = new Date(a);
  const y = new Date(b);
  return x.getFullYear() === y.getFullYear() && x.getMonth() === y.getMonth() && x.getDate() === y.getDate();
}

/**
 * The captured range, local: "Tue, 14 Oct 2025 06:00:00 – 14:00:00 (8 h)" within a day,
 * both dates when it spans midnight.
 */
export function formatCaptureRange(from: number, to: number): string {
  const start = `${formatClockDate(from)} ${formatClockTime(from)}`;
  const end = sameLocalDay(from, to) ? formatClockTime(to) : `${formatClockDate(to)} ${formatClockTime(to)}`;
  return `${start} – ${end} (${formatInterval(roundedSpan(to - from))})`;
}

/** A capture's length as people say it: to the minute from an hour on (a capture ends 1 ms before its last second: "2 h", not "1 h 60 min"), else to the second. */
function roundedSpan(ms: number): number {
  const span = Math.max(0, ms);
  return span >= 3_600_000 ? Math.round(span / 60_000) * 60_000 : Math.round(span / 1_000) * 1_000;
}

/** The state in words: "Playing", "Paused", "Seeking 42 %", "Ended". */
export function replayStateText(status: Pick<ReplayStatus, 'state' | 'seekProgress'>): string {
  switch (status.state) {
    case 'playing':
      return 'Playing';
    case 'paused':
      return 'Paused';
    case 'ended':
      return 'Ended';
    case 'seeking': {
      const progress = status.seekProgress;
      return progress === undefined || !Number.isFinite(progress) ? 'Seeking…' : `Seeking ${Math.round(Math.max(0, Math.min(1, progress)) * 100)} %`;
    }
  }
}

/** "0.5×", "10×", "1000×". */
export function speedLabel(speed: number): string {
  return `${Number.isInteger(speed) ? speed : +speed.toFixed(2)}×`;
}

export interface SpeedChoice {
  value: number;
  label: string;
}

/** The contract's speeds, slowest first; a current speed that is not among them (set elsewhere) is added in its place. */
export function speedChoices(current?: number): SpeedChoice[] {
  const values: number[] = [...replaySpeeds];
  if (current !== undefined && Number.isFinite(current) && current > 0 && !values.includes(current)) {
    values.push(current);
    values.sort((a, b) => a - b);
  }
  return values.map((value) => ({ value, label: speedLabel(value) }));
}

/** What the play/pause toggle does now: pause a replay that plays (or seeks), play a paused one, start an ended one again. */
export function toggleAction(state: ReplayStatus['state']): 'play' | 'pause' | 'restart' {
  if (state === 'playing' || state === 'seeking') return 'pause';
  return state === 'ended' ? 'restart' : 'play';
}

/** Stepping moves a paused replay only. */
export function canStep(state: ReplayStatus['state']): boolean {
  return state === 'paused';
}

/** Identifies a capture (its marks are loaded once per capture). */
export function captureKey(status: Pick<ReplayStatus, 'file' | 'from' | 'to' | 'createdAt'>): string {
  return `${status.file}|${status.from}|${status.to}|${status.createdAt}`;
}

/** The tooltip of the capture's line: where it came from. */
export function captureDetail(status: Pick<ReplayStatus, 'site' | 'area' | 'createdAt' | 'createdBy' | 'samplesReplayed'>): string {
  return [
    `${status.site} › ${status.area}`,
    `Captured ${formatClockDate(status.createdAt)} ${formatClockTime(status.createdAt)} by ${status.createdBy}`,
    `${status.samplesReplayed.toLocaleString()} samples replayed`,
  ].join('\n');
}

/**
 * Whether the replay clock jumped between two statuses (the trends then load their window
 * again): a seek finished, the clock went back, or it moved on further than playing at its
 * speed for the time between the answers (`elapsedMs`) explains, with `slackMs` to spare.
 */
export function replayJumped(prev: ClockFields | null, next: ClockFields, elapsedMs: number, slackMs = 2_000): boolean {
  if (prev === null) return false;
  if (prev.state === 'seeking' && next.state !== 'seeking') return true;
  if (next.at < prev.at) return true;
  const played = prev.state === 'playing' || next.state === 'playing' ? Math.max(0, elapsedMs) * Math.max(prev.speed, next.speed) : 0;
  return next.at - prev.at > played + slackMs;
}
