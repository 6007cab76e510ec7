/**
 * Health of an asset, 0–100, from its feature trend (feature-point.ts), judged against
 * ISO 10816-3 for velocity and against a baseline learned from a healthy period for the
 * rest; with each feature's share of the loss in words for the screen.
 *
 * Baseline (`learnBaseline`), per feature over the healthy period: the median m and a
 * robust σ = max(1.4826 · MAD, absolute floor, relative floor · |m|). The floor keeps a
 * very quiet feature from turning tiny changes into huge z-scores (defaults in
 * `defaultSigmaFloors`: velocity 0.03 mm/s or 5 %, kurtosis 0.1 or 3 %, crest factor 0.15
 * or 3 %, defect evidence 1.5 dB). The healthy period should span every load the machine
 * sees (at least a day of all shifts), so that day and night are both "healthy".
 *
 * Health (`healthIndex`) of a window of recent points: each feature is first smoothed to
 * the median of its last k values (k = 5 by default), so one odd snapshot moves nothing.
 * Then, with the impact evidence I = min(60, E + K + C) and the velocity loss V,
 *
 *   health = (100 − I) · (1 − V/100)
 *
 * (velocity takes its share of what the impact evidence left, so health is 0 exactly when
 * the velocity is in zone D), where
 *
 *   V  velocity against the ISO zone boundaries (A/B, B/C, C/D of the asset's group and
 *      foundation), piecewise linear: 0 up to A/B (zones A and B are healthy), 30 at B/C
 *      (zone C: "plan a repair"), 100 at C/D (zone D: damage likely → health 0);
 *   E  bearing-defect evidence, the largest over the defects: 45 · r with
 *      r = clamp((dB − lo) / (hi − lo), 0, 1), lo = m + 3σ of that defect's healthy
 *      evidence, hi = max(lo + 6, 20) dB (the diagnosis names a defect from 10 dB up; at
 *      20 dB above the floor it is unmistakable); only the strongest defect counts, since
 *      one defect's comb lends some dB to the others';
 *   K  kurtosis: 20 · clamp((κ − (m + 3σ)) / 3, 0, 1) (full at 3 above the healthy band);
 *   C  crest factor: 10 · clamp((c − (m + 3σ)) / 2, 0, 1).
 *
 * The impact evidence E + K + C is capped at 60 (each part scaled down in proportion when
 * over): a bearing that rings but does not yet shake is a repair to plan (health 40 at
 * worst), not a machine in zone D. Each feature's contribution is the points it takes away;
 * they add up to 100 − health (velocity's are V·(100 − I)/100). Status: good ≥ 80, watch ≥ 60, alert below (a host raises its work
 * request on alert). Pure; the result is plain JSON.
 */
import { healthStatusFrom, type Baseline, type DefectFeature, type FeatureBaseline, type FeatureName, type FeaturePoint, type HealthContribution, type HealthIndex, type HealthStatus, type IsoZone, type ZoneBoundaries } from '../../contract/pdm.js';
import { PdmInputError } from './errors.js';
import { defectFeatures, featureInfo, featureNames, formatFeature, valueOf } from './feature-point.js';
import { madSigma, median } from './stats.js';

export type { Baseline, FeatureBaseline, HealthContribution, HealthIndex, HealthStatus };

export interface SigmaFloor {
  absolute: number;
  /** Fraction of |median|. */
  relative: number;
}

export const defaultSigmaFloors: Readonly<Record<FeatureName, SigmaFloor>> = {
  velocityRmsMmS: { absolute: 0.03, relative: 0.05 },
  kurtosis: { absolute: 0.1, relative: 0.03 },
  crestFactor: { absolute: 0.15, relative: 0.03 },
  outerRaceDb: { absolute: 1.5, relative: 0 },
  innerRaceDb: { absolute: 1.5, relative: 0 },
  ballDb: { absolute: 1.5, relative: 0 },
  cageDb: { absolute: 1.5, relative: 0 },
};

export const MIN_BASELINE_POINTS = 30;

export interface BaselineOptions {
  /** Fewest points of the healthy period (default 30); a feature with fewer values is left out. */
  minPoints?: number;
  sigmaFloors?: Partial<Record<FeatureName, SigmaFloor>>;
}

