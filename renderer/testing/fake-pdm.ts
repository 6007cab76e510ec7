/**
 * The fake plant's predictive maintenance: three assets under vibration monitoring, shaped
 * like the core's answers.
 *   line1/motor       Conveyor drive M1, SKF 6205 at 1778 rpm, an outer-race defect growing
 *                     for six days: BPFO ≈ 3.585 × shaft ≈ 106 Hz and its harmonics in the
 *                     envelope, velocity 2.95 mm/s (zone C), health about 45 (alert), an open
 *                     high-priority work request and a remaining life of a few days;
 *   line1/filler      healthy (health 96, zone A), with an old acknowledged work request;
 *   line1/casepacker  still learning its baseline (12 of 30 snapshots).
 * Hourly feature points over the last 14 days, on whole hours of the fake clock. Work
 * requests can be acknowledged (kept for the page's life); a waveform file "analysed" by
 * hand gets a canned outer-race analysis at the speed it was given (fake-pdm-file.ts; the
 * health figures are in fake-pdm-health.ts). Not the core's arithmetic: plausible figures
 * for screens and tests, nothing more.
 */
import { describeIssues, fail, hmiRequestSchemas, ok } from '../../core/contract/index.js';
import type {
  AssetHealth,
  BaselineInfo,
  FeaturePoint,
  FleetEntry,
  HealthIndex,
  HmiApi,
  HmiMethod,
  HmiRequest,
  Result,
  SnapshotAnalysis,
  WaveformView,
  WorkRequest,
} from '../../core/contract/index.js';
import { fakeFileAnalysis } from './fake-pdm-file.js';
import { day, defectStartDay, healthyHealth, hour, motorAnomalies, motorGrowth, motorHealth, motorRemainingLife, smoothed, trendDays } from './fake-pdm-health.js';
import { defectFrequenciesOf, fakeAnalysis, fakeRecord, group2Rigid, skf6203, skf6205, waveformView, zoneOf } from './fake-pdm-signals.js';
import { mulberry32 } from './fake-story.js';
import type { FakeAnalysisInput } from './fake-pdm-signals.js';

type PdmMethods = 'pdmFleet' | 'pdmAsset' | 'pdmWaveform' | 'workRequests' | 'acknowledgeWorkRequest' | 'analyzeWaveformFile';

export type FakePdm = { [M in PdmMethods]: (req: HmiRequest<M>) => Awaited<ReturnType<HmiApi[M]>> };

interface FakeAsset {
  asset: string;
  name: string;
  lineName: string;
  waveformTag: string;
  signal: FakeAnalysisInput;
  /** The feature values `d` days after the trend's start (0 … 14). */
  feature(d: number, random: () => number): Omit<FeaturePoint, 't'>;
  /** Snapshots so far, while learning. */
  learning?: { points: number; startedDaysAgo: number };
}

const lineName = 'Bottling line 1';

const ramp = (d: number, from: number) => Math.max(0, Math.min(1, (d - from) / (trendDays - from)));

