/** The statistics under the trend analytics against textbook values: t-table quantiles, MAD, a straight line. */
import { describe, expect, it } from 'vitest';
import { autocorrelationTime, fitLine, fitParabola, logGamma, madSigma, median, studentTCdf, studentTQuantile } from './stats.js';

describe('median and MAD σ', () => {
  it('odd and even counts; MAD σ = 1.4826 · median |x − median|; one outlier moves neither much', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
    expect(madSigma([1, 2, 3, 4, 5])).toBeCloseTo(1.4826, 10);
    expect(madSigma([1, 2, 3, 4, 500])).toBeCloseTo(1.4826, 10);
  });
});

describe("Student's t", () => {
  // Two-sided 95 % and 90 % critical values from the t table.
  it.each([
    [0.975, 1, 12.706],
    [0.975, 2, 4.303],
    [0.975, 10, 2.228],
    [0.975, 30, 2.042],
    [0.95, 5, 2.015],
    [0.95, 20, 1.725],
    [0.995, 3, 5.841],
    [0.975, 1e6, 1.96],
  ])('P(T ≤ t) = %s with %s degrees of freedom at t = %s', (p, nu, t) => {
    expect(studentTQuantile(p, nu)).toBeCloseTo(t, 2);
    expect(studentTCdf(t, nu)).toBeCloseTo(p, 4);
  });

  it('is symmetric, and ln Γ matches factorials', () => {
    expect(studentTCdf(-2, 7) + studentTCdf(2, 7)).toBeCloseTo(1, 12);
    expect(studentTCdf(0, 3)).toBeCloseTo(0.5, 12);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 10);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 10);
  });
});

describe('fitLine', () => {
  it('recovers an exact line, with zero residual variance', () => {
    const x = [0, 1, 2, 3, 4];
    const f = fitLine(x, x.map((v) => 2 + 0.5 * v));
    expect(f.a).toBeCloseTo(2, 12);
    expect(f.b).toBeCloseTo(0.5, 12);
    expect(f.s2).toBeCloseTo(0, 12);
    expect(f.sxx).toBeCloseTo(10, 12);
  });

  it('residuals that alternate have a negative lag-1 autocorrelation', () => {
    const x = [0, 1, 2, 3, 4, 5, 6, 7];
    const f = fitLine(x, x.map((v) => v + (v % 2 === 0 ? 0.1 : -0.1)));
    expect(f.rho1).toBeLessThan(-0.5);
  });
});

describe('fitParabola', () => {
  it('recovers the curvature of an exact parabola, and its variance factor matches the textbook one for x = −1, 0, 1, 2', () => {
    const x = [-1, 0, 1, 2];
    const f = fitParabola(x, x.map((v) => 1 - v + 0.25 * v * v));
    expect(f.c).toBeCloseTo(0.25, 12);
    expect(f.s2).toBeCloseTo(0, 12);
    // u = x − 0.5 = ±0.5, ±1.5: Σ1 = 4, Σu² = 5, Σu⁴ = 10.25, odd sums 0; det = 4·5·10.25 − 5·5·5 = 80, cofactor 4·5 = 20.
    expect(f.cFactor).toBeCloseTo(20 / 80, 12);
  });
});

describe('autocorrelationTime', () => {
  it('about 1 for independent noise, about (1 + φ)/(1 − φ) for an AR(1) series', () => {
    let state = 12345;
    const uniform = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32) - 0.5;
    const white = Array.from({ length: 4000 }, uniform);
    expect(autocorrelationTime(white)).toBeLessThan(1.3);
    const ar: number[] = [];
    let x = 0;
    for (let i = 0; i < 20_000; i++) ar.push((x = 0.8 * x + uniform()));
    const tau = autocorrelationTime(ar);
    expect(tau).toBeGreaterThan(7);
    expect(tau).toBeLessThan(11); // (1 + 0.8)/(1 − 0.8) = 9
    expect(autocorrelationTime([0, 0, 0])).toBe(1);
  });
});
