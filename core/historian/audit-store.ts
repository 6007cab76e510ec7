/**
 * The audit trail in the historian's file (table `audit`, head in meta.audit_head): appended
 * in one transaction with its head, read back for search and export, and walked in order for
 * `lineside audit verify`. The chain itself is core/security/audit-chain.ts.
 */
import { chainRecord, type AuditEntry, type AuditHead, type AuditRecord } from '../security/audit-chain.js';
import type { Historian } from './historian.js';

interface AuditRow {
  seq: number;
  ts: number;
  user: string;
  station: string;
  action: string;
  target: string;
  detail: string;
  outcome: string;
  prev_hash: string;
  hash: string;
}

function toRecord(row: AuditRow): AuditRecord {
  let detail: Record<string, unknown>;
  try {
    detail = JSON.parse(row.detail) as Record<string, unknown>;
  } catch {
    detail = { unreadable: row.detail };
  }
  return {
    seq: row.seq,
    ts: row.ts,
    user: row.user,
    station: row.station,
    action: row.action,
    target: row.target,
    detail,
    outcome: row.outcome as AuditRecord['outcome'],
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export function auditHead(historian: Pick<Historian, 'sql'>): AuditHead | undefined {
  const value = historian.sql("SELECT value FROM meta WHERE key = 'audit_head'").pluck().get() as string | undefined;
  if (value === undefined) return undefined;
  const [seq, hash] = value.split(':');
  return { seq: Number(seq), hash: hash ?? '' };
}

/** Appends a record after the head, and moves the head, in one transaction. */
export function appendAudit(historian: Pick<Historian, 'db' | 'sql'>, entry: AuditEntry): AuditRecord {
  return historian.db.transaction(() => {
    const record = chainRecord(entry, auditHead(historian));
    historian
      .sql('INSERT INTO audit (seq, ts, user, station, action, target, detail, outcome, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(record.seq, record.ts, record.user, record.station, record.action, record.target, JSON.stringify(record.detail), record.outcome, record.prevHash, record.hash);
    historian.sql("INSERT OR REPLACE INTO meta (key, value) VALUES ('audit_head', ?)").run(`${record.seq}:${record.hash}`);
    return record;
  })();
}

/** Every record in stored order, one at a time (a trail of years need not fit in memory). */
export function* auditRecords(historian: Historian): Generator<AuditRecord> {
  for (const row of historian.sql('SELECT * FROM audit ORDER BY seq').iterate() as IterableIterator<AuditRow>) yield toRecord(row);
}

export interface AuditQuery {
  from: number;
  to: number;
  user?: string;
  action?: string;
  /** Text anywhere in the target or the particulars (case-insensitive). */
  text?: string;
  limit: number;
}

/** Records in [from, to), optionally of one user or action, or containing a text; newest first unless asked oldest first. */
export function searchAudit(historian: Historian, query: AuditQuery, order: 'newest-first' | 'oldest-first' = 'newest-first'): AuditRecord[] {
  const rows = historian
    .sql(
      `SELECT * FROM audit WHERE ts >= @from AND ts < @to AND (@user IS NULL OR user = @user COLLATE NOCASE) AND (@action IS NULL OR action = @action)
         AND (@text IS NULL OR target LIKE @text OR detail LIKE @text) ORDER BY seq ${order === 'newest-first' ? 'DESC' : 'ASC'} LIMIT @limit`,
    )
    .all({ from: query.from, to: query.to, user: query.user ?? null, action: query.action ?? null, text: query.text ? `%${query.text}%` : null, limit: query.limit }) as AuditRow[];
  return rows.map(toRecord);
}
