/**
 * The fake client's SPC: two characteristics of the fake line (the filler's fill volume in
 * subgroups of 5, the capper's cap torque as individuals), measured every 5 minutes with
 * seeded noise and a drift late in each hour, so that the charts show rule hits. Limits
 * from the first 20 points (trial limits); rules 1 and 4 only. Not the core's statistics:
 * enough for screens and tests.
 */
import { describeIssues, fail, hmiRequestSchemas, ok } from '../../core/contract/index.js';
import type { Result, SpcChart, SpcCharacteristicInfo, SpcLimits, SpcRuleHit } from '../../core/contract/index.js';

export const fakeCharacteristics: SpcCharacteristicInfo[] = [
  { tag: 'line1/filler/fill_volume', name: 'Fill volume', unit: 'ml', subgroupSize: 5, lsl: 328, usl: 336, target: 332 },
  { tag: 'line1/capper/cap_torque', name: 'Cap torque', unit: 'N·m', subgroupSize: 1, lsl: 1.6, usl: 2.4, target: 2 },
];

const everyMs = 5 * 60_000;
// Control-chart constants for n = 5 (A2, D3, D4) and for moving ranges of 2 (E2 = 2.66, D4 = 3.267).
const a2 = 0.577;
const d4n5 = 2.114;
const d2n5 = 2.326;

function noise(seed: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  const u = ((h ^ (h >>> 16)) >>> 0) / 4294967296;
  let g = Math.imul(seed + 7919, 0x27d4eb2d);
  g = Math.imul(g ^ (g >>> 15), 0x165667b1);
  const v = ((g ^ (g >>> 16)) >>> 0) / 4294967296;
  return Math.sqrt(-2 * Math.log(Math.max(1e-9, u))) * Math.cos(2 * Math.PI * v);
}

function measure(c: SpcCharacteristicInfo, at: number, k: number): number {
  const slot = Math.floor(at / everyMs);
  const drift = (slot % 12) >= 9 ? 1.3 : 0;
  const sigma = c.subgroupSize > 1 ? 0.9 : 0.07;
  return (c.target ?? 0) + sigma * (noise(slot * 31 + k) + drift);
}

function rules(points: readonly { at: number; value: number }[], limits: SpcLimits, chart: 'location' | 'dispersion'): SpcRuleHit[] {
  const hits: SpcRuleHit[] = [];
  points.forEach((p, i) => {
    if (p.value > limits.ucl || p.value < limits.lcl) hits.push({ rule: 1, nelson: 1, name: 'one point beyond 3σ', chart, side: p.value > limits.ucl ? 'above' : 'below', at: p.at, until: p.at, points: [i] });
  });
  if (chart === 'dispersion') return hits;
  let run: number[] = [];
  let side = 0;
  const flush = () => {
    if (run.length >= 8) hits.push({ rule: 4, nelson: null, name: '8 points in a row on one side of the center', chart, side: side > 0 ? 'above' : 'below', at: points[run[7]!]!.at, until: points[run[run.length - 1]!]!.at, points: run });
  };
  points.forEach((p, i) => {
    const s = Math.sign(p.value - limits.center);
    if (s !== 0 && s === side) run.push(i);
    else {
      flush();
      run = [i];
      side = s;
    }
  });
  flush();
  return hits;
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
}

export function fakeSpcChart(raw: unknown, now: number): Result<SpcChart> {
  const parsed = hmiRequestSchemas.spcChart.safeParse(raw);
  if (!parsed.success) return fail('invalid-request', `spcChart: ${describeIssues(parsed.error, raw)}`);
  const characteristic = fakeCharacteristics.find((c) => c.tag === parsed.data.tag);
  if (characteristic === undefined) return fail('unknown-tag', `no SPC characteristic "${parsed.data.tag}"`);
  const n = characteristic.subgroupSize;
  const to = Math.min(parsed.data.to, now);
  const groups: { at: number; values: number[] }[] = [];
  for (let at = Math.ceil(parsed.data.from / everyMs) * everyMs; at < to; at += everyMs) groups.push({ at, values: Array.from({ length: n }, (_, k) => measure(characteristic, at, k)) });
  const kind: SpcChart['kind'] = n > 1 ? 'xbar-r' : 'i-mr';
  const location = groups.map((g) => ({ at: g.at, value: mean(g.values) }));
  const dispersion = n > 1 ? groups.map((g) => ({ at: g.at, value: Math.max(...g.values) - Math.min(...g.values) })) : groups.slice(1).map((g, i) => ({ at: g.at, value: Math.abs(g.values[0]! - groups[i]!.values[0]!) }));
  const base = Math.min(20, location.length);
  const center = mean(location.slice(0, base).map((p) => p.value));
  const rBar = mean(dispersion.slice(0, base).map((p) => p.value));
  const locationLimits = n > 1 ? { center, ucl: center + a2 * rBar, lcl: center - a2 * rBar } : { center, ucl: center + 2.66 * rBar, lcl: center - 2.66 * rBar };
  const dispersionLimits = { center: rBar, ucl: (n > 1 ? d4n5 : 3.267) * rBar, lcl: 0 };
  const all = groups.flatMap((g) => g.values);
  const overallMean = mean(all);
  const sigmaWithin = n > 1 ? rBar / d2n5 : rBar / 1.128;
  const sigmaOverall = Math.sqrt(mean(all.map((v) => (v - overallMean) ** 2)));
  const index = (lo: number | undefined, hi: number | undefined, sigma: number, k: boolean) => {
    if (lo === undefined || hi === undefined || !(sigma > 0)) return null;
    return k ? Math.min(hi - overallMean, overallMean - lo) / (3 * sigma) : (hi - lo) / (6 * sigma);
  };
  const { lsl, usl } = characteristic;
  const chart: SpcChart = {
    characteristic,
    from: parsed.data.from,
    to: parsed.data.to,
    kind,
    limitsFrom: `trial limits from the first ${base} ${n > 1 ? 'subgroups' : 'values'}`,
    location,
    dispersion,
    locationLimits,
    dispersionLimits,
    rules: [...rules(location, locationLimits, 'location'), ...rules(dispersion, dispersionLimits, 'dispersion')],
    capability: all.length < 2 ? null : { mean: overallMean, sigmaWithin, sigmaOverall, values: all.length, cp: index(lsl, usl, sigmaWithin, false), cpk: index(lsl, usl, sigmaWithin, true), pp: index(lsl, usl, sigmaOverall, false), ppk: index(lsl, usl, sigmaOverall, true), why: {} },
    measurements: all.length,
  };
  if (groups.length === 0) chart.why = 'No measurements in this period yet';
  return ok(chart);
}
