/**
 * The OEE screens' pure parts: figures as the operator reads them (percent, durations,
 * counts), the four big figures against their targets, the constraint sentence, the
 * unassigned-stops summary, the six big losses and the reliability figures, and times
 * formatted in the plant's time zone (the report's, not the browser's). No React.
 */
import type { NullableKpi, OeeReport, OeeResult, OeeState, OeeTargets } from '../../core/contract/index.js';

export const noValue = '—';

const minute = 60_000;
const hour = 60 * minute;

/** "84.3 %"; "—" for null. */
export function formatPercent(fraction: number | null | undefined, decimals = 1): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return noValue;
  return `${(fraction * 100).toFixed(decimals)} %`;
}

/** A target as configured: "85 %", "99.9 %" (as many decimals as it has, at most two). */
export function formatTarget(fraction: number): string {
  const percent = Math.round(fraction * 10_000) / 100;
  return `${percent} %`;
}

/** A length of time as people say it: "45 s", "4 min 10 s", "34 min", "2 h 05 min". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return noValue;
  const negative = ms < 0;
  const abs = Math.abs(ms);
  let text: string;
  if (abs < minute) text = `${Math.round(abs / 1000)} s`;
  else if (abs < 10 * minute) {
    const total = Math.round(abs / 1000);
    const s = total % 60;
    text = s === 0 ? `${Math.floor(total / 60)} min` : `${Math.floor(total / 60)} min ${s} s`;
  } else if (abs < hour) text = `${Math.round(abs / minute)} min`;
  else {
    const total = Math.round(abs / minute);
    text = `${Math.floor(total / 60)} h ${String(total % 60).padStart(2, '0')} min`;
  }
  return negative ? `−${text}` : text;
}

const countFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** "12,480"; "—" for null (no such counter). */
export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? noValue : countFormat.format(value);
}

/** The words for each state, as the timeline, the legend and the stop list say them. */
export const stateWords: Record<OeeState, string> = {
  running: 'Running',
  idle: 'Idle',
  starved: 'Starved',
  blocked: 'Blocked',
  down: 'Down',
  'planned-stop': 'Planned stop',
  changeover: 'Changeover',
  unknown: 'Unknown',
};

export type KpiKey = keyof OeeTargets;

export interface KpiFigure {
  key: KpiKey;
  label: string;
  value: number | null;
  text: string;
  target: number;
  targetText: string;
  /** Below target: shown in the loss colour. */
  below: boolean;
  /** Bar length, 0–100 (% of 100 %). */
  barPercent: number;
  /** Why the figure is null. */
  why?: string;
}

const kpiLabels: Record<KpiKey, string> = { availability: 'Availability', performance: 'Performance', quality: 'Quality', oee: 'OEE' };
const kpiOrder: KpiKey[] = ['availability', 'performance', 'quality', 'oee'];

/** A, P, Q and OEE of the line's result against the report's targets. */
export function kpiFigures(result: OeeResult | null, targets: OeeTargets, whyNoResult?: string): KpiFigure[] {
  return kpiOrder.map((key) => {
    const value = result === null ? null : result[key];
    const figure: KpiFigure = {
      key,
      label: kpiLabels[key],
      value,
      text: formatPercent(value),
      target: targets[key],
      targetText: formatTarget(targets[key]),
      below: value !== null && value < targets[key] - 1e-9,
      barPercent: value === null ? 0 : Math.max(0, Math.min(100, value * 100)),
    };
    const why = result === null ? whyNoResult : result.why[key as NullableKpi];
    if (value === null && why !== undefined) figure.why = why;
    return figure;
  });
}

/** The name of an asset of the report (its path when the report does not list it). */
export function assetName(report: Pick<OeeReport, 'assets'>, asset: string): string {
  return report.assets.find((a) => a.asset === asset)?.name ?? asset;
}

/** "Line OEE follows the Filler, its constraint."; or why the line has no figures. */
export function constraintSentence(report: Pick<OeeReport, 'constraint' | 'assets' | 'why'>): string {
  if (report.constraint === null) return report.why ?? 'No constraint asset is configured for this line, so it has no OEE of its own.';
  return `Line OEE follows the ${assetName(report, report.constraint)}, its constraint.`;
}

