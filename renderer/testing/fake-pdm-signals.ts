/**
 * Made-up vibration for the fake plant's maintenance calls: a 1 s acceleration record at
 * 25.6 kHz (shaft orders and noise; with an outer-race defect, impacts at BPFO ringing a
 * 3.6 kHz resonance), its waveform features computed from it, and a SnapshotAnalysis whose
 * spectra, peaks and diagnosis tell the same story: an envelope spectrum with BPFO and its
 * harmonics standing out over the floor. Seeded, so that every call shows the same thing.
 * Not the core's signal processing (the renderer may not import core/analytics): believable
 * shapes for the screens and tests, nothing more.
 */
import type {
  BearingGeometry,
  DefectEvidence,
  DefectFrequencies,
  EnvelopePeak,
  FamilyName,
  IsoZone,
  PeakMatch,
  SnapshotAnalysis,
  WaveformFeatures,
  WaveformView,
  ZoneBoundaries,
} from '../../core/contract/index.js';
import { MAX_DETAIL_SAMPLES } from '../../core/contract/index.js';
import { mulberry32 } from './fake-story.js';

export const skf6205: BearingGeometry = { model: 'SKF 6205', balls: 9, ballDiameterMm: 7.94, pitchDiameterMm: 39.04, contactAngleDeg: 0 };
export const skf6203: BearingGeometry = { model: 'SKF 6203', balls: 8, ballDiameterMm: 6.746, pitchDiameterMm: 28.499, contactAngleDeg: 0 };

/** ISO 10816-3 group 2, rigid foundation. */
export const group2Rigid: ZoneBoundaries = { ab: 1.4, bc: 2.8, cd: 4.5 };

export const zoneMeaning: Record<IsoZone, string> = {
  A: 'newly commissioned condition',
  B: 'acceptable for unrestricted long-term operation',
  C: 'unsatisfactory for long-term continuous operation; plan a repair',
  D: 'severe enough to cause damage',
};

export function zoneOf(velocity: number, b: ZoneBoundaries): IsoZone {
  return velocity < b.ab ? 'A' : velocity < b.bc ? 'B' : velocity < b.cd ? 'C' : 'D';
}

/** The kinematic defect frequencies (the catalogue formulas, as the core's bearing.ts has them). */
export function defectFrequenciesOf(bearing: BearingGeometry, shaftRpm: number): DefectFrequencies {
  const r = (bearing.ballDiameterMm / bearing.pitchDiameterMm) * Math.cos(((bearing.contactAngleDeg ?? 0) * Math.PI) / 180);
  const n = bearing.balls;
  const fr = shaftRpm / 60;
  return {
    shaftHz: fr,
    bpfo: (n / 2) * (1 - r) * fr,
    bpfi: (n / 2) * (1 + r) * fr,
    bsf: (bearing.pitchDiameterMm / (2 * bearing.ballDiameterMm)) * (1 - r * r) * fr,
    ftf: ((1 - r) / 2) * fr,
  };
}

export interface FakeVibration {
  shaftRpm: number;
  /** An outer-race defect whose impacts come this much off the kinematic BPFO (slip), or none. */
  outerRace: { slip: number; impactG: number } | null;
  seed: number;
}

export const sampleRateHz = 25_600;
const resonanceHz = 3_600;

/** One second of acceleration, g. */
export function fakeRecord(v: FakeVibration): Float64Array {
  const random = mulberry32(v.seed);
  // Box–Muller: normal noise (a healthy machine's kurtosis is about 3).
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const n = sampleRateHz;
  const out = new Float64Array(n);
  const fr = v.shaftRpm / 60;
  for (let i = 0; i < n; i++) {
    const t = i / sampleRateHz;
    out[i] = 0.05 * Math.sin(2 * Math.PI * fr * t) + 0.02 * Math.sin(4 * Math.PI * fr * t + 0.7) + 0.012 * Math.sin(2 * Math.PI * 100 * t) + 0.07 * gauss();
  }
  if (v.outerRace !== null) {
    const bpfo = defectFrequenciesOf(skf6205, v.shaftRpm).bpfo * (1 + v.outerRace.slip);
    const decay = 0.0006;
    for (let at = 0.003; at < 1; at += (1 / bpfo) * (1 + (random() - 0.5) * 0.02)) {
      const amplitude = v.outerRace.impactG * (0.7 + 0.6 * random());
      const first = Math.ceil(at * sampleRateHz);
      for (let i = first; i < Math.min(n, first + Math.round(decay * 8 * sampleRateHz)); i++) {
        const dt = i / sampleRateHz - at;
        out[i]! += amplitude * Math.exp(-dt / decay) * Math.sin(2 * Math.PI * resonanceHz * dt);
      }
    }
  }
  return out;
}

