/**
 * Closed-form and seeded test signals for the vibration analysis: tones, Gaussian noise,
 * an amplitude-modulated carrier, and a bearing-like impact train (impacts at a defect
 * rate with a little timing jitter, each ringing a resonance and dying out), so that each
 * feature can be checked against what theory says it must be.
 */
import { prng } from '../../../runtime/testing/prng.js';

/** amplitude·sin(2πft + phase), `seconds` long at `fs`. */
export function tone(fs: number, seconds: number, freqHz: number, amplitude: number, phase = 0): Float64Array {
  const n = Math.round(fs * seconds);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = amplitude * Math.sin((2 * Math.PI * freqHz * i) / fs + phase);
  return out;
}

/** Standard normal draws (Box–Muller) from the seeded PRNG, scaled by sigma. */
export function gaussian(seed: number, n: number, sigma = 1): Float64Array {
  const random = prng(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i += 2) {
    const u = 1 - random();
    const v = random();
    const r = sigma * Math.sqrt(-2 * Math.log(u));
    out[i] = r * Math.cos(2 * Math.PI * v);
    if (i + 1 < n) out[i + 1] = r * Math.sin(2 * Math.PI * v);
  }
  return out;
}

/** (1 + depth·cos 2π·fm·t)·cos 2π·fc·t: an envelope of 1 ± depth at fm Hz on a carrier at fc Hz. */
export function amCarrier(fs: number, seconds: number, carrierHz: number, modulationHz: number, depth: number): Float64Array {
  const n = Math.round(fs * seconds);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = i / fs;
    out[i] = (1 + depth * Math.cos(2 * Math.PI * modulationHz * t)) * Math.cos(2 * Math.PI * carrierHz * t);
  }
  return out;
}

export interface ImpactTrain {
  fs: number;
  seconds: number;
  /** Impacts per second (the defect frequency). */
  rateHz: number;
  /** Peak acceleration of each impact, g. */
  impactG: number;
  resonanceHz: number;
  /** Decay time constant of the ringing, s. */
  decayS?: number;
  /** Relative timing jitter (slip), e.g. 0.01. */
  jitter?: number;
  /** Amplitude modulation of the impacts: 1 + depth·cos 2π·f·t (the shaft turn for an inner race). */
  modulation?: { freqHz: number; depth: number };
  /** Gaussian background noise, g RMS. */
  noiseG?: number;
  seed: number;
}

/** Impacts at `rateHz` ringing `resonanceHz`, over Gaussian noise: a bearing defect's signature. */
export function impactTrain(spec: ImpactTrain): Float64Array {
  const { fs, seconds, rateHz, impactG, resonanceHz, decayS = 0.0008, jitter = 0.01, modulation, noiseG = 0, seed } = spec;
  const out = gaussian(seed, Math.round(fs * seconds), noiseG);
  const random = prng(seed + 1);
  const ring = Math.ceil(8 * decayS * fs);
  for (let t = random() / rateHz; t < seconds; t += (1 + jitter * (2 * random() - 1)) / rateHz) {
    const amp = impactG * (modulation ? 1 + modulation.depth * Math.cos(2 * Math.PI * modulation.freqHz * t) : 1);
    const first = Math.ceil(t * fs);
    for (let i = first; i < Math.min(out.length, first + ring); i++) {
      const dt = i / fs - t;
      out[i]! += amp * Math.exp(-dt / decayS) * Math.sin(2 * Math.PI * resonanceHz * dt);
    }
  }
  return out;
}
