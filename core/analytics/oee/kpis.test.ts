/**
 * ISO 22400-2 KPIs: the published worked example, the definitions on hand-computed cases,
 * and the edge cases (no production, nothing planned, a stop over a shift change,
 * micro-stops, bad quality, running through a break, startup rejects, products, energy).
 */
import { describe, expect, it } from 'vitest';
import { counterIncrements, incrementColumns } from './counters.js';
import { assetOee, type AssetOeeData } from './kpis.js';
import { lineOee } from './line.js';
import { code, counter, H, MIN, MON_0600, oneShift, period, timeline, type Step } from './testing/fixtures.js';

const S = 1000;
const inc = (...pairs: [number, number][]) => incrementColumns(pairs);

/** Every number anywhere in a result. */
function numbersIn(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (value === null || typeof value !== 'object') return [];
  return Object.values(value).flatMap(numbersIn);
}
const { running, idle, down, planned, changeover } = code;

describe('the published worked example', () => {
  // Vorne Industries, "OEE Calculation: Definitions, Formulas, and Examples",
  // https://www.oee.com/calculating-oee/ (the example reproduced in most OEE primers):
  // shift 8 h (480 min), two 15-min breaks and a 30-min meal (planned production time
  // 420 min), 47 min down time, ideal run rate 60 parts/min (ideal cycle time 1.0 s),
  // total count 19,271, reject count 423 → availability 88.81 %, performance 86.11 %,
  // quality 97.80 %, OEE 74.79 %.
  const calendar = oneShift('06:00', '14:00', [
    { start: '08:00', minutes: 15 },
    { start: '10:00', minutes: 30 },
    { start: '12:00', minutes: 15 },
  ]);
  // Down 06:30–07:17 (47 min, fault F204); idle in the breaks (the calendar makes that planned).
  const steps: Step[] = [
    [running, 30 * 60],
    [down, 47 * 60, 'F204'],
    [running, 43 * 60],
    [idle, 15 * 60],
    [running, 105 * 60],
    [idle, 30 * 60],
    [running, 90 * 60],
    [idle, 15 * 60],
    [running, 105 * 60],
  ];
  const data: AssetOeeData = {
    asset: 'line1/press',
    intervals: timeline(MON_0600, steps),
    total: counterIncrements(counter(MON_0600, [[0, 0], [4 * H, 9_000], [8 * H, 19_271]])),
    reject: counterIncrements(counter(MON_0600, [[0, 0], [4 * H, 200], [8 * H, 423]])),
  };
  const result = assetOee(data, period(calendar, MON_0600, MON_0600 + 8 * H), { idealCycleTimeS: 1.0 });

  it('reproduces availability, performance, quality and OEE to two decimals (in percent)', () => {
    expect((result.availability! * 100).toFixed(2)).toBe('88.81');
    expect((result.performance! * 100).toFixed(2)).toBe('86.11');
    expect((result.quality! * 100).toFixed(2)).toBe('97.80');
    expect((result.oee! * 100).toFixed(2)).toBe('74.79');
  });

  it('with its time and quantity figures', () => {
    expect(result.times).toMatchObject({
      scheduledMs: 480 * MIN,
      plannedDowntimeMs: 60 * MIN,
      plannedBusyMs: 420 * MIN,
      actualProductionMs: 373 * MIN,
      breakdownMs: 47 * MIN,
      unknownMs: 0,
    });
    expect(result.quantities).toEqual({ produced: 19_271, good: 18_848, rejects: 423, startupRejects: 0, productionRejects: 423, energyKWh: null, idealProductionMs: 19_271 * S });
    expect(result.reliability).toEqual({ failures: 1, microStops: 0, stops: 1, mtbfMs: 373 * MIN, mttrMs: 47 * MIN });
    expect(result.byFault).toEqual([{ faultCode: 'F204', failures: 1, microStops: 0, downMs: 47 * MIN, microStopMs: 0 }]);
  });

  it('the losses account for every millisecond of planned busy time', () => {
    const l = result.losses;
    const fullyProductive = 18_848 * S;
    expect(l.breakdownsMs + l.setupMs + l.smallStopsMs + l.reducedSpeedMs! + l.startupRejectsMs! + l.productionRejectsMs! + fullyProductive).toBe(result.times.plannedBusyMs);
    expect(fullyProductive / result.times.plannedBusyMs).toBeCloseTo(result.oee!, 12);
  });
});

