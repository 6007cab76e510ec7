/** Plant slice: the plant model and the system status, both slow data. */
import type { StateCreator } from 'zustand';
import type { PlantModel, SystemStatus } from '../../core/contract/index.js';
import type { AppState } from './app-store.js';

export interface PlantSlice {
  plant: PlantModel | null;
  /** Why the plant model or the subscription could not be loaded, while that lasts. */
  plantError: string | null;
  status: SystemStatus | null;
  /** Live, or replaying a capture (then nothing writes: the write calls are disabled). From the last status. */
  mode: SystemStatus['mode'];
  /** Local monotonic time (performance.now) when `status` arrived, to run its clock on. */
  statusReceivedAt: number;
  statusError: string | null;
  /** Bumped when this screen changed the running plant, so the session reloads at once. */
  plantChangeRequest: number;
  requestPlantReload(): void;
  setPlant(plant: PlantModel): void;
  setPlantError(message: string | null): void;
  setStatus(status: SystemStatus, receivedAt: number): void;
  setStatusError(message: string | null): void;
}

export const createPlantSlice: StateCreator<AppState, [], [], PlantSlice> = (set) => ({
  plant: null,
  plantError: null,
  status: null,
  mode: 'live',
  statusReceivedAt: 0,
  statusError: null,
  plantChangeRequest: 0,
  requestPlantReload: () => set((state) => ({ plantChangeRequest: state.plantChangeRequest + 1 })),
  setPlant: (plant) => set({ plant, plantError: null }),
  setPlantError: (plantError) => set({ plantError }),
  setStatus: (status, statusReceivedAt) => set({ status, mode: status.mode, statusReceivedAt, statusError: null }),
  setStatusError: (statusError) => set({ statusError }),
});
