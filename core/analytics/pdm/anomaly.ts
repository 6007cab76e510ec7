/**
 * Anomaly detection on an asset's feature trends that does not cry wolf on a healthy
 * machine: a feature is anomalous when its smoothed level has left its healthy band and
 * stays out, not when one snapshot is odd.
 *
 * Per feature, for each point: the robust z against the healthy baseline (health.ts),
 * z = (x − m) / σ, clipped to ± 6 (so one wild snapshot counts as a 6σ one, no more);
 * an EWMA of it, e = λ·z + (1 − λ)·e, λ = 0.2, starting from 0 (the healthy median). A point
 * is out when |e| ≥ 3, and an event starts when at least 4 of the last 6 points are out on
 * the same side (persistence). It ends when |e| falls below 2 (hysteresis, so it does not
 * chatter at the threshold).
 *
 * Why an EWMA of the level and not a CUSUM: a CUSUM (k = 0.5) adds up every sustained
 * offset, and a healthy machine has them: velocity and kurtosis follow the load, lower at
 * night, higher on the day shift, for hours. The baseline's σ, learned over whole days,
 * already spans that swing (|z| ≲ 1.5), so an EWMA level beyond 3σ is a change of the
 * machine, not of the shift. On independent healthy points the EWMA's σ is
 * √(λ/(2 − λ)) = 0.33, so 3 is a 9σ excursion; with the clip, three consecutive 6σ
 * outliers lift e to 2.9 at most, and 4 of 6 points are needed anyway.
 *
 * Latency, from the formulas (and the tests): a step of ≥ 6σ is detected at its 7th point
 * (e crosses 3 at the 4th point, 4 of 6 out at the 7th); a step of 4σ at its 10th; a ramp of
 * 0.1σ per point after 35–50 points (it has to climb out of the healthy band first, and
 * the EWMA lags a ramp by (1 − λ)/λ = 4 points; started at night, the low load hides ~1σ).
 *
 * Directions: bearing-defect evidence only counts upwards (it cannot fall below the noise
 * floor in any way that matters); the other features both ways (a velocity that drops
 * may be a loose sensor; the host decides what to raise). Streaming: `anomalyStep` takes the
 * state and one point and returns the new state and the events that started or ended;
 * `detectAnomalies` folds it over a series. The state is plain JSON, so a host can keep it.
 */
import type { AnomalyDirection, AnomalyEvent, Baseline, FeatureName, FeaturePoint } from '../../contract/pdm.js';
import { PdmInputError } from './errors.js';
import { featureInfo, featureNames, formatFeature, valueOf } from './feature-point.js';

export type { AnomalyDirection, AnomalyEvent };

export interface AnomalyOptions {
  /** EWMA weight of the newest point (default 0.2). */
  lambda?: number;
  /** A point is out when |EWMA z| reaches this (default 3). */
  thresholdZ?: number;
  /** An event ends when |EWMA z| falls below this (default 2). */
  clearZ?: number;
  /** Each z is clipped to ± this before smoothing (default 6). */
  clipZ?: number;
  /** An event starts when `k` of the last `n` points are out on one side (default 4 of 6). */
  persistence?: { k: number; n: number };
  /** Which way each feature may be anomalous (default: defect evidence 'up', others 'both'). */
  directions?: Partial<Record<FeatureName, AnomalyDirection | 'both'>>;
}

interface Track {
  ewma: number;
  /** The last n points: +1 out above, −1 out below, 0 in; with their times. */
  flags: number[];
  times: number[];
  open: AnomalyEvent | null;
}

export interface AnomalyState {
  lastT: number | null;
  points: number;
  tracks: Partial<Record<FeatureName, Track>>;
}

export interface AnomalyStep {
  state: AnomalyState;
  started: AnomalyEvent[];
  ended: AnomalyEvent[];
}

export function initialAnomalyState(): AnomalyState {
  return { lastT: null, points: 0, tracks: {} };
}

interface Settings {
  lambda: number;
  thresholdZ: number;
  clearZ: number;
  clipZ: number;
  k: number;
  n: number;
  directions: Partial<Record<FeatureName, AnomalyDirection | 'both'>>;
}

function settingsOf(options: AnomalyOptions): Settings {
  const s: Settings = {
    lambda: options.lambda ?? 0.2,
    thresholdZ: options.thresholdZ ?? 3,
    clearZ: options.clearZ ?? 2,
    clipZ: options.clipZ ?? 6,
    k: options.persistence?.k ?? 4,
    n: options.persistence?.n ?? 6,
    directions: { outerRaceDb: 'up', innerRaceDb: 'up', ballDb: 'up', cageDb: 'up', ...options.directions },
  };
  if (!(s.lambda > 0 && s.lambda <= 1)) throw new PdmInputError(`EWMA lambda ${s.lambda}: expected 0 < λ ≤ 1`);
  if (!(s.clearZ >= 0 && s.clearZ <= s.thresholdZ)) throw new PdmInputError(`clear level ${s.clearZ}: expected 0 … the threshold (${s.thresholdZ})`);
  if (!(Number.isInteger(s.k) && Number.isInteger(s.n) && s.k >= 1 && s.k <= s.n)) throw new PdmInputError(`persistence ${s.k} of ${s.n}: expected whole numbers with 1 ≤ k ≤ n`);
  return s;
}

