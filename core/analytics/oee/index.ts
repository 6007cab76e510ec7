/**
 * OEE, pure (DESIGN.md "Analytics are pure"; ISO 22400-2): state samples → state intervals
 * with micro-stops and fault codes; the shift calendar in its time zone → shift instances
 * with planned stops; counters → increments (wraps and PLC restarts handled); intervals,
 * increments and a period → availability, performance, quality, OEE, the six big losses,
 * MTBF/MTTR, first-pass yield, scrap rate and energy per good unit; the line's figures
 * from its constraint; stops for reason assignment and the likely reasons for a fault code.
 * No clock and no I/O: every time is an argument.
 */
export { assetAnalysis, assetOeeData, productChanges, type AssetAnalysis, type AssetSeries } from './asset-data.js';
export { shiftInstances, unionMs, type PlannedStopInterval, type PlannedStopKind, type ShiftInstance } from './calendar.js';
export { counterIncrements, incrementColumns, type CounterIncrements, type CounterOptions, type IncrementColumns } from './counters.js';
export { OeeInputError } from './errors.js';
export { downtimeEvents, stopStates, type DowntimeEvent, type DowntimeOptions, type StopState } from './downtime.js';
export {
  buildStateIntervals,
  StateIntervalBuilder,
  type BuildIntervalOptions,
  type SampleColumns,
  type SampleInput,
  type StateInterval,
  type TimedValue,
} from './intervals.js';
export { assetOee, type AssetOeeData, type OeeParameters } from './kpis.js';
export type { FaultTally, NullableKpi, OeeQuantities, OeeReliability, OeeResult, OeeState, OeeTimes, SixBigLosses } from '../../contract/index.js';
export { lineOee, type LineOeeResult } from './line.js';
export { overlapMs, scheduledWindows, type OeePeriod, type Span } from './period.js';
export { reportPeriod, type ReportPeriod } from './report-period.js';
export { type ProductChange } from './quantities.js';
export { likelyReasons, reasonLeaves, type LikelyReasonOptions, type ReasonChoice } from './reasons.js';
export { microStopStates, stateClassifier, type StateClassifier } from './states.js';
export { dayNumber, isTimeZone, localDayAt, localToUtc, offsetAt } from './time-zone.js';
