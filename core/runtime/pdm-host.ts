/**
 * Predictive maintenance on the running plant. For each asset with `pdm:` settings, every
 * snapshot of its waveform tag is analysed (core/analytics/pdm, pure) with the asset's
 * bearing, ISO group and foundation; its feature point goes to the event journal
 * (core/historian/pdm-journal.ts); then the asset's baseline, anomaly state, health and
 * remaining life move on, and a maintenance work request is raised when the health falls
 * to alert. The times are the snapshots' own, so a replay gives what live gave.
 *
 * Decisions:
 * - Baseline: the healthy period the config names (`pdm.baseline`), or else the asset's
 *   first `baselineHours` of snapshots (default 24 h: every load of a day of shifts), and at
 *   least 30 of them. While it is being learned the health judges the velocity alone (ISO
 *   zone), and no anomaly is looked for. A machine that is already worn when monitoring
 *   starts needs a configured baseline period after its repair.
 * - Snapshots are analysed only while the shaft turns (≥ 60 rpm reported with the
 *   snapshot) and with good quality; a stopped machine's vibration says nothing of its bearing.
 * - Remaining life is asked for once the velocity trend is anomalous upwards (or the velocity
 *   is already in zone D); before that "not asked" is the honest answer, not a number.
 * - Work requests: one per episode. A request is raised when the health falls to alert; the
 *   next one only after the health has been good (≥ 80) again. Raising writes the request
 *   and its copy for the uplink's outbox in one transaction (the CMMS upstream gets it once
 *   issue 9's conduit runs); acknowledging is journaled with who and when, and goes up too.
 * - After a restart everything is rebuilt from the journal: the baseline from its period's
 *   points, the anomaly state and the episode by replaying the points since, the latest
 *   analysis from the newest stored waveform.
 */
import {
  defectNames,
  type AnomalyEvent,
  type AssetCondition,
  type AssetHealth,
  type BaselineInfo,
  type FeaturePoint,
  type FleetEntry,
  type HealthIndex,
  type RulEstimate,
  type SampleUnit,
  type SnapshotAnalysis,
  type Waveform,
  type WaveformView,
  type WorkRequest,
  type WorkRequestStatus,
  type ZoneBoundaries,
} from '../contract/index.js';
import {
  analyzeSnapshot,
  anomalyStep,
  featurePoint,
  healthIndex,
  initialAnomalyState,
  isoZoneBoundaries,
  learnBaseline,
  MIN_BASELINE_POINTS,
  remainingLife,
  type AnomalyState,
  type Baseline,
} from '../analytics/pdm/index.js';
import { waveformView } from '../analytics/pdm/waveform-view.js';
import type { RunningHistorian } from '../historian/index.js';
import type { Historian } from '../historian/historian.js';
import { appendFeaturePoint, appendWorkRequest, appendWorkRequestAck, featurePoints, firstFeaturePointTime, storedWorkRequests } from '../historian/pdm-journal.js';
import { enqueueForUplink } from '../historian/uplink-outbox.js';
import { latestWaveform } from '../historian/waveform-store.js';
import { LinesideError } from '../model/errors.js';
import type { Asset, Line, PdmSettings, Plant } from '../model/plant.js';
import type { Sample } from '../model/sample.js';
import type { Logger } from './logger.js';
import type { Runtime } from './runtime.js';

const DAY_MS = 86_400_000;
/** Feature points kept in memory per asset (and replayed after a restart). */
const MEMORY_MS = 30 * DAY_MS;
/** The asset page's trend by default. */
const TREND_MS = 14 * DAY_MS;
/** A snapshot taken while the shaft turns slower than this is not analysed. */
const MIN_SHAFT_RPM = 60;
/** Points the health smooths over (the median of each feature's last few). */
const HEALTH_WINDOW = 5;

export interface PdmHost {
  fleet(): FleetEntry[];
  asset(path: string, options: { from?: number | undefined; to?: number | undefined; maxPoints: number }): AssetHealth;
  waveform(path: string, options: { columns: number; detailFromS: number; detailS: number }): { at: number; view: WaveformView };
  workRequests(filter: { status?: WorkRequestStatus | undefined; asset?: string | undefined; limit: number }): WorkRequest[];
  acknowledge(id: string, user: string, comment?: string): WorkRequest;
  stop(): void;
}

