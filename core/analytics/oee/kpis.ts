/**
 * ISO 22400-2 KPIs of one asset for any period (a shift, an hour, a day, a week): pure,
 * state intervals and counter increments in, figures out. The time model (time-account.ts
 * says how each instant is classified):
 *
 *   scheduled time (shift time in the period)
 *   − planned downtime (calendar breaks and planned stops while not running, the
 *     planned-stop state)                                   = planned busy time (PBT)
 *   − breakdowns − setup − idle/starved/blocked − unknown   = actual production time (APT)
 *   − small stops (micro-stops) − reduced speed             = ideal time of the produced units
 *   − startup rejects − production rejects (as ideal time)  = ideal time of the good units
 *
 *   availability = APT / PBT
 *   performance  = ideal cycle time × produced quantity / APT
 *   quality      = good quantity / produced quantity (good = produced − rejects)
 *   OEE          = availability × performance × quality
 *
 * APT is running time plus micro-stop time: stops shorter than the threshold are a speed
 * loss, not an availability loss. Unknown time (bad quality, no data) stays in PBT and out
 * of APT: availability is never overstated; it is reported so that a low figure can be
 * explained. Performance can exceed 1 if units were counted while the state was unknown.
 *
 * A ratio with a zero denominator is null with the reason in `why`, never NaN; so are
 * availability with under a minute of planned busy time and performance with under a
 * minute of actual production time (MIN_JUDGED_MS): a counter sample that lands just
 * inside a period boundary would otherwise read as 750 % performance. One case
 * has a value although a factor is null: with planned busy time and a total counter but
 * nothing produced, OEE is 0 (no good unit in planned busy time), while performance and
 * quality are null.
 *
 * Reliability: MTBF = APT / failures, MTTR = repair time / failures, for the failures
 * (down intervals that are not micro-stops) that start in the period. First-pass yield
 * is good / produced (with only a reject counter every unit that was not rejected passed
 * the first time, so it equals quality); scrap rate is rejects / produced; energy per
 * good unit is the energy counted in the scheduled windows / good quantity.
 */
import type { NullableKpi, OeeResult } from '../../contract/index.js';
import type { IncrementColumns } from './counters.js';
import type { StateInterval } from './intervals.js';
import { scheduledWindows, type OeePeriod } from './period.js';
import { accountQuantities, type IdealCycle, type ProductChange } from './quantities.js';
import { accountTime } from './time-account.js';

export interface AssetOeeData {
  /** Asset path (line/asset). */
  asset: string;
  /** Sorted, non-overlapping state intervals covering the period (buildStateIntervals). */
  intervals: readonly StateInterval[];
  /** Counter increments (counterIncrements, or incrementColumns); absent when the asset has no such counter. */
  total?: IncrementColumns;
  reject?: IncrementColumns;
  energy?: IncrementColumns;
  /** Product tag changes in time order, for ideal cycle times by product. */
  products?: readonly ProductChange[];
}

export type OeeParameters = IdealCycle;

/** Least planned busy time for an availability, and least actual production time for a performance. */
export const MIN_JUDGED_MS = 60_000;

