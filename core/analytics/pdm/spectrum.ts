/**
 * Spectra of one waveform by Welch's method: Hann-windowed segments with 50 % overlap,
 * the power |X[k]|² averaged over the segments (averaging lowers the variance of each line,
 * which keeps the noise floor smooth enough to tell a real peak from a random one).
 *
 * Segment length: at most `maxSeconds` of data (1 s by default, ~1 Hz resolution) and at
 * most half the record, so that there are at least three averages. Segments need not be a
 * power of two (a 1 s record at 25.6 kHz is 25,600 samples): each windowed segment is
 * zero-padded to the next power of two for the FFT, which only interpolates the lines;
 * the resolution is set by the segment length.
 *
 * Scaling (one-sided, a Hann window's coherent gain Σw and power gain Σw² corrected):
 *   amplitude (peak): A[k] = 2·√P[k] / Σw      a sine of amplitude a shows a line of height a
 *   PSD:            S[k] = 2·P[k] / (fs·Σw²)   Σ S·Δf over a band is the band's mean square
 * Acceleration spectra here are in g peak (the amplitude of the sine each line stands
 * for). Velocity comes from acceleration by integration in the frequency domain, dividing
 * by 2πf:
 *   v(f) = a(f) · 9806.65 / (2πf)   (g → mm/s²: 9806.65)
 * and velocity spectra are shown in mm/s RMS (÷ √2), the quantity ISO 10816 rates. The
 * broadband RMS velocity of a band is √(Σ S_a[k]·Δf·(9806.65 / 2πf_k)²) over its lines:
 * Parseval on the PSD, so leakage from the window is counted, not lost.
 */
import type { DisplaySpectrum } from '../../contract/pdm.js';
import { PdmInputError } from './errors.js';
import { nextPowerOfTwo, realFft } from './fft.js';

export type { DisplaySpectrum };

/** Standard gravity in mm/s² per g (ISO 80000-3). */
export const MM_S2_PER_G = 9806.65;

export interface PowerSpectrum {
  sampleRateHz: number;
  /** Samples per segment (the resolution is fs / segmentLength). */
  segmentLength: number;
  /** FFT points per segment (segmentLength zero-padded to a power of two). */
  fftSize: number;
  segments: number;
  /** Line spacing, Hz: fs / fftSize. */
  binHz: number;
  /** Mean |X[k]|² over the segments, k = 0 … fftSize/2. */
  power: Float64Array;
  windowSum: number;
  windowSumSquares: number;
}

const hannCache = new Map<number, Float64Array>();

/** The periodic ("DFT-even") Hann window of `length` points. */
export function hann(length: number): Float64Array {
  let w = hannCache.get(length);
  if (!w) {
    w = new Float64Array(length);
    for (let i = 0; i < length; i++) w[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / length);
    hannCache.set(length, w);
  }
  return w;
}

/** The default segment length: at most `maxSeconds` of data and at most half the record (≥ 3 averages). */
export function welchSegmentLength(samples: number, sampleRateHz: number, maxSeconds = 1): number {
  const length = Math.min(Math.round(maxSeconds * sampleRateHz), Math.floor(samples / 2));
  return Math.max(Math.min(64, samples), length);
}

/** Welch's averaged power spectrum; each segment has its own mean removed. */
export function welch(samples: ArrayLike<number>, sampleRateHz: number, segmentLength = welchSegmentLength(samples.length, sampleRateHz)): PowerSpectrum {
  const n = samples.length;
  if (!(segmentLength >= 4 && segmentLength <= n)) throw new PdmInputError(`a Welch segment of ${segmentLength} samples in a record of ${n}: expected 4 … ${n}`);
  const fftSize = nextPowerOfTwo(segmentLength);
  const window = hann(segmentLength);
  const hop = Math.max(1, Math.floor(segmentLength / 2));
  const segments = Math.floor((n - segmentLength) / hop) + 1;
  const bins = fftSize / 2 + 1;
  const power = new Float64Array(bins);
  const frame = new Float64Array(fftSize);
  for (let s = 0; s < segments; s++) {
    const start = s * hop;
    let mean = 0;
    for (let i = 0; i < segmentLength; i++) mean += samples[start + i]!;
    mean /= segmentLength;
    for (let i = 0; i < segmentLength; i++) frame[i] = (samples[start + i]! - mean) * window[i]!;
    const spectrum = realFft(frame, fftSize);
    for (let k = 0; k < bins; k++) {
      const re = spectrum[2 * k]!;
      const im = spectrum[2 * k + 1]!;
      power[k]! += re * re + im * im;
    }
  }
  let windowSum = 0;
  let windowSumSquares = 0;
  for (let i = 0; i < segmentLength; i++) {
    windowSum += window[i]!;
    windowSumSquares += window[i]! * window[i]!;
  }
  for (let k = 0; k < bins; k++) power[k]! /= segments;
  return { sampleRateHz, segmentLength, fftSize, segments, binHz: sampleRateHz / fftSize, power, windowSum, windowSumSquares };
}

