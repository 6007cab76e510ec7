/**
 * Peaks of an amplitude spectrum against its local noise floor. The floor at a frequency is
 * the median of the lines within ±max(10 Hz, 20 lines) of it, leaving out the lines of the
 * peak itself: a median is not lifted by a few other peaks in the window (sidebands,
 * harmonics), so "how far a line stands above its neighbourhood" is a fair measure of
 * whether it is real. Peak frequencies are refined between lines by fitting a parabola to
 * the logarithm of the three top lines (exact for a Gaussian, close for a Hann lobe).
 */
export interface SpectrumView {
  /** Amplitude per line. */
  amplitude: ArrayLike<number>;
  binHz: number;
}

export interface SpectrumPeak {
  /** Refined frequency, Hz. */
  frequencyHz: number;
  /** Line index of the top. */
  line: number;
  amplitude: number;
  /** Median amplitude around the peak (its noise floor). */
  floor: number;
  /** 20·log10(amplitude / floor), within ±300 dB. */
  ratioDb: number;
}

/** Lines below this are left out of every search: the mean was removed, the window's lobe at 0 Hz spans them. */
export const FIRST_USABLE_LINE = 3;

/** 20·log10(ratio), held within ±300 dB so that it stays a finite number (JSON has no infinities). */
export function toDb(ratio: number): number {
  return ratio > 0 ? Math.max(-300, Math.min(300, 20 * Math.log10(ratio))) : -300;
}

/** Median amplitude of the lines within the floor window of `line`, excluding ±`exclude` lines around it. */
export function noiseFloor(view: SpectrumView, line: number, exclude = 2): number {
  const half = Math.max(Math.round(10 / view.binHz), 20);
  const from = Math.max(FIRST_USABLE_LINE, line - half);
  const to = Math.min(view.amplitude.length - 1, line + half);
  const values: number[] = [];
  for (let k = from; k <= to; k++) if (Math.abs(k - line) > exclude) values.push(view.amplitude[k]!);
  if (values.length === 0) return 0;
  values.sort((a, b) => a - b);
  const mid = values.length >> 1;
  return values.length % 2 === 1 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
}

/** Frequency of the top at `line`, refined by a parabola through the logs of its neighbours. */
export function refinedFrequency(view: SpectrumView, line: number): number {
  const a = view.amplitude;
  if (line <= 0 || line >= a.length - 1) return line * view.binHz;
  const l = Math.log(Math.max(a[line - 1]!, 1e-30));
  const c = Math.log(Math.max(a[line]!, 1e-30));
  const r = Math.log(Math.max(a[line + 1]!, 1e-30));
  const denominator = l - 2 * c + r;
  const delta = denominator < 0 ? (0.5 * (l - r)) / denominator : 0;
  return (line + Math.max(-0.5, Math.min(0.5, delta))) * view.binHz;
}

function isLocalMax(a: ArrayLike<number>, k: number): boolean {
  return k > 0 && k < a.length - 1 && a[k]! > a[k - 1]! && a[k]! >= a[k + 1]!;
}

/** The peak at a line: its refined frequency, floor and ratio. */
export function peakAt(view: SpectrumView, line: number): SpectrumPeak {
  const amplitude = view.amplitude[line]!;
  const floor = noiseFloor(view, line);
  return { frequencyHz: refinedFrequency(view, line), line, amplitude, floor, ratioDb: toDb(floor > 0 ? amplitude / floor : amplitude > 0 ? Infinity : 1) };
}

/**
 * The highest local maximum within [loHz, hiHz] (or, when the window holds none, its
 * highest line), or undefined when the window is outside the spectrum.
 */
export function strongestIn(view: SpectrumView, loHz: number, hiHz: number): SpectrumPeak | undefined {
  const first = Math.max(FIRST_USABLE_LINE, Math.ceil(loHz / view.binHz));
  const last = Math.min(view.amplitude.length - 2, Math.floor(hiHz / view.binHz));
  if (last < first) return undefined;
  let best = -1;
  let bestAny = first;
  for (let k = first; k <= last; k++) {
    if (view.amplitude[k]! > view.amplitude[bestAny]!) bestAny = k;
    if (isLocalMax(view.amplitude, k) && (best < 0 || view.amplitude[k]! > view.amplitude[best]!)) best = k;
  }
  return peakAt(view, best >= 0 ? best : bestAny);
}

/** The `count` local maxima up to `maxHz` that stand highest above their noise floor. */
export function prominentPeaks(view: SpectrumView, maxHz: number, count: number): SpectrumPeak[] {
  const last = Math.min(view.amplitude.length - 2, Math.floor(maxHz / view.binHz));
  const peaks: SpectrumPeak[] = [];
  for (let k = FIRST_USABLE_LINE; k <= last; k++) if (isLocalMax(view.amplitude, k)) peaks.push(peakAt(view, k));
  peaks.sort((p, q) => q.ratioDb - p.ratioDb || q.amplitude - p.amplitude);
  return peaks.slice(0, count);
}
