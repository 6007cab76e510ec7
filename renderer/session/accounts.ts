/**
 * The station's account session with the core: loaded on every connection (a new connection
 * is a new session in the core, signed out) and taken from every answer of a sign-in, a
 * sign-out or the first-run admin; the idle logout runs beside it. The calls return the
 * core's refusal as a message to show verbatim, or null when they worked. Plain TypeScript.
 */
import type { Credentials, HmiClient, Result, SessionInfo } from '../../core/contract/index.js';
import type { AppStore } from '../stores/app-store.js';
import { startIdleLogout } from './idle-logout.js';

type AccountClient = Pick<HmiClient, 'sessionInfo' | 'signIn' | 'signOut' | 'setupAdmin' | 'onConnection'>;

/** The message for a refusal: the core's own words, or the connection's state. */
function failure(result: Result<unknown>): string | null {
  if (result.ok) return null;
  return result.error.code === 'disconnected' ? 'There is no connection to the runtime.' : result.error.message;
}

function take(store: AppStore, result: Result<SessionInfo>): string | null {
  if (result.ok) store.getState().setSession(result.value);
  return failure(result);
}

export async function loadSession(client: Pick<HmiClient, 'sessionInfo'>, store: AppStore): Promise<string | null> {
  return take(store, await client.sessionInfo({}));
}

export async function signIn(client: Pick<HmiClient, 'signIn'>, store: AppStore, credentials: Credentials): Promise<string | null> {
  return take(store, await client.signIn(credentials));
}

export async function signOut(client: Pick<HmiClient, 'signOut'>, store: AppStore, reason: 'user' | 'idle' = 'user'): Promise<string | null> {
  return take(store, await client.signOut({ reason }));
}

export async function setupAdmin(client: Pick<HmiClient, 'setupAdmin'>, store: AppStore, name: string, password: string): Promise<string | null> {
  return take(store, await client.setupAdmin({ name, password }));
}

/** Loads the session on every connection and runs the idle logout; returns the stop function. */
export function startAccounts({ client, store }: { client: AccountClient; store: AppStore }, target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>): () => void {
  const offConnection = client.onConnection((state) => {
    if (state === 'connected') void loadSession(client, store);
  });
  const stopIdle = startIdleLogout({ store, target, signOut: () => void signOut(client, store, 'idle') });
  return () => {
    stopIdle();
    offConnection();
  };
}
