import { describe, expect, it } from 'vitest';
import { MAX_DETAIL_SAMPLES, waveformView } from './waveform-view.js';

describe('waveformView', () => {
  const fs = 1000;
  const samples = Float32Array.from({ length: 1000 }, (_, i) => (i === 537 ? 9 : Math.sin((2 * Math.PI * 10 * i) / fs)));

  it('keeps every column\'s extremes, so a single impact shows', () => {
    const view = waveformView(samples, fs, 'g', { columns: 100, detailFromS: 0, detailS: 0.1 });
    expect(view.perColumn).toBe(10);
    expect(view.min).toHaveLength(100);
    expect(Math.max(...view.max)).toBe(9);
    expect(view.max.indexOf(9)).toBe(53);
    expect(view.durationS).toBe(1);
  });

  it('gives the raw stretch asked for, clipped to the record and to the most samples', () => {
    const view = waveformView(samples, fs, 'g', { columns: 10, detailFromS: 0.95, detailS: 0.1 });
    expect(view.detailFromS).toBeCloseTo(0.95);
    expect(view.detail).toHaveLength(50);
    expect(view.detail[0]).toBeCloseTo(samples[950]!);
    const long = waveformView(new Float32Array(100_000), 25_600, 'g', { columns: 10, detailFromS: 0, detailS: 10 });
    expect(long.detail).toHaveLength(MAX_DETAIL_SAMPLES);
  });

  it('refuses an empty record', () => {
    expect(() => waveformView([], fs, 'g', { columns: 10, detailFromS: 0, detailS: 0.1 })).toThrow(/empty waveform/);
  });
});