const signed = (z: number) => `${z >= 0 ? '+' : '−'}${Math.abs(z).toFixed(1)}`;

function evidenceOf(e: Omit<AnomalyEvent, 'evidence'>, s: Settings, out: number): string {
  const info = featureInfo[e.feature];
  const side = e.direction === 'up' ? 'above' : 'below';
  const band = `${formatFeature(e.feature, e.healthyMedian)} ± ${e.healthySigma.toFixed(info.decimals === 0 ? 1 : info.decimals)}`;
  return `${info.label} ${e.direction}: ${formatFeature(e.feature, e.value)}, ${side} its healthy ${band}; smoothed z ${signed(e.z)} beyond ±${s.thresholdZ} in ${out} of the last ${s.n} points`;
}

/** Feeds one point (newer than the last) to the detector. */
export function anomalyStep(state: AnomalyState, point: FeaturePoint, baseline: Baseline, options: AnomalyOptions = {}): AnomalyStep {
  const s = settingsOf(options);
  if (!Number.isFinite(point.t)) throw new PdmInputError(`feature point time ${point.t}: expected UTC epoch milliseconds`);
  if (state.lastT !== null && !(point.t > state.lastT)) {
    throw new PdmInputError(`feature point at ${point.t} is not after the previous one (${state.lastT}): points must come oldest first, one per timestamp`);
  }
  const tracks: Partial<Record<FeatureName, Track>> = { ...state.tracks };
  const started: AnomalyEvent[] = [];
  const ended: AnomalyEvent[] = [];
  for (const name of featureNames) {
    const b = baseline.features[name];
    const x = valueOf(point, name);
    if (!b || x === undefined) continue;
    const before = tracks[name] ?? { ewma: 0, flags: [], times: [], open: null };
    const z = Math.max(-s.clipZ, Math.min(s.clipZ, (x - b.median) / b.sigma));
    const ewma = s.lambda * z + (1 - s.lambda) * before.ewma;
    const allowed = s.directions[name] ?? 'both';
    const flag = ewma >= s.thresholdZ && allowed !== 'down' ? 1 : ewma <= -s.thresholdZ && allowed !== 'up' ? -1 : 0;
    const flags = [...before.flags, flag].slice(-s.n);
    const times = [...before.times, point.t].slice(-s.n);
    let open = before.open;
    if (open) {
      const sign = open.direction === 'up' ? 1 : -1;
      open = { ...open, peakZ: sign * ewma > sign * open.peakZ ? ewma : open.peakZ };
      if (sign * ewma < s.clearZ) {
        open = { ...open, endT: point.t };
        ended.push(open);
        open = null;
      }
    } else {
      for (const sign of [1, -1]) {
        const out = flags.filter((f) => f === sign).length;
        if (out < s.k) continue;
        const first = flags.indexOf(sign);
        const partial = {
          feature: name,
          label: featureInfo[name].label,
          direction: sign === 1 ? ('up' as const) : ('down' as const),
          startT: times[first]!,
          detectedT: point.t,
          endT: null,
          value: x,
          healthyMedian: b.median,
          healthySigma: b.sigma,
          z: ewma,
          peakZ: ewma,
        };
        open = { ...partial, evidence: evidenceOf(partial, s, out) };
        started.push(open);
        break;
      }
    }
    tracks[name] = { ewma, flags, times, open };
  }
  return { state: { lastT: point.t, points: state.points + 1, tracks }, started, ended };
}

/** Every event over a series (oldest first); events still open at the end have endT null. */
export function detectAnomalies(
  baseline: Baseline,
  points: readonly FeaturePoint[],
  options: AnomalyOptions = {},
  from: AnomalyState = initialAnomalyState(),
): { events: AnomalyEvent[]; state: AnomalyState } {
  let state = from;
  const events: AnomalyEvent[] = [];
  const index = new Map<string, number>();
  const key = (e: AnomalyEvent) => `${e.feature} ${e.direction} ${e.detectedT}`;
  for (const p of points) {
    const step = anomalyStep(state, p, baseline, options);
    state = step.state;
    for (const e of step.ended) {
      const i = index.get(key(e));
      if (i === undefined) events.push(e);
      else events[i] = e;
    }
    for (const e of step.started) {
      index.set(key(e), events.length);
      events.push(e);
    }
  }
  // Open events carry their latest peak.
  for (const track of Object.values(state.tracks)) {
    const i = track?.open ? index.get(key(track.open)) : undefined;
    if (i !== undefined) events[i] = track!.open!;
  }
  return { events, state };
}

/** The events of the state that are open now. */
export function openAnomalies(state: AnomalyState): AnomalyEvent[] {
  return featureNames.flatMap((name) => {
    const open = state.tracks[name]?.open;
    return open ? [open] : [];
  });
}
