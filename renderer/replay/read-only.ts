/**
 * Replay is read only: nothing the operator does in replay writes to a device or to the
 * capture (the core refuses the write calls with 'write-disabled'). The screens that offer a
 * write (alarm actions, downtime reasons, work request acknowledgements) disable it with
 * this hint while the app replays.
 */
import { useAppState } from '../app-context.js';

export const readOnlyHint = 'Replay: read only';

/** True while the app replays a capture. */
export function useReadOnly(): boolean {
  return useAppState((s) => s.mode === 'replay');
}
