import { describe, expect, it } from 'vitest';
import { createFakePlant } from './fake-plant.js';
import { createFakeHistory } from './fake-history.js';

const now = Date.UTC(2026, 10, 21, 12, 0, 0);
const tags = createFakePlant().lines.flatMap((line) => line.assets.flatMap((asset) => asset.tags));
const history = createFakeHistory(tags, { startedAt: now - 60_000, now: () => now, storyState: () => 1 });
const hour = 3_600_000;

describe('fake history', () => {
  it('answers display queries with at most 4 points per pixel, ascending, none in the future', () => {
    for (const [span, source] of [
      [600_000, 'raw'],
      [24 * hour, 'rollup-1m'],
      [365 * 24 * hour, 'rollup-1h'],
    ] as const) {
      const result = history.display({ path: 'line1/filler/speed', from: now - span, to: now + hour, width: 900 });
      if (!result.ok) throw new Error(result.error.message);
      const { ts, value } = result.value;
      expect(result.value.source).toBe(source);
      expect(ts.length).toBeGreaterThan(10);
      expect(ts.length).toBeLessThanOrEqual(4 * 900);
      expect(ts.length).toBe(value.length);
      expect(ts.every((t, i) => i === 0 || t > ts[i - 1]!)).toBe(true);
      expect(Math.max(...ts)).toBeLessThanOrEqual(now);
    }
  });

  it('is the same curve when asked again, with gaps where the sensor is bad', () => {
    const req = { path: 'line1/casepacker/drive_temp', from: now - 4 * hour, to: now, width: 400 };
    expect(history.display(req)).toEqual(history.display(req));
    const result = history.display(req);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.value).toContain(null);
    expect(result.value.value.some((v) => v !== null)).toBe(true);
  });

  it('refuses text and waveform tags and unknown paths', () => {
    expect(history.display({ path: 'line1/filler/fault_code', from: 0, to: 1_000, width: 10 })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(history.display({ path: 'line1/nope', from: 0, to: 1_000, width: 10 })).toMatchObject({ ok: false, error: { code: 'unknown-tag' } });
  });

  it('answers raw, valueAt and aggregate queries', () => {
    const raw = history.raw({ path: 'line1/motor/speed', from: now - 10_000, to: now, limit: 5 });
    expect(raw).toMatchObject({ ok: true, value: { truncated: true } });
    expect(history.valueAt({ path: 'line1/motor/speed', at: now - 5_000 })).toMatchObject({ ok: true, value: { quality: { status: 'good' } } });
    const rows = history.aggregates({ path: 'line1/motor/speed', from: now - hour, to: now, intervalMs: 600_000 });
    expect(rows.ok && rows.value.length).toBe(6);
  });
});
