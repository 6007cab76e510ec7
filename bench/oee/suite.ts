// The OEE benchmark: shift OEE, the six big losses and MTBF/MTTR for 50 assets over 30 days
// of 1 Hz state data (seeded: core/analytics/oee/testing/generated.ts; a Berlin three-shift
// calendar with breaks, a weekly sanitation and the October daylight-saving night; 5 lines
// of 10 assets, each line's OEE from its constraint). Every asset gets one result per shift
// and one for the 30 days.
//
// Three ways to the same figures, in the same run:
//  1. from change lists: what the historian gives for a state word (its changes only) plus
//     counters sampled once a minute, in the historian's columns (Series); timed from
//     building the intervals and counter increments to the last KPI (median of RUNS);
//  2. from pre-built state intervals (as a host that keeps them would): the KPIs only;
//  3. the baseline: every raw 1 Hz row of state word and fault code (129.6 M rows, made on
//     the fly from the change lists, never held in memory) through the streaming interval
//     builder, then the same counters and KPIs; run once. Making the rows is timed
//     separately too, so that its share is known.
// Reading from the historian is not part of any figure (it is wired later): the history is
// generated in memory before the clock starts. All three must give identical results.
import type { BenchSuite } from '../run.js';
import { assetOee, lineOee, type AssetOeeData, type OeeResult } from '../../core/analytics/oee/index.js';
import { shiftInstances, type ShiftInstance } from '../../core/analytics/oee/calendar.js';
import { counterIncrements } from '../../core/analytics/oee/counters.js';
import { buildStateIntervals, StateIntervalBuilder, type StateInterval } from '../../core/analytics/oee/intervals.js';
import { classify } from '../../core/analytics/oee/testing/fixtures.js';
import { forEachRawRow, generatedCalendar, generatedIdealCycleS, generatedModulus, generateHistory, type GeneratedAsset } from '../../core/analytics/oee/testing/generated.js';
import { formatNumber, median } from '../stats.js';

const ASSETS = 50;
const DAYS = 30;
const LINE_SIZE = 10;
const RUNS = 5;
const FROM = Date.UTC(2026, 9, 10, 0); // 10 Oct – 9 Nov 2026: the night of 24/25 October lasts 9 h
const MICRO_STOP_MS = 30_000;
const GOOD = Object.freeze({ status: 'good' as const });
const params = { idealCycleTimeS: generatedIdealCycleS, startupMs: 120_000 };
const counterOptions = { modulus: generatedModulus, maxRatePerS: 10 / generatedIdealCycleS };

const fmt = (n: number, digits = 0) => formatNumber(n, digits);

/** Every shift of every asset, each line's OEE per shift, and each asset's 30 days. */
function compute(data: readonly AssetOeeData[], to: number): { results: OeeResult[]; lineFigures: number } {
  const shifts: ShiftInstance[] = shiftInstances(generatedCalendar, FROM, to);
  const results: OeeResult[] = [];
  let lineFigures = 0;
  for (const s of shifts) {
    const period = { from: Math.max(s.from, FROM), to: Math.min(s.to, to), shifts: [s] };
    const perShift = data.map((d) => assetOee(d, period, params));
    for (let l = 0; l < perShift.length; l += LINE_SIZE) {
      const line = perShift.slice(l, l + LINE_SIZE);
      if (lineOee(`line${l / LINE_SIZE + 1}`, line[0]!.asset, line).result) lineFigures++;
    }
    results.push(...perShift);
  }
  for (const d of data) results.push(assetOee(d, { from: FROM, to, shifts }, params));
  return { results, lineFigures };
}

function counters(asset: GeneratedAsset): Pick<AssetOeeData, 'total' | 'reject'> {
  return { total: counterIncrements(asset.total, counterOptions), reject: counterIncrements(asset.reject, counterOptions) };
}

function fromChangeLists(assets: readonly GeneratedAsset[], to: number): AssetOeeData[] {
  return assets.map((a) => ({ asset: a.asset, intervals: buildStateIntervals(a.states, a.faults, { classify, microStopMs: MICRO_STOP_MS, until: to }), ...counters(a) }));
}

