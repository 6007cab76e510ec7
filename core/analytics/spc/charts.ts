/**
 * Shewhart charts, pure: X-bar/R for subgroups of n (2..10) and individuals/moving range,
 * with control limits from a baseline period (Phase I) applied to any later points
 * (Phase II). Each point carries its time, so that a rule violation can say when.
 *
 *   X̄ chart: center x̿, limits x̿ ± A2·R̄        R chart: center R̄, limits D3·R̄ … D4·R̄
 *   X chart:  center x̄, limits x̄ ± E2·MR̄       MR chart: center MR̄, limits D3·MR̄ … D4·MR̄
 *   σ within: R̄/d2 (or MR̄/d2 for the span of the moving range)
 */
import { chartConstants, maxSubgroupSize, minSubgroupSize, type ChartConstants } from './constants.js';
import { SpcInputError } from './errors.js';

export interface ControlLimits {
  center: number;
  ucl: number;
  lcl: number;
}

/** One plotted statistic: a subgroup mean or range, an individual value or a moving range. */
export interface ChartPoint {
  /** UTC ms (a subgroup's time is its last measurement's). */
  at: number;
  value: number;
}

export interface Measurement {
  at: number;
  value: number;
}

export interface Subgroup {
  at: number;
  values: readonly number[];
}

export interface XbarRLimits {
  n: number;
  xbar: ControlLimits;
  r: ControlLimits;
  /** R̄/d2. */
  sigmaWithin: number;
  subgroups: number;
}

export interface IndividualsLimits {
  /** Span of the moving range (2: consecutive values). */
  span: number;
  x: ControlLimits;
  mr: ControlLimits;
  /** MR̄/d2. */
  sigmaWithin: number;
  values: number;
}

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const range = (values: readonly number[]) => Math.max(...values) - Math.min(...values);

function constantsFor(n: number, what: string): ChartConstants {
  const c = chartConstants(n);
  if (!c) throw new SpcInputError(`${what} of ${n}: the chart constants cover ${minSubgroupSize} to ${maxSubgroupSize}`);
  return c;
}

/** Consecutive measurements in groups of n (the last, incomplete group is left out); a group's time is its last measurement's. */
export function subgroupsOf(measurements: readonly Measurement[], n: number): Subgroup[] {
  const out: Subgroup[] = [];
  for (let i = 0; i + n <= measurements.length; i += n) {
    const group = measurements.slice(i, i + n);
    out.push({ at: group[n - 1]!.at, values: group.map((m) => m.value) });
  }
  return out;
}

/** X-bar/R limits from baseline subgroups (all of one size, 2..10; at least two subgroups). */
export function xbarRLimits(baseline: readonly (readonly number[])[]): XbarRLimits {
  if (baseline.length < 2) throw new SpcInputError(`a baseline of ${baseline.length} subgroup${baseline.length === 1 ? '' : 's'}: limits need at least 2 (20–25 is usual)`);
  const n = baseline[0]!.length;
  const odd = baseline.findIndex((g) => g.length !== n);
  if (odd >= 0) throw new SpcInputError(`baseline subgroup ${odd + 1} has ${baseline[odd]!.length} values, the first has ${n}: X-bar/R needs one subgroup size`);
  const c = constantsFor(n, 'subgroups');
  const xbb = mean(baseline.map(mean));
  const rBar = mean(baseline.map(range));
  return {
    n,
    xbar: { center: xbb, ucl: xbb + c.A2 * rBar, lcl: xbb - c.A2 * rBar },
    r: { center: rBar, ucl: c.D4 * rBar, lcl: c.D3 * rBar },
    sigmaWithin: rBar / c.d2,
    subgroups: baseline.length,
  };
}

/** The X̄ and R points of subgroups (any size; the limits say which size they were made for). */
export function xbarRPoints(subgroups: readonly Subgroup[]): { xbar: ChartPoint[]; r: ChartPoint[] } {
  return {
    xbar: subgroups.map((g) => ({ at: g.at, value: mean(g.values) })),
    r: subgroups.map((g) => ({ at: g.at, value: range(g.values) })),
  };
}

/** Moving ranges of span n: max − min of each n consecutive values, at the last one's time. */
export function movingRanges(measurements: readonly Measurement[], span = 2): ChartPoint[] {
  const out: ChartPoint[] = [];
  for (let i = span - 1; i < measurements.length; i++) out.push({ at: measurements[i]!.at, value: range(measurements.slice(i - span + 1, i + 1).map((m) => m.value)) });
  return out;
}

/** Individuals/moving-range limits from baseline values (at least span + 1 of them). */
export function individualsLimits(baseline: readonly number[], span = 2): IndividualsLimits {
  const c = constantsFor(span, 'a moving range span');
  if (baseline.length < span + 1) throw new SpcInputError(`a baseline of ${baseline.length} values: individuals limits with a moving range of ${span} need at least ${span + 1} (20 or more is usual)`);
  const mrs = movingRanges(baseline.map((value, i) => ({ at: i, value })), span).map((p) => p.value);
  const xBar = mean(baseline);
  const mrBar = mean(mrs);
  return {
    span,
    x: { center: xBar, ucl: xBar + c.E2 * mrBar, lcl: xBar - c.E2 * mrBar },
    mr: { center: mrBar, ucl: c.D4 * mrBar, lcl: c.D3 * mrBar },
    sigmaWithin: mrBar / c.d2,
    values: baseline.length,
  };
}
