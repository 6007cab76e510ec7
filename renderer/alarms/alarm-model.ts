/**
 * How alarms read on screen and which one the banner shows: priority and state words, the
 * banner's alarm and quiet summary, the list's sorting and filtering. Pure functions.
 */
import { alarmPriorities, alarmStates } from '../../core/contract/index.js';
import type { AlarmPriority, AlarmSnapshot, AlarmState, AlarmStatus, PlantModel, ScalarValue, TagInfo } from '../../core/contract/index.js';
import { formatLiveValue } from '../live/format.js';
import { findAsset } from '../plant/plant-lookup.js';
import { runtimeClockNow } from '../stores/runtime-clock.js';
import type { ClockState } from '../stores/runtime-clock.js';

export const priorityWords: Record<AlarmPriority, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  diagnostic: 'Diagnostic',
};

/** 0 for critical … 4 for diagnostic. */
export function priorityRank(priority: AlarmPriority): number {
  return alarmPriorities.indexOf(priority);
}

/** Critical and high alarms sound (when the station has sound on). */
export function isLoud(priority: AlarmPriority): boolean {
  return priority === 'critical' || priority === 'high';
}

/** Waits for an operator's acknowledgement. */
export function isUnacknowledged(alarm: AlarmStatus): boolean {
  return alarm.state === 'unacknowledged' || alarm.state === 'rtn-unacknowledged';
}

/** The state as the operator reads it: "Returned – unacknowledged", "Shelved until 14:30". */
export function stateWords(alarm: Pick<AlarmStatus, 'state' | 'shelvedUntil'>): string {
  switch (alarm.state) {
    case 'normal':
      return 'Normal';
    case 'unacknowledged':
      return 'Unacknowledged';
    case 'acknowledged':
      return 'Acknowledged';
    case 'rtn-unacknowledged':
      return 'Returned – unacknowledged';
    case 'latched':
      return 'Latched';
    case 'shelved':
      return alarm.shelvedUntil === undefined ? 'Shelved' : `Shelved until ${formatHourMinute(alarm.shelvedUntil)}`;
    case 'suppressed':
      return 'Suppressed';
    case 'out-of-service':
      return 'Out of service';
  }
}

/** The short words of a state on its own (journal "from → to"). */
export function bareStateWords(state: AlarmState): string {
  return stateWords({ state });
}

const hourMinute = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

export function formatHourMinute(ts: number): string {
  return hourMinute.format(ts);
}

/** When it (last) activated; its state's start for alarms that carry no activation time. */
export function alarmTime(alarm: AlarmStatus): number {
  return alarm.activatedAt ?? alarm.since;
}

/** The asset's display name from the plant model; its path when the model does not know it. */
export function assetName(plant: PlantModel | null, path: string): string {
  return (plant === null ? undefined : findAsset(plant, path)?.asset.name) ?? path;
}

/** The alarm's tag in the plant model, for the value's decimals, unit and state words. */
export function alarmTag(plant: PlantModel | null, alarm: { asset: string; tag: string }): TagInfo | undefined {
  if (plant === null) return undefined;
  return findAsset(plant, alarm.asset)?.asset.tags.find((tag) => tag.path === alarm.tag);
}

/** "191.2 °C", "Down", "F204 Fill valve fault"; "" when there is no value. */
export function formatAlarmValue(value: ScalarValue | undefined, tag: TagInfo | undefined, faultTexts: Readonly<Record<string, string>> = {}): string {
  if (value === undefined) return '';
  const scalar = typeof value === 'boolean' ? (value ? 1 : 0) : value;
  const text = formatLiveValue(scalar, tag, faultTexts);
  if (tag?.states !== undefined && tag.states.length > 0) return text;
  return tag !== undefined && tag.unit !== '' && typeof scalar === 'number' ? `${text} ${tag.unit}` : text;
}

