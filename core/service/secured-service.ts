/**
 * Who may call what, and the record of what they did. Wraps the service (every transport
 * sees only this), so no call can reach the core without being checked, and no change can
 * be made without being audited:
 * - each window or tab is a session, signed in as an account or as nobody (a viewer);
 * - every call is checked against the caller's role (core/security/permissions.ts) before it
 *   runs; a refusal says which role may, and is audited;
 * - calls that change something are audited after they ran, with who, where, the
 *   particulars and the outcome: writes (old → new value), alarm actions, downtime reasons,
 *   work-request acknowledgements, capture exports, plant-config and certificate changes,
 *   sign-in, sign-out, failed sign-in, account changes and audit exports;
 * - the user named in an alarm action, a downtime reason or an acknowledgement is the
 *   signed-in account's, whatever the request says;
 * - a write to a tag marked critical needs a second, different account that may write tags,
 *   with its password or PIN.
 * The account is looked up again on every call, so disabling or demoting someone takes
 * effect at once in every session.
 */
import { hostname } from 'node:os';
import { fail, hmiMethods, ok, isErrorCode, type ConfigApplied, type HmiMethod, type HmiRequest, type Result, type ScalarValue, type SessionInfo, type AuditRecordInfo } from '../contract/index.js';
import type { Tag } from '../model/plant.js';
import { LinesideError } from '../model/errors.js';
import type { AuditEntry } from '../security/audit-chain.js';
import type { Accounts, SignedIn } from '../security/accounts.js';
import { aRole, lowestRoleWith, permissionFor, rolePermissions, roleMay, type Role } from '../security/permissions.js';
import type { CoreService, HmiService, HmiSession } from './hmi-service.js';

/** Where audit records go and how they are read back; absent when the app runs without a historian. */
export interface AuditTrail {
  record(entry: AuditEntry): void;
  search(query: { from: number; to: number; user?: string; action?: string; text?: string; limit: number }): AuditRecordInfo[];
  /** Oldest first, at most `limit`. */
  all(query: { from: number; to: number; user?: string; action?: string; text?: string; limit: number }): AuditRecordInfo[];
}

export interface SecurityOptions {
  /** Absent in replay: nothing can be changed there, so nobody signs in. */
  accounts?: Accounts;
  audit?: AuditTrail;
  /** The PC and how the UI is connected, e.g. "line1-pc (desktop)". */
  station: string;
  idleLogoutMs: number;
  tag(path: string): Tag | undefined;
  currentValue(path: string): ScalarValue | undefined;
  now?: () => number;
}

const MAX_EXPORT_RECORDS = 100_000;
const FAR_FUTURE = 7_258_118_400_000;

/** "line1-pc (desktop)": the station as the audit trail names it. */
export function stationName(transport: 'ipc' | 'websocket'): string {
  return `${hostname()} (${transport === 'ipc' ? 'desktop' : 'browser'})`;
}

function outcomeOf(result: Result<unknown>): { outcome: AuditEntry['outcome']; error?: string } {
  if (result.ok) return { outcome: 'ok' };
  const refused = ['write-disabled', 'action-refused', 'invalid-request', 'config-invalid', 'unauthorized', 'forbidden', 'sign-in-failed', 'not-found', 'unknown-tag'].includes(result.error.code);
  return { outcome: refused ? 'refused' : 'failed', error: `${result.error.code}: ${result.error.message}` };
}

/** What a call was aimed at, for a refusal's record: its tag, alarm, stop, request or account. */
function targetOf(request: unknown): string {
  const req = (request ?? {}) as Record<string, unknown>;
  for (const key of ['path', 'id', 'stop', 'name', 'asset', 'tag', 'line', 'endpointUrl']) if (typeof req[key] === 'string') return req[key];
  if (Array.isArray(req.ids)) return req.ids.join(', ');
  return '';
}

/** A refusal thrown by the accounts becomes a failure with its code. */
async function accountCall<T>(call: () => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await call());
  } catch (error) {
    if (error instanceof LinesideError && isErrorCode(error.code)) return fail(error.code, error.message);
    throw error;
  }
}

