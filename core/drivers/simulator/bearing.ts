/**
 * Rolling-element bearing kinematics and the life of a growing defect. Defect frequencies
 * come from the geometry (BPFO = n/2·(1 − d/D·cosα)·fr and friends, computed by the analysis's own
 * core/analytics/pdm/bearing.ts, so the simulator and the diagnosis cannot disagree). The growth curve
 * follows the classic four stages: (1) impacts visible only in the envelope spectrum,
 * (2) defect-frequency harmonics and sidebands, (3) broadband velocity rising through
 * ISO 10816 zone C, (4) zone D and a hot bearing.
 */
import { defectFrequencies } from '../../analytics/pdm/bearing.js';
import type { BearingGeometry } from './settings.js';

export interface BearingFrequencies {
  /** Ball pass frequency, outer race, Hz. */
  bpfo: number;
  /** Ball pass frequency, inner race, Hz. */
  bpfi: number;
  /** Ball spin frequency, Hz. */
  bsf: number;
  /** Fundamental train (cage) frequency, Hz. */
  ftf: number;
}

/** The defect frequencies at a shaft frequency: the same kinematics the analysis uses (core/analytics/pdm/bearing.ts). */
export function bearingFrequencies(bearing: BearingGeometry, shaftHz: number): BearingFrequencies {
  if (!(shaftHz > 0)) return { bpfo: 0, bpfi: 0, bsf: 0, ftf: 0 }; // a standing shaft
  const { bpfo, bpfi, bsf, ftf } = defectFrequencies(bearing, shaftHz * 60);
  return { bpfo, bpfi, bsf, ftf };
}

/** How far a defect has grown, and what it does to the signals. */
export interface DefectCondition {
  /** 0 before the defect is born, 1 at the end of its growth. */
  life: number;
  /** Peak acceleration of each impact, g (rings the structural resonance). */
  impactG: number;
  /** 0..1: strength of defect-frequency harmonics and shaft-rate sidebands in the raw signal. */
  harmonics: number;
  /** Broadband RMS velocity (10–1000 Hz) with this defect, mm/s, given the healthy level. */
  velocityMmS: number;
  /** Extra bearing housing temperature, K. */
  temperatureRiseK: number;
}

/** Piecewise log-linear interpolation: growth between knots looks exponential, as wear does. */
function logInterp(x: number, knots: readonly (readonly [number, number])[]): number {
  const first = knots[0]!;
  if (x <= first[0]) return first[1];
  for (let i = 1; i < knots.length; i++) {
    const [x1, y1] = knots[i]!;
    const [x0, y0] = knots[i - 1]!;
    if (x <= x1) {
      const f = (x - x0) / (x1 - x0);
      return Math.exp(Math.log(y0) + f * (Math.log(y1) - Math.log(y0)));
    }
  }
  return knots[knots.length - 1]![1];
}

function linInterp(x: number, knots: readonly (readonly [number, number])[]): number {
  const first = knots[0]!;
  if (x <= first[0]) return first[1];
  for (let i = 1; i < knots.length; i++) {
    const [x1, y1] = knots[i]!;
    const [x0, y0] = knots[i - 1]!;
    if (x <= x1) return y0 + ((x - x0) / (x1 - x0)) * (y1 - y0);
  }
  return knots[knots.length - 1]![1];
}

/** Stage boundaries on the life axis. */
export const STAGES = { harmonics: 0.35, velocity: 0.6, zoneD: 0.85 } as const;

/**
 * The condition of a defect at `life` (0..1 of its growth period), for a machine whose
 * healthy broadband velocity is `healthyMmS`. Zone C (2.8–4.5 mm/s) is crossed between
 * life 0.6 and 0.85, zone D (> 4.5 mm/s) after that.
 */
export function defectCondition(life: number, healthyMmS: number): DefectCondition {
  const x = Math.max(0, Math.min(1, life));
  if (life <= 0) return { life: 0, impactG: 0, harmonics: 0, velocityMmS: healthyMmS, temperatureRiseK: 0 };
  const impactG = logInterp(x, [
    [0, 0.08],
    [STAGES.harmonics, 0.6],
    [STAGES.velocity, 1.5],
    [STAGES.zoneD, 3],
    [1, 5],
  ]);
  const harmonics = linInterp(x, [
    [STAGES.harmonics, 0],
    [STAGES.velocity, 1],
  ]);
  const velocityMmS = logInterp(x, [
    [STAGES.harmonics, healthyMmS],
    [STAGES.velocity, Math.max(healthyMmS * 1.15, 1.6)],
    [STAGES.zoneD, 4.6],
    [1, 7.8],
  ]);
  const temperatureRiseK = linInterp(x, [
    [0.75, 0],
    [STAGES.zoneD, 4],
    [1, 35],
  ]);
  return { life: x, impactG, harmonics, velocityMmS, temperatureRiseK };
}

/** Broadband velocity with several defects: each adds its excess over healthy, in power. */
export function combinedVelocity(healthyMmS: number, conditions: readonly DefectCondition[]): number {
  let power = healthyMmS * healthyMmS;
  for (const c of conditions) power += Math.max(0, c.velocityMmS * c.velocityMmS - healthyMmS * healthyMmS);
  return Math.sqrt(power);
}

/** Life (0..1) of a defect born at `bornAt` that grows over `growthDays`, at time `t`. */
export function defectLife(t: number, bornAt: number, growthDays: number): number {
  if (t < bornAt) return -1;
  return Math.min(1, (t - bornAt) / (growthDays * 86_400_000));
}
