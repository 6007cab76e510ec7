/**
 * Replay exactness and consistency on a generated history (DESIGN.md: the same samples give
 * the same OEE): the same seed gives the same history and figures; a 1 Hz feed gives the
 * same intervals as the change list; shift figures add up to the figures of the whole range.
 */
import { describe, expect, it } from 'vitest';
import { shiftInstances } from './calendar.js';
import { counterIncrements } from './counters.js';
import { buildStateIntervals, StateIntervalBuilder } from './intervals.js';
import { assetOee, type AssetOeeData } from './kpis.js';
import { classify } from './testing/fixtures.js';
import { forEachRawRow, generatedCalendar, generatedIdealCycleS, generatedModulus, generateHistory } from './testing/generated.js';

const from = Date.UTC(2026, 9, 23, 0); // over the October daylight-saving night
const history = generateHistory(7, 2, from, 3);
const microStopMs = 30_000;
const GOOD = { status: 'good' as const };

function data(i: number): AssetOeeData {
  const a = history.assets[i]!;
  const counters = { modulus: generatedModulus, maxRatePerS: 10 / generatedIdealCycleS };
  return {
    asset: a.asset,
    intervals: buildStateIntervals(a.states, a.faults, { classify, microStopMs, until: history.to }),
    total: counterIncrements(a.total, counters),
    reject: counterIncrements(a.reject, counters),
  };
}

describe('a generated history', () => {
  it('is the same for the same seed, and so are its figures', () => {
    const again = generateHistory(7, 2, from, 3);
    expect(again).toEqual(history);
    const period = { from, to: history.to, shifts: shiftInstances(generatedCalendar, from, history.to) };
    expect(assetOee(data(0), period, { idealCycleTimeS: generatedIdealCycleS })).toEqual(assetOee(data(0), period, { idealCycleTimeS: generatedIdealCycleS }));
  });

  it('a 1 Hz feed through the streaming builder gives the intervals of the change list', () => {
    const asset = history.assets[1]!;
    const builder = new StateIntervalBuilder(classify, microStopMs);
    let rows = 0;
    forEachRawRow(asset, from, history.to, (ts, state, fault) => {
      builder.faultCode(ts, fault, GOOD);
      builder.state(ts, state, GOOD);
      rows++;
    });
    expect(rows).toBe(3 * 86_400);
    expect(builder.finish(history.to)).toEqual(data(1).intervals);
  });

  it('shift figures add up to those of the whole range; the counters wrapped and nothing was lost', () => {
    const shifts = shiftInstances(generatedCalendar, from, history.to);
    expect(shifts.map((s) => (s.to - s.from) / 3_600_000)).toContain(9); // the fall-back night
    const d = data(0);
    const whole = assetOee(d, { from, to: history.to, shifts }, { idealCycleTimeS: generatedIdealCycleS });
    // Each shift clipped to the range, as the whole range clips them.
    const parts = shifts.map((s) => assetOee(d, { from: Math.max(s.from, from), to: Math.min(s.to, history.to), shifts: [s] }, { idealCycleTimeS: generatedIdealCycleS }));
    const sum = (pick: (r: typeof whole) => number) => parts.reduce((a, r) => a + pick(r), 0);
    expect(sum((r) => r.times.plannedBusyMs)).toBe(whole.times.plannedBusyMs);
    expect(sum((r) => r.times.breakdownMs)).toBe(whole.times.breakdownMs);
    expect(sum((r) => r.times.smallStopMs)).toBe(whole.times.smallStopMs);
    expect(sum((r) => r.quantities.produced!)).toBe(whole.quantities.produced);
    expect(sum((r) => r.reliability.microStops)).toBe(whole.reliability.microStops);
    const raw = history.assets[0]!.total.value;
    const first = raw[0]!;
    const last = raw[raw.length - 1]!;
    expect(last).toBeLessThan(first); // wrapped
    expect(whole.quantities.produced).toBe(last + generatedModulus - first);
    expect(whole.availability!).toBeGreaterThan(0.6);
    expect(whole.availability!).toBeLessThan(0.95);
    expect(whole.reliability.failures).toBeGreaterThan(5);
  });
});