interface Case {
  name: string;
  steps: Step[];
  produced: number;
  rejects: number;
  ideal: number;
  expected: { pbt: number; apt: number; availability: number; performance: number; quality: number };
}

// One 60-minute period, no breaks; ideal cycle time in seconds.
const cases: Case[] = [
  { name: 'all running at the ideal rate, no rejects', steps: [[running, 3600]], produced: 3600, rejects: 0, ideal: 1, expected: { pbt: 60, apt: 60, availability: 1, performance: 1, quality: 1 } },
  {
    name: 'a 15-min breakdown: A = 45/60; P from APT only',
    steps: [[running, 1800], [down, 900, 'F101'], [running, 900]],
    produced: 2025,
    rejects: 81,
    ideal: 1,
    expected: { pbt: 60, apt: 45, availability: 0.75, performance: 0.75, quality: 1944 / 2025 },
  },
  {
    name: 'a 10-min changeover is an availability (setup) loss',
    steps: [[running, 1500], [changeover, 600], [running, 1500]],
    produced: 1500,
    rejects: 0,
    ideal: 2,
    expected: { pbt: 60, apt: 50, availability: 50 / 60, performance: 1, quality: 1 },
  },
  {
    name: 'the planned-stop state is planned downtime: out of PBT',
    steps: [[running, 1800], [planned, 1200], [running, 600]],
    produced: 2400,
    rejects: 24,
    ideal: 0.75,
    expected: { pbt: 40, apt: 40, availability: 1, performance: 0.75, quality: 0.99 },
  },
];

describe('ISO 22400-2 definitions: PBT, APT, A = APT/PBT, P = ideal × produced / APT, Q = good / produced, OEE = A × P × Q', () => {
  it.each(cases)('$name', ({ steps, produced, rejects, ideal, expected }) => {
    const data: AssetOeeData = {
      asset: 'a',
      intervals: timeline(MON_0600, steps),
      total: inc([MON_0600 + H, produced]),
      reject: rejects > 0 ? inc([MON_0600 + H, rejects]) : inc(),
    };
    const r = assetOee(data, period(oneShift('06:00', '07:00'), MON_0600, MON_0600 + H), { idealCycleTimeS: ideal });
    expect(r.times.plannedBusyMs).toBe(expected.pbt * MIN);
    expect(r.times.actualProductionMs).toBe(expected.apt * MIN);
    expect(r.availability).toBeCloseTo(expected.availability, 12);
    expect(r.performance).toBeCloseTo(expected.performance, 12);
    expect(r.quality).toBeCloseTo(expected.quality, 12);
    expect(r.oee).toBeCloseTo(expected.availability * expected.performance * expected.quality, 12);
    expect(r.firstPassYield).toBe(r.quality);
    expect(r.scrapRate).toBeCloseTo(rejects / produced, 12);
  });
});

