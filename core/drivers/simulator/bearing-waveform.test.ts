/**
 * The vibration snapshot: envelope analysis finds the defect frequency of a faulty bearing
 * (and not of a healthy one), the shaft components have realistic amplitudes, and the
 * waveform's RMS velocity agrees with the published vibration_rms. A DFT at a handful of
 * frequencies stands in for an FFT.
 */
import { describe, expect, it } from 'vitest';
import type { Waveform } from '../../contract/index.js';
import { bearingFrequencies, defectCondition } from './bearing.js';
import { generateWaveform, type DefectKind } from './bearing-waveform.js';
import { Random } from './random.js';
import { SimulatedLine, TICK_MS } from './simulated-line.js';
import { demoSettings, demoTags } from './testing/demo.js';

const bearing = { model: 'SKF 6205', balls: 9, ballDiameterMm: 7.94, pitchDiameterMm: 39.04, contactAngleDeg: 0 };
const RPM = 1786;
const FR = RPM / 60;
const freq = bearingFrequencies(bearing, FR);
const G = 9.80665;

function snapshot(kind: DefectKind | undefined, life: number, seed = 11): Waveform {
  const condition = defectCondition(life, 1.15);
  return generateWaveform({ shaftRpm: RPM, healthyMmS: 1.15, vibrationFactor: 1, bearing, defects: kind ? [{ kind, condition }] : [] }, new Random(seed));
}

/** Single-bin DFT amplitude of `x` (sampled at `fs`) at `f`. */
function amplitudeAt(x: ArrayLike<number>, fs: number, f: number): number {
  let re = 0;
  let im = 0;
  for (let i = 0; i < x.length; i++) {
    const a = (2 * Math.PI * f * i) / fs;
    re += x[i]! * Math.cos(a);
    im -= x[i]! * Math.sin(a);
  }
  return (2 * Math.hypot(re, im)) / x.length;
}

/** The envelope: rectified and block-averaged (a crude low-pass), mean removed. */
function envelope(w: Waveform, block = 16): { x: Float64Array; fs: number } {
  const n = Math.floor(w.samples.length / block);
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < block; j++) sum += Math.abs(w.samples[i * block + j]!);
    x[i] = sum / block;
  }
  const mean = x.reduce((a, b) => a + b, 0) / n;
  for (let i = 0; i < n; i++) x[i]! -= mean;
  return { x, fs: w.sampleRateHz / block };
}

/** Envelope amplitude at `f` (best of three bins: slip smears the line a little). */
function envelopeAt(w: Waveform, f: number): number {
  const env = envelope(w);
  return Math.max(...[-0.5, 0, 0.5].map((d) => amplitudeAt(env.x, env.fs, f + d)));
}

/** Largest envelope amplitude at frequencies near `f` that are neither it nor shaft harmonics. */
function neighbours(w: Waveform, f: number): number {
  const env = envelope(w);
  return Math.max(...[0.8, 0.87, 0.93, 1.07, 1.13, 1.21].map((k) => amplitudeAt(env.x, env.fs, f * k)));
}

/** RMS velocity 10–1000 Hz, mm/s, from 1 Hz DFT bins (as a vibration transmitter would measure). */
function velocityRms(w: Waveform): number {
  const x = w.samples;
  let power = 0;
  for (let f = 10; f <= 1000; f++) {
    const wStep = (2 * Math.PI * f) / w.sampleRateHz;
    const cw = Math.cos(wStep);
    const sw = Math.sin(wStep);
    let c = 1;
    let s = 0;
    let re = 0;
    let im = 0;
    for (let i = 0; i < x.length; i++) {
      re += x[i]! * c;
      im -= x[i]! * s;
      const nc = c * cw - s * sw;
      s = c * sw + s * cw;
      c = nc;
    }
    const v = (((2 * Math.hypot(re, im)) / x.length) * G * 1000) / (2 * Math.PI * f);
    power += (v * v) / 2;
  }
  return Math.sqrt(power);
}

