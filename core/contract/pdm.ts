/**
 * Predictive maintenance as it crosses the contract: the plain-data results of one vibration
 * snapshot's analysis (waveform features, display spectra, ISO 10816-3 zone, bearing defect
 * frequencies, envelope peaks and the bearing diagnosis with its evidence) and of an asset's
 * trend (feature points, baseline, health index with each feature's share, anomaly events,
 * remaining useful life), with the display names and formats of the features and defects.
 * The pure functions that produce these live in core/analytics/pdm; the renderer only shows them.
 */

// Bearing geometry and defect frequencies (core/analytics/pdm/bearing.ts).

export interface BearingGeometry {
  /** Catalogue designation, e.g. "SKF 6205". */
  model?: string;
  /** Number of rolling elements. */
  balls: number;
  ballDiameterMm: number;
  pitchDiameterMm: number;
  /** Contact angle, degrees (0 for a deep-groove ball bearing under radial load; default 0). */
  contactAngleDeg?: number;
}

export type DefectKind = 'outer-race' | 'inner-race' | 'ball' | 'cage';

export interface DefectFrequencies {
  /** Shaft frequency, Hz. */
  shaftHz: number;
  bpfo: number;
  bpfi: number;
  bsf: number;
  ftf: number;
}

// Peak matching (core/analytics/pdm/peak-match.ts).

export type FamilyName = 'BPFO' | 'BPFI' | 'BSF' | 'FTF';

/** What a peak of the envelope spectrum is: a defect frequency, a harmonic, a sideband or a shaft harmonic. */
export interface PeakMatch {
  family: FamilyName | 'shaft';
  harmonic: number;
  /** Multiple of the modulating frequency (shaft for BPFI, cage for BSF) below (−) or above (+); 0 for none. */
  sideband: number;
  expectedHz: number;
  /** (found − expected) / expected, % (expected from the kinematics: slip shows here). */
  errorPercent: number;
  /** e.g. "BPFI", "2×BPFI", "BPFI − 1×shaft", "1×shaft". */
  label: string;
}

// Bearing diagnosis (core/analytics/pdm/diagnosis.ts).

export const defectNames: Record<DefectKind, string> = { 'outer-race': 'Outer-race defect', 'inner-race': 'Inner-race defect', ball: 'Rolling-element (ball) defect', cage: 'Cage defect' };

/** One component of a family as found in the envelope spectrum. */
export interface ComponentEvidence {
  /** 1 for the fundamental, 2 … for harmonics. */
  harmonic: number;
  /** For a sideband: which multiple of the modulating frequency, − below, + above; 0 for the harmonic itself. */
  sideband: number;
  expectedHz: number;
  frequencyHz: number;
  amplitudeG: number;
  floorG: number;
  ratioDb: number;
  /** The line's best explanation (peak-match.ts), e.g. "2×BPFI" or "3×shaft"; null for none. */
  explainedAs: string | null;
  standsOut: boolean;
}

export interface DefectEvidence {
  defect: DefectKind;
  family: FamilyName;
  /** Kinematic frequency of the family's fundamental, Hz. */
  expectedHz: number;
  /** The fundamental as found (the strongest line near it) and its harmonics, h = 1 … */
  harmonics: ComponentEvidence[];
  sidebands: ComponentEvidence[];
  /** The fundamental as found, Hz, when the defect is named (from 2 × BSF ÷ 2 when that led); else null. */
  measuredHz: number | null;
  /** The fundamental's ratio to the floor, dB (for a ball: the higher of BSF and 2 × BSF); null when the line near it is better explained by something else. */
  fundamentalDb: number | null;
  /** Sum of the dB of the components that stand out. */
  score: number;
  detected: boolean;
}

export interface BearingDiagnosis {
  status: 'defect' | 'no-defect';
  defect?: DefectKind;
  /** One sentence for people. */
  text: string;
  /** Every family, the named one (or the strongest) first. */
  evidence: DefectEvidence[];
}

// Envelope band (core/analytics/pdm/envelope.ts).

export interface EnvelopeBand {
  loHz: number;
  hiHz: number;
  /** Spectral kurtosis of the band (SK of its complex envelope). */
  spectralKurtosis: number;
  chosenBy: 'spectral-kurtosis' | 'given';
}

// Waveform features (core/analytics/pdm/features.ts).

export interface WaveformFeatures {
  /** Mean of the samples (the DC offset that was removed before the others). */
  mean: number;
  rms: number;
  peak: number;
  peakToPeak: number;
  crestFactor: number;
  kurtosis: number;
  skewness: number;
}

