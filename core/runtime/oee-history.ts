/**
 * Reads what OEE needs of an asset from the historian, for the pure functions in
 * core/analytics/oee (the same ones the live numbers and a replay use):
 *
 * - the state word and fault code as stored, from the start of the state in effect at
 *   the period's start to the first change after its end, so that a stop across the
 *   period's edges is seen whole: its micro-stop decision and its id (asset and start
 *   time, which reasons are stored against) do not depend on which period is asked.
 *   Those two times come from the historian's journal of state changes (one indexed
 *   query each); without one the read starts an hour early, and looks at most a day ahead;
 * - the counters (total, reject, energy): for a period of up to two days every stored
 *   sample; for a longer one the 1-minute rollups, four points a minute at most
 *   (HistorianReader.counterPoints): exact increments across wraps and PLC restarts, and
 *   a month reads in a fraction of a second, but a unit is then placed only to within the
 *   minute it was counted in (a unit counted in the minute a week starts in may fall in
 *   either week; over a week that is noise, over the first minutes of a shift it is not);
 * - the product tag as stored.
 */
import type { Historian } from '../historian/historian.js';
import type { HistorianReader } from '../historian/reader.js';
import type { Series } from '../historian/series.js';
import type { AssetSeries } from '../analytics/oee/index.js';
import type { Asset, AssetOeeSettings } from '../model/plant.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** A stop older than this at the period's start is read from here on (its start is then approximate). */
const MAX_LOOKBACK_MS = 7 * DAY_MS;
/** Periods up to this long read every counter sample; longer ones the minute rollups. */
const RAW_COUNTERS_UP_TO_MS = 2 * DAY_MS;

export interface AssetHistory {
  series: AssetSeries;
  /** The span read: the builder's `from` and `until`. */
  from: number;
  until: number;
}

export function readAssetHistory(historian: Historian, reader: HistorianReader, asset: Asset, period: { from: number; to: number }, now: number): AssetHistory {
  const oee = asset.oee as AssetOeeSettings;
  const readFrom = stateStartAt(historian, asset.path, period.from) ?? period.from - HOUR_MS;
  const nextChange = nextStateChange(historian, asset.path, period.to);
  const until = Math.min(now, nextChange === undefined ? period.to + DAY_MS : nextChange + 1);
  const raw = (path: string): Series => {
    const entry = historian.tags.get(path);
    if (!entry) return { ts: new Float64Array(0), value: new Float64Array(0), quality: new Uint8Array(0) };
    return reader.series(entry, readFrom, until);
  };
  // A counter sample at exactly `until` holds the units of the last moments (a period takes
  // increments at from < ts ≤ to): the read includes it.
  const counterFrom = period.from - MINUTE_MS;
  const counterTo = Math.min(until + 1, period.to + MINUTE_MS);
  const counter = (path: string): Series => {
    const entry = historian.tags.get(path);
    if (!entry) return raw(path);
    return period.to - period.from <= RAW_COUNTERS_UP_TO_MS ? reader.series(entry, counterFrom, counterTo) : reader.counterPoints(path, counterFrom, counterTo);
  };
  const series: AssetSeries = { state: raw(oee.stateTag) };
  if (oee.faultTag) series.fault = raw(oee.faultTag);
  if (oee.totalCounter) series.total = counter(oee.totalCounter);
  if (oee.rejectCounter) series.reject = counter(oee.rejectCounter);
  if (oee.energyCounter) series.energy = counter(oee.energyCounter);
  if (oee.productTag) series.product = raw(oee.productTag);
  return { series, from: readFrom, until };
}

/** When the state in effect at `t` began: the last journaled state change at or before `t`. */
function stateStartAt(historian: Historian, asset: string, t: number): number | undefined {
  const ts = historian.sql("SELECT ts FROM events WHERE source = ? AND ts <= ? AND ts >= ? AND kind = 'state-change' ORDER BY ts DESC LIMIT 1").pluck().get(asset, t, t - MAX_LOOKBACK_MS) as
    | number
    | undefined;
  return ts === undefined ? undefined : Math.max(ts, t - MAX_LOOKBACK_MS);
}

/** The first journaled state change after `t`, within a day. */
function nextStateChange(historian: Historian, asset: string, t: number): number | undefined {
  return historian.sql("SELECT ts FROM events WHERE source = ? AND ts > ? AND ts <= ? AND kind = 'state-change' ORDER BY ts LIMIT 1").pluck().get(asset, t, t + DAY_MS) as
    | number
    | undefined;
}
