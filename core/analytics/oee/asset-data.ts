/**
 * From an asset's OEE settings (the plant model) and its tag samples to what assetOee
 * takes: state intervals, counter increments and product changes. The host reads the
 * samples (historian or live bus) and calls this; nothing here reads anything itself.
 *
 * Counter plausibility (counters.ts): a counter is taken to count at most ten times the
 * asset's fastest ideal rate, which tells a wrap from a PLC restart; energy counters have
 * no such bound.
 */
import type { AssetOeeSettings, PlantOeeSettings } from '../../model/plant.js';
import { counterIncrements, type CounterOptions } from './counters.js';
import { buildStateIntervals, sampleFeed, type SampleInput } from './intervals.js';
import type { AssetOeeData, OeeParameters } from './kpis.js';
import type { ProductChange } from './quantities.js';
import { stateClassifier, type StateClassifier } from './states.js';

/** An asset's tag samples, each as sample arrays or as the historian's columns. */
export interface AssetSeries {
  state: SampleInput;
  fault?: SampleInput;
  total?: SampleInput;
  reject?: SampleInput;
  energy?: SampleInput;
  product?: SampleInput;
}

export interface AssetAnalysis {
  classify: StateClassifier;
  microStopMs: number;
  counters: CounterOptions;
  params: OeeParameters;
}

/** How to analyse one asset: its classifier, thresholds, counter options and ideal cycle times. */
export function assetAnalysis(plant: PlantOeeSettings, asset: AssetOeeSettings): AssetAnalysis {
  const times = [asset.idealCycleTimeS, ...Object.values(asset.productCycleTimesS)].filter((s): s is number => s !== undefined && s > 0);
  const counters: CounterOptions = {};
  if (asset.counterModulus !== undefined) counters.modulus = asset.counterModulus;
  if (times.length > 0) counters.maxRatePerS = 10 / Math.min(...times);
  const params: OeeParameters = { productCycleTimesS: asset.productCycleTimesS, startupMs: plant.startupMs };
  if (asset.idealCycleTimeS !== undefined) params.idealCycleTimeS = asset.idealCycleTimeS;
  return { classify: stateClassifier(asset.states), microStopMs: plant.microStopMs, counters, params };
}

/** Product tag samples → changes (bad quality keeps the last product). */
export function productChanges(samples: SampleInput): ProductChange[] {
  const feed = sampleFeed(samples);
  const out: ProductChange[] = [];
  for (let i = 0; i < feed.length; i++) {
    const value = feed.value(i);
    if (feed.quality(i).status === 'bad' || typeof value === 'object') continue;
    const product = String(value);
    if (out[out.length - 1]?.product !== product) out.push({ ts: feed.ts(i), product });
  }
  return out;
}

/** Everything assetOee needs for `asset` from its samples up to `until` (the end of the data). */
export function assetOeeData(assetPath: string, analysis: AssetAnalysis, series: AssetSeries, until: number, from?: number): AssetOeeData {
  const options = { classify: analysis.classify, microStopMs: analysis.microStopMs, until, ...(from === undefined ? {} : { from }) };
  const data: AssetOeeData = { asset: assetPath, intervals: buildStateIntervals(series.state, series.fault, options) };
  if (series.total) data.total = counterIncrements(series.total, analysis.counters);
  if (series.reject) data.reject = counterIncrements(series.reject, analysis.counters);
  if (series.energy) data.energy = counterIncrements(series.energy);
  if (series.product) data.products = productChanges(series.product);
  return data;
}
