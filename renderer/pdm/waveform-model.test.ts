import { describe, expect, it } from 'vitest';
import type { WaveformView } from '../../core/contract/index.js';
import { createFakePdm } from '../testing/fake-pdm.js';
import { clampDetailFrom, detailAround, detailGeometry, formatSeconds, overviewGeometry, stepDetail } from './waveform-model.js';

const box = { width: 1100, height: 200, left: 90, right: 10, top: 10, bottom: 40 };

function view(overrides: Partial<WaveformView> = {}): WaveformView {
  return {
    sampleRateHz: 1000,
    unit: 'g',
    samples: 1000,
    durationS: 1,
    perColumn: 250,
    min: [-0.2, -0.5, -0.1, -0.3],
    max: [0.2, 0.4, 0.1, 0.3],
    detailFromS: 0.25,
    detail: Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? 0.4 : -0.4)),
    ...overrides,
  };
}

describe('waveform viewer', () => {
  it('keeps the detail window inside the record and moves it by its length', () => {
    expect(clampDetailFrom(0.97, 0.1, 1)).toBe(0.9);
    expect(clampDetailFrom(-1, 0.1, 1)).toBe(0);
    expect(clampDetailFrom(Number.NaN, 0.1, 1)).toBe(0);
    expect(clampDetailFrom(0.3, 2, 1)).toBe(0);
    expect(stepDetail(0.2, 0.1, 1, 1)).toBe(0.3);
    expect(stepDetail(0.05, 0.1, 1, -1)).toBe(0);
    expect(stepDetail(0.85, 0.1, 1, 1)).toBe(0.9);
    expect(detailAround(0.5, 0.1, 1)).toBe(0.45);
    expect(detailAround(0.99, 0.5, 1)).toBe(0.5);
  });

  it('draws the whole record as a band between the columns’ least and greatest values', () => {
    const o = overviewGeometry(view(), box, { fromS: 0.25, lengthS: 0.1 });
    // Symmetric scale that holds ±0.5, ticks −0.5 … 0.5.
    expect(o.yTicks.map((t) => t.label)).toEqual(['-0.5', '0.0', '0.5']);
    expect(o.band.startsWith('M90,')).toBe(true);
    expect(o.band.endsWith('Z')).toBe(true);
    expect(o.band.split(/[ML]/).filter((p) => p.trim() !== '')).toHaveLength(8);
    expect(o.window).toEqual({ x1: 340, x2: 440 });
    expect(o.timeAt(590)).toBe(0.5);
    expect(o.timeAt(0)).toBe(0);
    expect(o.xTicks.map((t) => t.label)).toEqual(['0.0', '0.2', '0.4', '0.6', '0.8', '1.0']);
  });

  it('draws the detail in ms from the record’s start', () => {
    const d = detailGeometry(view(), box, 0.05);
    expect(d.timeUnit).toBe('ms');
    expect(d.samples).toBe(50);
    expect(d.xTicks[0]!.label).toBe('250');
    expect(d.xTicks.at(-1)!.label).toBe('300');
    expect(formatSeconds(0.05)).toBe('50 ms');
    expect(formatSeconds(0.005)).toBe('5.0 ms');
    expect(formatSeconds(1)).toBe('1.00 s');
  });

  it('shows the fake motor’s record with the stretch asked for', () => {
    const pdm = createFakePdm({ now: () => Date.UTC(2026, 11, 7, 12) });
    const result = pdm.pdmWaveform({ asset: 'line1/motor', detailFromS: 0.3, detailS: 0.05, columns: 1024 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const v = result.value.view;
    expect(v).toMatchObject({ sampleRateHz: 25_600, samples: 25_600, durationS: 1, perColumn: 25, detailFromS: 0.3 });
    expect(v.min).toHaveLength(1024);
    expect(v.detail).toHaveLength(1280);
    expect(detailGeometry(v, box, 0.05).samples).toBe(1280);
    expect(pdm.pdmWaveform({ asset: 'line1/nothing', detailFromS: 0, detailS: 0.1, columns: 1024 })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});
