/**
 * Gating a control by the session's permissions: whether the signed-in role may do it, and
 * if not, the words that say who may ("Sign in as operator to acknowledge alarms"). The core
 * refuses what a role may not do anyway; the screens only say so before the tap.
 *
 * Decisions:
 * - Who may is the contract's `lowestRoleWith` (the same table the core checks against); the
 *   session's own permissions come with the session.
 * - In replay (`accounts: false`) nobody signs in: the gate says "Replay: read only" instead.
 */
import { lowestRoleWith, type Permission, type Role, type SessionInfo } from '../../core/contract/index.js';
import { useAppState } from '../app-context.js';
import { readOnlyHint } from '../replay/read-only.js';
import { sessionMay } from '../stores/session-slice.js';

export const roleWords: Record<Role, string> = {
  viewer: 'Viewer',
  operator: 'Operator',
  maintenance: 'Maintenance',
  engineer: 'Engineer',
  admin: 'Admin',
};

export interface Gate {
  allowed: boolean;
  /** Signing in would help (accounts exist here and the session lacks the permission). */
  canSignIn: boolean;
  /** Why not, for a hint or a title; null when allowed. */
  hint: string | null;
}

/** "Sign in as operator to acknowledge alarms", "Replay: read only", or null when allowed. */
export function gateFor(session: SessionInfo | null, permission: Permission, what: string): Gate {
  if (sessionMay(session, permission)) return { allowed: true, canSignIn: false, hint: null };
  if (session !== null && !session.accounts) return { allowed: false, canSignIn: false, hint: readOnlyHint };
  const role = lowestRoleWith(permission);
  const above = role === 'admin' ? '' : ' or above';
  return { allowed: false, canSignIn: session !== null, hint: `Sign in as ${role}${above} to ${what}` };
}

/** The gate for one permission, re-rendered when the session changes; `ask` opens the sign-in dialog with the hint. */
export function useGate(permission: Permission, what: string): Gate & { ask(): void } {
  const session = useAppState((s) => s.session);
  const openSignIn = useAppState((s) => s.openSignIn);
  const gate = gateFor(session, permission, what);
  return { ...gate, ask: () => gate.canSignIn && openSignIn(gate.hint) };
}