const assets: FakeAsset[] = [
  {
    asset: 'line1/motor',
    name: 'Conveyor drive M1',
    lineName,
    waveformTag: 'line1/motor/vibration_waveform',
    signal: { shaftRpm: 1778, outerRace: { slip: -0.003, impactG: 0.35 }, seed: 6205, bearing: skf6205, velocityRmsMmS: 2.95, boundaries: group2Rigid, machineGroup: 2, foundation: 'rigid', assumed: false, bpfoDb: 16 },
    feature: (d, random) => {
      const swing = 1 + 0.04 * Math.sin((2 * Math.PI * d) / 1) + (random() - 0.5) * 0.05;
      const v = d < defectStartDay ? 1.15 : 1.15 * Math.exp(motorGrowth * (d - defectStartDay));
      return {
        velocityRmsMmS: v * swing,
        kurtosis: 3.02 + 1.3 * ramp(d, 7) ** 1.3 + (random() - 0.5) * 0.12,
        crestFactor: 3.6 + 0.95 * ramp(d, 7) ** 1.2 + (random() - 0.5) * 0.15,
        outerRaceDb: 3 + 11 * ramp(d, 7.5) + (random() - 0.5) * 2,
        innerRaceDb: 3.4 + (random() - 0.5) * 2,
        ballDb: 2.6 + (random() - 0.5) * 2,
        cageDb: 2.1 + (random() - 0.5) * 1.6,
      };
    },
  },
  {
    asset: 'line1/filler',
    name: 'Filler',
    lineName,
    waveformTag: 'line1/filler/vibration_waveform',
    signal: { shaftRpm: 1480, outerRace: null, seed: 1480, bearing: skf6205, velocityRmsMmS: 1.21, boundaries: group2Rigid, machineGroup: 2, foundation: 'rigid', assumed: true, bpfoDb: 0 },
    feature: (d, random) => ({
      velocityRmsMmS: 1.21 * (1 + 0.05 * Math.sin(2 * Math.PI * d) + (random() - 0.5) * 0.05),
      kurtosis: 2.98 + (random() - 0.5) * 0.12,
      crestFactor: 3.4 + (random() - 0.5) * 0.15,
      outerRaceDb: 2.8 + (random() - 0.5) * 2,
      innerRaceDb: 3.1 + (random() - 0.5) * 2,
      ballDb: 2.4 + (random() - 0.5) * 2,
      cageDb: 2 + (random() - 0.5) * 1.6,
    }),
  },
  {
    asset: 'line1/casepacker',
    name: 'Case packer',
    lineName,
    waveformTag: 'line1/casepacker/vibration_waveform',
    signal: { shaftRpm: 1450, outerRace: null, seed: 1450, bearing: skf6203, velocityRmsMmS: 1.62, boundaries: group2Rigid, machineGroup: 2, foundation: 'rigid', assumed: true, bpfoDb: 0 },
    feature: (d, random) => ({
      velocityRmsMmS: 1.62 * (1 + (random() - 0.5) * 0.06),
      kurtosis: 3.1 + (random() - 0.5) * 0.15,
      crestFactor: 3.7 + (random() - 0.5) * 0.2,
      outerRaceDb: 2.5 + (random() - 0.5) * 2,
      innerRaceDb: 2.9 + (random() - 0.5) * 2,
      ballDb: 2.2 + (random() - 0.5) * 2,
      cageDb: 1.8 + (random() - 0.5) * 1.6,
    }),
    learning: { points: 12, startedDaysAgo: 0.5 },
  },
];

function seedOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Hourly points over the last 14 days (only the learning hours for a learning asset), oldest first. */
function trendOf(a: FakeAsset, newest: number): FeaturePoint[] {
  const hours = a.learning === undefined ? trendDays * 24 : a.learning.points;
  const points: FeaturePoint[] = [];
  for (let k = hours - 1; k >= 0; k--) {
    const t = newest - k * hour;
    const d = trendDays - k / 24;
    const random = mulberry32(seedOf(`${a.asset}@${t}`));
    points.push({ t, ...a.feature(d, random) });
  }
  return points;
}

export interface FakePdmOptions {
  now: () => number;
}

