/**
 * The line's production calendar: shift breaks and the weekly sanitation (planned stops,
 * state 6) at fixed local times, and occasional product changeovers (state 7) at random
 * intervals of production time. Pure: driven by the simulated time and a seeded stream.
 */
import type { Random } from './random.js';
import type { CalendarSettings } from './settings.js';

export type PlanState = 'production' | 'planned' | 'changeover';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const WEEK_MS = 7 * DAY_MS;

/** Is `x` in the window [start, start + length) on a circle of circumference `period`? */
function inWindow(x: number, start: number, length: number, period: number): boolean {
  if (length <= 0) return false;
  const offset = (((x - start) % period) + period) % period;
  return offset < length;
}

export class LineCalendar {
  private untilChangeoverS = Infinity;
  private changeoverEndsAt = -Infinity;

  constructor(
    private readonly settings: CalendarSettings | false,
    private readonly rng: Random,
  ) {
    if (settings && settings.changeoverEveryH > 0) this.untilChangeoverS = rng.exponential(settings.changeoverEveryH * 3600);
  }

  /** Whether the calendar plans a stop at `t` (breaks, sanitation), ignoring changeovers. */
  plannedStopAt(t: number): boolean {
    const s = this.settings;
    if (!s) return false;
    const local = t + s.utcOffsetMin * 60_000;
    if (s.breakMin > 0) {
      for (const shiftH of s.shiftStartsH) {
        if (inWindow(local, (shiftH + s.breakAfterH) * HOUR_MS, s.breakMin * 60_000, DAY_MS)) return true;
      }
    }
    if (s.sanitation) {
      // Day 0 of the epoch (1970-01-01) was a Thursday (day of week 4).
      const weekStart = ((s.sanitation.dayOfWeek - 4 + 7) % 7) * DAY_MS + s.sanitation.startH * HOUR_MS;
      if (inWindow(local, weekStart, s.sanitation.durationH * HOUR_MS, WEEK_MS)) return true;
    }
    return false;
  }

  /** Advances the changeover schedule by one tick ending at `t`; returns the plan at `t`. */
  step(t: number, dtS: number): PlanState {
    if (this.plannedStopAt(t)) return 'planned';
    if (t < this.changeoverEndsAt) return 'changeover';
    const s = this.settings;
    if (!s) return 'production';
    this.untilChangeoverS -= dtS;
    if (this.untilChangeoverS <= 0) {
      const [lo, hi] = s.changeoverMin;
      this.changeoverEndsAt = t + this.rng.uniform(Math.min(lo, hi), Math.max(lo, hi)) * 60_000;
      this.untilChangeoverS = this.rng.exponential(s.changeoverEveryH * 3600);
      return 'changeover';
    }
    return 'production';
  }

  /** Moves the schedule past a gap in simulated time (the driver skipping ahead). */
  skip(ms: number): void {
    this.untilChangeoverS = Math.max(1, this.untilChangeoverS - ms / 1000);
  }
}
