/**
 * The SPC view's pure parts: a control chart's geometry (points evenly spaced by subgroup,
 * a value scale that holds the points and the limits, the ±1σ/±2σ zone lines; no limit
 * lines while there are too few subgroups for limits), which points
 * take part in a rule hit, the rule hits as a list, and capability indices with a verdict
 * (below 1.00 is a loss, below 1.33 needs attention). No React.
 */
import type { SpcChart, SpcLimits, SpcRuleHit } from '../../core/contract/index.js';
import { formatZoneDateTime, formatZoneSeconds, noValue } from './oee-model.js';

export interface ChartBox {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface PlottedPoint {
  index: number;
  at: number;
  value: number;
  x: number;
  y: number;
  flagged: boolean;
}

export interface LimitLine {
  kind: 'center' | 'ucl' | 'lcl';
  value: number;
  y: number;
  label: string;
}

export interface ChartGeometry {
  points: PlottedPoint[];
  limits: LimitLine[];
  /** ±1σ and ±2σ lines (location chart only), for the zone rules. */
  zones: number[];
  /** Value scale ticks. */
  ticks: { value: number; y: number; label: string }[];
  /** Time labels under a few points. */
  timeLabels: { x: number; label: string }[];
}

/** "12.48": enough digits to tell the limits apart. */
export function formatSpcValue(value: number, decimals: number): string {
  return Number.isFinite(value) ? value.toFixed(decimals) : noValue;
}

/** Decimals that show a difference of `span / 50`. */
export function decimalsFor(span: number): number {
  if (!(span > 0) || !Number.isFinite(span)) return 2;
  return Math.max(0, Math.min(6, Math.ceil(-Math.log10(span / 50))));
}

function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const n = raw / power;
  return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * power;
}

export function chartGeometry(
  points: readonly { at: number; value: number }[],
  limits: SpcLimits | null,
  flagged: ReadonlySet<number>,
  box: ChartBox,
  options: { zones: boolean; timeZone: string; timeLabels?: number },
): ChartGeometry {
  const values = [...(limits === null ? [] : [limits.ucl, limits.lcl, limits.center]), ...points.map((p) => p.value)].filter(Number.isFinite);
  if (values.length === 0) values.push(0);
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (!(hi > lo)) {
    lo -= 1;
    hi += 1;
  }
  const pad = (hi - lo) * 0.08;
  lo -= pad;
  hi += pad;
  const plotW = box.width - box.left - box.right;
  const plotH = box.height - box.top - box.bottom;
  const y = (v: number) => box.top + plotH * (1 - (v - lo) / (hi - lo));
  const x = (i: number) => box.left + (points.length <= 1 ? plotW / 2 : (plotW * i) / (points.length - 1));
  const decimals = decimalsFor(limits === null ? hi - lo : limits.ucl - limits.lcl);
  const sigma = limits === null ? 0 : (limits.ucl - limits.center) / 3;
  const step = niceStep(hi - lo, 5);
  const ticks = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi; v += step) ticks.push({ value: v, y: y(v), label: formatSpcValue(v, Math.max(0, decimalsFor(step * 50))) });
  const labelCount = Math.min(points.length, options.timeLabels ?? 6);
  const timeLabels = [];
  for (let k = 0; k < labelCount; k++) {
    const i = labelCount === 1 ? 0 : Math.round((k * (points.length - 1)) / (labelCount - 1));
    timeLabels.push({ x: x(i), label: formatZoneSeconds(points[i]!.at, options.timeZone).slice(0, 5) });
  }
  return {
    points: points.map((p, i) => ({ index: i, at: p.at, value: p.value, x: x(i), y: y(p.value), flagged: flagged.has(i) })),
    limits:
      limits === null
        ? []
        : [
            { kind: 'ucl', value: limits.ucl, y: y(limits.ucl), label: `UCL ${formatSpcValue(limits.ucl, decimals)}` },
            { kind: 'center', value: limits.center, y: y(limits.center), label: `CL ${formatSpcValue(limits.center, decimals)}` },
            { kind: 'lcl', value: limits.lcl, y: y(limits.lcl), label: `LCL ${formatSpcValue(limits.lcl, decimals)}` },
          ],
    zones: options.zones && limits !== null && sigma > 0 ? [-2, -1, 1, 2].map((k) => y(limits.center + k * sigma)) : [],
    ticks,
    timeLabels,
  };
}

/** Indexes of the points of one chart that take part in a rule hit. */
export function flaggedPoints(rules: readonly SpcRuleHit[], chart: SpcRuleHit['chart']): Set<number> {
  const set = new Set<number>();
  for (const hit of rules) if (hit.chart === chart) for (const i of hit.points) set.add(i);
  return set;
}

export interface RuleRow {
  key: string;
  ruleText: string;
  nelsonText: string;
  name: string;
  chartText: string;
  timeText: string;
  points: number;
}

/** The rule hits, newest first. */
export function ruleRows(rules: readonly SpcRuleHit[], timeZone: string, kind: SpcChart['kind']): RuleRow[] {
  const [location, dispersion] = kind === 'xbar-r' ? ['X̄', 'R'] : ['X', 'MR'];
  return [...rules]
    .sort((a, b) => b.at - a.at || a.rule - b.rule)
    .map((hit) => ({
      key: `${hit.chart}:${hit.rule}:${hit.at}`,
      ruleText: `Rule ${hit.rule}`,
      nelsonText: hit.nelson === null ? 'no Nelson number' : `Nelson ${hit.nelson}`,
      name: hit.name,
      chartText: hit.chart === 'location' ? location! : dispersion!,
      timeText: hit.until > hit.at ? `${formatZoneDateTime(hit.at, timeZone)} – ${formatZoneSeconds(hit.until, timeZone).slice(0, 5)}` : formatZoneDateTime(hit.at, timeZone),
      points: hit.points.length,
    }));
}

export type CapabilityLevel = 'ok' | 'attention' | 'abnormal' | 'none';

export interface CapabilityRow {
  key: 'cp' | 'cpk' | 'pp' | 'ppk';
  label: string;
  text: string;
  level: CapabilityLevel;
  why?: string;
}

/** Below 1.00 the process makes out-of-spec parts; 1.33 is the usual minimum. */
export function capabilityLevel(index: number | null): CapabilityLevel {
  if (index === null || !Number.isFinite(index)) return 'none';
  return index < 1 ? 'abnormal' : index < 1.33 ? 'attention' : 'ok';
}

export function capabilityRows(capability: SpcChart['capability']): CapabilityRow[] {
  const labels = { cp: 'Cp', cpk: 'Cpk', pp: 'Pp', ppk: 'Ppk' } as const;
  return (['cp', 'cpk', 'pp', 'ppk'] as const).map((key) => {
    const value = capability?.[key] ?? null;
    const row: CapabilityRow = { key, label: labels[key], text: value === null ? noValue : value.toFixed(2), level: capabilityLevel(value) };
    const why = capability?.why[key];
    if (value === null && why !== undefined) row.why = why;
    return row;
  });
}

/** The chart names for a kind: ["X̄ chart", "R chart"] or ["Individuals (X)", "Moving range (MR)"]. */
export function chartTitles(kind: SpcChart['kind']): [string, string] {
  return kind === 'xbar-r' ? ['X̄ chart (subgroup means)', 'R chart (subgroup ranges)'] : ['Individuals chart (X)', 'Moving range chart (MR)'];
}
