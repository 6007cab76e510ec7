/**
 * The trend chart's engine, outside React: it follows the store's pens and view, loads
 * history through the HistoryLoader, appends live samples from the LiveStore to each pen's
 * columns as they are applied, and redraws uPlot at most once per animation frame. It also
 * keeps the alarm markers of the pens' tags (alarm-markers.ts), paints the pen readouts,
 * keeps the chart's test attributes (`data-points`, `data-gaps`, `data-source`, `data-live`,
 * `data-loading`, `data-last-ts`: the newest point held) and records
 * `window.__linesideTrendTiming`.
 */
import uPlot from 'uplot';
import type { TagInfo } from '../../core/contract/index.js';
import type { AppServices } from '../app-context.js';
import { formatTimestamp } from '../live/format.js';
import { allTags } from '../plant/plant-lookup.js';
import type { AppState } from '../stores/app-store.js';
import { runtimeClockNow } from '../stores/runtime-clock.js';
import { AlarmMarkers } from './alarm-markers.js';
import { attachGestures } from './chart-gestures.js';
import type { GestureMode } from './chart-gestures.js';
import { chartOptions } from './chart-options.js';
import { chartPng } from './chart-export.js';
import { HistoryLoader } from './history-loader.js';
import type { LoadedHistory } from './history-loader.js';
import { PenSeries, alignPens } from './pen-series.js';
import type { AlignedColumns } from './pen-series.js';
import type { TrendPen } from './pens.js';
import { readingOf } from './readout.js';
import type { ReadoutBoard } from './readout.js';
import { trendCsv } from './trend-csv.js';
import { describeView, fixedView, maxGapFor, pixelMs, viewRange } from './time-range.js';
import type { TimeRange, TrendView } from './time-range.js';

export interface TrendElements {
  /** The `trend-chart` element: gestures and test attributes. */
  chart: HTMLElement;
  /** Where uPlot mounts (React renders nothing inside it). */
  plotHost: HTMLElement;
  /** A line for history errors. */
  status: HTMLElement;
}

declare global {
  interface Window {
    __linesideTrendTiming?: { lastRequestToPaintMs: number };
  }
}

/** The runtime clock (the status bar's; the replay clock in replay), or this machine's clock before the first status. */
export function runtimeNow(state: AppState): number {
  return runtimeClockNow(state);
}

/** One line about failed history loads: the shared reason once, or the first pen's and how many more. */
function historyProblem(errors: readonly { path: string; message: string }[]): string {
  const first = errors[0];
  if (first === undefined) return '';
  if (errors.every((e) => e.message === first.message)) return `History not available: ${first.message}`;
  return `History not available for ${first.path}: ${first.message} (and ${errors.length - 1} more)`;
}

export class TrendController {
  private plot: uPlot | null = null;
  private pens: TrendPen[] = [];
  private readonly series = new Map<string, PenSeries>();
  private readonly stopListening = new Map<string, () => void>();
  private readonly sources = new Map<string, string>();
  private tags = new Map<string, TagInfo>();
  private view: TrendView;
  private range: TimeRange = { from: 0, to: 1 };
  /** What uPlot draws now (the CSV export reads it too). */
  private data: AlignedColumns = [[]];
  private frame: number | null = null;
  private cursorLeft = -1;
  /** performance.now() when the queries behind history not yet drawn went out. */
  private pendingTiming: number | null = null;
  /** The same, for the setData of this frame: read by uPlot's draw hook. */
  private drawTiming: number | null = null;
  private lastTrim = 0;
  private readonly loader: HistoryLoader;
  private readonly markers: AlarmMarkers;
  private readonly cleanups: (() => void)[] = [];