export function securedService(service: CoreService, options: SecurityOptions): HmiService {
  const now = options.now ?? Date.now;
  const { accounts, audit } = options;

  const record = (user: string, action: string, target: string, detail: Record<string, unknown>, result: Result<unknown>) => {
    const { outcome, error } = outcomeOf(result);
    audit?.record({ ts: now(), user, station: options.station, action, target, detail: error ? { ...detail, error } : detail, outcome });
  };

  return {
    openSession(sendBatch) {
      const inner = service.openSession(sendBatch);
      let signedIn: SignedIn | null = null;

      /** The caller as the accounts have it now (disabled or removed: signed out). */
      const caller = (): SignedIn | null => {
        if (!signedIn || !accounts) return null;
        const current = accounts.current(signedIn.name);
        if (!current) signedIn = null;
        else signedIn = current;
        return signedIn;
      };
      const who = () => caller()?.name ?? `nobody signed in at ${options.station}`;

      const sessionInfo = (): SessionInfo => {
        const user = caller();
        const role: Role = user?.role ?? 'viewer';
        return {
          user,
          role,
          permissions: [...rolePermissions[role]],
          station: options.station,
          setupNeeded: accounts?.needsSetup() ?? false,
          accounts: accounts !== undefined,
          quickUsers: accounts?.quickUsers() ?? [],
          idleLogoutMs: options.idleLogoutMs,
        };
      };
      const withAccounts = (): Accounts => {
        if (!accounts) throw new LinesideError('action-refused', 'a replay is read-only: nobody signs in to it');
        return accounts;
      };
      const auditTrail = (): AuditTrail => {
        if (!audit) throw new LinesideError('not-found', 'this app runs without a historian: there is no audit trail');
        return audit;
      };

      /** The second person for a critical tag: another account that may write, by password or PIN. */
      const secondPerson = async (tag: Tag, req: HmiRequest<'writeTag'>): Promise<Result<string>> => {
        if (!req.confirmedBy) return fail('forbidden', `${tag.path} is critical: a second person who may write tags must confirm the write with their password or PIN`);
        const second = await accountCall(() => withAccounts().verify(req.confirmedBy!));
        if (!second.ok) return second;
        if (second.value.name.toLowerCase() === caller()?.name.toLowerCase()) return fail('forbidden', `${tag.path} is critical: the confirmation must come from a second person, not from ${second.value.name}`);
        if (!roleMay(second.value.role, 'write-tags')) return fail('forbidden', `${second.value.name} (${second.value.role}) may not write tags, so cannot confirm a write`);
        return ok(second.value.name);
      };

      const handlers: Omit<HmiSession, 'close'> = {
        ...inner,

        async sessionInfo() {
          return ok(sessionInfo());
        },
        async setupAdmin({ name, password }) {
          const result = await accountCall(() => withAccounts().setupAdmin(name, password));
          record(name, 'account-setup', name, { role: 'admin' }, result);
          if (!result.ok) return result;
          signedIn = result.value;
          return ok(sessionInfo());
        },
        async signIn(credentials) {
          const result = await accountCall(() => withAccounts().verify(credentials));
          const by = credentials.pin !== undefined ? 'pin' : 'password';
          record(credentials.name, result.ok ? 'sign-in' : 'sign-in-failed', credentials.name, { by }, result);
          if (!result.ok) return result;
          // Quick switching at a shared PC: the one before is signed out.
          const before = caller();
          if (before && before.name !== result.value.name) record(before.name, 'sign-out', before.name, { reason: `${result.value.name} signed in` }, ok(null));
          signedIn = result.value;
          return ok(sessionInfo());
        },
        async signOut({ reason }) {
          const user = caller();
          if (user) record(user.name, 'sign-out', user.name, { reason }, ok(null));
          signedIn = null;
          return ok(sessionInfo());
        },
        async listUsers() {
          return accountCall(async () => withAccounts().list());
        },
        async saveUser(req) {
          const { password: _password, pin: _pin, ...shown } = req;
          const result = await accountCall(() => withAccounts().save(req, who()));
          record(who(), result.ok && result.value.created ? 'user-create' : 'user-change', req.name, result.ok ? result.value.changes : shown, result);
          return result.ok ? ok(withAccounts().list()) : result;
        },
        async deleteUser({ name }) {
          const result = await accountCall(async () => withAccounts().remove(name, who()));
          record(who(), 'user-delete', name, {}, result);
          return result.ok ? ok(withAccounts().list()) : result;
        },
        async auditSearch({ from, to, user, action, text, limit }) {
          return accountCall(async () => {
            const records = auditTrail().search({ from: from ?? 0, to: to ?? FAR_FUTURE, ...(user ? { user } : {}), ...(action ? { action } : {}), ...(text ? { text } : {}), limit: limit + 1 });
            return { records: records.slice(0, limit), more: records.length > limit };
          });
        },
        async auditExport(filter) {
          const result = await accountCall(async () => {
            const records = auditTrail().all({ from: filter.from ?? 0, to: filter.to ?? FAR_FUTURE, ...filter, limit: MAX_EXPORT_RECORDS });
            return { csv: auditCsv(records), records: records.length };
          });
          record(who(), 'audit-export', 'audit', { ...filter, records: result.ok ? result.value.records : 0 }, result);
          return result;
        },

        async writeTag(req) {
          const tag = options.tag(req.path);
          const before = options.currentValue(req.path);
          let confirmedBy: string | undefined;
          let result: Result<Awaited<ReturnType<HmiSession['writeTag']>> extends Result<infer T> ? T : never>;
          const second = tag?.critical ? await secondPerson(tag, req) : ok(undefined);
          if (!second.ok) result = second;
          else {
            confirmedBy = second.value;
            result = await inner.writeTag({ path: req.path, value: req.value });
          }
          const confirmer = confirmedBy ?? (req.confirmedBy ? `${req.confirmedBy.name} (not accepted)` : undefined);
          record(who(), 'write', req.path, { from: before ?? null, to: req.value, ...(tag?.unit ? { unit: tag.unit } : {}), ...(confirmer ? { confirmedBy: confirmer } : {}) }, result);
          return result;
        },
        async alarmAction(req) {
          const user = who();
          const result = await inner.alarmAction({ ...req, user });
          const { kind, user: _user, ...rest } = req;
          const target = 'ids' in rest ? rest.ids.join(', ') : rest.id;
          const { ids: _ids, id: _id, ...detail } = rest as Record<string, unknown>;
          record(user, `alarm-${kind}`, target, detail, result);
          return result;
        },
        async assignDowntimeReason(req) {
          const user = who();
          const result = await inner.assignDowntimeReason({ ...req, user });
          const { stop, user: _user, ...detail } = req;
          record(user, 'downtime-reason', stop, detail, result);
          return result;
        },
        async acknowledgeWorkRequest(req) {
          const user = who();
          const result = await inner.acknowledgeWorkRequest({ ...req, user });
          const { id, user: _user, ...detail } = req;
          record(user, 'work-request-acknowledge', id, detail, result);
          return result;
        },
        async exportCapture(req) {
          const result = await inner.exportCapture(req);
          record(who(), 'capture-export', result.ok ? result.value.file : 'capture', { from: req.from, to: req.to, assets: req.assets ?? 'all' }, result);
          return result;
        },
        async opcuaAddVariables(req) {
          const result = await inner.opcuaAddVariables({ ...req, author: who() });
          record(who(), 'config-change', `${req.line}/${req.asset}`, { added: req.variables.map((variable) => `${variable.name} ← ${variable.nodeId}`) }, result);
          return result;
        },
        async configApply(req) {
          const result = await inner.configApply({ ...req, author: who() });
          record(who(), 'config-apply', 'plant config', { comment: req.comment, basedOn: req.baseVersion, ...appliedDetail(result) }, result);
          return result;
        },
        async configRollback(req) {
          const result = await inner.configRollback({ ...req, author: who() });
          record(who(), 'config-rollback', `version ${req.version}`, { comment: req.comment, basedOn: req.baseVersion, ...appliedDetail(result) }, result);
          return result;
        },
        async configSealSecret(req) {
          const result = await inner.configSealSecret(req);
          record(who(), 'secret-seal', 'plant config', { characters: req.secret.length }, result);
          return result;
        },
        async opcuaTrust(req) {
          const result = await inner.opcuaTrust(req);
          record(who(), req.trust ? 'certificate-trust' : 'certificate-reject', req.thumbprint, {}, result);
          return result;
        },
      };

      const session = { close: () => {} } as HmiSession;
      for (const method of hmiMethods) {
        const handler = handlers[method] as (req: unknown) => Promise<Result<unknown>>;
        (session as unknown as Record<HmiMethod, (req: unknown) => Promise<Result<unknown>>>)[method] = async (req: unknown) => {
          const needed = permissionFor(method, req as HmiRequest<typeof method>);
          const role = caller()?.role ?? 'viewer';
          if (!roleMay(role, needed)) {
            const refusal = accounts
              ? fail('forbidden', `${method} needs the permission "${needed}", which ${aRole(role)} does not have; sign in as ${lowestRoleWith(needed)} or above`)
              : fail('write-disabled', `a replay is read-only: ${method} cannot be done in it`);
            record(who(), method, targetOf(req), { role, needed }, refusal);
            return refusal;
          }
          return handler.call(handlers, req);
        };
      }
      session.close = () => {
        const user = caller();
        if (user) record(user.name, 'sign-out', user.name, { reason: 'window closed' }, ok(null));
        signedIn = null;
        inner.close();
      };
      return session;
    },
  };
}

/** What an applied config did, in a few words for its audit record. */
function appliedDetail(result: Result<ConfigApplied>): Record<string, unknown> {
  if (!result.ok) return {};
  const { version, effects, savedTo, notSaved } = result.value;
  const named = (label: string, list: readonly string[]) => (list.length > 0 ? { [label]: list.slice(0, 20).join(', ') + (list.length > 20 ? ` and ${list.length - 20} more` : '') } : {});
  return {
    version,
    ...named('devicesRestarted', effects.devicesRestarted),
    ...named('tagsAdded', effects.tagsAdded),
    ...named('tagsRemoved', effects.tagsRemoved),
    ...named('alarmsChanged', effects.alarmsChanged),
    ...named('notLive', effects.notLive),
    ...(savedTo ? { savedTo } : { notSaved }),
  };
}

/** RFC 4180 CSV of audit records: seq, time (ISO), user, station, action, target, outcome, detail (JSON). */
function auditCsv(records: readonly AuditRecordInfo[]): string {
  const cell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  const lines = ['seq,time,user,station,action,target,outcome,detail'];
  for (const r of records) lines.push([String(r.seq), new Date(r.ts).toISOString(), r.user, r.station, r.action, r.target, r.outcome, JSON.stringify(r.detail)].map(cell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
