/** Injected stops, sensor failures and bearing growth; writes; bench load tags. */
import { describe, expect, it } from 'vitest';
import type { Sample } from '../../model/sample.js';
import { SimulatedLine, TICK_MS, type SimTag } from './simulated-line.js';
import { demoSettings, demoTags } from './testing/demo.js';

const START = Date.UTC(2026, 10, 2, 6, 0, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;
const tags = demoTags();
const tag = (address: string) => tags.find((t) => t.address === address)!;

function record(line: SimulatedLine, ms: number, paths: readonly string[]): Map<string, Sample[]> {
  const out = new Map<string, Sample[]>(paths.map((p) => [p, []]));
  for (let i = 0; i < Math.round(ms / TICK_MS); i++) for (const s of line.step()) out.get(s.path)?.push(s);
  return out;
}

const valueAt = (list: readonly Sample[], t: number) => list.filter((s) => s.sourceTs <= t).at(-1)!;

describe('injected stop', () => {
  it('takes the machine down with the fault code at the given time, then it recovers', () => {
    const settings = demoSettings({
      calendar: false,
      machines: demoSettings().machines.map((m) => ({ ...m, faults: [] })),
      injectedFaults: [{ kind: 'stop', machine: 'capper', code: 'C999', atS: 1800, durationS: 240 }],
    });
    const line = new SimulatedLine(settings, START, tags);
    const s = record(line, 40 * MIN, ['line1/capper/state', 'line1/capper/fault_code', 'line1/filler/state']);
    const state = s.get('line1/capper/state')!;
    const code = s.get('line1/capper/fault_code')!;
    const down = state.find((x) => x.value === 5)!;
    expect(down.sourceTs).toBe(START + 1_800_000);
    expect(code.find((x) => x.sourceTs === down.sourceTs)!.value).toBe('C999');
    expect(valueAt(state, START + 1_800_000 + 239_000).value).toBe(5);
    const back = state.find((x) => x.sourceTs > down.sourceTs && x.value !== 5)!;
    expect(back.sourceTs).toBe(START + 2_040_000);
    expect(valueAt(code, back.sourceTs).value).toBe('');
    expect(valueAt(state, START + 2_100_000).value).toBe(1);
    // Four minutes of a stopped capper fill its infeed buffer: the filler blocks, then recovers.
    const filler = s.get('line1/filler/state')!.filter((x) => x.sourceTs > down.sourceTs && x.sourceTs < back.sourceTs);
    expect(filler.some((x) => x.value === 4)).toBe(true);
  });

  it('a motor trip stops the conveyor: the filler blocks and the others starve', () => {
    const settings = demoSettings({ calendar: false, injectedFaults: [{ kind: 'stop', machine: 'motor', code: 'M301', atS: 1800, durationS: 300 }] });
    const line = new SimulatedLine(settings, START, tags);
    const paths = ['motor', 'filler', 'capper', 'labeler', 'casepacker'].map((m) => `line1/${m}/state`);
    const s = record(line, 36 * MIN, [...paths, 'line1/motor/motor_current', 'line1/motor/fault_code']);
    const t = START + 1800_000 + 60_000;
    expect(valueAt(s.get('line1/motor/state')!, t).value).toBe(5);
    expect(valueAt(s.get('line1/motor/fault_code')!, t).value).toBe('M301');
    expect(valueAt(s.get('line1/motor/motor_current')!, t).value).toBe(0);
    const states = paths.slice(1).map((p) => valueAt(s.get(p)!, t).value);
    expect(states[0]).toBe(4);
    expect(states.slice(1).every((v) => v === 3 || v === 5)).toBe(true);
    // Restart: the drive publishes its inrush at once.
    const restart = s.get('line1/motor/state')!.find((x) => x.sourceTs >= START + 2100_000 && x.value === 1)!;
    expect(valueAt(s.get('line1/motor/motor_current')!, restart.sourceTs).value).toBeGreaterThan(60);
  });
});

describe('injected sensor failures', () => {
  const address = 'filler.product_temp';
  const p = tag(address).path;

  function failing(failure: 'open-circuit' | 'stuck' | 'noisy', durationS?: number): Sample[] {
    const settings = demoSettings({ injectedFaults: [{ kind: 'sensor', address, atS: 300, failure, ...(durationS ? { durationS } : {}) }] });
    return record(new SimulatedLine(settings, START, tags), 15 * MIN, [p]).get(p)!;
  }

  it('open circuit: bad quality with the reason, holding the last value, until it is repaired', () => {
    const list = failing('open-circuit', 300);
    const before = valueAt(list, START + 299_999);
    const during = list.filter((s) => s.sourceTs >= START + 300_000 && s.sourceTs < START + 600_000);
    expect(during.length).toBeGreaterThan(100);
    for (const s of during) expect(s).toMatchObject({ quality: { status: 'bad', reason: 'sensor open circuit' }, value: before.value });
    const after = list.filter((s) => s.sourceTs >= START + 600_000);
    expect(after.length).toBeGreaterThan(100);
    expect(after.every((s) => s.quality.status === 'good')).toBe(true);
  });

  it('stuck: uncertain "value not changing", frozen for ever when no duration is given', () => {
    const list = failing('stuck').filter((s) => s.sourceTs >= START + 300_000);
    expect(list.every((s) => s.quality.status === 'uncertain' && s.quality.reason === 'value not changing')).toBe(true);
    expect(new Set(list.map((s) => s.value)).size).toBe(1);
  });

  it('noisy: good quality, much larger spread', () => {
    const spread = (list: Sample[]) => {
      const v = list.map((s) => s.value as number);
      return Math.max(...v.slice(1).map((x, i) => Math.abs(x - v[i]!)));
    };
    const list = failing('noisy');
    const healthy = list.filter((s) => s.sourceTs < START + 300_000);
    const noisy = list.filter((s) => s.sourceTs >= START + 300_000);
    expect(noisy.every((s) => s.quality.status === 'good')).toBe(true);
    expect(spread(noisy)).toBeGreaterThan(5 * spread(healthy));
  });
});

describe('bearing defect growth on the conveyor motor', () => {
  it('leaves vibration unchanged at first, then climbs through zone C into zone D, and the bearing heats up', () => {
    const grow = (injectedFaults: unknown[]) =>
      record(new SimulatedLine(demoSettings({ calendar: false, machines: demoSettings().machines.map((m) => ({ ...m, faults: [] })), injectedFaults }), START, tags), 4 * HOUR, [
        'line1/motor/vibration_rms',
        'line1/motor/bearing_temp',
      ]);
    // Born at start, grown over 3 h, so that a test of hours sees its whole life.
    const faulty = grow([{ kind: 'bearing', machine: 'motor', defect: 'outer-race', startAfterH: 0, growthDays: 0.125 }]);
    const healthy = grow([]);
    const vibration = faulty.get('line1/motor/vibration_rms')!;
    const between = (from: number, to: number) => vibration.filter((s) => s.sourceTs >= START + from && s.sourceTs < START + to).map((s) => s.value as number);
    const early = between(5 * MIN, 60 * MIN); // life < 0.33: envelope only
    expect(Math.min(...early)).toBeGreaterThanOrEqual(1.0);
    expect(Math.max(...early)).toBeLessThanOrEqual(1.3);
    const mid = between(1.9 * HOUR, 2.5 * HOUR);
    expect(mid.some((v) => v >= 2.8 && v <= 4.5)).toBe(true);
    const late = between(2.8 * HOUR, 4 * HOUR);
    expect(Math.min(...late)).toBeGreaterThan(4.5);
    const temp = (m: Map<string, Sample[]>) => m.get('line1/motor/bearing_temp')!.at(-1)!.value as number;
    expect(temp(faulty) - temp(healthy)).toBeGreaterThan(15);
  });
});

describe('writes', () => {
  it('moves the glue setpoint; the PID follows; anything else is refused', () => {
    const line = new SimulatedLine(demoSettings(), START, tags);
    const sp = tag('labeler.glue_setpoint').path;
    const temp = tag('labeler.glue_temp').path;
    record(line, 40 * MIN, []);
    line.write('labeler.glue_setpoint', 150);
    const first = line.step().find((s) => s.path === sp);
    expect(first?.value).toBe(150); // published at once, not at the next 2 s sample
    const s = record(line, 40 * MIN, [temp]);
    const settled = s.get(temp)!.filter((x) => x.sourceTs > line.time - 10 * MIN).map((x) => x.value as number);
    expect(Math.abs(settled.reduce((a, b) => a + b, 0) / settled.length - 150)).toBeLessThan(2);
    expect(() => line.write('labeler.glue_setpoint', 200)).toThrow(/120 to 190/);
    expect(() => line.write('labeler.glue_setpoint', '160')).toThrow(/120 to 190/);
    expect(() => line.write('filler.speed', 100)).toThrow("the simulated device has no writable register at 'filler.speed' (writable: labeler.glue_setpoint)");
    expect(() => line.write('nothing', 1)).toThrow(/no writable register at 'nothing'/);
  });
});

describe('bench load tags', () => {
  it('publishes only the load tags that are configured, each at rateHz, as a random walk', () => {
    const settings = demoSettings({ machines: [], injectedFaults: [], load: { tags: 1000, rateHz: 20 } });
    const loadTags: SimTag[] = [0, 7, 999].map((i) => ({ path: `bench/load/${i}`, address: `load.${i}`, dataType: 'float64', sampleRateMs: 50 }));
    const line = new SimulatedLine(settings, START, loadTags);
    const byPath = new Map<string, Sample[]>();
    for (let i = 0; i < 100; i++) for (const s of line.step()) byPath.set(s.path, [...(byPath.get(s.path) ?? []), s]);
    expect([...byPath.keys()].sort()).toEqual(['bench/load/0', 'bench/load/7', 'bench/load/999']);
    for (const list of byPath.values()) {
      expect(list.length).toBeGreaterThanOrEqual(199);
      expect(list.length).toBeLessThanOrEqual(201);
      expect(list.every((s) => typeof s.value === 'number' && s.quality.status === 'good')).toBe(true);
      expect(new Set(list.map((s) => s.value)).size).toBeGreaterThan(150);
      expect(list[1]!.sourceTs - list[0]!.sourceTs).toBe(50);
    }
  });
});
