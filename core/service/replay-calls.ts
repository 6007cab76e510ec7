/**
 * The contract's replay and capture calls. In replay mode a ReplayHost answers the replay
 * calls (start-replay.ts); in live mode the capture exports run in the background
 * (capture-exports.ts). Each call says so when the app is in the other mode.
 */
import { fail, ok, type CaptureExportJob, type HmiApi, type HmiRequest, type ReplayComparison, type ReplayMark, type ReplayStatus, type Result } from '../contract/index.js';
import { LinesideError } from '../model/errors.js';

export interface ReplayHost {
  status(): ReplayStatus;
  control(request: HmiRequest<'replayControl'>): ReplayStatus;
  marks(): ReplayMark[];
  comparison(): ReplayComparison;
}

export interface CaptureExports {
  start(request: HmiRequest<'exportCapture'>): CaptureExportJob;
  status(id: number): CaptureExportJob | undefined;
}

type ReplayCalls = Pick<HmiApi, 'replayStatus' | 'replayControl' | 'replayMarks' | 'replayComparison' | 'exportCapture' | 'captureExportStatus'>;

export function replayCalls(replay: ReplayHost | undefined, captures: CaptureExports | undefined): ReplayCalls {
  const inReplay = <T>(call: (host: ReplayHost) => T): Result<T> => {
    if (!replay) return fail('not-found', 'the app runs live, not a replay; open a capture with "lineside replay FILE"');
    return refusalsAsFailures(() => call(replay));
  };
  const live = <T>(call: (exports: CaptureExports) => T): Result<T> => {
    if (!captures) return fail('not-found', replay ? 'captures are exported from a live app, not from a replay' : 'this app runs without a historian; there is nothing to export');
    return refusalsAsFailures(() => call(captures));
  };
  return {
    replayStatus: async () => inReplay((host) => host.status()),
    replayControl: async (request) => inReplay((host) => host.control(request)),
    replayMarks: async () => inReplay((host) => host.marks()),
    replayComparison: async () => inReplay((host) => host.comparison()),
    exportCapture: async (request) => live((exports) => exports.start(request)),
    captureExportStatus: async ({ id }) =>
      live((exports) => {
        const job = exports.status(id);
        if (!job) throw new LinesideError('not-found', `no capture export ${id}`);
        return job;
      }),
  };
}

function refusalsAsFailures<T>(call: () => T): Result<T> {
  try {
    return ok(call());
  } catch (error) {
    if (error instanceof LinesideError) return fail(error.code === 'not-found' ? 'not-found' : 'invalid-request', error.message);
    throw error;
  }
}
