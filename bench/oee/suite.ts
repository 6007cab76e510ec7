// The OEE benchmark: shift OEE, the six big losses and MTBF/MTTR for 50 assets over 30 days
// of 1 Hz state data (seeded: core/analytics/oee/testing/generated.ts; a Berlin three-shift
// calendar with breaks, a weekly sanitation and the October daylight-saving night; 5 lines
// of 10 assets, each line's OEE from its constraint). Every asset gets one result per shift
// and one for the 30 days.
//
// Four ways to the same figures, in the same run:
//  1. from change lists: what the historian gives for a state word (its changes only) plus
//     counters sampled once a minute, in the historian's columns (Series), held in memory;
//     timed from building the intervals and counter increments to the last KPI (median of
//     RUNS);
//  2. from pre-built state intervals (as a host that keeps them would): the KPIs only;
//  3. from the historian, as the app does it (core/runtime/oee-host.ts `analyse`): the
//     generated history is first written into a real historian file in a temp dir (state
//     word int16, fault code string, total and reject counters uint32, one 'state-change'
//     event per state change in the events table as core/historian/index.ts journals
//     them; timed apart, not a goal figure), then per asset readAssetHistory (raw state and
//     fault series from the start of the state in effect at the period start, counters
//     as at most four points a minute via HistorianReader.counterPoints, which for these
//     once-a-minute counters takes them from the raw blocks, not the 1-minute rollups) +
//     assetOeeData with the assets' own OEE settings + the same KPIs (median of RUNS,
//     after a warm-up). This is the headline figure;
//  4. the baseline: every raw 1 Hz row of state word and fault code (129.6 M rows, made on
//     the fly from the change lists, never held in memory) through the streaming interval
//     builder, then the same counters and KPIs; run once. Making the rows is timed
//     separately too, so that its share is known.
// The change lists, the pre-built intervals and the raw rows must give identical results.
// The historian's must equal the change lists' except for the counter sample at exactly
// the end of the data, which readAssetHistory does not read (compareHistorian says why).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchSuite } from '../run.js';
import { assetAnalysis, assetOee, assetOeeData, lineOee, type AssetOeeData, type OeeParameters, type OeeResult } from '../../core/analytics/oee/index.js';
import { shiftInstances, type ShiftInstance } from '../../core/analytics/oee/calendar.js';
import { counterIncrements } from '../../core/analytics/oee/counters.js';
import { buildStateIntervals, StateIntervalBuilder, type StateInterval } from '../../core/analytics/oee/intervals.js';
import { classify, demoStates as states } from '../../core/analytics/oee/testing/fixtures.js';
import { forEachRawRow, generatedCalendar, generatedIdealCycleS, generatedModulus, generateHistory, type GeneratedAsset } from '../../core/analytics/oee/testing/generated.js';
import { Historian } from '../../core/historian/historian.js';
import { appendEvent, type HistorianEvent } from '../../core/historian/journal.js';
import { HistorianReader } from '../../core/historian/reader.js';
import type { Series } from '../../core/historian/series.js';
import type { TagDataType } from '../../core/contract/index.js';
import type { Asset, AssetOeeSettings, PlantOeeSettings, Tag } from '../../core/model/plant.js';
import { silentLogger } from '../../core/runtime/logger.js';
import { readAssetHistory } from '../../core/runtime/oee-history.js';
import { formatNumber, median } from '../stats.js';

const ASSETS = 50;
const DAYS = 30;
const LINE_SIZE = 10;
const RUNS = 5;
const FROM = Date.UTC(2026, 9, 10, 0); // 10 Oct – 9 Nov 2026: the night of 24/25 October lasts 9 h
const MICRO_STOP_MS = 30_000;
const GOOD = Object.freeze({ status: 'good' as const });
const params: OeeParameters = { idealCycleTimeS: generatedIdealCycleS, startupMs: 120_000 };
const counterOptions = { modulus: generatedModulus, maxRatePerS: 10 / generatedIdealCycleS };
const plantOee: PlantOeeSettings = {
  calendar: generatedCalendar,
  microStopMs: MICRO_STOP_MS,
  startupMs: params.startupMs!,
  reasons: [],
  targets: { oee: 0.85, availability: 0.9, performance: 0.95, quality: 0.99 },
};

