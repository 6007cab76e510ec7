/**
 * Axes for the maintenance charts: the plot box, nice linear ticks (1, 2, 5 × 10ⁿ) with as
 * many decimals as their step needs, decade ticks for a logarithmic amplitude, time ticks on
 * whole local hours or days, and a polyline reduced to the chart's pixel columns (max-hold
 * for spectra, min and max for waveforms: a narrow peak is never lost between pixels).
 * No React.
 */
import { formatZoneDay, formatZoneTime, zoneOffsetMs } from '../oee/oee-model.js';

export interface ChartBox {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface Tick {
  value: number;
  /** Pixel position along its axis. */
  at: number;
  label: string;
}

export function plotWidth(box: ChartBox): number {
  return Math.max(1, box.width - box.left - box.right);
}

export function plotHeight(box: ChartBox): number {
  return Math.max(1, box.height - box.top - box.bottom);
}

/** A step of 1, 2 or 5 × 10ⁿ that cuts `span` into about `count` parts. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const n = raw / power;
  return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * power;
}

/** Decimals that show a step: 0 for 1, 2, 5, 10 …; 1 for 0.5; 2 for 0.05. */
export function stepDecimals(step: number): number {
  if (!(step > 0) || !Number.isFinite(step)) return 0;
  return Math.max(0, Math.min(6, Math.ceil(-Math.log10(step) - 1e-9)));
}

/** Multiples of a nice step within [lo, hi] (both ends included when they are multiples). */
export function linearTicks(lo: number, hi: number, count: number): { value: number; label: string }[] {
  if (!(hi > lo)) return [{ value: lo, label: formatTickValue(lo, 1) }];
  const step = niceStep(hi - lo, count);
  const out: { value: number; label: string }[] = [];
  const first = Math.ceil(lo / step - 1e-9);
  for (let k = first; k * step <= hi + step * 1e-9; k++) {
    const value = k * step;
    out.push({ value: Math.abs(value) < step * 1e-9 ? 0 : value, label: formatTickValue(value, step) });
  }
  return out;
}

export function formatTickValue(value: number, step: number): string {
  const v = Math.abs(value) < Math.abs(step) * 1e-9 ? 0 : value;
  return v.toFixed(stepDecimals(step));
}

/** The nice value at or above `value` (the top of a linear axis from 0). */
export function niceCeil(value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) return 1;
  const step = niceStep(value, 5);
  return Math.ceil(value / step - 1e-9) * step;
}

/** Powers of ten within [lo, hi], labelled "0.001", "0.01" … "10". */
export function decadeTicks(lo: number, hi: number): { value: number; label: string }[] {
  const out: { value: number; label: string }[] = [];
  if (!(lo > 0 && hi > lo)) return out;
  for (let e = Math.ceil(Math.log10(lo) - 1e-9); e <= Math.floor(Math.log10(hi) + 1e-9); e++) {
    const value = 10 ** e;
    out.push({ value, label: e >= 0 ? value.toFixed(0) : value.toFixed(-e) });
  }
  return out;
}

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
const timeSteps = [hourMs, 2 * hourMs, 3 * hourMs, 6 * hourMs, 12 * hourMs, dayMs, 2 * dayMs, 7 * dayMs, 14 * dayMs, 28 * dayMs];

/**
 * Labels on whole local hours (spans up to two days: "06:00") or at local midnight ("Mon 7
 * Dec"; weekly ones on Mondays), about `count` of them, between `from` and `to` (UTC ms) in `timeZone`.
 */
export function timeTicks(from: number, to: number, count: number, timeZone: string): { value: number; label: string }[] {
  if (!(to > from)) return [];
  const step = timeSteps.find((s) => (to - from) / s <= count) ?? timeSteps[timeSteps.length - 1]!;
  const out: { value: number; label: string }[] = [];
  const offset = zoneOffsetMs(from, timeZone);
  // Weeks start on Mondays (1 Jan 1970 was a Thursday).
  const phase = step >= 7 * dayMs ? 4 * dayMs : 0;
  for (let local = Math.ceil((from + offset - phase) / step) * step + phase; local - offset <= to; local += step) {
    // The zone's offset may change within the span (summer time): recompute it at each tick.
    const guess = local - offset;
    const value = local - zoneOffsetMs(guess, timeZone);
    if (value < from || value > to) continue;
    out.push({ value, label: step >= dayMs ? formatZoneDay(value, timeZone) : formatZoneTime(value, timeZone) });
  }
  return out;
}

/**
 * A polyline through (x[i], y[i]) reduced to one or two points per pixel column: with `mode`
 * 'max' the column's largest y-value (for spectra: a peak stays a peak); with 'minmax' its
 * least and greatest, in the order they came. `toX`/`toY` map values to pixels.
 */
export function reducedPath(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  toX: (x: number) => number,
  toY: (y: number) => number,
  mode: 'max' | 'minmax',
  range?: { from: number; to: number },
): string {
  const parts: string[] = [];
  let column = Number.NaN;
  let lo = 0;
  let hi = 0;
  let loFirst = true;
  const flush = () => {
    if (Number.isNaN(column)) return;
    const cmd = parts.length === 0 ? 'M' : 'L';
    if (mode === 'max' || lo === hi) parts.push(`${cmd}${column},${toY(hi).toFixed(1)}`);
    else {
      const [a, b] = loFirst ? [lo, hi] : [hi, lo];
      parts.push(`${cmd}${column},${toY(a).toFixed(1)}`, `L${column},${toY(b).toFixed(1)}`);
    }
  };
  for (let i = 0; i < xs.length; i++) {
    const xv = xs[i]!;
    const yv = ys[i]!;
    if (!Number.isFinite(xv) || !Number.isFinite(yv)) continue;
    if (range !== undefined && (xv < range.from || xv > range.to)) continue;
    const c = Math.round(toX(xv));
    if (c !== column) {
      flush();
      column = c;
      lo = yv;
      hi = yv;
      loFirst = true;
    } else {
      if (yv < lo) {
        lo = yv;
        loFirst = false;
      }
      if (yv > hi) {
        hi = yv;
        loFirst = true;
      }
    }
  }
  flush();
  return parts.join(' ');
}
