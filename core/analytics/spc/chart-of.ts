/**
 * One characteristic's SPC chart for a period, pure: measurements in, the contract's
 * SpcChart out. Subgroups are rational and periodic, as a quality plan takes them: the
 * first n measurements of every interval (5 bottles every 5 minutes), not every
 * consecutive group of a 1 Hz stream, so that a shift is about a hundred points whatever
 * the sampling rate. n = 1 gives individuals and moving ranges.
 *
 * Control limits come from the baseline measurements when the characteristic has a
 * baseline period (Phase I done once, applied to every later period); otherwise trial
 * limits from the first 25 subgroups shown, which the chart says. The run rules (all
 * eight) apply to the X̄ or X chart; the R or MR chart gets rule 1 only (its limits are
 * not symmetric). Capability (Cp/Cpk with σ within from the limits' data, Pp/Ppk with σ
 * overall) is over the period's subgroups.
 */
import type { SpcChart, SpcCharacteristicInfo, SpcLimits, SpcRuleHit } from '../../contract/index.js';
import { individualsCapability, subgroupCapability, type Capability } from './capability.js';
import { individualsLimits, movingRanges, xbarRLimits, xbarRPoints, type ChartPoint, type ControlLimits, type Measurement, type Subgroup } from './charts.js';
import { ruleViolations, spcRules, type RuleEvent } from './rules.js';

/** Subgroups of the trial limits when there is no baseline (AIAG SPC manual: 20–25). */
export const TRIAL_SUBGROUPS = 25;
/** Fewest subgroups (or individuals) to draw limits from. */
const MIN_LIMIT_SUBGROUPS = 10;

/** The first n measurements of each interval [k·intervalMs, (k+1)·intervalMs); intervals with fewer are left out. */
export function periodicSubgroups(measurements: readonly Measurement[], n: number, intervalMs: number): Subgroup[] {
  const out: Subgroup[] = [];
  let bucket = Number.NaN;
  let values: number[] = [];
  for (const m of measurements) {
    const b = Math.floor(m.at / intervalMs);
    if (b !== bucket) {
      bucket = b;
      values = [];
    }
    if (values.length >= n) continue;
    values.push(m.value);
    if (values.length === n) out.push({ at: m.at, values });
  }
  return out;
}

export interface SpcChartInput {
  characteristic: SpcCharacteristicInfo;
  intervalMs: number;
  from: number;
  to: number;
  /** Good measurements in [from, to), time ascending. */
  measurements: readonly Measurement[];
  /** Good measurements of the baseline period, when the characteristic has one. */
  baseline?: { from: number; to: number; measurements: readonly Measurement[] };
}

export function spcChartOf(input: SpcChartInput): SpcChart {
  const { characteristic, intervalMs } = input;
  const n = characteristic.subgroupSize;
  const groups = periodicSubgroups(input.measurements, n, intervalMs);
  const baselineGroups = input.baseline ? periodicSubgroups(input.baseline.measurements, n, intervalMs) : groups.slice(0, TRIAL_SUBGROUPS);
  const limitsFrom = input.baseline
    ? `the baseline ${new Date(input.baseline.from).toISOString()} – ${new Date(input.baseline.to).toISOString()} (${baselineGroups.length} subgroups)`
    : `trial limits from the first ${baselineGroups.length} subgroups shown`;
  const empty: SpcChart = {
    characteristic,
    from: input.from,
    to: input.to,
    kind: n === 1 ? 'i-mr' : 'xbar-r',
    limitsFrom,
    location: [],
    dispersion: [],
    locationLimits: null,
    dispersionLimits: null,
    rules: [],
    capability: null,
    measurements: input.measurements.length,
  };
  if (baselineGroups.length < MIN_LIMIT_SUBGROUPS) {
    const what = input.baseline ? 'the baseline period has' : 'the period has';
    return { ...empty, why: `${what} ${baselineGroups.length} subgroup${baselineGroups.length === 1 ? '' : 's'} of ${n}; control limits need at least ${MIN_LIMIT_SUBGROUPS}` };
  }

  let location: ChartPoint[];
  let dispersion: ChartPoint[];
  let locationLimits: ControlLimits;
  let dispersionLimits: ControlLimits;
  let capability: Capability | null = null;
  const spec = { ...(characteristic.lsl === undefined ? {} : { lsl: characteristic.lsl }), ...(characteristic.usl === undefined ? {} : { usl: characteristic.usl }) };
  if (n === 1) {
    const limits = individualsLimits(baselineGroups.map((g) => g.values[0]!));
    const individuals = groups.map((g) => ({ at: g.at, value: g.values[0]! }));
    location = individuals;
    dispersion = movingRanges(individuals);
    locationLimits = limits.x;
    dispersionLimits = limits.mr;
    if (individuals.length >= 3) capability = individualsCapability(individuals.map((m) => m.value), spec);
  } else {
    const limits = xbarRLimits(baselineGroups.map((g) => g.values));
    const points = xbarRPoints(groups);
    location = points.xbar;
    dispersion = points.r;
    locationLimits = limits.xbar;
    dispersionLimits = limits.r;
    if (groups.length >= 2) capability = subgroupCapability(groups.map((g) => g.values), spec);
  }
  const hits = (events: RuleEvent[], chart: SpcRuleHit['chart']): SpcRuleHit[] =>
    events.map((e) => ({ rule: e.rule, nelson: spcRules[e.rule - 1]!.nelson, name: e.name, chart, side: e.side, at: e.at, until: e.until, points: e.points }));
  const rules = [...hits(ruleViolations(location, locationLimits), 'location'), ...hits(ruleViolations(dispersion, dispersionLimits, { rules: [1] }), 'dispersion')].sort(
    (a, b) => a.at - b.at || a.rule - b.rule,
  );
  const chart: SpcChart = {
    ...empty,
    location,
    dispersion,
    locationLimits: limitsOf(locationLimits),
    dispersionLimits: limitsOf(dispersionLimits),
    rules,
    capability,
  };
  if (!capability) chart.why = 'too few subgroups in the period for capability';
  else if (spec.lsl === undefined && spec.usl === undefined) chart.why = 'no specification limits (lsl, usl) configured: no capability indices';
  return chart;
}

function limitsOf(limits: ControlLimits): SpcLimits {
  return { center: limits.center, ucl: limits.ucl, lcl: limits.lcl };
}
