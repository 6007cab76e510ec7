/**
 * Binds each served address to a reader of the simulated value as an instrument would
 * report it: the model's true value plus that sensor's noise, rounded to its resolution.
 * Also says which signals are events (published at once when they change: state words,
 * fault codes, setpoints, the motor current at a start) and which may only be sampled
 * in a condition (the vibration snapshot, taken with the motor running steadily).
 */
import type { Waveform } from '../../contract/index.js';
import type { SignalKind } from './addresses.js';
import { generateWaveform } from './bearing-waveform.js';
import type { ConveyorMotor, LineModel, PackagingMachine } from './line-model.js';
import type { Random } from './random.js';
import type { MachineSignals, MotorSignals } from './signals.js';

export type SignalValue = number | string | Waveform;

export interface SignalBinding {
  kind: SignalKind;
  /** Reads the value now; `rng` is this tag's own noise stream. */
  read(rng: Random): SignalValue;
  /** When this changes, the tag is published at once (besides its sample rate). */
  trigger?: () => number | string;
  /** Sampling waits (the sample is held pending) while this is false. */
  gate?: () => boolean;
}

function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

/** Bounded Gaussian noise: a real instrument's noise has no wild tails. */
function noise(rng: Random, sd: number): number {
  return Math.max(-3 * sd, Math.min(3 * sd, rng.normal(0, sd)));
}

function analogue(read: (rng: Random) => number, decimals: number): SignalBinding {
  return { kind: 'float', read: (rng) => round(read(rng), decimals) };
}

function packagingBinding(m: PackagingMachine, s: MachineSignals, signal: string): SignalBinding | undefined {
  switch (signal) {
    case 'state':
      return { kind: 'state', read: () => m.state, trigger: () => m.state };
    case 'fault_code':
      return { kind: 'string', read: () => m.faultCode, trigger: () => m.faultCode };
    case 'speed':
      return analogue((rng) => (m.speed > 0 ? Math.max(0, m.speed * (1 + noise(rng, 0.004))) : 0), 1);
    case 'count_total':
      return { kind: 'counter', read: () => m.countTotal };
    case 'count_reject':
      return { kind: 'counter', read: () => m.countReject };
    case 'cycle_time':
      return analogue(() => m.lastCycleS, 3);
    case 'motor_current':
      return analogue((rng) => (s.current > 0 ? Math.max(0, s.current + noise(rng, 0.03 + 0.004 * s.current)) : 0), 2);
    case 'vibration_rms':
      return analogue((rng) => s.vibration * (1 + noise(rng, 0.01)), 2);
    case 'drive_temp':
      return analogue((rng) => s.driveTemp + noise(rng, 0.05), 1);
    case 'energy':
      return analogue(() => s.energyKWh, 3);
    case 'product_temp':
      return analogue((rng) => s.productTemp + noise(rng, 0.04), 1);
    case 'fill_volume':
      // The checkweigher's last bottle, in ml: warmer product foams and fills a little
      // short of the level probe. No bottle, no measurement: nothing is sent while stopped.
      return { ...analogue((rng) => 330.5 - 0.25 * (s.productTemp - 10) + noise(rng, 0.7), 1), gate: () => m.speed > 0 };
    case 'head_temp':
      return analogue((rng) => s.headTemp + noise(rng, 0.05), 1);
    case 'glue_temp':
      return m.glue ? analogue((rng) => m.glue!.sensor + noise(rng, 0.08), 1) : undefined;
    case 'glue_setpoint':
      return m.glue ? { kind: 'float', read: () => m.glue!.setpoint, trigger: () => m.glue!.setpoint } : undefined;
    default:
      return undefined;
  }
}

function motorBinding(m: ConveyorMotor, s: MotorSignals, line: LineModel, signal: string): SignalBinding | undefined {
  switch (signal) {
    case 'state':
      return { kind: 'state', read: () => m.state, trigger: () => m.state };
    case 'fault_code':
      return { kind: 'string', read: () => m.faultCode, trigger: () => m.faultCode };
    case 'speed':
      return analogue((rng) => (s.rpm > 0.5 ? Math.max(0, s.rpm + noise(rng, 0.4)) : 0), 1);
    case 'motor_current':
      // The drive reports its start current: a start is published at once, inrush and all.
      return { ...analogue((rng) => (s.current > 0 ? s.current * (1 + noise(rng, 0.006)) : 0), 2), trigger: () => m.starts };
    case 'winding_temp':
      return analogue((rng) => s.windingTemp + noise(rng, 0.05), 1);
    case 'bearing_temp':
      return analogue((rng) => s.bearingTemp + noise(rng, 0.05), 1);
    case 'vibration_rms':
      return analogue((rng) => s.vibration * (1 + noise(rng, 0.01)), 2);
    case 'energy':
      return analogue(() => s.energyKWh, 3);
    case 'vibration_waveform':
      return {
        kind: 'waveform',
        gate: () => s.steady(line.t),
        read: (rng) =>
          generateWaveform(
            { shaftRpm: round(s.rpm, 1), healthyMmS: s.healthyMmS, vibrationFactor: s.vibrationFactor, bearing: m.settings.bearing, defects: s.conditions },
            rng,
          ),
      };
    default:
      return undefined;
  }
}

/** The binding of `<machine>.<signal>`, or undefined when the model has no such signal. */
export function bindSignal(
  line: LineModel,
  machineSignals: ReadonlyMap<string, MachineSignals>,
  motorSignals: ReadonlyMap<string, MotorSignals>,
  machineId: string,
  signal: string,
): SignalBinding | undefined {
  const packaging = machineSignals.get(machineId);
  if (packaging) return packagingBinding(packaging.machine, packaging, signal);
  const motor = motorSignals.get(machineId);
  if (motor) return motorBinding(motor.motor, motor, line, signal);
  return undefined;
}
