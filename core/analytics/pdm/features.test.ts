/** Waveform features against closed-form signals: a sine, Gaussian noise, an offset. */
import { describe, expect, it } from 'vitest';
import { PdmInputError } from './errors.js';
import { waveformFeatures } from './features.js';
import { gaussian, tone } from './testing/signals.js';

describe('waveformFeatures', () => {
  it('a sine of amplitude A: RMS A/√2, peak A, peak-to-peak 2A, crest √2, kurtosis 1.5, skewness 0', () => {
    // 50 Hz at 25.6 kHz over 1 s: 50 whole periods, 512 samples each, the crests on samples.
    const f = waveformFeatures(tone(25_600, 1, 50, 2));
    expect(f.rms).toBeCloseTo(2 / Math.SQRT2, 12);
    expect(f.peak).toBeCloseTo(2, 12);
    expect(f.peakToPeak).toBeCloseTo(4, 12);
    expect(f.crestFactor).toBeCloseTo(Math.SQRT2, 12);
    expect(f.kurtosis).toBeCloseTo(1.5, 10);
    expect(f.skewness).toBeCloseTo(0, 10);
    expect(f.mean).toBeCloseTo(0, 12);
  });

  it('Gaussian noise (seeded): kurtosis ≈ 3, skewness ≈ 0, RMS ≈ σ', () => {
    const f = waveformFeatures(gaussian(20261122, 200_000, 0.5));
    expect(f.kurtosis).toBeGreaterThan(2.95);
    expect(f.kurtosis).toBeLessThan(3.05);
    expect(Math.abs(f.skewness)).toBeLessThan(0.02);
    expect(f.rms).toBeCloseTo(0.5, 2);
    expect(f.crestFactor).toBeGreaterThan(3.5); // the largest of 200,000 normal draws is 4–5 σ
  });

  it('features are taken about the mean: a DC offset changes the mean only', () => {
    const x = tone(25_600, 1, 50, 1);
    const shifted = x.map((v) => v + 5);
    const a = waveformFeatures(x);
    const b = waveformFeatures(shifted);
    expect(b.mean).toBeCloseTo(5, 12);
    for (const key of ['rms', 'peak', 'peakToPeak', 'crestFactor', 'kurtosis'] as const) expect(b[key]).toBeCloseTo(a[key], 9);
  });

  it('skewness has the sign of the longer tail; a flat signal gives zeros; one sample is refused', () => {
    const positive = Float64Array.from({ length: 1000 }, (_, i) => (i % 10 === 0 ? 9 : 0));
    expect(waveformFeatures(positive).skewness).toBeGreaterThan(2);
    expect(waveformFeatures([3, 3, 3])).toMatchObject({ rms: 0, crestFactor: 0, kurtosis: 0, skewness: 0 });
    expect(() => waveformFeatures([1])).toThrow(PdmInputError);
  });
});
