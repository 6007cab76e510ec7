/**
 * Replay mode and capture files, as the UI sees them. A capture is a self-contained file of
 * a time range of the historian (samples, waveforms, journals and the plant config as it
 * was); replay runs it through the same runtime on the replay clock, so every screen works
 * as it did live. Nothing in replay writes to a device or to the capture.
 */
import { z } from 'zod';
import type { AlarmPriority } from './alarms.js';
import { pathSchema, timeSchema } from './primitives.js';

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

/** The replay and capture calls' requests (see HmiApi in api.ts). */
export const replayRequestSchemas = {
  replayStatus: z.object({}).strict(),
  replayControl: z.discriminatedUnion('action', [
    z.object({ action: z.literal('play') }).strict(),
    z.object({ action: z.literal('pause') }).strict(),
    z.object({ action: z.literal('speed'), speed: z.number().min(MIN_REPLAY_SPEED).max(MAX_REPLAY_SPEED) }).strict(),
    /** Moves a paused replay on by this much plant time. */
    z.object({ action: z.literal('step'), ms: z.number().int().min(1).max(86_400_000).default(1000) }).strict(),
    /** Jumps to a time inside the capture (forward: catches up; back: replays from the capture's start). */
    z.object({ action: z.literal('seek'), at: timeSchema }).strict(),
  ]),
  replayMarks: z.object({}).strict(),
  replayComparison: z.object({}).strict(),
  exportCapture: z
    .object({
      from: timeSchema,
      to: timeSchema,
      /** Lines or assets to include (every tag below them); the whole plant when omitted. */
      assets: z.array(pathSchema).min(1).max(1000).optional(),
      /** The file's name, without folder: it goes to the captures folder beside the historian. */
      name: z
        .string()
        .regex(/^[A-Za-z0-9_][A-Za-z0-9_ .-]{0,99}$/, 'a file name of letters, digits, " ", "_", "-" or "."')
        .optional(),
    })
    .strict()
    .refine((req) => req.to > req.from, { message: 'the end must be after the start', path: ['to'] }),
  captureExportStatus: z.object({ id: z.number().int().nonnegative() }).strict(),
};