  constructor(
    private readonly services: AppServices,
    private readonly elements: TrendElements,
    private readonly board: ReadoutBoard,
    private readonly mode: () => GestureMode,
  ) {
    const { store } = services;
    this.loader = new HistoryLoader({ client: services.client, onLoaded: (loaded) => this.onLoaded(loaded) });
    this.markers = new AlarmMarkers(services, () => this.plot, () => this.range);
    const state = store.getState();
    this.view = state.trendView;
    this.setTags(state);
    this.range = viewRange(this.view, this.now());
    this.cleanups.push(
      store.subscribe((s, prev) => {
        if (s.plant !== prev.plant) this.setTags(s);
        if (s.trendPens !== prev.trendPens) this.setPens(s.trendPens);
        if (s.trendView !== prev.trendView) this.setView(s.trendView);
        // Back after a connection loss: fill what was missed (live) or retry what failed (fixed).
        if (s.connection === 'connected' && prev.connection !== 'connected') this.reload(true);
        // Replay: the clock jumped (a seek, a step): load the window again rather than append across the jump.
        if (s.replayJumps !== prev.replayJumps) this.reload(true);
      }),
      attachGestures(elements.chart, {
        plot: () => this.plot,
        mode: this.mode,
        range: () => this.range,
        // The first move of a gesture leaves live (else the next live frame would snap back to now).
        preview: (range) => (this.view.live ? store.getState().setTrendView(fixedView(range)) : this.showRange(range)),
        commit: (range) => store.getState().setTrendView(fixedView(range)),
        tap: (left, top) => this.plot?.setCursor({ left, top }),
      }),
    );
    const resize = new ResizeObserver(() => this.resize());
    resize.observe(elements.plotHost);
    this.cleanups.push(() => resize.disconnect());
    // Live: scroll with the clock even when no sample arrives (a silent pen must show as silent).
    const tick = setInterval(() => {
      if (this.view.live) this.schedule();
    }, 1_000);
    this.cleanups.push(() => clearInterval(tick));
    this.setPens(state.trendPens);
    this.reload(true);
  }

  destroy(): void {
    this.cleanups.forEach((cleanup) => cleanup());
    this.loader.stop();
    this.markers.destroy();
    for (const stop of this.stopListening.values()) stop();
    this.stopListening.clear();
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    this.plot?.destroy();
    this.plot = null;
  }

  /** The CSV of what is drawn in the visible range. */
  csv(): string {
    const columns = this.pens.map((pen) => ({ path: pen.path, unit: this.tags.get(pen.path)?.unit ?? '' }));
    return trendCsv(columns, this.data, this.range.from, this.range.to);
  }

  png(): Promise<Blob | null> {
    if (this.plot === null) return Promise.resolve(null);
    const legend = this.pens.map((pen) => {
      const tag = this.tags.get(pen.path);
      return { label: tag === undefined ? pen.path : `${pen.path}${tag.unit === '' ? '' : ` [${tag.unit}]`}`, colour: pen.colour };
    });
    return chartPng(this.plot, describeView(this.view), legend);
  }

  private now(): number {
    return runtimeNow(this.services.store.getState());
  }

  private setTags(state: AppState): void {
    this.tags = new Map(state.plant === null ? [] : allTags(state.plant).map((tag) => [tag.path, tag]));
    if (this.pens.length > 0) this.rebuildPlot();
    this.updateMarkers();
  }

  private lookup = (path: string) => this.tags.get(path);

  private width(): number {
    if (this.plot !== null) return Math.max(1, Math.round(this.plot.bbox.width / uPlot.pxRatio));
    return Math.max(1, this.elements.plotHost.clientWidth - 120);
  }

  private maxGap(path: string, range: TimeRange = this.range): number {
    return maxGapFor(this.tags.get(path)?.sampleRateMs ?? 1_000, range, this.width());
  }

