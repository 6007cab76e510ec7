/**
 * The trend analytics end to end on the simulator's own waveforms: the conveyor motor's
 * outer-race defect growing over 7 simulated days (core/drivers/simulator: the same growth
 * law and waveform synthesis the running plant uses), snapshots analysed with
 * analyzeSnapshot, one feature point each, fed as a host would. The faulty motor must go to
 * 'alert' (the host's work request) days before ISO zone D; its healthy twin, over the same
 * week with the same day/night load, must stay 'good' and raise no anomaly.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { generateWaveform } from '../../drivers/simulator/bearing-waveform.js';
import { defectCondition, defectLife } from '../../drivers/simulator/bearing.js';
import { Random, Wander } from '../../drivers/simulator/random.js';
import { analyzeSnapshot } from './analyze.js';
import { anomalyStep, initialAnomalyState, type AnomalyEvent, type AnomalyState } from './anomaly.js';
import { featurePoint, type FeaturePoint } from './feature-point.js';
import { healthIndex, learnBaseline, type HealthIndex } from './health.js';
import { isoZoneBoundaries, type IsoZone } from './iso-zone.js';
import { remainingLife, type RulEstimate } from './rul.js';
import { DAY_MS, HOUR_MS, T0 } from './testing/feature-series.js';

const bearing = { model: 'SKF 6205', balls: 9, ballDiameterMm: 7.94, pitchDiameterMm: 39.04, contactAngleDeg: 0 };
const iso = isoZoneBoundaries[2].rigid;
const BORN = T0 + DAY_MS;
const GROWTH_DAYS = 7;

interface Motor {
  rng: Random;
  wander: Wander;
  healthyMmS: number;
  faulty: boolean;
}

/** Feature point and zone of one 1 s snapshot at `t`, the load following the shift like the simulator's. */
function snapshot(m: Motor, t: number): { point: FeaturePoint; zone: IsoZone } {
  const hour = ((t - T0) / HOUR_MS) % 24;
  const load = Math.min(1, Math.max(0, 0.1 + 0.75 * (0.55 + 0.3 * Math.sin((2 * Math.PI * (hour - 8)) / 24)) + m.rng.normal(0, 0.025)));
  const vibrationFactor = (0.97 + 0.05 * load) * (1 + Math.max(-0.04, Math.min(0.04, m.wander.step(1800))));
  const shaftRpm = 1800 - 20 * load;
  const life = m.faulty ? defectLife(t, BORN, GROWTH_DAYS) : -1;
  const defects = life >= 0 ? [{ kind: 'outer-race' as const, condition: defectCondition(life, m.healthyMmS) }] : [];
  const w = generateWaveform({ shaftRpm, healthyMmS: m.healthyMmS, vibrationFactor, bearing, defects }, m.rng);
  const analysis = analyzeSnapshot({ samples: w.samples, sampleRateHz: w.sampleRateHz, unit: 'g', shaftRpm, bearing, machineGroup: 2, foundation: 'rigid' });
  return { point: featurePoint(t, analysis), zone: analysis.iso.zone };
}

interface Timeline {
  health: HealthIndex[];
  zones: { t: number; zone: IsoZone }[];
  events: AnomalyEvent[];
  points: FeaturePoint[];
  rul: { t: number; estimate: RulEstimate }[];
}

/** What a host does: a healthy day for the baseline, then a point an hour for a week. */
function run(m: Motor): Timeline {
  const healthyDay: FeaturePoint[] = [];
  for (let t = T0; t < BORN; t += 30 * 60_000) healthyDay.push(snapshot(m, t).point);
  const baseline = learnBaseline(healthyDay);
  let state: AnomalyState = initialAnomalyState();
  const out: Timeline = { health: [], zones: [], events: [], points: [], rul: [] };
  for (let t = BORN; t < BORN + 7 * DAY_MS; t += HOUR_MS) {
    const { point, zone } = snapshot(m, t);
    out.points.push(point);
    out.zones.push({ t, zone });
    out.health.push(healthIndex(baseline, out.points.slice(-5), iso));
    const step = anomalyStep(state, point, baseline);
    state = step.state;
    out.events.push(...step.started);
    const velocity = out.events.find((e) => e.feature === 'velocityRmsMmS' && e.direction === 'up');
    if (velocity) out.rul.push({ t, estimate: remainingLife(out.points, iso, { since: velocity.startT }) });
  }
  return out;
}

describe('an outer-race defect growing over 7 simulated days', () => {
  const seed = 2024;
  let faulty: Timeline;
  let twin: Timeline;
  let zoneD: number;
  // About 500 one-second snapshots synthesised and analysed: a few seconds.
  beforeAll(() => {
    const root = new Random(seed);
    faulty = run({ rng: root.fork('faulty'), wander: new Wander(root.fork('wander-f'), 0.02, 1200), healthyMmS: 1.15, faulty: true });
    twin = run({ rng: root.fork('twin'), wander: new Wander(root.fork('wander-t'), 0.02, 1200), healthyMmS: 1.14, faulty: false });
    zoneD = faulty.zones.find((z) => z.zone === 'D')!.t;
  }, 60_000);

  it('health falls to alert (the work request) days before zone D, and says why', () => {
    const alert = faulty.health.find((h) => h.status === 'alert')!;
    expect(alert).toBeDefined();
    expect((zoneD - alert.t) / DAY_MS).toBeGreaterThan(3);
    expect(alert.contributions[0]!.feature).toBe('outerRaceDb');
    // Health keeps falling as the velocity rises, and is 0 in zone D.
    const atD = faulty.health.find((h) => h.t >= zoneD + 6 * HOUR_MS)!;
    expect(atD.health).toBeLessThan(10);
  });

  it('the anomaly detector names the outer race within hours, the velocity later, both before zone D', () => {
    const early = faulty.events.filter((e) => e.detectedT < BORN + 12 * HOUR_MS);
    expect(early.map((e) => e.feature)).toContain('outerRaceDb');
    const velocity = faulty.events.find((e) => e.feature === 'velocityRmsMmS')!;
    expect(velocity.direction).toBe('up');
    expect(velocity.detectedT).toBeLessThan(zoneD);
  });

  it('remaining life: from more than a day before zone D, an interval that holds the crossing', () => {
    // Zone D comes between the first snapshot in it and the first time the median of the last 5 is in it.
    const trendD = faulty.rul.find((r) => r.estimate.verdict === 'in-zone-d')!.t;
    expect(trendD).toBeGreaterThanOrEqual(zoneD);
    const estimates = faulty.rul.filter((r) => r.t < trendD && r.estimate.verdict === 'estimate');
    expect((zoneD - estimates[0]!.t) / DAY_MS).toBeGreaterThan(1);
    for (const { t, estimate } of estimates) {
      if (estimate.verdict !== 'estimate') continue;
      const [first, settled] = [Math.max(0, zoneD - t) / DAY_MS, (trendD - t) / DAY_MS];
      expect(estimate.low).toBeLessThanOrEqual(settled);
      expect(estimate.high).toBeGreaterThanOrEqual(first);
    }
    // Before the velocity rose there was no estimate at all.
    expect(faulty.rul[0]!.estimate.verdict).toBe('not-enough-evidence');
  });

  it('the healthy twin over the same week: good throughout, no anomaly (so no remaining-life question)', () => {
    expect(Math.min(...twin.health.map((h) => h.health))).toBeGreaterThanOrEqual(80);
    expect(twin.events).toEqual([]);
    expect(twin.rul).toEqual([]);
    expect(twin.zones.every((z) => z.zone === 'A')).toBe(true);
  });
});
