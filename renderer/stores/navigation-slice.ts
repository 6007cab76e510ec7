/** Navigation slice: which screen is shown (L1 overview or an L3 asset page). */
import type { StateCreator } from 'zustand';
import type { AppState } from './app-store.js';

export type Screen = { kind: 'overview' } | { kind: 'asset'; path: string };

export interface NavigationSlice {
  screen: Screen;
  showOverview(): void;
  showAsset(path: string): void;
}

export const createNavigationSlice: StateCreator<AppState, [], [], NavigationSlice> = (set) => ({
  screen: { kind: 'overview' },
  showOverview: () => set({ screen: { kind: 'overview' } }),
  showAsset: (path) => set({ screen: { kind: 'asset', path } }),
});
