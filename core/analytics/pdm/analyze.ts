/**
 * One vibration snapshot in, the analyst's whole first look out: `analyzeSnapshot`.
 *
 *   samples ─► acceleration, g ─► features (RMS, peak, peak-to-peak, crest, kurtosis, skewness)
 *          └─► Welch spectrum (Hann, 50 %, g peak) ─► ÷2πf ─► velocity RMS 10–1000 Hz ─► ISO zone
 *          └─► record FFT ─► band by spectral kurtosis ─► Hilbert envelope ─► envelope spectrum
 *                             ─► peaks over their noise floor, each matched to a defect frequency
 *                             ─► bearing diagnosis (when the bearing is known)
 *
 * Units in: 'g' or 'm/s²' (acceleration, the usual), or 'mm/s' (a velocity sensor). From
 * velocity, the broadband RMS comes straight from the velocity spectrum and the
 * acceleration (for the features and the envelope) from a central difference, which is
 * within 1 % of the true derivative below fs/26 and reads low above (−10 % at fs/8): good
 * enough for kurtosis and envelopes, which is all it is used for.
 *
 * The result is plain JSON-able data: numbers, strings and number[] (no typed arrays), so
 * it can cross the UI contract as it is. Spectra are reduced to at most 2048 lines for
 * display (max-hold); the analysis itself uses every line. Pure: no clock, no I/O.
 */
import type { BearingGeometry, EnvelopePeak, Foundation, MachineGroup, SampleUnit, SnapshotAnalysis } from '../../contract/pdm.js';
import { checkBearing, defectFrequencies } from './bearing.js';
import { diagnoseBearing, type DiagnosisOptions } from './diagnosis.js';
import { matchPeak } from './peak-match.js';
import { envelopeOf, envelopeSpectrum, givenEnvelopeBand, recordSpectrum, selectEnvelopeBand } from './envelope.js';
import { PdmInputError } from './errors.js';
import { waveformFeatures } from './features.js';
import { ISO_VELOCITY_BAND_HZ, isoZone } from './iso-zone.js';
import { prominentPeaks } from './peaks.js';
import {
  accelerationLinesFromVelocity,
  amplitudeSpectrum,
  bandRms,
  displaySpectrum,
  MM_S2_PER_G,
  velocityLinesFromAcceleration,
  velocityRmsFromAcceleration,
  welch,
} from './spectrum.js';

export type { EnvelopePeak, SampleUnit, SnapshotAnalysis };

export const sampleUnits: readonly SampleUnit[] = ['g', 'm/s²', 'mm/s'];

export const MIN_SNAPSHOT_SAMPLES = 1024;

export interface SnapshotInput {
  samples: Float32Array | Float64Array | readonly number[];
  sampleRateHz: number;
  unit: SampleUnit;
  shaftRpm: number;
  bearing?: BearingGeometry;
  /** ISO 10816-3 machine group (default 2, also used for machines below 15 kW). */
  machineGroup?: MachineGroup;
  /** Default rigid. */
  foundation?: Foundation;
  /** Envelope band [low, high], Hz; by default the band is chosen by spectral kurtosis. */
  envelopeBandHz?: readonly [number, number];
  diagnosis?: DiagnosisOptions;
  /** How many envelope peaks to list (default 10). */
  peakCount?: number;
}

function checkInput(input: SnapshotInput): void {
  const { samples, sampleRateHz, shaftRpm, unit } = input;
  if (!(Number.isFinite(sampleRateHz) && sampleRateHz >= 100)) throw new PdmInputError(`sample rate ${sampleRateHz} Hz: expected at least 100 Hz`);
  if (!(Number.isFinite(shaftRpm) && shaftRpm > 0)) throw new PdmInputError(`shaft speed ${shaftRpm} rpm: expected a positive speed`);
  if (!sampleUnits.includes(unit)) throw new PdmInputError(`unit "${unit}": expected one of ${sampleUnits.join(', ')}`);
  if (samples.length < MIN_SNAPSHOT_SAMPLES) throw new PdmInputError(`${samples.length} samples: a snapshot needs at least ${MIN_SNAPSHOT_SAMPLES}`);
  for (let i = 0; i < samples.length; i++) {
    if (!Number.isFinite(samples[i]!)) throw new PdmInputError(`sample ${i} is ${samples[i]}: expected a finite number`);
  }
  if (input.bearing) checkBearing(input.bearing);
}

/** The acceleration in g of the input, whatever its unit. */
function accelerationG(samples: SnapshotInput['samples'], unit: SampleUnit, sampleRateHz: number): Float64Array {
  const n = samples.length;
  const out = new Float64Array(n);
  if (unit === 'mm/s') {
    const scale = sampleRateHz / MM_S2_PER_G;
    out[0] = (samples[1]! - samples[0]!) * scale;
    for (let i = 1; i < n - 1; i++) out[i] = ((samples[i + 1]! - samples[i - 1]!) / 2) * scale;
    out[n - 1] = (samples[n - 1]! - samples[n - 2]!) * scale;
    return out;
  }
  const scale = unit === 'g' ? 1 : 1 / 9.80665;
  for (let i = 0; i < n; i++) out[i] = samples[i]! * scale;
  return out;
}

