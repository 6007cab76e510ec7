/**
 * The Users screen's pure parts: an account form turned into a saveUser request (a new account
 * needs a password; an edit keeps what is left empty; a PIN only for the roles that may have
 * one, and a role change to engineer or admin drops it), and the rows' words. The contract's
 * schemas check names, passwords and PINs, so the words match the core's.
 */
import { passwordSchema, pinRoles, pinSchema, userNameSchema } from '../../core/contract/index.js';
import type { HmiRequest, Role, UserInfo } from '../../core/contract/index.js';

export interface UserForm {
  name: string;
  role: Role;
  /** Empty: keep (an edit) — a new account needs one. */
  password: string;
  /** Empty: keep (an edit) or none (a new account). */
  pin: string;
  removePin: boolean;
  disabled: boolean;
}

export function emptyUserForm(): UserForm {
  return { name: '', role: 'operator', password: '', pin: '', removePin: false, disabled: false };
}

export function formOf(user: UserInfo): UserForm {
  return { name: user.name, role: user.role, password: '', pin: '', removePin: false, disabled: user.disabled };
}

export type SaveCheck = { ok: true; request: HmiRequest<'saveUser'> } | { ok: false; reason: string };

export function canHavePin(role: Role): boolean {
  return pinRoles.includes(role);
}

/** The request for a new account (`existing` undefined) or a change to one. */
export function saveUserRequest(form: UserForm, existing: UserInfo | undefined): SaveCheck {
  const name = form.name.trim();
  if (existing === undefined) {
    if (name === '') return { ok: false, reason: 'Type the name.' };
    const parsed = userNameSchema.safeParse(name);
    if (!parsed.success) return { ok: false, reason: `The name: ${parsed.error.issues[0]?.message ?? 'not allowed'}.` };
    if (form.password === '') return { ok: false, reason: 'A new account needs a password (at least 8 characters).' };
  }
  if (form.password !== '' && !passwordSchema.safeParse(form.password).success) return { ok: false, reason: 'The password needs at least 8 characters.' };
  if (form.pin !== '') {
    if (!canHavePin(form.role)) return { ok: false, reason: `A PIN only for ${pinRoles.join(', ')}; engineers and admins sign in with their password.` };
    if (!pinSchema.safeParse(form.pin).success) return { ok: false, reason: 'The PIN: 4 to 8 digits.' };
  }
  const pin = form.pin !== '' ? { pin: form.pin } : form.removePin || (existing?.hasPin && !canHavePin(form.role)) ? { pin: null } : {};
  return {
    ok: true,
    request: {
      name: existing?.name ?? name,
      role: form.role,
      ...(form.password !== '' ? { password: form.password } : {}),
      ...pin,
      disabled: form.disabled,
    },
  };
}

const dateTime = new Intl.DateTimeFormat(undefined, { day: '2-digit', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** "07 Dec 2026, 14:05", or the word for never. */
export function whenText(ms: number | null, never = '—'): string {
  return ms === null ? never : dateTime.format(ms);
}

/** Locked until a time still to come; null otherwise. */
export function lockedText(user: UserInfo, now: number): string | null {
  return user.lockedUntil !== null && user.lockedUntil > now ? `Locked until ${whenText(user.lockedUntil)}` : null;
}
