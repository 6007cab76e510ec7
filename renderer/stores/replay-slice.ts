/**
 * Replay slice: in replay mode, the capture and the replay clock (the last `replayStatus`,
 * polled every 500 ms by replay/start-replay, and when it arrived, to run the clock on
 * between polls), the capture's recorded alarms and stops for the timeline, and the last
 * refused control. In live mode: the capture export under way, so that the export dialog
 * can be closed and opened again without losing it.
 */
import type { StateCreator } from 'zustand';
import type { CaptureExportJob, ReplayMark, ReplayStatus } from '../../core/contract/index.js';
import type { AppState } from './app-store.js';

export interface ReplaySlice {
  /** Null in live mode, and in replay mode before the first answer. */
  replay: ReplayStatus | null;
  /** Local monotonic time (performance.now) when `replay` arrived. */
  replayReceivedAt: number;
  /** The capture's marks; null until loaded (once per capture). */
  replayMarks: ReplayMark[] | null;
  /** A refused control or a failed poll, in words; null when none. */
  replayError: string | null;
  /** Bumped when the replay clock jumped (a seek done, a step, a jump back): the trends load their window again. */
  replayJumps: number;
  /** The last capture export started from this screen; null before the first. */
  captureExport: CaptureExportJob | null;
  setReplay(status: ReplayStatus | null, receivedAt: number): void;
  setReplayMarks(marks: ReplayMark[] | null): void;
  setReplayError(message: string | null): void;
  noteReplayJump(): void;
  setCaptureExport(job: CaptureExportJob | null): void;
}

export const createReplaySlice: StateCreator<AppState, [], [], ReplaySlice> = (set) => ({
  replay: null,
  replayReceivedAt: 0,
  replayMarks: null,
  replayError: null,
  replayJumps: 0,
  captureExport: null,
  setReplay: (replay, replayReceivedAt) => set({ replay, replayReceivedAt }),
  setReplayMarks: (replayMarks) => set({ replayMarks }),
  setReplayError: (replayError) => set({ replayError }),
  noteReplayJump: () => set((s) => ({ replayJumps: s.replayJumps + 1 })),
  setCaptureExport: (captureExport) => set({ captureExport }),
});
