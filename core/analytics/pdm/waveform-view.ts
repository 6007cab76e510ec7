/**
 * A waveform reduced for the viewer (contract `WaveformView`): the whole record as the least
 * and greatest sample of each column (so every impact shows however many samples a column
 * holds), and a stretch of raw samples to look at closely. Pure.
 */
import { MAX_DETAIL_SAMPLES, type WaveformView } from '../../contract/maintenance.js';
import { PdmInputError } from './errors.js';

export { MAX_DETAIL_SAMPLES };

export function waveformView(
  samples: ArrayLike<number>,
  sampleRateHz: number,
  unit: string,
  options: { columns: number; detailFromS: number; detailS: number },
): WaveformView {
  const n = samples.length;
  if (n === 0) throw new PdmInputError('an empty waveform cannot be shown');
  const perColumn = Math.max(1, Math.ceil(n / options.columns));
  const min: number[] = [];
  const max: number[] = [];
  for (let start = 0; start < n; start += perColumn) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = start; i < Math.min(n, start + perColumn); i++) {
      const v = samples[i]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    min.push(lo);
    max.push(hi);
  }
  const durationS = n / sampleRateHz;
  const first = Math.min(Math.max(0, Math.round(options.detailFromS * sampleRateHz)), n - 1);
  const count = Math.min(MAX_DETAIL_SAMPLES, Math.max(1, Math.round(options.detailS * sampleRateHz)), n - first);
  const detail = Array.from({ length: count }, (_, i) => samples[first + i]!);
  return { sampleRateHz, unit, samples: n, durationS, perColumn, min, max, detailFromS: first / sampleRateHz, detail };
}