const fmt = (n: number, digits = 0) => formatNumber(n, digits);

/** Every shift of every asset, each line's OEE per shift, and each asset's 30 days. */
function compute(data: readonly AssetOeeData[], to: number, kpiParams: OeeParameters = params): { results: OeeResult[]; lineFigures: number } {
  const shifts: ShiftInstance[] = shiftInstances(generatedCalendar, FROM, to);
  const results: OeeResult[] = [];
  let lineFigures = 0;
  for (const s of shifts) {
    const period = { from: Math.max(s.from, FROM), to: Math.min(s.to, to), shifts: [s] };
    const perShift = data.map((d) => assetOee(d, period, kpiParams));
    for (let l = 0; l < perShift.length; l += LINE_SIZE) {
      const line = perShift.slice(l, l + LINE_SIZE);
      if (lineOee(`line${l / LINE_SIZE + 1}`, line[0]!.asset, line).result) lineFigures++;
    }
    results.push(...perShift);
  }
  for (const d of data) results.push(assetOee(d, { from: FROM, to, shifts }, kpiParams));
  return { results, lineFigures };
}

function counters(asset: GeneratedAsset): Pick<AssetOeeData, 'total' | 'reject'> {
  return { total: counterIncrements(asset.total, counterOptions), reject: counterIncrements(asset.reject, counterOptions) };
}

function fromChangeLists(assets: readonly GeneratedAsset[], to: number): AssetOeeData[] {
  return assets.map((a) => ({ asset: a.asset, intervals: buildStateIntervals(a.states, a.faults, { classify, microStopMs: MICRO_STOP_MS, until: to }), ...counters(a) }));
}

/** A stored tag of a generated asset. */
function benchTag(asset: string, name: string, dataType: TagDataType, sampleRateMs: number, role?: string): Tag {
  const tag: Tag = { path: `${asset}/${name}`, name, assetPath: asset, deviceId: 'bench', address: name, dataType, unit: '', description: name, sampleRateMs, rateReason: 'bench', writable: false };
  if (role) tag.role = role;
  return tag;
}

/** A generated asset as the plant model has it: its tags and OEE settings (the bench's classifier, ideal cycle time and counter modulus). */
function benchAsset(generated: GeneratedAsset): Asset {
  const path = generated.asset;
  const tags = [benchTag(path, 'state', 'int16', 1000, 'state'), benchTag(path, 'fault', 'string', 1000), benchTag(path, 'total', 'uint32', 60_000), benchTag(path, 'reject', 'uint32', 60_000)];
  const oee: AssetOeeSettings = {
    stateTag: tags[0]!.path,
    faultTag: tags[1]!.path,
    totalCounter: tags[2]!.path,
    rejectCounter: tags[3]!.path,
    states,
    counterModulus: generatedModulus,
    idealCycleTimeS: generatedIdealCycleS,
    productCycleTimesS: {},
  };
  return { path, id: path.replace('/', '-'), name: path, kind: 'bench', description: 'generated', tags, oee };
}

/** Columns as the historian's Series. */
function series(c: { ts: ArrayLike<number>; value: ArrayLike<number>; quality: ArrayLike<number>; text?: readonly string[] }): Series {
  return { ts: Float64Array.from(c.ts), value: Float64Array.from(c.value), quality: Uint8Array.from(c.quality), ...(c.text ? { text: [...c.text] } : {}) };
}

/**
 * Writes the generated history into the historian: the four series of every asset in one
 * import, and one 'state-change' event per state change (not the first state, which is no
 * change), as core/historian/index.ts `journalStates` journals them, in one transaction.
 */
