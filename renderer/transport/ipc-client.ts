/**
 * The Electron IPC transport of the HmiClient: a thin wrapper around the preload's
 * `window.lineside` bridge. IPC lives as long as the window, so the connection is always
 * 'connected'. A bridge call that rejects (it should not) becomes an `internal` result, so
 * the renderer's calls never throw whatever the transport.
 */
import { fail, hmiMethods } from '../../core/contract/index.js';
import type { HmiApi, HmiClient, HmiMethod, LinesideBridge, Result } from '../../core/contract/index.js';

function guard<T>(method: HmiMethod, run: () => Promise<Result<T>>): Promise<Result<T>> {
  return new Promise<Result<T>>((resolve) => resolve(run())).catch((error: unknown) =>
    fail<T>('internal', `"${method}" failed over IPC: ${error instanceof Error ? error.message : String(error)}`),
  );
}

export function createIpcClient(bridge: LinesideBridge): HmiClient {
  const calls = Object.fromEntries(
    hmiMethods.map((method) => [method, (req: unknown) => guard(method, () => (bridge[method] as (req: unknown) => Promise<Result<unknown>>)(req))]),
  ) as unknown as HmiApi;
  return {
    ...calls,
    transport: 'ipc',
    onSamples: (listener) => bridge.onSamples(listener),
    /** IPC is always connected: the listener is called once, at once, with 'connected'. */
    onConnection(listener) {
      listener('connected');
      return () => {};
    },
  };
}
