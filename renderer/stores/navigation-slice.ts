/** Navigation slice: which screen is shown (L1 overview, an L3 asset page, or the trends). */
import type { StateCreator } from 'zustand';
import type { AppState } from './app-store.js';

export type Screen = { kind: 'overview' } | { kind: 'asset'; path: string } | { kind: 'trends' };

export interface NavigationSlice {
  screen: Screen;
  showOverview(): void;
  showAsset(path: string): void;
  showTrends(): void;
}

export const createNavigationSlice: StateCreator<AppState, [], [], NavigationSlice> = (set) => ({
  screen: { kind: 'overview' },
  showOverview: () => set({ screen: { kind: 'overview' } }),
  showAsset: (path) => set({ screen: { kind: 'asset', path } }),
  showTrends: () => set({ screen: { kind: 'trends' } }),
});
