/**
 * Maintenance slice: how the spectra's amplitude is drawn (linear or logarithmic, the
 * analyst's choice, kept while moving between the asset pages and the import), and the last
 * waveform file analysed by hand (so that a look at the fleet and back does not lose it).
 * The fleet, the asset pages and the work requests stay in their screens: they are polled
 * while shown.
 */
import type { StateCreator } from 'zustand';
import type { WaveformFileAnalysis } from '../../core/contract/index.js';
import type { AppState } from './app-store.js';

export type AmplitudeScale = 'linear' | 'log';

export interface PdmSlice {
  pdmAmplitude: AmplitudeScale;
  /** The last file analysed on the import page; null before the first. */
  pdmImport: WaveformFileAnalysis | null;
  setPdmAmplitude(scale: AmplitudeScale): void;
  setPdmImport(analysis: WaveformFileAnalysis | null): void;
}

export const createPdmSlice: StateCreator<AppState, [], [], PdmSlice> = (set) => ({
  pdmAmplitude: 'linear',
  pdmImport: null,
  setPdmAmplitude: (pdmAmplitude) => set({ pdmAmplitude }),
  setPdmImport: (pdmImport) => set({ pdmImport }),
});
