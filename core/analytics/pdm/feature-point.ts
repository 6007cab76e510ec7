/**
 * One point of an asset's feature trend: the numbers of one vibration snapshot that the
 * trend analytics (baseline, health index, anomaly detection, remaining life) follow over
 * days. A host makes one per snapshot with `featurePoint(t, analyzeSnapshot(…))` and keeps
 * the series; `t` is the snapshot's source timestamp (UTC epoch ms), never a clock read here.
 *
 * Features, and why these:
 *   velocityRmsMmS  broadband RMS velocity 10–1000 Hz, mm/s: what ISO 10816-3 judges; it
 *                   rises late in a bearing's life (looseness, wear), and drives remaining life;
 *   kurtosis        of the acceleration: impacts make it rise early (healthy ≈ 3);
 *   crestFactor     of the acceleration: peak/RMS, also early for impacts;
 *   outerRaceDb, innerRaceDb, ballDb, cageDb
 *                   bearing-defect evidence: how far the envelope spectrum's line at the
 *                   defect's fundamental (BPFO, BPFI, BSF or 2 × BSF, FTF) stands above its
 *                   noise floor, dB (diagnosis.ts `fundamentalDb`); 0 when the line there is
 *                   better explained by something else. Absent when the bearing is unknown.
 *
 * The point is a flat JSON object of numbers, so a series crosses the UI contract as it is.
 */
import { defectFeatures, featureInfo, featureNames, formatFeature, type DefectFeature, type FeatureName, type FeaturePoint, type SnapshotAnalysis } from '../../contract/pdm.js';

export { defectFeatures, featureInfo, featureNames, formatFeature };
export type { DefectFeature, FeatureName, FeaturePoint };

/** The value of one feature of a point, when it is there and finite. */
export function valueOf(point: FeaturePoint, name: FeatureName): number | undefined {
  const v = point[name];
  return v !== undefined && Number.isFinite(v) ? v : undefined;
}

/** The trend point of one analysed snapshot taken at `t` (UTC epoch ms). */
export function featurePoint(t: number, analysis: Pick<SnapshotAnalysis, 'velocity' | 'features' | 'diagnosis'>): FeaturePoint {
  const point: FeaturePoint = { t, velocityRmsMmS: analysis.velocity.rmsMmS, kurtosis: analysis.features.kurtosis, crestFactor: analysis.features.crestFactor };
  for (const e of analysis.diagnosis.evidence) point[defectFeatures[e.defect]] = Math.max(0, e.fundamentalDb ?? 0);
  return point;
}
