// The PdM host on the simulated line: two conveyor motors on the simulator, one with an
// outer-race defect injected after the baseline period that grows to zone D within hours
// (the same growth law and waveform synthesis the demo's 7-day fault uses; the pure
// analytics' week-long run is core/analytics/pdm/degradation.test.ts). Snapshots pass the
// tag bus into the historian and the host, as in the running app.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePlantConfig } from '../config/index.js';
import { driverFactories } from '../drivers/registry.js';
import { startHistorian, type RunningHistorian } from '../historian/index.js';
import { outboxRecords } from '../historian/uplink-outbox.js';
import { silentLogger } from './logger.js';
import { startPdmHost, type PdmHost } from './pdm-host.js';
import { createRuntime, type Runtime } from './runtime.js';
import { createManualClock, type ManualClock } from './testing/manual-clock.js';

const MIN = 60_000;
const START = Date.UTC(2026, 10, 23, 0, 0, 0);

const motorTags = `
          - { name: state, address: MOTOR.state, type: int16, unit: "", description: State, sampleRateMs: 1000, rateReason: events }
          - { name: speed, address: MOTOR.speed, type: float32, unit: rpm, description: Speed, sampleRateMs: 10000, rateReason: test }
          - { name: vib, address: MOTOR.vibration_waveform, type: waveform, unit: g, description: Drive-end acceleration, sampleRateMs: 120000, rateReason: a snapshot every 2 min }`;
const motor = (id: string) => `      - id: ${id}
        name: Motor ${id}
        kind: conveyor-motor
        device: sim
        pdm: { waveformTag: vib, bearing: SKF 6205, machineGroup: 2, foundation: rigid, baselineHours: 1 }
        tags:${motorTags.replaceAll('MOTOR', id)}`;
const bearing = '{ model: SKF 6205, balls: 9, ballDiameterMm: 7.94, pitchDiameterMm: 39.04, contactAngleDeg: 0 }';
const config = `version: 1
site: S
area: A
devices:
  - id: sim
    driver: simulator
    settings:
      seed: 7
      warmUpMin: 0
      calendar: false
      machines:
        - { id: m1, kind: conveyor-motor, ratedKw: 7.5, ratedCurrentA: 14, ratedRpm: 1780, bearing: ${bearing} }
        - { id: m2, kind: conveyor-motor, ratedKw: 7.5, ratedCurrentA: 14, ratedRpm: 1780, bearing: ${bearing} }
      injectedFaults:
        - { kind: bearing, machine: m1, defect: outer-race, startAfterH: 1.5, growthDays: 0.3 }
lines:
  - id: line1
    name: Line 1
    assets:
${motor('m1')}
${motor('m2')}
`;

interface Run {
  runtime: Runtime;
  clock: ManualClock;
  history: RunningHistorian;
  host: PdmHost;
  dir: string;
}

async function start(dir: string, clock: ManualClock): Promise<Run> {
  const plant = parsePlantConfig(config, 'plant.yaml', driverFactories);
  const runtime = createRuntime({ plant, drivers: driverFactories, clock, log: silentLogger() });
  const history = startHistorian({ file: join(dir, 'plant.db'), runtime, log: silentLogger() });
  const host = startPdmHost({ runtime, historian: history, log: silentLogger() });
  await runtime.start();
  return { runtime, clock, history, host, dir };
}

async function stop(run: Run): Promise<void> {
  run.host.stop();
  await run.runtime.stop();
  run.history.stop();
}

