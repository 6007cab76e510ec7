/**
 * Predictive maintenance as the technician sees it, as it crosses the contract: the fleet
 * ranked by health, one asset's health page (feature trend, ISO zone, latest spectra,
 * diagnosis, remaining life), its waveform, the maintenance work requests, and the
 * analysis of a waveform file brought in by hand. The analysis shapes themselves are in
 * ./pdm.ts; core/runtime/pdm-host.ts fills these from the running plant.
 */
import type {
  AnomalyEvent,
  BearingGeometry,
  DefectKind,
  FeaturePoint,
  Foundation,
  HealthIndex,
  HealthStatus,
  IsoZone,
  MachineGroup,
  RulEstimate,
  SampleUnit,
  SnapshotAnalysis,
  ZoneBoundaries,
} from './pdm.js';

/**
 * How an asset under vibration monitoring stands: its health status, or 'learning' while
 * its healthy baseline is still being learned (then only the ISO zone judges it), or
 * 'no-data' before its first snapshot.
 */
export type AssetCondition = HealthStatus | 'learning' | 'no-data';

/** One row of the fleet health list. */
export interface FleetEntry {
  /** Asset path, line/asset. */
  asset: string;
  name: string;
  lineName: string;
  condition: AssetCondition;
  /** 0–100; null before the first snapshot. */
  health: number | null;
  zone: IsoZone | null;
  velocityRmsMmS: number | null;
  defect: DefectKind | null;
  /** The diagnosis in plain words, or what is known so far. */
  summary: string;
  /** "12 days until zone D, likely between 9 and 16", or null when no estimate is asked for. */
  remainingLife: string | null;
  lastSnapshotAt: number | null;
  openWorkRequests: number;
}

/** Where the baseline of an asset stands. */
export interface BaselineInfo {
  status: 'learning' | 'learned';
  /** Snapshots in it so far, and how many it needs at least. */
  points: number;
  needed: number;
  /** The healthy period, UTC ms (so far, while learning). */
  from: number | null;
  to: number | null;
  /** 'config': a period given in the config; 'first-run': the asset's first running hours. */
  source: 'config' | 'first-run';
  /** While learning from the first run: when the period ends. */
  until: number | null;
}

export interface PdmAssetSettings {
  waveformTag: string;
  bearing: BearingGeometry | null;
  machineGroup: MachineGroup;
  foundation: Foundation;
  boundaries: ZoneBoundaries;
}

/** The asset health page. */
export interface AssetHealth {
  asset: string;
  name: string;
  lineName: string;
  settings: PdmAssetSettings;
  condition: AssetCondition;
  baseline: BaselineInfo;
  /** Health of the newest snapshots, each feature's share in words; null before the first. */
  health: HealthIndex | null;
  /** Only asked once the velocity trend is anomalous; null before. */
  remainingLife: RulEstimate | null;
  /** Anomalies open now, then those that started in the trend's period, newest first. */
  anomalies: (AnomalyEvent & { open: boolean })[];
  /** Feature points in the asked period, at most one per pixel-ish bucket (oldest first). */
  trend: FeaturePoint[];
  /** The newest snapshot's full analysis. */
  latest: { at: number; analysis: SnapshotAnalysis } | null;
  workRequests: WorkRequest[];
}

/** Most raw samples in a waveform view's detail stretch: a whole 1 s snapshot at 25.6 kHz. */
export const MAX_DETAIL_SAMPLES = 32_768;

/** A waveform for the viewer: the whole record as min/max columns, and a stretch of raw samples. */
export interface WaveformView {
  sampleRateHz: number;
  unit: string;
  /** Samples in the record and its length, s. */
  samples: number;
  durationS: number;
  /** Column i spans samples [i·perColumn, (i+1)·perColumn): its least and greatest value. */
  perColumn: number;
  min: number[];
  max: number[];
  /** Raw samples from `detailFromS` on (at most MAX_DETAIL_SAMPLES). */
  detailFromS: number;
  detail: number[];
}

export const workRequestStatuses = ['open', 'acknowledged'] as const;
export type WorkRequestStatus = (typeof workRequestStatuses)[number];

/** A maintenance work request, raised when an asset's health falls to alert. */
export interface WorkRequest {
  /** "<asset path>@<raised ms>". */
  id: string;
  asset: string;
  assetName: string;
  raisedAt: number;
  status: WorkRequestStatus;
  /** 'high' when the velocity is already in zone C or D, else 'medium'. */
  priority: 'high' | 'medium';
  health: number;
  zone: IsoZone;
  velocityRmsMmS: number;
  defect: DefectKind | null;
  /** One line: what is wrong ("Outer-race defect on the SKF 6205 …"). */
  title: string;
  /** The diagnosis in plain words. */
  diagnosis: string;
  /** The evidence, one line each (peak over the noise floor, harmonics, features against their baseline). */
  evidence: string[];
  /** The remaining-life text at the time it was raised. */
  remainingLife: string;
  acknowledged?: { user: string; at: number; comment?: string };
}

/** The result of analysing a waveform file brought in by hand. */
export interface WaveformFileAnalysis {
  fileName: string;
  /** "CSV, header accel_g" or "WAV, PCM 16-bit, 1 channel, 12000 Hz". */
  description: string;
  unit: SampleUnit;
  /** Where the unit came from. */
  unitFrom: 'request' | 'header' | 'default';
  waveform: WaveformView;
  analysis: SnapshotAnalysis;
}
