/**
 * The alarm-system health view's pure parts: each KPI next to its EEMUA 191 / ISA-18.2
 * reference and a plain-words verdict (colour is added only where the verdict is bad), and
 * the priority split against ISA-18.2's guide. No React.
 */
import { alarmPriorities } from '../../core/contract/index.js';
import type { AlarmKpis, AlarmPriority } from '../../core/contract/index.js';

export type Verdict = { words: string; level: 'ok' | 'attention' | 'abnormal' };

/** EEMUA 191's benchmark for the long-term average rate, per 10 minutes per operator. */
export function averageRateVerdict(per10Min: number): Verdict {
  if (per10Min <= 1) return { words: 'Very likely acceptable', level: 'ok' };
  if (per10Min <= 2) return { words: 'Manageable', level: 'ok' };
  if (per10Min <= 10) return { words: 'Likely over-demanding', level: 'attention' };
  return { words: 'Very likely unacceptable', level: 'abnormal' };
}

/** More than 10 alarms in 10 minutes is a flood. */
export function peakRateVerdict(peak: number): Verdict {
  return peak > 10 ? { words: 'Flood', level: 'abnormal' } : { words: 'No flood', level: 'ok' };
}

/** ISA-18.2: less than about 1 % of the time in flood. */
export function floodTimeVerdict(fraction: number): Verdict {
  if (fraction < 0.01) return { words: 'Within target', level: 'ok' };
  return fraction < 0.05 ? { words: 'Above target', level: 'attention' } : { words: 'Far above target', level: 'abnormal' };
}

/** ISA-18.2: chattering alarms should be none; stale alarms fewer than 5. */
export function countVerdict(count: number, target: number): Verdict {
  return count <= target ? { words: 'Within target', level: 'ok' } : { words: 'Above target', level: 'attention' };
}

/** ISA-18.2's guide for the priorities of annunciated alarms (with four priorities), in %. */
export const priorityGuide: Partial<Record<AlarmPriority, number>> = { critical: 1, high: 5, medium: 15, low: 79 };

/** Each priority's share of the activations, in % (0 when there were none). */
export function priorityShares(distribution: Record<AlarmPriority, number>): { priority: AlarmPriority; count: number; percent: number }[] {
  const total = alarmPriorities.reduce((sum, p) => sum + (distribution[p] ?? 0), 0);
  return alarmPriorities.map((priority) => {
    const count = distribution[priority] ?? 0;
    return { priority, count, percent: total === 0 ? 0 : (100 * count) / total };
  });
}

/** Share of all activations that came from the top ten, in %. */
export function topTenShare(kpis: Pick<AlarmKpis, 'top10' | 'activations'>): number {
  if (kpis.activations === 0) return 0;
  return (100 * kpis.top10.reduce((sum, entry) => sum + entry.activations, 0)) / kpis.activations;
}

/** "0.42", "3.1", "12": two significant digits for small numbers. */
export function formatRate(value: number): string {
  if (!Number.isFinite(value)) return '—';
  if (value === 0) return '0';
  if (value < 1) return value.toFixed(2);
  if (value < 10) return value.toFixed(1);
  return value.toFixed(0);
}

/** "0.4 %", "12 %". */
export function formatPercent(fraction: number): string {
  const percent = fraction * 100;
  return `${percent > 0 && percent < 10 ? percent.toFixed(1) : percent.toFixed(0)} %`;
}