/** Location and scale of each feature over a healthy period. Throws when there are too few points. */
export function learnBaseline(points: readonly FeaturePoint[], options: BaselineOptions = {}): Baseline {
  const minPoints = options.minPoints ?? MIN_BASELINE_POINTS;
  if (points.length < minPoints) {
    throw new PdmInputError(`a baseline needs at least ${minPoints} points from a healthy period; got ${points.length} (${minPoints - points.length} more needed)`);
  }
  const features: Partial<Record<FeatureName, FeatureBaseline>> = {};
  for (const name of featureNames) {
    const values = points.map((p) => valueOf(p, name)).filter((v): v is number => v !== undefined);
    if (values.length < minPoints) continue;
    const m = median(values);
    const mad = madSigma(values, m);
    const floor = { ...defaultSigmaFloors[name], ...options.sigmaFloors?.[name] };
    features[name] = { median: m, sigma: Math.max(mad, floor.absolute, floor.relative * Math.abs(m)), madSigma: mad, n: values.length };
  }
  if (Object.keys(features).length === 0) {
    throw new PdmInputError(`a baseline needs at least ${minPoints} values of some feature; none of the ${points.length} points has that many`);
  }
  const from = points.reduce((t, p) => Math.min(t, p.t), Infinity);
  const to = points.reduce((t, p) => Math.max(t, p.t), -Infinity);
  return { from, to, points: points.length, features };
}

/** (value − healthy median) / healthy σ, or null when the baseline lacks the feature. */
export function robustZ(baseline: Baseline, name: FeatureName, value: number): number | null {
  const b = baseline.features[name];
  return b ? (value - b.median) / b.sigma : null;
}

export interface HealthOptions {
  /** Each feature is the median of its last `window` values (default 5). */
  window?: number;
  /** Status bands (defaults: good ≥ 80, watch ≥ 60, alert below). */
  goodFrom?: number;
  watchFrom?: number;
}

const IMPACT_CAP = 60;
const DEFECT_POINTS = 45;
const KURTOSIS = { points: 20, span: 3 };
const CREST = { points: 10, span: 2 };

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const round1 = (x: number) => Math.round(x * 10) / 10;

export function zoneOf(velocityMmS: number, b: ZoneBoundaries): IsoZone {
  return velocityMmS < b.ab ? 'A' : velocityMmS < b.bc ? 'B' : velocityMmS < b.cd ? 'C' : 'D';
}

/** Health points lost to a velocity: 0 up to A/B, 30 at B/C, 100 at C/D, linear between. */
export function velocityLoss(velocityMmS: number, b: ZoneBoundaries): number {
  if (velocityMmS <= b.ab) return 0;
  if (velocityMmS < b.bc) return (30 * (velocityMmS - b.ab)) / (b.bc - b.ab);
  if (velocityMmS < b.cd) return 30 + (70 * (velocityMmS - b.bc)) / (b.cd - b.bc);
  return 100;
}

interface Judged {
  feature: FeatureName;
  value: number;
  loss: number;
  note?: string;
}

function smoothed(recent: readonly FeaturePoint[], name: FeatureName): number | undefined {
  const values = recent.map((p) => valueOf(p, name)).filter((v): v is number => v !== undefined);
  return values.length > 0 ? median(values) : undefined;
}

/** Loss of a feature judged against its healthy band: `points` at `span` above m + 3σ. */
function bandLoss(baseline: Baseline, name: FeatureName, value: number, points: number, span: (lo: number) => number): number {
  const b = baseline.features[name];
  if (!b) return 0;
  const lo = b.median + 3 * b.sigma;
  return points * clamp01((value - lo) / span(lo));
}

