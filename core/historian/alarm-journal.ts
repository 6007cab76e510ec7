/**
 * The alarm journal in the historian's database: every alarm transition with its time,
 * cause and user (ISA-18.2 asks for who and when). Written in one transaction per batch of
 * events; searched by time, asset, priority, state, kind and text.
 */
import type { AlarmEvent, AlarmJournalEntry } from '../contract/index.js';
import type { Historian } from './historian.js';

export interface AlarmJournalQuery {
  from: number;
  to: number;
  asset?: string;
  priorities?: readonly string[];
  states?: readonly string[];
  kinds?: readonly string[];
  text?: string;
  limit: number;
}

export function appendAlarmEvents(historian: Historian, events: readonly AlarmEvent[]): void {
  if (events.length === 0) return;
  const insert = historian.sql(
    `INSERT INTO alarm_journal (ts, alarm, kind, from_state, to_state, priority, asset, tag, message, cause, user, value, text, until)
     VALUES (@at, @alarmId, @kind, @from, @to, @priority, @asset, @tag, @message, @cause, @user, @value, @text, @until)`,
  );
  historian.db.transaction(() => {
    for (const e of events) {
      insert.run({ ...e, user: e.user ?? null, value: e.value === undefined ? null : JSON.stringify(e.value), text: e.text ?? null, until: e.until ?? null });
    }
  })();
}

/** Events in [from, to), oldest first, filtered; at most `limit`. */
export function queryAlarmJournal(historian: Historian, query: AlarmJournalQuery): AlarmJournalEntry[] {
  const inList = (column: string, values: readonly string[] | undefined) => (values && values.length > 0 ? `AND ${column} IN (${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')})` : '');
  const rows = historian
    .sql(
      `SELECT * FROM alarm_journal WHERE ts >= @from AND ts < @to
         AND (@asset IS NULL OR asset = @asset OR asset LIKE @below)
         ${inList('priority', query.priorities)} ${inList('to_state', query.states)} ${inList('kind', query.kinds)}
         AND (@text IS NULL OR instr(lower(message || ' ' || cause || ' ' || alarm || ' ' || COALESCE(user, '') || ' ' || COALESCE(text, '')), lower(@text)) > 0)
       ORDER BY ts, id LIMIT @limit`,
    )
    .all({ from: query.from, to: query.to, asset: query.asset ?? null, below: query.asset ? `${query.asset}/%` : null, text: query.text || null, limit: query.limit }) as Row[];
  return rows.map(toEntry);
}

interface Row {
  id: number;
  ts: number;
  alarm: string;
  kind: string;
  from_state: string;
  to_state: string;
  priority: string;
  asset: string;
  tag: string;
  message: string;
  cause: string;
  user: string | null;
  value: string | null;
  text: string | null;
  until: number | null;
}

function toEntry(row: Row): AlarmJournalEntry {
  return {
    id: row.id,
    at: row.ts,
    alarmId: row.alarm,
    kind: row.kind as AlarmJournalEntry['kind'],
    from: row.from_state as AlarmJournalEntry['from'],
    to: row.to_state as AlarmJournalEntry['to'],
    priority: row.priority as AlarmJournalEntry['priority'],
    asset: row.asset,
    tag: row.tag,
    message: row.message,
    cause: row.cause,
    ...(row.user !== null ? { user: row.user } : {}),
    ...(row.value !== null ? { value: JSON.parse(row.value) as AlarmJournalEntry['value'] } : {}),
    ...(row.text !== null ? { text: row.text } : {}),
    ...(row.until !== null ? { until: row.until } : {}),
  };
}
