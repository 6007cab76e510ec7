/**
 * Remaining useful life: how many days until the broadband velocity reaches ISO zone D
 * (the C/D boundary), with a confidence interval, or "not enough evidence" when that is the
 * truth. Shown as "zone D in about 3 days, likely between 2.4 and 3.9".
 *
 * Model: bearing wear grows the velocity about exponentially, so ln v = a + b·x is fitted by
 * least squares over the recent window (x in days, 0 at the newest point; the window is
 * the points since `since`, e.g. the start of the anomaly, and at most `maxSpanDays` = 3
 * back, so that an older, slower stage does not hold the estimate back). The crossing is
 * x* = (ln v_CD − a)/b.
 *
 * Wear accelerates (the simulator's defect, like a real one, grows faster once it spreads),
 * and a straight line through an accelerating ln v averages the slope and promises more
 * time than there is. So before the fit, while the window holds at least 2 × 12 points, a
 * parabola ln v = a + b·u + c·u² is fitted and, when its curvature c is significantly
 * positive (c / se(c) above the same t quantile, with the same autocorrelation allowance
 * as below), the older half of the window is dropped. The line is fitted to what is left:
 * the latest stage. When even that still curves upwards, the text says that zone D may
 * come sooner.
 *
 * Interval: Fieller's (inverse regression): the times x at which the fitted mean line's own
 * confidence band, a + b·x ± q·s·√(1/n + (x − x̄)²/Sxx), contains ln v_CD. With
 * A = b² − q²s²/Sxx and d = ȳ − ln v_CD, these are x̄ + u for the u between the roots of
 * A·u² + 2·d·b·u + d² − q²s²/n = 0; the set is a bounded interval exactly when the slope is
 * significant (|b|/se(b) > q). q is Student's t at (1 + confidence)/2 (default confidence
 * 90 %), not a bootstrap: the formula is exact for the linear model and needs no random
 * numbers. Snapshot-to-snapshot residuals are not independent (the load follows the
 * shift for hours, the machine wanders), so s² is inflated by the residuals' integrated
 * autocorrelation time τ (stats.ts; at most n/3) and the degrees of freedom shrink to
 * n/τ − 2: n correlated points are worth n/τ independent ones. (A lag-1 AR(1) correction
 * alone was tried and is not enough: a healthy motor's day/night swing then reads as a
 * "significant" 2–3 %/day rise over a 3-day window.)
 *
 * Verdicts:
 *   'in-zone-d'            the median of the last 5 velocities is at or above C/D: 0 days;
 *   'not-enough-evidence'  fewer than 12 points in the window; or no significant upward
 *                          trend (the slope's interval reaches 0 or below); or the estimate
 *                          lies further ahead than 3 × the time span of the data it rests on
 *                          (a forecast does not reach far beyond its data); or the interval
 *                          runs past 365 days or is wider than 3 × max(estimate, 1 day);
 *   'estimate'             { days, low, high }.
 * Limits: the line extrapolates the latest stage's growth rate; a defect that speeds up
 * further reaches zone D sooner than said. On the simulator's outer-race defect
 * (degradation.test.ts, hourly points) the first estimate came 1.2 days before zone D and
 * every interval held the crossing.
 */
import type { FeaturePoint, RulEstimate, RulFit, ZoneBoundaries } from '../../contract/pdm.js';
import { PdmInputError } from './errors.js';
import { autocorrelationTime, fitLine, fitParabola, median, studentTQuantile } from './stats.js';

export type { RulEstimate, RulFit };

const DAY_MS = 86_400_000;

export interface RulOptions {
  /** Only points at or after this time, UTC epoch ms (e.g. the anomaly's startT). */
  since?: number;
  /** Only points within this many days of the newest (default 3). */
  maxSpanDays?: number;
  /** Fewest points to fit (default 12). */
  minPoints?: number;
  /** Two-sided confidence of the interval (default 0.9). */
  confidence?: number;
  /** An interval whose high end lies further out than this is too uncertain (default 365 days). */
  horizonDays?: number;
  /** An interval wider than this × max(estimate, 1 day) is too uncertain (default 3). */
  maxRelativeWidth?: number;
  /** An estimate further ahead than this × the span of the fitted points is not given (default 3). */
  maxExtrapolation?: number;
  /** The current level is the median of the last this many points (default 5). */
  window?: number;
}

const fmtDays = (d: number) => (d < 10 ? d.toFixed(1) : d.toFixed(0));
const pct = (b: number) => (Math.exp(b) - 1) * 100;

/** Whether ln v curves significantly upwards over the points (at least 6 of them). */
function accelerates(x: readonly number[], y: readonly number[], confidence: number): boolean {
  if (x.length < 6 || x[0] === x[x.length - 1]) return false;
  const p = fitParabola(x, y);
  const tau = Math.min(p.n / 3, autocorrelationTime(p.residuals));
  const se = Math.sqrt(p.s2 * tau * p.cFactor);
  return p.c > 0 && p.c > studentTQuantile((1 + confidence) / 2, Math.max(1, p.n / tau - 3)) * se;
}

