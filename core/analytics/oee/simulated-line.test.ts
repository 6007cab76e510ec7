/**
 * The acceptance on the simulated line: a fault injected into the filler gives an
 * availability loss of the injected duration (± one poll period of the state tag)
 * attributed to the filler and its fault code. Runs the demo plant end to end: its config
 * (OEE settings, calendar) through core/config, its samples from the simulator core,
 * intervals, counters and KPIs from this module.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePlantConfig } from '../../config/index.js';
import { fakeSimulatorDriver } from '../../config/testing/fake-driver.js';
import { SimulatedLine, TICK_MS } from '../../drivers/simulator/simulated-line.js';
import { demoSettings, demoTags } from '../../drivers/simulator/testing/demo.js';
import type { Asset } from '../../model/plant.js';
import type { Sample } from '../../model/sample.js';
import { assetAnalysis, assetOeeData, type AssetSeries } from './asset-data.js';
import { shiftInstances } from './calendar.js';
import { downtimeEvents } from './downtime.js';
import { assetOee } from './kpis.js';
import { lineOee } from './line.js';

const MIN = 60_000;
const START = Date.UTC(2026, 10, 2, 6, 0, 0); // Monday 06:00 UTC: the demo's Early shift
const plant = parsePlantConfig(readFileSync(new URL('../../../assets/demo/plant.yaml', import.meta.url), 'utf8'), 'plant.yaml', [fakeSimulatorDriver]);
const line = plant.lines[0]!;

function seriesOf(asset: Asset, samples: Map<string, Sample[]>): AssetSeries {
  const oee = asset.oee!;
  const get = (path: string | undefined) => (path === undefined ? undefined : (samples.get(path) ?? []));
  const series: AssetSeries = { state: get(oee.stateTag)! };
  const fields = { fault: oee.faultTag, total: oee.totalCounter, reject: oee.rejectCounter, energy: oee.energyCounter } as const;
  for (const [key, path] of Object.entries(fields)) if (path !== undefined) series[key as keyof typeof fields] = get(path)!;
  return series;
}

describe('the simulated line with an injected fault', () => {
  it('loses the injected 10 minutes of availability on the filler, under its fault code', () => {
    const settings = demoSettings({
      calendar: false,
      machines: demoSettings().machines.map((m) => ({ ...m, faults: [] })),
      injectedFaults: [{ kind: 'stop', machine: 'filler', code: 'F204', atS: 3600, durationS: 600 }],
    });
    const sim = new SimulatedLine(settings, START, demoTags());
    const samples = new Map<string, Sample[]>();
    const end = START + 90 * MIN;
    while (sim.time < end) for (const s of sim.step()) (samples.get(s.path) ?? samples.set(s.path, []).get(s.path)!).push(s);

    const from = START + 40 * MIN; // after a cold start (the glue tank takes about 20 min to heat)
    const period = { from, to: end, shifts: shiftInstances(plant.oee!.calendar, from, end) };
    expect(period.shifts.map((s) => s.name)).toEqual(['Early']);
    const results = line.assets.map((asset) => {
      const analysis = assetAnalysis(plant.oee!, asset.oee!);
      const data = assetOeeData(asset.path, analysis, seriesOf(asset, samples), end);
      return { data, result: assetOee(data, period, analysis.params) };
    });
    const filler = results[0]!.result;
    const poll = line.assets[0]!.tags.find((t) => t.name === 'state')!.sampleRateMs;

    expect(Math.abs(filler.times.breakdownMs - 10 * MIN)).toBeLessThanOrEqual(poll);
    expect(filler.byFault).toHaveLength(1);
    expect(filler.byFault[0]!.faultCode).toBe('F204');
    expect(Math.abs(filler.byFault[0]!.downMs - 10 * MIN)).toBeLessThanOrEqual(poll);
    expect(filler.reliability.failures).toBe(1);
    // Nothing else stopped the filler: availability is 40 of 50 minutes, to the poll period.
    expect(filler.times.plannedBusyMs).toBe(50 * MIN);
    expect(Math.abs(filler.times.actualProductionMs - 40 * MIN)).toBeLessThanOrEqual(poll);
    expect(filler.availability).toBeCloseTo(0.8, 2);
    expect(filler.performance!).toBeGreaterThan(0.9);
    expect(filler.quality!).toBeGreaterThan(0.98);
    // The stop is one downtime event of the filler with its fault code; no other machine is down.
    const events = downtimeEvents('line1/filler', results[0]!.data.intervals, { from, to: end, states: ['down'] });
    expect(events.map((e) => e.faultCode)).toEqual(['F204']);
    expect(Math.abs(events[0]!.from - (START + 60 * MIN))).toBeLessThanOrEqual(TICK_MS);
    for (const { result } of results.slice(1)) expect(result.times.breakdownMs).toBe(0);
    // The neighbours lose time as starved or blocked, not as breakdowns; the line follows the filler.
    expect(results[1]!.result.times.starvedMs).toBeGreaterThan(5 * MIN);
    expect(lineOee('line1', line.constraint, results.map((r) => r.result)).result).toBe(filler);
  });
});
