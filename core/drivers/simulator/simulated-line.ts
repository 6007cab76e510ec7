/**
 * The pure simulation core: `SimulatedLine` advances the line in fixed 100 ms ticks of
 * simulated time and returns the samples that fall due in each tick, timestamped with the
 * simulated time. It reads no clock and no Math.random: the same settings, start time and
 * tags give the same samples. Each tag is published at its own sample rate, event signals
 * also at once when they change; injected sensor failures and bench load tags are applied
 * here too.
 */
import type { TagDataType, Waveform } from '../../contract/index.js';
import { bad, GOOD, type Sample } from '../../model/sample.js';
import { parseAddress, signalKind } from './addresses.js';
import { bindSignal, type SignalBinding, type SignalValue } from './bindings.js';
import { LineModel } from './line-model.js';
import { Random } from './random.js';
import type { SimulatorSettings } from './settings.js';
import { MachineSignals, MotorSignals } from './signals.js';
import { applySensorFailure, coerce, placeholder, type SensorFailure } from './tag-values.js';

export const TICK_MS = 100;
/** The first vibration snapshot comes this soon after start (then at the tag's rate). */
const FIRST_WAVEFORM_MS = 15_000;

function emptyWaveform(): Waveform {
  return { sampleRateHz: 1, unit: '', samples: new Float32Array(0) };
}

/** What the simulation needs to know of a tag. */
export interface SimTag {
  path: string;
  address: string;
  dataType: TagDataType;
  sampleRateMs: number;
  range?: { min: number; max: number } | undefined;
}

interface Scheduled {
  tag: SimTag;
  binding: SignalBinding | undefined;
  /** Why the tag cannot be served (published as bad quality). */
  problem: string | undefined;
  intervalMs: number;
  nextDue: number;
  pending: boolean;
  lastTrigger: number | string | undefined;
  rng: Random;
  /** Last value measured while the sensor was healthy (what a failed sensor holds). */
  lastHealthy: SignalValue | undefined;
  held: SignalValue | undefined;
  failures: { start: number; end: number; failure: SensorFailure }[];
}

interface LoadSet {
  paths: string[];
  values: Float64Array;
  intervalMs: number;
  nextDue: number;
  rng: Random;
}

export class SimulatedLine {
  readonly model: LineModel;
  readonly machineSignals = new Map<string, MachineSignals>();
  readonly motorSignals = new Map<string, MotorSignals>();
  private readonly scheduled: Scheduled[] = [];
  private readonly load: LoadSet | undefined;

  constructor(
    readonly settings: SimulatorSettings,
    readonly startTime: number,
    tags: readonly SimTag[],
  ) {
    const root = new Random(settings.seed);
    this.model = new LineModel(settings, startTime, root.fork('line'));
    for (const m of this.model.machines) this.machineSignals.set(m.settings.id, new MachineSignals(m, this.model.ambient, root.fork(`signals:${m.settings.id}`)));
    for (const m of this.model.motors)
      this.motorSignals.set(m.settings.id, new MotorSignals(m, settings, startTime, this.model.ambient, root.fork(`signals:${m.settings.id}`)));
    const loadTags: SimTag[] = [];
    for (const tag of tags) {
      let binding: SignalBinding | undefined;
      let problem: string | undefined;
      try {
        const parsed = parseAddress(tag.address, settings);
        if (parsed.kind === 'load') {
          loadTags.push(tag);
          continue;
        }
        binding = bindSignal(this.model, this.machineSignals, this.motorSignals, parsed.machine, parsed.signal);
        if (!binding) problem = `the simulated line has no signal at '${tag.address}'`;
        else if (coerce(binding.kind === 'waveform' ? emptyWaveform() : binding.kind === 'string' ? '' : 0, tag.dataType) === undefined)
          problem = `'${tag.address}' is a ${signalKind(tag.address, settings)} signal; a tag of type ${tag.dataType} cannot carry it`;
      } catch (error) {
        problem = (error as Error).message;
      }
      const intervalMs = Math.max(TICK_MS, tag.sampleRateMs > 0 ? tag.sampleRateMs : TICK_MS);
      const failures = settings.injectedFaults.flatMap((f) =>
        f.kind === 'sensor' && f.address === tag.address
          ? [{ start: startTime + f.atS * 1000, end: f.durationS === undefined ? Infinity : startTime + (f.atS + f.durationS) * 1000, failure: f.failure }]
          : [],
      );
      this.scheduled.push({
        tag,
        binding,
        problem,
        intervalMs,
        nextDue: binding?.kind === 'waveform' ? startTime + Math.min(intervalMs, FIRST_WAVEFORM_MS) : startTime,
        pending: false,
        lastTrigger: undefined,
        rng: root.fork(`tag:${tag.address}`),
        lastHealthy: undefined,
        held: undefined,
        failures,
      });
    }
    if (loadTags.length > 0 && settings.load) {
      const rng = root.fork('load');
      const values = new Float64Array(loadTags.length);
      for (let i = 0; i < values.length; i++) values[i] = 50 + rng.normal(0, 10);
      this.load = { paths: loadTags.map((t) => t.path), values, intervalMs: 1000 / settings.load.rateHz, nextDue: startTime + TICK_MS, rng };
    }
  }

