/**
 * The words and rows of the Engineering screen's review: the core's diff as rows to draw (a
 * sign on every changed line, "+" added and "−" removed, so that the change reads without
 * colour; the line number on each side; a skipped stretch as one line), what applying would
 * do in sentences ("No device reconnects", "Restarts: aux", "Alarms changed: …"), and the
 * running version and where changes go, for the screen's head. Pure.
 */
import type { ConfigDocument, ConfigEffects, ConfigVersionInfo, DiffLine } from '../../core/contract/index.js';
import { formatTimestamp } from '../live/format.js';

export interface DiffRow {
  kind: DiffLine['kind'];
  /** "+", "−" (a minus sign, wider than a hyphen), or "" for the same and skipped lines. */
  sign: string;
  /** The line number in the running config and in the edit ("" where the line is not on that side). */
  oldLine: string;
  newLine: string;
  text: string;
}

export const addedSign = '+';
export const removedSign = '−';

export function diffRows(diff: readonly DiffLine[]): DiffRow[] {
  return diff.map((line) => ({
    kind: line.kind,
    sign: line.kind === 'added' ? addedSign : line.kind === 'removed' ? removedSign : '',
    oldLine: line.oldLine === undefined ? '' : String(line.oldLine),
    newLine: line.newLine === undefined ? '' : String(line.newLine),
    text: line.text,
  }));
}

/** "2 lines added, 1 removed" for the head of the diff. */
export function diffSummary(diff: readonly DiffLine[]): string {
  const added = diff.filter((line) => line.kind === 'added').length;
  const removed = diff.filter((line) => line.kind === 'removed').length;
  if (added === 0 && removed === 0) return 'No line differs';
  const lines = (n: number) => `${n} line${n === 1 ? '' : 's'}`;
  return `${lines(added)} added, ${lines(removed)} removed`;
}

const listed = (label: string, items: readonly string[]): string[] => (items.length === 0 ? [] : [`${label}: ${items.join(', ')}`]);

/** What applying would do, one sentence per kind of change; the devices always first. */
export function effectLines(effects: ConfigEffects): string[] {
  const reconnects = effects.devicesRestarted.length + effects.devicesStarted.length + effects.devicesStopped.length;
  const devices =
    reconnects === 0
      ? [`No device reconnects${effects.devicesUntouched.length > 0 ? ` (${effects.devicesUntouched.join(', ')} keep${effects.devicesUntouched.length === 1 ? 's' : ''} running)` : ''}`]
      : [...listed('Restarts', effects.devicesRestarted), ...listed('Starts', effects.devicesStarted), ...listed('Stops', effects.devicesStopped), ...listed('Untouched', effects.devicesUntouched)];
  return [
    ...devices,
    ...listed('Tags added', effects.tagsAdded),
    ...listed('Tags removed', effects.tagsRemoved),
    ...listed('Tags changed', effects.tagsChanged),
    ...listed('Alarms added', effects.alarmsAdded),
    ...listed('Alarms removed', effects.alarmsRemoved),
    ...listed('Alarms changed', effects.alarmsChanged),
    ...listed('Also changes live', effects.otherChanges),
  ];
}

/** "Running version 3, by eric, 14:02: head limit" (or that no version is stored). */
export function runningLine(doc: ConfigDocument, versions: readonly ConfigVersionInfo[], now: number): string {
  if (doc.version === null) return 'Running config (no version stored: the app runs without a historian)';
  const info = versions.find((version) => version.version === doc.version);
  if (info === undefined) return `Running version ${doc.version}`;
  return `Running version ${info.version}, by ${info.author}, ${formatTimestamp(info.ts, now)}: ${info.comment}`;
}

/** Whether an applied change reaches the config file. */
export function savedLine(doc: ConfigDocument): string {
  return doc.notSaved === undefined ? `Applied changes are saved to ${doc.file}` : `Applied changes run live only, not saved to a file: ${doc.notSaved}`;
}

/** "plant-v3.yaml": the running config's file name for export. */
export function exportFileName(version: number | null): string {
  return version === null ? 'plant.yaml' : `plant-v${version}.yaml`;
}
