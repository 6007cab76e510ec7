/** Navigation slice: which screen is shown (L1 overview, an L3 asset page, the trends, or the OPC UA connections). */
import type { StateCreator } from 'zustand';
import type { AppState } from './app-store.js';

export type Screen = { kind: 'overview' } | { kind: 'asset'; path: string } | { kind: 'trends' } | { kind: 'connections' };

export interface NavigationSlice {
  screen: Screen;
  showOverview(): void;
  showAsset(path: string): void;
  showTrends(): void;
  showConnections(): void;
}

export const createNavigationSlice: StateCreator<AppState, [], [], NavigationSlice> = (set) => ({
  screen: { kind: 'overview' },
  showOverview: () => set({ screen: { kind: 'overview' } }),
  showAsset: (path) => set({ screen: { kind: 'asset', path } }),
  showTrends: () => set({ screen: { kind: 'trends' } }),
  showConnections: () => set({ screen: { kind: 'connections' } }),
});
