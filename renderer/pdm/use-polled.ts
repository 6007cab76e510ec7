/**
 * A maintenance view's data, kept fresh while the runtime is connected: starts a poller
 * (pdm-poller.ts) for `ask` when the view mounts or `key` changes, stops it on unmount, and
 * gives the newest value, the error in words, and `reload` (after an acknowledgement).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { HmiClient, Result } from '../../core/contract/index.js';
import { useAppState, useServices } from '../app-context.js';
import { startPdmPoller, type PdmPoller } from './pdm-poller.js';

export function usePolled<T>(ask: (client: HmiClient) => Promise<Result<T>>, what: string, key: string): { value: T | null; error: string | null; reload: () => void } {
  const { client } = useServices();
  const connection = useAppState((s) => s.connection);
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const poller = useRef<PdmPoller | null>(null);

  useEffect(() => {
    if (connection !== 'connected') return;
    const started = startPdmPoller({ ask: () => ask(client), onValue: setValue, onError: setError, what });
    poller.current = started;
    return () => {
      started.stop();
      if (poller.current === started) poller.current = null;
    };
    // `ask` is a new function each render; `key` says when it asks for something else.
  }, [client, connection, key, what]);
  const reload = useCallback(() => poller.current?.reload(), []);
  return { value, error, reload };
}
