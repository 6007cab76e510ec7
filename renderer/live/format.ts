/**
 * How values read on screen: numbers with the tag's decimals and grouping, state words as
 * their labels, fault codes with their text, times in local time. Pure functions.
 */
import type { StateLabel, TagInfo } from '../../core/contract/index.js';
import type { LiveScalar } from './live-store.js';

export const noValue = '—';

const numberFormats = new Map<number, Intl.NumberFormat>();

function numberFormat(decimals: number): Intl.NumberFormat {
  let format = numberFormats.get(decimals);
  if (format === undefined) {
    format = new Intl.NumberFormat(undefined, { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    numberFormats.set(decimals, format);
  }
  return format;
}

const integerTypes: ReadonlySet<string> = new Set(['int16', 'uint16', 'int32', 'uint32']);

/** Decimals to show: the tag's own, else none for integer types and 2 for floats. */
export function decimalsFor(info: TagInfo | undefined): number {
  if (info?.decimals !== undefined) return Math.max(0, Math.min(10, Math.trunc(info.decimals)));
  if (info !== undefined && integerTypes.has(info.dataType)) return 0;
  return 2;
}

export function formatNumber(value: number, decimals: number): string {
  if (!Number.isFinite(value)) return noValue;
  return numberFormat(decimals).format(value);
}

export type Severity = StateLabel['severity'];

export interface StateView {
  label: string;
  severity: Severity;
}

/** The label and severity of a state word value; an unknown code reads "State n" and needs attention. */
export function stateView(states: readonly StateLabel[] | undefined, value: LiveScalar): StateView {
  if (typeof value !== 'number' || !Number.isFinite(value)) return { label: noValue, severity: 'normal' };
  const known = states?.find((s) => s.value === value);
  if (known !== undefined) return { label: known.label, severity: known.severity };
  return { label: `State ${value}`, severity: 'attention' };
}

/** "F204 Fill valve fault"; the bare code when the plant has no text for it; "" for no fault. */
export function faultDisplay(code: LiveScalar, faultTexts: Readonly<Record<string, string>>): string {
  if (code === null) return '';
  const text = String(code).trim();
  if (text === '' || text === '0') return '';
  const description = faultTexts[text];
  return description === undefined ? text : `${text} ${description}`;
}

/** The text a live value shows (without its unit). */
export function formatLiveValue(
  value: LiveScalar,
  info: TagInfo | undefined,
  faultTexts: Readonly<Record<string, string>> = {},
): string {
  if (value === null) return noValue;
  if (info?.states !== undefined && info.states.length > 0) return stateView(info.states, value).label;
  if (typeof value === 'string') {
    if (info?.role === 'fault') return faultDisplay(value, faultTexts) || noValue;
    return value === '' ? noValue : value;
  }
  if (info?.dataType === 'bool') return value !== 0 ? 'On' : 'Off';
  return formatNumber(value, decimalsFor(info));
}

// Plant floors read 24-hour time; the locale still decides separators and date order.
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  day: '2-digit',
  month: 'short',
  hourCycle: 'h23',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});
const clockDateFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: '2-digit', month: 'short', year: 'numeric' });

function sameLocalDay(a: number, b: number): boolean {
  const x = new Date(a);
  const y = new Date(b);
  return x.getFullYear() === y.getFullYear() && x.getMonth() === y.getMonth() && x.getDate() === y.getDate();
}

/** Local time of an epoch-ms timestamp; with the date when it is not from the day of `now`. */
export function formatTimestamp(ts: number, now: number): string {
  if (!Number.isFinite(ts)) return noValue;
  return sameLocalDay(ts, now) ? timeFormat.format(ts) : dateTimeFormat.format(ts);
}

export function formatClockTime(ts: number): string {
  return Number.isFinite(ts) ? timeFormat.format(ts) : noValue;
}

export function formatClockDate(ts: number): string {
  return Number.isFinite(ts) ? clockDateFormat.format(ts) : '';
}

/** A sample interval as people say it: "250 ms", "2 s", "5 min", "1 h 30 min". */
export function formatInterval(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return noValue;
  // Each unit is used only while its rounded figure stays below the next unit (no "60 s", no "1 h 60 min").
  if (Math.round(ms) < 1_000) return `${Math.round(ms)} ms`;
  if (+(ms / 1_000).toFixed(1) < 60) return `${+(ms / 1_000).toFixed(1)} s`;
  if (+(ms / 60_000).toFixed(1) < 60) return `${+(ms / 60_000).toFixed(1)} min`;
  const totalMinutes = Math.round(ms / 60_000);
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  return minutes === 0 ? `${hours} h` : `${hours} h ${minutes} min`;
}