function writeHistory(historian: Historian, assets: readonly Asset[], generated: readonly GeneratedAsset[]): number {
  historian.importMany(
    generated.flatMap((g, i) => {
      const oee = assets[i]!.oee!;
      return [
        { path: oee.stateTag, series: series(g.states) },
        { path: oee.faultTag!, series: series(g.faults) },
        { path: oee.totalCounter!, series: series(g.total) },
        { path: oee.rejectCounter!, series: series(g.reject) },
      ];
    }),
  );
  const events: HistorianEvent[] = [];
  generated.forEach((g, i) => {
    const { ts, value } = g.states;
    for (let k = 1; k < ts.length; k++) {
      const from = value[k - 1]!;
      const to = value[k]!;
      if (from === to) continue;
      events.push({ ts: ts[k]!, kind: 'state-change', source: assets[i]!.path, data: { tag: assets[i]!.oee!.stateTag, from, to, fromLabel: String(from), toLabel: String(to) } });
    }
  });
  historian.db.transaction(() => events.forEach((event) => appendEvent(historian, event)))();
  return events.length;
}

/** As the app's OEE host does it (core/runtime/oee-host.ts `analyse`): read, then intervals and increments. */
function fromHistorian(historian: Historian, assets: readonly Asset[], to: number): AssetOeeData[] {
  const reader = new HistorianReader(historian);
  return assets.map((asset) => {
    const analysis = assetAnalysis(plantOee, asset.oee!);
    const read = readAssetHistory(historian, reader, asset, { from: FROM, to }, to);
    return assetOeeData(asset.path, analysis, read.series, read.until, read.from);
  });
}

