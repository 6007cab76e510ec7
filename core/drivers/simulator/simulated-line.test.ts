/** The simulation core: determinism, a plausible 8 h shift, injected faults, process physics. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Waveform } from '../../contract/index.js';
import type { Sample } from '../../model/sample.js';
import { SimulatedLine, TICK_MS } from './simulated-line.js';
import { demoSettings, demoTags } from './testing/demo.js';

const START = Date.UTC(2026, 10, 2, 6, 0, 0); // a Monday, 06:00 UTC: the start of the morning shift
const MIN = 60_000;
const HOUR = 60 * MIN;
const tags = demoTags();

/** Runs `ms` of simulated time, handing each sample to `onSample`. */
function run(line: SimulatedLine, ms: number, onSample: (s: Sample) => void): void {
  const steps = Math.round(ms / TICK_MS);
  for (let i = 0; i < steps; i++) for (const s of line.step()) onSample(s);
}

/** All samples of the given paths over `ms`. */
function record(line: SimulatedLine, ms: number, paths: readonly string[]): Map<string, Sample[]> {
  const out = new Map<string, Sample[]>(paths.map((p) => [p, []]));
  run(line, ms, (s) => out.get(s.path)?.push(s));
  return out;
}

/** Time spent in each state, from the state word's samples (published on every change). */
function stateDurations(samples: readonly Sample[], end: number): Map<number, number> {
  const out = new Map<number, number>();
  samples.forEach((s, i) => {
    const next = samples[i + 1]?.sourceTs ?? end;
    out.set(s.value as number, (out.get(s.value as number) ?? 0) + (next - s.sourceTs));
  });
  return out;
}

/** A test of "has the machine been running for at least `ms` at time t" (times asked in order). */
function runningSteadily(states: readonly Sample[], ms: number): (t: number) => boolean {
  const runs: [number, number][] = [];
  states.forEach((s, i) => {
    if (s.value !== 1 || (i > 0 && states[i - 1]!.value === 1)) return;
    const end = states.slice(i + 1).find((x) => x.value !== 1)?.sourceTs ?? Infinity;
    runs.push([s.sourceTs + ms, end]);
  });
  return (t) => runs.some(([from, to]) => t >= from && t < to);
}

function sameValue(a: Sample['value'], b: Sample['value']): boolean {
  if (typeof a === 'object' && typeof b === 'object') {
    return a.sampleRateHz === b.sampleRateHz && a.shaftRpm === b.shaftRpm && a.samples.length === b.samples.length && a.samples.every((v, i) => v === b.samples[i]);
  }
  return a === b;
}

describe('determinism', () => {
  it('gives identical sample streams for the same seed and start, different ones for another seed', () => {
    const a = new SimulatedLine(demoSettings(), START, tags);
    const b = new SimulatedLine(demoSettings(), START, tags);
    const c = new SimulatedLine(demoSettings({ seed: 7 }), START, tags);
    let compared = 0;
    let differences = 0;
    for (let i = 0; i < HOUR / TICK_MS; i++) {
      const sa = a.step();
      const sb = b.step();
      const sc = c.step();
      expect(sb.length).toBe(sa.length);
      for (let j = 0; j < sa.length; j++) {
        const x = sa[j]!;
        const y = sb[j]!;
        if (x.path !== y.path || x.sourceTs !== y.sourceTs || x.quality.status !== y.quality.status || !sameValue(x.value, y.value))
          throw new Error(`runs diverge at ${new Date(x.sourceTs).toISOString()} on ${x.path}`);
        compared++;
        const z = sc[j];
        if (!z || z.path !== x.path || !sameValue(z.value, x.value)) differences++;
      }
    }
    expect(compared).toBeGreaterThan(100_000);
    expect(differences).toBeGreaterThan(compared / 10);
  });
});

