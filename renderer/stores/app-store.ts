/**
 * The app's zustand store, composed from slices. Only slow data lives here (connection,
 * plant model, system status, navigation, the trend's pens and view, the alarm picture, the
 * OEE screens' line and period, the maintenance screens' amplitude scale and last file
 * analysis, the replay clock and the capture export, the signed-in session, the engineering screen's config text);
 * live samples go to the live store instead.
 */
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import { createAlarmSlice } from './alarm-slice.js';
import type { AlarmSlice } from './alarm-slice.js';
import { createConnectionSlice } from './connection-slice.js';
import { createEngineeringSlice } from './engineering-slice.js';
import type { EngineeringSlice } from './engineering-slice.js';
import type { ConnectionSlice } from './connection-slice.js';
import { createNavigationSlice } from './navigation-slice.js';
import type { NavigationSlice } from './navigation-slice.js';
import { createOeeSlice } from './oee-slice.js';
import type { OeeSlice } from './oee-slice.js';
import { createPdmSlice } from './pdm-slice.js';
import type { PdmSlice } from './pdm-slice.js';
import { createPlantSlice } from './plant-slice.js';
import type { PlantSlice } from './plant-slice.js';
import { createReplaySlice } from './replay-slice.js';
import type { ReplaySlice } from './replay-slice.js';
import { createSessionSlice } from './session-slice.js';
import type { SessionSlice } from './session-slice.js';
import { createTrendsSlice } from './trends-slice.js';
import type { TrendsSlice } from './trends-slice.js';

export type AppState = ConnectionSlice & PlantSlice & NavigationSlice & TrendsSlice & AlarmSlice & OeeSlice & PdmSlice & ReplaySlice & SessionSlice & EngineeringSlice;
export type AppStore = StoreApi<AppState>;

export function createAppStore(): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createConnectionSlice(...a),
    ...createPlantSlice(...a),
    ...createNavigationSlice(...a),
    ...createTrendsSlice(...a),
    ...createAlarmSlice(...a),
    ...createOeeSlice(...a),
    ...createPdmSlice(...a),
    ...createReplaySlice(...a),
    ...createSessionSlice(...a),
    ...createEngineeringSlice(...a),
  }));
}
