/**
 * Engineering slice: the config text being edited on the Engineering screen and the version
 * it was started from, kept here (not in the screen) so that an engineer who looks at the
 * alarms or the trends while editing comes back to the same text.
 *
 * Decisions:
 * - Null until the running config was first loaded; the screen then starts the draft from it.
 * - The base version lets the screen say when another version was applied meanwhile (the
 *   core refuses an apply made against an older preview anyway).
 */
import type { StateCreator } from 'zustand';
import type { AppState } from './app-store.js';

export interface ConfigDraft {
  text: string;
  /** The running version the text was loaded from (null: none stored). */
  base: number | null;
}

export interface EngineeringSlice {
  configDraft: ConfigDraft | null;
  /** Replaces the text; `base` when it was loaded from a running version, else the base stays. */
  setConfigText(text: string, base?: number | null): void;
}

export const createEngineeringSlice: StateCreator<AppState, [], [], EngineeringSlice> = (set) => ({
  configDraft: null,
  setConfigText: (text, base) => set((s) => ({ configDraft: { text, base: base === undefined ? (s.configDraft?.base ?? null) : base } })),
});