/** The health of an asset from its newest point or window of points (oldest first). */
export function healthIndex(baseline: Baseline, recent: FeaturePoint | readonly FeaturePoint[], boundaries: ZoneBoundaries, options: HealthOptions = {}): HealthIndex {
  const all = Array.isArray(recent) ? (recent as readonly FeaturePoint[]) : [recent as FeaturePoint];
  if (all.length === 0) throw new PdmInputError('health needs at least one feature point; got none');
  const k = options.window ?? 5;
  if (!(Number.isInteger(k) && k >= 1)) throw new PdmInputError(`health window ${k}: expected a whole number of points, at least 1`);
  const window = all.slice(-k);
  const value = (name: FeatureName) => smoothed(window, name);

  const velocity = value('velocityRmsMmS');
  const judged: Judged[] = [];

  const impacts: Judged[] = [];
  const defects = Object.values(defectFeatures)
    .map((name) => ({ name, v: value(name) }))
    .filter((d): d is { name: DefectFeature; v: number } => d.v !== undefined)
    .map((d) => ({ feature: d.name, value: d.v, loss: bandLoss(baseline, d.name, d.v, DEFECT_POINTS, (lo) => Math.max(6, 20 - lo)) }));
  const strongest = defects.reduce<Judged | undefined>((best, d) => (!best || d.loss > best.loss ? d : best), undefined);
  for (const d of defects) {
    if (d === strongest || d.loss === 0) impacts.push(d);
    else impacts.push({ ...d, loss: 0, note: `raised too, but only the strongest defect evidence counts (${featureInfo[strongest!.feature].label})` });
  }
  const kurtosis = value('kurtosis');
  if (kurtosis !== undefined) impacts.push({ feature: 'kurtosis', value: kurtosis, loss: bandLoss(baseline, 'kurtosis', kurtosis, KURTOSIS.points, () => KURTOSIS.span) });
  const crest = value('crestFactor');
  if (crest !== undefined) impacts.push({ feature: 'crestFactor', value: crest, loss: bandLoss(baseline, 'crestFactor', crest, CREST.points, () => CREST.span) });
  const impactTotal = impacts.reduce((sum, j) => sum + j.loss, 0);
  const scale = impactTotal > IMPACT_CAP ? IMPACT_CAP / impactTotal : 1;
  for (const j of impacts) judged.push({ ...j, loss: j.loss * scale, ...(scale < 1 && j.loss > 0 ? { note: `impact evidence together is capped at ${IMPACT_CAP}` } : {}) });
  const left = 100 - Math.min(IMPACT_CAP, impactTotal);
  if (velocity !== undefined) {
    const v = velocityLoss(velocity, boundaries);
    judged.push({ feature: 'velocityRmsMmS', value: velocity, loss: (v * left) / 100, ...(left < 100 && v > 0 ? { note: `${v.toFixed(0)} % of the ${left.toFixed(0)} the impact evidence left` } : {}) });
  }

  const health = round1(Math.max(0, left - judged.filter((j) => j.feature === 'velocityRmsMmS').reduce((sum, j) => sum + j.loss, 0)));
  const status: HealthStatus = health >= (options.goodFrom ?? healthStatusFrom.good) ? 'good' : health >= (options.watchFrom ?? healthStatusFrom.watch) ? 'watch' : 'alert';
  const zone = velocity !== undefined ? zoneOf(velocity, boundaries) : null;
  const contributions = judged.map((j) => contribution(baseline, j, boundaries)).sort((a, b) => b.points - a.points);
  return { t: all[all.length - 1]!.t, health, status, zone, window: window.length, contributions, text: summary(health, status, contributions, zone) };
}

function contribution(baseline: Baseline, j: Judged, boundaries: ZoneBoundaries): HealthContribution {
  const info = featureInfo[j.feature];
  const b = baseline.features[j.feature];
  const points = round1(j.loss);
  const loss = points > 0 ? `−${points.toFixed(points >= 10 ? 0 : 1)}` : 'no deduction';
  const shown = `${info.label} ${formatFeature(j.feature, j.value)}`;
  let text: string;
  if (j.feature === 'velocityRmsMmS') {
    const zone = zoneOf(j.value, boundaries);
    const limits = zone === 'A' ? `A/B ${boundaries.ab}` : zone === 'B' ? `B/C ${boundaries.bc}` : `B/C ${boundaries.bc}, C/D ${boundaries.cd}`;
    text = `${shown}: ISO zone ${zone} (${limits} mm/s), ${loss}${j.note ? ` (${j.note})` : ''}`;
  } else if (!b) {
    text = `${shown}: no healthy baseline to compare with, ${loss}`;
  } else {
    const band = `healthy ${formatFeature(j.feature, b.median)} ± ${b.sigma.toFixed(info.decimals === 0 ? 1 : info.decimals)}`;
    const z = (j.value - b.median) / b.sigma;
    text = points > 0 ? `${shown} (${band}, ${z >= 0 ? '+' : ''}${z.toFixed(0)}σ): ${loss}` : `${shown} (${band}): ${j.note ?? 'within its healthy range'}`;
    if (points > 0 && j.note) text += ` (${j.note})`;
  }
  return {
    feature: j.feature,
    label: info.label,
    value: j.value,
    unit: info.unit,
    healthyMedian: b?.median ?? null,
    healthySigma: b?.sigma ?? null,
    z: b ? (j.value - b.median) / b.sigma : null,
    points,
    text,
  };
}

function summary(health: number, status: HealthStatus, contributions: HealthContribution[], zone: IsoZone | null): string {
  const head = `Health ${health.toFixed(0)} (${status})`;
  const pulling = contributions.filter((c) => c.points >= 0.5);
  if (pulling.length === 0) return `${head}: every feature within its healthy range${zone ? `, velocity in ISO zone ${zone}` : ''}`;
  return `${head}: ${pulling.map((c) => `${c.label.charAt(0).toLowerCase()}${c.label.slice(1)}${c.feature === 'velocityRmsMmS' && zone ? ` in zone ${zone}` : ''} −${c.points.toFixed(0)}`).join(', ')}`;
}