export function createFakePdm(options: FakePdmOptions): FakePdm & { analysisOf(asset: string): SnapshotAnalysis | null } {
  const { now } = options;
  const startedAt = now();
  /** Feature points on whole hours: the newest snapshot is the last full hour. */
  const newestAt = () => Math.floor(now() / hour) * hour;
  const records = new Map<string, Float64Array>();
  const analyses = new Map<string, SnapshotAnalysis>();
  const recordOf = (a: FakeAsset) => {
    let r = records.get(a.asset);
    if (r === undefined) records.set(a.asset, (r = fakeRecord(a.signal)));
    return r;
  };
  const analysisOf = (a: FakeAsset) => {
    let r = analyses.get(a.asset);
    if (r === undefined) analyses.set(a.asset, (r = fakeAnalysis(a.signal, recordOf(a))));
    return r;
  };

  // Work requests: the motor's, raised when its health fell below 60 (20 h before the page opened); the filler's, old and acknowledged.
  const motorRaisedAt = Math.floor((startedAt - 20 * hour) / 60_000) * 60_000;
  const fillerRaisedAt = Math.floor((startedAt - 41 * day) / 60_000) * 60_000;
  const bpfo = defectFrequenciesOf(skf6205, 1778).bpfo;
  const requests: WorkRequest[] = [
    {
      id: `line1/motor@${motorRaisedAt}`,
      asset: 'line1/motor',
      assetName: 'Conveyor drive M1',
      raisedAt: motorRaisedAt,
      status: 'open',
      priority: 'high',
      health: 57.8,
      zone: 'C',
      velocityRmsMmS: 2.83,
      defect: 'outer-race',
      title: 'Outer-race defect on the SKF 6205 of Conveyor drive M1',
      diagnosis: `Outer-race defect: BPFO at ${(bpfo * 0.997).toFixed(1)} Hz (expected ${bpfo.toFixed(1)} Hz) stands 14 dB above the noise floor, with 3 harmonics`,
      evidence: [
        `BPFO at ${(bpfo * 0.997).toFixed(1)} Hz stands 14 dB above the noise floor (expected ${bpfo.toFixed(1)} Hz, −0.3 %)`,
        `Harmonics 2×, 3× and 4×BPFO stand 11, 8 and 6 dB above the floor`,
        'Velocity RMS 2.83 mm/s: ISO zone C (B/C 2.8, C/D 4.5 mm/s)',
        'Kurtosis 4.05 (healthy 3.02 ± 0.10, +10σ)',
        'Crest factor 4.42 (healthy 3.60 ± 0.15, +5σ)',
      ],
      remainingLife: 'Zone D (4.5 mm/s) in about 4.1 days, likely between 3.0 and 5.7 (90 % interval; velocity growing 12 %/day over the last 72 points)',
    },
    {
      id: `line1/filler@${fillerRaisedAt}`,
      asset: 'line1/filler',
      assetName: 'Filler',
      raisedAt: fillerRaisedAt,
      status: 'acknowledged',
      priority: 'medium',
      health: 58.2,
      zone: 'B',
      velocityRmsMmS: 2.41,
      defect: null,
      title: 'Velocity rising on the Filler: no bearing defect found',
      diagnosis: 'No bearing defect: no defect frequency stands out with its harmonics in the envelope spectrum; 1× shaft dominates (unbalance or misalignment?)',
      evidence: ['Velocity RMS 2.41 mm/s (healthy 1.20 mm/s ± 0.06, +20σ)', '1×shaft stands 22 dB above the floor'],
      remainingLife: 'Not enough evidence: fewer than 12 points since the anomaly started',
      acknowledged: { user: 'J. Brandt', at: fillerRaisedAt + 3 * hour, comment: 'Coupling realigned, drive belt replaced' },
    },
  ];

  const find = (asset: string) => assets.find((a) => a.asset === asset);
  const notMonitored = (asset: string) => fail<never>('not-found', `"${asset}" is not under vibration monitoring`);
  const openCount = (asset: string) => requests.filter((r) => r.asset === asset && r.status === 'open').length;

  function healthOf(a: FakeAsset, trend: readonly FeaturePoint[]): HealthIndex | null {
    if (a.learning !== undefined) return null;
    return a.asset === 'line1/motor' ? motorHealth(trend, a.signal.boundaries) : healthyHealth(trend, a.signal.boundaries);
  }

  function baselineOf(a: FakeAsset, newest: number): BaselineInfo {
    if (a.learning !== undefined) {
      const from = newest - (a.learning.points - 1) * hour;
      return { status: 'learning', points: a.learning.points, needed: 30, from, to: newest, source: 'first-run', until: from + 30 * hour };
    }
    const from = newest - trendDays * day + hour;
    return { status: 'learned', points: 48, needed: 30, from, to: from + 47 * hour, source: 'first-run', until: null };
  }

  function entry(a: FakeAsset): FleetEntry {
    const newest = newestAt();
    const trend = trendOf(a, newest);
    const health = healthOf(a, trend);
    const v = smoothed(trend, 'velocityRmsMmS');
    const analysis = analysisOf(a);
    const rul = (a.asset === 'line1/motor' ? motorRemainingLife(trend, a.signal.boundaries) : null);
    return {
      asset: a.asset,
      name: a.name,
      lineName: a.lineName,
      condition: health === null ? 'learning' : health.status,
      health: health === null ? null : health.health,
      zone: zoneOf(v, a.signal.boundaries),
      velocityRmsMmS: v,
      defect: analysis.diagnosis.defect,
      summary: a.learning !== undefined ? `Learning the healthy baseline (${a.learning.points} of 30 snapshots); velocity in ISO zone ${zoneOf(v, a.signal.boundaries)}` : analysis.diagnosis.status === 'defect' ? analysis.diagnosis.text : 'No bearing defect; every feature within its healthy range',
      remainingLife: rul?.text ?? null,
      lastSnapshotAt: newest,
      openWorkRequests: openCount(a.asset),
    };
  }

  function checked<M extends HmiMethod>(method: M, req: unknown): { ok: true; req: HmiRequest<M> } | { ok: false; result: Result<never> } {
    const parsed = hmiRequestSchemas[method].safeParse(req);
    if (!parsed.success) return { ok: false, result: fail('invalid-request', describeIssues(parsed.error, req)) };
    return { ok: true, req: parsed.data as HmiRequest<M> };
  }

  return {
    analysisOf: (asset) => {
      const a = find(asset);
      return a === undefined ? null : analysisOf(a);
    },
    pdmFleet: () => {
      const rank = { alert: 0, watch: 1, good: 2, learning: 3, 'no-data': 4 } as const;
      return ok(assets.map(entry).sort((x, y) => rank[x.condition] - rank[y.condition] || (x.health ?? 101) - (y.health ?? 101)));
    },
    pdmAsset: (raw) => {
      const c = checked('pdmAsset', raw);
      if (!c.ok) return c.result;
      const a = find(c.req.asset);
      if (a === undefined) return notMonitored(c.req.asset);
      const newest = newestAt();
      const all = trendOf(a, newest);
      const from = c.req.from ?? newest - trendDays * day;
      const to = c.req.to ?? newest;
      const inPeriod = all.filter((p) => p.t >= from && p.t <= to);
      // At most maxPoints: the newest point of each bucket.
      const every = Math.ceil(inPeriod.length / c.req.maxPoints);
      const trend = every <= 1 ? inPeriod : inPeriod.filter((_, i) => (inPeriod.length - 1 - i) % every === 0);
      const health = healthOf(a, all);
      const value: AssetHealth = {
        asset: a.asset,
        name: a.name,
        lineName: a.lineName,
        settings: { waveformTag: a.waveformTag, bearing: a.signal.bearing, machineGroup: a.signal.machineGroup, foundation: a.signal.foundation, boundaries: a.signal.boundaries },
        condition: health === null ? 'learning' : health.status,
        baseline: baselineOf(a, newest),
        health,
        remainingLife: (a.asset === 'line1/motor' ? motorRemainingLife(all, a.signal.boundaries) : null),
        anomalies: (a.asset === 'line1/motor' ? motorAnomalies(newest) : []).filter((e) => e.open || e.startT >= from),
        trend,
        latest: { at: newest, analysis: analysisOf(a) },
        workRequests: requests.filter((r) => r.asset === a.asset).sort((x, y) => y.raisedAt - x.raisedAt),
      };
      return ok(structuredClone(value));
    },
    pdmWaveform: (raw) => {
      const c = checked('pdmWaveform', raw);
      if (!c.ok) return c.result;
      const a = find(c.req.asset);
      if (a === undefined) return notMonitored(c.req.asset);
      const view: WaveformView = waveformView(recordOf(a), 'g', c.req);
      return ok({ at: newestAt(), view });
    },
    workRequests: (raw) => {
      const c = checked('workRequests', raw);
      if (!c.ok) return c.result;
      const { status, asset, limit } = c.req;
      return ok(structuredClone(requests.filter((r) => (status === undefined || r.status === status) && (asset === undefined || r.asset === asset)).sort((x, y) => y.raisedAt - x.raisedAt).slice(0, limit)));
    },
    acknowledgeWorkRequest: (raw) => {
      const c = checked('acknowledgeWorkRequest', raw);
      if (!c.ok) return c.result;
      const request = requests.find((r) => r.id === c.req.id);
      if (request === undefined) return fail('not-found', `no work request "${c.req.id}"`);
      if (request.status !== 'open') return fail('action-refused', `this work request was already acknowledged by ${request.acknowledged?.user ?? 'someone'}`);
      request.status = 'acknowledged';
      request.acknowledged = { user: c.req.user, at: now(), ...(c.req.comment === undefined || c.req.comment === '' ? {} : { comment: c.req.comment }) };
      return ok(structuredClone(request));
    },
    analyzeWaveformFile: (raw) => {
      const c = checked('analyzeWaveformFile', raw);
      if (!c.ok) return c.result;
      return fakeFileAnalysis(c.req);
    },
  };
}