export function analyzeSnapshot(input: SnapshotInput): SnapshotAnalysis {
  checkInput(input);
  const { sampleRateHz: fs, shaftRpm, unit } = input;
  const n = input.samples.length;
  const shaftHz = shaftRpm / 60;
  const nyquist = fs / 2;
  const acceleration = accelerationG(input.samples, unit, fs);
  const features = waveformFeatures(acceleration);

  // Spectrum and velocity.
  const bandHz: [number, number] = [ISO_VELOCITY_BAND_HZ[0], Math.min(ISO_VELOCITY_BAND_HZ[1], nyquist)];
  let accelerationLines: Float64Array;
  let velocityLines: Float64Array;
  let velocityRms: number;
  const ps = welch(unit === 'mm/s' ? input.samples : acceleration, fs);
  if (unit === 'mm/s') {
    const velocityPeak = amplitudeSpectrum(ps);
    accelerationLines = accelerationLinesFromVelocity(velocityPeak, ps.binHz);
    velocityLines = velocityPeak.map((v, k) => (k * ps.binHz < bandHz[0] ? 0 : v / Math.SQRT2));
    velocityRms = bandRms(ps, bandHz[0], bandHz[1]);
  } else {
    accelerationLines = amplitudeSpectrum(ps);
    velocityLines = velocityLinesFromAcceleration(accelerationLines, ps.binHz, bandHz[0]);
    velocityRms = velocityRmsFromAcceleration(ps, bandHz[0], bandHz[1]);
  }
  const iso = isoZone(velocityRms, { ...(input.machineGroup ? { group: input.machineGroup } : {}), ...(input.foundation ? { foundation: input.foundation } : {}), bandHz });

  // Envelope.
  const frequencies = input.bearing ? defectFrequencies(input.bearing, shaftRpm) : null;
  const record = recordSpectrum(acceleration, fs);
  const band = input.envelopeBandHz ? givenEnvelopeBand(record, input.envelopeBandHz) : selectEnvelopeBand(record, frequencies ? 4 * frequencies.bpfi : 20 * shaftHz);
  const envelope = envelopeOf(record, band);
  const es = envelopeSpectrum(envelope);
  const envelopeLines = amplitudeSpectrum(es);
  const view = { amplitude: envelopeLines, binHz: es.binHz };
  const wanted = frequencies ? Math.max(500, 5 * frequencies.bpfi + 2 * shaftHz) : 1000;
  const maxHz = Math.min(band.hiHz - band.loHz, envelope.sampleRateHz / 2, wanted);

  const bearingDiagnosis = frequencies ? diagnoseBearing(view, frequencies, maxHz, input.diagnosis) : undefined;
  const diagnosis: SnapshotAnalysis['diagnosis'] = bearingDiagnosis
    ? { status: bearingDiagnosis.status, defect: bearingDiagnosis.defect ?? null, text: bearingDiagnosis.text, evidence: bearingDiagnosis.evidence }
    : { status: 'no-bearing', defect: null, text: 'No bearing given: defect frequencies and the bearing diagnosis need its geometry', evidence: [] };
  // The defects found anchor the peak labels at their measured frequencies (slip included).
  const anchors = Object.fromEntries(diagnosis.evidence.filter((e) => e.measuredHz !== null).map((e) => [e.family, e.measuredHz!]));
  const peaks = prominentPeaks(view, maxHz, input.peakCount ?? 10).map((p) => ({
    frequencyHz: p.frequencyHz,
    amplitudeG: p.amplitude,
    floorG: p.floor,
    ratioDb: p.ratioDb,
    match: matchPeak(p.frequencyHz, shaftHz, frequencies, es.binHz, { tolerancePercent: input.diagnosis?.tolerancePercent ?? 2, anchors }),
  }));

  return {
    record: { samples: n, sampleRateHz: fs, durationS: n / fs, unit, shaftRpm, shaftHz },
    features: { ...features, unit: 'g' },
    velocity: { rmsMmS: velocityRms, bandHz },
    iso,
    spectrum: { ...displaySpectrum(accelerationLines, ps.binHz, nyquist), unit: 'g', scaling: 'peak', segmentLength: ps.segmentLength, segments: ps.segments },
    velocitySpectrum: { ...displaySpectrum(velocityLines, ps.binHz, bandHz[1], { minHz: bandHz[0] }), unit: 'mm/s', scaling: 'rms' },
    envelope: {
      band,
      sampleRateHz: envelope.sampleRateHz,
      maxHz,
      spectrum: { ...displaySpectrum(envelopeLines, es.binHz, maxHz), unit: 'g', scaling: 'peak', segmentLength: es.segmentLength, segments: es.segments },
    },
    bearing: input.bearing ? { ...input.bearing, contactAngleDeg: input.bearing.contactAngleDeg ?? 0 } : null,
    defectFrequencies: frequencies,
    peaks,
    diagnosis,
  };
}
