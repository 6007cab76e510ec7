/**
 * The time a trend shows: range presets, live windows that follow now, and the arithmetic
 * of zooming and panning a fixed range. Pure functions; times are UTC epoch ms.
 */

export const rangePresetIds = ['10m', '1h', '8h', '24h', '7d', '30d', '1y'] as const;
export type RangePresetId = (typeof rangePresetIds)[number];

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

export const rangePresets: readonly { id: RangePresetId; label: string; ms: number }[] = [
  { id: '10m', label: '10 min', ms: 10 * minute },
  { id: '1h', label: '1 h', ms: hour },
  { id: '8h', label: 'Shift 8 h', ms: 8 * hour },
  { id: '24h', label: '24 h', ms: day },
  { id: '7d', label: '7 days', ms: 7 * day },
  { id: '30d', label: '30 days', ms: 30 * day },
  { id: '1y', label: '1 year', ms: 365 * day },
];

export const defaultPreset: RangePresetId = '10m';

/** The shortest and longest span a zoom may reach. */
export const minSpanMs = 10_000;
export const maxSpanMs = 2 * 365 * day;
/** The contract's time bounds. */
const maxTime = 7_258_118_400_000;

export function isRangePresetId(value: unknown): value is RangePresetId {
  return typeof value === 'string' && (rangePresetIds as readonly string[]).includes(value);
}

export function presetMs(id: RangePresetId): number {
  return rangePresets.find((preset) => preset.id === id)!.ms;
}

/** The preset whose span this is, if any. */
export function presetForSpan(spanMs: number): RangePresetId | null {
  return rangePresets.find((preset) => preset.ms === spanMs)?.id ?? null;
}

/**
 * What the chart shows. Live: the last `spanMs` up to now, following it. Fixed: from–to,
 * reached by panning, zooming or picking a preset away from live.
 */
export type TrendView = { live: true; spanMs: number } | { live: false; spanMs: number; from: number; to: number };

export interface TimeRange {
  from: number;
  to: number;
}

export function liveView(spanMs: number = presetMs(defaultPreset)): TrendView {
  return { live: true, spanMs };
}

/** The range a view covers at `now`. */
export function viewRange(view: TrendView, now: number): TimeRange {
  return view.live ? { from: now - view.spanMs, to: now } : { from: view.from, to: view.to };
}

/** Whole milliseconds, within the contract's bounds, span between min and max (kept around the middle when clamped). */
export function clampRange(range: TimeRange): TimeRange {
  let from = range.from;
  let to = range.to;
  const span = Math.min(maxSpanMs, Math.max(minSpanMs, to - from));
  if (to - from !== span) {
    const middle = (from + to) / 2;
    from = middle - span / 2;
    to = middle + span / 2;
  }
  if (from < 0) {
    to -= from;
    from = 0;
  }
  if (to > maxTime) {
    from -= to - maxTime;
    to = maxTime;
  }
  return { from: Math.round(from), to: Math.round(to) };
}

/** A fixed view of a range. */
export function fixedView(range: TimeRange): TrendView {
  const { from, to } = clampRange(range);
  return { live: false, spanMs: to - from, from, to };
}

/** Zooms by `factor` (< 1 in, > 1 out) keeping the time at `anchor` where it is on screen. */
export function zoomAround(range: TimeRange, anchor: number, factor: number): TimeRange {
  const span = range.to - range.from;
  const target = Math.min(maxSpanMs, Math.max(minSpanMs, span * factor));
  const ratio = span > 0 ? (anchor - range.from) / span : 0.5;
  const share = Math.min(1, Math.max(0, ratio));
  const from = anchor - share * target;
  return clampRange({ from, to: from + target });
}

/** Moves the range by `deltaMs` (positive: later). */
export function panBy(range: TimeRange, deltaMs: number): TimeRange {
  return clampRange({ from: range.from + deltaMs, to: range.to + deltaMs });
}

/** Picking a preset: live stays live with the new span; a fixed view keeps its end and takes the span. */
export function applyPreset(view: TrendView, id: RangePresetId, now: number): TrendView {
  const spanMs = presetMs(id);
  if (view.live) return { live: true, spanMs };
  const end = Math.min(view.to, now);
  return fixedView({ from: end - spanMs, to: end });
}

/** Milliseconds per pixel column of a chart `width` px wide. */
export function pixelMs(range: TimeRange, width: number): number {
  return (range.to - range.from) / Math.max(1, width);
}

/**
 * The gap threshold for a pen: good samples further apart than this are drawn as a break.
 * Ten sample periods at least (one late sample is no gap), four pixel columns (a gap
 * narrower than that cannot be seen), and above the rollup interval a long range may be
 * answered from (1 min for ranges over 6 h, 1 h over 3 days), so rollups do not read as gaps.
 */
export function maxGapFor(sampleRateMs: number, range: TimeRange, width: number): number {
  const span = range.to - range.from;
  const rollup = span > 3 * day ? 2.5 * hour : span > 6 * hour ? 2.5 * minute : 0;
  return Math.round(Math.max(10 * sampleRateMs, 15_000, 4 * pixelMs(range, width), rollup));
}

const dateTime = new Intl.DateTimeFormat(undefined, { day: '2-digit', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const dateOnly = new Intl.DateTimeFormat(undefined, { day: '2-digit', month: 'short', year: 'numeric' });

/** "2 h 30 min", "7 days", "45 s": the span of a range as people say it. */
export function formatSpan(ms: number): string {
  if (ms < minute) return `${Math.round(ms / 1000)} s`;
  if (ms < hour) return `${Math.round(ms / minute)} min`;
  if (ms < 2 * day) {
    const h = Math.floor(ms / hour);
    const m = Math.round((ms % hour) / minute);
    return m === 0 ? `${h} h` : `${h} h ${m} min`;
  }
  if (ms < 60 * day) return `${+(ms / day).toFixed(1)} days`;
  const years = +(ms / (365 * day)).toFixed(2);
  return years === 1 ? '1 year' : `${years} years`;
}

/** The heading of a view: "Live · last 10 min" or "21 Nov 09:00 – 21 Nov 10:00 · 1 h". */
export function describeView(view: TrendView): string {
  if (view.live) return `Live · last ${formatSpan(view.spanMs)}`;
  const format = view.spanMs >= 60 * day ? dateOnly : dateTime;
  return `${format.format(view.from)} – ${format.format(view.to)} · ${formatSpan(view.spanMs)}`;
}
