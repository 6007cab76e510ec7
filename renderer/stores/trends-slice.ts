/**
 * Trends slice: what the Trends screen shows — the pens and the view (live span, or a fixed
 * range) — and the last message for the operator. Slow data only: the samples a trend
 * draws never pass through here.
 */
import type { StateCreator } from 'zustand';
import type { TagInfo } from '../../core/contract/index.js';
import { addPen, removePen } from '../trends/pens.js';
import type { TrendPen } from '../trends/pens.js';
import { applyPreset, liveView } from '../trends/time-range.js';
import type { RangePresetId, TrendView } from '../trends/time-range.js';
import type { AppState } from './app-store.js';

export interface TrendsSlice {
  trendPens: TrendPen[];
  trendView: TrendView;
  /** A refusal or failure the operator should read (a 9th pen, a failed save); null when none. */
  trendMessage: string | null;
  /** Adds a tag as a pen; false (with trendMessage set) when refused. */
  addTrendPen(tag: TagInfo): boolean;
  removeTrendPen(path: string): void;
  setTrendPens(pens: TrendPen[]): void;
  setTrendView(view: TrendView): void;
  /** Picks a range preset at `now` (the runtime clock). */
  pickTrendPreset(id: RangePresetId, now: number): void;
  /** Back to following now, with the current span. */
  goLive(): void;
  setTrendMessage(message: string | null): void;
}

export const createTrendsSlice: StateCreator<AppState, [], [], TrendsSlice> = (set, get) => ({
  trendPens: [],
  trendView: liveView(),
  trendMessage: null,
  addTrendPen(tag) {
    const outcome = addPen(get().trendPens, tag);
    if (!outcome.ok) {
      set({ trendMessage: outcome.message });
      return false;
    }
    set({ trendPens: outcome.pens, trendMessage: null });
    return true;
  },
  removeTrendPen: (path) => set((s) => ({ trendPens: removePen(s.trendPens, path), trendMessage: null })),
  setTrendPens: (trendPens) => set({ trendPens, trendMessage: null }),
  setTrendView: (trendView) => set({ trendView }),
  pickTrendPreset: (id, now) => set((s) => ({ trendView: applyPreset(s.trendView, id, now) })),
  goLive: () => set((s) => ({ trendView: liveView(s.trendView.spanMs) })),
  setTrendMessage: (trendMessage) => set({ trendMessage }),
});