/** Days until the velocity trend reaches the C/D boundary of `boundaries`, from the velocity of `points` (oldest first). */
export function remainingLife(points: readonly FeaturePoint[], boundaries: ZoneBoundaries, options: RulOptions = {}): RulEstimate {
  const confidence = options.confidence ?? 0.9;
  if (!(confidence > 0 && confidence < 1)) throw new PdmInputError(`confidence ${confidence}: expected a fraction between 0 and 1, e.g. 0.9`);
  const target = boundaries.cd;
  const all = points
    .filter((p) => p.velocityRmsMmS !== undefined && Number.isFinite(p.velocityRmsMmS) && p.velocityRmsMmS > 0 && Number.isFinite(p.t))
    .map((p) => ({ t: p.t, v: p.velocityRmsMmS! }))
    .sort((a, b) => a.t - b.t);
  const last = all[all.length - 1];
  const base = { confidence, targetMmS: target };
  const minPoints = options.minPoints ?? 12;
  const refuse = (why: string, t: number | null, fit: RulFit | null = null): RulEstimate => ({ verdict: 'not-enough-evidence', why, ...base, t, fit, text: `Not enough evidence: ${why}` });
  if (!last) return refuse(`no velocity points; the trend needs at least ${minPoints}`, null);

  const level = median(all.slice(-(options.window ?? 5)).map((p) => p.v));
  if (level >= target) {
    return { verdict: 'in-zone-d', days: 0, low: 0, high: 0, ...base, t: last.t, levelMmS: level, text: `Already in zone D: velocity ${level.toFixed(2)} mm/s is at or above the C/D boundary ${target} mm/s` };
  }

  const from = Math.max(options.since ?? -Infinity, last.t - (options.maxSpanDays ?? 3) * DAY_MS);
  const window = all.filter((p) => p.t >= from);
  if (window.length < minPoints) return refuse(`only ${window.length} point${window.length === 1 ? '' : 's'} in the window; the trend needs at least ${minPoints}`, last.t);
  let x = window.map((p) => (p.t - last.t) / DAY_MS);
  let y = window.map((p) => Math.log(p.v));
  if (x[0] === 0) return refuse('every point has the same time; the trend needs time to pass', last.t);

  // The latest stage: drop the older half while the growth significantly accelerates.
  let halvings = 0;
  let accelerating = accelerates(x, y, confidence);
  while (accelerating && x.length >= 2 * minPoints) {
    const keep = x.length >> 1;
    x = x.slice(-keep);
    y = y.slice(-keep);
    halvings++;
    accelerating = accelerates(x, y, confidence);
  }
  if (x[0] === 0) return refuse('the latest points all have the same time; the trend needs time to pass', last.t);

  const line = fitLine(x, y);
  const tau = Math.min(line.n / 3, autocorrelationTime(line.residuals));
  const effective = line.n / tau;
  const df = Math.max(1, effective - 2);
  const s2 = line.s2 * tau;
  const q = studentTQuantile((1 + confidence) / 2, df);
  const seB = Math.sqrt(s2 / line.sxx);
  const fit: RulFit = {
    points: line.n,
    fromT: last.t + x[0]! * DAY_MS,
    toT: last.t,
    growthPercentPerDay: pct(line.b),
    growthLowPercentPerDay: pct(line.b - q * seB),
    growthHighPercentPerDay: pct(line.b + q * seB),
    levelMmS: Math.exp(line.a),
    halvings,
    accelerating,
    tau,
    effectivePoints: effective,
  };
  const conf = `${Math.round(confidence * 100)} %`;
  const growth = `${fit.growthPercentPerDay.toFixed(1)} %/day (${conf} interval ${fit.growthLowPercentPerDay.toFixed(1)} … ${fit.growthHighPercentPerDay.toFixed(1)})`;
  if (line.b - q * seB <= 0) return refuse(`no significant upward trend: velocity growing ${growth} over ${line.n} points`, last.t, fit);

  // Fieller: the x where the mean line's confidence band contains ln(target).
  const L = Math.log(target);
  const d = line.meanY - L;
  const A = line.b * line.b - (q * q * s2) / line.sxx;
  const C = d * d - (q * q * s2) / line.n;
  const root = Math.sqrt(d * d * line.b * line.b - A * C);
  const u1 = (-d * line.b - root) / A;
  const u2 = (-d * line.b + root) / A;
  const days = Math.max(0, (L - line.a) / line.b);
  const low = Math.max(0, line.meanX + Math.min(u1, u2));
  const high = Math.max(0, line.meanX + Math.max(u1, u2));
  const maxWidth = (options.maxRelativeWidth ?? 3) * Math.max(days, 1);
  const horizon = options.horizonDays ?? 365;
  const span = -x[0]!;
  const reach = (options.maxExtrapolation ?? 3) * span;
  if (days > reach) {
    return refuse(`the trend would reach zone D in about ${fmtDays(days)} days, more than ${options.maxExtrapolation ?? 3} × the ${fmtDays(span)} days of data it rests on`, last.t, fit);
  }
  if (high > horizon) return refuse(`the trend would reach zone D in about ${fmtDays(days)} days, but the ${conf} interval runs to ${fmtDays(high)} days (beyond ${horizon})`, last.t, fit);
  if (high - low > maxWidth) {
    return refuse(`the trend would reach zone D in about ${fmtDays(days)} days, but the ${conf} interval (${fmtDays(low)} … ${fmtDays(high)} days) is too wide to plan on`, last.t, fit);
  }
  return {
    verdict: 'estimate',
    days,
    low,
    high,
    ...base,
    t: last.t,
    fit,
    text:
      `Zone D (${target} mm/s) in about ${fmtDays(days)} days, likely between ${fmtDays(low)} and ${fmtDays(high)} (${conf} interval; velocity growing ${fit.growthPercentPerDay.toFixed(0)} %/day over the last ${line.n} points)` +
      (accelerating ? '; the growth is still accelerating, so zone D may come sooner' : ''),
  };
}