/** "3 stops without a reason, 12 min"; "Every stop has a reason". */
export function unassignedSummary(unassigned: OeeReport['unassigned']): string {
  if (unassigned.stops === 0) return 'Every stop has a reason';
  const count = `${unassigned.stops} stop${unassigned.stops === 1 ? '' : 's'} without a reason`;
  // A stop inside planned time (or just begun) loses nothing yet: no "0 s".
  return unassigned.ms < 1000 ? count : `${count}, ${formatDuration(unassigned.ms)}`;
}

export type LossCategory = 'availability' | 'performance' | 'quality';

export interface LossRow {
  key: string;
  label: string;
  category: LossCategory;
  ms: number | null;
  text: string;
  /** Bar length, 0–100, against the largest loss. */
  barPercent: number;
}

/** The six big losses of a result, in the standard's order, bars against the largest. */
export function sixBigLosses(result: OeeResult): LossRow[] {
  const l = result.losses;
  const rows: Omit<LossRow, 'barPercent' | 'text'>[] = [
    { key: 'breakdowns', label: 'Breakdowns', category: 'availability', ms: l.breakdownsMs },
    { key: 'setup', label: 'Setup and adjustment', category: 'availability', ms: l.setupMs },
    { key: 'small-stops', label: 'Small stops', category: 'performance', ms: l.smallStopsMs },
    { key: 'reduced-speed', label: 'Reduced speed', category: 'performance', ms: l.reducedSpeedMs },
    { key: 'startup-rejects', label: 'Startup rejects', category: 'quality', ms: l.startupRejectsMs },
    { key: 'production-rejects', label: 'Production rejects', category: 'quality', ms: l.productionRejectsMs },
  ];
  const max = Math.max(0, ...rows.map((r) => r.ms ?? 0));
  return rows.map((r) => ({ ...r, text: formatDuration(r.ms), barPercent: max <= 0 || r.ms === null ? 0 : Math.max(0, (100 * r.ms) / max) }));
}

export interface FigureRow {
  label: string;
  text: string;
  why?: string;
}

/** MTBF, MTTR, failures and micro-stops of a result. */
export function reliabilityRows(result: OeeResult): FigureRow[] {
  const r = result.reliability;
  return [
    withWhy({ label: 'MTBF', text: formatDuration(r.mtbfMs) }, r.mtbfMs, result.why.mtbfMs),
    withWhy({ label: 'MTTR', text: formatDuration(r.mttrMs) }, r.mttrMs, result.why.mttrMs),
    { label: 'Failures', text: formatCount(r.failures) },
    { label: 'Micro-stops', text: formatCount(r.microStops) },
  ];
}

/** Produced, good, rejects, first-pass yield, scrap rate (and energy per good unit when known). */
export function quantityRows(result: OeeResult): FigureRow[] {
  const q = result.quantities;
  const rows = [
    { label: 'Produced', text: formatCount(q.produced) },
    { label: 'Good', text: formatCount(q.good) },
    { label: 'Rejects', text: formatCount(q.rejects) },
    withWhy({ label: 'First-pass yield', text: formatPercent(result.firstPassYield) }, result.firstPassYield, result.why.firstPassYield),
    withWhy({ label: 'Scrap rate', text: formatPercent(result.scrapRate, 2) }, result.scrapRate, result.why.scrapRate),
  ];
  if (result.energyPerGoodUnit !== null) rows.push({ label: 'Energy per good unit', text: formatEnergy(result.energyPerGoodUnit) });
  const unknown = unknownTimeRow(result);
  if (unknown) rows.push({ label: unknown.label, text: unknown.value, why: unknown.why });
  return rows;
}

/**
 * Time whose machine state is not known (no data: the app was not running or a device was
 * lost; bad quality): it stays in planned busy time and lowers availability, so it is shown
 * whenever there is some, to explain a low figure. Null when there is none.
 */
export function unknownTimeRow(result: OeeResult): { label: string; value: string; why: string } | null {
  const { unknownMs, noDataMs } = result.times;
  if (!(unknownMs > 0)) return null;
  const why = noDataMs >= unknownMs ? 'no data (the app was not running, or the device was lost)' : noDataMs > 0 ? `${formatDuration(noDataMs)} without data, the rest bad quality or unmapped states` : 'bad quality or unmapped states';
  return { label: 'State unknown', value: formatDuration(unknownMs), why: `${why}: counted as lost, not as production` };
}

