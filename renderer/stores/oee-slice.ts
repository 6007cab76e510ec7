/**
 * OEE slice: which line and period the OEE screens show (kept while the operator moves
 * between the line view, the shift report and the SPC charts, and away and back), and the
 * SPC characteristic picked. The report itself stays in the screen: it is reloaded on
 * every visit and polled while the period is under way.
 */
import type { StateCreator } from 'zustand';
import type { OeeSpan } from '../../core/contract/index.js';
import type { AppState } from './app-store.js';

export interface OeeSlice {
  /** The line shown; null: the plant model's first line that has OEE. */
  oeeLine: string | null;
  oeeSpan: OeeSpan;
  /** A time inside the period shown; null: the period under way ("Now"). */
  oeeAt: number | null;
  /** Tag path of the SPC characteristic shown; null: the report's first. */
  spcTag: string | null;
  setOeeLine(line: string | null): void;
  /** A new span keeps the time looked at (the day around the shift shown, …); `at` null returns to now. */
  setOeePeriod(span: OeeSpan, at: number | null): void;
  setSpcTag(tag: string | null): void;
}

export const createOeeSlice: StateCreator<AppState, [], [], OeeSlice> = (set) => ({
  oeeLine: null,
  oeeSpan: 'shift',
  oeeAt: null,
  spcTag: null,
  setOeeLine: (oeeLine) => set({ oeeLine }),
  setOeePeriod: (oeeSpan, oeeAt) => set({ oeeSpan, oeeAt }),
  setSpcTag: (spcTag) => set({ spcTag }),
});
