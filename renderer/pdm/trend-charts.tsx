/**
 * The feature trends as small multiples: one SVG per feature of `featureInfo` over the same
 * period, each with its newest value, its scale, the healthy baseline period shaded and the
 * start of each anomaly marked; the velocity with the ISO zone boundaries as dashed lines.
 */
import type { AnomalyEvent, FeaturePoint, ZoneBoundaries } from '../../core/contract/index.js';
import { useWidth } from '../components/use-width.js';
import type { ChartBox } from './axis-model.js';
import { trendGeometry, trendPanels, trendSpan } from './trend-model.js';
import type { TrendPanel } from './trend-model.js';

interface TrendChartsProps {
  trend: readonly FeaturePoint[];
  boundaries: ZoneBoundaries | null;
  baseline: { from: number | null; to: number | null } | null;
  anomalies: readonly (AnomalyEvent & { open: boolean })[];
  timeZone: string;
}

function TrendChart({ panel, span, baseline, anomalies, timeZone }: { panel: TrendPanel; span: { from: number; to: number } } & Omit<TrendChartsProps, 'trend' | 'boundaries'>) {
  const [ref, width] = useWidth<HTMLElement>(420, 240);
  const height = 190;
  const box: ChartBox = { width, height, left: 60, right: 14, top: 10, bottom: 34 };
  const g = trendGeometry(panel, box, { span, timeZone, ...(baseline === null ? {} : { baseline }), anomalies, xTickCount: Math.max(2, Math.floor(width / 120)) });
  const bottom = height - box.bottom;
  const right = width - box.right;
  return (
    <figure className="pd-trend" data-testid="feature-trend" data-feature={panel.feature} ref={ref}>
      <figcaption className="pd-trend-head">
        <span className="pd-trend-title">{panel.title}</span>
        <span className="pd-trend-value">{panel.latestText ?? 'No values'}</span>
      </figcaption>
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} className="pd-svg" role="img" aria-label={`${panel.title} trend`}>
        <rect x={box.left} y={box.top} width={right - box.left} height={bottom - box.top} className="pd-plot" />
        {g.baseline !== null ? (
          <g>
            <rect x={g.baseline.x1} y={box.top} width={Math.max(2, g.baseline.x2 - g.baseline.x1)} height={bottom - box.top} className="pd-baseline" />
            <text x={g.baseline.x1 + 6} y={bottom - 8} className="pd-baseline-label">
              baseline
            </text>
          </g>
        ) : null}
        {g.yTicks.map((t) => (
          <g key={`y${t.value}`}>
            <line x1={box.left} x2={right} y1={t.at} y2={t.at} className="pd-grid" />
            <text x={box.left - 8} y={t.at + 6} textAnchor="end" className="pd-axis pd-axis-small">
              {t.label}
            </text>
          </g>
        ))}
        {g.xTicks.map((t) => (
          // A label near an end of the axis is kept inside the chart.
          <text key={`x${t.value}`} x={t.at} y={height - 8} textAnchor={t.at > right - 50 ? 'end' : t.at < box.left + 50 ? 'start' : 'middle'} className="pd-axis pd-axis-small">
            {t.label}
          </text>
        ))}
        {g.refLines.map((r) => (
          <g key={r.label}>
            <line x1={box.left} x2={right} y1={r.y} y2={r.y} className="pd-ref" />
            <text x={right - 6} y={r.y - 5} textAnchor="end" className="pd-ref-label">
              {r.label}
            </text>
          </g>
        ))}
        {g.anomalies.map((a) => (
          <g key={a.x} className="pd-anomaly-mark" data-open={a.open ? 'true' : 'false'}>
            <line x1={a.x} x2={a.x} y1={box.top} y2={bottom} />
            <path d={`M${a.x - 7},${box.top} L${a.x + 7},${box.top} L${a.x},${box.top + 11} Z`} />
            <title>{a.text}</title>
          </g>
        ))}
        <path d={g.path} className="pd-trend-line" />
        {g.last !== null ? <circle cx={g.last.x} cy={g.last.y} r={5} className="pd-trend-last" /> : null}
      </svg>
    </figure>
  );
}

export function TrendCharts({ trend, boundaries, baseline, anomalies, timeZone }: TrendChartsProps) {
  const span = trendSpan(trend);
  if (span === null) return <p className="oe-empty">No feature points in this period yet.</p>;
  return (
    <div className="pd-trends" data-testid="feature-trends">
      {trendPanels(trend, boundaries).map((panel) => (
        <TrendChart key={panel.feature} panel={panel} span={span} baseline={baseline} anomalies={anomalies} timeZone={timeZone} />
      ))}
    </div>
  );
}
