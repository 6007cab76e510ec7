/**
 * Decode (and encode) speed on the display query's unit of work — one day of one tag,
 * 86,400 samples at 1 Hz with ±20 ms jitter in 24 blocks of 3,600 — per data kind.
 * Logged for the record, not asserted: speed depends on the machine and its load. The
 * historian's target is ≥ 40 M samples/s decode for noisy f64 (≤ ~2 ms a day).
 */
import { describe, expect, it } from 'vitest';
import { decodeBlock, encodeBlock } from './index.js';
import { DAY_KINDS, benchDay, formatFigures } from './testing/day-bench.js';

describe('decode speed, one day of one tag (logged, not asserted)', () => {
  it('noisy f64, 0.1-resolution decimal, f32, constant', () => {
    const codec = { encodeBlock, decodeBlock };
    for (const kind of DAY_KINDS) {
      const figures = benchDay(codec, kind);
      // eslint-disable-next-line no-console -- the figures are this test's output
      console.log(`[codec day] ${formatFigures(figures)}`);
      expect(figures.decodeMsps).toBeGreaterThan(0);
    }
  });
});