/** The banner's alarm: the highest-priority unacknowledged one, the newest of those. */
export function bannerAlarm(snapshot: AlarmSnapshot | null): AlarmStatus | undefined {
  let best: AlarmStatus | undefined;
  for (const alarm of snapshot?.alarms ?? []) {
    if (!isUnacknowledged(alarm)) continue;
    if (best === undefined) best = alarm;
    else {
      const rank = priorityRank(alarm.priority) - priorityRank(best.priority);
      if (rank < 0 || (rank === 0 && alarmTime(alarm) > alarmTime(best))) best = alarm;
    }
  }
  return best;
}

/** The banner's quiet line when nothing waits: "No unacknowledged alarms · 2 active acknowledged · 1 shelved". */
export function quietSummary(snapshot: AlarmSnapshot): string {
  const count = (state: AlarmState) => snapshot.alarms.filter((a) => a.state === state).length;
  const parts = [
    [count('acknowledged'), 'active acknowledged'],
    [count('latched'), 'latched'],
    [snapshot.counts.shelved, 'shelved'],
    [snapshot.counts.suppressed, 'suppressed'],
    [snapshot.counts.outOfService, 'out of service'],
  ] as const;
  const shown = parts.filter(([n]) => n > 0).map(([n, words]) => `${n} ${words}`);
  return [snapshot.alarms.length === 0 ? 'No alarms' : 'No unacknowledged alarms', ...shown].join(' · ');
}

/** Unacknowledged alarms by priority (highest first), for the banner's counts. */
export function unacknowledgedByPriority(snapshot: AlarmSnapshot): { priority: AlarmPriority; count: number }[] {
  return alarmPriorities
    .map((priority) => ({ priority, count: snapshot.alarms.filter((a) => a.priority === priority && isUnacknowledged(a)).length }))
    .filter((entry) => entry.count > 0);
}

export type SortKey = 'time' | 'priority' | 'asset' | 'state';
export interface SortOrder {
  key: SortKey;
  descending: boolean;
}

/** The list's first order: most important first, newest first within a priority. */
export const defaultSort: SortOrder = { key: 'priority', descending: false };

/** Unacknowledged first, then the order of ISA-18.2's states. */
function stateRank(alarm: AlarmStatus): number {
  return isUnacknowledged(alarm) ? (alarm.state === 'unacknowledged' ? 0 : 1) : 2 + alarmStates.indexOf(alarm.state);
}

export function sortAlarms(alarms: readonly AlarmStatus[], order: SortOrder, names: (path: string) => string = (p) => p): AlarmStatus[] {
  const byTimeNewest = (a: AlarmStatus, b: AlarmStatus) => alarmTime(b) - alarmTime(a);
  const compare: Record<SortKey, (a: AlarmStatus, b: AlarmStatus) => number> = {
    time: (a, b) => byTimeNewest(a, b) || priorityRank(a.priority) - priorityRank(b.priority),
    priority: (a, b) => priorityRank(a.priority) - priorityRank(b.priority) || stateRank(a) - stateRank(b) || byTimeNewest(a, b),
    asset: (a, b) => names(a.asset).localeCompare(names(b.asset)) || priorityRank(a.priority) - priorityRank(b.priority) || byTimeNewest(a, b),
    state: (a, b) => stateRank(a) - stateRank(b) || priorityRank(a.priority) - priorityRank(b.priority) || byTimeNewest(a, b),
  };
  const sign = order.descending ? -1 : 1;
  return [...alarms].sort((a, b) => sign * compare[order.key](a, b) || a.id.localeCompare(b.id));
}

/** Clicking a column: the same column flips the direction, another starts in its natural direction. */
export function nextSort(current: SortOrder, key: SortKey): SortOrder {
  return current.key === key ? { key, descending: !current.descending } : { key, descending: false };
}

export interface AlarmFilter {
  /** An asset path, or '' for every asset. */
  asset: string;
  /** A priority, or '' for every priority. */
  priority: AlarmPriority | '';
}

export function filterAlarms(alarms: readonly AlarmStatus[], filter: AlarmFilter): AlarmStatus[] {
  return alarms.filter((a) => (filter.asset === '' || a.asset === filter.asset) && (filter.priority === '' || a.priority === filter.priority));
}

/** The runtime's clock (the status bar's; the replay clock in replay), or this machine's before the first status arrives. */
export function runtimeClock(state: ClockState): number {
  return runtimeClockNow(state);
}
