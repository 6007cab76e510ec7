/**
 * Downtime reasons in the event journal (kind "downtime-reason"): one row each time a stop
 * is given a reason or a supervisor changes it, never updated or deleted, so the journal
 * shows who said what and when. A row's `ts` is the stop's start (what the row is about,
 * so that the reasons of a period's stops are one indexed range query); when it was given
 * is in the payload. The newest row of a stop is its reason.
 */
import type { AssignedReason } from '../contract/index.js';
import type { Historian } from './historian.js';
import { appendEvent, queryEvents } from './journal.js';

export const DOWNTIME_REASON_KIND = 'downtime-reason';

export interface DowntimeReasonEntry {
  stop: string;
  /** Stop start (the row's ts) and asset (its source). */
  stopFrom: number;
  asset: string;
  faultCode?: string;
  code: string;
  texts: string[];
  comment?: string;
  user: string;
  supervisor: boolean;
  at: number;
}

export function appendDowntimeReason(historian: Historian, entry: DowntimeReasonEntry): void {
  const { stopFrom, asset, ...data } = entry;
  appendEvent(historian, { ts: stopFrom, kind: DOWNTIME_REASON_KIND, source: asset, data: { ...data } });
}

/** Every entry for stops that started in [from, to) at `source` (an asset, or a line and everything below it), oldest first. */
export function downtimeReasonEntries(historian: Historian, source: string, from: number, to: number): DowntimeReasonEntry[] {
  return queryEvents(historian, { from, to, source, kind: DOWNTIME_REASON_KIND, limit: 100_000 }).map((row) => ({
    ...(row.data as Omit<DowntimeReasonEntry, 'stopFrom' | 'asset'>),
    stopFrom: row.ts,
    asset: row.source,
  }));
}

/** The reason of each stop: its newest entry, with the one it replaced. */
export function currentReasons(entries: readonly DowntimeReasonEntry[]): Map<string, AssignedReason> {
  const out = new Map<string, AssignedReason>();
  for (const e of entries) {
    const before = out.get(e.stop);
    const reason: AssignedReason = { code: e.code, texts: e.texts, user: e.user, at: e.at };
    if (e.comment) reason.comment = e.comment;
    if (before) reason.replaced = { code: before.code, texts: before.texts, user: before.user, at: before.at };
    out.set(e.stop, reason);
  }
  return out;
}
