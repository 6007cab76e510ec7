/**
 * Hand-made OEE shapes for the OEE screens' tests: one asset's result and a line report for
 * the Early shift of Sun 22 Nov 2026 in UTC (06:00–14:00), with two stops (one with a
 * reason), a Pareto and a break, each overridable.
 */
import type { DowntimeStop, OeeReport, OeeResult } from '../../core/contract/index.js';

export const shiftFrom = Date.UTC(2026, 10, 22, 6);
export const shiftTo = Date.UTC(2026, 10, 22, 14);
const minute = 60_000;

export function makeResult(overrides: Partial<OeeResult> = {}): OeeResult {
  return {
    asset: 'line1/filler',
    from: shiftFrom,
    to: shiftTo,
    times: {
      scheduledMs: 480 * minute,
      plannedDowntimeMs: 30 * minute,
      plannedBusyMs: 450 * minute,
      actualProductionMs: 405 * minute,
      runningMs: 400 * minute,
      runningInPlannedStopMs: 0,
      breakdownMs: 30 * minute,
      setupMs: 10 * minute,
      smallStopMs: 5 * minute,
      idleMs: 0,
      starvedMs: 5 * minute,
      blockedMs: 0,
      unknownMs: 0,
      noDataMs: 0,
    },
    quantities: { produced: 72_000, good: 71_280, rejects: 720, startupRejects: 220, productionRejects: 500, energyKWh: 151.2, idealProductionMs: 360 * minute },
    availability: 0.9,
    performance: 360 / 405,
    quality: 0.99,
    oee: 0.9 * (360 / 405) * 0.99,
    firstPassYield: 0.985,
    scrapRate: 0.01,
    energyPerGoodUnit: 151.2 / 71_280,
    losses: { breakdownsMs: 30 * minute, setupMs: 10 * minute, smallStopsMs: 5 * minute, reducedSpeedMs: 40 * minute, startupRejectsMs: 66_000, productionRejectsMs: 150_000 },
    reliability: { failures: 3, microStops: 14, stops: 5, mtbfMs: 135 * minute, mttrMs: 10 * minute },
    byFault: [{ faultCode: 'F204', failures: 2, microStops: 0, downMs: 25 * minute, microStopMs: 0 }],
    why: {},
    ...overrides,
  };
}

export function makeStop(overrides: Partial<DowntimeStop> = {}): DowntimeStop {
  const from = overrides.from ?? shiftFrom + 60 * minute;
  return {
    id: `line1/filler@${from}`,
    asset: 'line1/filler',
    assetName: 'Filler',
    from,
    to: from + 12 * minute,
    durationMs: 12 * minute,
    lostMs: 12 * minute,
    state: 'down',
    faultCode: 'F204',
    ongoing: false,
    ...overrides,
  };
}

export function makeReport(overrides: Partial<OeeReport> = {}): OeeReport {
  const result = makeResult();
  return {
    line: 'line1',
    lineName: 'Bottling line 1',
    timeZone: 'UTC',
    span: 'shift',
    from: shiftFrom,
    to: shiftTo,
    until: shiftTo,
    label: 'Early · Sun 22 Nov 2026',
    previousAt: shiftFrom - 1,
    nextAt: shiftTo,
    shifts: [{ name: 'Early', date: '2026-11-22', from: shiftFrom, to: shiftTo, plannedStops: [{ from: shiftFrom + 240 * minute, to: shiftFrom + 270 * minute, kind: 'break', name: 'Break' }] }],
    targets: { oee: 0.65, availability: 0.85, performance: 0.9, quality: 0.99 },
    constraint: 'line1/filler',
    result,
    assets: [
      {
        asset: 'line1/filler',
        name: 'Filler',
        figures: result,
        timeline: [
          { from: shiftFrom, to: shiftFrom + 60 * minute, state: 'running', microStop: false },
          { from: shiftFrom + 60 * minute, to: shiftFrom + 72 * minute, state: 'down', faultCode: 'F204', microStop: false },
          { from: shiftFrom + 72 * minute, to: shiftTo, state: 'running', microStop: false },
        ],
      },
    ],
    stops: [
      makeStop({ from: shiftFrom + 200 * minute, durationMs: 3 * minute, to: shiftFrom + 203 * minute, state: 'starved', faultCode: undefined }),
      makeStop({ reason: { code: 'MECH-VALVE', texts: ['Mechanical', 'Fill valve defect'], user: 'Anna Schmidt', at: shiftFrom + 80 * minute, comment: 'valve 17' } }),
    ],
    pareto: [
      { key: 'unassigned:starved', label: 'Starved', ms: 3 * minute, stops: 1, assigned: false },
      { key: 'MECH-VALVE', label: 'Mechanical › Fill valve defect', ms: 12 * minute, stops: 1, assigned: true },
    ],
    unassigned: { stops: 1, ms: 3 * minute },
    characteristics: [{ tag: 'line1/filler/fill_volume', name: 'Fill volume', unit: 'ml', subgroupSize: 5, lsl: 328, usl: 336, target: 332 }],
    ...overrides,
  };
}
