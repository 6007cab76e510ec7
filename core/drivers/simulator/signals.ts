/**
 * Process values of the simulated machines, advanced every tick from the line model's
 * states: drive currents (VFD drives on the packaging machines, a direct-on-line start
 * with a 5–7× inrush on the conveyor motor), shaft speed with load-dependent slip,
 * first-order thermal models (drives, windings, bearing, product), broadband vibration
 * (with a growing bearing defect on the motor) and energy counters. These are the true
 * values; measurement noise is added when a tag is sampled.
 */
import { combinedVelocity, defectCondition, defectLife, type DefectCondition } from './bearing.js';
import type { DefectKind } from './bearing-waveform.js';
import { STATE, type ConveyorMotor, type LineModel, type PackagingMachine } from './line-model.js';
import { Wander, type Random } from './random.js';
import type { SimulatorSettings } from './settings.js';

/** Rated current of a packaging machine's main drive when the settings leave it out, A. */
const DRIVE_CURRENT_A: Record<string, number> = { filler: 15, capper: 8.5, labeler: 6.5, 'case-packer': 11 };
/** Auxiliary load of a packaging machine while not in a planned stop (vacuum, pumps, heaters), kW. */
const AUX_KW: Record<string, number> = { filler: 16, capper: 2, labeler: 2, 'case-packer': 5 };
const GLUE_HEATER_KW = 4;

/** First-order lag toward `target` with time constant `tauS`. */
function lag(value: number, target: number, tauS: number, dtS: number): number {
  return target + (value - target) * Math.exp(-dtS / tauS);
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, x));
}

export class MachineSignals {
  current = 0;
  driveTemp: number;
  headTemp: number;
  productTemp: number;
  vibration: number;
  energyKWh = 0;
  readonly ratedCurrent: number;
  private readonly healthyMmS: number;
  private readonly loadWander: Wander;
  private readonly vibWander: Wander;
  private readonly chillerWander: Wander;

  constructor(
    readonly machine: PackagingMachine,
    ambient: number,
    rng: Random,
  ) {
    this.ratedCurrent = machine.settings.driveCurrentA ?? DRIVE_CURRENT_A[machine.settings.kind] ?? 10;
    this.healthyMmS = rng.uniform(1.1, 1.2);
    this.loadWander = new Wander(rng.fork('load'), 0.02, 300);
    this.vibWander = new Wander(rng.fork('vibration'), 0.02, 1200);
    this.chillerWander = new Wander(rng.fork('chiller'), 0.5, 1500);
    this.driveTemp = ambient;
    this.headTemp = ambient;
    this.productTemp = 9.8 + this.chillerWander.value;
    this.vibration = 0.1;
  }

  step(dtS: number, ambient: number, lineActive: number): void {
    const m = this.machine;
    const frac = m.speed / m.rated;
    const ir = this.ratedCurrent;
    const load = 0.72 * frac * (1 + this.loadWander.step(dtS));
    if (m.speed <= 0) this.current = 0;
    else if (m.accelerating) this.current = ir * Math.sqrt(0.35 * 0.35 + (load + 0.35) ** 2);
    else if (m.state !== STATE.running) this.current = ir * 0.35 * Math.min(1, frac * 4);
    else this.current = ir * Math.sqrt(0.35 * 0.35 + load * load);
    const i = this.current / ir;
    this.driveTemp = lag(this.driveTemp, ambient + 3 + 35 * i * i, 1800, dtS);
    this.headTemp = lag(this.headTemp, ambient + 4 + 22 * frac, 1800, dtS);
    const chiller = 9.8 + this.chillerWander.step(dtS);
    this.productTemp = m.speed > 0 ? lag(this.productTemp, chiller, 180, dtS) : lag(this.productTemp, ambient, 18_000, dtS);
    const wander = clamp(this.vibWander.step(dtS), -0.04, 0.04);
    this.vibration =
      m.speed > 0
        ? this.healthyMmS * (0.75 + 0.25 * Math.min(1, frac)) * (1 + wander) * (m.accelerating ? 1.1 : 1)
        : 0.08 + 0.1 * lineActive;
    let kw = m.state === STATE.planned ? 0.15 * (AUX_KW[m.settings.kind] ?? 1) : (AUX_KW[m.settings.kind] ?? 1);
    kw += (Math.sqrt(3) * 400 * this.current * 0.85) / 1000;
    if (m.glue) kw += GLUE_HEATER_KW * m.glue.output;
    this.energyKWh += (kw * dtS) / 3600;
  }
}

/** Synchronous speed of the motor implied by its rated speed (50 or 60 Hz, 2–8 poles). */
function syncRpm(ratedRpm: number): number {
  const candidates = [750, 900, 1000, 1200, 1500, 1800, 3000, 3600];
  return candidates.find((c) => c > ratedRpm && (c - ratedRpm) / c < 0.1) ?? ratedRpm * 1.02;
}

export interface BearingDefect {
  kind: DefectKind;
  bornAt: number;
  growthDays: number;
}

