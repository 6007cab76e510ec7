/**
 * Envelope analysis for rolling-element bearing faults. A defect makes an impact each time
 * a ball passes it; each impact rings a structural resonance (kHz) for a few milliseconds.
 * The raw spectrum shows the resonance, not the impact rate; the envelope of the signal in
 * the resonance band does: its spectrum has lines at the defect frequency and harmonics.
 *
 * 1. One FFT of the whole record (mean removed, zero-padded to a power of two).
 * 2. Band-pass and Hilbert transform in one step, in the frequency domain: keep the band's
 *    positive-frequency lines (×2), drop the rest; that is the analytic signal of the
 *    band-passed record. Its magnitude is the envelope.
 * 3. The band's lines are shifted down to 0 Hz before the inverse FFT (complex
 *    demodulation): the magnitude does not change, and the inverse FFT is as small as the
 *    band is wide instead of as long as the record, which is what makes this fast.
 * 4. The envelope spectrum: Welch (Hann, 50 % overlap, segments of at most 2 s and at most
 *    half the record) of the envelope with its mean removed, in g peak.
 *
 * The band. Unless one is given, it is picked by spectral kurtosis, a light version of
 * Antoni's kurtogram: candidate bands of width fs/6, fs/8, fs/12 and fs/16 (those at least
 * `minWidthHz` wide, so that the envelope can carry the defect frequencies and their
 * harmonics), stepped by half their width between 10 % and 90 % of the Nyquist frequency
 * (away from the shaft harmonics at the bottom and the anti-alias filter at the top). For
 * each band the kurtosis of its complex envelope z is SK = E|z|⁴ / (E|z|²)² − 2: about 0
 * for Gaussian noise, negative for steady tones, large where impacts ring. The band with
 * the largest SK wins.
 */
import type { EnvelopeBand } from '../../contract/pdm.js';
import { PdmInputError } from './errors.js';
import { complexFft, nextPowerOfTwo, realFft } from './fft.js';
import { welch, welchSegmentLength, type PowerSpectrum } from './spectrum.js';

export type { EnvelopeBand };

/** The FFT of a whole record: the starting point of band-pass filtering and envelopes. */
export interface RecordSpectrum {
  sampleRateHz: number;
  /** Samples in the record (before zero-padding). */
  samples: number;
  fftSize: number;
  binHz: number;
  /** Interleaved complex half spectrum, bins 0 … fftSize/2. */
  spectrum: Float64Array;
}

export interface Envelope {
  /** |analytic signal| of the band, g, over the record's span. */
  samples: Float64Array;
  sampleRateHz: number;
}

export function recordSpectrum(samples: ArrayLike<number>, sampleRateHz: number): RecordSpectrum {
  const n = samples.length;
  const fftSize = nextPowerOfTwo(n);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += samples[i]!;
  mean /= n;
  const data = new Float64Array(fftSize);
  for (let i = 0; i < n; i++) data[i] = samples[i]! - mean;
  return { sampleRateHz, samples: n, fftSize, binHz: sampleRateHz / fftSize, spectrum: realFft(data, fftSize) };
}

/** Work buffers for the band transforms, grown as needed and reused from band to band. */
export class EnvelopeScratch {
  input = new Float64Array(0);
  output = new Float64Array(0);
  ensure(size: number): void {
    if (this.input.length < 2 * size) {
      this.input = new Float64Array(2 * size);
      this.output = new Float64Array(2 * size);
    }
  }
}

/**
 * |z|², the squared magnitude of the band's complex envelope (its analytic signal shifted
 * down by the band's lower edge), in g², at fs·size/fftSize samples per second over the
 * record's span only. `oversample` 1 samples it at about the band's width (enough for its
 * statistics), 2 at twice that (enough that the magnitude's spectrum does not fold).
 *
 * With Z the band's lines (×2, shifted to start at 0) in an M-point buffer, the samples of
 * z are (M/fftSize)·IFFT_M(Z) = (1/fftSize)·conj(FFT_M(conj Z)); for a magnitude the outer
 * conjugate does not matter, so one forward FFT of conj Z gives |z|·fftSize.
 */
