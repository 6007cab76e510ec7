/**
 * SPC, pure (DESIGN.md "Analytics are pure"): X-bar/R and individuals/moving-range charts
 * with limits from a baseline period, the Western Electric and Nelson run rules as events
 * with their points and times, and Cp/Cpk, Pp/Ppk from specification limits. Measurements
 * in (value and time), figures and events out; no clock, no I/O.
 */
export { capability, individualsCapability, subgroupCapability, type Capability, type SpecLimits } from './capability.js';
export {
  individualsLimits,
  movingRanges,
  subgroupsOf,
  xbarRLimits,
  xbarRPoints,
  type ChartPoint,
  type ControlLimits,
  type IndividualsLimits,
  type Measurement,
  type Subgroup,
  type XbarRLimits,
} from './charts.js';
export { periodicSubgroups, spcChartOf, TRIAL_SUBGROUPS, type SpcChartInput } from './chart-of.js';
export { chartConstants, maxSubgroupSize, minSubgroupSize, type ChartConstants } from './constants.js';
export { SpcInputError } from './errors.js';
export { ruleViolations, spcRules, type RuleEvent, type RuleOptions, type Side, type SpcRule, type SpcRuleNumber } from './rules.js';