describe('bearing waveform', () => {
  it('is 1 s at 25.6 kHz in g, with ~0.03 g at 1× and a little 2×', () => {
    const w = snapshot(undefined, 0);
    expect(w).toMatchObject({ sampleRateHz: 25_600, unit: 'g', shaftRpm: RPM });
    expect(w.samples).toBeInstanceOf(Float32Array);
    expect(w.samples.length).toBe(25_600);
    const one = amplitudeAt(w.samples, 25_600, FR);
    const two = amplitudeAt(w.samples, 25_600, 2 * FR);
    expect(one).toBeGreaterThan(0.025);
    expect(one).toBeLessThan(0.05);
    expect(two).toBeGreaterThan(0.005);
    expect(two).toBeLessThan(one / 1.5);
  });

  it('outer race, early: the envelope shows BPFO far above neighbouring frequencies; velocity is unchanged', () => {
    const faulty = snapshot('outer-race', 0.2);
    const healthy = snapshot(undefined, 0);
    const atBpfo = envelopeAt(faulty, freq.bpfo);
    expect(atBpfo).toBeGreaterThan(6 * neighbours(faulty, freq.bpfo));
    expect(envelopeAt(faulty, 2 * freq.bpfo)).toBeGreaterThan(2 * neighbours(faulty, 2 * freq.bpfo));
    expect(envelopeAt(healthy, freq.bpfo)).toBeLessThan(2 * neighbours(healthy, freq.bpfo));
    expect(envelopeAt(healthy, freq.bpfo)).toBeLessThan(atBpfo / 10);
    expect(Math.abs(velocityRms(faulty) - velocityRms(healthy))).toBeLessThan(0.1);
  });

  it('rings a structural resonance near 3 kHz that dies out within a few ms', () => {
    const faulty = snapshot('outer-race', 0.3);
    const resonance = Math.max(...[2950, 3000, 3050, 3100].map((f) => amplitudeAt(faulty.samples, 25_600, f)));
    const elsewhere = Math.max(...[1500, 6000, 9000].map((f) => amplitudeAt(faulty.samples, 25_600, f)));
    expect(resonance).toBeGreaterThan(4 * elsewhere);
    // The biggest impact has died out 4 ms later (the next one comes ~9.3 ms after it).
    const x = Array.from(faulty.samples, Math.abs);
    const peak = Math.max(...x.slice(0, 25_000));
    const peakAt = x.indexOf(peak);
    const ms = (t: number) => peakAt + Math.round(t * 25.6);
    const later = Math.max(...x.slice(ms(4), ms(5)));
    expect(ms(5)).toBeLessThan(x.length);
    expect(peak).toBeGreaterThan(0.3);
    expect(later).toBeLessThan(peak / 4);
  });

  it('inner race: BPFI in the envelope with shaft-rate sidebands (load-zone modulation)', () => {
    const w = snapshot('inner-race', 0.25);
    const bpfi = envelopeAt(w, freq.bpfi);
    expect(bpfi).toBeGreaterThan(4 * neighbours(w, freq.bpfi));
    const sideband = Math.max(envelopeAt(w, freq.bpfi - FR), envelopeAt(w, freq.bpfi + FR));
    const between = Math.max(...[freq.bpfi - 0.5 * FR, freq.bpfi + 0.5 * FR].map((f) => envelopeAt(w, f)));
    expect(sideband).toBeGreaterThan(2 * between);
    expect(envelopeAt(w, FR)).toBeGreaterThan(2 * envelopeAt(w, 0.5 * FR));
  });

  it('has an RMS velocity that matches the published vibration level as the defect grows', () => {
    for (const life of [0, 0.75, 0.95]) {
      const w = snapshot('outer-race', life);
      const expected = defectCondition(life, 1.15).velocityMmS;
      const measured = velocityRms(w);
      expect(Math.abs(measured - expected) / expected, `life ${life}`).toBeLessThan(0.1);
    }
  });

  it('is published by the line with the shaft speed at capture, and shows a fresh defect in the envelope', () => {
    const settings = demoSettings({ calendar: false, injectedFaults: [{ kind: 'bearing', machine: 'motor', defect: 'outer-race', startAfterH: 0, growthDays: 0.02 }] });
    const tags = demoTags().filter((t) => t.address === 'motor.vibration_waveform');
    const line = new SimulatedLine(settings, Date.UTC(2026, 10, 2, 6), tags);
    const waveforms: Waveform[] = [];
    for (let i = 0; i < (6 * 60_000) / TICK_MS; i++) for (const s of line.step()) waveforms.push(s.value as Waveform);
    expect(waveforms.length).toBe(2); // soon after start, then 5 min later
    const w = waveforms[1]!;
    const bpfo = bearingFrequencies(bearing, w.shaftRpm! / 60).bpfo;
    expect(envelopeAt(w, bpfo)).toBeGreaterThan(5 * neighbours(w, bpfo));
  });
});
