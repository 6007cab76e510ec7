// The OEE host on a runtime with a real historian: samples pass the tag bus into the
// historian (which journals state changes), and the host's report, reason entry and SPC
// chart read them back through the pure OEE and SPC functions.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parsePlantConfig } from '../config/index.js';
import { pushDriver } from '../drivers/testing/push-driver.js';
import { startHistorian, type RunningHistorian } from '../historian/index.js';
import { LinesideError } from '../model/errors.js';
import type { Sample } from '../model/sample.js';
import { silentLogger } from './logger.js';
import { queryEvents } from '../historian/journal.js';
import type { Logger } from './logger.js';
import { createOeeHost, type OeeHost } from './oee-host.js';
import { SPC_EVENT_KIND, startSpcMonitor } from './spc-monitor.js';
import { createRuntime, type Runtime } from './runtime.js';
import { createManualClock, type ManualClock } from './testing/manual-clock.js';

const MIN = 60_000;
const H = 60 * MIN;
const DAY = Date.UTC(2026, 10, 23); // a Monday
const at = (hours: number, minutes = 0, seconds = 0) => DAY + hours * H + minutes * MIN + seconds * 1000;

const config = `version: 1
site: S
area: A
stateSets:
  machine:
    - { value: 1, label: Running, severity: normal }
    - { value: 2, label: Idle, severity: normal }
    - { value: 5, label: Down, severity: abnormal }
faults: { F204: Fill valve fault }
devices:
  - { id: dev, driver: fake, settings: {} }
lines:
  - id: line1
    name: Line 1
    constraint: filler
    assets:
${['filler', 'capper']
  .map(
    (id) => `      - id: ${id}
        name: ${id === 'filler' ? 'Filler' : 'Capper'}
        kind: ${id}
        device: dev
        oee: { stateTag: state, states: { running: [Running], idle: [Idle], down: [Down] }, faultTag: fault, totalCounter: total, rejectCounter: rejects, counterModulus: 65536, idealCycleTimeS: 1 }
${id === 'filler' ? '        spc: [{ tag: volume, subgroupSize: 5, intervalMinutes: 5, lsl: 327, usl: 334 }]\n' : ''}        tags:
          - { name: state, address: s, type: int16, unit: "", description: State, sampleRateMs: 1000, rateReason: events, states: machine, role: state }
          - { name: fault, address: f, type: string, unit: "", description: Fault, sampleRateMs: 1000, rateReason: events }
          - { name: total, address: t, type: uint16, unit: "", description: Total, sampleRateMs: 1000, rateReason: counter }
          - { name: rejects, address: r, type: uint16, unit: "", description: Rejects, sampleRateMs: 1000, rateReason: counter }
          - { name: volume, address: v, type: float32, unit: ml, description: Fill volume, sampleRateMs: 1000, rateReason: checkweigher }`,
  )
  .join('\n')}
oee:
  timeZone: UTC
  shifts:
    - { name: Early, start: "06:00", end: "14:00", days: [mon, tue, wed, thu, fri] }
    - { name: Late, start: "14:00", end: "22:00", days: [mon, tue, wed, thu, fri] }
  breaks: [{ shift: Early, start: "10:00", minutes: 30 }]
  microStopSeconds: 30
  reasons:
    - code: MECH
      text: Mechanical
      children:
        - { code: MECH-JAM, text: Bottle jam }
        - { code: MECH-VALVE, text: Fill valve defect, faults: [F204] }
    - code: ORG
      text: Organisation
      children: [{ code: ORG-STAFF, text: No operator }]
`;

interface Setup {
  runtime: Runtime;
  clock: ManualClock;
  history: RunningHistorian;
  host: OeeHost;
  publish: (samples: Sample[]) => void;
  dir: string;
}
let current: Setup | undefined;

afterEach(async () => {
  if (!current) return;
  current.history.stop();
  await current.runtime.stop();
  rmSync(current.dir, { recursive: true, force: true });
  current = undefined;
});

async function setup(): Promise<Setup> {
  const { factory, publish } = pushDriver();
  const plant = parsePlantConfig(config, 'plant.yaml', [factory]);
  const clock = createManualClock(at(5, 59));
  const runtime = createRuntime({ plant, drivers: [factory], clock, log: silentLogger() });
  const dir = mkdtempSync(join(tmpdir(), 'lineside-oee-host-'));
  const history = startHistorian({ file: join(dir, 'plant.db'), runtime, log: silentLogger(), commitMs: 3_600_000 });
  await runtime.start();
  const host = createOeeHost({ runtime, historian: history });
  current = { runtime, clock, history, host, publish, dir };
  return current;
}

