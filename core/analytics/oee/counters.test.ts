/** Counter samples → increments: wraps at the modulus, PLC restarts, set-backs, jumps, bad quality. */
import { describe, expect, it } from 'vitest';
import type { TimedValue } from './intervals.js';
import { counterIncrements, type CounterOptions } from './counters.js';
import { at } from './testing/fixtures.js';

const bad = { status: 'bad' as const, reason: 'device not responding' };

interface Case {
  name: string;
  /** Values at 0, 1, 2 … s (null: a bad-quality sample). */
  values: (number | null)[];
  options?: CounterOptions;
  deltas: number[];
  counts?: { wraps?: number; resets?: number; setBacks?: number; jumps?: number };
}

const cases: Case[] = [
  { name: 'counting up', values: [100, 103, 103, 107], deltas: [3, 4] },
  { name: 'uint16 wrap at 65,536', values: [65_530, 65_534, 2, 6], options: { modulus: 65_536 }, deltas: [4, 4, 4], counts: { wraps: 1 } },
  { name: 'uint32 wrap', values: [4_294_967_290, 4], options: { modulus: 4_294_967_296 }, deltas: [10], counts: { wraps: 1 } },
  { name: 'a PLC restart: the counter drops to 0 and counts again', values: [51_000, 51_004, 0, 3, 7], options: { modulus: 65_536, maxRatePerS: 10 }, deltas: [4, 3, 4], counts: { resets: 1 } },
  { name: 'a restart seen after it counted a little: the small value is what was counted', values: [51_000, 2, 5], options: { modulus: 65_536, maxRatePerS: 10 }, deltas: [2, 3], counts: { resets: 1 } },
  { name: 'without a rate bound, a drop that would be a wrap of under a quarter of the modulus is taken as a wrap', values: [51_004, 0], options: { modulus: 65_536 }, deltas: [14_532], counts: { wraps: 1 } },
  { name: 'without a modulus every drop is a reset', values: [65_530, 2], deltas: [2], counts: { resets: 1 } },
  { name: 'with a rate bound a drop from near the top to near zero is a wrap only if plausible', values: [60_000, 3], options: { modulus: 65_536, maxRatePerS: 10 }, deltas: [3], counts: { resets: 1 } },
  { name: 'a preset to a large value is a set-back, not production', values: [500_000, 400_000, 400_010], options: { maxRatePerS: 10 }, deltas: [10], counts: { setBacks: 1 } },
  { name: 'a garbled jump beyond the rate bound is ignored', values: [1_000, 1_003, 9_999_999, 10_000_004], options: { maxRatePerS: 10 }, deltas: [3, 5], counts: { jumps: 1 } },
  { name: 'bad quality samples are skipped: the difference lands after the gap', values: [10, null, null, 40], deltas: [30] },
  { name: 'a float energy counter', values: [1.25, 1.5, 2.0], deltas: [0.25, 0.5] },
];

describe('counterIncrements', () => {
  it.each(cases)('$name', ({ values, options, deltas, counts }) => {
    const samples: TimedValue[] = values.map((v, i) => (v === null ? at(i * 1000, 0, bad) : at(i * 1000, v)));
    const result = counterIncrements(samples, options);
    expect([...result.delta]).toEqual(deltas);
    expect(result.ts).toHaveLength(deltas.length);
    expect({ wraps: result.wraps, resets: result.resets, setBacks: result.setBacks, jumps: result.jumps }).toEqual({ wraps: 0, resets: 0, setBacks: 0, jumps: 0, ...counts });
  });

  it('places each increment at the later sample', () => {
    const result = counterIncrements([at(1000, 5), at(2000, 5), at(3000, 9)]);
    expect([...result.ts, ...result.delta]).toEqual([3000, 4]);
  });

  it('takes the historian columns as they are (quality codes, 2 bad)', () => {
    const columns = { ts: [0, 1000, 2000, 3000], value: [65_534, 65_535, 9, 3], quality: [0, 0, 2, 0] };
    const result = counterIncrements(columns, { modulus: 65_536 });
    expect([...result.delta]).toEqual([1, 4]);
    expect(result.wraps).toBe(1);
  });
});
