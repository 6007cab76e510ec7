/**
 * The uplink's outbox: records to go upstream (a CMMS picks up work requests from the
 * plant's MQTT broker; a SCADA reads the summaries). A feature that has something for
 * upstream writes it here, in the same transaction as its own record; the uplink
 * (core/uplink) sends the rows in id order and deletes them once the broker has them.
 *
 * The queue is bounded (UplinkSettings.queueMaxBytes): `enqueueManyForUplink` with a
 * `maxBytes` deletes the oldest records once the queued bytes exceed it ("drop oldest,
 * count them"), except work requests and their acknowledgements, which a CMMS must get
 * and which are few and small. The counts (records, bytes, dropped) live in a one-row
 * table kept by triggers, so that they stay right whoever inserts or deletes rows (the
 * uplink deletes what the broker acknowledged) and `queueStats` costs no scan. A record's
 * bytes are the UTF-8 bytes of its JSON payload, kind and source.
 */
import type { Historian } from './historian.js';

export interface OutboxRecord {
  ts: number;
  /** What it is: "work-request", "work-request-ack", "tag-aggregates", … */
  kind: string;
  /** The asset or tag path it is about; "" for the edge node itself. */
  source: string;
  payload: Record<string, unknown>;
}

/** Kinds never dropped to make room: a CMMS must get every work request. */
export const undroppableKinds: readonly string[] = ['work-request', 'work-request-ack'];

export interface QueueStats {
  /** Records waiting. */
  records: number;
  /** Their bytes (JSON payload, kind and source, UTF-8). */
  bytes: number;
  /** Time (`ts`) of the oldest record waiting; null when the queue is empty. */
  oldestTs: number | null;
  /** Records deleted unsent because the queue was full, since the counts were set up. */
  dropped: number;
}

const recordBytes = (row: string) => `(length(CAST(${row}.payload AS BLOB)) + length(CAST(${row}.kind AS BLOB)) + length(CAST(${row}.source AS BLOB)))`;

// Until the stats row exists nothing counts; creating it counts what is there, in the same
// transaction as the triggers, so nothing is counted twice or missed.
const statsDdl = `
CREATE TABLE IF NOT EXISTS uplink_outbox_stats (id INTEGER PRIMARY KEY CHECK (id = 1), records INTEGER NOT NULL, bytes INTEGER NOT NULL, dropped INTEGER NOT NULL);
CREATE TRIGGER IF NOT EXISTS uplink_outbox_counted_insert AFTER INSERT ON uplink_outbox BEGIN
  UPDATE uplink_outbox_stats SET records = records + 1, bytes = bytes + ${recordBytes('NEW')} WHERE id = 1;
END;
CREATE TRIGGER IF NOT EXISTS uplink_outbox_counted_delete AFTER DELETE ON uplink_outbox BEGIN
  UPDATE uplink_outbox_stats SET records = records - 1, bytes = bytes - ${recordBytes('OLD')} WHERE id = 1;
END;
INSERT OR IGNORE INTO uplink_outbox_stats (id, records, bytes, dropped)
  SELECT 1, COUNT(*), COALESCE(SUM(${recordBytes('uplink_outbox')}), 0), 0 FROM uplink_outbox;
`;

const counted = new WeakSet<Historian>();

/** Sets up the counts once per open historian (idempotent across processes: IF NOT EXISTS / OR IGNORE). */
function ensureCounts(historian: Historian): void {
  if (counted.has(historian)) return;
  historian.db.transaction(() => historian.db.exec(statsDdl))();
  counted.add(historian);
}

export function enqueueForUplink(historian: Historian, record: OutboxRecord): void {
  ensureCounts(historian);
  historian.sql('INSERT INTO uplink_outbox (ts, kind, source, payload) VALUES (?, ?, ?, ?)').run(record.ts, record.kind, record.source, JSON.stringify(record.payload));
}

/**
 * Writes records in one transaction (a savepoint inside the caller's, so that the caller
 * can write its own marker with them), then, with `maxBytes`, drops the oldest droppable
 * records until the queue fits. Returns how many were dropped.
 */
export function enqueueManyForUplink(historian: Historian, records: readonly OutboxRecord[], options: { maxBytes?: number } = {}): { dropped: number } {
  ensureCounts(historian);
  return historian.db.transaction(() => {
    for (const record of records) enqueueForUplink(historian, record);
    return { dropped: options.maxBytes === undefined ? 0 : trimOutbox(historian, options.maxBytes) };
  })();
}

/** Deletes the oldest records (work requests excepted) until the queue holds at most `maxBytes`; counts them as dropped. */
export function trimOutbox(historian: Historian, maxBytes: number): number {
  ensureCounts(historian);
  const kinds = undroppableKinds.map(() => '?').join(', ');
  const oldest = historian.sql(`SELECT id, ${recordBytes('uplink_outbox')} AS bytes FROM uplink_outbox WHERE id > ? AND kind NOT IN (${kinds}) ORDER BY id LIMIT 500`);
  const remove = historian.sql(`DELETE FROM uplink_outbox WHERE id <= ? AND kind NOT IN (${kinds})`);
  return historian.db.transaction(() => {
    let excess = queueStats(historian).bytes - maxBytes;
    let dropped = 0;
    let after = 0;
    while (excess > 0) {
      const rows = oldest.all(after, ...undroppableKinds) as { id: number; bytes: number }[];
      if (rows.length === 0) break;
      let upTo = after;
      for (const row of rows) {
        upTo = row.id;
        excess -= row.bytes;
        dropped++;
        if (excess <= 0) break;
      }
      after = upTo;
    }
    if (dropped > 0) {
      remove.run(after, ...undroppableKinds);
      historian.sql('UPDATE uplink_outbox_stats SET dropped = dropped + ? WHERE id = 1').run(dropped);
    }
    return dropped;
  })();
}

export function queueStats(historian: Historian): QueueStats {
  ensureCounts(historian);
  const row = historian.sql('SELECT records, bytes, dropped FROM uplink_outbox_stats WHERE id = 1').get() as { records: number; bytes: number; dropped: number };
  const oldestTs = historian.sql('SELECT ts FROM uplink_outbox ORDER BY id LIMIT 1').pluck().get() as number | undefined;
  return { records: row.records, bytes: row.bytes, oldestTs: oldestTs ?? null, dropped: row.dropped };
}

/** The oldest records waiting, in the order they were written. */
export function outboxRecords(historian: Historian, limit = 1000): (OutboxRecord & { id: number })[] {
  const rows = historian.sql('SELECT id, ts, kind, source, payload FROM uplink_outbox ORDER BY id LIMIT ?').all(limit) as { id: number; ts: number; kind: string; source: string; payload: string }[];
  return rows.map((row) => ({ id: row.id, ts: row.ts, kind: row.kind, source: row.source, payload: JSON.parse(row.payload) as Record<string, unknown> }));
}
