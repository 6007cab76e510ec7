/**
 * Run rules on a control chart's points, as events. Zones come from the limits: σ is
 * (UCL − center)/3, so they fit an X̄ or X chart (symmetric limits); on an R or MR chart
 * apply rule 1 only. Numbering as in the issue; the Nelson (1984) number of each beside it:
 *
 *   1  one point beyond 3σ (outside the control limits)              Nelson 1
 *   2  2 of 3 consecutive points beyond 2σ, on the same side          Nelson 5
 *   3  4 of 5 consecutive points beyond 1σ, on the same side          Nelson 6
 *   4  8 points in a row on one side of the center (Western Electric) (Nelson 2 is 9)
 *   5  6 points in a row steadily increasing or decreasing           Nelson 3
 *   6  14 points in a row alternating up and down                     Nelson 4
 *   7  15 points in a row within 1σ (either side)                     Nelson 7
 *   8  8 points in a row beyond 1σ, on both sides (none within)       Nelson 8
 *
 * Rules 1–4 are the Western Electric rules (Western Electric, "Statistical Quality Control
 * Handbook", 1956). A rule is tested at every point on the window that ends there; a
 * point on a zone boundary is not beyond it. One event per pattern: while the rule keeps
 * firing at consecutive points (on the same side) the event grows, listing every point
 * that took part, with `at` the time the pattern first completed and `until` the last.
 */
import type { ChartPoint, ControlLimits } from './charts.js';

export type SpcRuleNumber = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

export interface SpcRule {
  number: SpcRuleNumber;
  nelson: number | null;
  name: string;
}

export const spcRules: readonly SpcRule[] = [
  { number: 1, nelson: 1, name: 'one point beyond 3σ' },
  { number: 2, nelson: 5, name: '2 of 3 points beyond 2σ on the same side' },
  { number: 3, nelson: 6, name: '4 of 5 points beyond 1σ on the same side' },
  { number: 4, nelson: null, name: '8 points in a row on one side of the center' },
  { number: 5, nelson: 3, name: '6 points in a row trending up or down' },
  { number: 6, nelson: 4, name: '14 points in a row alternating up and down' },
  { number: 7, nelson: 7, name: '15 points in a row within 1σ' },
  { number: 8, nelson: 8, name: '8 points in a row beyond 1σ on both sides' },
];

export type Side = 'above' | 'below' | 'up' | 'down' | 'both';

export interface RuleEvent {
  rule: SpcRuleNumber;
  name: string;
  /** Above/below the center (rules 1–4), trend direction (5), or both (6–8). */
  side: Side;
  /** Indexes of the points that make the pattern, ascending. */
  points: number[];
  /** When the pattern first completed (the time of that point). */
  at: number;
  /** When it last held. */
  until: number;
}

export interface RuleOptions {
  /** Default: all eight. */
  rules?: readonly SpcRuleNumber[];
}

type Finding = { side: Side; points: number[] } | undefined;

/** The rule's verdict on the window of points ending at i. */
function test(rule: SpcRuleNumber, z: readonly number[], i: number, limits: ControlLimits, values: readonly number[]): Finding {
  const window = (w: number) => (i + 1 >= w ? Array.from({ length: w }, (_, k) => i - w + 1 + k) : undefined);
  const sided = (w: number, m: number, beyond: number): Finding => {
    const idx = window(w);
    if (!idx) return undefined;
    for (const [side, sign] of [['above', 1], ['below', -1]] as const) {
      const hits = idx.filter((k) => sign * z[k]! > beyond);
      if (hits.length >= m) return { side, points: hits };
    }
    return undefined;
  };
  switch (rule) {
    case 1: {
      const v = values[i]!;
      return v > limits.ucl ? { side: 'above', points: [i] } : v < limits.lcl ? { side: 'below', points: [i] } : undefined;
    }
    case 2:
      return sided(3, 2, 2);
    case 3:
      return sided(5, 4, 1);
    case 4:
      return sided(8, 8, 0);
    case 5: {
      const idx = window(6);
      if (!idx) return undefined;
      const steps = idx.slice(1).map((k) => values[k]! - values[k - 1]!);
      if (steps.every((d) => d > 0)) return { side: 'up', points: idx };
      if (steps.every((d) => d < 0)) return { side: 'down', points: idx };
      return undefined;
    }
    case 6: {
      const idx = window(14);
      if (!idx) return undefined;
      const steps = idx.slice(1).map((k) => Math.sign(values[k]! - values[k - 1]!));
      return steps.every((s, k) => s !== 0 && (k === 0 || s === -steps[k - 1]!)) ? { side: 'both', points: idx } : undefined;
    }
    case 7: {
      const idx = window(15);
      return idx && idx.every((k) => Math.abs(z[k]!) < 1) ? { side: 'both', points: idx } : undefined;
    }
    case 8: {
      const idx = window(8);
      return idx && idx.every((k) => Math.abs(z[k]!) > 1) && idx.some((k) => z[k]! > 0) && idx.some((k) => z[k]! < 0) ? { side: 'both', points: idx } : undefined;
    }
  }
}

/** The rule violations among the points, in order of rule, then time. */
export function ruleViolations(points: readonly ChartPoint[], limits: ControlLimits, options: RuleOptions = {}): RuleEvent[] {
  const sigma = (limits.ucl - limits.center) / 3;
  const values = points.map((p) => p.value);
  const z = values.map((v) => (sigma > 0 ? (v - limits.center) / sigma : 0));
  const out: RuleEvent[] = [];
  for (const rule of options.rules ?? spcRules.map((r) => r.number)) {
    const name = spcRules[rule - 1]!.name;
    let open: { event: RuleEvent; last: number } | undefined;
    for (let i = 0; i < points.length; i++) {
      const found = test(rule, z, i, limits, values);
      if (!found) continue;
      if (open && open.last === i - 1 && open.event.side === found.side && rule !== 1) {
        open.event.points = [...new Set([...open.event.points, ...found.points])].sort((a, b) => a - b);
        open.event.until = points[i]!.at;
        open.last = i;
        continue;
      }
      open = { event: { rule, name, side: found.side, points: found.points, at: points[i]!.at, until: points[i]!.at }, last: i };
      out.push(open.event);
    }
  }
  return out;
}
