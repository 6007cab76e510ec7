/**
 * Time-domain condition indicators of one waveform (the overall "health numbers" an
 * analyst reads before any spectrum), computed about the mean, because accelerometers are
 * AC-coupled and a DC offset is the sensor's, not the machine's:
 *
 *   RMS = √(Σ(x − x̄)²/N)          peak = max|x − x̄|          peak-to-peak = max x − min x
 *   crest factor = peak / RMS       (a sine: √2; Gaussian noise: about 3–4; impacts: > 5)
 *   skewness = m3 / m2^1.5          (symmetric signals: 0)
 *   kurtosis = m4 / m2²             (Pearson's, not the excess: Gaussian 3, a sine 1.5;
 *                                    a healthy bearing ≈ 3, impacting defects well above)
 *
 * with m_k the k-th central moment (divided by N; the records are thousands of samples
 * long, so N against N − 1 does not matter). Two passes over the samples, no allocation.
 */
import type { WaveformFeatures } from '../../contract/pdm.js';
import { PdmInputError } from './errors.js';

export type { WaveformFeatures };

export function waveformFeatures(samples: ArrayLike<number>): WaveformFeatures {
  const n = samples.length;
  if (n < 2) throw new PdmInputError(`${n} sample${n === 1 ? '' : 's'}: waveform features need at least 2`);
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = samples[i]!;
    sum += x;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const mean = sum / n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = samples[i]! - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  const rms = Math.sqrt(m2);
  const peak = Math.max(max - mean, mean - min);
  const flat = m2 === 0;
  return {
    mean,
    rms,
    peak,
    peakToPeak: max - min,
    crestFactor: flat ? 0 : peak / rms,
    kurtosis: flat ? 0 : m4 / (m2 * m2),
    skewness: flat ? 0 : m3 / Math.pow(m2, 1.5),
  };
}