/** "0.021 kWh"; small figures keep three significant digits. */
export function formatEnergy(kWh: number): string {
  if (!Number.isFinite(kWh)) return noValue;
  return `${kWh >= 10 ? kWh.toFixed(1) : kWh.toPrecision(3)} kWh`;
}

function withWhy(row: FigureRow, value: number | null, why: string | undefined): FigureRow {
  return value === null && why !== undefined ? { ...row, why } : row;
}

// ---------- Time in the plant's zone ----------

const formats = new Map<string, Intl.DateTimeFormat>();

function zoneFormat(timeZone: string, kind: 'time' | 'seconds' | 'dateTime' | 'day' | 'date' | 'parts'): Intl.DateTimeFormat {
  const key = `${timeZone}|${kind}`;
  let format = formats.get(key);
  if (format === undefined) {
    const options: Intl.DateTimeFormatOptions = { hourCycle: 'h23', timeZone: safeZone(timeZone) };
    if (kind === 'time') Object.assign(options, { hour: '2-digit', minute: '2-digit' });
    if (kind === 'seconds') Object.assign(options, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
    if (kind === 'dateTime') Object.assign(options, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
    if (kind === 'day') Object.assign(options, { weekday: 'short', day: 'numeric', month: 'short' });
    if (kind === 'date') Object.assign(options, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
    if (kind === 'parts') Object.assign(options, { year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    format = new Intl.DateTimeFormat('en-GB', options);
    formats.set(key, format);
  }
  return format;
}

/** The zone itself when the browser knows it, else UTC (the label then says so). */
function safeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

/** "06:14" in the plant's zone. */
export function formatZoneTime(ms: number, timeZone: string): string {
  return Number.isFinite(ms) ? zoneFormat(timeZone, 'time').format(ms) : noValue;
}

/** "06:14:09" in the plant's zone. */
export function formatZoneSeconds(ms: number, timeZone: string): string {
  return Number.isFinite(ms) ? zoneFormat(timeZone, 'seconds').format(ms) : noValue;
}

/** "Sun 22 Nov, 06:14" in the plant's zone. */
export function formatZoneDateTime(ms: number, timeZone: string): string {
  return Number.isFinite(ms) ? zoneFormat(timeZone, 'dateTime').format(ms) : noValue;
}

/** "Sun 22 Nov" in the plant's zone. */
export function formatZoneDay(ms: number, timeZone: string): string {
  return Number.isFinite(ms) ? zoneFormat(timeZone, 'day').format(ms) : noValue;
}

/** "Sun 22 Nov 2026" in the plant's zone. */
export function formatZoneDate(ms: number, timeZone: string): string {
  return Number.isFinite(ms) ? zoneFormat(timeZone, 'date').format(ms) : noValue;
}

/** A time within the period's day shows as "06:14", otherwise with its day: "Sat 21 Nov, 23:50". */
export function formatStopTime(ms: number, timeZone: string, periodFrom: number): string {
  return formatZoneDay(ms, timeZone) === formatZoneDay(periodFrom, timeZone) ? formatZoneTime(ms, timeZone) : formatZoneDateTime(ms, timeZone);
}

/** The zone's offset from UTC at a time, ms (local = utc + offset). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  const parts = zoneFormat(timeZone, 'parts').formatToParts(ms);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? '0');
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'), get('second'));
  return local - Math.floor(ms / 1000) * 1000;
}

/** "Plant time: Europe/Berlin (UTC+1)"; "Plant time: UTC". */
export function zoneText(timeZone: string, at: number): string {
  const zone = safeZone(timeZone);
  const offset = zoneOffsetMs(at, zone) / minute;
  const sign = offset < 0 ? '−' : '+';
  const abs = Math.abs(offset);
  const offsetText = offset === 0 ? 'UTC' : `UTC${sign}${Math.floor(abs / 60)}${abs % 60 === 0 ? '' : `:${String(abs % 60).padStart(2, '0')}`}`;
  const name = zone === timeZone ? zone : `${timeZone} (unknown here, shown as UTC)`;
  return name === 'UTC' ? 'Plant time: UTC' : `Plant time: ${name} (${offsetText})`;
}
