/**
 * Local user accounts: who may sign in, with which role, by password or (for roles that work
 * at a shared line PC) by PIN. Passwords and PINs are kept only as scrypt hashes
 * (passwords.ts). The store is the historian's file (core/historian/account-store.ts), or
 * memory where the app runs without one.
 *
 * Decisions:
 * - There is no default account. While none exists, the first run asks for the admin
 *   (setupAdmin); afterwards that call is refused.
 * - A wrong name and a wrong password give the same answer, and an unknown name costs the
 *   same hashing time, so sign-in does not tell which names exist.
 * - Five failures in a row lock the account's sign-in for five minutes (a PIN has only
 *   10,000–100,000,000 values); a good sign-in clears the count.
 * - PINs only for viewer, operator and maintenance; a role change to engineer or admin
 *   removes the PIN. The last enabled admin can be neither demoted, disabled nor removed, and
 *   nobody removes their own account.
 */
import { pinRoles, type Credentials, type Role, type UserInfo } from '../contract/index.js';
import { LinesideError } from '../model/errors.js';
import { hashSecret, verifySecret } from './passwords.js';
import { aRole } from './permissions.js';

export const MAX_FAILURES = 5;
export const LOCK_MS = 5 * 60_000;

export interface StoredAccount {
  name: string;
  role: Role;
  passwordHash: string;
  pinHash: string | null;
  disabled: boolean;
  createdAt: number;
  lastLoginAt: number | null;
  failures: number;
  lockedUntil: number | null;
}

/** Where accounts are kept; names compare without regard to case. */
export interface AccountStore {
  list(): StoredAccount[];
  get(name: string): StoredAccount | undefined;
  put(account: StoredAccount): void;
  remove(name: string): void;
}

export function memoryAccountStore(): AccountStore {
  const accounts = new Map<string, StoredAccount>();
  return {
    list: () => [...accounts.values()].map((account) => ({ ...account })).sort((a, b) => a.name.localeCompare(b.name)),
    get: (name) => {
      const account = accounts.get(name.toLowerCase());
      return account ? { ...account } : undefined;
    },
    put: (account) => void accounts.set(account.name.toLowerCase(), { ...account }),
    remove: (name) => void accounts.delete(name.toLowerCase()),
  };
}

export interface SignedIn {
  name: string;
  role: Role;
}

export interface SaveUserRequest {
  name: string;
  role: Role;
  password?: string | undefined;
  pin?: string | null | undefined;
  disabled?: boolean | undefined;
}

/** What a saved account changed, for the audit trail (never a secret). */
export interface SaveOutcome {
  created: boolean;
  changes: Record<string, unknown>;
}

export interface Accounts {
  needsSetup(): boolean;
  /** Enabled accounts with a PIN, for quick switching. */
  quickUsers(): string[];
  setupAdmin(name: string, password: string): Promise<SignedIn>;
  /** The account the credentials open; a refusal is an AccountError with code 'sign-in-failed'. */
  verify(credentials: Credentials): Promise<SignedIn>;
  /** Whether the account still exists, is enabled, and has this role (a session re-checks it). */
  current(name: string): SignedIn | undefined;
  list(): UserInfo[];
  save(request: SaveUserRequest, by: string): Promise<SaveOutcome>;
  remove(name: string, by: string): void;
}

export class AccountError extends LinesideError {
  constructor(code: 'sign-in-failed' | 'action-refused' | 'invalid-request', message: string) {
    super(code, message);
    this.name = 'AccountError';
  }
}

/** A hash to verify unknown names against, so that they take as long as known ones. */
let decoyHash: Promise<string> | undefined;