export const oeeSuite: BenchSuite = {
  name: 'oee',
  description: `shift OEE, six big losses and MTBF/MTTR for ${ASSETS} assets over ${DAYS} days of 1 Hz state data: from the historian / change lists / pre-built intervals vs recomputing from the raw 1 Hz rows`,
  async run(print) {
    const history = generateHistory(20261025, ASSETS, FROM, DAYS);
    const to = history.to;
    const changes = history.assets.reduce((n, a) => n + a.states.ts.length + a.faults.ts.length, 0);
    const counterSamples = history.assets.reduce((n, a) => n + a.total.ts.length + a.reject.ts.length, 0);

    // The historian file: written before any clock starts that counts.
    const dir = mkdtempSync(join(tmpdir(), 'lineside-bench-oee-'));
    const assets = history.assets.map(benchAsset);
    let historian: Historian | undefined;
    try {
      historian = new Historian({ file: join(dir, 'oee.db'), tags: assets.flatMap((a) => a.tags), log: silentLogger() });
      let t0 = performance.now();
      const events = writeHistory(historian, assets, history.assets);
      const importMs = performance.now() - t0;

      // The settings give the bench's classifier and counter options.
      const analysis = assetAnalysis(plantOee, assets[0]!.oee!);
      for (let v = -1; v <= 9; v++) if (analysis.classify(v) !== classify(v)) throw new Error(`the asset settings classify state ${v} as ${analysis.classify(v)}, the bench as ${classify(v)}`);
      if (analysis.counters.modulus !== counterOptions.modulus || analysis.counters.maxRatePerS !== counterOptions.maxRatePerS || analysis.microStopMs !== MICRO_STOP_MS) {
        throw new Error(`the asset settings give other counter options (${JSON.stringify(analysis.counters)}) than the bench (${JSON.stringify(counterOptions)})`);
      }

      // 1. From change lists (warm-up first, for the JIT).
      compute(fromChangeLists(history.assets.slice(0, 5), to), to);
      let reference: OeeResult[] = [];
      let lineFigures = 0;
      const changeTimes: number[] = [];
      for (let r = 0; r < RUNS; r++) {
        t0 = performance.now();
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
        t0 = performance.now();
        compute(prebuilt, to);
        intervalTimes.push(performance.now() - t0);
      }
      const intervalsMs = median(intervalTimes);

      // 3. From the historian: read + intervals + counters + every KPI (warm-up on a few assets first).
      compute(fromHistorian(historian, assets.slice(0, 5), to), to, analysis.params);
      let stored: OeeResult[] = [];
      let storedData: AssetOeeData[] = [];
      const historianTimes: number[] = [];
      for (let r = 0; r < RUNS; r++) {
        t0 = performance.now();
        const data = fromHistorian(historian, assets, to);
        const out = compute(data, to, analysis.params);
        historianTimes.push(performance.now() - t0);
        stored = out.results;
        if (r === RUNS - 1) storedData = data; // only the last run's (as with the change lists, a run's data is garbage after it)
      }
      const historianMs = median(historianTimes);

      // 4. The raw 1 Hz rows: first only making them, then the whole recomputation.
      let rows = 0;
      t0 = performance.now();
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
      compareHistorian(stored, storedData, reference, prebuilt);
      const ratio = rawMs / changeMs;
      const historianRatio = rawMs / historianMs;
      const first = reference[reference.length - ASSETS]!;
      historian.db.pragma('wal_checkpoint(TRUNCATE)');
      const fileBytes = historian.status().bytes;

      print(`${fmt(ASSETS)} assets × ${DAYS} days: ${fmt(changes)} state and fault changes, ${fmt(counterSamples)} counter samples (1/min), ${fmt(intervalCount)} state intervals; ${fmt(reference.length)} results (${fmt(reference.length - ASSETS)} shift × asset, ${ASSETS} of 30 days), ${fmt(lineFigures)} line figures`);
      print(`writing it into a historian file: ${fmt(importMs)} ms (${fmt(assets.length * 4)} series, ${fmt(events)} state-change events; ${fmt(fileBytes / 1e6, 1)} MB; not a goal figure)`);
      print(`from the historian: ${fmt(historianMs, 1)} ms (read + intervals + counters + every KPI; the same results as the change lists) (goal ≤ 1,000 ms); median of ${RUNS}`);
      print(`from change lists: ${fmt(changeMs, 1)} ms (intervals, counter increments, every KPI; median of ${RUNS}; nothing read)`);
      print(`from pre-built intervals: ${fmt(intervalsMs, 1)} ms (the KPIs only; median of ${RUNS})`);
      print(`from the raw 1 Hz rows: ${fmt(rawMs)} ms for ${fmt(rows)} rows (${fmt(rows / (rawMs / 1000) / 1e6, 1)} M rows/s; making the rows alone ${fmt(generationMs)} ms) → ${fmt(historianRatio, 0)}× the historian, ${fmt(ratio, 0)}× the change lists; identical results`);
      print(`e.g. ${first.asset} over 30 days: A ${fmt(first.availability! * 100, 1)} %, P ${fmt(first.performance! * 100, 1)} %, Q ${fmt(first.quality! * 100, 2)} %, OEE ${fmt(first.oee! * 100, 1)} %, ${fmt(first.reliability.failures)} failures, MTBF ${fmt(first.reliability.mtbfMs! / 60_000, 1)} min, MTTR ${fmt(first.reliability.mttrMs! / 60_000, 1)} min, ${fmt(first.reliability.microStops)} micro-stops`);

      return {
        historian_ms: historianMs,
        historian_import_ms: importMs,
        historian_file_bytes: fileBytes,
        change_lists_ms: changeMs,
        intervals_ms: intervalsMs,
        raw_rows_ms: rawMs,
        raw_row_generation_ms: generationMs,
        raw_rows: rows,
        raw_rows_per_s: rows / (rawMs / 1000),
        raw_vs_historian_ratio: historianRatio,
        raw_vs_change_lists_ratio: ratio,
        state_and_fault_changes: changes,
        state_change_events: events,
        state_intervals: intervalCount,
        results: reference.length,
      };
    } finally {
      historian?.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

/**
 * The historian path must give exactly the change lists' results. Its state intervals may
 * start earlier, with an hour of 'unknown' before FROM (the journal has no state change at
 * FROM: the first state is no change, so readAssetHistory reads from FROM − 1 h), which lies
 * outside every period; from FROM on they must be the same intervals.
 */
function compareHistorian(stored: readonly OeeResult[], storedData: readonly AssetOeeData[], reference: readonly OeeResult[], prebuilt: readonly AssetOeeData[]): void {
  storedData.forEach((d, i) => {
    const inData = d.intervals.filter((interval) => interval.to > FROM);
    if (JSON.stringify(inData) !== JSON.stringify(prebuilt[i]!.intervals)) throw new Error(`${d.asset}: the historian gave other state intervals than the change lists`);
  });
  const mismatch = stored.findIndex((r, i) => JSON.stringify(r) !== JSON.stringify(reference[i]));
  if (mismatch >= 0) throw new Error(`the historian gave other results than the change lists: result ${mismatch} (${stored[mismatch]!.asset})`);
}
