/**
 * OEE, downtime and SPC as they cross the contract (ISO 22400-2): the figures of an asset
 * for a period, the line's report for a shift, hour, day or week (its constraint's figures,
 * every asset's state timeline, the stops with their reasons, the loss Pareto), the reason
 * choices for a stop, and an SPC chart. core/analytics/oee and core/analytics/spc compute
 * these shapes; the renderer only shows them.
 */

/** The machine states of ISO 22400-2's state model as OEE sees them. */
export const machineStates = ['running', 'idle', 'starved', 'blocked', 'down', 'planned-stop', 'changeover'] as const;
export type MachineState = (typeof machineStates)[number];
/** Everything a state interval can be: a machine state, or unknown (bad quality, unmapped value, no data). */
export type OeeState = MachineState | 'unknown';

export type NullableKpi =
  | 'availability'
  | 'performance'
  | 'quality'
  | 'oee'
  | 'firstPassYield'
  | 'scrapRate'
  | 'energyPerGoodUnit'
  | 'mtbfMs'
  | 'mttrMs'
  | 'reducedSpeedMs';

export interface OeeTimes {
  /** Shift time inside the period (ISO 22400-2 planned operation time). */
  scheduledMs: number;
  /** Calendar planned stops while not running, plus the planned-stop state (planned downtime). */
  plannedDowntimeMs: number;
  /** PBT = scheduled − planned downtime. */
  plannedBusyMs: number;
  /** APT = running + micro-stops. */
  actualProductionMs: number;
  runningMs: number;
  /** Running during a calendar break or planned stop (counted in PBT and APT). */
  runningInPlannedStopMs: number;
  breakdownMs: number;
  setupMs: number;
  smallStopMs: number;
  idleMs: number;
  starvedMs: number;
  blockedMs: number;
  /** Bad quality, unmapped state values and no data. */
  unknownMs: number;
  /** The part of unknownMs without any data. */
  noDataMs: number;
}

export interface OeeQuantities {
  /** null: no such counter configured. */
  produced: number | null;
  good: number | null;
  rejects: number | null;
  startupRejects: number | null;
  productionRejects: number | null;
  energyKWh: number | null;
  /** Ideal cycle time × produced, ms. */
  idealProductionMs: number | null;
}

/** The six big losses, as time (quality losses as the ideal time of the rejected units). */
export interface SixBigLosses {
  breakdownsMs: number;
  setupMs: number;
  smallStopsMs: number;
  /** APT − ideal time − small stops; negative when the asset ran faster than its ideal. */
  reducedSpeedMs: number | null;
  startupRejectsMs: number | null;
  productionRejectsMs: number | null;
}

export interface OeeReliability {
  /** Down intervals (not micro-stops) starting in the period. */
  failures: number;
  microStops: number;
  /** Availability stops (down, changeover, idle, starved, blocked; not micro) starting in the period. */
  stops: number;
  mtbfMs: number | null;
  mttrMs: number | null;
}

export interface FaultTally {
  /** The fault code, or null for down intervals without one. */
  faultCode: string | null;
  failures: number;
  microStops: number;
  /** Breakdown time (not micro-stops, not in planned downtime) in the period. */
  downMs: number;
  /** Micro-stop time with this code in the period. */
  microStopMs: number;
}

/** One asset's ISO 22400-2 figures for [from, to). A ratio that cannot be computed is null, with the reason in `why`. */
export interface OeeResult {
  asset: string;
  from: number;
  to: number;
  times: OeeTimes;
  quantities: OeeQuantities;
  availability: number | null;
  performance: number | null;
  quality: number | null;
  oee: number | null;
  firstPassYield: number | null;
  scrapRate: number | null;
  /** kWh per good unit. */
  energyPerGoodUnit: number | null;
  losses: SixBigLosses;
  reliability: OeeReliability;
  /** Down time by fault code, most breakdown time first (then most micro-stop time). */
  byFault: FaultTally[];
  /** Why each null figure is null. */
  why: Partial<Record<NullableKpi, string>>;
}

/** The periods a report covers: the shift, clock hour, local day or ISO week (Monday first) around a time. */
export const oeeSpans = ['shift', 'hour', 'day', 'week'] as const;
export type OeeSpan = (typeof oeeSpans)[number];

export interface OeeTargets {
  oee: number;
  availability: number;
  performance: number;
  quality: number;
}

/** A shift of the calendar as the report shows it. */
export interface OeeShift {
  name: string;
  /** Local date the shift starts on, "YYYY-MM-DD". */
  date: string;
  from: number;
  to: number;
  plannedStops: { from: number; to: number; kind: 'break' | 'planned-stop'; name: string }[];
}

/** A piece of an asset's state timeline, clipped to the report's period. */
export interface TimelineSpan {
  from: number;
  to: number;
  state: OeeState;
  faultCode?: string;
  microStop: boolean;
  /** Unknown spans: why. */
  reason?: string;
}

/** The reason given to a stop, as the event journal holds it (the newest entry counts). */
export interface AssignedReason {
  code: string;
  /** Texts from the top-level group down ("Mechanical › Bottle jam"). */
  texts: string[];
  comment?: string;
  user: string;
  at: number;
  /** Set when this replaced an earlier reason (a supervisor's edit). */
  replaced?: { code: string; texts: string[]; user: string; at: number };
}

