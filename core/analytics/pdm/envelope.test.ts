/** Envelope analysis: an AM carrier's modulation recovered, spectral kurtosis, the band search. */
import { describe, expect, it } from 'vitest';
import { candidateBands, envelopeOf, envelopeSpectrum, givenEnvelopeBand, recordSpectrum, selectEnvelopeBand, spectralKurtosis } from './envelope.js';
import { PdmInputError } from './errors.js';
import { strongestIn } from './peaks.js';
import { amplitudeSpectrum } from './spectrum.js';
import { amCarrier, gaussian, impactTrain, tone } from './testing/signals.js';

const FS = 25_600;

describe('envelope', () => {
  it('of an amplitude-modulated carrier: the envelope spectrum has a line at the modulation frequency, of the modulation depth', () => {
    // (1 + 0.4 cos 2π·87t)·cos 2π·3000t: the envelope is 1 + 0.4 cos 2π·87t.
    const record = recordSpectrum(amCarrier(FS, 1, 3000, 87, 0.4), FS);
    const envelope = envelopeOf(record, { loHz: 2000, hiHz: 4000 });
    const mean = envelope.samples.reduce((a, b) => a + b, 0) / envelope.samples.length;
    expect(mean).toBeCloseTo(1, 2);
    const es = envelopeSpectrum(envelope);
    const view = { amplitude: amplitudeSpectrum(es), binHz: es.binHz };
    const peak = strongestIn(view, 5, 1000)!;
    expect(Math.abs(peak.frequencyHz - 87)).toBeLessThan(es.binHz / 2);
    expect(peak.amplitude).toBeGreaterThan(0.4 * 0.84); // within the Hann window's scalloping
    expect(peak.amplitude).toBeLessThan(0.41);
    expect(peak.ratioDb).toBeGreaterThan(40);
  });

  it('spectral kurtosis: ≈ 0 for Gaussian noise, ≈ −1 for a steady tone, large for ringing impacts', () => {
    const noise = recordSpectrum(gaussian(3, FS), FS);
    expect(Math.abs(spectralKurtosis(noise, 2000, 6000))).toBeLessThan(0.1);
    const sine = recordSpectrum(tone(FS, 1, 4000, 1), FS);
    expect(spectralKurtosis(sine, 3000, 5000)).toBeCloseTo(-1, 1);
    const impacts = recordSpectrum(impactTrain({ fs: FS, seconds: 1, rateHz: 100, impactG: 1, resonanceHz: 5000, noiseG: 0.05, seed: 4 }), FS);
    expect(spectralKurtosis(impacts, 4000, 6000)).toBeGreaterThan(3);
  });

  it('the band search finds the resonance the impacts ring', () => {
    const x = impactTrain({ fs: FS, seconds: 1, rateHz: 107, impactG: 0.5, resonanceHz: 8000, noiseG: 0.1, seed: 5 });
    // A strong steady tone elsewhere (gear mesh) must not attract the band.
    const mixed = x.map((v, i) => v + 0.8 * Math.sin((2 * Math.PI * 3500 * i) / FS));
    const band = selectEnvelopeBand(recordSpectrum(mixed, FS), 650);
    expect(band.chosenBy).toBe('spectral-kurtosis');
    expect(band.loHz).toBeLessThan(8000);
    expect(band.hiHz).toBeGreaterThan(8000);
    expect(band.spectralKurtosis).toBeGreaterThan(1);
  });

  it('candidate bands: widths fs/6 … fs/16 at least the minimum, stepped by half a width, within 10–90 % of Nyquist', () => {
    const bands = candidateBands(12_000, 650);
    expect(new Set(bands.map(([lo, hi]) => hi - lo))).toEqual(new Set([2000, 1500, 1000, 750]));
    expect(Math.min(...bands.map(([lo]) => lo))).toBe(600);
    expect(Math.max(...bands.map(([, hi]) => hi))).toBeLessThanOrEqual(5400);
    expect(candidateBands(12_000, 1200).every(([lo, hi]) => hi - lo >= 1200)).toBe(true);
  });

  it('a given band must lie inside the record', () => {
    const record = recordSpectrum(gaussian(1, 4096), FS);
    expect(givenEnvelopeBand(record, [2000, 4000]).chosenBy).toBe('given');
    expect(() => givenEnvelopeBand(record, [5000, 20_000])).toThrow(PdmInputError);
    expect(() => givenEnvelopeBand(record, [4000, 2000])).toThrow('expected 0 ≤ low < high ≤ 12800 Hz');
  });
});