  /** Simulated time, UTC epoch ms. */
  get time(): number {
    return this.model.t;
  }

  /** Advances one tick; returns the samples due in it. */
  step(): Sample[] {
    const out: Sample[] = [];
    this.stepInto(out);
    return out;
  }

  /** Advances one tick, appending the samples due in it to `out`. */
  stepInto(out: Sample[]): void {
    const model = this.model;
    model.step(TICK_MS);
    const dtS = TICK_MS / 1000;
    const lineActive = model.machines.filter((m) => m.state === 1).length / Math.max(1, model.machines.length);
    for (const s of this.machineSignals.values()) s.step(dtS, model.ambient, lineActive);
    for (const s of this.motorSignals.values()) s.step(model.t, dtS, model);
    const t = model.t;
    for (const item of this.scheduled) this.sample(item, t, out);
    if (this.load) this.sampleLoad(this.load, t, out);
  }

  private sample(item: Scheduled, t: number, out: Sample[]): void {
    if (t >= item.nextDue) {
      item.pending = true;
      item.nextDue += (Math.floor((t - item.nextDue) / item.intervalMs) + 1) * item.intervalMs;
    }
    const binding = item.binding;
    if (!binding || item.problem) {
      if (item.pending) out.push({ path: item.tag.path, value: placeholder(item.tag.dataType), quality: bad(item.problem ?? 'not served'), sourceTs: t });
      item.pending = false;
      return;
    }
    if (binding.trigger) {
      const trigger = binding.trigger();
      if (trigger !== item.lastTrigger) {
        if (item.lastTrigger !== undefined) item.pending = true;
        item.lastTrigger = trigger;
      }
    }
    if (!item.pending || (binding.gate && !binding.gate())) return;
    item.pending = false;
    const measured = binding.read(item.rng);
    let value = measured;
    let quality = GOOD;
    const failure = item.failures.find((f) => t >= f.start && t < f.end);
    if (failure) {
      item.held ??= item.lastHealthy ?? measured;
      ({ value, quality } = applySensorFailure(failure.failure, measured, item.held, item.tag.range, item.rng));
    } else {
      item.held = undefined;
      item.lastHealthy = measured;
    }
    const coerced = coerce(value, item.tag.dataType);
    out.push({ path: item.tag.path, value: coerced ?? placeholder(item.tag.dataType), quality: coerced === undefined ? bad('type mismatch') : quality, sourceTs: t });
  }

  private sampleLoad(load: LoadSet, t: number, out: Sample[]): void {
    const { values, paths, rng } = load;
    while (load.nextDue <= t) {
      const ts = Math.round(load.nextDue);
      for (let i = 0; i < values.length; i++) {
        const v = values[i]! + rng.normal(0, 0.5) + 0.002 * (50 - values[i]!);
        values[i] = v;
        out.push({ path: paths[i]!, value: v, quality: GOOD, sourceTs: ts });
      }
      load.nextDue += load.intervalMs;
    }
  }

  /**
   * Makes every tag due at the next tick, as a device's first full read after it comes
   * online (the driver calls this after the unseen warm-up). Load tags are excluded.
   */
  sampleAllAtNextTick(): void {
    for (const item of this.scheduled) item.pending = true;
  }

  /** Jumps `ms` ahead without simulating the gap; sampling resumes at the new time. */
  skip(ms: number): void {
    const ticks = Math.floor(ms / TICK_MS);
    if (ticks <= 0) return;
    this.model.skip(ticks * TICK_MS);
    const t = this.model.t;
    for (const item of this.scheduled) if (item.nextDue < t) item.nextDue = t;
    if (this.load && this.load.nextDue < t) this.load.nextDue = t;
  }

  /** Writes a register of the simulated device; throws an Error saying why it refused. */
  write(address: string, value: unknown): void {
    let parsed;
    try {
      parsed = parseAddress(address, this.settings);
    } catch {
      parsed = undefined;
    }
    if (parsed?.kind === 'machine' && parsed.signal === 'glue_setpoint') {
      const glue = this.model.machines.find((m) => m.settings.id === parsed.machine)?.glue;
      if (glue) {
        if (typeof value !== 'number' || !Number.isFinite(value) || value < 120 || value > 190)
          throw new Error(`the glue setpoint at '${address}' accepts a number from 120 to 190 °C; got ${JSON.stringify(value)}`);
        glue.setpoint = value;
        return;
      }
    }
    throw new Error(`the simulated device has no writable register at '${address}' (writable: ${this.writableAddresses().join(', ') || 'none'})`);
  }

  writableAddresses(): string[] {
    return this.model.machines.filter((m) => m.glue).map((m) => `${m.settings.id}.glue_setpoint`);
  }
}
