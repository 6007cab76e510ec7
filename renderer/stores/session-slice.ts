/**
 * Session slice: who is signed in at this window (the core's SessionInfo, loaded on every
 * connection and after each sign-in or out), whether the sign-in or first-run dialog is open
 * (and why it was asked for), and the idle logout's deadline while its warning shows.
 *
 * Decisions:
 * - Null until the core answered: nothing is allowed then, as for a viewer.
 * - The first-run dialog opens by itself when the core says no account exists; dismissing it
 *   keeps viewing and is remembered for this page load (the status bar control opens it again).
 * - When the account changes, the Engineering screen's unapplied config text goes (engineering-slice).
 */
import type { StateCreator } from 'zustand';
import type { Permission, SessionInfo } from '../../core/contract/index.js';
import type { AppState } from './app-store.js';

export interface SignInRequest {
  /** Why the dialog was opened from an action, e.g. "Sign in as operator to acknowledge alarms". */
  reason: string | null;
}

export interface SessionSlice {
  session: SessionInfo | null;
  /** The sign-in dialog, when open. */
  signInDialog: SignInRequest | null;
  /** The first-run dialog was dismissed: keep viewing without an account. */
  setupDismissed: boolean;
  /** Epoch ms when the idle logout will sign out; set only while the warning shows. */
  idleLogoutAt: number | null;
  setSession(session: SessionInfo): void;
  openSignIn(reason?: string | null): void;
  closeSignIn(): void;
  dismissSetup(): void;
  setIdleLogoutAt(at: number | null): void;
}

export const createSessionSlice: StateCreator<AppState, [], [], SessionSlice> = (set) => ({
  session: null,
  signInDialog: null,
  setupDismissed: false,
  idleLogoutAt: null,
  // Another account (or none): the Engineering screen's unapplied text is not left for the next person at the station.
  setSession: (session) =>
    set((s) => ({
      session,
      ...(session.user === null ? { idleLogoutAt: null } : {}),
      ...(s.session?.user?.name !== session.user?.name ? { configDraft: null } : {}),
    })),
  openSignIn: (reason = null) => set({ signInDialog: { reason } }),
  closeSignIn: () => set({ signInDialog: null }),
  dismissSetup: () => set({ setupDismissed: true, signInDialog: null }),
  setIdleLogoutAt: (idleLogoutAt) => set({ idleLogoutAt }),
});

/** Whether the session may do something (false before the session is known). */
export function sessionMay(session: SessionInfo | null, permission: Permission): boolean {
  return session?.permissions.includes(permission) ?? false;
}
