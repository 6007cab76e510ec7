import { describe, expect, it } from 'vitest';
import { ok } from '../../core/contract/index.js';
import type { AlarmJournalEntry, HmiClient } from '../../core/contract/index.js';
import { journalCsv, journalFileName, loadNewestJournal } from './journal-model.js';

function entry(id: number, at: number, partial: Partial<AlarmJournalEntry> = {}): AlarmJournalEntry {
  return { id, at, alarmId: 'line1/filler/state:down', kind: 'activated', from: 'normal', to: 'unacknowledged', priority: 'high', asset: 'line1/filler', tag: 'line1/filler/state', message: 'Filler down', cause: 'value 5', ...partial };
}

/** Answers like the core: [from, to), oldest first, at most limit. */
function journalOf(all: AlarmJournalEntry[]): Pick<HmiClient, 'queryAlarmJournal'> & { calls: number } {
  const client = {
    calls: 0,
    queryAlarmJournal: (q: { from: number; to: number; limit: number }) => {
      client.calls++;
      return Promise.resolve(ok(all.filter((e) => e.at >= q.from && e.at < q.to).slice(0, q.limit)));
    },
  };
  return client as unknown as Pick<HmiClient, 'queryAlarmJournal'> & { calls: number };
}

describe('alarm journal', () => {
  it('loads the newest events of a range, newest first, paging past a full answer', async () => {
    const all = Array.from({ length: 25 }, (_, i) => entry(i + 1, 1_000 + Math.floor(i / 2) * 10));
    const client = journalOf(all);
    const result = await loadNewestJournal(client, { from: 0, to: 10_000 }, {}, { pageSize: 10, keep: 12 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.entries.map((e) => e.id)).toEqual([25, 24, 23, 22, 21, 20, 19, 18, 17, 16, 15, 14]);
    expect(result.value.truncated).toBe(true);
    expect(client.calls).toBeLessThanOrEqual(4);

    const small = await loadNewestJournal(journalOf(all.slice(0, 5)), { from: 0, to: 10_000 }, {}, { pageSize: 10 });
    expect(small.ok && small.value).toEqual({ entries: all.slice(0, 5).reverse(), truncated: false });
  });

  it('stops paging when a page holds one instant only, and passes failures on', async () => {
    const same = Array.from({ length: 30 }, (_, i) => entry(i + 1, 5_000));
    const client = journalOf(same);
    const result = await loadNewestJournal(client, { from: 0, to: 10_000 }, {}, { pageSize: 10 });
    expect(result.ok && result.value.truncated).toBe(true);
    expect(client.calls).toBe(2);
    const failing = { queryAlarmJournal: () => Promise.resolve({ ok: false as const, error: { code: 'internal' as const, message: 'db locked' } }) };
    expect(await loadNewestJournal(failing, { from: 0, to: 1 }, {})).toEqual({ ok: false, error: { code: 'internal', message: 'db locked' } });
  });

  it('exports CSV with RFC 4180 quoting and a header', () => {
    const csv = journalCsv([entry(2, Date.UTC(2026, 10, 21, 9, 0), { kind: 'shelved', from: 'unacknowledged', to: 'shelved', user: 'Weber, M.', text: 'sensor "B2" replaced\nby maintenance', cause: 'operator' })]);
    const [header, row] = csv.split('\r\n');
    expect(header).toBe('time,alarm,message,asset,tag,event,from,to,priority,user,cause,comment,value');
    expect(row).toContain(',Shelved,Unacknowledged,Shelved,High,"Weber, M.",operator,"sensor ""B2"" replaced\nby maintenance",');
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(journalFileName(new Date(2026, 10, 21, 10, 4).getTime())).toBe('lineside-alarm-journal-2026-11-21-1004.csv');
  });
});
