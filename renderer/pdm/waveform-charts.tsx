/**
 * The waveform as two SVGs: the whole record as a band between its columns' least and
 * greatest values with the detail window outlined on it (a tap there moves the window), and
 * the detail stretch of raw samples. Time in s (whole record) and ms (the detail); amplitude
 * in the record's unit. The controls under them move the window and choose its length.
 */
import type { PointerEvent } from 'react';
import type { WaveformView } from '../../core/contract/index.js';
import { useWidth } from '../components/use-width.js';
import type { ChartBox } from './axis-model.js';
import { detailAround, detailGeometry, detailLengths, formatSeconds, overviewGeometry, stepDetail } from './waveform-model.js';

function AxisTitles({ box, width, height, x, y }: { box: ChartBox; width: number; height: number; x: string; y: string }) {
  const mid = box.top + (height - box.top - box.bottom) / 2;
  return (
    <>
      <text x={box.left + (width - box.left - box.right) / 2} y={height - 6} textAnchor="middle" className="pd-axis-title">
        {x}
      </text>
      <text x={18} y={mid} textAnchor="middle" className="pd-axis-title" transform={`rotate(-90 18 ${mid})`}>
        {y}
      </text>
    </>
  );
}

export interface WaveformChartsProps {
  view: WaveformView;
  /** The detail window asked for; the view's detail holds the samples from `view.detailFromS` on. */
  detailFromS: number;
  detailS: number;
  /** Moves the window; without it the detail is fixed (a file analysed by hand keeps only the stretch it came with). */
  onDetail?(fromS: number, lengthS: number): void;
  /** While a new detail is on its way. */
  busy?: boolean;
}

export function WaveformCharts({ view, detailFromS, detailS, onDetail, busy = false }: WaveformChartsProps) {
  const [ref, width] = useWidth<HTMLDivElement>(1200);
  const overviewBox: ChartBox = { width, height: 230, left: 92, right: 24, top: 12, bottom: 60 };
  const detailBox: ChartBox = { width, height: 300, left: 92, right: 24, top: 12, bottom: 60 };
  const o = overviewGeometry(view, overviewBox, { fromS: detailFromS, lengthS: detailS });
  const d = detailGeometry(view, detailBox, detailS);
  const unit = view.unit;
  const onTap = (event: PointerEvent<SVGSVGElement>) => {
    if (onDetail === undefined) return;
    const rect = event.currentTarget.getBoundingClientRect();
    onDetail(detailAround(o.timeAt(event.clientX - rect.left), detailS, view.durationS), detailS);
  };
  const overviewBottom = overviewBox.height - overviewBox.bottom;
  const detailBottom = detailBox.height - detailBox.bottom;
  return (
    <div className="pd-waveform" ref={ref}>
      <figure className="pd-chart">
        <figcaption className="pd-chart-title">
          <span>Whole record</span>
          <span className="pd-readout">
            {formatSeconds(view.durationS)} · {view.samples.toLocaleString('en-GB')} samples at {view.sampleRateHz.toLocaleString('en-GB')} Hz
            {onDetail === undefined ? '' : ' · tap to move the detail window'}
          </span>
        </figcaption>
        <svg width={width} height={overviewBox.height} viewBox={`0 0 ${width} ${overviewBox.height}`} className={onDetail === undefined ? 'pd-svg' : 'pd-svg pd-tappable'} role="img" aria-label="The whole waveform record" data-testid="waveform-overview" onPointerDown={onTap}>
          <rect x={overviewBox.left} y={overviewBox.top} width={width - overviewBox.left - overviewBox.right} height={overviewBottom - overviewBox.top} className="pd-plot" />
          {o.yTicks.map((t) => (
            <g key={`y${t.value}`}>
              <line x1={overviewBox.left} x2={width - overviewBox.right} y1={t.at} y2={t.at} className={t.value === 0 ? 'pd-zero' : 'pd-grid'} />
              <text x={overviewBox.left - 10} y={t.at + 6} textAnchor="end" className="pd-axis">
                {t.label}
              </text>
            </g>
          ))}
          {o.xTicks.map((t) => (
            <text key={`x${t.value}`} x={t.at} y={overviewBottom + 26} textAnchor="middle" className="pd-axis">
              {t.label}
            </text>
          ))}
          <path d={o.band} className="pd-wave-band" />
          <rect x={o.window.x1} y={overviewBox.top} width={Math.max(4, o.window.x2 - o.window.x1)} height={overviewBottom - overviewBox.top} className="pd-window" data-testid="waveform-window" />
          <AxisTitles box={overviewBox} width={width} height={overviewBox.height} x="Time, s" y={unit} />
        </svg>
      </figure>
      <figure className="pd-chart">
        <figcaption className="pd-chart-title">
          <span>
            Detail: {formatSeconds(view.detailFromS)} – {formatSeconds(view.detailFromS + detailS)}
          </span>
          <span className="pd-readout">{busy ? 'Loading…' : `${d.samples.toLocaleString('en-GB')} raw samples`}</span>
        </figcaption>
        <svg width={width} height={detailBox.height} viewBox={`0 0 ${width} ${detailBox.height}`} className="pd-svg" role="img" aria-label="The detail of the waveform" data-testid="waveform-detail" data-busy={busy ? 'true' : 'false'}>
          <rect x={detailBox.left} y={detailBox.top} width={width - detailBox.left - detailBox.right} height={detailBottom - detailBox.top} className="pd-plot" />
          {d.yTicks.map((t) => (
            <g key={`y${t.value}`}>
              <line x1={detailBox.left} x2={width - detailBox.right} y1={t.at} y2={t.at} className={t.value === 0 ? 'pd-zero' : 'pd-grid'} />
              <text x={detailBox.left - 10} y={t.at + 6} textAnchor="end" className="pd-axis">
                {t.label}
              </text>
            </g>
          ))}
          {d.xTicks.map((t) => (
            <text key={`x${t.value}`} x={t.at} y={detailBottom + 26} textAnchor="middle" className="pd-axis">
              {t.label}
            </text>
          ))}
          <path d={d.path} className="pd-wave-line" />
          <AxisTitles box={detailBox} width={width} height={detailBox.height} x={`Time, ${d.timeUnit}`} y={unit} />
        </svg>
      </figure>
      {onDetail === undefined ? null : (
        <div className="pd-controls" role="group" aria-label="Detail window">
          <button type="button" className="oe-button" data-testid="waveform-earlier" disabled={detailFromS <= 0} onClick={() => onDetail(stepDetail(detailFromS, detailS, view.durationS, -1), detailS)}>
            ◀ Earlier
          </button>
          <button type="button" className="oe-button" data-testid="waveform-later" disabled={detailFromS + detailS >= view.durationS - 1e-6} onClick={() => onDetail(stepDetail(detailFromS, detailS, view.durationS, 1), detailS)}>
            Later ▶
          </button>
          <span className="field-label pd-controls-label">Window</span>
          <div className="oe-segmented" role="group" aria-label="Window length">
            {detailLengths.map((length) => (
              <button key={length} type="button" className="oe-seg" data-testid="waveform-length" data-length={length} aria-pressed={Math.abs(length - detailS) < 1e-9} onClick={() => onDetail(detailAround(detailFromS + detailS / 2, length, view.durationS), length)}>
                {formatSeconds(length)}
              </button>
            ))}
          </div>
        </div>
      )}
    </div>
  );
}