/**
 * Runs the two machines from 05:59 to `until`, a second at a time: both count one unit a
 * second while running (the filler's counter starts near the uint16 wrap), the filler has
 * a 10 s jam at 08:00 (a micro-stop), is idle 07:00–07:05, and goes down with F204 from
 * 13:50 to 14:20, across the shift change; every 10th unit of the capper is a reject.
 */
function run(s: Setup, until: number): void {
  let fillerCount = 65_000;
  let capperCount = 0;
  let capperRejects = 0;
  const good = { status: 'good' as const };
  for (let t = s.clock.now(); t < until; t += 1000) {
    s.clock.advance(t - s.clock.now());
    const fillerDown = t >= at(13, 50) && t < at(14, 20);
    const fillerIdle = (t >= at(8) && t < at(8, 0, 10)) || (t >= at(7) && t < at(7, 5));
    const fillerState = fillerDown ? 5 : fillerIdle ? 2 : 1;
    if (fillerState === 1) fillerCount = (fillerCount + 1) % 65_536;
    capperCount++;
    if (capperCount % 10 === 0) capperRejects++;
    const sample = (path: string, value: number | string): Sample => ({ path: `line1/${path}`, value, quality: good, sourceTs: t });
    s.publish([
      sample('filler/state', fillerState),
      sample('filler/fault', fillerDown ? 'F204' : ''),
      sample('filler/total', fillerCount),
      sample('filler/rejects', 0),
      sample('capper/state', 1),
      sample('capper/fault', ''),
      sample('capper/total', capperCount % 65_536),
      sample('capper/rejects', capperRejects),
    ]);
    if (fillerState === 1) s.publish([sample('filler/volume', 330.5 + Math.sin(t / 7919) * 0.6)]);
  }
  s.clock.advance(until - s.clock.now());
}

