/**
 * The alarm journal view's pure parts: time range presets, loading the newest events of a
 * range (the core answers oldest first, at most `limit`: the loader pages forward so that the
 * newest are never the ones cut off), event words and the CSV export (RFC 4180, like the
 * trend's). No React.
 */
import type { AlarmEventKind, AlarmJournalEntry, HmiClient, HmiRequest, Result } from '../../core/contract/index.js';
import { ok } from '../../core/contract/index.js';
import { csvField, localIso } from '../trends/trend-csv.js';
import { bareStateWords, priorityWords } from './alarm-model.js';

export const journalPresets = [
  { id: '1h', label: 'Last hour', ms: 3_600_000 },
  { id: '8h', label: 'Last 8 h', ms: 8 * 3_600_000 },
  { id: '24h', label: 'Last 24 h', ms: 24 * 3_600_000 },
  { id: '7d', label: 'Last 7 days', ms: 7 * 24 * 3_600_000 },
] as const;
export type JournalPresetId = (typeof journalPresets)[number]['id'];

export const eventWords: Record<AlarmEventKind, string> = {
  activated: 'Activated',
  returned: 'Returned to normal',
  acknowledged: 'Acknowledged',
  reset: 'Reset',
  shelved: 'Shelved',
  unshelved: 'Unshelved',
  suppressed: 'Suppressed',
  unsuppressed: 'Unsuppressed',
  'out-of-service': 'Out of service',
  'in-service': 'Returned to service',
  comment: 'Comment',
};

/** What one query asks for beyond the time range. */
export type JournalFilter = Omit<HmiRequest<'queryAlarmJournal'>, 'from' | 'to' | 'limit'>;

/**
 * The newest `keep` events in [from, to) matching the filter, newest first. Pages forward
 * from the oldest while a page comes back full (at most `maxPages` calls), dropping the
 * oldest beyond `keep`; `truncated` says that older ones were left out.
 */
export async function loadNewestJournal(
  client: Pick<HmiClient, 'queryAlarmJournal'>,
  range: { from: number; to: number },
  filter: JournalFilter,
  options: { pageSize?: number; keep?: number; maxPages?: number } = {},
): Promise<Result<{ entries: AlarmJournalEntry[]; truncated: boolean }>> {
  const pageSize = options.pageSize ?? 5_000;
  const keep = options.keep ?? 5_000;
  const maxPages = options.maxPages ?? 10;
  let entries: AlarmJournalEntry[] = [];
  let from = range.from;
  let truncated = false;
  for (let page = 0; page < maxPages; page++) {
    const result = await client.queryAlarmJournal({ ...filter, from, to: range.to, limit: pageSize });
    if (!result.ok) return result;
    const seen = new Set(entries.map((e) => e.id));
    entries.push(...result.value.filter((e) => !seen.has(e.id)));
    if (entries.length > keep) {
      entries = entries.slice(entries.length - keep);
      truncated = true;
    }
    const last = result.value[result.value.length - 1];
    // A short page is the end; a full one continues from its last time (events at that time are asked again and dropped above).
    if (result.value.length < pageSize || last === undefined || last.at >= range.to - 1) return ok({ entries: entries.reverse(), truncated });
    if (last.at === from) return ok({ entries: entries.reverse(), truncated: true });
    from = last.at;
    if (page === maxPages - 1) truncated = true;
  }
  return ok({ entries: entries.reverse(), truncated });
}

const csvHeader = ['time', 'alarm', 'message', 'asset', 'tag', 'event', 'from', 'to', 'priority', 'user', 'cause', 'comment', 'value'];

/** The CSV of the entries as shown (newest first); time as local ISO 8601 with its offset. Lines end with CRLF. */
export function journalCsv(entries: readonly AlarmJournalEntry[]): string {
  const lines = [csvHeader.join(',')];
  for (const e of entries) {
    const cells = [
      localIso(e.at),
      e.alarmId,
      e.message,
      e.asset,
      e.tag,
      eventWords[e.kind],
      bareStateWords(e.from),
      bareStateWords(e.to),
      priorityWords[e.priority],
      e.user ?? '',
      e.cause,
      e.text ?? '',
      e.value === undefined ? '' : String(e.value),
    ];
    lines.push(cells.map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "lineside-alarm-journal-2026-11-21-1004.csv". */
export function journalFileName(ts: number): string {
  const d = new Date(ts);
  return `lineside-alarm-journal-${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}.csv`;
}
