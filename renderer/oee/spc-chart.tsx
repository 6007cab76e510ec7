/**
 * One control chart as SVG: the points joined in time order, the center line and the
 * control limits labelled at the right, ±1σ/±2σ zone lines on the location chart, and the
 * points that take part in a rule hit drawn larger in the loss colour. Drawn at the panel's
 * own width in pixels (measured), so that its text keeps its size.
 */
import type { SpcLimits } from '../../core/contract/index.js';
import { useWidth } from '../components/use-width.js';
import { chartGeometry } from './spc-model.js';
import type { ChartBox } from './spc-model.js';

export interface SpcChartProps {
  title: string;
  points: readonly { at: number; value: number }[];
  limits: SpcLimits | null;
  flagged: ReadonlySet<number>;
  zones: boolean;
  timeZone: string;
  unit: string;
  height: number;
  testId: string;
}

export function SpcChartSvg({ title, points, limits, flagged, zones, timeZone, unit, height, testId }: SpcChartProps) {
  const [ref, width] = useWidth(1200);
  const box: ChartBox = { width, height, left: 90, right: 150, top: 14, bottom: 34 };
  const g = chartGeometry(points, limits, flagged, box, { zones, timeZone, timeLabels: 8 });
  const path = g.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
  return (
    <figure className="oe-spc-chart" data-testid={testId} ref={ref}>
      <figcaption className="oe-spc-title">
        {title}
        {unit !== '' ? <span className="oe-title-note"> {unit}</span> : null}
      </figcaption>
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} className="oe-spc-svg" role="img" aria-label={title}>
        <rect x={box.left} y={box.top} width={width - box.left - box.right} height={height - box.top - box.bottom} className="oe-spc-plot" />
        {g.ticks.map((t) => (
          <g key={t.value}>
            <line x1={box.left} x2={width - box.right} y1={t.y} y2={t.y} className="oe-spc-grid" />
            <text x={box.left - 10} y={t.y + 6} textAnchor="end" className="oe-spc-axis">
              {t.label}
            </text>
          </g>
        ))}
        {g.zones.map((y, i) => (
          <line key={i} x1={box.left} x2={width - box.right} y1={y} y2={y} className="oe-spc-zone" />
        ))}
        {g.limits.map((l) => (
          <g key={l.kind}>
            <line x1={box.left} x2={width - box.right} y1={l.y} y2={l.y} className="oe-spc-limit" data-kind={l.kind} />
            <text x={width - box.right + 8} y={l.y + 6} className="oe-spc-limit-label" data-kind={l.kind}>
              {l.label}
            </text>
          </g>
        ))}
        <path d={path} className="oe-spc-line" />
        {g.points.map((p) =>
          p.flagged ? (
            <circle key={p.index} cx={p.x} cy={p.y} r={8} className="oe-spc-point" data-flagged="true">
              <title>{p.value}</title>
            </circle>
          ) : (
            <circle key={p.index} cx={p.x} cy={p.y} r={4} className="oe-spc-point" data-flagged="false" />
          ),
        )}
        {g.timeLabels.map((t, i) => (
          <text key={i} x={t.x} y={height - 8} textAnchor="middle" className="oe-spc-axis">
            {t.label}
          </text>
        ))}
      </svg>
    </figure>
  );
}
