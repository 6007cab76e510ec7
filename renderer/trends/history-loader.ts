/**
 * Loads trend history through `queryDisplay`: requests are debounced (a wheel zoom fires
 * many), every pen of a request is queried in parallel, and the answers are handed over
 * together once all have arrived. Each pen carries a token per request: an answer for a
 * view that has since changed (or for a pen since removed) is dropped, never drawn. Plain
 * TypeScript with injected timers, no DOM.
 */
import type { DisplaySeries, HmiApi, Result } from '../../core/contract/index.js';
import type { TimeRange } from './time-range.js';

export interface PenQuery {
  path: string;
  maxGapMs: number;
}

export interface LoadedPen {
  path: string;
  result: Result<DisplaySeries>;
}

export interface LoadedHistory {
  range: TimeRange;
  width: number;
  pens: LoadedPen[];
  /** performance.now() when the queries went out. */
  issuedAt: number;
}

export interface HistoryLoaderOptions {
  client: Pick<HmiApi, 'queryDisplay'>;
  onLoaded: (loaded: LoadedHistory) => void;
  debounceMs?: number;
  monotonicNow?: () => number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export class HistoryLoader {
  private readonly tokens = new Map<string, number>();
  private nextToken = 1;
  private pending = new Map<string, PenQuery>();
  private pendingRange: TimeRange | null = null;
  private pendingWidth = 1;
  private timer: unknown = null;
  private stopped = false;
  private readonly debounceMs: number;
  private readonly monotonicNow: () => number;
  private readonly setTimer: (run: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(private readonly options: HistoryLoaderOptions) {
    this.debounceMs = options.debounceMs ?? 100;
    this.monotonicNow = options.monotonicNow ?? (() => performance.now());
    this.setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
    this.clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  }

  /**
   * Schedules a load of `pens` over `range` at `width` pixels. `replace` (a new view) drops
   * whatever was scheduled and invalidates every answer still on its way; otherwise (a pen
   * added) the pens join what is scheduled, and the range is the latest one given.
   */
  request(pens: readonly PenQuery[], range: TimeRange, width: number, replace: boolean): void {
    if (this.stopped) return;
    if (replace) {
      this.pending.clear();
      for (const path of this.tokens.keys()) this.tokens.set(path, 0);
    }
    for (const pen of pens) this.pending.set(pen.path, pen);
    this.pendingRange = range;
    this.pendingWidth = Math.max(1, Math.min(8192, Math.round(width)));
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = this.setTimer(() => this.fire(), this.debounceMs);
  }

  /** Forgets a pen: a scheduled or running load of it is dropped. */
  forget(path: string): void {
    this.pending.delete(path);
    this.tokens.delete(path);
  }

  /** Whether a load is scheduled or on its way. */
  get busy(): boolean {
    return this.timer !== null || [...this.tokens.values()].some((token) => token > 0);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
    this.pending.clear();
    this.tokens.clear();
  }

  private fire(): void {
    this.timer = null;
    const range = this.pendingRange;
    const pens = [...this.pending.values()];
    this.pending.clear();
    if (range === null || pens.length === 0 || !(range.from < range.to)) return;
    const width = this.pendingWidth;
    const issued = pens.map((pen) => {
      const token = this.nextToken++;
      this.tokens.set(pen.path, token);
      return { pen, token };
    });
    const issuedAt = this.monotonicNow();
    const from = Math.round(range.from);
    const to = Math.round(range.to);
    void Promise.all(
      issued.map(({ pen }) =>
        this.options.client
          .queryDisplay({ path: pen.path, from, to, width, maxGapMs: pen.maxGapMs })
          .catch((error: unknown): Result<DisplaySeries> => ({
            ok: false,
            error: { code: 'internal', message: error instanceof Error ? error.message : String(error) },
          })),
      ),
    ).then((results) => {
      if (this.stopped) return;
      const current: LoadedPen[] = [];
      issued.forEach(({ pen, token }, i) => {
        if (this.tokens.get(pen.path) !== token) return;
        this.tokens.set(pen.path, 0);
        current.push({ path: pen.path, result: results[i]! });
      });
      if (current.length > 0) this.options.onLoaded({ range: { from, to }, width, pens: current, issuedAt });
    });
  }
}
