/**
 * The audit trail's chain: every record carries the SHA-256 of the record before it and its
 * own, computed over its number, time, user, station, action, target, detail and outcome.
 * Editing a record breaks its own hash; deleting or reordering records breaks the next one's
 * link; deleting the newest records is caught by the head (the last number and hash, kept
 * beside the records and moved in the same transaction). Pure: the store is
 * core/historian/audit-store.ts.
 *
 * What it does not do: someone who can write the database file and knows this scheme can
 * rewrite the whole chain and the head. Anchoring the head outside the file (a keyed hash
 * with the service key, or a copy upstream) is the next step.
 */
import { createHash } from 'node:crypto';
import type { AuditRecordInfo } from '../contract/index.js';

/** The hash before the first record. */
export const GENESIS_HASH = '0'.repeat(64);

/** What an audit record says, before it is numbered and chained (the fields are the contract's). */
export type AuditEntry = Omit<AuditRecordInfo, 'seq'>;

export interface AuditRecord extends AuditRecordInfo {
  prevHash: string;
  hash: string;
}

export interface AuditHead {
  seq: number;
  hash: string;
}

/** Object keys sorted at every level, so that a detail hashes the same however it was built. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function auditHash(seq: number, entry: AuditEntry, prevHash: string): string {
  const body = canonical([seq, entry.ts, entry.user, entry.station, entry.action, entry.target, entry.detail, entry.outcome, prevHash]);
  return createHash('sha256').update(body).digest('hex');
}

export function chainRecord(entry: AuditEntry, head: AuditHead | undefined): AuditRecord {
  const seq = (head?.seq ?? 0) + 1;
  const prevHash = head?.hash ?? GENESIS_HASH;
  return { ...entry, seq, prevHash, hash: auditHash(seq, entry, prevHash) };
}

export type AuditVerdict = { ok: true; records: number } | { ok: false; records: number; seq: number; reason: string };

/**
 * Checks records in stored order against the chain and the head; the verdict names the
 * first bad record and what is wrong with it.
 */
export function verifyAuditChain(records: Iterable<AuditRecord>, head: AuditHead | undefined): AuditVerdict {
  let previous: AuditRecord | undefined;
  let count = 0;
  for (const record of records) {
    count++;
    const expectedSeq = (previous?.seq ?? 0) + 1;
    const expectedPrev = previous?.hash ?? GENESIS_HASH;
    if (record.seq !== expectedSeq) {
      const what = record.seq > expectedSeq ? `record ${expectedSeq}${record.seq - expectedSeq > 1 ? ` to ${record.seq - 1}` : ''} is missing (deleted)` : `it comes after record ${previous?.seq ?? 0} (reordered or copied)`;
      return { ok: false, records: count, seq: record.seq, reason: `record ${record.seq} is out of sequence: ${what}` };
    }
    if (record.hash !== auditHash(record.seq, record, record.prevHash)) {
      return { ok: false, records: count, seq: record.seq, reason: `record ${record.seq} does not match its hash: it was edited or moved` };
    }
    if (record.prevHash !== expectedPrev) {
      return { ok: false, records: count, seq: record.seq, reason: `record ${record.seq} does not link to record ${expectedSeq - 1}: the record before it was replaced or the records were reordered` };
    }
    previous = record;
  }
  if (!head) {
    if (count === 0) return { ok: true, records: 0 };
    return { ok: false, records: count, seq: previous!.seq, reason: 'the records have no head: it was deleted' };
  }
  if (!previous || previous.seq !== head.seq || previous.hash !== head.hash) {
    const last = previous?.seq ?? 0;
    const seq = Math.min(last + 1, head.seq);
    return {
      ok: false,
      records: count,
      seq,
      reason: last < head.seq ? `the trail ends at record ${last}, but record ${head.seq} was written: the newest records were deleted` : `the trail does not end where its head says (record ${head.seq})`,
    };
  }
  return { ok: true, records: count };
}