describe('edge cases', () => {
  const shift = oneShift('06:00', '14:00');
  const p8 = period(shift, MON_0600, MON_0600 + 8 * H);

  it('a shift with no production: A = 0, P and Q null with a reason, OEE 0, no NaN', () => {
    const data: AssetOeeData = { asset: 'a', intervals: timeline(MON_0600, [[idle, 8 * 3600]]), total: inc(), reject: inc() };
    const r = assetOee(data, p8, { idealCycleTimeS: 0.3 });
    expect(r.availability).toBe(0);
    expect(r.performance).toBeNull();
    expect(r.quality).toBeNull();
    expect(r.oee).toBe(0);
    expect(r.why).toEqual({
      performance: 'no actual production time: the asset did not run',
      quality: 'nothing was produced',
      firstPassYield: 'nothing was produced',
      scrapRate: 'nothing was produced',
      energyPerGoodUnit: 'no energy counter is configured',
      mtbfMs: 'no failure started in the period',
      mttrMs: 'no failure started in the period',
    });
    expect(numbersIn(r).every(Number.isFinite)).toBe(true);
    expect(r.times.idleMs).toBe(8 * H);
  });

  it('a shift entirely in planned stop: no planned busy time, every ratio null with the reason', () => {
    const data: AssetOeeData = { asset: 'a', intervals: timeline(MON_0600, [[planned, 8 * 3600]]), total: inc(), reject: inc() };
    const r = assetOee(data, p8, { idealCycleTimeS: 0.3 });
    expect(r.times.plannedBusyMs).toBe(0);
    expect([r.availability, r.performance, r.quality, r.oee]).toEqual([null, null, null, null]);
    expect(r.why.availability).toBe('no planned busy time in the period');
    expect(r.why.oee).toBe('no planned busy time in the period');
  });

  it('a few seconds of running at the start of a planned stop, with a counter sample inside: no 750 % performance', () => {
    // Running until 06:00:00.2, then planned stop; three units counted in the last second land at 06:00:00.2.
    const data: AssetOeeData = {
      asset: 'a',
      intervals: [
        { from: MON_0600, to: MON_0600 + 200, state: 'running', microStop: false },
        { from: MON_0600 + 200, to: MON_0600 + 8 * H, state: 'planned-stop', microStop: false },
      ],
      total: inc([MON_0600 + 200, 3]),
      reject: inc(),
    };
    const r = assetOee(data, p8, { idealCycleTimeS: 0.3 });
    expect(r.times.actualProductionMs).toBe(200);
    expect([r.availability, r.performance, r.oee]).toEqual([null, null, null]);
    expect(r.why.availability).toBe('only 0 s of planned busy time: too short to judge');
    expect(r.why.performance).toBe('only 0 s of actual production time: too short to judge speed');
    expect(r.quality).toBe(1);
  });

  it('an asset without counters: availability and reliability only', () => {
    const r = assetOee({ asset: 'motor', intervals: timeline(MON_0600, [[running, 4 * 3600], [down, 1800, 'M301'], [running, 3.5 * 3600]]) }, p8);
    expect(r.availability).toBeCloseTo(450 / 480, 12);
    expect(r.performance).toBeNull();
    expect(r.why.performance).toBe('no total counter is configured');
    expect(r.why.quality).toBe('no total counter is configured');
    expect(r.quantities).toEqual({ produced: null, good: null, rejects: null, startupRejects: null, productionRejects: null, energyKWh: null, idealProductionMs: null });
    expect(r.reliability.mttrMs).toBe(30 * MIN);
  });

  it('a stop over a shift change is split between the shifts; its failure counts where it starts', () => {
    const calendar = { ...shift, shifts: [{ name: 'Early', start: '06:00', end: '14:00', days: shift.shifts[0]!.days }, { name: 'Late', start: '14:00', end: '22:00', days: shift.shifts[0]!.days }] };
    // Down 13:30–14:30 (F204).
    const intervals = timeline(MON_0600, [[running, 7.5 * 3600], [down, 3600, 'F204'], [running, 7.5 * 3600]]);
    const early = assetOee({ asset: 'a', intervals }, period(calendar, MON_0600, MON_0600 + 8 * H));
    const late = assetOee({ asset: 'a', intervals }, period(calendar, MON_0600 + 8 * H, MON_0600 + 16 * H));
    expect([early.times.breakdownMs, late.times.breakdownMs]).toEqual([30 * MIN, 30 * MIN]);
    expect([early.reliability.failures, late.reliability.failures]).toEqual([1, 0]);
    expect(early.reliability.mttrMs).toBe(60 * MIN);
    expect(late.reliability.mttrMs).toBeNull();
    expect([early.availability, late.availability]).toEqual([450 / 480, 450 / 480]);
    // The whole day holds the whole stop once.
    const day = assetOee({ asset: 'a', intervals }, period(calendar, MON_0600, MON_0600 + 16 * H));
    expect(day.times.breakdownMs).toBe(60 * MIN);
    expect(day.reliability.failures).toBe(1);
  });

  it('micro-stops are performance loss: in APT, not failures; longer stops are availability loss', () => {
    const steps: Step[] = [];
    for (let i = 0; i < 50; i++) steps.push([down, 20, 'F101'], [running, 400]); // 50 jams of 20 s
    steps.push([down, 1800, 'F101'], [running, 6000]);
    const r = assetOee(
      { asset: 'a', intervals: timeline(MON_0600, steps, 30_000), total: inc([MON_0600 + 8 * H, 80_000]), reject: inc() },
      p8,
      { idealCycleTimeS: 0.3 },
    );
    expect(r.times.smallStopMs).toBe(50 * 20 * S);
    expect(r.times.breakdownMs).toBe(30 * MIN);
    expect(r.times.actualProductionMs).toBe(8 * H - 30 * MIN);
    expect(r.availability).toBeCloseTo(450 / 480, 12);
    expect(r.reliability).toMatchObject({ failures: 1, microStops: 50 });
    // APT 27,000 s = ideal 80,000 × 0.3 s + small stops 1,000 s + reduced speed 2,000 s.
    expect(r.losses.smallStopsMs).toBe(1_000 * S);
    expect(r.losses.reducedSpeedMs).toBe(2_000 * S);
    expect(r.byFault).toEqual([{ faultCode: 'F101', failures: 1, microStops: 50, downMs: 30 * MIN, microStopMs: 1_000 * S }]);
  });

  it('bad quality is unknown time: in PBT, never running, reported', () => {
    const r = assetOee({ asset: 'a', intervals: timeline(MON_0600, [[running, 3600], ['bad', 600], [running, 24_600]]) }, p8);
    expect(r.times.unknownMs).toBe(10 * MIN);
    expect(r.times.runningMs).toBe(8 * H - 10 * MIN);
    expect(r.availability).toBeCloseTo(470 / 480, 12);
  });

  it('time without data (before the first sample) is unknown as well', () => {
    const intervals = timeline(MON_0600 + H, [[running, 7 * 3600]]);
    const r = assetOee({ asset: 'a', intervals }, p8);
    expect(r.times).toMatchObject({ unknownMs: H, noDataMs: H, runningMs: 7 * H });
  });

  it('running through a break makes the break busy time; idle in it is planned', () => {
    const calendar = oneShift('06:00', '14:00', [{ start: '10:00', minutes: 30 }]);
    const r = assetOee({ asset: 'a', intervals: timeline(MON_0600, [[running, 8 * 3600]]) }, period(calendar, MON_0600, MON_0600 + 8 * H));
    expect(r.times).toMatchObject({ plannedBusyMs: 8 * H, runningInPlannedStopMs: 30 * MIN, plannedDowntimeMs: 0 });
    const idleInBreak = assetOee({ asset: 'a', intervals: timeline(MON_0600, [[running, 4 * 3600], [idle, 1800], [running, 3.5 * 3600]]) }, period(calendar, MON_0600, MON_0600 + 8 * H));
    expect(idleInBreak.times).toMatchObject({ plannedBusyMs: 7.5 * H, plannedDowntimeMs: 30 * MIN, idleMs: 0 });
    expect(idleInBreak.availability).toBe(1);
  });

  it('rejects within the startup window after a stop are startup rejects; later ones production rejects', () => {
    const intervals = timeline(MON_0600, [[running, 3600], [down, 600, 'F204'], [running, 3600]]);
    const restart = MON_0600 + H + 10 * MIN;
    const reject = inc(
      [MON_0600 + 30 * MIN, 2], // steady state
      [restart + 30 * S, 5], // startup
      [restart + 119 * S, 1], // startup
      [restart + 121 * S, 3], // steady state
    );
    const r = assetOee({ asset: 'a', intervals, total: inc([restart + 60 * MIN, 10_000]), reject }, period(oneShift('06:00', '08:10'), MON_0600, MON_0600 + 130 * MIN), {
      idealCycleTimeS: 0.5,
      startupMs: 120_000,
    });
    expect(r.quantities).toMatchObject({ rejects: 11, startupRejects: 6, productionRejects: 5, good: 9_989 });
    expect(r.losses.startupRejectsMs).toBe(3_000);
    expect(r.losses.productionRejectsMs).toBe(2_500);
  });

  it('ideal cycle time by product; a product without one and no default leaves performance null', () => {
    const intervals = timeline(MON_0600, [[running, 2 * 3600]]);
    const data: AssetOeeData = {
      asset: 'a',
      intervals,
      products: [{ ts: MON_0600, product: '330' }, { ts: MON_0600 + H, product: '500' }],
      total: inc([MON_0600 + 30 * MIN, 6_000], [MON_0600 + 90 * MIN, 4_000]),
      reject: inc(),
    };
    const p2 = period(oneShift('06:00', '08:00'), MON_0600, MON_0600 + 2 * H);
    const r = assetOee(data, p2, { productCycleTimesS: { '330': 0.3, '500': 0.45 } });
    expect(r.quantities.idealProductionMs).toBeCloseTo(6_000 * 300 + 4_000 * 450, 6);
    expect(r.performance).toBeCloseTo((1_800_000 + 1_800_000) / (2 * H), 12);
    const missing = assetOee(data, p2, { productCycleTimesS: { '330': 0.3 } });
    expect(missing.performance).toBeNull();
    expect(missing.why.performance).toBe('no ideal cycle time for product "500" and no default');
    expect(assetOee(data, p2, { productCycleTimesS: { '330': 0.3 }, idealCycleTimeS: 0.4 }).quantities.idealProductionMs).toBeCloseTo(6_000 * 300 + 4_000 * 400, 6);
  });

  it('energy per good unit from the energy counter', () => {
    const r = assetOee(
      { asset: 'a', intervals: timeline(MON_0600, [[running, 8 * 3600]]), total: inc([MON_0600 + H, 1_000]), reject: inc([MON_0600 + H, 200]), energy: inc([MON_0600 + H, 40]) },
      p8,
      { idealCycleTimeS: 1 },
    );
    expect(r.quantities.energyKWh).toBe(40);
    expect(r.energyPerGoodUnit).toBeCloseTo(0.05, 12);
  });

  it('a daylight-saving night in Europe/Berlin: the night shift has 7 h (March) or 9 h (October) of planned busy time', () => {
    const calendar = { timeZone: 'Europe/Berlin', shifts: [{ name: 'Night', start: '22:00', end: '06:00', days: shift.shifts[0]!.days }], breaks: [], plannedStops: [], holidays: [] };
    for (const [start, hours] of [[Date.UTC(2026, 2, 28, 21), 7], [Date.UTC(2026, 9, 24, 20), 9]] as const) {
      const [night] = period(calendar, start, start + 1).shifts;
      expect((night!.to - night!.from) / H).toBe(hours);
      // Running all night at half the ideal rate: A = 1, P = 0.5 whatever the length.
      const produced = (hours * 3600) / 0.6;
      const r = assetOee({ asset: 'a', intervals: timeline(start - H, [[running, (hours + 2) * 3600]]), total: inc([start + H, produced]), reject: inc() }, { from: night!.from, to: night!.to, shifts: [night!] }, { idealCycleTimeS: 0.3 });
      expect(r.times.plannedBusyMs).toBe(hours * H);
      expect([r.availability, r.performance]).toEqual([1, 0.5]);
    }
  });

  it('counts only what falls inside the shifts of the period: an hour, a shift, a day', () => {
    const intervals = timeline(MON_0600, [[running, 24 * 3600]]);
    const total = counterIncrements(counter(MON_0600, Array.from({ length: 25 }, (_, h) => [h * H, h * 12_000] as const)));
    const data: AssetOeeData = { asset: 'a', intervals, total, reject: inc() };
    const hour = assetOee(data, period(shift, MON_0600 + 2 * H, MON_0600 + 3 * H), { idealCycleTimeS: 0.3 });
    expect([hour.times.scheduledMs, hour.quantities.produced]).toEqual([H, 12_000]);
    const day = assetOee(data, period(shift, MON_0600 - 6 * H, MON_0600 + 18 * H), { idealCycleTimeS: 0.3 });
    expect([day.times.scheduledMs, day.quantities.produced]).toEqual([8 * H, 96_000]);
  });
});

describe('line OEE', () => {
  const p8 = period(oneShift('06:00', '14:00'), MON_0600, MON_0600 + 8 * H);
  const result = (asset: string, downMin: number) =>
    assetOee({ asset, intervals: timeline(MON_0600, [[running, 8 * 3600 - downMin * 60], [down, downMin * 60, 'X']]), total: inc([MON_0600 + H, 1000]), reject: inc() }, p8, { idealCycleTimeS: 1 });

  it('is the constraint asset OEE, not an average', () => {
    const assets = [result('line1/filler', 48), result('line1/capper', 0), result('line1/labeler', 240)];
    const line = lineOee('line1', 'line1/filler', assets);
    expect(line.result?.asset).toBe('line1/filler');
    expect(line.result?.availability).toBeCloseTo(0.9, 12);
    expect(line.assets).toHaveLength(3);
  });

  it('says why there is no line figure', () => {
    expect(lineOee('line1', undefined, []).why).toBe('line line1 has no constraint asset configured');
    expect(lineOee('line1', 'line1/filler', []).why).toBe('no OEE result for the constraint line1/filler');
  });
});