export function featuresOf(x: ArrayLike<number>): WaveformFeatures {
  const n = x.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i]!;
  mean /= n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const d = x[i]! - mean;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
    if (d < lo) lo = d;
    if (d > hi) hi = d;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  const rms = Math.sqrt(m2);
  const peak = Math.max(-lo, hi);
  return { mean, rms, peak, peakToPeak: hi - lo, crestFactor: peak / rms, kurtosis: m4 / (m2 * m2), skewness: m3 / rms ** 3 };
}

/** The record as the waveform viewer's min/max columns and a raw stretch. */
export function waveformView(record: ArrayLike<number>, unit: string, request: { detailFromS: number; detailS: number; columns: number }): WaveformView {
  const n = record.length;
  const perColumn = Math.max(1, Math.ceil(n / request.columns));
  const min: number[] = [];
  const max: number[] = [];
  for (let start = 0; start < n; start += perColumn) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = start; i < Math.min(n, start + perColumn); i++) {
      lo = Math.min(lo, record[i]!);
      hi = Math.max(hi, record[i]!);
    }
    min.push(lo);
    max.push(hi);
  }
  const durationS = n / sampleRateHz;
  const from = Math.min(Math.max(0, request.detailFromS), durationS);
  const first = Math.floor(from * sampleRateHz);
  const count = Math.min(MAX_DETAIL_SAMPLES, Math.round(request.detailS * sampleRateHz), n - first);
  const detail: number[] = [];
  for (let i = first; i < first + count; i++) detail.push(record[i]!);
  return { sampleRateHz, unit, samples: n, durationS, perColumn, min, max, detailFromS: first / sampleRateHz, detail };
}

const families: { family: FamilyName; key: keyof Omit<DefectFrequencies, 'shaftHz'>; defect: DefectEvidence['defect'] }[] = [
  { family: 'BPFO', key: 'bpfo', defect: 'outer-race' },
  { family: 'BPFI', key: 'bpfi', defect: 'inner-race' },
  { family: 'BSF', key: 'bsf', defect: 'ball' },
  { family: 'FTF', key: 'ftf', defect: 'cage' },
];

const db = (ratio: number) => 20 * Math.log10(ratio);

function match(frequencyHz: number, family: FamilyName | 'shaft', harmonic: number, expectedHz: number): PeakMatch {
  return {
    family,
    harmonic,
    sideband: 0,
    expectedHz,
    errorPercent: ((frequencyHz - expectedHz) / expectedHz) * 100,
    label: family === 'shaft' ? `${harmonic}×shaft` : harmonic === 1 ? family : `${harmonic}×${family}`,
  };
}

/** Lines of a display spectrum from 0 to `maxHz`: a floor with seeded scatter and peaks three lines wide. */
function lines(count: number, maxHz: number, floor: (hz: number) => number, peaks: readonly { hz: number; g: number }[], random: () => number): { frequencyHz: number[]; amplitude: number[] } {
  const frequencyHz: number[] = [];
  const amplitude: number[] = [];
  const step = maxHz / (count - 1);
  for (let i = 0; i < count; i++) {
    const hz = i * step;
    frequencyHz.push(Number(hz.toFixed(4)));
    amplitude.push(floor(hz) * (0.55 + 0.9 * random()));
  }
  for (const p of peaks) {
    const i = Math.round(p.hz / step);
    if (i < 1 || i >= count - 1) continue;
    amplitude[i] = Math.max(amplitude[i]!, p.g);
    amplitude[i - 1] = Math.max(amplitude[i - 1]!, p.g * 0.35);
    amplitude[i + 1] = Math.max(amplitude[i + 1]!, p.g * 0.3);
  }
  return { frequencyHz, amplitude };
}

