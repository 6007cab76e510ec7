/**
 * The fake client's accounts: the security calls of the contract over a few made-up accounts,
 * with the session of one window. By default an operator is signed in, so that the screens'
 * actions work in `?fake=1` and in tests; `signedIn: null` starts as a viewer, `setup: true`
 * with no account at all (the first run). Like the core, it refuses what the role may not
 * (`guard`), puts the signed-in name into the requests that carry a user, and keeps an audit
 * trail of sign-ins, account changes and writes. In replay there are no accounts.
 *
 * The role → permissions table is the contract's, as the core's; which call needs which
 * permission is the fake's own (`guard`).
 */
import { fail, ok, pinRoles, rolePermissionList } from '../../core/contract/index.js';
import type { AuditPage, AuditRecordInfo, HmiApi, HmiRequest, Permission, Result, Role, SessionInfo, UserInfo } from '../../core/contract/index.js';

export const fakeRolePermissions: Readonly<Record<Role, readonly Permission[]>> = rolePermissionList;

interface FakeAccount {
  name: string;
  role: Role;
  password: string;
  pin: string | null;
  disabled: boolean;
  createdAt: number;
  lastLoginAt: number | null;
}

/** The made-up accounts; every password is "lineside-fake". */
export const fakeAccounts: readonly { name: string; role: Role; pin: string | null }[] = [
  { name: 'A. Operator', role: 'operator', pin: '1234' },
  { name: 'M. Tech', role: 'maintenance', pin: '5678' },
  { name: 'E. Engineer', role: 'engineer', pin: null },
  { name: 'admin', role: 'admin', pin: null },
];
export const fakePassword = 'lineside-fake';

export interface FakeSecurityOptions {
  now: () => number;
  /** The role signed in at the start (its made-up account); null: nobody. Default operator. */
  signedIn?: Role | null;
  /** No account exists: the first run. */
  setup?: boolean;
  /** Replay: no accounts, nothing changes. */
  replay: boolean;
  idleLogoutMs?: number;
}

type SecurityCalls = Pick<HmiApi, 'sessionInfo' | 'setupAdmin' | 'signIn' | 'signOut' | 'listUsers' | 'saveUser' | 'deleteUser' | 'auditSearch' | 'auditExport'>;

export interface FakeSecurity extends SecurityCalls {
  /** Refuses with 'forbidden' unless the signed-in role has the permission; else runs the call. */
  guard<T>(permission: Permission, run: () => Promise<Result<T>>): Promise<Result<T>>;
  /** The signed-in name, for requests that carry a user (as the core does). */
  actor(): string;
  record(action: string, target: string, detail: Record<string, unknown>, outcome?: AuditRecordInfo['outcome']): void;
}

