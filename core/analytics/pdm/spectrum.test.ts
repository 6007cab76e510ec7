/** Welch spectra: amplitude scaling, Parseval, integration to velocity, segment choice, display reduction. */
import { describe, expect, it } from 'vitest';
import {
  amplitudeSpectrum,
  bandRms,
  displaySpectrum,
  MM_S2_PER_G,
  velocityLinesFromAcceleration,
  velocityRmsFromAcceleration,
  welch,
  welchSegmentLength,
} from './spectrum.js';
import { gaussian, tone } from './testing/signals.js';

const FS = 25_600;

/** Velocity amplitude (mm/s peak) of a tone of `g` g peak at `f` Hz. */
const velocityPeak = (g: number, f: number) => (g * MM_S2_PER_G) / (2 * Math.PI * f);

describe('welch', () => {
  it('1 s at 25.6 kHz: segments of half the record (12,800 samples) zero-padded to 16,384, three averages', () => {
    const ps = welch(tone(FS, 1, 100, 1), FS);
    expect([ps.segmentLength, ps.fftSize, ps.segments]).toEqual([12_800, 16_384, 3]);
    expect(ps.binHz).toBeCloseTo(1.5625, 12);
    // 10 s at 12 kHz: 1 s segments, 19 averages.
    expect(welchSegmentLength(120_000, 12_000)).toBe(12_000);
  });

  it('a tone on a line shows its amplitude (g peak); off a line the Hann window reads at most 1.42 dB low', () => {
    const on = amplitudeSpectrum(welch(tone(FS, 1, 250, 0.8), FS)); // 250 Hz = line 160
    expect(on[160]).toBeCloseTo(0.8, 6);
    const off = amplitudeSpectrum(welch(tone(FS, 1, 250.78, 0.8), FS)); // half a line off
    const top = Math.max(...off.slice(150, 170));
    expect(top).toBeGreaterThan(0.8 * 10 ** (-1.43 / 20));
    expect(top).toBeLessThan(0.8);
  });

  it("Parseval: the band RMS over the whole spectrum is the signal's RMS", () => {
    const noise = gaussian(7, FS, 0.3);
    const ps = welch(noise, FS);
    expect(bandRms(ps, 0, FS / 2) / 0.3).toBeGreaterThan(0.97);
    expect(bandRms(ps, 0, FS / 2) / 0.3).toBeLessThan(1.03);
  });
});

describe('integration to velocity', () => {
  it.each([
    [100, 1], // on a line
    [159.2, 0.5], // off a line
    [29.7, 0.05], // 1× of a 1780 rpm motor
    [800, 2],
  ])('a %s Hz tone of %s g: velocity amplitude a·9806.65/(2πf) mm/s, RMS that / √2', (f, g) => {
    const ps = welch(tone(FS, 1, f, g), FS);
    const rms = velocityRmsFromAcceleration(ps, 10, 1000);
    expect(rms / (velocityPeak(g, f) / Math.SQRT2)).toBeCloseTo(1, 2);
  });

  it('the velocity lines: a 100 Hz, 1 g tone reads 15.61 mm/s peak = 11.04 mm/s RMS at its line', () => {
    const ps = welch(tone(FS, 1, 100, 1), FS);
    const v = velocityLinesFromAcceleration(amplitudeSpectrum(ps), ps.binHz, 10);
    expect(velocityPeak(1, 100)).toBeCloseTo(15.608, 3);
    expect(v[64]).toBeCloseTo(velocityPeak(1, 100) / Math.SQRT2, 4); // 100 Hz = line 64
    expect(v[5]).toBe(0); // below 10 Hz: outside the band, not integrated
  });

  it('tones outside 10–1000 Hz do not count', () => {
    const x = tone(FS, 1, 3, 0.01).map((v, i) => v + 0.5 * Math.sin((2 * Math.PI * 2000 * i) / FS));
    expect(velocityRmsFromAcceleration(welch(x, FS), 10, 1000)).toBeLessThan(0.05);
  });
});

describe('displaySpectrum', () => {
  it('reduces to at most 2048 lines by max-hold, keeping every peak at its frequency', () => {
    const lines = new Float64Array(8193);
    lines[1234] = 5;
    const d = displaySpectrum(lines, 0.5, 4096);
    expect(d.frequencyHz.length).toBeLessThanOrEqual(2048);
    expect(d.lines).toBe(8193);
    expect(d.amplitude).toContain(5);
    expect(d.frequencyHz[d.amplitude.indexOf(5)]).toBe(617);
    expect(Array.isArray(d.frequencyHz) && Array.isArray(d.amplitude)).toBe(true);
  });

  it('keeps a short spectrum whole, from minHz', () => {
    const d = displaySpectrum([0, 1, 2, 3, 4, 5], 10, 40, { minHz: 10 });
    expect(d.frequencyHz).toEqual([10, 20, 30, 40]);
    expect(d.amplitude).toEqual([1, 2, 3, 4]);
  });
});