/** Peak amplitude per line, in the unit of the samples. */
export function amplitudeSpectrum(ps: PowerSpectrum): Float64Array {
  const last = ps.power.length - 1;
  const out = new Float64Array(ps.power.length);
  for (let k = 0; k <= last; k++) out[k] = ((k === 0 || k === last ? 1 : 2) * Math.sqrt(ps.power[k]!)) / ps.windowSum;
  return out;
}

/** One-sided power spectral density, unit²/Hz. */
export function powerSpectralDensity(ps: PowerSpectrum): Float64Array {
  const last = ps.power.length - 1;
  const out = new Float64Array(ps.power.length);
  const scale = 1 / (ps.sampleRateHz * ps.windowSumSquares);
  for (let k = 0; k <= last; k++) out[k] = (k === 0 || k === last ? 1 : 2) * ps.power[k]! * scale;
  return out;
}

/** The lines [first, last] whose frequencies lie in [loHz, hiHz]. */
export function bandLines(ps: Pick<PowerSpectrum, 'binHz' | 'power'>, loHz: number, hiHz: number): { first: number; last: number } {
  return { first: Math.max(1, Math.ceil(loHz / ps.binHz)), last: Math.min(ps.power.length - 1, Math.floor(hiHz / ps.binHz)) };
}

/**
 * Broadband RMS velocity (mm/s) in [loHz, hiHz] of an acceleration spectrum in g:
 * integration in the frequency domain (each line divided by 2πf), then Parseval.
 */
export function velocityRmsFromAcceleration(ps: PowerSpectrum, loHz: number, hiHz: number): number {
  const psd = powerSpectralDensity(ps);
  const { first, last } = bandLines(ps, loHz, hiHz);
  let sum = 0;
  for (let k = first; k <= last; k++) {
    const gain = MM_S2_PER_G / (2 * Math.PI * k * ps.binHz);
    sum += psd[k]! * gain * gain;
  }
  return Math.sqrt(sum * ps.binHz);
}

/** RMS in [loHz, hiHz] of a spectrum, in the unit of its samples (for a velocity record: mm/s). */
export function bandRms(ps: PowerSpectrum, loHz: number, hiHz: number): number {
  const psd = powerSpectralDensity(ps);
  const { first, last } = bandLines(ps, loHz, hiHz);
  let sum = 0;
  for (let k = first; k <= last; k++) sum += psd[k]!;
  return Math.sqrt(sum * ps.binHz);
}

/**
 * Reduces the lines in [minHz, maxHz] to at most `maxLines` (2048) for display by max-hold: each displayed line is
 * the largest of its group of lines, at that line's frequency, so no peak is lost or moved.
 */
export function displaySpectrum(amplitude: ArrayLike<number>, binHz: number, maxHz: number, options: { minHz?: number; maxLines?: number } = {}): DisplaySpectrum {
  const first = Math.max(0, Math.ceil((options.minHz ?? 0) / binHz));
  const end = Math.min(amplitude.length, Math.floor(maxHz / binHz) + 1);
  const count = Math.max(0, end - first);
  const group = Math.max(1, Math.ceil(count / (options.maxLines ?? 2048)));
  const frequencyHz: number[] = [];
  const values: number[] = [];
  for (let start = first; start < end; start += group) {
    let best = start;
    for (let k = start + 1; k < Math.min(end, start + group); k++) if (amplitude[k]! > amplitude[best]!) best = k;
    frequencyHz.push(best * binHz);
    values.push(amplitude[best]!);
  }
  return { frequencyHz, amplitude: values, binHz, lines: count };
}

/** Velocity lines, mm/s RMS, from acceleration lines in g peak: ÷ 2πf, × 9806.65, ÷ √2. Lines below `minHz` are 0. */
export function velocityLinesFromAcceleration(accelerationPeakG: ArrayLike<number>, binHz: number, minHz: number): Float64Array {
  const out = new Float64Array(accelerationPeakG.length);
  for (let k = Math.max(1, Math.ceil(minHz / binHz)); k < out.length; k++) out[k] = (accelerationPeakG[k]! * MM_S2_PER_G) / (2 * Math.PI * k * binHz) / Math.SQRT2;
  return out;
}

/** Acceleration lines, g peak, from velocity lines in mm/s peak: × 2πf ÷ 9806.65. */
export function accelerationLinesFromVelocity(velocityPeakMmS: ArrayLike<number>, binHz: number): Float64Array {
  const out = new Float64Array(velocityPeakMmS.length);
  for (let k = 1; k < out.length; k++) out[k] = (velocityPeakMmS[k]! * 2 * Math.PI * k * binHz) / MM_S2_PER_G;
  return out;
}