export interface FakeAnalysisInput extends FakeVibration {
  bearing: BearingGeometry | null;
  velocityRmsMmS: number;
  boundaries: ZoneBoundaries;
  machineGroup: 1 | 2;
  foundation: 'rigid' | 'flexible';
  assumed: boolean;
  /** The outer-race fundamental's height over the envelope floor, dB (with a defect). */
  bpfoDb: number;
}

/** The analysis of a record made by `fakeRecord` with the same input. */
export function fakeAnalysis(input: FakeAnalysisInput, record: ArrayLike<number> = fakeRecord(input)): SnapshotAnalysis {
  const random = mulberry32(input.seed + 1);
  const fr = input.shaftRpm / 60;
  const nyquist = sampleRateHz / 2;
  const frequencies = input.bearing === null ? null : defectFrequenciesOf(input.bearing, input.shaftRpm);
  const defect = input.outerRace !== null && frequencies !== null;
  const measuredBpfo = frequencies === null ? 0 : frequencies.bpfo * (1 + (input.outerRace?.slip ?? 0));

  // Acceleration spectrum, g peak: shaft orders, twice line frequency, with a defect the resonance it rings.
  const accelPeaks = [1, 2, 3, 4, 5, 6].map((k, i) => ({ hz: k * fr, g: [0.05, 0.02, 0.006, 0.004, 0.003, 0.002][i]! })).concat([{ hz: 100, g: 0.012 }]);
  const hump = (hz: number) => (defect ? 0.018 * Math.exp(-(((hz - resonanceHz) / 650) ** 2)) * (0.35 + 0.65 * Math.cos((Math.PI * hz) / measuredBpfo) ** 2) : 0);
  const accel = lines(2048, nyquist, (hz) => 0.0012 + 0.0035 * Math.exp(-hz / 1400) + hump(hz), accelPeaks, random);

  // Velocity spectrum, mm/s RMS, 10–1000 Hz, from the acceleration lines.
  const velocityLines = accel.frequencyHz.map((hz, i) => (hz < 10 || hz > 1000 ? null : { hz, v: (accel.amplitude[i]! * 9806.65) / (2 * Math.PI * hz) / Math.SQRT2 })).filter((l) => l !== null);

  // Envelope spectrum, g peak, up to past 5 × BPFI.
  const maxHz = frequencies === null ? 1000 : Math.max(500, 5 * frequencies.bpfi + 2 * fr);
  const floorG = 0.004;
  const harmonicsDb = defect ? [input.bpfoDb, input.bpfoDb - 3, input.bpfoDb - 6, input.bpfoDb - 8, input.bpfoDb - 10, input.bpfoDb - 12] : [];
  const envPeaks: { hz: number; g: number; match: PeakMatch | null }[] = [
    ...harmonicsDb.map((d, i) => ({ hz: (i + 1) * measuredBpfo, g: floorG * 10 ** (d / 20), match: match((i + 1) * measuredBpfo, 'BPFO', i + 1, (i + 1) * frequencies!.bpfo) })),
    { hz: fr, g: floorG * 10 ** ((defect ? 9 : 7) / 20), match: match(fr, 'shaft', 1, fr) },
    { hz: 2 * fr, g: floorG * 10 ** (5.5 / 20), match: match(2 * fr, 'shaft', 2, 2 * fr) },
    { hz: 50, g: floorG * 10 ** (4.8 / 20), match: null },
  ];
  const envelope = lines(2048, maxHz, (hz) => floorG * (1 + 0.6 * Math.exp(-hz / 30)), envPeaks, random);
  const peaks: EnvelopePeak[] = envPeaks
    .filter((p) => p.hz <= maxHz)
    .map((p) => ({ frequencyHz: Number(p.hz.toFixed(2)), amplitudeG: p.g, floorG, ratioDb: db(p.g / floorG), match: p.match }))
    .sort((a, b) => b.ratioDb - a.ratioDb)
    .slice(0, 10);

  const evidence: DefectEvidence[] = frequencies === null ? [] : families.map(({ family, key, defect: kind }) => {
    const expectedHz = frequencies[key];
    const named = defect && family === 'BPFO';
    const harmonics = [1, 2, 3, 4].map((h) => {
      const ratioDb = named ? harmonicsDb[h - 1]! : 1 + 2.5 * random();
      const frequencyHz = named ? h * measuredBpfo : h * expectedHz * (1 + (random() - 0.5) * 0.01);
      return { harmonic: h, sideband: 0, expectedHz: h * expectedHz, frequencyHz, amplitudeG: floorG * 10 ** (ratioDb / 20), floorG, ratioDb, explainedAs: named ? (h === 1 ? family : `${h}×${family}`) : null, standsOut: named && ratioDb >= 6 };
    });
    const score = harmonics.filter((c) => c.standsOut).reduce((sum, c) => sum + c.ratioDb, 0);
    return { defect: kind, family, expectedHz, harmonics, sidebands: [], measuredHz: named ? measuredBpfo : null, fundamentalDb: harmonics[0]!.ratioDb, score, detected: named };
  });
  evidence.sort((a, b) => Number(b.detected) - Number(a.detected) || b.score - a.score);

  const hz = (f: number) => `${f.toFixed(1)} Hz`;
  const diagnosis: SnapshotAnalysis['diagnosis'] =
    frequencies === null
      ? { status: 'no-bearing', defect: null, text: 'No bearing given: defect frequencies and the bearing diagnosis need its geometry', evidence: [] }
      : defect
        ? {
            status: 'defect',
            defect: 'outer-race',
            text: `Outer-race defect: BPFO at ${hz(measuredBpfo)} (expected ${hz(frequencies.bpfo)}) stands ${Math.round(input.bpfoDb)} dB above the noise floor, with ${harmonicsDb.slice(1, 4).filter((d) => d >= 6).length} harmonics`,
            evidence,
          }
        : {
            status: 'no-defect',
            defect: null,
            text: `No bearing defect: no defect frequency stands out with its harmonics in the envelope spectrum (the highest line near one, ${evidence[0]!.family} at ${hz(evidence[0]!.harmonics[0]!.frequencyHz)}, is ${Math.round(evidence[0]!.harmonics[0]!.ratioDb)} dB above the noise floor; a defect needs 10 dB and a harmonic or sideband at 6 dB)`,
            evidence,
          };

  const zone = zoneOf(input.velocityRmsMmS, input.boundaries);
  return {
    record: { samples: record.length, sampleRateHz, durationS: record.length / sampleRateHz, unit: 'g', shaftRpm: input.shaftRpm, shaftHz: fr },
    features: { ...featuresOf(record), unit: 'g' },
    velocity: { rmsMmS: input.velocityRmsMmS, bandHz: [10, 1000] },
    iso: {
      zone,
      meaning: zoneMeaning[zone],
      velocityRmsMmS: input.velocityRmsMmS,
      group: input.machineGroup,
      foundation: input.foundation,
      boundaries: { ...input.boundaries },
      assumed: input.assumed,
      bandHz: [10, 1000],
      standard: 'ISO 10816-3:2009 / ISO 20816-3:2022, Annex A',
    },
    spectrum: { ...accel, binHz: sampleRateHz / 8192, lines: 4096, unit: 'g', scaling: 'peak', segmentLength: 8192, segments: 5 },
    velocitySpectrum: { frequencyHz: velocityLines.map((l) => l.hz), amplitude: velocityLines.map((l) => l.v), binHz: sampleRateHz / 8192, lines: 317, unit: 'mm/s', scaling: 'rms' },
    envelope: {
      band: defect ? { loHz: 2_800, hiHz: 4_400, spectralKurtosis: 6.8, chosenBy: 'spectral-kurtosis' } : { loHz: 4_800, hiHz: 6_400, spectralKurtosis: 0.2, chosenBy: 'spectral-kurtosis' },
      sampleRateHz: 3_200,
      maxHz,
      spectrum: { ...envelope, binHz: 0.39, lines: Math.round(maxHz / 0.39), unit: 'g', scaling: 'peak', segmentLength: 8192, segments: 1 },
    },
    bearing: input.bearing === null ? null : { ...input.bearing, contactAngleDeg: input.bearing.contactAngleDeg ?? 0 },
    defectFrequencies: frequencies,
    peaks,
    diagnosis,
  };
}
