/** The simulator as a driver: clock-driven stepping, batches, catch-up bound, writes, status. */
import { describe, expect, it, vi } from 'vitest';
import type { Tag } from '../../model/plant.js';
import type { Sample } from '../../model/sample.js';
import type { Clock } from '../../runtime/clock.js';
import type { Logger } from '../../runtime/logger.js';
import { createManualClock } from '../../runtime/testing/manual-clock.js';
import type { DriverContext } from '../driver.js';
import { simulatorDriver, type SimulatorSettings } from './index.js';
import { SimulatedLine } from './simulated-line.js';
import { demoSettings, demoTags } from './testing/demo.js';

const START = Date.UTC(2026, 10, 2, 6, 0, 0);

function fakeLog() {
  const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn(), debug: vi.fn(), trace: vi.fn(), fatal: vi.fn() };
  return { log, logger: log as unknown as Logger };
}

function context(clock: Clock, settings: SimulatorSettings = demoSettings(), tags: Tag[] = demoTags()) {
  const batches: Sample[][] = [];
  const { log, logger } = fakeLog();
  const ctx: DriverContext<SimulatorSettings> = { deviceId: 'line1-sim', settings, tags, clock, publish: (s) => void batches.push([...s]), log: logger, stateDir: '/tmp' };
  return { ctx, batches, log };
}

/** A clock the test moves by hand, firing its one timer once per move (a runtime at a high speed factor). */
function jumpingClock(start: number) {
  let now = start;
  let timer: (() => void) | undefined;
  const clock: Clock = {
    now: () => now,
    every: (_ms, fn) => {
      timer = fn;
      return () => (timer = undefined);
    },
  };
  return {
    clock,
    jump(ms: number) {
      now += ms;
      timer?.();
    },
    get armed() {
      return timer !== undefined;
    },
  };
}