function bandPower(record: RecordSpectrum, loHz: number, hiHz: number, oversample: 1 | 2, scratch: EnvelopeScratch): { power: Float64Array; sampleRateHz: number } {
  const first = Math.max(1, Math.ceil(loHz / record.binHz));
  const last = Math.min(record.fftSize / 2 - 1, Math.floor(hiHz / record.binHz));
  const inBand = last - first + 1;
  if (inBand < 4) throw new PdmInputError(`envelope band ${loHz}–${hiHz} Hz holds ${Math.max(0, inBand)} lines of the record's spectrum; expected a band inside 0–${record.sampleRateHz / 2} Hz and several lines wide`);
  // A band of 2^k lines and its top edge line keeps 2^k lines: a transform half the size for one line less.
  const size = Math.min(record.fftSize, nextPowerOfTwo(oversample * (inBand - 1)));
  const lines = Math.min(inBand, size / oversample);
  scratch.ensure(size);
  const { input, output } = scratch;
  const spectrum = record.spectrum;
  const scale = 2 / record.fftSize;
  for (let m = 0; m < lines; m++) {
    input[2 * m] = scale * spectrum[2 * (first + m)]!;
    input[2 * m + 1] = -scale * spectrum[2 * (first + m) + 1]!;
  }
  input.fill(0, 2 * lines, 2 * size);
  complexFft(input, output, size);
  const count = Math.min(size, Math.floor((record.samples * size) / record.fftSize));
  const power = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const re = output[2 * i]!;
    const im = output[2 * i + 1]!;
    power[i] = re * re + im * im;
  }
  return { power, sampleRateHz: (record.sampleRateHz * size) / record.fftSize };
}

/** Spectral kurtosis of a band: E|z|⁴ / (E|z|²)² − 2 of its complex envelope. */
export function spectralKurtosis(record: RecordSpectrum, loHz: number, hiHz: number, scratch = new EnvelopeScratch()): number {
  const { power } = bandPower(record, loHz, hiHz, 1, scratch);
  let m2 = 0;
  let m4 = 0;
  for (let i = 0; i < power.length; i++) {
    const p = power[i]!;
    m2 += p;
    m4 += p * p;
  }
  if (m2 === 0) return 0;
  m2 /= power.length;
  m4 /= power.length;
  return m4 / (m2 * m2) - 2;
}

/** The candidate bands of the spectral-kurtosis search, [loHz, hiHz]. */
export function candidateBands(sampleRateHz: number, minWidthHz: number): [number, number][] {
  const nyquist = sampleRateHz / 2;
  const lowest = 0.1 * nyquist;
  const highest = 0.9 * nyquist;
  const widths = [6, 8, 12, 16].map((d) => sampleRateHz / d).filter((w) => w >= minWidthHz);
  if (widths.length === 0) widths.push(Math.min(highest - lowest, sampleRateHz / 6));
  const bands: [number, number][] = [];
  for (const width of widths) {
    for (let lo = lowest; lo + width <= highest + 1e-9; lo += width / 2) bands.push([lo, lo + width]);
  }
  return bands;
}

/** The band with the largest spectral kurtosis among the candidates. */
export function selectEnvelopeBand(record: RecordSpectrum, minWidthHz: number): EnvelopeBand {
  let best: EnvelopeBand | undefined;
  const scratch = new EnvelopeScratch();
  for (const [loHz, hiHz] of candidateBands(record.sampleRateHz, minWidthHz)) {
    const sk = spectralKurtosis(record, loHz, hiHz, scratch);
    if (!best || sk > best.spectralKurtosis) best = { loHz, hiHz, spectralKurtosis: sk, chosenBy: 'spectral-kurtosis' };
  }
  return best!;
}

/** The given band, checked against the record, with its spectral kurtosis. */
export function givenEnvelopeBand(record: RecordSpectrum, band: readonly [number, number]): EnvelopeBand {
  const [loHz, hiHz] = band;
  if (!(loHz >= 0 && hiHz > loHz && hiHz <= record.sampleRateHz / 2)) {
    throw new PdmInputError(`envelope band ${loHz}–${hiHz} Hz: expected 0 ≤ low < high ≤ ${record.sampleRateHz / 2} Hz (half the sample rate)`);
  }
  return { loHz, hiHz, spectralKurtosis: spectralKurtosis(record, loHz, hiHz), chosenBy: 'given' };
}

/** The envelope (magnitude of the band's analytic signal) over the record's span. */
export function envelopeOf(record: RecordSpectrum, band: Pick<EnvelopeBand, 'loHz' | 'hiHz'>): Envelope {
  const { power, sampleRateHz } = bandPower(record, band.loHz, band.hiHz, 2, new EnvelopeScratch());
  for (let i = 0; i < power.length; i++) power[i] = Math.sqrt(power[i]!);
  return { samples: power, sampleRateHz };
}

/** Welch spectrum of the envelope (its mean removed), segments of at most 2 s and half the envelope. */
export function envelopeSpectrum(envelope: Envelope): PowerSpectrum {
  return welch(envelope.samples, envelope.sampleRateHz, welchSegmentLength(envelope.samples.length, envelope.sampleRateHz, 2));
}