export function createAccounts(store: AccountStore, now: () => number = Date.now): Accounts {
  const enabledAdmins = () => store.list().filter((account) => account.role === 'admin' && !account.disabled);

  const refuseSignIn = (): never => {
    throw new AccountError('sign-in-failed', 'wrong user name, password or PIN');
  };

  return {
    needsSetup: () => store.list().length === 0,

    quickUsers: () =>
      store
        .list()
        .filter((account) => account.pinHash !== null && !account.disabled && pinRoles.includes(account.role))
        .map((account) => account.name),

    async setupAdmin(name, password) {
      if (store.list().length > 0) throw new AccountError('action-refused', 'the admin account exists already; an admin signs in and adds further accounts');
      const passwordHash = await hashSecret(password);
      // Checked again after hashing: two first runs at once must not both make an admin.
      if (store.list().length > 0) throw new AccountError('action-refused', 'the admin account was made meanwhile; sign in with it');
      store.put({ name, role: 'admin', passwordHash, pinHash: null, disabled: false, createdAt: now(), lastLoginAt: now(), failures: 0, lockedUntil: null });
      return { name, role: 'admin' };
    },

    async verify(credentials) {
      const account = store.get(credentials.name);
      const usesPin = credentials.pin !== undefined;
      const secret = (usesPin ? credentials.pin : credentials.password) ?? '';
      if (!account) {
        await verifySecret(secret, await (decoyHash ??= hashSecret('decoy')));
        return refuseSignIn();
      }
      if (account.lockedUntil !== null && account.lockedUntil > now()) {
        const minutes = Math.ceil((account.lockedUntil - now()) / 60_000);
        throw new AccountError('sign-in-failed', `sign-in for ${account.name} is locked for ${minutes} more min after ${MAX_FAILURES} failed attempts; an admin can unlock it`);
      }
      const stored = usesPin ? account.pinHash : account.passwordHash;
      const good = stored !== null && (await verifySecret(secret, stored));
      if (!good) {
        const failures = account.failures + 1;
        store.put({ ...account, failures, lockedUntil: failures >= MAX_FAILURES ? now() + LOCK_MS : account.lockedUntil });
        if (usesPin && account.pinHash === null) throw new AccountError('sign-in-failed', `${account.name} has no PIN; sign in with the password`);
        return refuseSignIn();
      }
      if (account.disabled) throw new AccountError('sign-in-failed', `the account ${account.name} is disabled; an admin can enable it`);
      if (usesPin && !pinRoles.includes(account.role)) throw new AccountError('sign-in-failed', `${aRole(account.role)} signs in with the password, not a PIN`);
      store.put({ ...account, failures: 0, lockedUntil: null, lastLoginAt: now() });
      return { name: account.name, role: account.role };
    },

    current(name) {
      const account = store.get(name);
      return account && !account.disabled ? { name: account.name, role: account.role } : undefined;
    },

    list: () =>
      store.list().map((account) => ({
        name: account.name,
        role: account.role,
        hasPin: account.pinHash !== null,
        disabled: account.disabled,
        createdAt: account.createdAt,
        lastLoginAt: account.lastLoginAt,
        lockedUntil: account.lockedUntil !== null && account.lockedUntil > now() ? account.lockedUntil : null,
      })),

    async save(request, by) {
      const existing = store.get(request.name);
      const isLastAdmin = existing?.role === 'admin' && !existing.disabled && enabledAdmins().length === 1;
      if (isLastAdmin && (request.role !== 'admin' || request.disabled)) {
        throw new AccountError('action-refused', `${existing.name} is the only enabled admin; make another admin first`);
      }
      if (existing && request.disabled && existing.name.toLowerCase() === by.toLowerCase()) {
        throw new AccountError('action-refused', 'you cannot disable your own account');
      }
      if (!existing && request.password === undefined) throw new AccountError('invalid-request', `saveUser: a new account (${request.name}) needs a password`);
      const pinAllowed = pinRoles.includes(request.role);
      if (request.pin && !pinAllowed) throw new AccountError('invalid-request', `saveUser: pin: ${aRole(request.role)} signs in with the password; PINs are for ${pinRoles.join(', ')}`);
      const pinHash = !pinAllowed || request.pin === null ? null : request.pin !== undefined ? await hashSecret(request.pin) : (existing?.pinHash ?? null);
      const passwordHash = request.password !== undefined ? await hashSecret(request.password) : existing!.passwordHash;
      const unlock = request.disabled === false || request.password !== undefined;
      const account: StoredAccount = {
        name: existing?.name ?? request.name,
        role: request.role,
        passwordHash,
        pinHash,
        disabled: request.disabled ?? existing?.disabled ?? false,
        createdAt: existing?.createdAt ?? now(),
        lastLoginAt: existing?.lastLoginAt ?? null,
        failures: unlock ? 0 : (existing?.failures ?? 0),
        lockedUntil: unlock ? null : (existing?.lockedUntil ?? null),
      };
      store.put(account);
      const changes: Record<string, unknown> = {};
      if (existing?.role !== account.role) changes.role = existing ? `${existing.role} → ${account.role}` : account.role;
      if (request.password !== undefined) changes.password = existing ? 'changed' : 'set';
      if ((existing?.pinHash ?? null) !== pinHash) changes.pin = pinHash === null ? 'removed' : existing?.pinHash ? 'changed' : 'set';
      if (existing && existing.disabled !== account.disabled) changes.disabled = account.disabled;
      return { created: !existing, changes };
    },

    remove(name, by) {
      const existing = store.get(name);
      if (!existing) throw new AccountError('invalid-request', `deleteUser: no account named ${name}`);
      if (existing.name.toLowerCase() === by.toLowerCase()) throw new AccountError('action-refused', 'you cannot remove your own account');
      if (existing.role === 'admin' && !existing.disabled && enabledAdmins().length === 1) {
        throw new AccountError('action-refused', `${existing.name} is the only enabled admin; make another admin first`);
      }
      store.remove(existing.name);
    },
  };
}
