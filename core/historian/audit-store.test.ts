// The audit trail in the database: whatever is done to the rows behind the app's back —
// a field edited, a record deleted, two records swapped, the newest records cut off, a
// record forged — the walk over the chain reports the first bad record and what is wrong.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditHash, verifyAuditChain, type AuditEntry } from '../security/audit-chain.js';
import { silentLogger } from '../runtime/logger.js';
import { appendAudit, auditHead, auditRecords, searchAudit } from './audit-store.js';
import { Historian } from './historian.js';

const T0 = Date.UTC(2026, 11, 7, 6, 0, 0);
let dir: string;
let historian: Historian;

const entry = (i: number): AuditEntry => ({
  ts: T0 + i * 60_000,
  user: i % 2 ? 'anna' : 'ben',
  station: 'line1-pc',
  action: i % 3 ? 'alarm-acknowledge' : 'write',
  target: i % 3 ? `line1/filler/state:down` : 'line1/glue/setpoint',
  detail: i % 3 ? { comment: `shift ${i}` } : { from: 170, to: 172 + i, unit: '°C' },
  outcome: 'ok',
});

const verify = () => verifyAuditChain(auditRecords(historian), auditHead(historian));

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lineside-audit-'));
  historian = new Historian({ file: join(dir, 'plant.db'), tags: [], log: silentLogger() });
  for (let i = 1; i <= 10; i++) appendAudit(historian, entry(i));
});
afterEach(() => {
  historian.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the audit trail', () => {
  it('is intact as written, across a reopen, and searchable', () => {
    expect(verify()).toEqual({ ok: true, records: 10 });
    historian.close();
    historian = new Historian({ file: join(dir, 'plant.db'), tags: [], log: silentLogger() });
    appendAudit(historian, entry(11));
    expect(verify()).toEqual({ ok: true, records: 11 });
    const found = searchAudit(historian, { from: T0, to: T0 + 3_600_000, user: 'ben', action: 'write', limit: 10 });
    expect(found.map((r) => r.seq)).toEqual([6]);
    expect(searchAudit(historian, { from: T0, to: T0 + 3_600_000, text: 'shift 7', limit: 10 }).map((r) => r.seq)).toEqual([7]);
  });

  it('reports an edited field at that record', () => {
    historian.db.prepare("UPDATE audit SET detail = '{\"from\":170,\"to\":190,\"unit\":\"°C\"}' WHERE seq = 6").run();
    expect(verify()).toMatchObject({ ok: false, seq: 6, reason: 'record 6 does not match its hash: it was edited or moved' });
  });

  it('reports an edited user at that record, and the same edit re-hashed at the next record', () => {
    historian.db.prepare("UPDATE audit SET user = 'carl' WHERE seq = 3").run();
    expect(verify()).toMatchObject({ ok: false, seq: 3, reason: 'record 3 does not match its hash: it was edited or moved' });
    // Re-hashing the edited record does not help: the next one no longer links to it.
    const edited = [...auditRecords(historian)][2]!;
    historian.db.prepare('UPDATE audit SET hash = ? WHERE seq = 3').run(auditHash(3, edited, edited.prevHash));
    expect(verify()).toMatchObject({ ok: false, seq: 4, reason: 'record 4 does not link to record 3: the record before it was replaced or the records were reordered' });
  });

  it('reports a deleted record at the one after the gap', () => {
    historian.db.prepare('DELETE FROM audit WHERE seq = 4').run();
    expect(verify()).toMatchObject({ ok: false, seq: 5, reason: 'record 5 is out of sequence: record 4 is missing (deleted)' });
  });

  it('reports two records swapped', () => {
    const row = (seq: number) => historian.db.prepare('SELECT ts, user, station, action, target, detail, outcome, prev_hash, hash FROM audit WHERE seq = ?').get(seq) as Record<string, unknown>;
    const a = row(7);
    const b = row(8);
    const put = historian.db.prepare('UPDATE audit SET ts = @ts, user = @user, station = @station, action = @action, target = @target, detail = @detail, outcome = @outcome, prev_hash = @prev_hash, hash = @hash WHERE seq = @seq');
    historian.db.transaction(() => {
      put.run({ ...b, seq: 7 });
      put.run({ ...a, seq: 8 });
    })();
    expect(verify()).toMatchObject({ ok: false, seq: 7, reason: 'record 7 does not match its hash: it was edited or moved' });
  });

  it('reports the newest records cut off, and a deleted head', () => {
    historian.db.prepare('DELETE FROM audit WHERE seq >= 9').run();
    expect(verify()).toMatchObject({ ok: false, seq: 9, reason: 'the trail ends at record 8, but record 10 was written: the newest records were deleted' });
    historian.db.prepare("DELETE FROM meta WHERE key = 'audit_head'").run();
    expect(verify()).toMatchObject({ ok: false, reason: 'the records have no head: it was deleted' });
  });

  it('reports a forged record appended without its head, and one with a made-up link', () => {
    historian.db.prepare("INSERT INTO audit (seq, ts, user, station, action, target, detail, outcome, prev_hash, hash) VALUES (11, 1, 'x', 'x', 'write', 't', '{}', 'ok', 'abc', 'def')").run();
    expect(verify()).toMatchObject({ ok: false, seq: 11 });
  });
});
