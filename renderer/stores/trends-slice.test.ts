import { describe, expect, it } from 'vitest';
import { testTag } from '../testing/test-tags.js';
import { fixedView } from '../trends/time-range.js';
import { createAppStore } from './app-store.js';

describe('trends slice', () => {
  it('adds pens, refuses a ninth with a message and removes a pen', () => {
    const store = createAppStore();
    for (let i = 0; i < 8; i++) expect(store.getState().addTrendPen(testTag(`l/a/t${i}`))).toBe(true);
    expect(store.getState().addTrendPen(testTag('l/a/t8'))).toBe(false);
    expect(store.getState().trendMessage).toMatch(/at most 8 pens/);
    expect(store.getState().trendPens).toHaveLength(8);
    store.getState().removeTrendPen('l/a/t3');
    expect(store.getState().trendPens.map((p) => p.path)).not.toContain('l/a/t3');
    expect(store.getState().trendMessage).toBeNull();
  });

  it('starts live over 10 minutes; presets keep live; a view change leaves it; goLive returns with the span', () => {
    const store = createAppStore();
    expect(store.getState().trendView).toEqual({ live: true, spanMs: 600_000 });
    store.getState().pickTrendPreset('1h', 1e12);
    expect(store.getState().trendView).toEqual({ live: true, spanMs: 3_600_000 });
    store.getState().setTrendView(fixedView({ from: 1e12 - 7_200_000, to: 1e12 - 3_600_000 }));
    expect(store.getState().trendView.live).toBe(false);
    store.getState().pickTrendPreset('8h', 1e12);
    expect(store.getState().trendView).toMatchObject({ live: false, to: 1e12 - 3_600_000, spanMs: 8 * 3_600_000 });
    store.getState().goLive();
    expect(store.getState().trendView).toEqual({ live: true, spanMs: 8 * 3_600_000 });
  });
});
