/**
 * Predictive maintenance, pure (DESIGN.md "Analytics are pure"; ISO 10816-3 / 20816-3):
 * a vibration snapshot in, its condition out. Waveform features (RMS, peak, crest factor,
 * kurtosis, skewness), Welch spectra with frequency-domain integration to velocity, the
 * ISO severity zone of the broadband RMS velocity, bearing defect frequencies from the
 * geometry, the envelope spectrum of a band picked by spectral kurtosis, and a bearing
 * diagnosis with its evidence. Samples and parameters in, plain data out; no clock, no I/O.
 *
 * Over days, per asset: one feature point per snapshot, a baseline learned from a healthy
 * period, a health index 0–100 with each feature's share, anomaly events on the feature
 * trends, and the days until ISO zone D with a confidence interval. Every time is an argument.
 */
export { analyzeSnapshot, MIN_SNAPSHOT_SAMPLES, sampleUnits, type EnvelopePeak, type SampleUnit, type SnapshotAnalysis, type SnapshotInput } from './analyze.js';
export {
  bearingCatalogue,
  catalogueBearing,
  checkBearing,
  defectFrequencies,
  defectMultipliers,
  type BearingGeometry,
  type DefectFrequencies,
  type DefectKind,
  type DefectMultipliers,
} from './bearing.js';
export { defectNames, diagnoseBearing, familyOf, type BearingDiagnosis, type ComponentEvidence, type DefectEvidence, type DiagnosisOptions } from './diagnosis.js';
export { matchPeak, type FamilyName, type PeakMatch } from './peak-match.js';
export { candidateBands, envelopeOf, envelopeSpectrum, recordSpectrum, selectEnvelopeBand, spectralKurtosis, type Envelope, type EnvelopeBand, type RecordSpectrum } from './envelope.js';
export { PdmInputError } from './errors.js';
export {
  anomalyStep,
  detectAnomalies,
  initialAnomalyState,
  openAnomalies,
  type AnomalyDirection,
  type AnomalyEvent,
  type AnomalyOptions,
  type AnomalyState,
  type AnomalyStep,
} from './anomaly.js';
export { defectFeatures, featureInfo, featureNames, featurePoint, formatFeature, type DefectFeature, type FeatureName, type FeaturePoint } from './feature-point.js';
export {
  defaultSigmaFloors,
  healthIndex,
  learnBaseline,
  MIN_BASELINE_POINTS,
  robustZ,
  velocityLoss,
  zoneOf,
  type Baseline,
  type BaselineOptions,
  type FeatureBaseline,
  type HealthContribution,
  type HealthIndex,
  type HealthOptions,
  type HealthStatus,
  type SigmaFloor,
} from './health.js';
export { remainingLife, type RulEstimate, type RulFit, type RulOptions } from './rul.js';
export { waveformFeatures, type WaveformFeatures } from './features.js';
export { ISO_VELOCITY_BAND_HZ, isoZone, isoZoneBoundaries, type Foundation, type IsoZone, type IsoZoneResult, type MachineGroup, type ZoneBoundaries } from './iso-zone.js';
export {
  amplitudeSpectrum,
  displaySpectrum,
  MM_S2_PER_G,
  powerSpectralDensity,
  velocityLinesFromAcceleration,
  velocityRmsFromAcceleration,
  welch,
  type DisplaySpectrum,
  type PowerSpectrum,
} from './spectrum.js';