describe('the OEE host', () => {
  it('reports the shift: the line follows its constraint, a stop across the shift change is one stop with one id', async () => {
    const s = await setup();
    run(s, at(15));
    const early = s.host.report('line1', 'shift', at(12));
    expect(early.label).toBe('Early · Mon 23 Nov 2026');
    expect([early.from, early.to, early.until, early.nextAt]).toEqual([at(6), at(14), at(14), at(14)]);
    expect(early.constraint).toBe('line1/filler');
    const filler = early.assets[0]!.figures;
    expect(early.result).toEqual(filler);
    // It ran through its break, so the break is busy time (8 h); lost: idle 5 min and the last 10 min of the stop.
    expect(filler.times.plannedBusyMs).toBe(8 * H);
    expect(filler.times.runningInPlannedStopMs).toBe(30 * MIN);
    expect(filler.times.breakdownMs).toBe(10 * MIN);
    expect(filler.times.idleMs).toBe(5 * MIN);
    expect(filler.reliability.microStops).toBe(1);
    expect(filler.availability).toBeCloseTo((8 * H - 15 * MIN) / (8 * H), 6);
    // The filler's counter wrapped at 65,536 and still counts every unit it made.
    expect(filler.quantities.produced).toBe(filler.times.runningMs / 1000 - 1);
    expect(early.assets[1]!.figures.quality).toBeCloseTo(0.9, 3);

    // The stop list: the idle stop and the F204 stop, not the 10 s micro-stop; newest first.
    expect(early.stops.map((x) => [x.assetName, x.state, x.faultCode, x.durationMs])).toEqual([
      ['Filler', 'down', 'F204', 10 * MIN],
      ['Filler', 'idle', undefined, 5 * MIN],
    ]);
    const late = s.host.report('line1', 'shift', at(15));
    expect(late.label).toBe('Late · Mon 23 Nov 2026');
    expect(late.nextAt).toBeNull();
    expect(late.stops).toHaveLength(1);
    expect(late.stops[0]!.id).toBe(early.stops[0]!.id);
    expect([late.stops[0]!.from, late.stops[0]!.to, late.stops[0]!.durationMs]).toEqual([at(13, 50), at(14, 20), 20 * MIN]);
    expect(late.assets[0]!.figures.times.breakdownMs).toBe(20 * MIN);
    // The timeline is clipped to the period and shows the stop.
    expect(late.assets[0]!.timeline[0]).toMatchObject({ from: at(14), to: at(14, 20), state: 'down', faultCode: 'F204' });
    expect(early.pareto.map((b) => [b.label, b.ms, b.assigned])).toEqual([
      ['F204 Fill valve fault', 10 * MIN, false],
      ['Idle', 5 * MIN, false],
    ]);
    expect(early.unassigned).toEqual({ stops: 2, ms: 15 * MIN });
  });

  it('takes a reason in two steps, journals it, and lets only a supervisor change it', async () => {
    const s = await setup();
    run(s, at(15));
    const stop = s.host.report('line1', 'shift', at(12)).stops[0]!;
    const { choices } = s.host.reasonChoices(stop.id);
    expect(choices[0]).toMatchObject({ code: 'MECH-VALVE', suggested: true, texts: ['Mechanical', 'Fill valve defect'] });

    const given = s.host.assignReason({ stop: stop.id, reason: 'MECH-VALVE', comment: 'valve 17', user: 'Anna', supervisor: false });
    expect(given.reason).toMatchObject({ code: 'MECH-VALVE', user: 'Anna', comment: 'valve 17', at: at(15) });
    const early = s.host.report('line1', 'shift', at(12));
    expect(early.pareto.map((b) => [b.label, b.ms, b.assigned])).toEqual([
      ['Mechanical › Fill valve defect', 10 * MIN, true],
      ['Idle', 5 * MIN, false],
    ]);
    expect(early.unassigned).toEqual({ stops: 1, ms: 5 * MIN });
    // The same stop in the next shift's report carries the reason too.
    expect(s.host.report('line1', 'shift', at(15)).stops[0]!.reason?.code).toBe('MECH-VALVE');

    const refused = () => s.host.assignReason({ stop: stop.id, reason: 'ORG-STAFF', user: 'Ben', supervisor: false });
    expect(refused).toThrow(/already has the reason "Mechanical › Fill valve defect" \(given by Anna\); a supervisor can change it/);
    s.clock.advance(MIN);
    const edited = s.host.assignReason({ stop: stop.id, reason: 'ORG-STAFF', user: 'Sam', supervisor: true });
    expect(edited.reason).toMatchObject({ code: 'ORG-STAFF', user: 'Sam', replaced: { code: 'MECH-VALVE', texts: ['Mechanical', 'Fill valve defect'], user: 'Anna' } });

    // What was given before for F204 comes first next time (here the supervisor's reason).
    expect(s.host.reasonChoices(stop.id).choices[0]!.code).toBe('MECH-VALVE');
    expect(() => s.host.assignReason({ stop: stop.id, reason: 'NOPE', user: 'Sam', supervisor: true })).toThrow(/no downtime reason NOPE; expected one of: MECH-JAM, MECH-VALVE, ORG-STAFF/);
    expect(() => s.host.reasonChoices(`line1/filler@${at(9)}`)).toThrow(LinesideError);
  });

  it('charts a characteristic with periodic subgroups and limits', async () => {
    const s = await setup();
    run(s, at(9));
    const chart = s.host.spcChart('line1/filler/volume', at(6), at(9));
    expect(chart.kind).toBe('xbar-r');
    // 3 h, a subgroup every 5 min, minus the intervals the filler stood in.
    expect(chart.location.length).toBeGreaterThanOrEqual(34);
    expect(chart.location.length).toBeLessThanOrEqual(36);
    expect(chart.locationLimits!.center).toBeGreaterThan(330);
    expect(chart.limitsFrom).toMatch(/trial limits from the first 25 subgroups/);
    expect(chart.capability?.cpk).not.toBeNull();
    expect(() => s.host.spcChart('line1/filler/state', at(6), at(9))).toThrow(/not an SPC characteristic/);
  });

  it('journals each run-rule hit once, across a restart of the monitor', async () => {
    const s = await setup();
    const warnings: string[] = [];
    const log = { ...silentLogger(), warn: (_o: unknown, message?: string) => void warnings.push(String(message)) } as unknown as Logger;
    const stop = startSpcMonitor({ runtime: s.runtime, historian: s.history, oee: s.host, log });
    run(s, at(12));
    stop();
    const events = () => queryEvents(s.history.historian()!, { from: 0, to: at(24), kind: SPC_EVENT_KIND });
    const first = events();
    // The volume drifts slowly (a sine over ~14 h): the trend and zone rules fire.
    expect(first.length).toBeGreaterThan(0);
    expect(new Set(first.map((e) => `${String(e.data?.chart)} ${String(e.data?.rule)} ${e.ts}`)).size).toBe(first.length);
    expect(first[0]).toMatchObject({ source: 'line1/filler/volume', data: { limitsFrom: expect.stringMatching(/trial limits/) } });
    expect(warnings[0]).toMatch(/^SPC: Filler · volume: rule \d/);
    const again = startSpcMonitor({ runtime: s.runtime, historian: s.history, oee: s.host, log });
    s.clock.advance(60_000);
    again();
    expect(events().filter((e) => e.ts <= first.at(-1)!.ts)).toHaveLength(first.length);
  });
});
