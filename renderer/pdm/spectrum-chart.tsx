/**
 * A spectrum as SVG, drawn at the panel's own width: amplitude over frequency with labelled
 * axes and units, optional defect-frequency markers (a line each, labelled above the plot in
 * rows so that labels never overlap; the diagnosed family drawn strongest), an optional
 * shaded band (the envelope band on the acceleration spectrum), and a readout of the line
 * under the finger or the pointer.
 */
import { useMemo, useState } from 'react';
import type { PointerEvent } from 'react';
import type { DisplaySpectrum } from '../../core/contract/index.js';
import { useWidth } from '../components/use-width.js';
import type { AmplitudeScale } from '../stores/pdm-slice.js';
import type { ChartBox } from './axis-model.js';
import { formatG, formatHz, nearestLine, placeMarkerLabels, spectrumGeometry } from './spectrum-model.js';
import type { DefectMarker } from './spectrum-model.js';

export interface SpectrumChartProps {
  title: string;
  /** "g peak". */
  unitLabel: string;
  spectrum: Pick<DisplaySpectrum, 'frequencyHz' | 'amplitude'>;
  maxHz?: number;
  scale: AmplitudeScale;
  height: number;
  testId: string;
  markers?: readonly DefectMarker[];
  band?: { loHz: number; hiHz: number; label: string } | null;
}

const markerRows = 3;
const rowPx = 22;

export function SpectrumChart({ title, unitLabel, spectrum, maxHz, scale, height, testId, markers = [], band = null }: SpectrumChartProps) {
  const [ref, width] = useWidth<HTMLElement>(1000);
  const [cursor, setCursor] = useState<number | null>(null);
  const top = markers.length > 0 ? 12 + markerRows * rowPx : 16;
  const box: ChartBox = { width, height, left: 92, right: 28, top, bottom: 64 };
  const g = useMemo(() => spectrumGeometry(spectrum, box, { ...(maxHz === undefined ? {} : { maxHz }), scale }), [spectrum, width, height, top, maxHz, scale]);
  const placed = useMemo(() => placeMarkerLabels(markers, g.x, { rows: markerRows, charPx: 10.5 }), [markers, g]);
  const bottom = height - box.bottom;
  const right = width - box.right;

  const onPointer = (event: PointerEvent<SVGSVGElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    const px = event.clientX - rect.left;
    if (px < box.left || px > right) return setCursor(null);
    const hz = g.minHz + ((px - box.left) / (right - box.left)) * (g.maxHz - g.minHz);
    const i = nearestLine(spectrum, hz);
    setCursor(i < 0 ? null : i);
  };
  const cursorHz = cursor === null ? null : spectrum.frequencyHz[cursor]!;
  const cursorAmp = cursor === null ? null : spectrum.amplitude[cursor]!;

  return (
    <figure className="pd-chart" data-testid={`${testId}-figure`} ref={ref}>
      <figcaption className="pd-chart-title">
        <span>{title}</span>
        <span className="pd-readout" data-testid={`${testId}-readout`}>
          {cursorHz === null || cursorAmp === null ? 'Touch the chart to read a line' : `${formatHz(cursorHz)} · ${formatG(cursorAmp)}`}
        </span>
      </figcaption>
      <svg
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        className="pd-svg"
        role="img"
        aria-label={title}
        data-testid={testId}
        data-scale={scale}
        onPointerDown={onPointer}
        onPointerMove={(event) => event.buttons !== 0 || event.pointerType === 'mouse' ? onPointer(event) : undefined}
        onPointerLeave={() => setCursor(null)}
      >
        <rect x={box.left} y={box.top} width={right - box.left} height={bottom - box.top} className="pd-plot" />
        {band !== null && band.hiHz > g.minHz && band.loHz < g.maxHz ? (
          <g className="pd-band" data-testid={`${testId}-band`}>
            <rect x={g.x(Math.max(g.minHz, band.loHz))} y={box.top} width={Math.max(2, g.x(Math.min(g.maxHz, band.hiHz)) - g.x(Math.max(g.minHz, band.loHz)))} height={bottom - box.top} className="pd-band-fill" />
            <text x={g.x(Math.max(g.minHz, band.loHz)) + 8} y={box.top + 24} className="pd-band-label">
              {band.label}
            </text>
          </g>
        ) : null}
        {g.yTicks.map((t) => (
          <g key={`y${t.value}`}>
            <line x1={box.left} x2={right} y1={t.at} y2={t.at} className="pd-grid" />
            <text x={box.left - 10} y={t.at + 6} textAnchor="end" className="pd-axis">
              {t.label}
            </text>
          </g>
        ))}
        {g.xTicks.map((t) => (
          <g key={`x${t.value}`}>
            <line x1={t.at} x2={t.at} y1={bottom} y2={bottom + 6} className="pd-tick" />
            <text x={t.at} y={bottom + 26} textAnchor="middle" className="pd-axis">
              {t.label}
            </text>
          </g>
        ))}
        {placed.map((m) => (
          <g key={`${m.family}${m.harmonic}`} className="pd-marker" data-testid="defect-marker" data-family={m.family} data-harmonic={m.harmonic} data-strong={m.strong ? 'true' : 'false'}>
            <line x1={m.x} x2={m.x} y1={m.row === null ? box.top : 12 + m.row * rowPx + 6} y2={bottom} className="pd-marker-line" />
            {m.row !== null ? (
              <text x={m.x} y={12 + m.row * rowPx} textAnchor="middle" className="pd-marker-label">
                {m.label}
              </text>
            ) : null}
            <title>{`${m.label}: ${formatHz(m.hz)}`}</title>
          </g>
        ))}
        <path d={g.path} className="pd-line" />
        {cursorHz !== null ? <line x1={g.x(cursorHz)} x2={g.x(cursorHz)} y1={box.top} y2={bottom} className="pd-cursor" /> : null}
        <text x={box.left + (right - box.left) / 2} y={height - 8} textAnchor="middle" className="pd-axis-title">
          Frequency, Hz
        </text>
        <text x={18} y={box.top + (bottom - box.top) / 2} textAnchor="middle" className="pd-axis-title" transform={`rotate(-90 18 ${box.top + (bottom - box.top) / 2})`}>
          {`Amplitude, ${unitLabel}${scale === 'log' ? ' (log)' : ''}`}
        </text>
      </svg>
    </figure>
  );
}
