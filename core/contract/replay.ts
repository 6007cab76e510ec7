/**
 * Replay mode and capture files, as the UI sees them. A capture is a self-contained file of
 * a time range of the historian (samples, waveforms, journals and the plant config as it
 * was); replay runs it through the same runtime on the replay clock, so every screen works
 * as it did live. Nothing in replay writes to a device or to the capture.
 */
import type { AlarmPriority } from './alarms.js';

/** The speeds the replay clock offers (× real time). */
export const replaySpeeds = [0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] as const;
export const MIN_REPLAY_SPEED = 0.5;
export const MAX_REPLAY_SPEED = 1000;

export interface ReplayStatus {
  /** The capture file's name (no folder). */
  file: string;
  site: string;
  area: string;
  /** The captured range, UTC epoch ms. */
  from: number;
  to: number;
  /** The replay clock now. */
  at: number;
  speed: number;
  /**
   * playing / paused; seeking: catching up to a seek target as fast as the machine can (the
   * screens show the target's state when it is done); ended: the capture's end was reached.
   */
  state: 'playing' | 'paused' | 'seeking' | 'ended';
  /** While seeking: 0–1 of the way to the target. */
  seekProgress?: number;
  /** Samples replayed since the capture's start (after a seek back, counted again). */
  samplesReplayed: number;
  /** "capture" when the capture's own plant config runs; else the file of an edited config (what-if). */
  config: string;
  /** When the capture was made, and by which app version. */
  createdAt: number;
  createdBy: string;
}

/** A mark on the replay timeline: an alarm raised, or a machine stop, as recorded. */
export interface ReplayMark {
  at: number;
  kind: 'alarm' | 'stop';
  /** Alarms: their priority. */
  priority?: AlarmPriority;
  /** Stops: when the machine ran again (absent while still stopped at the capture's end). */
  until?: number;
  /** The asset path. */
  source: string;
  label: string;
}

/** Recorded (live) against replayed (recomputed, perhaps with an edited config), side by side. */
export interface ReplayComparison {
  /** The span compared: the capture's start up to the replay clock now. */
  from: number;
  to: number;
  config: string;
  alarms: {
    /** Alarm activations per alarm id, recorded and replayed; rows that differ first. */
    rows: { alarmId: string; priority: AlarmPriority; recorded: number; replayed: number }[];
    recordedTotal: number;
    replayedTotal: number;
  };
  oee: {
    /** Per line: the OEE figures over the span, recorded data with the capture's config against the replay. */
    rows: { line: string; recorded: OeeFigures | null; replayed: OeeFigures | null }[];
  };
  health: {
    /** Per monitored asset: the newest health score recorded and replayed in the span. */
    rows: { asset: string; recorded: number | null; replayed: number | null }[];
  };
}

export interface OeeFigures {
  availability: number | null;
  performance: number | null;
  quality: number | null;
  oee: number | null;
}

/** An export of a capture file, running in the background. */
export interface CaptureExportJob {
  id: number;
  /** Where the file is written, on the machine the core runs on. */
  file: string;
  state: 'running' | 'done' | 'failed';
  /** 0–1. */
  progress: number;
  /** What is being done now, in words ("line1/filler/speed: 12 of 96 tags"). */
  detail: string;
  samples: number;
  bytes: number;
  /** A failure's reason. */
  error?: string;
}
