/** What every component may reach: the client, the slow-data store, the live store and its frame loop. */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { HmiClient } from '../core/contract/index.js';
import type { FrameLoop } from './live/frame-loop.js';
import type { LiveStore } from './live/live-store.js';
import type { AppState, AppStore } from './stores/app-store.js';

export interface AppServices {
  client: HmiClient;
  store: AppStore;
  live: LiveStore;
  frames: FrameLoop;
}

export const AppServicesContext = createContext<AppServices | null>(null);

export function useServices(): AppServices {
  const services = useContext(AppServicesContext);
  if (services === null) throw new Error('useServices() needs an <AppServicesContext.Provider> above it');
  return services;
}

/** Reads slow data from the app store; re-renders only when the selected part changes. */
export function useAppState<T>(selector: (state: AppState) => T): T {
  return useStore(useServices().store, selector);
}

const noFaultTexts: Readonly<Record<string, string>> = {};

export function useFaultTexts(): Readonly<Record<string, string>> {
  return useAppState((s) => s.plant?.faultTexts ?? noFaultTexts);
}
