/**
 * The idle logout: a signed-in station goes back to viewer after the core's `idleLogoutMs`
 * without a touch, a pointer or a key. Activity is any pointer, touch, key or wheel event on
 * the window; in the last 30 s the store holds the deadline, so a warning with a countdown
 * can show (any touch keeps the user signed in). Plain TypeScript, no React.
 *
 * Decisions:
 * - Checked once a second: the countdown needs no finer step, and activity only stores a time.
 * - The signing out is asked for once per idle spell; the core's answer (viewer) ends it.
 */
import type { AppStore } from '../stores/app-store.js';

export const idleWarnMs = 30_000;

export type IdleState = { kind: 'active' } | { kind: 'warn'; logoutAt: number } | { kind: 'idle' };

/** Where the station stands after `now - lastActivity` without activity, against a timeout. */
export function idleState(lastActivity: number, now: number, timeoutMs: number, warnMs = idleWarnMs): IdleState {
  const logoutAt = lastActivity + timeoutMs;
  if (now >= logoutAt) return { kind: 'idle' };
  if (now >= logoutAt - warnMs) return { kind: 'warn', logoutAt };
  return { kind: 'active' };
}

export const activityEvents = ['pointerdown', 'pointermove', 'keydown', 'touchstart', 'wheel'] as const;

export interface IdleLogoutOptions {
  store: AppStore;
  /** Where activity is heard (the window). */
  target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  /** Signs out with reason 'idle' (the caller sends it to the core and takes the new session). */
  signOut(): void;
  now?: () => number;
  checkMs?: number;
}

/** Starts watching; returns the function that stops it. */
export function startIdleLogout({ store, target, signOut, now = Date.now, checkMs = 1_000 }: IdleLogoutOptions): () => void {
  let lastActivity = now();
  let asked = false;
  const onActivity = () => {
    lastActivity = now();
  };
  for (const name of activityEvents) target.addEventListener(name, onActivity, { passive: true, capture: true } as AddEventListenerOptions);

  const check = () => {
    const { session, idleLogoutAt, setIdleLogoutAt } = store.getState();
    if (session === null || session.user === null || session.idleLogoutMs <= 0) {
      lastActivity = now();
      asked = false;
      if (idleLogoutAt !== null) setIdleLogoutAt(null);
      return;
    }
    const state = idleState(lastActivity, now(), session.idleLogoutMs);
    const at = state.kind === 'warn' ? state.logoutAt : null;
    if (at !== idleLogoutAt) setIdleLogoutAt(at);
    if (state.kind === 'idle' && !asked) {
      asked = true;
      signOut();
    }
    if (state.kind !== 'idle') asked = false;
  };

  // Someone signed in: the idle time counts from now.
  const off = store.subscribe((state, prev) => {
    if (state.session?.user?.name !== prev.session?.user?.name) {
      lastActivity = now();
      asked = false;
    }
  });
  const timer = setInterval(check, checkMs);
  return () => {
    clearInterval(timer);
    off();
    for (const name of activityEvents) target.removeEventListener(name, onActivity, { capture: true } as EventListenerOptions);
  };
}
