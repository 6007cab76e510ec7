/**
 * "Recorded vs replayed", pure: the comparison's rows as the panel shows them. Alarms: one
 * row per alarm id, the ones that differ first (then the most urgent, the largest
 * difference, the id). OEE per line and health per asset keep the plant's order. A figure
 * differs when what is shown differs (A/P/Q/OEE to 0.1 %, health to the whole point), so a
 * highlighted row is always one whose numbers the reader can see apart.
 */
import type { AlarmPriority, OeeFigures, ReplayComparison } from '../../core/contract/index.js';
import { noValue } from '../live/format.js';
import { priorityRank } from '../alarms/alarm-model.js';

export interface AlarmCompareRow {
  alarmId: string;
  priority: AlarmPriority;
  recorded: number;
  replayed: number;
  /** "+2", "−1", "" when equal. */
  deltaText: string;
  differs: boolean;
}

function deltaText(delta: number, decimals = 0): string {
  if (delta === 0 || !Number.isFinite(delta)) return '';
  const size = Math.abs(delta).toFixed(decimals);
  return delta > 0 ? `+${size}` : `−${size}`;
}

export function alarmCompareRows(rows: ReplayComparison['alarms']['rows']): AlarmCompareRow[] {
  return rows
    .map((row) => ({ ...row, deltaText: deltaText(row.replayed - row.recorded), differs: row.recorded !== row.replayed }))
    .sort(
      (a, b) =>
        Number(b.differs) - Number(a.differs) ||
        priorityRank(a.priority) - priorityRank(b.priority) ||
        Math.abs(b.replayed - b.recorded) - Math.abs(a.replayed - a.recorded) ||
        a.alarmId.localeCompare(b.alarmId),
    );
}

/** A 0–1 figure as "85.3 %"; "—" when there is none. */
export function formatFigure(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? noValue : `${(value * 100).toFixed(1)} %`;
}

export const oeeFigureKeys = ['availability', 'performance', 'quality', 'oee'] as const;
export type OeeFigureKey = (typeof oeeFigureKeys)[number];
export const oeeFigureLabels: Record<OeeFigureKey, string> = { availability: 'Availability', performance: 'Performance', quality: 'Quality', oee: 'OEE' };

export interface FigureCell {
  recorded: string;
  replayed: string;
  differs: boolean;
}

export interface OeeCompareRow {
  line: string;
  cells: Record<OeeFigureKey, FigureCell>;
  differs: boolean;
}

export function oeeCompareRows(rows: ReplayComparison['oee']['rows']): OeeCompareRow[] {
  return rows.map((row) => {
    const cell = (key: OeeFigureKey): FigureCell => {
      const recorded = formatFigure(figure(row.recorded, key));
      const replayed = formatFigure(figure(row.replayed, key));
      return { recorded, replayed, differs: recorded !== replayed };
    };
    const cells = { availability: cell('availability'), performance: cell('performance'), quality: cell('quality'), oee: cell('oee') };
    return { line: row.line, cells, differs: oeeFigureKeys.some((key) => cells[key].differs) };
  });
}

function figure(figures: OeeFigures | null, key: OeeFigureKey): number | null {
  return figures === null ? null : figures[key];
}

export interface HealthCompareRow {
  asset: string;
  recorded: string;
  replayed: string;
  deltaText: string;
  differs: boolean;
}

function formatHealth(value: number | null): string {
  return value === null || !Number.isFinite(value) ? noValue : String(Math.round(value));
}

export function healthCompareRows(rows: ReplayComparison['health']['rows']): HealthCompareRow[] {
  return rows.map((row) => {
    const recorded = formatHealth(row.recorded);
    const replayed = formatHealth(row.replayed);
    const both = row.recorded !== null && row.replayed !== null;
    return {
      asset: row.asset,
      recorded,
      replayed,
      deltaText: both ? deltaText(Math.round(row.replayed!) - Math.round(row.recorded!)) : '',
      differs: recorded !== replayed,
    };
  });
}

/** The panel's one-line verdict: "Same as recorded" or what differs, counted. */
export function comparisonSummary(comparison: ReplayComparison): string {
  const alarms = comparison.alarms.rows.filter((row) => row.recorded !== row.replayed).length;
  const lines = oeeCompareRows(comparison.oee.rows).filter((row) => row.differs).length;
  const assets = healthCompareRows(comparison.health.rows).filter((row) => row.differs).length;
  const parts = [
    alarms > 0 ? `${alarms} alarm${alarms === 1 ? '' : 's'}` : '',
    lines > 0 ? `OEE of ${lines} line${lines === 1 ? '' : 's'}` : '',
    assets > 0 ? `health of ${assets} asset${assets === 1 ? '' : 's'}` : '',
  ].filter((part) => part !== '');
  return parts.length === 0 ? 'Replayed as recorded: nothing differs.' : `Differs from the recording: ${parts.join(', ')}.`;
}