/** A stop someone may give a reason to (not a micro-stop: those are speed losses). */
export interface DowntimeStop {
  /** `<asset>@<start ms>`: stays the same as long as the stop does. */
  id: string;
  asset: string;
  assetName: string;
  from: number;
  to: number;
  /** How long the stop lasted inside the report's period (breaks and planned stops included). */
  durationMs: number;
  /** The part of that which was lost: scheduled time outside breaks and planned stops (what the Pareto counts). */
  lostMs: number;
  state: 'down' | 'idle' | 'starved' | 'blocked' | 'changeover';
  faultCode?: string;
  ongoing: boolean;
  reason?: AssignedReason;
}

/** One bar of the loss Pareto: a reason, or the unassigned stops of one fault code or state. */
export interface ParetoBar {
  key: string;
  /** The reason's texts ("Mechanical › Fill valve defect"); unassigned: the fault code and its text ("F204 Fill valve fault"), or the state ("Idle"). */
  label: string;
  /** Unassigned bars: what they group. */
  faultCode?: string;
  state?: DowntimeStop['state'];
  ms: number;
  stops: number;
  assigned: boolean;
}

export interface AssetOeeRow {
  asset: string;
  name: string;
  figures: OeeResult;
  timeline: TimelineSpan[];
}

export interface OeeReport {
  line: string;
  lineName: string;
  timeZone: string;
  span: OeeSpan;
  /** The period: [from, to). */
  from: number;
  to: number;
  /** The data runs to here: `to`, or now for the period under way. */
  until: number;
  /** "Early · Sun 22 Nov 2026", "Sun 22 Nov 2026 06:00–07:00", … in the plant's time zone. */
  label: string;
  /** The times of the previous and next period (for paging); next is null for the period under way. */
  previousAt: number;
  nextAt: number | null;
  shifts: OeeShift[];
  targets: OeeTargets;
  /** The constraint asset, whose figures are the line's; null when none is configured. */
  constraint: string | null;
  /** The line's figures (the constraint's); null with `why` when there is no constraint. */
  result: OeeResult | null;
  why?: string;
  assets: AssetOeeRow[];
  /** Stops of every asset overlapping the period, newest first. */
  stops: DowntimeStop[];
  /** Lost time of the line's stops by reason, largest first; unassigned stops by fault code or state. */
  pareto: ParetoBar[];
  /** Stops without a reason, and their lost time. */
  unassigned: { stops: number; ms: number };
  /** SPC characteristics of the line's assets, for the chart's picker. */
  characteristics: SpcCharacteristicInfo[];
}

/** A reason the operator can pick for a stop, most likely first. */
export interface ReasonChoiceInfo {
  code: string;
  text: string;
  /** Codes from the top-level group down to this reason. */
  path: string[];
  /** Texts along the same path. */
  texts: string[];
  /** Suggested by the stop's fault code or by the reasons given before for it. */
  suggested: boolean;
}

export interface ReasonChoices {
  stop: DowntimeStop;
  choices: ReasonChoiceInfo[];
}

export interface SpcCharacteristicInfo {
  /** Tag path of the measured characteristic. */
  tag: string;
  name: string;
  unit: string;
  subgroupSize: number;
  lsl?: number;
  usl?: number;
  target?: number;
}

export interface SpcLimits {
  center: number;
  ucl: number;
  lcl: number;
}

/** A run rule that fired (core/analytics/spc/rules.ts numbers them 1–8; 1–4 are Western Electric's). */
export interface SpcRuleHit {
  rule: number;
  /** Nelson's number of the same rule, when it has one. */
  nelson: number | null;
  name: string;
  chart: 'location' | 'dispersion';
  side: 'above' | 'below' | 'up' | 'down' | 'both';
  /** When the pattern first completed, and when it last held. */
  at: number;
  until: number;
  /** Indexes of the points involved (into that chart's points). */
  points: number[];
}

/** Process capability: Cp/Cpk with σ within (from the chart), Pp/Ppk with σ overall; null with the reason in `why`. */
export interface SpcCapability {
  mean: number;
  sigmaWithin: number;
  sigmaOverall: number;
  values: number;
  cp: number | null;
  cpk: number | null;
  pp: number | null;
  ppk: number | null;
  why: Partial<Record<'cp' | 'cpk' | 'pp' | 'ppk', string>>;
}

export interface SpcChart {
  characteristic: SpcCharacteristicInfo;
  from: number;
  to: number;
  /** 'xbar-r' for subgroups of 2–10, 'i-mr' for individuals. */
  kind: 'xbar-r' | 'i-mr';
  /** Where the limits come from: the configured baseline period, or the first subgroups shown (trial limits). */
  limitsFrom: string;
  /** X̄ or individual values, and R or moving ranges (the first MR point belongs to the second value). */
  location: { at: number; value: number }[];
  dispersion: { at: number; value: number }[];
  /** null when there are too few subgroups for limits (`why` says so). */
  locationLimits: SpcLimits | null;
  dispersionLimits: SpcLimits | null;
  rules: SpcRuleHit[];
  capability: SpcCapability | null;
  /** Measurements in the period. */
  measurements: number;
  /** Why the chart is empty or capability is null. */
  why?: string;
}
