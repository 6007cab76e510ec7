/**
 * Recorded against replayed: what the live app journaled in the capture, beside what the
 * replay recomputed from the same samples (with the capture's config, or with an edited one
 * for a what-if). Alarms are counted by activations per alarm; OEE is each line's report for
 * the replay clock's day, from the capture's data with the capture's config against the
 * replay's; health is the newest score journaled with a vibration snapshot.
 */
import type { AlarmPriority, OeeFigures, OeeReport, ReplayComparison } from '../contract/index.js';
import { queryAlarmJournal } from '../historian/alarm-journal.js';
import type { Historian } from '../historian/historian.js';
import { recordedHealth } from '../historian/pdm-journal.js';
import type { Plant } from '../model/plant.js';

export interface ComparisonInputs {
  recorded: { historian: Historian; plant: Plant; oeeReport: (line: string, at: number) => OeeReport };
  replayed: { historian: Historian | undefined; plant: Plant; oeeReport: (line: string, at: number) => OeeReport };
  from: number;
  /** The replay clock now: the comparison covers [from, now). */
  now: number;
  config: string;
}

export function compareReplay(inputs: ComparisonInputs): ReplayComparison {
  const { from, now } = inputs;
  const to = Math.max(from + 1, now);
  return { from, to, config: inputs.config, alarms: compareAlarms(inputs, from, to), oee: compareOee(inputs, to), health: compareHealth(inputs, from, to) };
}

function activations(historian: Historian | undefined, from: number, to: number): Map<string, { priority: AlarmPriority; count: number }> {
  const counts = new Map<string, { priority: AlarmPriority; count: number }>();
  if (!historian) return counts;
  for (const event of queryAlarmJournal(historian, { from, to, kinds: ['activated'], limit: 1_000_000 })) {
    const entry = counts.get(event.alarmId) ?? { priority: event.priority, count: 0 };
    entry.count++;
    counts.set(event.alarmId, entry);
  }
  return counts;
}

function compareAlarms(inputs: ComparisonInputs, from: number, to: number): ReplayComparison['alarms'] {
  const recorded = activations(inputs.recorded.historian, from, to);
  const replayed = activations(inputs.replayed.historian, from, to);
  const ids = [...new Set([...recorded.keys(), ...replayed.keys()])];
  const rows = ids.map((alarmId) => ({
    alarmId,
    priority: (recorded.get(alarmId) ?? replayed.get(alarmId))!.priority,
    recorded: recorded.get(alarmId)?.count ?? 0,
    replayed: replayed.get(alarmId)?.count ?? 0,
  }));
  rows.sort((a, b) => Number(b.recorded !== b.replayed) - Number(a.recorded !== a.replayed) || b.recorded + b.replayed - (a.recorded + a.replayed) || a.alarmId.localeCompare(b.alarmId));
  const total = (counts: Map<string, { count: number }>) => [...counts.values()].reduce((sum, entry) => sum + entry.count, 0);
  return { rows, recordedTotal: total(recorded), replayedTotal: total(replayed) };
}

function figures(report: () => OeeReport): OeeFigures | null {
  try {
    const result = report().result;
    return result ? { availability: result.availability, performance: result.performance, quality: result.quality, oee: result.oee } : null;
  } catch {
    return null;
  }
}

function compareOee(inputs: ComparisonInputs, to: number): ReplayComparison['oee'] {
  const at = to - 1;
  const lines = inputs.replayed.plant.lines.filter((line) => line.constraint);
  return {
    rows: lines.map((line) => ({
      line: line.path,
      recorded: figures(() => inputs.recorded.oeeReport(line.path, at)),
      replayed: figures(() => inputs.replayed.oeeReport(line.path, at)),
    })),
  };
}

function compareHealth(inputs: ComparisonInputs, from: number, to: number): ReplayComparison['health'] {
  const assets = inputs.replayed.plant.lines.flatMap((line) => line.assets).filter((asset) => asset.pdm);
  const newest = (historian: Historian | undefined, asset: string) => (historian ? (recordedHealth(historian, asset, from, to).at(-1)?.health ?? null) : null);
  return {
    rows: assets.map((asset) => ({ asset: asset.path, recorded: newest(inputs.recorded.historian, asset.path), replayed: newest(inputs.replayed.historian, asset.path) })),
  };
}