export function createFakeSecurity(options: FakeSecurityOptions): FakeSecurity {
  const { now } = options;
  const station = 'fake-pc (browser)';
  const accounts = new Map<string, FakeAccount>();
  if (!options.setup && !options.replay) {
    for (const account of fakeAccounts) accounts.set(account.name.toLowerCase(), { ...account, password: fakePassword, disabled: false, createdAt: now() - 86_400_000, lastLoginAt: null });
  }
  const startRole = options.signedIn === undefined ? 'operator' : options.signedIn;
  let signedIn: FakeAccount | null = startRole === null || options.replay ? null : ([...accounts.values()].find((a) => a.role === startRole) ?? null);
  const audit: AuditRecordInfo[] = [];

  const role = (): Role => signedIn?.role ?? 'viewer';
  const record = (action: string, target: string, detail: Record<string, unknown>, outcome: AuditRecordInfo['outcome'] = 'ok') =>
    void audit.push({ seq: audit.length + 1, ts: now(), user: signedIn?.name ?? `nobody signed in at ${station}`, station, action, target, detail, outcome });

  const session = (): SessionInfo => ({
    user: signedIn === null ? null : { name: signedIn.name, role: signedIn.role },
    role: role(),
    permissions: [...fakeRolePermissions[role()]],
    station,
    setupNeeded: !options.replay && accounts.size === 0,
    accounts: !options.replay,
    quickUsers: [...accounts.values()].filter((a) => a.pin !== null && !a.disabled).map((a) => a.name),
    idleLogoutMs: options.idleLogoutMs ?? 15 * 60_000,
  });
  const info = (a: FakeAccount): UserInfo => ({ name: a.name, role: a.role, hasPin: a.pin !== null, disabled: a.disabled, createdAt: a.createdAt, lastLoginAt: a.lastLoginAt, lockedUntil: null });
  const list = () => [...accounts.values()].map(info).sort((a, b) => a.name.localeCompare(b.name));
  const may = (permission: Permission) => fakeRolePermissions[role()].includes(permission);
  const forbidden = <T>(permission: Permission): Result<T> => fail('forbidden', `needs the permission "${permission}", which a ${role()} does not have; sign in as a role that has it`);
  const noAccounts = <T>(): Result<T> => fail('action-refused', 'a replay is read-only: nobody signs in to it');
  const filtered = (req: Omit<HmiRequest<'auditExport'>, never>) =>
    audit.filter(
      (r) =>
        r.ts >= (req.from ?? 0) &&
        r.ts < (req.to ?? Number.MAX_SAFE_INTEGER) &&
        (req.user === undefined || r.user.toLowerCase() === req.user.toLowerCase()) &&
        (req.action === undefined || r.action === req.action) &&
        (req.text === undefined || `${r.target} ${JSON.stringify(r.detail)}`.toLowerCase().includes(req.text.toLowerCase())),
    );

  return {
    guard: async (permission, run) => (may(permission) ? run() : forbidden(permission)),
    actor: () => signedIn?.name ?? 'viewer',
    record,
    sessionInfo: async () => ok(session()),
    async setupAdmin({ name, password }) {
      if (options.replay) return noAccounts();
      if (accounts.size > 0) return fail('action-refused', 'the admin account exists already: sign in');
      const account: FakeAccount = { name, role: 'admin', password, pin: null, disabled: false, createdAt: now(), lastLoginAt: now() };
      accounts.set(name.toLowerCase(), account);
      signedIn = account;
      record('account-setup', name, { role: 'admin' });
      return ok(session());
    },
    async signIn(credentials) {
      if (options.replay) return noAccounts();
      const account = accounts.get(credentials.name.toLowerCase());
      const good =
        account !== undefined &&
        !account.disabled &&
        ('pin' in credentials ? account.pin !== null && pinRoles.includes(account.role) && account.pin === credentials.pin : account.password === credentials.password);
      if (!good) {
        record('sign-in-failed', credentials.name, { by: 'pin' in credentials ? 'pin' : 'password' }, 'refused');
        return fail('sign-in-failed', 'wrong name, password or PIN, or the account is disabled or locked');
      }
      account.lastLoginAt = now();
      signedIn = account;
      record('sign-in', account.name, { by: 'pin' in credentials ? 'pin' : 'password' });
      return ok(session());
    },
    async signOut({ reason }) {
      if (signedIn !== null) record('sign-out', signedIn.name, { reason });
      signedIn = null;
      return ok(session());
    },
    listUsers: async () => (may('manage-users') ? ok(list()) : forbidden('manage-users')),
    async saveUser(req) {
      if (!may('manage-users')) return forbidden('manage-users');
      const old = accounts.get(req.name.toLowerCase());
      if (old === undefined && req.password === undefined) return fail('invalid-request', 'a new account needs a password');
      const account: FakeAccount = old ?? { name: req.name, role: req.role, password: '', pin: null, disabled: false, createdAt: now(), lastLoginAt: null };
      account.role = req.role;
      if (req.password !== undefined) account.password = req.password;
      if (req.pin !== undefined) account.pin = req.pin;
      if (!pinRoles.includes(account.role)) account.pin = null;
      if (req.disabled !== undefined) account.disabled = req.disabled;
      accounts.set(account.name.toLowerCase(), account);
      record(old === undefined ? 'user-create' : 'user-change', account.name, { role: account.role });
      return ok(list());
    },
    async deleteUser({ name }) {
      if (!may('manage-users')) return forbidden('manage-users');
      if (signedIn?.name.toLowerCase() === name.toLowerCase()) return fail('action-refused', 'nobody removes their own account');
      if (!accounts.delete(name.toLowerCase())) return fail('not-found', `no account "${name}"`);
      record('user-delete', name, {});
      return ok(list());
    },
    async auditSearch(req): Promise<Result<AuditPage>> {
      if (!may('audit-view')) return forbidden('audit-view');
      const found = filtered(req).reverse();
      return ok({ records: found.slice(0, req.limit), more: found.length > req.limit });
    },
    async auditExport(req) {
      if (!may('audit-view')) return forbidden('audit-view');
      const found = filtered(req);
      const csv = ['seq,time,user,station,action,target,outcome,detail', ...found.map((r) => [r.seq, new Date(r.ts).toISOString(), r.user, r.station, r.action, r.target, r.outcome, JSON.stringify(r.detail).replaceAll('"', '""')].map((c) => `"${String(c)}"`).join(','))].join('\r\n');
      record('audit-export', 'audit', { records: found.length });
      return ok({ csv: `${csv}\r\n`, records: found.length });
    },
  };
}
