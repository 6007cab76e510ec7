/**
 * The spectrum charts' pure parts: the geometry of a spectrum (frequency from 0 to the
 * chart's top frequency, amplitude linear from 0 or logarithmic over four decades, the line
 * reduced to pixel columns by max-hold), the defect-frequency markers (BPFO, BPFI, BSF, FTF
 * and their harmonics 1×–5× within the plotted range, and 1× shaft; the diagnosed family
 * strongest), where their labels go so that they do not overlap, and the spectrum line
 * nearest a frequency (the readout). No React.
 */
import type { DefectFrequencies, DisplaySpectrum, FamilyName } from '../../core/contract/index.js';
import { decadeTicks, linearTicks, niceCeil, plotHeight, plotWidth, reducedPath } from './axis-model.js';
import type { AmplitudeScale } from '../stores/pdm-slice.js';
import type { ChartBox, Tick } from './axis-model.js';

/** Decades a logarithmic amplitude axis shows below its top. */
export const logDecades = 4;

export interface SpectrumGeometry {
  /** The spectrum as an SVG path. */
  path: string;
  xTicks: Tick[];
  yTicks: Tick[];
  minHz: number;
  maxHz: number;
  /** Pixel x of a frequency, y of an amplitude. */
  x(hz: number): number;
  y(amplitude: number): number;
}

/** Largest finite amplitude of the lines within [minHz, maxHz]; 0 for none. */
export function peakAmplitude(spectrum: Pick<DisplaySpectrum, 'frequencyHz' | 'amplitude'>, minHz: number, maxHz: number): number {
  let top = 0;
  for (let i = 0; i < spectrum.frequencyHz.length; i++) {
    const f = spectrum.frequencyHz[i]!;
    const a = spectrum.amplitude[i]!;
    if (f >= minHz && f <= maxHz && Number.isFinite(a) && a > top) top = a;
  }
  return top;
}

export function spectrumGeometry(
  spectrum: Pick<DisplaySpectrum, 'frequencyHz' | 'amplitude'>,
  box: ChartBox,
  options: { maxHz?: number; minHz?: number; scale: AmplitudeScale; xTickCount?: number },
): SpectrumGeometry {
  const lastHz = spectrum.frequencyHz[spectrum.frequencyHz.length - 1] ?? 1;
  const minHz = options.minHz ?? 0;
  const maxHz = options.maxHz !== undefined && options.maxHz > minHz ? options.maxHz : Math.max(lastHz, minHz + 1);
  const w = plotWidth(box);
  const h = plotHeight(box);
  const x = (hz: number) => box.left + ((hz - minHz) / (maxHz - minHz)) * w;
  const top = peakAmplitude(spectrum, minHz, maxHz);
  let y: (a: number) => number;
  let yTicks: { value: number; label: string }[];
  if (options.scale === 'log') {
    const hi = 10 ** Math.ceil(Math.log10(top > 0 ? top : 1) - 1e-9);
    const lo = hi / 10 ** logDecades;
    y = (a: number) => box.top + h * (1 - (Math.log10(Math.max(lo, a)) - Math.log10(lo)) / logDecades);
    yTicks = decadeTicks(lo, hi);
  } else {
    const hi = niceCeil(top * 1.05);
    y = (a: number) => box.top + h * (1 - Math.max(0, a) / hi);
    yTicks = linearTicks(0, hi, 5);
  }
  const xTicks = linearTicks(minHz, maxHz, options.xTickCount ?? Math.max(3, Math.floor(w / 110)));
  return {
    path: reducedPath(spectrum.frequencyHz, spectrum.amplitude, x, y, 'max', { from: minHz, to: maxHz }),
    xTicks: xTicks.map((t) => ({ ...t, at: x(t.value) })),
    yTicks: yTicks.map((t) => ({ ...t, at: y(t.value) })),
    minHz,
    maxHz,
    x,
    y,
  };
}

export type MarkerFamily = FamilyName | 'shaft';

export const markerFamilies: readonly MarkerFamily[] = ['BPFO', 'BPFI', 'BSF', 'FTF', 'shaft'];

/** What each family is, for the legend. */
export const familyWords: Record<MarkerFamily, string> = {
  BPFO: 'outer race',
  BPFI: 'inner race',
  BSF: 'ball spin',
  FTF: 'cage',
  shaft: 'running speed',
};

export interface DefectMarker {
  family: MarkerFamily;
  harmonic: number;
  hz: number;
  /** "BPFO", "2×BPFO", "1×shaft". */
  label: string;
  /** The diagnosed defect's family: drawn strongest. */
  strong: boolean;
}

