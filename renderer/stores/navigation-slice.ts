/** Navigation slice: which screen is shown (L1 overview, an L3 asset page, the trends, the alarms, or the OPC UA connections). */
import type { StateCreator } from 'zustand';
import type { AppState } from './app-store.js';

/** The alarm screen's views: the active list, the journal, the alarm-system health. */
export type AlarmView = 'active' | 'journal' | 'health';

export type Screen =
  | { kind: 'overview' }
  | { kind: 'asset'; path: string }
  | { kind: 'trends' }
  | { kind: 'alarms'; view: AlarmView }
  | { kind: 'connections' };

export interface NavigationSlice {
  screen: Screen;
  showOverview(): void;
  showAsset(path: string): void;
  showTrends(): void;
  showAlarms(view?: AlarmView): void;
  showConnections(): void;
}

export const createNavigationSlice: StateCreator<AppState, [], [], NavigationSlice> = (set) => ({
  screen: { kind: 'overview' },
  showOverview: () => set({ screen: { kind: 'overview' } }),
  showAsset: (path) => set({ screen: { kind: 'asset', path } }),
  showTrends: () => set({ screen: { kind: 'trends' } }),
  showAlarms: (view = 'active') => set({ screen: { kind: 'alarms', view } }),
  showConnections: () => set({ screen: { kind: 'connections' } }),
});
