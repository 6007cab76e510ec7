/**
 * User accounts in the historian's file (table `accounts`), beside the audit trail that
 * records every change to them. Only hashes are stored (core/security/accounts.ts). Capture
 * exports do not copy this table.
 */
import Database from 'better-sqlite3';
import type { AccountStore, StoredAccount } from '../security/accounts.js';
import type { AuditEntry } from '../security/audit-chain.js';
import type { Role } from '../contract/index.js';
import { appendAudit } from './audit-store.js';
import type { Historian } from './historian.js';
import { openSchema } from './schema.js';

interface AccountRow {
  name: string;
  role: string;
  password_hash: string;
  pin_hash: string | null;
  disabled: number;
  created_at: number;
  last_login_at: number | null;
  failures: number;
  locked_until: number | null;
}

function toAccount(row: AccountRow): StoredAccount {
  return {
    name: row.name,
    role: row.role as Role,
    passwordHash: row.password_hash,
    pinHash: row.pin_hash,
    disabled: row.disabled !== 0,
    createdAt: row.created_at,
    lastLoginAt: row.last_login_at,
    failures: row.failures,
    lockedUntil: row.locked_until,
  };
}

/** The historian's file as the account and audit tables need it: its database and prepared statements. */
type SqlFile = Pick<Historian, 'db' | 'sql'>;

/** The accounts of the historian `historian()` returns; throws while it is not open. */
export function historianAccountStore(historian: () => SqlFile): AccountStore {
  return {
    list: () => (historian().sql('SELECT * FROM accounts ORDER BY name').all() as AccountRow[]).map(toAccount),
    get(name) {
      const row = historian().sql('SELECT * FROM accounts WHERE name = ?').get(name) as AccountRow | undefined;
      return row ? toAccount(row) : undefined;
    },
    put(account) {
      historian()
        .sql(
          `INSERT OR REPLACE INTO accounts (name, role, password_hash, pin_hash, disabled, created_at, last_login_at, failures, locked_until)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(account.name, account.role, account.passwordHash, account.pinHash, account.disabled ? 1 : 0, account.createdAt, account.lastLoginAt, account.failures, account.lockedUntil);
    },
    remove(name) {
      historian().sql('DELETE FROM accounts WHERE name = ?').run(name);
    },
  };
}

/**
 * The accounts and audit trail of a historian file opened on their own, for `lineside user`
 * beside a running app: only these two tables are touched (never the history's head or
 * blocks), and a busy app is waited for rather than failed.
 */
export function openAccountsFile(file: string): { store: AccountStore; audit(entry: AuditEntry): void; close(): void } {
  const db = new Database(file);
  db.pragma('busy_timeout = 5000');
  openSchema(db);
  const statements = new Map<string, Database.Statement>();
  const sqlFile: SqlFile = {
    db,
    sql(text: string) {
      let statement = statements.get(text);
      if (!statement) statements.set(text, (statement = db.prepare(text)));
      return statement;
    },
  };
  return { store: historianAccountStore(() => sqlFile), audit: (entry) => void appendAudit(sqlFile, entry), close: () => db.close() };
}
