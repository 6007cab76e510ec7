/** Connection slice: transport state, which transport, and whether the data is a demo. */
import type { StateCreator } from 'zustand';
import type { ConnectionState } from '../../core/contract/index.js';
import type { AppState } from './app-store.js';

export interface ConnectionSlice {
  connection: ConnectionState;
  /** "IPC", "WebSocket" or "Demo data". */
  transportLabel: string;
  /** True when the data comes from the built-in fake plant. */
  demo: boolean;
  /** Whether the transport has been connected at least once (a later loss is an alarm). */
  everConnected: boolean;
  setConnection(state: ConnectionState): void;
  setTransport(label: string, demo: boolean): void;
}

export const createConnectionSlice: StateCreator<AppState, [], [], ConnectionSlice> = (set) => ({
  connection: 'connecting',
  transportLabel: '',
  demo: false,
  everConnected: false,
  setConnection: (connection) => set((s) => ({ connection, everConnected: s.everConnected || connection === 'connected' })),
  setTransport: (transportLabel, demo) => set({ transportLabel, demo }),
});
