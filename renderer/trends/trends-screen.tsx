/**
 * The Trends screen: up to eight pens from the tag browser on one chart, live (following
 * now) or over any range by preset, drag, wheel or pinch; the pens' values at the cursor;
 * saved trend sets; CSV and PNG export. React renders the frame, the pens and the range;
 * the chart itself is drawn by the TrendController outside React.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { TagInfo } from '../../core/contract/index.js';
import { useAppState, useServices } from '../app-context.js';
import { allTags } from '../plant/plant-lookup.js';
import { CaptureExportButton } from '../replay/capture-export.js';
import { downloadBlob } from './chart-export.js';
import type { GestureMode } from './chart-gestures.js';
import { ReadoutBoard } from './readout.js';
import type { TrendPen } from './pens.js';
import { PenSwatch, TagBrowser } from './tag-browser.js';
import { describeView, presetForSpan, rangePresets } from './time-range.js';
import { TrendController, runtimeNow } from './trend-controller.js';
import { exportFileName } from './trend-csv.js';
import { TrendSetsPanel } from './trend-sets-panel.js';
import './trends.css';
import './trend-side.css';

function useTagLookup(): (path: string) => TagInfo | undefined {
  const plant = useAppState((s) => s.plant);
  const map = useMemo(() => new Map(plant === null ? [] : allTags(plant).map((tag) => [tag.path, tag])), [plant]);
  return (path) => map.get(path);
}

function PenChip({ pen, tag, assetName, board }: { pen: TrendPen; tag: TagInfo | undefined; assetName: string; board: ReadoutBoard }) {
  const removeTrendPen = useAppState((s) => s.removeTrendPen);
  const root = useRef<HTMLDivElement>(null);
  const value = useRef<HTMLSpanElement>(null);
  const badge = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => board.bind(pen.path, { root: root.current!, value: value.current!, badge: badge.current! }), [board, pen.path]);
  return (
    <div ref={root} className="pen" data-testid="pen" data-tag={pen.path} data-quality="none">
      <PenSwatch colour={pen.colour} />
      <div className="pen-text">
        <div className="pen-name" title={`${pen.path}${tag === undefined ? '' : ` — ${tag.description}`}`}>
          <span className="pen-tag">{tag?.name ?? pen.path}</span>
          <span className="pen-asset">{assetName}</span>
        </div>
        <div className="pen-reading">
          <span ref={value} className="pen-value" data-testid="pen-value" />
          {tag !== undefined && tag.unit !== '' ? <span className="pen-unit">{tag.unit}</span> : null}
          <span ref={badge} className="badge pen-badge" data-testid="pen-quality" hidden />
        </div>
      </div>
      <button type="button" className="pen-remove" data-testid="pen-remove" aria-label={`Remove ${pen.path} from the chart`} onClick={() => removeTrendPen(pen.path)}>
        ×
      </button>
    </div>
  );
}

function PenList({ board }: { board: ReadoutBoard }) {
  const pens = useAppState((s) => s.trendPens);
  const plant = useAppState((s) => s.plant);
  const lookup = useTagLookup();
  const cursor = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => board.bindCursor(cursor.current!), [board]);
  const assetName = (path: string) => plant?.lines.flatMap((l) => l.assets).find((a) => path.startsWith(`${a.path}/`))?.name ?? '';
  return (
    <div className="pen-area">
      <div ref={cursor} className="pen-cursor" data-testid="cursor-time" />
      <div className="pen-list" data-count={pens.length}>
        {pens.map((pen) => (
          <PenChip key={pen.path} pen={pen} tag={lookup(pen.path)} assetName={assetName(pen.path)} board={board} />
        ))}
      </div>
    </div>
  );
}

interface ToolbarProps {
  controller: () => TrendController | null;
  mode: GestureMode;
  setMode: (mode: GestureMode) => void;
}

function TrendToolbar({ controller, mode, setMode }: ToolbarProps) {
  const { store } = useServices();
  const view = useAppState((s) => s.trendView);
  const pens = useAppState((s) => s.trendPens);
  const pickTrendPreset = useAppState((s) => s.pickTrendPreset);
  const goLive = useAppState((s) => s.goLive);
  const active = presetForSpan(view.spanMs);

  const exportCsv = () => {
    const c = controller();
    if (c === null) return;
    downloadBlob(new Blob([c.csv()], { type: 'text/csv;charset=utf-8' }), exportFileName(Date.now(), 'csv'));
  };
  const exportPng = () => {
    void controller()
      ?.png()
      .then((blob) => blob !== null && downloadBlob(blob, exportFileName(Date.now(), 'png')));
  };

  return (
    <div className="trend-toolbar">
      <div className="segmented" role="group" aria-label="Time range">
        {rangePresets.map((preset) => (
          <button
            type="button"
            key={preset.id}
            className="seg"
            data-testid="range-preset"
            data-range={preset.id}
            aria-pressed={active === preset.id}
            onClick={() => pickTrendPreset(preset.id, runtimeNow(store.getState()))}
          >
            {preset.label}
          </button>
        ))}
      </div>
      <button
        type="button"
        className="live-button"
        data-testid="live-button"
        data-live={view.live ? 'true' : 'false'}
        aria-pressed={view.live}
        onClick={goLive}
        title={view.live ? 'Following now' : 'Return to live: follow now'}
      >
        <span className="live-dot" aria-hidden="true" />
        {view.live ? 'Live' : 'Go live'}
      </button>
      <div className="segmented" role="group" aria-label="Drag on the chart to">
        <button type="button" className="seg" data-testid="mode-zoom" aria-pressed={mode === 'zoom'} onClick={() => setMode('zoom')} title="Drag across the chart to zoom into that time">
          Zoom
        </button>
        <button type="button" className="seg" data-testid="mode-pan" aria-pressed={mode === 'pan'} onClick={() => setMode('pan')} title="Drag the chart to move through time">
          Pan
        </button>
      </div>
      <div className="tt-spacer" />
      <button type="button" className="button" data-testid="export-csv" disabled={pens.length === 0} onClick={exportCsv}>
        Export CSV
      </button>
      <button type="button" className="button" data-testid="export-png" disabled={pens.length === 0} onClick={exportPng}>
        Export PNG
      </button>
      <CaptureExportButton />
    </div>
  );
}

function TrendMessage() {
  const message = useAppState((s) => s.trendMessage);
  const setTrendMessage = useAppState((s) => s.setTrendMessage);
  useEffect(() => {
    if (message === null) return;
    const timer = setTimeout(() => setTrendMessage(null), 8_000);
    return () => clearTimeout(timer);
  }, [message, setTrendMessage]);
  if (message === null) return null;
  return (
    <div className="trend-message" data-testid="trend-message" role="alert">
      <span>{message}</span>
      <button type="button" className="tm-close" aria-label="Dismiss" onClick={() => setTrendMessage(null)}>
        ×
      </button>
    </div>
  );
}

export function TrendsScreen() {
  const services = useServices();
  const view = useAppState((s) => s.trendView);
  const pens = useAppState((s) => s.trendPens);
  const [board] = useState(() => new ReadoutBoard());
  const [mode, setModeState] = useState<GestureMode>('zoom');
  const modeRef = useRef<GestureMode>('zoom');
  const chart = useRef<HTMLDivElement>(null);
  const plotHost = useRef<HTMLDivElement>(null);
  const status = useRef<HTMLDivElement>(null);
  const controller = useRef<TrendController | null>(null);

  useEffect(() => {
    const c = new TrendController(services, { chart: chart.current!, plotHost: plotHost.current!, status: status.current! }, board, () => modeRef.current);
    controller.current = c;
    return () => {
      c.destroy();
      controller.current = null;
    };
  }, [services, board]);

  const setMode = (next: GestureMode) => {
    modeRef.current = next;
    setModeState(next);
  };

  return (
    <main className="trends" data-testid="trends">
      <aside className="trend-side">
        <TagBrowser />
        <TrendSetsPanel />
      </aside>
      <section className="trend-main" aria-label="Trend chart">
        <TrendToolbar controller={() => controller.current} mode={mode} setMode={setMode} />
        <div className="trend-head">
          <h1 className="trend-title" data-testid="trend-range">
            {describeView(view)}
          </h1>
          <div ref={status} className="trend-status" data-testid="trend-status" hidden />
          <span className="trend-loading">Loading history…</span>
        </div>
        <TrendMessage />
        <div ref={chart} className="trend-chart" data-testid="trend-chart" data-mode={mode} data-live={view.live ? 'true' : 'false'} data-points="0" data-gaps="0" data-source="">
          <div ref={plotHost} className="trend-plot" />
          {pens.length === 0 ? (
            <div className="trend-empty">
              <div className="te-title">No pens yet</div>
              <div className="te-text">Tap up to 8 tags in the list on the left to trend them here.</div>
            </div>
          ) : null}
        </div>
        <PenList board={board} />
      </section>
    </main>
  );
}