export function assetOee(data: AssetOeeData, period: OeePeriod, params: OeeParameters = {}): OeeResult {
  const { windows, planned } = scheduledWindows(period);
  const t = accountTime(data.intervals, windows, planned);
  const q = accountQuantities(data, windows, params, period.from, period.to);
  const why: OeeResult['why'] = {};
  const ratio = (name: NullableKpi, num: number | null, den: number | null, reasons: [boolean, string][]): number | null => {
    const failed = reasons.find(([bad]) => bad);
    if (failed) {
      why[name] = failed[1];
      return null;
    }
    return num! / den!;
  };

  const plannedDowntimeMs = t.calendarPlannedMs + t.plannedStateMs;
  const pbt = t.scheduledMs - plannedDowntimeMs;
  const apt = t.runningMs + t.smallStopMs;
  const noTotal = q.produced === null;
  const noReject = q.rejects === null;
  const good = q.produced === null || q.rejects === null ? null : Math.max(0, q.produced - q.rejects);
  const nothing = q.produced === 0;

  const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;
  const availability = ratio('availability', apt, pbt, [
    [pbt <= 0, 'no planned busy time in the period'],
    [pbt < MIN_JUDGED_MS, `only ${seconds(pbt)} of planned busy time: too short to judge`],
  ]);
  const performance = ratio('performance', q.idealMs, apt, [
    [noTotal, 'no total counter is configured'],
    [q.idealMs === null, q.noIdeal ?? 'no ideal cycle time'],
    [apt <= 0, 'no actual production time: the asset did not run'],
    [apt < MIN_JUDGED_MS, `only ${seconds(apt)} of actual production time: too short to judge speed`],
  ]);
  const qualityReasons: [boolean, string][] = [
    [noTotal, 'no total counter is configured'],
    [noReject, 'no reject counter is configured'],
    [nothing, 'nothing was produced'],
  ];
  const quality = ratio('quality', good, q.produced, qualityReasons);
  const firstPassYield = ratio('firstPassYield', good, q.produced, qualityReasons);
  const scrapRate = ratio('scrapRate', q.rejects, q.produced, qualityReasons);

  let oee: number | null = null;
  if (availability !== null && performance !== null && quality !== null) oee = availability * performance * quality;
  else if (pbt >= MIN_JUDGED_MS && nothing) oee = 0;
  else why.oee = why.availability ?? why.performance ?? why.quality ?? 'a factor is unknown';

  const energyPerGoodUnit = ratio('energyPerGoodUnit', q.energyKWh, good, [
    [q.energyKWh === null, 'no energy counter is configured'],
    [noTotal, 'no total counter is configured'],
    [noReject, 'no reject counter is configured'],
    [good === 0, 'no good unit was produced'],
  ]);
  const mtbfMs = ratio('mtbfMs', apt, t.failures, [[t.failures === 0, 'no failure started in the period']]);
  const mttrMs = ratio('mttrMs', t.repairMs, t.failures, [[t.failures === 0, 'no failure started in the period']]);
  const reducedSpeedMs = q.idealMs === null ? null : apt - q.idealMs - t.smallStopMs;
  if (reducedSpeedMs === null) why.reducedSpeedMs = why.performance ?? 'no ideal time';

  const byFault = [...t.byFault.values()].sort(
    (a, b) => b.downMs - a.downMs || b.microStopMs - a.microStopMs || String(a.faultCode ?? '').localeCompare(String(b.faultCode ?? '')),
  );

  return {
    asset: data.asset,
    from: period.from,
    to: period.to,
    times: {
      scheduledMs: t.scheduledMs,
      plannedDowntimeMs,
      plannedBusyMs: pbt,
      actualProductionMs: apt,
      runningMs: t.runningMs,
      runningInPlannedStopMs: t.runningInPlannedStopMs,
      breakdownMs: t.breakdownMs,
      setupMs: t.setupMs,
      smallStopMs: t.smallStopMs,
      idleMs: t.idleMs,
      starvedMs: t.starvedMs,
      blockedMs: t.blockedMs,
      unknownMs: t.unknownMs,
      noDataMs: t.noDataMs,
    },
    quantities: {
      produced: q.produced,
      good,
      rejects: q.rejects,
      startupRejects: q.startupRejects,
      productionRejects: q.productionRejects,
      energyKWh: q.energyKWh,
      idealProductionMs: q.idealMs,
    },
    availability,
    performance,
    quality,
    oee,
    firstPassYield,
    scrapRate,
    energyPerGoodUnit,
    losses: {
      breakdownsMs: t.breakdownMs,
      setupMs: t.setupMs,
      smallStopsMs: t.smallStopMs,
      reducedSpeedMs,
      startupRejectsMs: q.startupRejectsIdealMs,
      productionRejectsMs: q.productionRejectsIdealMs,
    },
    reliability: { failures: t.failures, microStops: t.microStops, stops: t.stops, mtbfMs, mttrMs },
    byFault,
    why,
  };
}