describe('an 8 h shift of the demo line', () => {
  const END = START + 8 * HOUR;
  let samples: Map<string, Sample[]>;
  const machines = ['filler', 'capper', 'labeler', 'casepacker'];
  const path = (machine: string, signal: string) => `line1/${machine}/${signal}`;

  beforeAll(() => {
    const settings = demoSettings();
    const line = new SimulatedLine(settings, START, tags);
    samples = record(line, 8 * HOUR, tags.map((t) => t.path));
  });

  const last = (p: string) => samples.get(p)!.at(-1)!.value as number;

  it('produces about 200 bottles/min of running time at the filler, with availability 70–95 %', () => {
    const states = stateDurations(samples.get(path('filler', 'state'))!, END);
    const running = states.get(1) ?? 0;
    const planned = (states.get(6) ?? 0) + (states.get(7) ?? 0);
    const availability = running / (8 * HOUR - planned);
    expect(availability).toBeGreaterThan(0.7);
    expect(availability).toBeLessThan(0.95);
    const perMin = last(path('filler', 'count_total')) / (running / MIN);
    expect(perMin).toBeGreaterThan(180);
    expect(perMin).toBeLessThanOrEqual(201);
    // The morning break 10:00–10:30 is a planned stop of the whole line.
    const atBreak = samples.get(path('filler', 'state'))!.filter((s) => s.sourceTs > START + 4 * HOUR + MIN && s.sourceTs < START + 4.5 * HOUR);
    expect(atBreak.length).toBeGreaterThan(0);
    expect(atBreak.every((s) => s.value === 6)).toBe(true);
  });

  it('has faults at roughly the configured rates, with codes from the settings', () => {
    const settings = demoSettings();
    let expected = 0;
    let observed = 0;
    for (const id of machines) {
      const spec = settings.machines.find((m) => m.id === id)!;
      const running = stateDurations(samples.get(path(id, 'state'))!, END).get(1) ?? 0;
      for (const f of spec.faults) expected += running / MIN / f.mtbfMin;
      const codes = samples.get(path(id, 'fault_code'))!.map((s) => s.value as string);
      const onsets = codes.filter((c, i) => c !== '' && c !== codes[i - 1]);
      for (const code of onsets) expect(spec.faults.map((f) => f.code)).toContain(code);
      observed += onsets.length;
    }
    expect(expected).toBeGreaterThan(15);
    expect(observed).toBeGreaterThan(expected * 0.5);
    expect(observed).toBeLessThan(expected * 1.7);
    const fillerJams = samples.get(path('filler', 'fault_code'))!.filter((s, i, all) => s.value === 'F101' && all[i - 1]?.value !== 'F101');
    expect(fillerJams.length).toBeGreaterThanOrEqual(3);
    // Every down state carries its code, and only a down state does.
    const states = samples.get(path('filler', 'state'))!;
    const codes = samples.get(path('filler', 'fault_code'))!;
    const codeAt = new Map(codes.map((s) => [s.sourceTs, s.value]));
    for (const s of states) if (codeAt.has(s.sourceTs)) expect(s.value === 5).toBe(codeAt.get(s.sourceTs) !== '');
  });

  it('has starved and blocked machines around the V-curve', () => {
    const all = machines.map((id) => stateDurations(samples.get(path(id, 'state'))!, END));
    expect(all.some((d) => (d.get(3) ?? 0) > MIN)).toBe(true);
    expect(all.some((d) => (d.get(4) ?? 0) > MIN)).toBe(true);
    // The filler is never starved (unlimited infeed); the case packer is never blocked (end of line).
    expect(all[0]!.get(3) ?? 0).toBe(0);
    expect(all[3]!.get(4) ?? 0).toBe(0);
  });

  it('counts rejects at the configured rates and cases at the case packer', () => {
    const rate = (id: string) => last(path(id, 'count_reject')) / last(path(id, 'count_total'));
    expect(rate('filler')).toBeGreaterThan(0.0015);
    expect(rate('filler')).toBeLessThan(0.0045);
    expect(rate('labeler')).toBeGreaterThan(0.005);
    expect(rate('labeler')).toBeLessThan(0.011);
    const labelled = last(path('labeler', 'count_total')) - last(path('labeler', 'count_reject'));
    const cases = last(path('casepacker', 'count_total'));
    expect(cases * 12).toBeLessThanOrEqual(labelled);
    expect(cases * 12).toBeGreaterThan(labelled - 700);
    expect(last(path('casepacker', 'cycle_time'))).toBeGreaterThan(2.5);
  });

  it('publishes each tag at its rate with values of its declared data type', () => {
    const problems: string[] = [];
    for (const tag of tags) {
      const list = samples.get(tag.path)!;
      if (tag.dataType === 'waveform') {
        // Every 5 minutes and once soon after start; none while the line is on its break.
        expect(list.length).toBeGreaterThan(80);
        expect(list.length).toBeLessThanOrEqual(97);
        expect(list[0]!.sourceTs - START).toBeLessThanOrEqual(20_000);
        const w = list[0]!.value as Waveform;
        expect(w.samples).toBeInstanceOf(Float32Array);
        expect(w.samples.length).toBe(25_600);
        expect(w).toMatchObject({ sampleRateHz: 25_600, unit: 'g' });
        expect(w.shaftRpm).toBeGreaterThan(1770);
        expect(w.shaftRpm).toBeLessThan(1800);
        continue;
      }
      const expectedCount = (8 * HOUR) / Math.max(tag.sampleRateMs, TICK_MS);
      // The checkweigher measures only while bottles pass: at least the running share of the shift.
      const share = tag.name === 'fill_volume' ? 0.6 : 0.99;
      if (list.length < expectedCount * share) problems.push(`${tag.path}: ${list.length} samples, expected ${expectedCount * share}`);
      list.forEach((s, i) => {
        const bad = (why: string) => problems.push(`${tag.path} at ${new Date(s.sourceTs).toISOString()}: ${why} (${String(s.value)})`);
        if (s.quality.status !== 'good') bad('not good');
        if (tag.dataType === 'string' && typeof s.value !== 'string') bad('not a string');
        if (tag.dataType !== 'string' && (typeof s.value !== 'number' || !Number.isFinite(s.value))) bad('not a finite number');
        if (tag.dataType === 'int16' && ![1, 2, 3, 4, 5, 6, 7].includes(s.value as number)) bad('not a state word');
        if (tag.dataType === 'uint32' && !Number.isInteger(s.value)) bad('not an integer');
        const previous = list[i - 1];
        if (previous && s.sourceTs <= previous.sourceTs) bad('timestamp not increasing');
        if (previous && tag.dataType === 'uint32' && (s.value as number) < (previous.value as number)) bad('counter went back');
      });
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('keeps process values in their realistic ranges', () => {
    const values = (p: string, from = START) => samples.get(p)!.filter((s) => s.sourceTs >= from).map((s) => s.value as number);
    for (const v of values(path('filler', 'product_temp'))) {
      expect(v).toBeGreaterThan(7.5);
      expect(v).toBeLessThan(12.5);
    }
    const winding = samples.get(path('motor', 'winding_temp'))!;
    expect(winding[0]!.value).toBeLessThan(30);
    const after1h = winding.find((s) => s.sourceTs >= START + HOUR)!.value as number;
    expect(after1h).toBeGreaterThan(50);
    expect(Math.max(...values(path('motor', 'winding_temp')))).toBeLessThan(85);
    const steady = runningSteadily(samples.get(path('motor', 'state'))!, 5000);
    const rpm = samples.get(path('motor', 'speed'))!.filter((s) => steady(s.sourceTs)).map((s) => s.value as number);
    expect(rpm.length).toBeGreaterThan(20_000);
    expect(Math.min(...rpm)).toBeGreaterThan(1770);
    expect(Math.max(...rpm)).toBeLessThan(1800);
    const energy = last(path('motor', 'energy'));
    expect(energy).toBeGreaterThan(8 * 3); // a 7.5 kW conveyor drive, partly loaded
    expect(energy).toBeLessThan(8 * 7.5);
  });

  it('starts the conveyor motor with a 5–7× inrush, then runs at 9–11 A with load', () => {
    const states = samples.get(path('motor', 'state'))!;
    const current = samples.get(path('motor', 'motor_current'))!;
    const starts = states.filter((s, i) => s.value === 1 && i > 0 && states[i - 1]!.value !== 1).map((s) => s.sourceTs);
    expect(starts.length).toBeGreaterThanOrEqual(2); // first start and after the break
    for (const t of starts) {
      const atStart = current.find((s) => s.sourceTs === t)!.value as number;
      expect(atStart).toBeGreaterThanOrEqual(5 * 14 * 0.97);
      expect(atStart).toBeLessThanOrEqual(7 * 14 * 1.03);
      const later = current.find((s) => s.sourceTs >= t + 2000)!.value as number;
      expect(later).toBeLessThan(13);
    }
    const fillerRunning = new Map(samples.get(path('filler', 'state'))!.map((s) => [s.sourceTs, s.value]));
    const loaded = current.filter((s) => fillerRunning.get(s.sourceTs) === 1 && starts.every((t) => s.sourceTs - t > 10_000 || s.sourceTs < t)).map((s) => s.value as number);
    loaded.sort((a, b) => a - b);
    expect(loaded[Math.floor(loaded.length * 0.05)]).toBeGreaterThan(9);
    expect(loaded[Math.floor(loaded.length * 0.95)]).toBeLessThan(11.5);
    // Stopped at the break: no current.
    const atBreak = current.filter((s) => s.sourceTs > START + 4 * HOUR + MIN && s.sourceTs < START + 4.5 * HOUR);
    expect(atBreak.every((s) => s.value === 0)).toBe(true);
  });

  it('keeps the healthy motor at 1.0–1.3 mm/s (the demo bearing defect is still only in the envelope)', () => {
    const steady = runningSteadily(samples.get(path('motor', 'state'))!, 5000);
    const running = samples.get(path('motor', 'vibration_rms'))!.filter((s) => steady(s.sourceTs));
    expect(running.length).toBeGreaterThan(20_000);
    const values = running.map((s) => s.value as number);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(1.0);
    expect(Math.max(...values)).toBeLessThanOrEqual(1.3);
  });

  it('heats the glue from cold in about 20 minutes, then holds it at 170 °C ± 2', () => {
    const glue = samples.get(path('labeler', 'glue_temp'))!;
    const at = (t: number) => glue.find((s) => s.sourceTs >= t)!.value as number;
    expect(at(START)).toBeLessThan(30);
    expect(at(START + 10 * MIN)).toBeLessThan(130);
    expect(at(START + 30 * MIN)).toBeGreaterThan(160);
    const window = glue.filter((s) => s.sourceTs >= START + HOUR && s.sourceTs < START + 3 * HOUR).map((s) => s.value as number);
    const mean = window.reduce((a, b) => a + b, 0) / window.length;
    expect(Math.abs(mean - 170)).toBeLessThan(1.5);
    expect(Math.max(...window) - Math.min(...window)).toBeGreaterThan(2);
    expect(Math.max(...window)).toBeLessThan(174);
    expect(Math.min(...window)).toBeGreaterThan(164);
    const crossings = window.filter((v, i) => i > 0 && (v - 170) * (window[i - 1]! - 170) < 0).length;
    expect(crossings).toBeGreaterThan(10);
    // The labeler waits (idle) for its glue at a cold start.
    const labeler = samples.get(path('labeler', 'state'))!;
    expect(labeler.find((s) => s.sourceTs >= START + 10 * MIN)!.value).toBe(2);
  });
});