// ISO 10816-3 / 20816-3 severity zones (core/analytics/pdm/iso-zone.ts).

export type MachineGroup = 1 | 2;
export type Foundation = 'rigid' | 'flexible';
export type IsoZone = 'A' | 'B' | 'C' | 'D';

export interface ZoneBoundaries {
  /** A/B boundary, mm/s RMS. */
  ab: number;
  bc: number;
  cd: number;
}

export interface IsoZoneResult {
  zone: IsoZone;
  /** What the zone means, in the standard's words (shortened). */
  meaning: string;
  velocityRmsMmS: number;
  group: MachineGroup;
  foundation: Foundation;
  boundaries: ZoneBoundaries;
  /** True when the group or foundation was not given and the default (group 2, rigid) was used. */
  assumed: boolean;
  /** The band the velocity was measured in, Hz. */
  bandHz: [number, number];
  standard: string;
}

// Display spectra (core/analytics/pdm/spectrum.ts).

/** Lines of a spectrum for a chart: plain arrays (they cross the UI contract as JSON), at most 2048 lines. */
export interface DisplaySpectrum {
  frequencyHz: number[];
  amplitude: number[];
  /** Line spacing of the full-resolution spectrum the display was drawn from, Hz. */
  binHz: number;
  /** Lines of the full-resolution spectrum in the displayed range (the display has at most 2048). */
  lines: number;
}

// One snapshot's analysis (core/analytics/pdm/analyze.ts).

export type SampleUnit = 'g' | 'm/s²' | 'mm/s';

export interface EnvelopePeak {
  frequencyHz: number;
  amplitudeG: number;
  floorG: number;
  ratioDb: number;
  /** What it is, or null when it is none of the frequencies we know. */
  match: PeakMatch | null;
}

export interface SnapshotAnalysis {
  record: { samples: number; sampleRateHz: number; durationS: number; unit: SampleUnit; shaftRpm: number; shaftHz: number };
  /** Of the acceleration, g (about the mean). */
  features: WaveformFeatures & { unit: 'g' };
  velocity: { rmsMmS: number; bandHz: [number, number] };
  iso: IsoZoneResult;
  /** Acceleration spectrum, g peak, 0 Hz to half the sample rate. */
  spectrum: DisplaySpectrum & { unit: 'g'; scaling: 'peak'; segmentLength: number; segments: number };
  /** Velocity spectrum, mm/s RMS, over the ISO band. */
  velocitySpectrum: DisplaySpectrum & { unit: 'mm/s'; scaling: 'rms' };
  envelope: { band: EnvelopeBand; sampleRateHz: number; maxHz: number; spectrum: DisplaySpectrum & { unit: 'g'; scaling: 'peak'; segmentLength: number; segments: number } };
  bearing: BearingGeometry | null;
  defectFrequencies: DefectFrequencies | null;
  /** The envelope spectrum's peaks that stand highest above their noise floor, highest first. */
  peaks: EnvelopePeak[];
  diagnosis: { status: BearingDiagnosis['status'] | 'no-bearing'; defect: DefectKind | null; text: string; evidence: DefectEvidence[] };
}

// Feature trend points (core/analytics/pdm/feature-point.ts).

export type DefectFeature = 'outerRaceDb' | 'innerRaceDb' | 'ballDb' | 'cageDb';
export type FeatureName = 'velocityRmsMmS' | 'kurtosis' | 'crestFactor' | DefectFeature;

export interface FeaturePoint {
  /** Source timestamp of the snapshot, UTC epoch ms. */
  t: number;
  velocityRmsMmS?: number;
  kurtosis?: number;
  crestFactor?: number;
  outerRaceDb?: number;
  innerRaceDb?: number;
  ballDb?: number;
  cageDb?: number;
}

export const featureNames: readonly FeatureName[] = ['velocityRmsMmS', 'kurtosis', 'crestFactor', 'outerRaceDb', 'innerRaceDb', 'ballDb', 'cageDb'];

export const defectFeatures: Readonly<Record<DefectKind, DefectFeature>> = { 'outer-race': 'outerRaceDb', 'inner-race': 'innerRaceDb', ball: 'ballDb', cage: 'cageDb' };

