/**
 * The feature trends' pure parts: one small chart per feature of `featureInfo` over the
 * asset's trend (velocity with the ISO zone boundaries drawn as lines; kurtosis; crest
 * factor; the four defect-evidence levels in dB), each with its value scale, the time axis
 * shared by all of them, the healthy baseline period as a band and the start of each
 * anomaly as a mark. No React.
 */
import { featureInfo, featureNames, formatFeature } from '../../core/contract/index.js';
import type { AnomalyEvent, FeatureName, FeaturePoint, ZoneBoundaries } from '../../core/contract/index.js';
import { linearTicks, plotHeight, plotWidth, reducedPath, timeTicks } from './axis-model.js';
import type { ChartBox, Tick } from './axis-model.js';

export interface RefLine {
  value: number;
  label: string;
}

export interface TrendPanel {
  feature: FeatureName;
  title: string;
  unit: string;
  points: { t: number; v: number }[];
  /** The newest value with its unit; null without values. */
  latestText: string | null;
  refLines: RefLine[];
  /** The axis reaches at least this far: the defect evidence up to 12 dB, so that the noise of a healthy bearing looks like noise. */
  minTop: number;
}

const defectDb: ReadonlySet<FeatureName> = new Set(['outerRaceDb', 'innerRaceDb', 'ballDb', 'cageDb']);

/** One panel per feature, in `featureNames` order. */
export function trendPanels(trend: readonly FeaturePoint[], boundaries: ZoneBoundaries | null): TrendPanel[] {
  return featureNames.map((feature) => {
    const info = featureInfo[feature];
    const points: { t: number; v: number }[] = [];
    for (const p of trend) {
      const v = p[feature];
      if (v !== undefined && Number.isFinite(v)) points.push({ t: p.t, v });
    }
    const last = points[points.length - 1];
    return {
      feature,
      title: info.label,
      unit: info.unit,
      points,
      latestText: last === undefined ? null : formatFeature(feature, last.v),
      refLines:
        feature === 'velocityRmsMmS' && boundaries !== null
          ? [
              { value: boundaries.ab, label: `A/B ${boundaries.ab}` },
              { value: boundaries.bc, label: `B/C ${boundaries.bc}` },
              { value: boundaries.cd, label: `C/D ${boundaries.cd}` },
            ]
          : [],
      minTop: defectDb.has(feature) ? 12 : 0,
    };
  });
}

/** The time span of the trend (an hour around a single point); null without points. */
export function trendSpan(trend: readonly FeaturePoint[]): { from: number; to: number } | null {
  if (trend.length === 0) return null;
  let from = trend[0]!.t;
  let to = trend[0]!.t;
  for (const p of trend) {
    if (p.t < from) from = p.t;
    if (p.t > to) to = p.t;
  }
  if (to === from) {
    from -= 1_800_000;
    to += 1_800_000;
  }
  return { from, to };
}

export interface TrendGeometry {
  path: string;
  yTicks: Tick[];
  xTicks: Tick[];
  refLines: (RefLine & { y: number })[];
  /** The healthy baseline period, in pixels; null when not in view. */
  baseline: { x1: number; x2: number } | null;
  /** Starts of anomalies on this feature. */
  anomalies: { x: number; open: boolean; text: string }[];
  /** The newest point, to mark it. */
  last: { x: number; y: number } | null;
}

export function trendGeometry(
  panel: TrendPanel,
  box: ChartBox,
  options: {
    span: { from: number; to: number };
    timeZone: string;
    baseline?: { from: number | null; to: number | null };
    anomalies?: readonly (AnomalyEvent & { open: boolean })[];
    xTickCount?: number;
  },
): TrendGeometry {
  const { from, to } = options.span;
  const w = plotWidth(box);
  const h = plotHeight(box);
  const x = (t: number) => box.left + ((t - from) / Math.max(1, to - from)) * w;
  const values = panel.points.map((p) => p.v);
  // The reference lines up to the first one above the data: the boundary the values head for stays in view.
  const dataHi = values.length === 0 ? 0 : Math.max(...values);
  const refs = panel.refLines.map((r) => r.value).sort((a, b) => a - b);
  const nextRef = refs.find((r) => r >= dataHi);
  // Every axis starts at 0 (velocity, crest factor and kurtosis are never negative; evidence below the floor is noise).
  let lo = Math.min(0, ...values);
  let hi = Math.max(panel.minTop, ...values, ...refs.filter((r) => r <= dataHi), ...(nextRef === undefined ? [] : [nextRef]));
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
    lo = 0;
    hi = 1;
  }
  if (!(hi > lo)) hi = lo + 1;
  const pad = (hi - lo) * 0.08;
  if (lo < 0) lo -= pad;
  hi += pad;
  const y = (v: number) => box.top + h * (1 - (v - lo) / (hi - lo));
  const baselineFrom = options.baseline?.from ?? null;
  const baselineTo = options.baseline?.to ?? null;
  const baseline =
    baselineFrom !== null && baselineTo !== null && baselineTo > from && baselineFrom < to
      ? { x1: x(Math.max(from, baselineFrom)), x2: x(Math.min(to, baselineTo)) }
      : null;
  const last = panel.points[panel.points.length - 1];
  return {
    path: reducedPath(
      panel.points.map((p) => p.t),
      values,
      x,
      y,
      'minmax',
    ),
    yTicks: linearTicks(lo, hi, 3).map((t) => ({ ...t, at: y(t.value) })),
    xTicks: timeTicks(from, to, options.xTickCount ?? 4, options.timeZone).map((t) => ({ ...t, at: x(t.value) })),
    refLines: panel.refLines.filter((r) => r.value >= lo && r.value <= hi).map((r) => ({ ...r, y: y(r.value) })),
    baseline,
    anomalies: (options.anomalies ?? [])
      .filter((a) => a.feature === panel.feature && a.startT >= from && a.startT <= to)
      .map((a) => ({ x: x(a.startT), open: a.open, text: a.evidence })),
    last: last === undefined ? null : { x: x(last.t), y: y(last.v) },
  };
}
