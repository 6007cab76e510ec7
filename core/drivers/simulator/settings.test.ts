/** Settings schema, address checks, bearing kinematics and the defect growth curve. */
import { describe, expect, it } from 'vitest';
import { simulatorDriver } from './index.js';
import { bearingFrequencies, defectCondition, STAGES } from './bearing.js';
import { simulatorSettingsSchema } from './settings.js';
import { demoRawSettings, demoSettings, demoTags } from './testing/demo.js';

function issues(raw: unknown): string {
  const result = simulatorSettingsSchema.safeParse(raw);
  expect(result.success).toBe(false);
  return result.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n');
}

describe('simulator settings', () => {
  it('accepts the demo settings block and fills in defaults', () => {
    const settings = demoSettings();
    expect(settings.seed).toBe(20261121);
    expect(settings.machines.map((m) => m.id)).toEqual(['filler', 'capper', 'labeler', 'casepacker', 'motor']);
    expect(settings.bufferMinutes).toBe(3);
    expect(settings.calendar).not.toBe(false);
    expect(settings.injectedFaults[0]).toMatchObject({ kind: 'bearing', machine: 'motor', defect: 'outer-race' });
    expect(simulatorDriver.configSchema.safeParse(demoRawSettings()).success).toBe(true);
  });

  it('rejects unknown keys, bad ranges and injected faults that name nothing', () => {
    const raw = demoRawSettings();
    expect(issues({ ...raw, sead: 1 })).toMatch(/sead/);
    expect(issues({ ...raw, injectedFaults: [{ kind: 'stop', machine: 'filer', code: 'X', atS: 1, durationS: 1 }] })).toMatch(
      /injectedFaults\.0\.machine: unknown machine 'filer'; expected one of filler, capper/,
    );
    expect(issues({ ...raw, injectedFaults: [{ kind: 'bearing', machine: 'filler', defect: 'ball', startAfterH: 0, growthDays: 1 }] })).toMatch(
      /bearing faults need a conveyor-motor/,
    );
    expect(issues({ ...raw, injectedFaults: [{ kind: 'sensor', address: 'filler.sped', atS: 0, failure: 'stuck' }] })).toMatch(/unknown signal 'sped'/);
    expect(issues({ ...raw, injectedFaults: [{ kind: 'sensor', address: 'filler.state', atS: 0, failure: 'noisy' }] })).toMatch(/analogue/);
    const machines = structuredClone(raw.machines) as { faults: { mttrMin: number[] }[] }[];
    machines[0]!.faults[0]!.mttrMin = [3, 1];
    expect(issues({ ...raw, machines })).toMatch(/mttrMin/);
    expect(issues({ ...raw, machines: [...(raw.machines as unknown[]), { id: 'filler', kind: 'capper', ratedPerMin: 100 }] })).toMatch(/duplicate machine id 'filler'/);
  });
});

describe('checkAddress', () => {
  const settings = demoSettings({ load: { tags: 10, rateHz: 10 } });

  it('accepts every address of the demo plant', () => {
    for (const tag of demoTags()) expect(simulatorDriver.checkAddress(tag.address, settings), tag.address).toBeUndefined();
    expect(simulatorDriver.checkAddress('load.9', settings)).toBeUndefined();
  });

  it('names the bad address and lists what is valid', () => {
    expect(simulatorDriver.checkAddress('filler.spede', settings)).toBe(
      "unknown signal 'spede' of machine 'filler'; expected one of state, fault_code, speed, count_total, count_reject, cycle_time, motor_current, vibration_rms, drive_temp, energy, product_temp, fill_volume",
    );
    expect(simulatorDriver.checkAddress('filer.speed', settings)).toMatch(/unknown machine 'filer' in address 'filer.speed'; expected one of filler, capper, labeler, casepacker, motor, load/);
    expect(simulatorDriver.checkAddress('speed', settings)).toMatch(/not '<machine>.<signal>'/);
    expect(simulatorDriver.checkAddress('load.10', settings)).toMatch(/load\.0 … load\.9/);
    expect(simulatorDriver.checkAddress('load.1', demoSettings())).toMatch(/no 'load' block/);
    expect(simulatorDriver.checkAddress('motor.glue_temp', settings)).toMatch(/vibration_waveform/);
  });
});

describe('bearing kinematics and defect growth', () => {
  const bearing = demoSettings().machines.find((m) => m.kind === 'conveyor-motor')!.bearing;

  it('gives the SKF 6205 defect frequencies as multiples of shaft speed', () => {
    const f = bearingFrequencies(bearing, 1);
    expect(f.bpfo).toBeCloseTo(3.5848, 3);
    expect(f.bpfi).toBeCloseTo(5.4152, 3);
    expect(f.bsf).toBeCloseTo(2.3567, 3);
    expect(f.ftf).toBeCloseTo(0.3983, 3);
  });

  it('grows in stages: envelope only, then harmonics, then zone C, then zone D and heat', () => {
    const healthy = 1.15;
    expect(defectCondition(-1, healthy)).toMatchObject({ impactG: 0, velocityMmS: healthy, temperatureRiseK: 0 });
    const early = defectCondition(0.2, healthy);
    expect(early.impactG).toBeGreaterThan(0.1);
    expect(early.harmonics).toBe(0);
    expect(early.velocityMmS).toBe(healthy);
    const stage2 = defectCondition(0.5, healthy);
    expect(stage2.harmonics).toBeGreaterThan(0.5);
    expect(stage2.velocityMmS).toBeLessThan(2.8);
    const zoneC = [0.65, 0.7, 0.75, 0.8].map((x) => defectCondition(x, healthy).velocityMmS);
    expect(zoneC.some((v) => v >= 2.8 && v <= 4.5)).toBe(true);
    expect(defectCondition(STAGES.zoneD + 0.01, healthy).velocityMmS).toBeGreaterThan(4.5);
    const end = defectCondition(1, healthy);
    expect(end.velocityMmS).toBeGreaterThan(7);
    expect(end.temperatureRiseK).toBeGreaterThan(20);
    expect(defectCondition(0.6, healthy).temperatureRiseK).toBe(0);
    // Monotonic in life.
    let previous = 0;
    for (let x = 0.01; x <= 1; x += 0.01) {
      const v = defectCondition(x, healthy).velocityMmS;
      expect(v).toBeGreaterThanOrEqual(previous);
      previous = v;
    }
  });
});
