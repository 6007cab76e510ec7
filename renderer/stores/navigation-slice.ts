/** Navigation slice: which screen is shown (L1 overview, an L3 asset page, the trends, the alarms, the OEE screens, the maintenance screens, the OPC UA connections, the user accounts, the audit trail or engineering). */
import type { StateCreator } from 'zustand';
import type { AppState } from './app-store.js';

/** The alarm screen's views: the active list, the journal, the alarm-system health. */
export type AlarmView = 'active' | 'journal' | 'health';

/** The OEE screen's views: the line's OEE with its downtime, the printable shift report, the SPC charts. */
export type OeeView = 'line' | 'report' | 'spc';

/**
 * The maintenance screens' views: the fleet health with the work requests, one asset's
 * health page (L3/L4), its waveform viewer, and the analysis of a waveform file.
 */
export type PdmView = { page: 'fleet' } | { page: 'asset'; asset: string } | { page: 'waveform'; asset: string } | { page: 'import' };

export type Screen =
  | { kind: 'overview' }
  | { kind: 'asset'; path: string }
  | { kind: 'trends' }
  | { kind: 'alarms'; view: AlarmView }
  | { kind: 'oee'; view: OeeView }
  | { kind: 'maintenance'; view: PdmView }
  | { kind: 'connections' }
  | { kind: 'users' }
  | { kind: 'audit' }
  | { kind: 'engineering' };

export interface NavigationSlice {
  screen: Screen;
  showOverview(): void;
  showAsset(path: string): void;
  showTrends(): void;
  showAlarms(view?: AlarmView): void;
  showOee(view?: OeeView): void;
  showMaintenance(view?: PdmView): void;
  showConnections(): void;
  showUsers(): void;
  showAudit(): void;
  showEngineering(): void;
}

export const createNavigationSlice: StateCreator<AppState, [], [], NavigationSlice> = (set) => ({
  screen: { kind: 'overview' },
  showOverview: () => set({ screen: { kind: 'overview' } }),
  showAsset: (path) => set({ screen: { kind: 'asset', path } }),
  showTrends: () => set({ screen: { kind: 'trends' } }),
  showAlarms: (view = 'active') => set({ screen: { kind: 'alarms', view } }),
  showOee: (view = 'line') => set({ screen: { kind: 'oee', view } }),
  showMaintenance: (view = { page: 'fleet' }) => set({ screen: { kind: 'maintenance', view } }),
  showConnections: () => set({ screen: { kind: 'connections' } }),
  showUsers: () => set({ screen: { kind: 'users' } }),
  showAudit: () => set({ screen: { kind: 'audit' } }),
  showEngineering: () => set({ screen: { kind: 'engineering' } }),
});
