/** Bearing diagnosis on synthetic defect signals, false alarms on noise, and what each envelope peak is called. */
import { describe, expect, it } from 'vitest';
import { analyzeSnapshot } from './analyze.js';
import { defectFrequencies, type BearingGeometry } from './bearing.js';
import { matchPeak } from './peak-match.js';
import { gaussian, impactTrain } from './testing/signals.js';

const FS = 25_600;
const RPM = 1780;
const skf6205: BearingGeometry = { model: 'SKF 6205', balls: 9, ballDiameterMm: 7.94, pitchDiameterMm: 39.04, contactAngleDeg: 0 };
const f = defectFrequencies(skf6205, RPM);

/** A 1 s snapshot: 1× shaft at 0.05 g, impacts (if any) ringing 3 kHz, 0.05 g noise. */
function snapshot(seed: number, impacts?: { rateHz: number; modulation?: { freqHz: number; depth: number } }): Float64Array {
  const x = impacts
    ? impactTrain({ fs: FS, seconds: 1, rateHz: impacts.rateHz * 0.99, impactG: 0.4, resonanceHz: 3000, noiseG: 0.05, seed, ...(impacts.modulation ? { modulation: impacts.modulation } : {}) })
    : gaussian(seed, FS, 0.05);
  for (let i = 0; i < x.length; i++) x[i]! += 0.05 * Math.sin((2 * Math.PI * f.shaftHz * i) / FS);
  return x;
}

const analyze = (samples: Float64Array) => analyzeSnapshot({ samples, sampleRateHz: FS, unit: 'g', shaftRpm: RPM, bearing: skf6205 });

describe('bearing diagnosis', () => {
  it('impacts at BPFO (1 % slip): outer-race defect, BPFO and harmonics, no sidebands expected', () => {
    const r = analyze(snapshot(1, { rateHz: f.bpfo }));
    expect(r.diagnosis.status).toBe('defect');
    expect(r.diagnosis.defect).toBe('outer-race');
    expect(r.diagnosis.text).toMatch(/^Outer-race defect: BPFO at 10[56]\.\d Hz \(expected 106\.3 Hz\) stands \d+ dB above the noise floor, with [23] harmonics$/);
    const outer = r.diagnosis.evidence[0]!;
    expect(outer.harmonics.filter((c) => c.standsOut).length).toBeGreaterThanOrEqual(3);
    expect(outer.fundamentalDb).toBeGreaterThan(20);
    expect(r.peaks[0]!.match?.label).toBe('BPFO');
  });

  it('impacts at BPFI, modulated by the shaft turn: inner-race defect with ±1× shaft sidebands', () => {
    const r = analyze(snapshot(2, { rateHz: f.bpfi, modulation: { freqHz: f.shaftHz, depth: 0.6 } }));
    expect(r.diagnosis.defect).toBe('inner-race');
    expect(r.diagnosis.text).toMatch(/^Inner-race defect: BPFI at 15\d\.\d Hz .* ±1× .*shaft sidebands$/);
    const inner = r.diagnosis.evidence[0]!;
    expect(inner.sidebands.some((c) => c.standsOut && Math.abs(c.sideband) === 1)).toBe(true);
  });

  it('impacts at 2 × BSF, modulated by the cage: a ball defect', () => {
    const r = analyze(snapshot(3, { rateHz: 2 * f.bsf, modulation: { freqHz: f.ftf, depth: 0.5 } }));
    expect(r.diagnosis.defect).toBe('ball');
    expect(r.diagnosis.text).toMatch(/^Rolling-element \(ball\) defect: 2×BSF at 13\d\.\d Hz/);
  });

  it('does not cry wolf: 30 snapshots of noise and 1× shaft give no bearing defect', () => {
    for (let seed = 100; seed < 130; seed++) {
      const r = analyze(snapshot(seed));
      expect(r.diagnosis.status, `seed ${seed}: ${r.diagnosis.text}`).toBe('no-defect');
    }
  });

  it('impacts at a frequency of no defect (say 3.1 × shaft) are not named as one', () => {
    const r = analyze(snapshot(4, { rateHz: 3.1 * f.shaftHz / 0.99 }));
    expect(r.diagnosis.status).toBe('no-defect');
    expect(r.diagnosis.text).toMatch(/^No bearing defect: no defect frequency stands out/);
  });
});

describe('matchPeak', () => {
  const at = (hz: number) => matchPeak(hz, f.shaftHz, f, 0.5)?.label ?? null;

  it('names defect frequencies, harmonics, sidebands and shaft harmonics', () => {
    expect(at(f.bpfi * 0.995)).toBe('BPFI');
    expect(at(2 * f.bpfo)).toBe('2×BPFO');
    expect(at(f.bpfi - f.shaftHz)).toBe('BPFI − 1×shaft');
    expect(at(2 * f.bsf + f.ftf)).toBe('2×BSF + 1×cage');
    expect(at(f.shaftHz)).toBe('1×shaft');
    expect(matchPeak(f.bpfi, f.shaftHz, f, 0.5)?.errorPercent).toBeCloseTo(0, 10);
  });

  it('takes the closest: 7× shaft is a shaft harmonic, not 3 × BSF (1 % away)', () => {
    expect(at(7 * f.shaftHz)).toBe('7×shaft');
  });

  it('without a bearing only shaft harmonics; far from everything, null', () => {
    expect(matchPeak(2 * f.shaftHz, f.shaftHz, null, 0.5)?.label).toBe('2×shaft');
    expect(matchPeak(f.bpfi, f.shaftHz, null, 0.5)).toBeNull();
    expect(at(1.5 * f.shaftHz)).toBeNull();
  });
});