/** How each feature is called on screen, its unit, and the number of decimals it is shown with. */
export const featureInfo: Readonly<Record<FeatureName, { label: string; unit: string; decimals: number }>> = {
  velocityRmsMmS: { label: 'Velocity RMS', unit: 'mm/s', decimals: 2 },
  kurtosis: { label: 'Kurtosis', unit: '', decimals: 2 },
  crestFactor: { label: 'Crest factor', unit: '', decimals: 2 },
  outerRaceDb: { label: 'Outer-race (BPFO) evidence', unit: 'dB', decimals: 0 },
  innerRaceDb: { label: 'Inner-race (BPFI) evidence', unit: 'dB', decimals: 0 },
  ballDb: { label: 'Ball (BSF) evidence', unit: 'dB', decimals: 0 },
  cageDb: { label: 'Cage (FTF) evidence', unit: 'dB', decimals: 0 },
};

/** A feature's value as text with its unit, e.g. "3.40 mm/s", "24 dB", "4.10". */
export function formatFeature(name: FeatureName, value: number): string {
  const { unit, decimals } = featureInfo[name];
  return `${value.toFixed(decimals)}${unit ? ` ${unit}` : ''}`;
}

// Baseline and health index (core/analytics/pdm/health.ts).

export interface FeatureBaseline {
  median: number;
  /** Robust σ used for z-scores: the MAD-based σ, or the floor when that is larger. */
  sigma: number;
  /** The MAD-based σ before the floor. */
  madSigma: number;
  /** Values it was learned from. */
  n: number;
}

export interface Baseline {
  /** First and last timestamps of the healthy period, UTC epoch ms. */
  from: number;
  to: number;
  points: number;
  /** Features with enough values; a feature absent here is not judged against a baseline. */
  features: Partial<Record<FeatureName, FeatureBaseline>>;
}

export type HealthStatus = 'good' | 'watch' | 'alert';
/** Where the statuses begin: good from 80, watch from 60, alert below (a work request is raised on alert). */
export const healthStatusFrom = { good: 80, watch: 60 } as const;

export interface HealthContribution {
  feature: FeatureName;
  label: string;
  /** The feature over the window (median), in its unit. */
  value: number;
  unit: string;
  healthyMedian: number | null;
  healthySigma: number | null;
  /** Robust z against the baseline; null when the baseline lacks the feature. */
  z: number | null;
  /** Health points this feature takes away (0 … 100). */
  points: number;
  /** One line for the screen, e.g. "Velocity RMS 3.40 mm/s: ISO zone C (B/C 2.8, C/D 4.5 mm/s), −54". */
  text: string;
}

export interface HealthIndex {
  /** Timestamp of the newest point, UTC epoch ms. */
  t: number;
  /** 0 … 100, one decimal. */
  health: number;
  status: HealthStatus;
  /** ISO zone of the smoothed velocity; null without velocity. */
  zone: IsoZone | null;
  /** Points the smoothing used (at most the window). */
  window: number;
  /** Every feature judged, the largest loss first. */
  contributions: HealthContribution[];
  /** One sentence: the health and what pulls it down. */
  text: string;
}

// Remaining useful life (core/analytics/pdm/rul.ts).

export interface RulFit {
  points: number;
  fromT: number;
  toT: number;
  /** Fitted growth of the velocity, % per day, with its interval at the same confidence. */
  growthPercentPerDay: number;
  growthLowPercentPerDay: number;
  growthHighPercentPerDay: number;
  /** The fitted velocity at the newest point, mm/s. */
  levelMmS: number;
  /** Times the window was halved because the growth accelerated; and whether the points fitted still curve upwards. */
  halvings: number;
  accelerating: boolean;
  /** Integrated autocorrelation time of the residuals, points, and the effective number of points it leaves. */
  tau: number;
  effectivePoints: number;
}

export type RulEstimate =
  | { verdict: 'estimate'; days: number; low: number; high: number; confidence: number; targetMmS: number; t: number; fit: RulFit; text: string }
  | { verdict: 'in-zone-d'; days: 0; low: 0; high: 0; confidence: number; targetMmS: number; t: number; levelMmS: number; text: string }
  | { verdict: 'not-enough-evidence'; why: string; confidence: number; targetMmS: number; t: number | null; fit: RulFit | null; text: string };

// Anomaly events (core/analytics/pdm/anomaly.ts).

export type AnomalyDirection = 'up' | 'down';

export interface AnomalyEvent {
  feature: FeatureName;
  label: string;
  direction: AnomalyDirection;
  /** The first point of the run that made the persistence test, UTC epoch ms. */
  startT: number;
  /** The point at which the event was declared. */
  detectedT: number;
  /** The point at which it ended; null while it lasts. */
  endT: number | null;
  /** The feature's value at detection, and its healthy band. */
  value: number;
  healthyMedian: number;
  healthySigma: number;
  /** Smoothed z at detection, and the farthest it has gone since (signed). */
  z: number;
  peakZ: number;
  /** One sentence for the screen. */
  evidence: string;
}
