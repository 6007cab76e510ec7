/**
 * The little statistics the trend analytics need (health, anomaly, remaining life), written
 * out so that each result can be traced to a textbook formula:
 *
 *   median, and the MAD-based σ = 1.4826 · median |x − median| (the factor makes it equal
 *   to σ for normal data; unlike the standard deviation, a few outliers do not move it);
 *
 *   ordinary least squares y = a + b·x with s² = Σr²/(n − 2), Sxx = Σ(x − x̄)²,
 *   se(b) = s/√Sxx, and the lag-1 autocorrelation of the residuals;
 *
 *   least squares y = a + b·u + c·u², u = x − x̄, for the curvature c and its variance
 *   factor [(XᵀX)⁻¹]₃₃ (so se(c) = s·√factor), solved by Cramer's rule on the 3 × 3 normal
 *   equations (x centred, so they stay well conditioned);
 *
 *   the integrated autocorrelation time of a series, τ = 1 + 2·Σ ρ_k summed over the lags
 *   k = 1, 2, … while ρ_k stays positive (the "initial positive sequence" of Geyer 1992):
 *   n correlated points carry about as much information as n/τ independent ones;
 *
 *   Student's t: the CDF from the regularised incomplete beta function
 *   (F(t) = 1 − ½·I_{ν/(ν+t²)}(ν/2, ½) for t ≥ 0; Numerical Recipes §6.4, continued
 *   fraction by the modified Lentz method, ln Γ by Lanczos, g = 7), and its quantile by
 *   bisection. ν may be fractional (an effective number of points).
 *
 * Pure functions of their arguments.
 */

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** σ estimated from the median absolute deviation (consistent for normal data). */
export function madSigma(values: readonly number[], centre = median(values)): number {
  return 1.4826 * median(values.map((v) => Math.abs(v - centre)));
}

export interface LineFit {
  n: number;
  /** Intercept and slope of y = a + b·x. */
  a: number;
  b: number;
  meanX: number;
  meanY: number;
  sxx: number;
  /** Residual variance, Σr²/(n − 2). */
  s2: number;
  /** Lag-1 autocorrelation of the residuals (0 when it cannot be computed). */
  rho1: number;
  residuals: number[];
}

/** Least-squares line through (x, y); needs at least 3 points and two distinct x. */
export function fitLine(x: readonly number[], y: readonly number[]): LineFit {
  const n = x.length;
  let meanX = 0;
  let meanY = 0;
  for (let i = 0; i < n; i++) {
    meanX += x[i]!;
    meanY += y[i]!;
  }
  meanX /= n;
  meanY /= n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (x[i]! - meanX) ** 2;
    sxy += (x[i]! - meanX) * (y[i]! - meanY);
  }
  const b = sxy / sxx;
  const a = meanY - b * meanX;
  const r = x.map((xi, i) => y[i]! - (a + b * xi));
  const ss = r.reduce((sum, ri) => sum + ri * ri, 0);
  let lagged = 0;
  for (let i = 1; i < n; i++) lagged += r[i]! * r[i - 1]!;
  const rho1 = ss > 0 ? lagged / ss : 0;
  return { n, a, b, meanX, meanY, sxx, s2: ss / (n - 2), rho1, residuals: r };
}

export interface CurveFit {
  n: number;
  c: number;
  /** [(XᵀX)⁻¹]₃₃: se(c)² = s2 · cFactor. */
  cFactor: number;
  s2: number;
  residuals: number[];
}

const det3 = (m: number[][]) =>
  m[0]![0]! * (m[1]![1]! * m[2]![2]! - m[1]![2]! * m[2]![1]!) - m[0]![1]! * (m[1]![0]! * m[2]![2]! - m[1]![2]! * m[2]![0]!) + m[0]![2]! * (m[1]![0]! * m[2]![1]! - m[1]![1]! * m[2]![0]!);

/** Least-squares parabola through (x, y), for its curvature; needs at least 4 points and three distinct x. */
export function fitParabola(x: readonly number[], y: readonly number[]): CurveFit {
  const n = x.length;
  const meanX = x.reduce((sum, v) => sum + v, 0) / n;
  const u = x.map((v) => v - meanX);
  const s = [0, 0, 0, 0, 0];
  const t = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    let p = 1;
    for (let k = 0; k <= 4; k++) {
      s[k]! += p;
      if (k <= 2) t[k]! += p * y[i]!;
      p *= u[i]!;
    }
  }
  const m = [
    [s[0]!, s[1]!, s[2]!],
    [s[1]!, s[2]!, s[3]!],
    [s[2]!, s[3]!, s[4]!],
  ];
  const d = det3(m);
  const solve = (col: number) => det3(m.map((row, r) => row.map((v, k) => (k === col ? t[r]! : v)))) / d;
  const [a, b, c] = [solve(0), solve(1), solve(2)];
  const residuals = u.map((ui, i) => y[i]! - (a + b * ui + c * ui * ui));
  const ss = residuals.reduce((sum, r) => sum + r * r, 0);
  // Cofactor of the (3, 3) element over the determinant.
  const cFactor = (s[0]! * s[2]! - s[1]! * s[1]!) / d;
  return { n, c, cFactor, s2: ss / (n - 3), residuals };
}

/** τ = 1 + 2·Σ ρ_k over the initial positive lags (at most n/2), never below 1. */
export function autocorrelationTime(r: readonly number[]): number {
  const n = r.length;
  const ss = r.reduce((sum, v) => sum + v * v, 0);
  if (!(ss > 0)) return 1;
  let tau = 1;
  for (let k = 1; k <= n >> 1; k++) {
    let c = 0;
    for (let i = k; i < n; i++) c += r[i]! * r[i - k]!;
    if (c <= 0) break;
    tau += (2 * c) / ss;
  }
  return tau;
}

const LANCZOS = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];

/** ln Γ(z), z > 0 (Lanczos, g = 7). */
export function logGamma(z: number): number {
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - logGamma(1 - z);
  const x = z - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < 9; i++) sum += LANCZOS[i]! / (x + i);
  const t = x + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Continued fraction of the incomplete beta function (modified Lentz). */
function betaFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a - 1 + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + 1 + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-15) break;
  }
  return h;
}

/** Regularised incomplete beta function I_x(a, b). */
export function incompleteBeta(a: number, b: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(a, b, x)) / a : 1 - (front * betaFraction(b, a, 1 - x)) / b;
}

/** P(T ≤ t) for Student's t with ν degrees of freedom. */
export function studentTCdf(t: number, nu: number): number {
  const tail = 0.5 * incompleteBeta(nu / 2, 0.5, nu / (nu + t * t));
  return t >= 0 ? 1 - tail : tail;
}

/** The t with P(T ≤ t) = p, for 0.5 ≤ p < 1 (bisection to 1e-10). */
export function studentTQuantile(p: number, nu: number): number {
  let lo = 0;
  let hi = 1;
  while (studentTCdf(hi, nu) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-10; i++) {
    const mid = (lo + hi) / 2;
    if (studentTCdf(mid, nu) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
