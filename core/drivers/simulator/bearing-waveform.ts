/**
 * Synthesises a 1 s drive-end acceleration snapshot (25.6 kHz, g) of the conveyor motor:
 * 1× shaft (residual imbalance), a little 2× (misalignment), broadband sensor noise, and
 * for each bearing defect a train of impacts at its defect frequency (with 1–2 % timing
 * jitter from rolling-element slip) that ring a structural resonance near 3 kHz and die
 * out within a few milliseconds. Inner-race impacts are amplitude-modulated at shaft speed,
 * ball impacts at the cage frequency. As the defect grows, defect harmonics, shaft-rate
 * sidebands and broadband content are added so that the waveform's RMS velocity
 * (10–1000 Hz) matches the published `vibration_rms`.
 */
import type { Waveform } from '../../contract/index.js';
import { bearingFrequencies, type DefectCondition } from './bearing.js';
import type { Random } from './random.js';
import type { BearingGeometry } from './settings.js';

export const WAVEFORM_RATE_HZ = 25_600;
export const WAVEFORM_LENGTH = 25_600;

const G = 9.80665;
/** Structural resonance excited by impacts, Hz, and the decay time constant of its ringing, s. */
const RESONANCE_HZ = 3_050;
const RING_TAU_S = 0.0006;
const RING_LENGTH = Math.ceil(8 * RING_TAU_S * WAVEFORM_RATE_HZ);
const NOISE_G = 0.02;
const TIMING_JITTER = 0.012;

export type DefectKind = 'outer-race' | 'inner-race' | 'ball';

export interface WaveformInput {
  shaftRpm: number;
  /** Healthy broadband RMS velocity, mm/s: sets the 1× and 2× amplitudes. */
  healthyMmS: number;
  /** Multiplier of all running vibration (load, wander), as used for `vibration_rms`. */
  vibrationFactor: number;
  bearing: BearingGeometry;
  defects: readonly { kind: DefectKind; condition: DefectCondition }[];
}

/** Adds amp·sin(2πft + phase) using a rotating phasor (no sin() per sample). */
function addSine(out: Float64Array, freqHz: number, amp: number, phase: number): void {
  if (!(freqHz > 0) || amp === 0) return;
  const w = (2 * Math.PI * freqHz) / WAVEFORM_RATE_HZ;
  const c = Math.cos(w);
  const s = Math.sin(w);
  let x = Math.cos(phase);
  let y = Math.sin(phase);
  for (let n = 0; n < out.length; n++) {
    out[n]! += amp * y;
    const nx = x * c - y * s;
    y = x * s + y * c;
    x = nx;
  }
}

/** Peak acceleration (g) of a sinusoid at `freqHz` whose RMS velocity is `vMmS`. */
function accelForVelocity(vMmS: number, freqHz: number): number {
  return ((vMmS * Math.SQRT2) / 1000) * 2 * Math.PI * freqHz / G;
}

/** One impact: a decaying ring of the structural resonance starting at time `t0` (s). */
function addImpact(out: Float64Array, t0: number, amp: number, phase: number): void {
  const first = Math.ceil(t0 * WAVEFORM_RATE_HZ);
  const last = Math.min(out.length, first + RING_LENGTH);
  for (let n = Math.max(0, first); n < last; n++) {
    const dt = n / WAVEFORM_RATE_HZ - t0;
    out[n]! += amp * Math.exp(-dt / RING_TAU_S) * Math.sin(2 * Math.PI * RESONANCE_HZ * dt + phase);
  }
}

/** The impact train of one defect over the record. */
function addImpacts(out: Float64Array, kind: DefectKind, condition: DefectCondition, input: WaveformInput, rng: Random): void {
  const fr = input.shaftRpm / 60;
  const f = bearingFrequencies(input.bearing, fr);
  const rate = kind === 'outer-race' ? f.bpfo : kind === 'inner-race' ? f.bpfi : 2 * f.bsf;
  const period = 1 / rate;
  const shaftPhase = rng.uniform(0, 2 * Math.PI);
  const cagePhase = rng.uniform(0, 2 * Math.PI);
  const duration = out.length / WAVEFORM_RATE_HZ;
  // Start one ring-length before the record so that the record opens mid-train.
  let t = -rng.uniform(0, period);
  let index = 0;
  while (t < duration) {
    let amp = condition.impactG * input.vibrationFactor * (1 + rng.normal(0, 0.1));
    if (kind === 'inner-race') amp *= 0.55 + 0.45 * Math.cos(2 * Math.PI * fr * t + shaftPhase);
    else if (kind === 'ball') amp *= (index % 2 === 0 ? 1 : 0.6) * (0.6 + 0.4 * Math.cos(2 * Math.PI * f.ftf * t + cagePhase));
    else amp *= 1 + 0.3 * condition.harmonics * Math.cos(2 * Math.PI * fr * t + shaftPhase);
    addImpact(out, t, amp, rng.uniform(-0.3, 0.3));
    t += period * (1 + rng.normal(0, TIMING_JITTER));
    index++;
  }
}

