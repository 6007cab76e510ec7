/** Cp/Cpk and Pp/Ppk: Montgomery's piston rings, a small hand-computed set, one-sided and degenerate cases. */
import { describe, expect, it } from 'vitest';
import { capability, individualsCapability, subgroupCapability } from './capability.js';
import { SpcInputError } from './errors.js';
import { pistonRingsBaseline } from './testing/piston-rings.js';

describe('capability', () => {
  it('piston rings, specification 74.000 ± 0.05 mm: Cp 1.70, Cpk 1.66', () => {
    // Montgomery gives Cp = 0.10 / (6 × 0.0099) = 1.68 with R̄ rounded to 0.023; with R̄ =
    // 0.02276, σ = R̄/d2 = 0.00979 and Cp = 1.70, Cpk = 1.66 (as qcc's process.capability).
    const c = subgroupCapability(pistonRingsBaseline, { lsl: 73.95, usl: 74.05 });
    expect(c.values).toBe(125);
    expect(c.cp!.toFixed(2)).toBe('1.70');
    expect(c.cpk!.toFixed(2)).toBe('1.66');
    expect(c.pp! > 0 && c.ppk! <= c.pp!).toBe(true);
  });

  it('a hand-computed set: mean 10, s = 1, σ within 0.8, spec 7 … 14', () => {
    // values 9, 10, 11, 10, 10, 9, 11 → mean 10; Σ(x − 10)² = 4 → s² = 4/6.
    const c = capability([9, 10, 11, 10, 10, 9, 11], { lsl: 7, usl: 14 }, 0.8);
    expect(c.mean).toBe(10);
    expect(c.sigmaOverall).toBeCloseTo(Math.sqrt(4 / 6), 12);
    expect(c.cp).toBeCloseTo(7 / 4.8, 12);
    expect(c.cpk).toBeCloseTo(3 / 2.4, 12); // min(4, 3) / (3 × 0.8)
    expect(c.pp).toBeCloseTo(7 / (6 * Math.sqrt(4 / 6)), 12);
    expect(c.ppk).toBeCloseTo(3 / (3 * Math.sqrt(4 / 6)), 12);
    expect(c.why).toEqual({});
  });

  it('one specification limit: Cp and Pp null with the reason, Cpk and Ppk that side', () => {
    // Fill weight: only a lower limit (326 g).
    const c = capability([330, 331, 329, 330], { lsl: 326 }, 1.2);
    expect(c.cp).toBeNull();
    expect(c.cpk).toBeCloseTo(4 / 3.6, 12);
    expect(c.why).toEqual({ cp: 'it needs both specification limits', pp: 'it needs both specification limits' });
  });

  it('no spread: every index null with the reason; bad input refused', () => {
    const c = individualsCapability([5, 5, 5, 5], { lsl: 4, usl: 6 });
    expect([c.cp, c.cpk, c.pp, c.ppk]).toEqual([null, null, null, null]);
    expect(c.why.cp).toBe('the within σ is 0');
    expect(() => capability([1], { lsl: 0 }, 1)).toThrow(SpcInputError);
    expect(() => capability([1, 2], { lsl: 3, usl: 2 }, 1)).toThrow('USL must be above LSL');
  });
});