  private setPens(pens: TrendPen[]): void {
    const before = new Set(this.pens.map((pen) => pen.path));
    const now = new Set(pens.map((pen) => pen.path));
    for (const path of before) {
      if (now.has(path)) continue;
      this.stopListening.get(path)?.();
      this.stopListening.delete(path);
      this.series.delete(path);
      this.sources.delete(path);
      this.loader.forget(path);
    }
    const added = pens.filter((pen) => !before.has(pen.path));
    for (const pen of added) {
      this.series.set(pen.path, new PenSeries());
      this.stopListening.set(
        pen.path,
        this.services.live.listen(pen.path, (ts, value, quality) => this.onSample(pen.path, ts, value, quality)),
      );
    }
    this.pens = pens;
    this.rebuildPlot();
    this.updateMarkers();
    if (added.length > 0) {
      if (this.view.live) this.range = viewRange(this.view, this.now());
      this.loader.request(
        added.map((pen) => ({ path: pen.path, maxGapMs: this.maxGap(pen.path) })),
        this.range,
        this.width(),
        false,
      );
      this.setLoading(true);
    }
    this.elements.chart.dataset.pens = String(pens.length);
    this.schedule();
  }

  private setView(view: TrendView): void {
    const wasLive = this.view.live;
    this.view = view;
    this.elements.chart.dataset.live = view.live ? 'true' : 'false';
    this.showRange(viewRange(view, this.now()));
    // Leaving live keeps what is drawn until the history arrives; going live starts fresh from history.
    this.reload(true);
    if (!wasLive && view.live) this.lastTrim = 0;
  }

  /** Queries every pen for the current view. */
  private reload(replace: boolean): void {
    if (this.view.live) this.range = viewRange(this.view, this.now());
    this.elements.chart.dataset.live = this.view.live ? 'true' : 'false';
    this.updateMarkers();
    if (this.pens.length === 0) return;
    this.loader.request(
      this.pens.map((pen) => ({ path: pen.path, maxGapMs: this.maxGap(pen.path) })),
      this.range,
      this.width(),
      replace,
    );
    this.setLoading(true);
  }

  private updateMarkers(): void {
    this.markers.update(this.pens.map((pen) => this.tags.get(pen.path)), this.view.live);
  }

  private setLoading(loading: boolean): void {
    this.elements.chart.dataset.loading = loading ? 'true' : 'false';
  }

  /** Moves the x scale now (gestures, view changes); the data stays until new history arrives. */
  private showRange(range: TimeRange): void {
    this.range = range;
    this.plot?.setScale('x', { min: range.from, max: range.to });
    this.paintCounts();
    this.paintReadouts();
  }

  private onSample(path: string, ts: number, value: number | null, quality: 'good' | 'uncertain' | 'bad'): void {
    if (!this.view.live) return;
    const series = this.series.get(path);
    if (series === undefined) return;
    const range = viewRange(this.view, Math.max(this.now(), ts));
    if (series.appendLive(ts, value, quality, { bucketMs: pixelMs(range, this.width()), maxGapMs: this.maxGap(path, range) })) this.schedule();
  }

  private onLoaded(loaded: LoadedHistory): void {
    const errors: { path: string; message: string }[] = [];
    for (const { path, result } of loaded.pens) {
      const series = this.series.get(path);
      if (series === undefined) continue;
      if (!result.ok) {
        errors.push({ path, message: result.error.message });
        this.sources.delete(path);
        if (!this.view.live) series.clear();
        continue;
      }
      series.setHistory(result.value, this.view.live ? loaded.range.to : undefined);
      this.sources.set(path, result.value.source);
    }
    const status = historyProblem(errors);
    if (this.elements.status.textContent !== status) this.elements.status.textContent = status;
    this.elements.status.hidden = status === '';
    this.elements.chart.dataset.source = this.pens.flatMap((pen) => this.sources.get(pen.path) ?? []).join(',');
    if (!this.loader.busy) this.setLoading(false);
    this.pendingTiming = loaded.issuedAt;
    this.schedule();
  }

  private schedule(): void {
    if (this.frame !== null) return;
    this.frame = requestAnimationFrame(() => this.draw());
  }

