/**
 * The waveform viewer's pure parts: the whole record drawn as a band from its min/max
 * columns (merged further when there are more columns than pixels), the detail stretch of
 * raw samples, the window that chooses it (its start kept inside the record; moved by a
 * window's length, or centred where the record was tapped), a symmetric amplitude scale,
 * and time axes in s or ms. No React.
 */
import type { WaveformView } from '../../core/contract/index.js';
import { linearTicks, niceCeil, plotHeight, plotWidth, reducedPath } from './axis-model.js';
import type { ChartBox, Tick } from './axis-model.js';

/** The detail window's lengths on offer, s. */
export const detailLengths: readonly number[] = [0.05, 0.1, 0.5];

/** "50 ms", "0.5 s", "1.00 s". */
export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '—';
  if (Math.abs(s) < 1) return `${(s * 1000).toFixed(Math.abs(s) < 0.01 ? 1 : 0)} ms`;
  return `${s.toFixed(2)} s`;
}

/** A start for a window of `lengthS` inside a record of `durationS`, on whole milliseconds. */
export function clampDetailFrom(fromS: number, lengthS: number, durationS: number): number {
  const last = Math.max(0, durationS - lengthS);
  const clamped = Math.min(last, Math.max(0, Number.isFinite(fromS) ? fromS : 0));
  return Math.floor(clamped * 1000 + 1e-6) / 1000;
}

/** The window moved by one of its lengths, earlier (−1) or later (+1). */
export function stepDetail(fromS: number, lengthS: number, durationS: number, direction: -1 | 1): number {
  return clampDetailFrom(fromS + direction * lengthS, lengthS, durationS);
}

/** The window centred on the time tapped in the whole record. */
export function detailAround(atS: number, lengthS: number, durationS: number): number {
  return clampDetailFrom(atS - lengthS / 2, lengthS, durationS);
}

/** A symmetric amplitude scale that holds every value: ±top with ticks. */
function amplitudeScale(values: Iterable<number>): { top: number; ticks: { value: number; label: string }[] } {
  let peak = 0;
  for (const v of values) if (Number.isFinite(v) && Math.abs(v) > peak) peak = Math.abs(v);
  const top = niceCeil(peak * 1.02);
  return { top, ticks: linearTicks(-top, top, 4) };
}

function* both(view: Pick<WaveformView, 'min' | 'max'>): Iterable<number> {
  yield* view.min;
  yield* view.max;
}

export interface OverviewGeometry {
  /** The band between the columns' least and greatest values, closed. */
  band: string;
  xTicks: Tick[];
  yTicks: Tick[];
  /** The detail window, in pixels. */
  window: { x1: number; x2: number };
  /** The time at a pixel x (for a tap). */
  timeAt(x: number): number;
}

export function overviewGeometry(view: WaveformView, box: ChartBox, detail: { fromS: number; lengthS: number }): OverviewGeometry {
  const w = plotWidth(box);
  const h = plotHeight(box);
  const duration = view.durationS > 0 ? view.durationS : 1;
  const x = (s: number) => box.left + (s / duration) * w;
  const { top, ticks } = amplitudeScale(both(view));
  const y = (v: number) => box.top + h * (1 - (v + top) / (2 * top));
  // Merge the columns that fall on one pixel: least of the minima, greatest of the maxima.
  const cols = new Map<number, { lo: number; hi: number }>();
  for (let i = 0; i < Math.min(view.min.length, view.max.length); i++) {
    const lo = view.min[i]!;
    const hi = view.max[i]!;
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) continue;
    const px = Math.round(x((i * view.perColumn) / view.sampleRateHz));
    const c = cols.get(px);
    if (c === undefined) cols.set(px, { lo, hi });
    else {
      c.lo = Math.min(c.lo, lo);
      c.hi = Math.max(c.hi, hi);
    }
  }
  const pixels = [...cols.keys()].sort((a, b) => a - b);
  const upper = pixels.map((px, i) => `${i === 0 ? 'M' : 'L'}${px},${y(cols.get(px)!.hi).toFixed(1)}`);
  // A band of at least one pixel, so that a quiet stretch still shows.
  const lower = [...pixels].reverse().map((px) => `L${px},${Math.max(y(cols.get(px)!.lo), y(cols.get(px)!.hi) + 1).toFixed(1)}`);
  const from = clampDetailFrom(detail.fromS, detail.lengthS, view.durationS);
  return {
    band: pixels.length === 0 ? '' : `${upper.join(' ')} ${lower.join(' ')} Z`,
    xTicks: linearTicks(0, view.durationS, Math.max(3, Math.floor(w / 120))).map((t) => ({ ...t, at: x(t.value) })),
    yTicks: ticks.map((t) => ({ ...t, at: y(t.value) })),
    window: { x1: x(from), x2: x(Math.min(view.durationS, from + detail.lengthS)) },
    timeAt: (px: number) => Math.min(duration, Math.max(0, ((px - box.left) / w) * duration)),
  };
}

export interface DetailGeometry {
  path: string;
  xTicks: Tick[];
  yTicks: Tick[];
  /** The time axis unit: ms for windows under a second. */
  timeUnit: 's' | 'ms';
  /** Samples drawn. */
  samples: number;
}

/** The raw samples from `view.detailFromS` on, `lengthS` of them, time in ms (or s) from the record's start. */
export function detailGeometry(view: WaveformView, box: ChartBox, lengthS: number): DetailGeometry {
  const w = plotWidth(box);
  const h = plotHeight(box);
  const fs = view.sampleRateHz;
  const count = Math.min(view.detail.length, Math.max(1, Math.round(lengthS * fs)));
  const samples = view.detail.slice(0, count);
  const timeUnit = lengthS < 1 ? 'ms' : 's';
  const scale = timeUnit === 'ms' ? 1000 : 1;
  const from = view.detailFromS * scale;
  const to = (view.detailFromS + lengthS) * scale;
  const x = (t: number) => box.left + ((t - from) / Math.max(1e-9, to - from)) * w;
  const { top, ticks } = amplitudeScale(samples);
  const y = (v: number) => box.top + h * (1 - (v + top) / (2 * top));
  const times = samples.map((_, i) => (view.detailFromS + i / fs) * scale);
  return {
    path: reducedPath(times, samples, x, y, 'minmax'),
    xTicks: linearTicks(from, to, Math.max(3, Math.floor(w / 120))).map((t) => ({ ...t, at: x(t.value) })),
    yTicks: ticks.map((t) => ({ ...t, at: y(t.value) })),
    timeUnit,
    samples: count,
  };
}
