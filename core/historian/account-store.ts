/**
 * User accounts in the historian's file (table `accounts`), beside the audit trail that
 * records every change to them. Only hashes are stored (core/security/accounts.ts). Capture
 * exports do not copy this table.
 */
import type { AccountStore, StoredAccount } from '../security/accounts.js';
import type { Role } from '../contract/index.js';
import type { Historian } from './historian.js';

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

/** The accounts of the historian `historian()` returns; throws while it is not open. */
export function historianAccountStore(historian: () => Historian): AccountStore {
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
