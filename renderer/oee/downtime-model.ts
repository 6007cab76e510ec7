/**
 * The downtime list and the reason panel, pure parts: the stops newest first as rows
 * (asset, start in plant time, duration, state, fault, the reason or none), the reason
 * panel's big suggested buttons (up to six) and every reason grouped under its top-level
 * group, and what a refused assignment says. No React.
 */
import type { AssignedReason, DowntimeStop, ReasonChoiceInfo, Result } from '../../core/contract/index.js';
import { formatDuration, formatStopTime, stateWords } from './oee-model.js';

export interface StopRow {
  id: string;
  assetName: string;
  startText: string;
  durationText: string;
  stateText: string;
  state: DowntimeStop['state'];
  faultCode: string;
  ongoing: boolean;
  /** "Mechanical › Bottle jam at infeed"; null while unassigned. */
  reasonText: string | null;
  /** "Anna Schmidt, 06:40" (with the day when not the period's first day). */
  givenBy: string | null;
  comment: string | null;
  /** A supervisor's edit: "replaces MECH-JAM by Ben Operator"; null otherwise. */
  replacedText: string | null;
  stop: DowntimeStop;
}

/** "Mechanical › Bottle jam at infeed" */
export function reasonText(reason: Pick<AssignedReason, 'texts' | 'code'>): string {
  return reason.texts.length === 0 ? reason.code : reason.texts.join(' › ');
}

/** The stops newest first, as the list shows them. */
export function stopRows(stops: readonly DowntimeStop[], timeZone: string, periodFrom: number): StopRow[] {
  return [...stops]
    .sort((a, b) => b.from - a.from || a.asset.localeCompare(b.asset))
    .map((stop) => ({
      id: stop.id,
      assetName: stop.assetName,
      startText: formatStopTime(stop.from, timeZone, periodFrom),
      durationText: formatDuration(stop.durationMs),
      stateText: stateWords[stop.state],
      state: stop.state,
      faultCode: stop.faultCode ?? '',
      ongoing: stop.ongoing,
      reasonText: stop.reason === undefined ? null : reasonText(stop.reason),
      givenBy: stop.reason === undefined ? null : `${stop.reason.user}, ${formatStopTime(stop.reason.at, timeZone, periodFrom)}`,
      comment: stop.reason?.comment ?? null,
      replacedText: stop.reason?.replaced === undefined ? null : `replaces "${stop.reason.replaced.texts.at(-1) ?? stop.reason.replaced.code}" by ${stop.reason.replaced.user}`,
      stop,
    }));
}

export interface ReasonGroup {
  /** The top-level group's text ("Mechanical"). */
  text: string;
  choices: ReasonChoiceInfo[];
}

export interface ReasonPanelModel {
  /** The big buttons: suggested reasons, most likely first, at most six. */
  suggested: ReasonChoiceInfo[];
  /** Every reason under its top-level group, in the order given. */
  groups: ReasonGroup[];
}

export const maxSuggested = 6;

export function reasonPanel(choices: readonly ReasonChoiceInfo[]): ReasonPanelModel {
  const groups: ReasonGroup[] = [];
  for (const choice of choices) {
    const text = choice.texts.length > 1 ? choice.texts[0]! : 'Other';
    let group = groups.find((g) => g.text === text);
    if (group === undefined) groups.push((group = { text, choices: [] }));
    group.choices.push(choice);
  }
  return { suggested: choices.filter((c) => c.suggested).slice(0, maxSuggested), groups };
}

/** What the panel says when a call was refused ("Not saved: …"). */
export function refusalText(result: Extract<Result<unknown>, { ok: false }>, what: 'load' | 'assign'): string {
  const prefix = what === 'load' ? 'Reasons could not be loaded' : 'Reason not saved';
  if (result.error.code === 'disconnected') return `${prefix}: there is no connection to the runtime.`;
  return `${prefix}: ${result.error.message}`;
}