const familyKeys: Record<FamilyName, keyof Omit<DefectFrequencies, 'shaftHz'>> = { BPFO: 'bpfo', BPFI: 'bpfi', BSF: 'bsf', FTF: 'ftf' };

export function markerLabel(family: MarkerFamily, harmonic: number): string {
  if (family === 'shaft') return `${harmonic}×shaft`;
  return harmonic === 1 ? family : `${harmonic}×${family}`;
}

/**
 * The markers of the defect frequencies (1×–`harmonics`× each) and 1× shaft that lie within
 * (minHz, maxHz], strongest family first, then by frequency.
 */
export function defectMarkers(
  frequencies: DefectFrequencies | null,
  range: { minHz?: number; maxHz: number },
  options: { strong?: FamilyName | null; harmonics?: number; families?: ReadonlySet<MarkerFamily> } = {},
): DefectMarker[] {
  if (frequencies === null) return [];
  const lo = range.minHz ?? 0;
  const within = (hz: number) => Number.isFinite(hz) && hz > lo && hz <= range.maxHz;
  const shown = (family: MarkerFamily) => options.families === undefined || options.families.has(family);
  const harmonics = options.harmonics ?? 5;
  const out: DefectMarker[] = [];
  for (const family of ['BPFO', 'BPFI', 'BSF', 'FTF'] as const) {
    if (!shown(family)) continue;
    const base = frequencies[familyKeys[family]];
    for (let h = 1; h <= harmonics; h++) {
      const hz = h * base;
      if (within(hz)) out.push({ family, harmonic: h, hz, label: markerLabel(family, h), strong: family === options.strong });
    }
  }
  if (shown('shaft') && within(frequencies.shaftHz)) out.push({ family: 'shaft', harmonic: 1, hz: frequencies.shaftHz, label: markerLabel('shaft', 1), strong: false });
  return out.sort((a, b) => Number(b.strong) - Number(a.strong) || a.hz - b.hz);
}

export interface PlacedMarker extends DefectMarker {
  x: number;
  /** Label row from the top (0, 1, …), or null when there is no room for its label (the line is still drawn). */
  row: number | null;
}

/**
 * Puts each marker's label in the first of `rows` rows where it does not overlap a label
 * already placed (the strong family's first, then the fundamentals, then the rest from low
 * frequency up). `charPx` is the width of a character of the label font.
 */
export function placeMarkerLabels(markers: readonly DefectMarker[], x: (hz: number) => number, options: { rows: number; charPx: number; gapPx?: number }): PlacedMarker[] {
  const gap = options.gapPx ?? 8;
  const taken: { from: number; to: number }[][] = Array.from({ length: options.rows }, () => []);
  const order = [...markers].sort((a, b) => Number(b.strong) - Number(a.strong) || Number(a.harmonic !== 1) - Number(b.harmonic !== 1) || a.hz - b.hz);
  const placed = new Map<DefectMarker, PlacedMarker>();
  for (const m of order) {
    const at = x(m.hz);
    const half = (m.label.length * options.charPx) / 2;
    const span = { from: at - half - gap / 2, to: at + half + gap / 2 };
    let row: number | null = null;
    for (let r = 0; r < options.rows; r++) {
      if (taken[r]!.every((t) => span.to <= t.from || span.from >= t.to)) {
        taken[r]!.push(span);
        row = r;
        break;
      }
    }
    placed.set(m, { ...m, x: at, row });
  }
  return markers.map((m) => placed.get(m)!);
}

/** The index of the spectrum line nearest `hz` (the readout under a finger or the pointer); -1 for an empty spectrum. */
export function nearestLine(spectrum: Pick<DisplaySpectrum, 'frequencyHz'>, hz: number): number {
  const f = spectrum.frequencyHz;
  if (f.length === 0) return -1;
  let lo = 0;
  let hi = f.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (f[mid]! < hz) lo = mid;
    else hi = mid;
  }
  return Math.abs(f[lo]! - hz) <= Math.abs(f[hi]! - hz) ? lo : hi;
}

/** "106.9 Hz" below 1 kHz, "2.35 kHz" above. */
export function formatHz(hz: number): string {
  if (!Number.isFinite(hz)) return '—';
  return hz >= 1000 ? `${(hz / 1000).toFixed(2)} kHz` : `${hz.toFixed(1)} Hz`;
}

/** An amplitude in g with enough digits: "0.0123 g", "1.24 g". */
export function formatG(g: number): string {
  if (!Number.isFinite(g)) return '—';
  const abs = Math.abs(g);
  const decimals = abs >= 10 ? 1 : abs >= 1 ? 2 : abs >= 0.1 ? 3 : abs >= 0.01 ? 4 : 5;
  return `${g.toFixed(decimals)} g`;
}
