/**
 * Process capability from specification limits: Cp and Cpk with the within-subgroup σ (from
 * the chart: R̄/d2 or MR̄/d2: what the process can do in control), Pp and Ppk with the
 * overall σ (the sample standard deviation of every value: what it did).
 *
 *   Cp  = (USL − LSL) / 6σ          Cpk = min(USL − μ, μ − LSL) / 3σ
 *   Pp, Ppk: the same with σ overall
 *
 * With one specification limit only, Cp and Pp are null (they need both) and Cpk/Ppk
 * are that side's index. A σ of 0 leaves every index null, with the reason.
 */
import type { SpcCapability } from '../../contract/index.js';
import { xbarRLimits, individualsLimits } from './charts.js';
import { SpcInputError } from './errors.js';

export interface SpecLimits {
  lsl?: number;
  usl?: number;
}

export type Capability = SpcCapability;

function indices(spec: SpecLimits, mean: number, sigma: number, kind: 'within' | 'overall'): { p: number | null; pk: number | null; whyP?: string; whyPk?: string } {
  if (!(sigma > 0)) return { p: null, pk: null, whyP: `the ${kind} σ is 0`, whyPk: `the ${kind} σ is 0` };
  const upper = spec.usl === undefined ? undefined : (spec.usl - mean) / (3 * sigma);
  const lower = spec.lsl === undefined ? undefined : (mean - spec.lsl) / (3 * sigma);
  const p = spec.usl !== undefined && spec.lsl !== undefined ? (spec.usl - spec.lsl) / (6 * sigma) : null;
  const sides = [upper, lower].filter((x): x is number => x !== undefined);
  const out: ReturnType<typeof indices> = { p, pk: sides.length > 0 ? Math.min(...sides) : null };
  if (p === null) out.whyP = 'it needs both specification limits';
  if (out.pk === null) out.whyPk = 'no specification limit is given';
  return out;
}

/** Capability of `values` given the within-subgroup σ of the process. */
export function capability(values: readonly number[], spec: SpecLimits, sigmaWithin: number): Capability {
  if (values.length < 2) throw new SpcInputError(`${values.length} value${values.length === 1 ? '' : 's'}: capability needs at least 2`);
  if (spec.lsl !== undefined && spec.usl !== undefined && !(spec.usl > spec.lsl)) throw new SpcInputError(`specification limits LSL ${spec.lsl} and USL ${spec.usl}: USL must be above LSL`);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sigmaOverall = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1));
  const within = indices(spec, mean, sigmaWithin, 'within');
  const overall = indices(spec, mean, sigmaOverall, 'overall');
  const why: Capability['why'] = {};
  if (within.whyP) why.cp = within.whyP;
  if (within.whyPk) why.cpk = within.whyPk;
  if (overall.whyP) why.pp = overall.whyP;
  if (overall.whyPk) why.ppk = overall.whyPk;
  return { mean, sigmaWithin, sigmaOverall, values: values.length, cp: within.p, cpk: within.pk, pp: overall.p, ppk: overall.pk, why };
}

/** Capability from subgroups (σ within = R̄/d2). */
export function subgroupCapability(subgroups: readonly (readonly number[])[], spec: SpecLimits): Capability {
  return capability(subgroups.flat(), spec, xbarRLimits(subgroups).sigmaWithin);
}

/** Capability from individual values (σ within = MR̄/d2, moving range of 2). */
export function individualsCapability(values: readonly number[], spec: SpecLimits): Capability {
  return capability(values, spec, individualsLimits(values).sigmaWithin);
}
