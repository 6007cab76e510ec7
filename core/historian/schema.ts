/**
 * The historian database: one SQLite file per plant, in WAL mode with a durable commit
 * (synchronous=FULL) once a second. The layout is versioned in `meta`; a file of a newer
 * version is refused rather than misread. See FORMAT.md for the block encoding.
 */
import type Database from 'better-sqlite3';

export const SCHEMA_VERSION = 1;

const rollupColumns = `tag INTEGER NOT NULL, bucket INTEGER NOT NULL, count INTEGER NOT NULL, good_count INTEGER NOT NULL,
  min REAL, max REAL, ts_min INTEGER, ts_max INTEGER, first REAL, ts_first INTEGER, last REAL, ts_last INTEGER,
  sum REAL NOT NULL, tw_sum REAL NOT NULL, tw_ms REAL NOT NULL, good_ms REAL NOT NULL, PRIMARY KEY (tag, bucket)`;

const ddl = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS tags (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, kind TEXT NOT NULL);
-- Sealed, compressed series blocks: one row per tag and time span.
CREATE TABLE IF NOT EXISTS blocks (id INTEGER PRIMARY KEY, tag INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
  count INTEGER NOT NULL, data BLOB NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS blocks_tag_start ON blocks (tag, start);
-- The durable head: samples not yet sealed, one record per commit.
CREATE TABLE IF NOT EXISTS head_log (id INTEGER PRIMARY KEY, data BLOB NOT NULL);
-- 1-minute rollups: one packed blob per tag and hour (see rollup-pack.ts).
CREATE TABLE IF NOT EXISTS rollup_1m (id INTEGER PRIMARY KEY, tag INTEGER NOT NULL, hour INTEGER NOT NULL, data BLOB NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS rollup_1m_tag_hour ON rollup_1m (tag, hour);
CREATE TABLE IF NOT EXISTS rollup_1h (${rollupColumns}) WITHOUT ROWID;
-- Waveform snapshots (vibration), raw float32 little-endian.
CREATE TABLE IF NOT EXISTS waveforms (id INTEGER PRIMARY KEY, tag INTEGER NOT NULL, ts INTEGER NOT NULL, sample_rate REAL NOT NULL,
  unit TEXT NOT NULL, shaft_rpm REAL, data BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS waveforms_tag_ts ON waveforms (tag, ts);
-- Journals: events now; the alarm journal and the audit trail add their own tables.
CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, ts INTEGER NOT NULL, kind TEXT NOT NULL, source TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS events_ts ON events (ts);
CREATE INDEX IF NOT EXISTS events_source_ts ON events (source, ts);
-- The uplink's outbox: what is to go upstream (work requests now; issue 9's summaries), written
-- in the same transaction as the record it reports, so nothing is lost between the two.
-- AUTOINCREMENT: ids are never reused after the queue empties; the uplink reads by id order and cursor.
CREATE TABLE IF NOT EXISTS uplink_outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, ts INTEGER NOT NULL, kind TEXT NOT NULL, source TEXT NOT NULL, payload TEXT NOT NULL);
-- The alarm journal: one row per alarm transition (ISA-18.2), with who and why.
CREATE TABLE IF NOT EXISTS alarm_journal (id INTEGER PRIMARY KEY, ts INTEGER NOT NULL, alarm TEXT NOT NULL, kind TEXT NOT NULL,
  from_state TEXT NOT NULL, to_state TEXT NOT NULL, priority TEXT NOT NULL, asset TEXT NOT NULL, tag TEXT NOT NULL,
  message TEXT NOT NULL, cause TEXT NOT NULL, user TEXT, value TEXT, text TEXT, until INTEGER);
CREATE INDEX IF NOT EXISTS alarm_journal_ts ON alarm_journal (ts);
CREATE INDEX IF NOT EXISTS alarm_journal_asset_ts ON alarm_journal (asset, ts);
-- The audit trail (core/security/audit-chain.ts): who did what, each record chained to the one
-- before by hash; meta.audit_head holds the newest record's seq and hash.
CREATE TABLE IF NOT EXISTS audit (seq INTEGER PRIMARY KEY, ts INTEGER NOT NULL, user TEXT NOT NULL, station TEXT NOT NULL, action TEXT NOT NULL,
  target TEXT NOT NULL, detail TEXT NOT NULL, outcome TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS audit_ts ON audit (ts);
-- Every plant config applied in the app (engineering mode), numbered; the newest is the running one.
CREATE TABLE IF NOT EXISTS config_versions (version INTEGER PRIMARY KEY, ts INTEGER NOT NULL, author TEXT NOT NULL, comment TEXT NOT NULL, yaml TEXT NOT NULL);
-- User accounts (core/security/accounts.ts): scrypt hashes only, never a password or PIN.
CREATE TABLE IF NOT EXISTS accounts (name TEXT PRIMARY KEY COLLATE NOCASE, role TEXT NOT NULL, password_hash TEXT NOT NULL, pin_hash TEXT,
  disabled INTEGER NOT NULL, created_at INTEGER NOT NULL, last_login_at INTEGER, failures INTEGER NOT NULL, locked_until INTEGER) WITHOUT ROWID;
`;

export function openSchema(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = OFF');
  const existing = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get() as { name: string } | undefined;
  if (existing) checkSchemaVersion(db);
  db.exec(ddl);
  db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)").run(String(SCHEMA_VERSION));
}

/** Refuses a file of a newer schema, or one that is not a Lineside historian file at all. */
export function checkSchemaVersion(db: Database.Database): void {
  const meta = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get() as { name: string } | undefined;
  if (!meta) throw new Error(`${db.name} is an SQLite file but not a Lineside historian or capture file (it has no meta table)`);
  const row = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as { value: string } | undefined;
  const version = Number(row?.value ?? 0);
  if (version > SCHEMA_VERSION) {
    throw new Error(`the historian file was written by a newer Lineside (schema ${version}; this one reads up to ${SCHEMA_VERSION}); it is left untouched`);
  }
}
