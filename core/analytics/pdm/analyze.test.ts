/** analyzeSnapshot as a whole: units in, plain data out, the ISO zone of a known velocity, refusals. */
import { describe, expect, it } from 'vitest';
import { analyzeSnapshot, type SnapshotInput } from './analyze.js';
import { PdmInputError } from './errors.js';
import { MM_S2_PER_G } from './spectrum.js';
import { gaussian, impactTrain, tone } from './testing/signals.js';

const FS = 25_600;
const bearing = { model: 'SKF 6205', balls: 9, ballDiameterMm: 7.94, pitchDiameterMm: 39.04, contactAngleDeg: 0 };

/** 1× at 29.67 Hz of `v` mm/s RMS, as acceleration in g, over a little noise. */
function motor(vMmS: number, seed = 1): Float64Array {
  const fr = 1780 / 60;
  const g = (vMmS * Math.SQRT2 * 2 * Math.PI * fr) / MM_S2_PER_G;
  const x = gaussian(seed, FS, 0.01);
  for (let i = 0; i < x.length; i++) x[i]! += g * Math.sin((2 * Math.PI * fr * i) / FS);
  return x;
}

const base = (samples: SnapshotInput['samples']): SnapshotInput => ({ samples, sampleRateHz: FS, unit: 'g', shaftRpm: 1780, bearing });

describe('analyzeSnapshot', () => {
  it('a motor at 3.2 mm/s RMS is in zone C of group 2 rigid; 2.9 mm/s on a flexible foundation is B', () => {
    const r = analyzeSnapshot(base(motor(3.2)));
    expect(r.velocity.rmsMmS).toBeCloseTo(3.2, 1);
    expect(r.iso).toMatchObject({ zone: 'C', group: 2, foundation: 'rigid', assumed: true });
    const flexible = analyzeSnapshot({ ...base(motor(2.9)), machineGroup: 2, foundation: 'flexible' });
    expect(flexible.iso).toMatchObject({ zone: 'B', assumed: false, boundaries: { ab: 2.3, bc: 4.5, cd: 7.1 } });
  });

  it('the same signal in m/s² or as velocity in mm/s gives the same velocity and features', () => {
    const g = motor(2);
    const inG = analyzeSnapshot(base(g));
    const inSi = analyzeSnapshot({ ...base(g.map((v) => v * 9.80665)), unit: 'm/s²' });
    expect(inSi.velocity.rmsMmS).toBeCloseTo(inG.velocity.rmsMmS, 9);
    expect(inSi.features.kurtosis).toBeCloseTo(inG.features.kurtosis, 9);
    // A velocity sensor: 2 mm/s RMS at 1× read directly; the acceleration is its derivative.
    const fr = 1780 / 60;
    const velocity = tone(FS, 1, fr, 2 * Math.SQRT2);
    const fromVelocity = analyzeSnapshot({ ...base(velocity), unit: 'mm/s' });
    expect(fromVelocity.velocity.rmsMmS).toBeCloseTo(2, 2);
    expect(fromVelocity.features.rms).toBeCloseTo((2 * 2 * Math.PI * fr) / MM_S2_PER_G, 4);
  });

  it('returns plain data: number[] spectra of at most 2048 lines, and it survives JSON unchanged', () => {
    const r = analyzeSnapshot(base(impactTrain({ fs: FS, seconds: 1, rateHz: 105, impactG: 0.3, resonanceHz: 3000, noiseG: 0.05, seed: 2 })));
    for (const s of [r.spectrum, r.velocitySpectrum, r.envelope.spectrum]) {
      expect(Array.isArray(s.frequencyHz) && Array.isArray(s.amplitude)).toBe(true);
      expect(s.frequencyHz.length).toBeLessThanOrEqual(2048);
      expect(s.frequencyHz.length).toBe(s.amplitude.length);
    }
    expect(r.spectrum).toMatchObject({ unit: 'g', scaling: 'peak', segmentLength: 12_800, segments: 3 });
    expect(r.spectrum.frequencyHz.at(-1)).toBeGreaterThan(FS / 2 - 10); // max-hold: the top group reads at its highest line
    expect(r.velocitySpectrum.frequencyHz[0]).toBeGreaterThanOrEqual(10);
    expect(r.velocitySpectrum.frequencyHz.at(-1)).toBeLessThanOrEqual(1000);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('with a given envelope band, that band is used', () => {
    const r = analyzeSnapshot({ ...base(motor(1)), envelopeBandHz: [2000, 4000] });
    expect(r.envelope.band).toMatchObject({ loHz: 2000, hiHz: 4000, chosenBy: 'given' });
  });

  it('without a bearing: no defect frequencies, no diagnosis, peaks matched to shaft harmonics only', () => {
    const { bearing: _, ...noBearing } = base(motor(1));
    const r = analyzeSnapshot(noBearing);
    expect(r.bearing).toBeNull();
    expect(r.defectFrequencies).toBeNull();
    expect(r.diagnosis).toMatchObject({ status: 'no-bearing', defect: null, evidence: [] });
    for (const p of r.peaks) expect(p.match === null || p.match.family === 'shaft').toBe(true);
  });

  it('refuses what it cannot analyse, saying what was wrong and what it expected', () => {
    const ok = motor(1);
    expect(() => analyzeSnapshot(base(ok.subarray(0, 100)))).toThrow('100 samples: a snapshot needs at least 1024');
    expect(() => analyzeSnapshot({ ...base(ok), sampleRateHz: 0 })).toThrow('sample rate 0 Hz');
    expect(() => analyzeSnapshot({ ...base(ok), shaftRpm: -5 })).toThrow('shaft speed -5 rpm');
    const bad = Float64Array.from(ok);
    bad[77] = Number.NaN;
    expect(() => analyzeSnapshot(base(bad))).toThrow('sample 77 is NaN: expected a finite number');
    expect(() => analyzeSnapshot({ ...base(ok), unit: 'in/s' as never })).toThrow(PdmInputError);
    expect(() => analyzeSnapshot({ ...base(ok), bearing: { ...bearing, balls: 0 } })).toThrow('balls is 0');
  });
});