describe('the PdM host on a simulated line with a growing outer-race defect', () => {
  let run: Run;
  /** Per hour: the faulty motor's health, zone and diagnosis, and the work requests so far. */
  const hours: { h: number; health: number | null; zone: string | null; defect: string | null; condition: string; requests: number; twinHealth: number | null }[] = [];

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lineside-pdm-host-'));
    run = await start(dir, createManualClock(START));
    for (let h = 1; h <= 10; h++) {
      for (let m = 0; m < 60; m++) run.clock.advance(MIN);
      const [m1, m2] = ['line1/m1', 'line1/m2'].map((a) => run.host.fleet().find((e) => e.asset === a)!);
      hours.push({ h, health: m1!.health, zone: m1!.zone, defect: m1!.defect, condition: m1!.condition, requests: run.host.workRequests({ limit: 100 }).length, twinHealth: m2!.health });
    }
  }, 120_000);

  afterAll(async () => {
    await stop(run);
    rmSync(run.dir, { recursive: true, force: true });
  });

  it('learns the baseline over the first hour, then judges both motors against it', () => {
    expect(hours[0]!.condition).toBe('learning');
    const twin = run.host.asset('line1/m2', { maxPoints: 1000 });
    expect(twin.baseline).toMatchObject({ status: 'learned', source: 'first-run' });
    expect(twin.baseline.points).toBeGreaterThanOrEqual(30);
  });

  it('the faulty motor falls to alert, is diagnosed with an outer-race defect, and gets one work request before zone D', () => {
    const request = run.host.workRequests({ asset: 'line1/m1', limit: 10 });
    expect(request).toHaveLength(1);
    const wr = request[0]!;
    expect(wr).toMatchObject({ status: 'open', defect: 'outer-race', asset: 'line1/m1' });
    expect(wr.title).toMatch(/outer-race defect/i);
    expect(wr.evidence.join(' ')).toMatch(/BPFO/);
    const page = run.host.asset('line1/m1', { maxPoints: 1000 });
    const zoneD = page.trend.find((p) => (p.velocityRmsMmS ?? 0) >= page.settings.boundaries.cd);
    expect(zoneD, `the defect reaches zone D within the run: ${JSON.stringify(hours)}`).toBeDefined();
    expect(wr.raisedAt).toBeLessThan(zoneD!.t);
    expect(wr.zone).not.toBe('D');
    expect(page.latest!.analysis.diagnosis.defect).toBe('outer-race');
    expect(page.health!.status).toBe('alert');
    expect(page.remainingLife).not.toBeNull();
    // Handed to the uplink with the request, in the same transaction.
    const outbox = outboxRecords(run.history.historian()!);
    expect(outbox.map((r) => [r.kind, r.source])).toEqual([['work-request', 'line1/m1']]);
  });

  it('the healthy twin raises nothing over the same hours', () => {
    expect(run.host.workRequests({ asset: 'line1/m2', limit: 10 })).toEqual([]);
    expect(Math.min(...hours.map((h) => h.twinHealth ?? 100))).toBeGreaterThanOrEqual(80);
    const twin = run.host.asset('line1/m2', { maxPoints: 1000 });
    expect(twin.anomalies).toEqual([]);
    expect(twin.latest!.analysis.diagnosis.defect).toBeNull();
  });

  it('ranks the fleet worst first', () => {
    expect(run.host.fleet().map((e) => e.asset)).toEqual(['line1/m1', 'line1/m2']);
  });

  it('acknowledging is kept; a restart rebuilds the same state from the journal and raises nothing twice', async () => {
    const [wr] = run.host.workRequests({ status: 'open', limit: 10 });
    const acked = run.host.acknowledge(wr!.id, 'Maintenance Tech', 'Bearing ordered');
    expect(acked).toMatchObject({ status: 'acknowledged', acknowledged: { user: 'Maintenance Tech', comment: 'Bearing ordered' } });
    expect(() => run.host.acknowledge(wr!.id, 'Someone else')).toThrow(/was acknowledged by Maintenance Tech/);
    const before = run.host.asset('line1/m1', { maxPoints: 1000 });
    await stop(run);
    run = await start(run.dir, run.clock);
    const after = run.host.asset('line1/m1', { maxPoints: 1000 });
    expect(after.baseline).toEqual(before.baseline);
    expect(after.health).toEqual(before.health);
    expect(after.latest!.at).toBe(before.latest!.at);
    expect(after.workRequests).toEqual(before.workRequests);
    // Still in the same episode: the next snapshots raise no second request.
    for (let m = 0; m < 10; m++) run.clock.advance(MIN);
    expect(run.host.workRequests({ asset: 'line1/m1', limit: 10 })).toHaveLength(1);
  }, 60_000);
});
