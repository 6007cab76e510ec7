/**
 * Pure historian queries: M4 display decimation (from raw samples or from rollups) and
 * rollup aggregates. No I/O, no clock: the storage layer reads the samples and rows and
 * passes them in. The rules (ties, gaps, step hold) are stated in each file's header.
 */
export { type DisplayPoints, isUsable, type PrevSample } from './common.js';
export { m4, type M4Options } from './m4.js';
export { m4FromRollups, type M4FromRollupsOptions } from './m4-rollups.js';
export {
  aggregate,
  computeRollups,
  emptyRollupRow,
  MAX_AGGREGATE_INTERVALS,
  mergeRollups,
  type RollupOptions,
  type RollupRow,
  toAggregateRow,
} from './rollup.js';