export const oeeSuite: BenchSuite = {
  name: 'oee',
  description: `shift OEE, six big losses and MTBF/MTTR for ${ASSETS} assets over ${DAYS} days of 1 Hz state data: from change lists / pre-built intervals vs recomputing from the raw 1 Hz rows`,
  async run(print) {
    const history = generateHistory(20261025, ASSETS, FROM, DAYS);
    const to = history.to;
    const changes = history.assets.reduce((n, a) => n + a.states.ts.length + a.faults.ts.length, 0);
    const counterSamples = history.assets.reduce((n, a) => n + a.total.ts.length + a.reject.ts.length, 0);

    // 1. From change lists (warm-up first, for the JIT).
    compute(fromChangeLists(history.assets.slice(0, 5), to), to);
    let reference: OeeResult[] = [];
    let lineFigures = 0;
    const changeTimes: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const t0 = performance.now();
      const out = compute(fromChangeLists(history.assets, to), to);
      changeTimes.push(performance.now() - t0);
      reference = out.results;
      lineFigures = out.lineFigures;
    }
    const changeMs = median(changeTimes);

    // 2. From pre-built intervals: the KPIs only.
    const prebuilt = fromChangeLists(history.assets, to);
    const intervalCount = prebuilt.reduce((n, d) => n + d.intervals.length, 0);
    const intervalTimes: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const t0 = performance.now();
      compute(prebuilt, to);
      intervalTimes.push(performance.now() - t0);
    }
    const intervalsMs = median(intervalTimes);

    // 3. The raw 1 Hz rows: first only making them, then the whole recomputation.
    let rows = 0;
    let t0 = performance.now();
    let sink = 0;
    for (const a of history.assets) forEachRawRow(a, FROM, to, (_ts, state) => ((sink += state), rows++));
    const generationMs = performance.now() - t0;
    t0 = performance.now();
    const raw: AssetOeeData[] = history.assets.map((a) => {
      const builder = new StateIntervalBuilder(classify, MICRO_STOP_MS);
      forEachRawRow(a, FROM, to, (ts, state, fault) => {
        builder.faultCode(ts, fault, GOOD);
        builder.state(ts, state, GOOD);
      });
      const intervals: StateInterval[] = builder.finish(to);
      return { asset: a.asset, intervals, ...counters(a) };
    });
    const rawResults = compute(raw, to).results;
    const rawMs = performance.now() - t0;
    if (sink === 0) throw new Error('no rows');

    const same = JSON.stringify(rawResults) === JSON.stringify(reference) && JSON.stringify(compute(prebuilt, to).results) === JSON.stringify(reference);
    if (!same) throw new Error('the raw rows, the change lists and the pre-built intervals gave different results');
    const ratio = rawMs / changeMs;
    const first = reference[reference.length - ASSETS]!;

    print(`${fmt(ASSETS)} assets × ${DAYS} days: ${fmt(changes)} state and fault changes, ${fmt(counterSamples)} counter samples (1/min), ${fmt(intervalCount)} state intervals; ${fmt(reference.length)} results (${fmt(reference.length - ASSETS)} shift × asset, ${ASSETS} of 30 days), ${fmt(lineFigures)} line figures`);
    print(`from change lists: ${fmt(changeMs, 1)} ms (intervals, counter increments, every KPI; median of ${RUNS})   (goal ≤ 1,000 ms)`);
    print(`from pre-built intervals: ${fmt(intervalsMs, 1)} ms (the KPIs only; median of ${RUNS})`);
    print(`from the raw 1 Hz rows: ${fmt(rawMs)} ms for ${fmt(rows)} rows (${fmt(rows / (rawMs / 1000) / 1e6, 1)} M rows/s; making the rows alone ${fmt(generationMs)} ms) → ${fmt(ratio, 0)}× the change lists; identical results`);
    print(`e.g. ${first.asset} over 30 days: A ${fmt(first.availability! * 100, 1)} %, P ${fmt(first.performance! * 100, 1)} %, Q ${fmt(first.quality! * 100, 2)} %, OEE ${fmt(first.oee! * 100, 1)} %, ${fmt(first.reliability.failures)} failures, MTBF ${fmt(first.reliability.mtbfMs! / 60_000, 1)} min, MTTR ${fmt(first.reliability.mttrMs! / 60_000, 1)} min, ${fmt(first.reliability.microStops)} micro-stops`);

    return {
      change_lists_ms: changeMs,
      intervals_ms: intervalsMs,
      raw_rows_ms: rawMs,
      raw_row_generation_ms: generationMs,
      raw_rows: rows,
      raw_rows_per_s: rows / (rawMs / 1000),
      raw_vs_change_lists_ratio: ratio,
      state_and_fault_changes: changes,
      state_intervals: intervalCount,
      results: reference.length,
    };
  },
};
