/**
 * What operators did to the alarms, as the capture's alarm journal recorded it, turned back
 * into actions: a replay applies each at its recorded time, so that acknowledgements,
 * shelving and out-of-service happen in the replay as they did live, and the alarm list and
 * journal show them. Events without a user (the process's own: activated, returned, a shelf
 * time that ran out) are the replay's to recompute, not to repeat.
 */
import type { AlarmJournalEntry } from '../contract/index.js';
import type { AlarmAction } from '../model/alarm.js';

export function recordedAlarmActions(entries: readonly AlarmJournalEntry[]): AlarmAction[] {
  const actions: AlarmAction[] = [];
  for (const e of entries) {
    if (!e.user) continue;
    const base = { user: e.user, at: e.at };
    if (e.kind === 'acknowledged') actions.push({ kind: 'acknowledge', ids: [e.alarmId], ...base });
    else if (e.kind === 'reset') actions.push({ kind: 'reset', ids: [e.alarmId], ...base });
    else if (e.kind === 'shelved' && e.until !== undefined) actions.push({ kind: 'shelve', id: e.alarmId, reason: e.text ?? '', durationMs: e.until - e.at, ...base });
    else if (e.kind === 'unshelved') actions.push({ kind: 'unshelve', id: e.alarmId, ...base });
    else if (e.kind === 'out-of-service') actions.push({ kind: 'out-of-service', id: e.alarmId, reason: e.text ?? '', ...base });
    else if (e.kind === 'in-service') actions.push({ kind: 'in-service', id: e.alarmId, ...base });
    else if (e.kind === 'comment') actions.push({ kind: 'comment', id: e.alarmId, text: e.text ?? '', ...base });
  }
  return actions.sort((a, b) => a.at - b.at);
}