/**
 * Velocity content added by a grown defect, as discrete components whose RMS velocities
 * add up (in power) to `extraMmS`: defect-frequency harmonics with shaft-rate sidebands,
 * shaft harmonics (looseness) and broadband content spread over 10–1000 Hz.
 */
function addDefectVelocity(out: Float64Array, kind: DefectKind, condition: DefectCondition, extraMmS: number, input: WaveformInput, rng: Random): void {
  if (extraMmS <= 0) return;
  const fr = input.shaftRpm / 60;
  const f = bearingFrequencies(input.bearing, fr);
  const base = kind === 'outer-race' ? f.bpfo : kind === 'inner-race' ? f.bpfi : 2 * f.bsf;
  const side = kind === 'ball' ? f.ftf : fr;
  const defectShare = 0.35 + 0.3 * condition.harmonics * (1 - Math.max(0, condition.life - 0.6));
  const components: { freq: number; weight: number; share: 'defect' | 'broad' }[] = [];
  for (let k = 1; k <= 5; k++) {
    components.push({ freq: k * base, weight: 1 / k, share: 'defect' });
    const sideWeight = (kind === 'outer-race' ? 0.25 : 0.5) * condition.harmonics / k;
    components.push({ freq: k * base - side, weight: sideWeight, share: 'defect' });
    components.push({ freq: k * base + side, weight: sideWeight, share: 'defect' });
  }
  for (let k = 1; k <= 8; k++) components.push({ freq: k * fr, weight: rng.uniform(0.3, 1) / k, share: 'broad' });
  for (let i = 0; i < 24; i++) components.push({ freq: 10 * Math.pow(100, rng.next()), weight: rng.uniform(0.5, 1) * 0.4, share: 'broad' });
  for (const share of ['defect', 'broad'] as const) {
    const group = components.filter((c) => c.share === share && c.freq >= 10 && c.freq <= 1000);
    const power = group.reduce((sum, c) => sum + c.weight * c.weight, 0);
    const groupMmS = extraMmS * Math.sqrt(share === 'defect' ? defectShare : 1 - defectShare);
    for (const c of group) {
      const vMmS = (groupMmS * c.weight) / Math.sqrt(power);
      addSine(out, c.freq, accelForVelocity(vMmS, c.freq), rng.uniform(0, 2 * Math.PI));
    }
  }
}

export function generateWaveform(input: WaveformInput, rng: Random): Waveform {
  const out = new Float64Array(WAVEFORM_LENGTH);
  const fr = input.shaftRpm / 60;
  const healthy = input.healthyMmS * input.vibrationFactor;
  if (fr > 0) {
    addSine(out, fr, accelForVelocity(healthy * Math.sqrt(0.93), fr), rng.uniform(0, 2 * Math.PI));
    addSine(out, 2 * fr, accelForVelocity(healthy * Math.sqrt(0.05), 2 * fr), rng.uniform(0, 2 * Math.PI));
    addSine(out, 3 * fr, accelForVelocity(healthy * Math.sqrt(0.02), 3 * fr), rng.uniform(0, 2 * Math.PI));
  }
  let lateNoise = 0;
  if (fr > 0) {
    for (const defect of input.defects) {
      if (defect.condition.life <= 0) continue;
      addImpacts(out, defect.kind, defect.condition, input, rng);
      const total = defect.condition.velocityMmS * input.vibrationFactor;
      const extra = Math.sqrt(Math.max(0, total * total - healthy * healthy));
      addDefectVelocity(out, defect.kind, defect.condition, extra, input, rng);
      lateNoise = Math.max(lateNoise, Math.max(0, defect.condition.life - 0.6) * 2.5);
    }
  }
  const noise = NOISE_G * (1 + lateNoise);
  const samples = new Float32Array(WAVEFORM_LENGTH);
  for (let n = 0; n < WAVEFORM_LENGTH; n++) samples[n] = out[n]! + rng.normal(0, noise);
  return { sampleRateHz: WAVEFORM_RATE_HZ, unit: 'g', samples, shaftRpm: input.shaftRpm };
}