  /** One frame: trim and follow now when live, join the pens' columns, hand them to uPlot once. */
  private draw(): void {
    this.frame = null;
    if (this.view.live) {
      this.range = viewRange(this.view, this.now());
      if (this.range.to - this.lastTrim > 2_000) {
        this.lastTrim = this.range.to;
        for (const series of this.series.values()) series.trimBefore(this.range.from);
      }
    }
    this.data = alignPens(this.pens.map((pen) => this.series.get(pen.path)!));
    this.drawTiming = this.pendingTiming;
    this.pendingTiming = null;
    this.plot?.setData(this.data as uPlot.AlignedData);
    this.paintCounts();
    this.paintReadouts();
  }

  private paintCounts(): void {
    let points = 0;
    let gaps = 0;
    for (const pen of this.pens) {
      const counts = this.series.get(pen.path)!.counts(this.range.from, this.range.to);
      points += counts.points;
      gaps += counts.gaps;
    }
    const chart = this.elements.chart;
    let last = -Infinity;
    for (const series of this.series.values()) last = Math.max(last, series.lastTime);
    const lastText = Number.isFinite(last) ? String(last) : '';
    if (chart.dataset.lastTs !== lastText) chart.dataset.lastTs = lastText;
    if (chart.dataset.points !== String(points)) chart.dataset.points = String(points);
    if (chart.dataset.gaps !== String(gaps)) chart.dataset.gaps = String(gaps);
  }

  private paintReadouts(): void {
    const plot = this.plot;
    const atCursor = plot !== null && this.cursorLeft >= 0 ? plot.posToVal(this.cursorLeft, 'x') : null;
    const now = this.now();
    if (atCursor !== null) this.board.paintCursor(`At ${formatTimestamp(atCursor, now)}`, true);
    else this.board.paintCursor(this.view.live ? 'Latest values' : `At ${formatTimestamp(this.range.to, now)} (end of view)`, false);
    for (const pen of this.pens) {
      const info = this.tags.get(pen.path);
      if (atCursor === null && this.view.live) {
        const entry = this.services.live.entry(pen.path);
        const hasValue = entry.receivedAt > -Infinity;
        const value = typeof entry.value === 'number' ? entry.value : null;
        this.board.paint(pen.path, readingOf(hasValue ? { value, quality: entry.quality } : null, info, entry.stale));
        continue;
      }
      const x = atCursor ?? this.range.to;
      this.board.paint(pen.path, readingOf(this.series.get(pen.path)!.at(x, this.maxGap(pen.path)), info));
    }
  }

  private rebuildPlot(): void {
    this.plot?.destroy();
    this.plot = null;
    this.cursorLeft = -1;
    const host = this.elements.plotHost;
    const width = Math.max(200, Math.floor(host.clientWidth));
    const height = Math.max(150, Math.floor(host.clientHeight));
    const options = chartOptions({
      pens: this.pens,
      lookup: this.lookup,
      width,
      height,
      range: () => this.range,
      hooks: {
        setCursor: [
          (u) => {
            this.cursorLeft = u.cursor.left ?? -1;
            this.paintReadouts();
          },
        ],
        draw: [
          (u) => this.markers.position(u),
          () => {
            if (this.drawTiming === null) return;
            window.__linesideTrendTiming = { lastRequestToPaintMs: performance.now() - this.drawTiming };
            this.drawTiming = null;
          },
        ],
      },
    });
    this.data = alignPens(this.pens.map((pen) => this.series.get(pen.path)!));
    this.plot = new uPlot(options, this.data as uPlot.AlignedData, host);
  }

  private resize(): void {
    const plot = this.plot;
    if (plot === null) return;
    const host = this.elements.plotHost;
    const width = Math.max(200, Math.floor(host.clientWidth));
    const height = Math.max(150, Math.floor(host.clientHeight));
    if (width === plot.width && height === plot.height) return;
    const widthChanged = width !== plot.width;
    plot.setSize({ width, height });
    // A fixed view at a new width needs the points for it; live keeps appending as it is.
    if (widthChanged && !this.view.live) this.reload(true);
  }
}
