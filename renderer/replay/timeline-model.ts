/**
 * The replay timeline's geometry, pure: the capture's range `from`→`to` maps linearly onto
 * the bar's full width (time ↔ fraction ↔ x), clamped to the bar; the recorded alarms become
 * ticks and the recorded stops grey spans, placed in percent of the width. Many alarms close
 * together (over `maxTicks`) are drawn once per 1/1000 of the bar, the most urgent on top.
 */
import type { AlarmPriority, ReplayMark } from '../../core/contract/index.js';
import { priorityRank } from '../alarms/alarm-model.js';

/** Where `at` lies on the range, 0–1, clamped; 0 for an empty range. */
export function fractionOf(at: number, from: number, to: number): number {
  if (!(to > from) || !Number.isFinite(at)) return 0;
  return Math.max(0, Math.min(1, (at - from) / (to - from)));
}

/** The time at a fraction of the range (clamped to it), rounded to the millisecond. */
export function timeAtFraction(fraction: number, from: number, to: number): number {
  if (!(to > from)) return from;
  const f = Number.isFinite(fraction) ? Math.max(0, Math.min(1, fraction)) : 0;
  return Math.round(from + f * (to - from));
}

/** The time under `x` pixels from the bar's left edge, on a bar `width` pixels wide. */
export function timeAtX(x: number, width: number, from: number, to: number): number {
  return timeAtFraction(width > 0 ? x / width : 0, from, to);
}

/** The x of a time on a bar `width` pixels wide. */
export function xOfTime(at: number, width: number, from: number, to: number): number {
  return fractionOf(at, from, to) * Math.max(0, width);
}

/** A keyboard move on the timeline: `steps` hundredths of the range, clamped. */
export function nudgeTime(at: number, steps: number, from: number, to: number): number {
  return timeAtFraction(fractionOf(at, from, to) + steps / 100, from, to);
}

export interface AlarmTick {
  key: string;
  at: number;
  priority: AlarmPriority;
  /** Percent of the width from the left edge. */
  left: number;
  label: string;
  source: string;
  /** How many alarms the tick stands for (more than one when merged). */
  count: number;
}

export interface StopSpan {
  key: string;
  at: number;
  /** Absent while the machine was still stopped at the capture's end (the span runs to the end). */
  until?: number;
  left: number;
  width: number;
  label: string;
  source: string;
}

export interface TimelineMarks {
  /** Least urgent first, so that critical and high ticks are drawn over the others. */
  ticks: AlarmTick[];
  stops: StopSpan[];
}

function percent(fraction: number): number {
  return Math.round(fraction * 100_000) / 1000;
}

/** Places the marks on a range; alarms outside it are left out, stops are clipped to it. */
export function layoutMarks(marks: readonly ReplayMark[], from: number, to: number, maxTicks = 600): TimelineMarks {
  if (!(to > from)) return { ticks: [], stops: [] };
  const stops: StopSpan[] = [];
  let ticks: AlarmTick[] = [];
  marks.forEach((mark, index) => {
    if (mark.kind === 'stop') {
      const end = mark.until ?? to;
      if (end < from || mark.at > to || end < mark.at) return;
      const left = fractionOf(mark.at, from, to);
      const right = fractionOf(end, from, to);
      stops.push({ key: `s${index}`, at: mark.at, until: mark.until, left: percent(left), width: percent(right - left), label: mark.label, source: mark.source });
      return;
    }
    if (mark.at < from || mark.at > to) return;
    const priority = mark.priority ?? 'diagnostic';
    ticks.push({ key: `a${index}`, at: mark.at, priority, left: percent(fractionOf(mark.at, from, to)), label: mark.label, source: mark.source, count: 1 });
  });
  if (ticks.length > maxTicks) ticks = mergeTicks(ticks, from, to);
  ticks.sort((a, b) => priorityRank(b.priority) - priorityRank(a.priority) || a.at - b.at);
  stops.sort((a, b) => a.at - b.at);
  return { ticks, stops };
}

/** One tick per 1/1000 of the bar: the most urgent alarm in it (the earliest of equals), counting the others. */
function mergeTicks(ticks: readonly AlarmTick[], from: number, to: number): AlarmTick[] {
  const buckets = new Map<number, AlarmTick>();
  for (const tick of ticks) {
    const bucket = Math.min(999, Math.floor(fractionOf(tick.at, from, to) * 1000));
    const held = buckets.get(bucket);
    if (held === undefined) {
      buckets.set(bucket, { ...tick });
      continue;
    }
    const count = held.count + tick.count;
    const better = priorityRank(tick.priority) < priorityRank(held.priority) || (tick.priority === held.priority && tick.at < held.at);
    buckets.set(bucket, better ? { ...tick, count } : { ...held, count });
  }
  return [...buckets.values()];
}

/** A mark's tooltip: "14:03:27 · line1/capper · Capper down (high)". */
export function markTitle(time: string, mark: { source: string; label: string; priority?: AlarmPriority; count?: number }): string {
  const more = mark.count !== undefined && mark.count > 1 ? ` (+${mark.count - 1} more here)` : '';
  const priority = mark.priority === undefined ? '' : ` (${mark.priority})`;
  return `${time} · ${mark.source} · ${mark.label}${priority}${more}`;
}

export type HoveredMark = { kind: 'alarm'; tick: AlarmTick } | { kind: 'stop'; stop: StopSpan };

/**
 * The mark under the pointer (at `fraction` of the width): the nearest alarm tick within
 * `tolerance` (a fraction of the width; the more urgent of two equally near), else a stop
 * span that covers the place; null when none.
 */
export function markAt(marks: TimelineMarks, fraction: number, tolerance: number): HoveredMark | null {
  const place = fraction * 100;
  let best: AlarmTick | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const tick of marks.ticks) {
    const distance = Math.abs(tick.left - place);
    if (distance > tolerance * 100) continue;
    if (distance < bestDistance || (distance === bestDistance && best !== null && priorityRank(tick.priority) < priorityRank(best.priority))) {
      best = tick;
      bestDistance = distance;
    }
  }
  if (best !== null) return { kind: 'alarm', tick: best };
  const stop = marks.stops.find((span) => place >= span.left && place <= span.left + span.width);
  return stop === undefined ? null : { kind: 'stop', stop };
}
