/**
 * The uplink's outbox: records to go upstream (a CMMS picks up work requests from the
 * plant's MQTT broker). A feature that has something for upstream writes it here, in the
 * same transaction as its own record; the uplink (core/uplink, issue 9) sends the rows in
 * id order and deletes them once the broker has them. Until the uplink exists the rows
 * wait here, durable.
 */
import type { Historian } from './historian.js';

export interface OutboxRecord {
  ts: number;
  /** What it is: "work-request", "work-request-ack", … */
  kind: string;
  /** The asset or tag path it is about. */
  source: string;
  payload: Record<string, unknown>;
}

export function enqueueForUplink(historian: Historian, record: OutboxRecord): void {
  historian.sql('INSERT INTO uplink_outbox (ts, kind, source, payload) VALUES (?, ?, ?, ?)').run(record.ts, record.kind, record.source, JSON.stringify(record.payload));
}

/** The oldest records waiting, in the order they were written. */
export function outboxRecords(historian: Historian, limit = 1000): (OutboxRecord & { id: number })[] {
  const rows = historian.sql('SELECT id, ts, kind, source, payload FROM uplink_outbox ORDER BY id LIMIT ?').all(limit) as { id: number; ts: number; kind: string; source: string; payload: string }[];
  return rows.map((row) => ({ id: row.id, ts: row.ts, kind: row.kind, source: row.source, payload: JSON.parse(row.payload) as Record<string, unknown> }));
}
