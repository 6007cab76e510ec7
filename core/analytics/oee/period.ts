/**
 * A period of OEE analysis: [from, to) and the shift instances that overlap it. Its
 * scheduled windows are the shift time inside [from, to) (overlapping shifts counted
 * once); its planned spans are the shifts' breaks and planned stops inside those windows.
 * Both are sorted, disjoint lists. Time outside every shift is not in the analysis.
 *
 * For the shift under way, end the period at the present time (the host's clock): time
 * in the period after the intervals end counts as unknown (no data).
 */
import type { ShiftInstance } from './calendar.js';

export interface Span {
  from: number;
  to: number;
}

export interface OeePeriod {
  from: number;
  to: number;
  /** From shiftInstances(calendar, from, to); more or fewer is allowed (each is clipped to the period). */
  shifts: readonly ShiftInstance[];
}

/** Sorted, disjoint union of spans. */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = spans.filter((s) => s.to > s.from).sort((a, b) => a.from - b.from);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.from <= last.to) last.to = Math.max(last.to, s.to);
    else out.push({ from: s.from, to: s.to });
  }
  return out;
}

export function scheduledWindows(period: OeePeriod): { windows: Span[]; planned: Span[] } {
  const clip = (s: Span): Span => ({ from: Math.max(s.from, period.from), to: Math.min(s.to, period.to) });
  return {
    windows: mergeSpans(period.shifts.map(clip)),
    planned: mergeSpans(period.shifts.flatMap((s) => s.plannedStops.map((p) => clip({ from: Math.max(p.from, s.from), to: Math.min(p.to, s.to) })))),
  };
}

/** Index of the first span (sorted, disjoint) ending after `t`. */
export function firstEndingAfter(spans: readonly Span[], t: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (spans[mid]!.to <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How much of [from, to) the sorted, disjoint spans cover. */
export function overlapMs(spans: readonly Span[], from: number, to: number): number {
  let total = 0;
  for (let i = firstEndingAfter(spans, from); i < spans.length && spans[i]!.from < to; i++) {
    total += Math.min(to, spans[i]!.to) - Math.max(from, spans[i]!.from);
  }
  return total;
}
