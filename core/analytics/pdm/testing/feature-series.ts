/**
 * Seeded feature trends of a motor like the simulated conveyor drive (1.15 mm/s healthy,
 * ISO group 2 rigid), for the trend analytics' tests: one point per snapshot while the
 * motor runs, with the load following the shifts (higher on the day shift, lower at
 * night, a break now and then with no snapshots), a slow wander, snapshot-to-snapshot
 * noise, and now and then an odd snapshot (a knock: kurtosis and crest factor jump for
 * that one point). Defect evidence of a healthy bearing is the strongest of a few noise
 * lines over the envelope floor: 10·log10(max of 5 exponential draws), typically 3–6 dB,
 * rarely above 10. A `degrade` function can add a fault on top.
 */
import { prng } from '../../../runtime/testing/prng.js';
import type { FeaturePoint } from '../feature-point.js';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
/** 2024-03-04 00:00 UTC, a Monday. */
export const T0 = Date.UTC(2024, 2, 4);

export interface SeriesOptions {
  seed: number;
  days: number;
  /** Minutes between snapshots (default 5). */
  everyMin?: number;
  startT?: number;
  /** Adds a fault: gets the point as healthy and its time, returns it changed. */
  degrade?: (point: FeaturePoint, t: number) => FeaturePoint;
}

export function normalDraws(random: () => number): () => number {
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const s = spare;
      spare = undefined;
      return s;
    }
    const u = 1 - random();
    const v = random();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}

/** Load 0..1 by hour of day: day shift high, late shift middling, night low. */
function shiftLoad(t: number): number {
  const hour = ((t - T0) / HOUR_MS) % 24;
  return 0.55 + 0.3 * Math.sin((2 * Math.PI * (hour - 8)) / 24);
}

export function healthySeries(options: SeriesOptions): FeaturePoint[] {
  const random = prng(options.seed);
  const normal = normalDraws(random);
  const every = (options.everyMin ?? 5) * 60_000;
  const start = options.startT ?? T0;
  const end = start + options.days * DAY_MS;
  const points: FeaturePoint[] = [];
  let wander = 0;
  const noiseDb = () => 10 * Math.log10(Math.max(...Array.from({ length: 5 }, () => -Math.log(1 - random()))));
  for (let t = start; t < end; t += every) {
    wander = 0.98 * wander + 0.2 * 0.02 * normal(); // slow drift, σ ≈ 2 %
    // A 30 min break in each 8 h shift, no snapshots while stopped.
    const inShift = ((t - start) / HOUR_MS) % 8;
    if (inShift >= 4 && inShift < 4.5) continue;
    const load = Math.min(1, Math.max(0, shiftLoad(t) + 0.05 * normal()));
    const knock = random() < 0.002;
    let point: FeaturePoint = {
      t,
      velocityRmsMmS: 1.15 * (0.9 + 0.2 * load) * (1 + wander) * (1 + 0.02 * normal()),
      kurtosis: 2.9 + 0.15 * load + 0.05 * normal() + (knock ? 3 + 3 * random() : 0),
      crestFactor: 4.1 + 0.2 * normal() + (knock ? 2 + 2 * random() : 0),
      outerRaceDb: noiseDb(),
      innerRaceDb: noiseDb(),
      ballDb: noiseDb(),
      cageDb: noiseDb(),
    };
    if (options.degrade) point = options.degrade(point, t);
    points.push(point);
  }
  return points;
}
