/**
 * The event journal: state changes, operator entries and the like, one row each, with a
 * kind ("downtime-reason"), a source (an asset or tag path) and a JSON payload. The alarm
 * journal and the audit trail get tables of their own in the same file.
 */
import type { Historian } from './historian.js';

export interface HistorianEvent {
  ts: number;
  kind: string;
  /** The asset or tag path the event is about. */
  source: string;
  data?: Record<string, unknown>;
}

export function appendEvent(historian: Historian, event: HistorianEvent): number {
  return Number(
    historian.sql('INSERT INTO events (ts, kind, source, data) VALUES (?, ?, ?, ?)').run(event.ts, event.kind, event.source, JSON.stringify(event.data ?? {})).lastInsertRowid,
  );
}

/** Events in [from, to), oldest first, optionally of one source (or below it) and kind. */
export function queryEvents(
  historian: Historian,
  query: { from: number; to: number; source?: string; kind?: string; limit?: number },
): (HistorianEvent & { id: number })[] {
  const rows = historian
    .sql(
      `SELECT id, ts, kind, source, data FROM events WHERE ts >= @from AND ts < @to
         AND (@source IS NULL OR source = @source OR source LIKE @below) AND (@kind IS NULL OR kind = @kind) ORDER BY ts, id LIMIT @limit`,
    )
    .all({ from: query.from, to: query.to, source: query.source ?? null, below: query.source ? `${query.source}/%` : null, kind: query.kind ?? null, limit: query.limit ?? 10_000 }) as {
    id: number;
    ts: number;
    kind: string;
    source: string;
    data: string;
  }[];
  return rows.map((row) => ({ id: row.id, ts: row.ts, kind: row.kind, source: row.source, data: JSON.parse(row.data) as Record<string, unknown> }));
}
