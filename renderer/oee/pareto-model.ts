/**
 * The loss Pareto's pure part: the bars largest first, each with its share of the total
 * downtime, the cumulative share and its length against the largest bar; bars of stops
 * without a reason keep their `assigned: false` (the view marks them with a badge). No React.
 */
import type { ParetoBar } from '../../core/contract/index.js';
import { formatDuration } from './oee-model.js';

export interface ParetoRow {
  key: string;
  label: string;
  assigned: boolean;
  ms: number;
  durationText: string;
  stops: number;
  /** Share of all the Pareto's downtime, %. */
  percent: number;
  /** This bar and all larger ones, % of the total. */
  cumulativePercent: number;
  /** Bar length, 0–100, against the largest bar. */
  barPercent: number;
}

export function paretoRows(bars: readonly ParetoBar[]): ParetoRow[] {
  const sorted = [...bars].filter((b) => b.ms > 0).sort((a, b) => b.ms - a.ms || a.label.localeCompare(b.label));
  const total = sorted.reduce((sum, b) => sum + b.ms, 0);
  const max = sorted[0]?.ms ?? 0;
  let running = 0;
  return sorted.map((bar) => {
    running += bar.ms;
    return {
      key: bar.key,
      label: bar.label,
      assigned: bar.assigned,
      ms: bar.ms,
      durationText: formatDuration(bar.ms),
      stops: bar.stops,
      percent: total === 0 ? 0 : (100 * bar.ms) / total,
      cumulativePercent: total === 0 ? 0 : (100 * running) / total,
      barPercent: max === 0 ? 0 : (100 * bar.ms) / max,
    };
  });
}

/** "12 %": whole percent, "<1 %" for a sliver. */
export function formatShare(percent: number): string {
  if (!Number.isFinite(percent)) return '—';
  if (percent > 0 && percent < 1) return '<1 %';
  return `${Math.round(percent)} %`;
}