export class MotorSignals {
  rpm = 0;
  current = 0;
  /** Mechanical load, 0..1 of rated. */
  load = 0;
  windingTemp: number;
  bearingTemp: number;
  vibration = 0.05;
  /** Multiplier of running vibration (load, slow wander), shared with the waveform. */
  vibrationFactor = 1;
  energyKWh = 0;
  conditions: { kind: DefectKind; condition: DefectCondition }[] = [];
  readonly healthyMmS: number;
  readonly defects: BearingDefect[];
  private readonly sync: number;
  private readonly magnetising: number;
  private readonly active: number;
  private readonly loadWander: Wander;
  private readonly vibWander: Wander;

  constructor(
    readonly motor: ConveyorMotor,
    settings: SimulatorSettings,
    start: number,
    ambient: number,
    rng: Random,
  ) {
    const s = motor.settings;
    this.sync = syncRpm(s.ratedRpm);
    this.magnetising = (5 / 14) * s.ratedCurrentA;
    this.active = Math.sqrt(s.ratedCurrentA ** 2 - this.magnetising ** 2);
    this.healthyMmS = rng.uniform(1.12, 1.17);
    this.loadWander = new Wander(rng.fork('load'), 0.025, 120);
    this.vibWander = new Wander(rng.fork('vibration'), 0.02, 1200);
    this.windingTemp = ambient;
    this.bearingTemp = ambient;
    this.defects = settings.injectedFaults.flatMap((f) =>
      f.kind === 'bearing' && f.machine === s.id ? [{ kind: f.defect, bornAt: start + f.startAfterH * 3_600_000, growthDays: f.growthDays }] : [],
    );
  }

  /** Whether the motor runs steadily (started, inrush over): when a waveform snapshot may be taken. */
  steady(t: number): boolean {
    return this.motor.state === STATE.running && t - this.motor.startedAt >= 3000;
  }

  step(t: number, dtS: number, line: LineModel): void {
    const m = this.motor;
    const s = m.settings;
    const ambient = line.ambient;
    this.conditions = this.defects.map((d) => ({ kind: d.kind, condition: defectCondition(defectLife(t, d.bornAt, d.growthDays), this.healthyMmS) }));
    // Load: product moving on the conveyor plus accumulated product dragging on the chains.
    const first = line.machines[0];
    const flow = first ? first.speed / first.rated : 0.5;
    const capacity = line.buffers.reduce((sum, b) => sum + b.capacity, 0);
    const accumulated = capacity > 0 ? line.buffers.reduce((sum, b) => sum + b.content, 0) / capacity : 0.3;
    const lineLoad = clamp(0.7 * Math.min(1, flow) + 0.25 * accumulated + this.loadWander.step(dtS), 0, 1);
    const running = m.state === STATE.running;
    this.load = running ? 0.1 + 0.75 * lineLoad : 0;
    const runCurrent = Math.sqrt(this.magnetising ** 2 + (this.load * this.active) ** 2);
    const runRpm = this.sync - (this.sync - s.ratedRpm) * this.load;
    const sinceStart = (t - m.startedAt) / 1000;
    if (running && sinceStart < m.inrushS) {
      const x = sinceStart / m.inrushS;
      this.current = runCurrent + (m.inrushFactor * s.ratedCurrentA - runCurrent) * (1 - x * x * x);
      this.rpm = runRpm * Math.pow(x, 0.7);
    } else if (running) {
      this.current = runCurrent;
      this.rpm = runRpm;
    } else {
      this.current = 0;
      this.rpm = this.rpm > 1 ? this.rpm * Math.exp(-dtS / 0.8) : 0;
    }
    const iRel = this.current / (0.714 * s.ratedCurrentA);
    this.windingTemp = lag(this.windingTemp, ambient + (running ? 50 * iRel * iRel : 0), running ? 1800 : 4500, dtS);
    const defectHeat = this.conditions.reduce((sum, c) => sum + c.condition.temperatureRiseK, 0);
    const bearingTarget = ambient + (running ? 8 + 8 * this.load : 0) + 0.12 * (this.windingTemp - ambient) + defectHeat;
    this.bearingTemp = lag(this.bearingTemp, bearingTarget, 2400, dtS);
    const wander = clamp(this.vibWander.step(dtS), -0.04, 0.04);
    this.vibrationFactor = (0.97 + 0.05 * this.load) * (1 + wander);
    const lineActive = line.machines.filter((x) => x.state === STATE.running).length / Math.max(1, line.machines.length);
    if (running) {
      const v = combinedVelocity(this.healthyMmS, this.conditions.map((c) => c.condition)) * this.vibrationFactor;
      this.vibration = sinceStart < 2 ? v * 1.6 : v;
    } else this.vibration = this.rpm > 100 ? 0.5 * (this.rpm / this.sync) : 0.05 + 0.07 * lineActive;
    const kw = running ? (s.ratedKw * this.load) / 0.9 + 0.03 * s.ratedKw : 0;
    this.energyKWh += (kw * dtS) / 3600;
  }
}