describe('simulatorDriver', () => {
  it('is the simulator kind, validates the demo settings and checks addresses', () => {
    expect(simulatorDriver.kind).toBe('simulator');
    expect(simulatorDriver.description).toMatch(/simulated bottling line/);
    expect(simulatorDriver.checkAddress('motor.vibration_waveform', demoSettings())).toBeUndefined();
    expect(simulatorDriver.checkAddress('motor.vibraton_rms', demoSettings())).toMatch(/unknown signal 'vibraton_rms' of machine 'motor'/);
  });

  it('steps with the clock and publishes one batch per timer call, identical to the pure model', async () => {
    const clock = createManualClock(START);
    const { ctx, batches } = context(clock, demoSettings({ warmUpMin: 0 }));
    const device = simulatorDriver.create(ctx);
    expect(device.status()).toEqual({ state: 'stopped', detail: 'not started' });
    await device.start();
    expect(device.status()).toEqual({ state: 'running', detail: 'simulating 5 machines, seed 20261121' });
    clock.advance(60_000);
    // One call per 100 ms tick; a tick where no tag is due publishes nothing.
    expect(batches.length).toBeGreaterThan(200);
    expect(batches.length).toBeLessThanOrEqual(600);
    for (const batch of batches) expect(new Set(batch.map((s) => s.sourceTs)).size).toBe(1);
    const reference = new SimulatedLine(demoSettings(), START, demoTags());
    const expected: Sample[] = [];
    for (let i = 0; i < 600; i++) reference.stepInto(expected);
    const key = (s: Sample) => [s.path, s.sourceTs, s.value];
    expect(batches.flat().map(key)).toEqual(expected.map(key));
    expect(batches.at(-1)![0]!.sourceTs).toBe(START + 60_000);
    await device.stop();
    expect(device.status().state).toBe('stopped');
    const published = batches.length;
    clock.advance(10_000);
    expect(batches.length).toBe(published);
  });

  it('catches up with a fast clock in one batch per call, and skips beyond an hour with a warning', async () => {
    const jumping = jumpingClock(START);
    const { ctx, batches, log } = context(jumping.clock, demoSettings({ warmUpMin: 0 }));
    const device = simulatorDriver.create(ctx);
    await device.start();
    jumping.jump(10 * 60_000); // ten simulated minutes in one timer call
    expect(batches.length).toBe(1);
    expect(batches[0]!.reduce((a, s) => Math.max(a, s.sourceTs), 0)).toBe(START + 10 * 60_000);
    expect(batches[0]!.filter((s) => s.path === 'line1/filler/speed').length).toBe(601); // at the first tick, then every second
    expect(log.warn).not.toHaveBeenCalled();
    jumping.jump(3 * 3_600_000);
    expect(batches.length).toBe(2);
    const times = batches[1]!.map((s) => s.sourceTs);
    const now = START + 10 * 60_000 + 3 * 3_600_000;
    expect(times.reduce((a, b) => Math.max(a, b))).toBe(now);
    expect(times.reduce((a, b) => Math.min(a, b))).toBeGreaterThanOrEqual(now - 3_600_000);
    expect(log.warn).toHaveBeenCalledTimes(1);
    expect(device.status()).toMatchObject({ state: 'degraded', detail: expect.stringMatching(/skipped/) });
    await device.stop();
    expect(jumping.armed).toBe(false);
  });

  it('comes online warm, on a line in production, with injected faults timed from going online', async () => {
    const clock = createManualClock(START);
    const settings = demoSettings({ injectedFaults: [{ kind: 'stop', machine: 'filler', code: 'F204', atS: 5, durationS: 60 }] });
    const { ctx, batches } = context(clock, settings);
    const device = simulatorDriver.create(ctx);
    await device.start();
    // The warm-up hour arrives as one batch of history, all of it before going online …
    expect(batches).toHaveLength(1);
    const warmUpTimes = batches[0]!.map((s) => s.sourceTs);
    expect(warmUpTimes.reduce((a, b) => Math.max(a, b))).toBeLessThanOrEqual(START);
    expect(warmUpTimes.reduce((a, b) => Math.min(a, b))).toBeGreaterThanOrEqual(START - 3_600_000);
    clock.advance(100);
    // … and the first tick online is a full read of every tag, waveform included.
    expect(new Set(batches[1]!.map((s) => s.path))).toEqual(new Set(demoTags().map((t) => t.path)));
    clock.advance(2_900);
    const latest = (path: string) => batches.flat().filter((s) => s.path === path).at(-1)?.value;
    expect(latest('line1/labeler/glue_temp')).toBeGreaterThan(160);
    expect(latest('line1/filler/count_total')).toBeGreaterThan(1000);
    expect(latest('line1/filler/state')).not.toBe(5);
    clock.advance(3_000);
    expect(latest('line1/filler/state')).toBe(5);
    expect(latest('line1/filler/fault_code')).toBe('F204');
    await device.stop();
  });

  it('writes the glue setpoint and refuses every other address', async () => {
    const clock = createManualClock(START);
    const tags = demoTags();
    const { ctx } = context(clock, demoSettings(), tags);
    const device = simulatorDriver.create(ctx);
    const setpoint = tags.find((t) => t.address === 'labeler.glue_setpoint')!;
    const speed = tags.find((t) => t.address === 'filler.speed')!;
    await expect(device.write(setpoint, 160)).rejects.toThrow(/not running/);
    await device.start();
    clock.advance(1000);
    await expect(device.write(setpoint, 160)).resolves.toBeUndefined();
    await expect(device.write(setpoint, 100)).rejects.toThrow(/120 to 190/);
    await expect(device.write(speed, 150)).rejects.toThrow("the simulated device has no writable register at 'filler.speed'");
    await device.stop();
  });

  it('serves bench load tags through the same path: 1000 tags × 10 Hz = 10,000 updates/s', async () => {
    const clock = createManualClock(START);
    const settings = demoSettings({ machines: [], injectedFaults: [], load: { tags: 1000, rateHz: 10 }, warmUpMin: 0 });
    const tags = Array.from({ length: 1000 }, (_, i): Tag => ({
      path: `bench/load/v${i}`,
      name: `v${i}`,
      assetPath: 'bench/load',
      deviceId: 'line1-sim',
      address: `load.${i}`,
      dataType: 'float64',
      unit: '',
      description: '',
      sampleRateMs: 100,
      rateReason: 'bench',
      writable: false,
    }));
    const { ctx, batches } = context(clock, settings, tags);
    const device = simulatorDriver.create(ctx);
    await device.start();
    expect(device.status().detail).toMatch(/1000 load tags at 10 Hz/);
    clock.advance(1000);
    expect(batches.length).toBe(10);
    expect(batches.reduce((n, b) => n + b.length, 0)).toBe(10_000);
    await device.stop();
  });

  it('publishes bad quality for an address it cannot serve instead of failing', async () => {
    const clock = createManualClock(START);
    const tags = demoTags().slice(0, 1).map((t) => ({ ...t, address: 'filler.nonsense' }));
    const { ctx, batches } = context(clock, demoSettings(), tags);
    const device = simulatorDriver.create(ctx);
    await device.start();
    clock.advance(1000);
    const sample = batches.flat()[0]!;
    expect(sample.quality).toMatchObject({ status: 'bad', reason: expect.stringMatching(/unknown signal 'nonsense'/) });
    expect(device.status().state).toBe('running');
    await device.stop();
  });

  it('reports failed, and marks its tags bad, when the simulation throws', async () => {
    const clock = createManualClock(START);
    const { ctx, batches, log } = context(clock, demoSettings({ warmUpMin: 0 }));
    let calls = 0;
    const device = simulatorDriver.create({
      ...ctx,
      publish: (samples) => {
        calls++;
        if (calls === 1) throw new Error('bus exploded');
        batches.push([...samples]);
      },
    });
    await device.start();
    expect(() => clock.advance(1000)).not.toThrow();
    expect(device.status()).toEqual({ state: 'failed', detail: 'simulation stopped by an error: bus exploded' });
    expect(log.error).toHaveBeenCalled();
    expect(batches.length).toBe(1);
    expect(batches[0]!.every((s) => s.quality.status === 'bad' && s.quality.reason === 'simulator failed: bus exploded')).toBe(true);
    expect(batches[0]!.length).toBe(demoTags().length);
  });
});