interface Monitor {
  path: string;
  name: string;
  lineName: string;
  settings: PdmSettings;
  boundaries: ZoneBoundaries;
  /** Baseline period: fixed from the config, or from the first point on. */
  baselineFrom: number | null;
  baselinePoints: FeaturePoint[];
  baseline: Baseline | null;
  /** Points since the baseline (or all while learning), the last MEMORY_MS. */
  points: FeaturePoint[];
  anomaly: AnomalyState;
  anomalies: AnomalyEvent[];
  health: HealthIndex | null;
  remainingLife: RulEstimate | null;
  latest: { at: number; analysis: SnapshotAnalysis; waveform: Waveform } | null;
  /** Whether the next fall to alert raises a work request (false from a request until health is good again). */
  armed: boolean;
  /** Why the last snapshot was not analysed, if it was not. */
  skipped: string | null;
}

/** Judges the velocity alone, while no baseline is learned. */
const noBaseline: Baseline = { from: 0, to: 0, points: 0, features: {} };

export function startPdmHost(options: { runtime: Runtime; historian?: RunningHistorian; log: Logger }): PdmHost {
  const { runtime, log } = options;
  const store = (): Historian | undefined => options.historian?.historian();
  let monitors = new Map<string, Monitor>();
  let requests: WorkRequest[] = [];
  let unsubscribe = () => {};

  const setUp = (plant: Plant) => {
    unsubscribe();
    const before = monitors;
    monitors = new Map();
    for (const line of plant.lines) {
      for (const asset of line.assets) {
        if (!asset.pdm) continue;
        const path = `${line.id}/${asset.id}`;
        const kept = before.get(path);
        monitors.set(path, kept && sameSettings(kept.settings, asset.pdm) ? kept : restore(line, asset, asset.pdm));
      }
    }
    const byTag = new Map([...monitors.values()].map((m) => [m.settings.waveformTag, m]));
    unsubscribe = byTag.size === 0 ? () => {} : runtime.bus.subscribe([...byTag.keys()], (samples) => samples.forEach((s) => onSnapshot(byTag.get(s.path)!, s)));
  };

  /** A monitor with its state rebuilt from the journal. */
  const restore = (line: Line, asset: Asset, settings: PdmSettings): Monitor => {
    const path = `${line.id}/${asset.id}`;
    const m: Monitor = {
      path,
      name: asset.name,
      lineName: line.name,
      settings,
      boundaries: isoZoneBoundaries[settings.machineGroup ?? 2][settings.foundation ?? 'rigid'],
      baselineFrom: settings.baseline?.from ?? null,
      baselinePoints: [],
      baseline: null,
      points: [],
      anomaly: initialAnomalyState(),
      anomalies: [],
      health: null,
      remainingLife: null,
      latest: null,
      armed: true,
      skipped: null,
    };
    const historian = store();
    if (!historian) return m;
    try {
      const now = runtime.clock.now();
      m.baselineFrom ??= firstFeaturePointTime(historian, path) ?? null;
      const stored = featurePoints(historian, path, Math.min(m.baselineFrom ?? now, now - MEMORY_MS), now + 1);
      // Replaying the points gives the baseline, the anomaly state and the episode (armed or not) that live had.
      for (const point of stored) advance(m, point, { replaying: true });
      const newest = latestWaveform(historian, settings.waveformTag);
      if (newest) {
        const analysis = analyze(m, newest.waveform);
        if (typeof analysis !== 'string') m.latest = { at: newest.ts, analysis, waveform: newest.waveform };
      }
    } catch (error) {
      log.warn({ err: error, asset: path }, 'PdM: could not rebuild the asset state from the journal; it starts afresh');
    }
    return m;
  };

  const analyze = (m: Monitor, waveform: Waveform): SnapshotAnalysis | string => {
    const rpm = waveform.shaftRpm;
    if (rpm === undefined || !(rpm >= MIN_SHAFT_RPM)) return `the shaft turned at ${rpm ?? 'an unknown speed'} rpm; snapshots are analysed from ${MIN_SHAFT_RPM} rpm`;
    const unit = sampleUnitOf(waveform.unit);
    if (!unit) return `the waveform's unit "${waveform.unit}" is none of g, m/s² or mm/s`;
    return analyzeSnapshot({
      samples: waveform.samples,
      sampleRateHz: waveform.sampleRateHz,
      unit,
      shaftRpm: rpm,
      ...(m.settings.bearing ? { bearing: m.settings.bearing } : {}),
      machineGroup: m.settings.machineGroup ?? 2,
      foundation: m.settings.foundation ?? 'rigid',
    });
  };

  const onSnapshot = (m: Monitor, sample: Sample) => {
    if (sample.quality.status !== 'good' || typeof sample.value !== 'object') {
      m.skipped = `the snapshot at ${new Date(sample.sourceTs).toISOString()} had ${sample.quality.status} quality`;
      return;
    }
    try {
      const waveform = sample.value;
      const analysis = analyze(m, waveform);
      if (typeof analysis === 'string') {
        m.skipped = analysis;
        return;
      }
      m.skipped = null;
      m.latest = { at: sample.sourceTs, analysis, waveform };
      const point = featurePoint(sample.sourceTs, analysis);
      advance(m, point, { replaying: false });
      const historian = store();
      if (historian) appendFeaturePoint(historian, m.path, point, m.health?.health);
    } catch (error) {
      m.skipped = `the analysis failed: ${(error as Error).message}`;
      log.warn({ err: error, asset: m.path }, 'PdM: a snapshot could not be analysed');
    }
  };

  /** One feature point on: baseline, anomalies, health, remaining life, and a work request on a fall to alert. */
  const advance = (m: Monitor, point: FeaturePoint, { replaying }: { replaying: boolean }) => {
    m.baselineFrom ??= point.t;
    if (!m.baseline && inBaselinePeriod(m, point)) m.baselinePoints.push(point);
    else if (!m.baseline && m.baselinePoints.length >= MIN_BASELINE_POINTS) {
      m.baseline = learnBaseline(m.baselinePoints);
      if (!replaying) log.info({ asset: m.path, points: m.baselinePoints.length }, 'PdM: healthy baseline learned');
    }
    m.points.push(point);
    while (m.points.length > 0 && m.points[0]!.t < point.t - MEMORY_MS) m.points.shift();
    if (m.baseline) {
      const step = anomalyStep(m.anomaly, point, m.baseline);
      m.anomaly = step.state;
      m.anomalies.push(...step.started);
      for (const ended of step.ended) {
        const i = m.anomalies.findIndex((a) => a.feature === ended.feature && a.startT === ended.startT);
        if (i >= 0) m.anomalies[i] = ended;
      }
    }
    m.health = healthIndex(m.baseline ?? noBaseline, m.points.slice(-HEALTH_WINDOW), m.boundaries);
    const velocityRise = m.anomalies.find((a) => a.feature === 'velocityRmsMmS' && a.direction === 'up' && a.endT === null);
    m.remainingLife = velocityRise || m.health.zone === 'D' ? remainingLife(m.points, m.boundaries, velocityRise ? { since: velocityRise.startT } : {}) : null;
    if (m.health.status === 'good') m.armed = true;
    else if (m.health.status === 'alert' && m.armed) {
      m.armed = false;
      if (!replaying) raise(m, m.health);
    }
  };

  /** Whether the point belongs to the healthy period the baseline is learned from. */
  const inBaselinePeriod = (m: Monitor, point: FeaturePoint): boolean => {
    const configured = m.settings.baseline;
    if (configured) return point.t >= configured.from && point.t <= configured.to;
    return point.t < m.baselineFrom! + m.settings.baselineMs || m.baselinePoints.length < MIN_BASELINE_POINTS;
  };

  const raise = (m: Monitor, health: HealthIndex) => {
    const analysis = m.latest?.analysis;
    const defect = analysis?.diagnosis.defect ?? null;
    const velocity = m.points.at(-1)?.velocityRmsMmS ?? 0;
    const zone = health.zone ?? 'A';
    const bearing = m.settings.bearing?.model ?? 'bearing';
    const title = defect
      ? `${defectNames[defect]} on the ${bearing} of ${m.name}`
      : zone === 'C' || zone === 'D'
        ? `Vibration of ${m.name} in ISO zone ${zone} (${velocity.toFixed(2)} mm/s)`
        : `Vibration of ${m.name} off its healthy baseline`;
    const request: WorkRequest = {
      id: `${m.path}@${health.t}`,
      asset: m.path,
      assetName: m.name,
      raisedAt: health.t,
      status: 'open',
      priority: zone === 'C' || zone === 'D' ? 'high' : 'medium',
      health: health.health,
      zone,
      velocityRmsMmS: velocity,
      defect,
      title,
      diagnosis: analysis?.diagnosis.text ?? 'No analysis of the newest snapshot.',
      evidence: [
        health.text,
        ...health.contributions.filter((c) => c.points >= 1).map((c) => c.text),
        ...m.anomalies.filter((a) => a.endT === null).map((a) => a.evidence),
      ],
      remainingLife: m.remainingLife?.text ?? 'Not estimated: the velocity is not rising yet.',
    };
    const historian = store();
    if (historian) {
      historian.db.transaction(() => {
        appendWorkRequest(historian, request);
        enqueueForUplink(historian, { ts: request.raisedAt, kind: 'work-request', source: request.asset, payload: { ...request } });
      })();
    }
    requests.push(request);
    log.warn({ asset: m.path, id: request.id, health: request.health, defect }, `PdM: work request raised: ${title}`);
  };

  const condition = (m: Monitor): AssetCondition => (!m.health ? 'no-data' : !m.baseline && m.health.status === 'good' ? 'learning' : m.health.status);

  const baselineInfo = (m: Monitor): BaselineInfo => {
    const configured = m.settings.baseline;
    const points = m.baseline ? m.baseline.points : m.baselinePoints.length;
    return {
      status: m.baseline ? 'learned' : 'learning',
      points,
      needed: MIN_BASELINE_POINTS,
      from: m.baseline?.from ?? m.baselinePoints[0]?.t ?? null,
      to: m.baseline?.to ?? m.baselinePoints.at(-1)?.t ?? null,
      source: configured ? 'config' : 'first-run',
      until: m.baseline ? null : configured ? configured.to : m.baselineFrom !== null ? m.baselineFrom + m.settings.baselineMs : null,
    };
  };

  const summaryOf = (m: Monitor): string => {
    if (!m.latest) return m.skipped ?? 'No snapshot analysed yet.';
    const d = m.latest.analysis.diagnosis;
    return d.status === 'defect' || !m.baseline ? d.text : (m.health?.text ?? d.text);
  };

  const monitorOf = (path: string): Monitor => {
    const m = monitors.get(path);
    if (!m) throw new LinesideError('not-found', `${path} is not under vibration monitoring: ${[...monitors.keys()].join(', ') || 'no asset has pdm settings'}`);
    return m;
  };

  requests = (() => {
    const historian = store();
    return historian ? storedWorkRequests(historian, { from: 0, to: Number.MAX_SAFE_INTEGER }) : [];
  })();
  setUp(runtime.plant);
  const stopPlantChanges = runtime.onPlantChange((plant) => setUp(plant));

  return {
    fleet() {
      const entries = [...monitors.values()].map(
        (m): FleetEntry => ({
          asset: m.path,
          name: m.name,
          lineName: m.lineName,
          condition: condition(m),
          health: m.health?.health ?? null,
          zone: m.health?.zone ?? null,
          velocityRmsMmS: m.points.at(-1)?.velocityRmsMmS ?? null,
          defect: m.latest?.analysis.diagnosis.defect ?? null,
          summary: summaryOf(m),
          remainingLife: m.remainingLife?.text ?? null,
          lastSnapshotAt: m.latest?.at ?? null,
          openWorkRequests: requests.filter((r) => r.asset === m.path && r.status === 'open').length,
        }),
      );
      return entries.sort((a, b) => (a.health ?? 101) - (b.health ?? 101) || a.name.localeCompare(b.name));
    },

    asset(path, { from, to, maxPoints }) {
      const m = monitorOf(path);
      const end = to ?? runtime.clock.now() + 1;
      const start = from ?? end - TREND_MS;
      const historian = store();
      const trend = historian ? featurePoints(historian, path, start, end) : m.points.filter((p) => p.t >= start && p.t < end);
      return {
        asset: m.path,
        name: m.name,
        lineName: m.lineName,
        settings: {
          waveformTag: m.settings.waveformTag,
          bearing: m.settings.bearing ?? null,
          machineGroup: m.settings.machineGroup ?? 2,
          foundation: m.settings.foundation ?? 'rigid',
          boundaries: m.boundaries,
        },
        condition: condition(m),
        baseline: baselineInfo(m),
        health: m.health,
        remainingLife: m.remainingLife,
        anomalies: [
          ...m.anomalies.filter((a) => a.endT === null).map((a) => ({ ...a, open: true })),
          ...m.anomalies.filter((a) => a.endT !== null && a.startT >= start).map((a) => ({ ...a, open: false })),
        ].sort((a, b) => Number(b.open) - Number(a.open) || b.startT - a.startT),
        trend: thin(trend, maxPoints),
        latest: m.latest ? { at: m.latest.at, analysis: m.latest.analysis } : null,
        workRequests: requests.filter((r) => r.asset === path).sort((a, b) => b.raisedAt - a.raisedAt),
      };
    },

    waveform(path, viewOptions) {
      const m = monitorOf(path);
      if (!m.latest) throw new LinesideError('not-found', `no analysed snapshot of ${m.name} yet${m.skipped ? `: ${m.skipped}` : ''}`);
      const { samples, sampleRateHz, unit } = m.latest.waveform;
      return { at: m.latest.at, view: waveformView(samples, sampleRateHz, unit, viewOptions) };
    },

    workRequests({ status, asset, limit }) {
      return requests
        .filter((r) => (status === undefined || r.status === status) && (asset === undefined || r.asset === asset || r.asset.startsWith(`${asset}/`)))
        .sort((a, b) => Number(b.status === 'open') - Number(a.status === 'open') || b.raisedAt - a.raisedAt)
        .slice(0, limit);
    },

    acknowledge(id, user, comment) {
      const request = requests.find((r) => r.id === id);
      if (!request) throw new LinesideError('not-found', `no work request ${id}`);
      if (request.acknowledged) throw new LinesideError('action-refused', `work request ${id} was acknowledged by ${request.acknowledged.user} at ${new Date(request.acknowledged.at).toISOString()}`);
      const ack = { user, at: runtime.clock.now(), ...(comment ? { comment } : {}) };
      const historian = store();
      if (historian) {
        historian.db.transaction(() => {
          appendWorkRequestAck(historian, request, ack);
          enqueueForUplink(historian, { ts: ack.at, kind: 'work-request-ack', source: request.asset, payload: { id, ...ack } });
        })();
      }
      request.status = 'acknowledged';
      request.acknowledged = ack;
      return { ...request };
    },

    stop() {
      unsubscribe();
      stopPlantChanges();
    },
  };
}

function sampleUnitOf(unit: string): SampleUnit | undefined {
  return ({ g: 'g', 'm/s²': 'm/s²', 'm/s2': 'm/s²', 'mm/s': 'mm/s' } as Record<string, SampleUnit>)[unit];
}

function sameSettings(a: PdmSettings, b: PdmSettings): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** At most `max` points, evenly spread, the newest always kept. */
function thin(points: FeaturePoint[], max: number): FeaturePoint[] {
  if (points.length <= max) return points;
  const step = points.length / max;
  const out: FeaturePoint[] = [];
  for (let i = 0; i < max; i++) out.push(points[Math.min(points.length - 1, Math.floor((i + 1) * step) - 1)]!);
  return out;
}
