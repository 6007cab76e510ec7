/**
 * Control limits against published figures: Montgomery's piston rings (X-bar/R, n = 5)
 * and the NIST/SEMATECH e-Handbook's flow-rate example (individuals/moving range).
 */
import { describe, expect, it } from 'vitest';
import { individualsLimits, movingRanges, subgroupsOf, xbarRLimits, xbarRPoints } from './charts.js';
import { chartConstants } from './constants.js';
import { SpcInputError } from './errors.js';
import { ruleViolations } from './rules.js';
import { pistonRings, pistonRingsBaseline } from './testing/piston-rings.js';

describe('constants', () => {
  it.each([
    [2, 1.88, 0, 3.267, 1.128, 2.66],
    [5, 0.577, 0, 2.114, 2.326, 1.29],
    [10, 0.308, 0.223, 1.777, 3.078, 0.975],
  ])('n = %i: A2, D3, D4, d2, E2 as tabled', (n, A2, D3, D4, d2, E2) => {
    expect(chartConstants(n)).toEqual({ n, A2, D3, D4, d2, E2 });
  });

  it('E2 is 3/d2 and A2 is 3/(d2·√n), to the table precision, for every n', () => {
    for (let n = 2; n <= 10; n++) {
      const c = chartConstants(n)!;
      expect(Math.abs(c.E2 - 3 / c.d2)).toBeLessThan(0.0011);
      expect(Math.abs(c.A2 - 3 / (c.d2 * Math.sqrt(n)))).toBeLessThan(0.0011);
    }
    expect(chartConstants(1)).toBeUndefined();
    expect(chartConstants(11)).toBeUndefined();
  });
});

describe('X-bar/R: Montgomery piston rings', () => {
  // Published: x̿ = 74.001, R̄ = 0.023; X̄ limits 73.988 … 74.014; R limits 0 … 0.049 (from
  // the rounded R̄; qcc gives 74.00118, 0.02276, 73.98805 … 74.01431, 0 … 0.04812).
  const limits = xbarRLimits(pistonRingsBaseline);

  it('limits from the 25 trial subgroups', () => {
    expect(limits.n).toBe(5);
    expect(limits.xbar.center).toBeCloseTo(74.00118, 5);
    expect(limits.r.center).toBeCloseTo(0.02276, 5);
    expect(limits.xbar.ucl).toBeCloseTo(74.0143, 4);
    expect(limits.xbar.lcl).toBeCloseTo(73.9880, 3);
    expect(limits.r.ucl).toBeCloseTo(0.04812, 4);
    expect(limits.r.lcl).toBe(0);
    expect(limits.sigmaWithin).toBeCloseTo(0.00979, 5);
  });

  it('the trial data are in control; the later data go out above the upper limit at samples 37, 38 and 39', () => {
    const points = xbarRPoints(pistonRings.map((values, i) => ({ at: i + 1, values })));
    expect(ruleViolations(points.xbar.slice(0, 25), limits.xbar, { rules: [1] })).toEqual([]);
    expect(ruleViolations(points.r, limits.r, { rules: [1] })).toEqual([]);
    const beyond = ruleViolations(points.xbar, limits.xbar, { rules: [1] });
    expect(beyond.map((e) => [e.at, e.side])).toEqual([[37, 'above'], [38, 'above'], [39, 'above']]);
    // 2 of 3 beyond 2σ signals the shift earlier, at sample 35 (34 and 35 above 2σ), and holds to 40
    // (point indexes count from 0: 33 is sample 34).
    const [first] = ruleViolations(points.xbar, limits.xbar, { rules: [2] });
    expect(first).toMatchObject({ rule: 2, side: 'above', at: 35, points: [33, 34, 36, 37, 38, 39] });
  });
});

describe('individuals/moving range: NIST/SEMATECH e-Handbook §6.3.2.2, flow rate of 10 batches', () => {
  // Published: center 50.81, UCL 55.8041, LCL 45.8159; MR center 1.8778, UCL 6.1349, LCL 0
  // (the handbook uses 3/1.128; the tabled E2 = 2.66 moves the limits by under 0.001).
  const values = [49.6, 47.6, 49.9, 51.3, 47.8, 51.2, 52.6, 52.4, 53.6, 52.1];
  const limits = individualsLimits(values);

  it('limits from the baseline', () => {
    expect(limits.x.center).toBeCloseTo(50.81, 10);
    expect(limits.mr.center).toBeCloseTo(1.8778, 4);
    expect(limits.x.ucl).toBeCloseTo(55.8041, 2);
    expect(limits.x.lcl).toBeCloseTo(45.8159, 2);
    expect(limits.mr.ucl).toBeCloseTo(6.1349, 3);
    expect(limits.mr.lcl).toBe(0);
  });

  it('moving ranges at the later value of each pair', () => {
    const mr = movingRanges(values.map((value, i) => ({ at: 1000 * i, value })));
    expect(mr).toHaveLength(9);
    expect(mr[0]).toEqual({ at: 1000, value: expect.closeTo(2.0, 10) });
    expect(mr.map((p) => p.value.toFixed(1))).toEqual(['2.0', '2.3', '1.4', '3.5', '3.4', '1.4', '0.2', '1.2', '1.5']);
  });
});

describe('subgroups and refusals', () => {
  it('groups consecutive measurements, dropping an incomplete tail; the time is the last one', () => {
    const groups = subgroupsOf([1, 2, 3, 4, 5, 6, 7].map((value) => ({ at: value * 10, value })), 3);
    expect(groups).toEqual([{ at: 30, values: [1, 2, 3] }, { at: 60, values: [4, 5, 6] }]);
  });

  it.each([
    ['one subgroup', () => xbarRLimits([[1, 2, 3]]), 'a baseline of 1 subgroup: limits need at least 2 (20–25 is usual)'],
    ['mixed sizes', () => xbarRLimits([[1, 2, 3], [1, 2]]), 'baseline subgroup 2 has 2 values, the first has 3: X-bar/R needs one subgroup size'],
    ['subgroups of 11', () => xbarRLimits([Array(11).fill(1), Array(11).fill(2)]), 'subgroups of 11: the chart constants cover 2 to 10'],
    ['too few individuals', () => individualsLimits([1, 2]), 'a baseline of 2 values: individuals limits with a moving range of 2 need at least 3 (20 or more is usual)'],
  ])('%s', (_name, call, message) => {
    expect(call).toThrow(SpcInputError);
    expect(call).toThrow(message);
  });
});
