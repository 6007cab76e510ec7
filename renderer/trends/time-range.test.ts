import { describe, expect, it } from 'vitest';
import {
  applyPreset,
  clampRange,
  describeView,
  fixedView,
  formatSpan,
  liveView,
  maxGapFor,
  maxSpanMs,
  minSpanMs,
  panBy,
  presetForSpan,
  presetMs,
  rangePresetIds,
  viewRange,
  zoomAround,
} from './time-range.js';

const hour = 3_600_000;
const day = 24 * hour;
const now = Date.UTC(2026, 10, 21, 12, 0, 0);

describe('time range', () => {
  it('has the seven presets, 10 min to a year', () => {
    expect(rangePresetIds).toEqual(['10m', '1h', '8h', '24h', '7d', '30d', '1y']);
    expect(presetMs('8h')).toBe(8 * hour);
    expect(presetMs('1y')).toBe(365 * day);
    expect(presetForSpan(day)).toBe('24h');
    expect(presetForSpan(day + 1)).toBeNull();
  });

  it('follows now when live, defaulting to 10 minutes', () => {
    expect(liveView()).toEqual({ live: true, spanMs: 600_000 });
    expect(viewRange(liveView(), now)).toEqual({ from: now - 600_000, to: now });
    expect(viewRange(fixedView({ from: 1_000, to: 61_000 }), now)).toEqual({ from: 1_000, to: 61_000 });
  });

  it('picks a preset: live stays live; a fixed view keeps its end', () => {
    expect(applyPreset(liveView(), '24h', now)).toEqual({ live: true, spanMs: day });
    const fixed = fixedView({ from: now - 5 * hour, to: now - 4 * hour });
    expect(applyPreset(fixed, '8h', now)).toEqual({ live: false, spanMs: 8 * hour, from: now - 12 * hour, to: now - 4 * hour });
  });

  it('zooms around the anchor, keeping it at the same place on screen', () => {
    const range = { from: 0 + 1e12, to: 1e12 + 1000 * 1000 };
    const anchor = range.from + 250 * 1000;
    const zoomed = zoomAround(range, anchor, 0.5);
    expect(zoomed.to - zoomed.from).toBe(500_000);
    expect((anchor - zoomed.from) / (zoomed.to - zoomed.from)).toBeCloseTo(0.25, 6);
    const out = zoomAround(range, anchor, 4);
    expect(out.to - out.from).toBe(4_000_000);
  });

  it('never zooms below 10 s or above two years, nor before 1970', () => {
    const tiny = zoomAround({ from: 1e12, to: 1e12 + 20_000 }, 1e12 + 10_000, 0.01);
    expect(tiny.to - tiny.from).toBe(minSpanMs);
    const huge = zoomAround({ from: 1e12, to: 1e12 + day }, 1e12, 1e6);
    expect(huge.to - huge.from).toBe(maxSpanMs);
    expect(clampRange({ from: -5_000, to: 60_000 })).toEqual({ from: 0, to: 65_000 });
    expect(clampRange({ from: 1.4, to: 20_000.6 })).toEqual({ from: 1, to: 20_001 });
  });

  it('pans by a time difference', () => {
    expect(panBy({ from: 1e12, to: 1e12 + hour }, -hour)).toEqual({ from: 1e12 - hour, to: 1e12 });
  });

  it('chooses gap thresholds that neither hide outages nor break rollups into dashes', () => {
    const tenMin = { from: now - 600_000, to: now };
    expect(maxGapFor(1000, tenMin, 1500)).toBe(15_000);
    expect(maxGapFor(5000, tenMin, 1500)).toBe(50_000);
    expect(maxGapFor(1000, { from: now - day, to: now }, 1500)).toBe(230_400); // 4 px of 57.6 s
    expect(maxGapFor(1000, { from: now - 7 * day, to: now }, 1500)).toBe(2.5 * hour);
  });

  it('describes views for the heading', () => {
    expect(describeView(liveView(presetMs('8h')))).toBe('Live · last 8 h');
    expect(describeView(liveView(presetMs('7d')))).toBe('Live · last 7 days');
    expect(describeView(liveView(90 * 60_000))).toBe('Live · last 1 h 30 min');
    expect(describeView(fixedView({ from: now - hour, to: now }))).toMatch(/ · 1 h$/);
    expect(formatSpan(45_000)).toBe('45 s');
    expect(formatSpan(3 * day)).toBe('3 days');
    expect(formatSpan(365 * day)).toBe('1 year');
  });
});
