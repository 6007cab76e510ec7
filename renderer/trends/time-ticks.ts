/**
 * Time-axis ticks in local time: whole seconds, minutes, hours, days, weeks (Mondays),
 * months or years, spaced at least `minSpacePx` apart, and their labels in 24-hour time
 * (with the date under the first tick and wherever a new day starts). Pure.
 */

const second = 1_000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

/** Sub-day steps, aligned to local midnight. */
const clockSteps = [1, 2, 5, 10, 15, 30].map((n) => n * second).concat([1, 2, 5, 10, 15, 30].map((n) => n * minute), [1, 2, 3, 4, 6, 8, 12].map((n) => n * hour));

export type TickStep = { kind: 'clock'; ms: number } | { kind: 'days'; n: number } | { kind: 'months'; n: number } | { kind: 'years'; n: number };

const steps: TickStep[] = [
  ...clockSteps.map((ms): TickStep => ({ kind: 'clock', ms })),
  { kind: 'days', n: 1 },
  { kind: 'days', n: 2 },
  { kind: 'days', n: 7 },
  { kind: 'days', n: 14 },
  { kind: 'months', n: 1 },
  { kind: 'months', n: 2 },
  { kind: 'months', n: 3 },
  { kind: 'months', n: 6 },
  { kind: 'years', n: 1 },
  { kind: 'years', n: 2 },
  { kind: 'years', n: 5 },
  { kind: 'years', n: 10 },
  { kind: 'years', n: 50 },
];

/** Approximate length of a step, ms. */
export function stepMs(step: TickStep): number {
  switch (step.kind) {
    case 'clock':
      return step.ms;
    case 'days':
      return step.n * day;
    case 'months':
      return step.n * 30.44 * day;
    case 'years':
      return step.n * 365.25 * day;
  }
}

/** The finest step whose ticks are at least `minSpacePx` apart on a `widthPx` wide axis. */
export function chooseStep(from: number, to: number, widthPx: number, minSpacePx: number): TickStep {
  const span = Math.max(1, to - from);
  for (const step of steps) if ((stepMs(step) / span) * widthPx >= minSpacePx) return step;
  return steps[steps.length - 1]!;
}

function localMidnight(t: number): Date {
  const d = new Date(t);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate());
}

/** Tick times between `from` and `to` for a step. */
export function ticksFor(from: number, to: number, step: TickStep): number[] {
  const out: number[] = [];
  if (!(to > from)) return out;
  const limit = 2_000;
  if (step.kind === 'clock') {
    // Day by day so that ticks stay on the local clock across daylight-saving changes.
    for (let dayStart = localMidnight(from); dayStart.getTime() <= to && out.length < limit; ) {
      const start = dayStart.getTime();
      const next = new Date(dayStart.getFullYear(), dayStart.getMonth(), dayStart.getDate() + 1).getTime();
      for (let t = start + Math.max(0, Math.ceil((from - start) / step.ms)) * step.ms; t < next && t <= to && out.length < limit; t += step.ms) {
        if (t >= from) out.push(t);
      }
      dayStart = new Date(next);
    }
    return out;
  }
  if (step.kind === 'days') {
    for (let d = localMidnight(from); d.getTime() <= to && out.length < limit; d = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1)) {
      const t = d.getTime();
      if (t < from) continue;
      const dayNumber = Math.round(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / day);
      // Weeks start on Mondays (1970-01-05 was one); other multi-day steps count from the epoch.
      const aligned = step.n % 7 === 0 ? (dayNumber - 4) % step.n === 0 : dayNumber % step.n === 0;
      if (aligned) out.push(t);
    }
    return out;
  }
  const first = new Date(from);
  if (step.kind === 'months') {
    for (let m = new Date(first.getFullYear(), first.getMonth(), 1); m.getTime() <= to && out.length < limit; m = new Date(m.getFullYear(), m.getMonth() + 1, 1)) {
      if (m.getTime() >= from && m.getMonth() % step.n === 0) out.push(m.getTime());
    }
    return out;
  }
  for (let y = first.getFullYear(); out.length < limit; y++) {
    const t = new Date(y, 0, 1).getTime();
    if (t > to) break;
    if (t >= from && y % step.n === 0) out.push(t);
  }
  return out;
}

const hm = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const hms = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
const dm = new Intl.DateTimeFormat(undefined, { day: '2-digit', month: 'short' });
const dmy = new Intl.DateTimeFormat(undefined, { day: '2-digit', month: 'short', year: 'numeric' });
const my = new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric' });
const y = new Intl.DateTimeFormat(undefined, { year: 'numeric' });

function dayKey(ts: number): string {
  const d = new Date(ts);
  return `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
}

/** Labels for ticks of a step: the clock (with the date under the first tick and each new day), dates, months or years. */
export function tickLabels(ticks: readonly number[], step: TickStep): string[] {
  switch (step.kind) {
    case 'clock': {
      const clock = step.ms < minute ? hms : hm;
      return ticks.map((t, i) => (i === 0 || dayKey(t) !== dayKey(ticks[i - 1]!) ? `${clock.format(t)}\n${dm.format(t)}` : clock.format(t)));
    }
    case 'days':
      return ticks.map((t, i) => (i === 0 || new Date(t).getFullYear() !== new Date(ticks[i - 1]!).getFullYear() ? dmy.format(t) : dm.format(t)));
    case 'months':
      return ticks.map((t) => my.format(t));
    case 'years':
      return ticks.map((t) => y.format(t));
  }
}
