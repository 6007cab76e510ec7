/**
 * OEE, downtime reasons and SPC on the running plant: reads the historian (which holds the
 * live samples too: its open head is in memory) and runs the pure functions of
 * core/analytics/oee and core/analytics/spc on what it read, on the plant clock. A replay
 * goes through the same path, which is what makes a replayed day give the numbers the live
 * day gave. Reasons go to the historian's event journal (core/historian/downtime-journal.ts).
 *
 * Decisions:
 * - The line's figures are its constraint's (lineOee); every asset's are listed beside.
 * - The stop list holds down, idle and changeover stops that are not micro-stops and that
 *   cost scheduled, unplanned time in the period. Starved and blocked time is the effect of
 *   another machine's stop, which carries the reason; it shows on the timeline, not here.
 * - The Pareto sums each stop's lost time in the period (scheduled, outside breaks and
 *   planned stops); stops without a reason are grouped by fault code (or state).
 * - A stop gets its reason once; changing it is a supervisor's edit (until user accounts
 *   exist, issue 11, the caller says it is one). Both are journaled with who and when.
 */
import type {
  AssetOeeRow,
  DowntimeStop,
  OeeReport,
  OeeSpan,
  ParetoBar,
  ReasonChoices,
  SpcChart,
  SpcCharacteristicInfo,
  TimelineSpan,
} from '../contract/index.js';
import {
  assetAnalysis,
  assetOee,
  assetOeeData,
  downtimeEvents,
  likelyReasons,
  lineOee,
  overlapMs,
  reasonLeaves,
  reportPeriod,
  scheduledWindows,
  type OeePeriod,
  type StateInterval,
} from '../analytics/oee/index.js';
import { spcChartOf, type Measurement } from '../analytics/spc/index.js';
import { appendDowntimeReason, currentReasons, downtimeReasonEntries } from '../historian/downtime-journal.js';
import type { Historian } from '../historian/historian.js';
import type { RunningHistorian } from '../historian/index.js';
import type { HistorianReader } from '../historian/reader.js';
import { LinesideError } from '../model/errors.js';
import type { Asset, Line, Plant, SpcCharacteristic } from '../model/plant.js';
import { readAssetHistory } from './oee-history.js';
import type { Runtime } from './runtime.js';

const DAY_MS = 86_400_000;
/** How far back the reasons given before for a fault code are counted, to order the choices. */
const REASON_HISTORY_MS = 90 * DAY_MS;
/** Longest SPC chart period. */
const MAX_SPC_MS = 31 * DAY_MS;
const reasonStates = ['down', 'idle', 'changeover'] as const;
const stateLabels: Record<DowntimeStop['state'], string> = { down: 'Down', idle: 'Idle', starved: 'Starved', blocked: 'Blocked', changeover: 'Changeover' };

export interface AssignReasonRequest {
  stop: string;
  reason: string;
  comment?: string | undefined;
  user: string;
  supervisor: boolean;
}

export interface OeeHost {
  report(line: string, span: OeeSpan, at?: number): OeeReport;
  reasonChoices(stop: string): ReasonChoices;
  assignReason(request: AssignReasonRequest): DowntimeStop;
  spcChart(tag: string, from: number, to: number): SpcChart;
}

export function createOeeHost(options: { runtime: Pick<Runtime, 'plant' | 'tags' | 'clock'>; historian?: RunningHistorian }): OeeHost {
  const { runtime } = options;
  const now = () => runtime.clock.now();

  /** The open historian, or a clear error. */
  const store = (): { historian: Historian; reader: HistorianReader } => {
    const history = options.historian;
    if (!history) throw new LinesideError('not-found', 'this app runs without a historian; OEE is computed from stored history');
    const historian = history.historian();
    const reader = history.reader();
    if (!historian || !reader) throw new LinesideError('not-found', `no history for OEE: ${history.status().detail}`);
    return { historian, reader };
  };

  const settings = (plant: Plant) => {
    if (!plant.oee) throw new LinesideError('not-found', 'the plant config has no oee block (shift calendar, reasons): there is no OEE');
    return plant.oee;
  };

  const lineOf = (plant: Plant, path: string): Line => {
    const line = plant.lines.find((l) => l.path === path);
    if (!line) throw new LinesideError('unknown-tag', `no such line: ${path}; lines: ${plant.lines.map((l) => l.path).join(', ')}`);
    return line;
  };

  /** One asset's intervals and figures for the period (its data until `until`). */
  const analyse = (asset: Asset, period: OeePeriod, at: number) => {
    const plant = runtime.plant;
    const { historian, reader } = store();
    const analysis = assetAnalysis(settings(plant), asset.oee!);
    const read = readAssetHistory(historian, reader, asset, period, at);
    const data = assetOeeData(asset.path, analysis, read.series, read.until, read.from);
    return { data, result: assetOee(data, period, analysis.params) };
  };

  const stopOf = (asset: Asset, interval: StateInterval, period: { from: number; to: number }, lostMs: number): DowntimeStop => {
    const stop: DowntimeStop = {
      id: `${asset.path}@${interval.from}`,
      asset: asset.path,
      assetName: asset.name,
      from: interval.from,
      to: interval.to,
      durationMs: Math.max(0, Math.min(interval.to, period.to) - Math.max(interval.from, period.from)),
      lostMs,
      state: interval.state as DowntimeStop['state'],
      ongoing: interval.ongoing === true,
    };
    if (interval.faultCode !== undefined) stop.faultCode = interval.faultCode;
    return stop;
  };

  /** Finds a stop by its id: the asset's interval that starts at the id's time. */
  const findStop = (id: string): { asset: Asset; stop: DowntimeStop } => {
    const at = id.lastIndexOf('@');
    const assetPath = id.slice(0, at);
    const from = Number(id.slice(at + 1));
    const asset = runtime.plant.lines.flatMap((l) => l.assets).find((a) => a.path === assetPath);
    if (!asset?.oee) throw new LinesideError('not-found', `no stop ${id}: ${assetPath} is not an asset with OEE settings`);
    const t = Math.min(now(), from + 1);
    const period: OeePeriod = { from, to: t, shifts: [] };
    const { data } = analyse(asset, period, now());
    const interval = data.intervals.find((i) => i.from === from);
    if (!interval || !(reasonStates as readonly string[]).includes(interval.state)) {
      throw new LinesideError('not-found', `no stop ${id}: ${asset.name} has no down, idle or changeover interval starting then`);
    }
    const duration = interval.to - interval.from;
    return { asset, stop: stopOf(asset, interval, { from: interval.from, to: interval.to }, duration) };
  };

  return {
    report(linePath, span, at) {
      const plant = runtime.plant;
      const oee = settings(plant);
      const line = lineOf(plant, linePath);
      const t = now();
      const p = reportPeriod(oee.calendar, span, at ?? t, t);
      const until = Math.max(p.from, Math.min(p.to, t));
      const period: OeePeriod = { from: p.from, to: until, shifts: p.shifts };
      const { windows, planned } = scheduledWindows(period);
      const lostMs = (s: { from: number; to: number }) => overlapMs(windows, s.from, s.to) - overlapMs(planned, s.from, s.to);

      const assets: AssetOeeRow[] = [];
      const stops: DowntimeStop[] = [];
      for (const asset of line.assets) {
        if (!asset.oee) continue;
        const { data, result } = analyse(asset, period, t);
        assets.push({ asset: asset.path, name: asset.name, figures: result, timeline: timelineOf(data.intervals, p.from, until) });
        for (const event of downtimeEvents(asset.path, data.intervals, { from: p.from, to: until, states: reasonStates, includeMicroStops: false })) {
          const lost = lostMs(event);
          if (lost <= 0 && !event.ongoing) continue;
          stops.push(stopOf(asset, { ...event, microStop: false }, { from: p.from, to: until }, lost));
        }
      }
      stops.sort((a, b) => b.from - a.from || a.asset.localeCompare(b.asset));

      if (stops.length > 0) {
        const { historian } = store();
        const first = Math.min(...stops.map((s) => s.from));
        const reasons = currentReasons(downtimeReasonEntries(historian, line.path, first, Math.max(...stops.map((s) => s.from)) + 1));
        for (const stop of stops) {
          const reason = reasons.get(stop.id);
          if (reason) stop.reason = reason;
        }
      }

      const bars = new Map<string, ParetoBar>();
      const unassigned = { stops: 0, ms: 0 };
      for (const stop of stops) {
        const ms = stop.lostMs;
        const key = stop.reason ? stop.reason.code : `unassigned:${stop.faultCode ?? stop.state}`;
        let bar = bars.get(key);
        if (!bar) {
          if (stop.reason) bar = { key, label: stop.reason.texts.join(' › '), ms: 0, stops: 0, assigned: true };
          else if (stop.faultCode) bar = { key, label: `${stop.faultCode} ${plant.faultTexts[stop.faultCode] ?? ''}`.trim(), faultCode: stop.faultCode, ms: 0, stops: 0, assigned: false };
          else bar = { key, label: stateLabels[stop.state], state: stop.state, ms: 0, stops: 0, assigned: false };
          bars.set(key, bar);
        }
        bar.ms += ms;
        bar.stops++;
        if (!stop.reason) {
          unassigned.stops++;
          unassigned.ms += ms;
        }
      }

      const results = assets.map((a) => a.figures);
      const lineResult = lineOee(line.path, line.constraint, results);
      const report: OeeReport = {
        line: line.path,
        lineName: line.name,
        timeZone: oee.calendar.timeZone,
        span,
        from: p.from,
        to: p.to,
        until,
        label: p.label,
        previousAt: p.previousAt,
        nextAt: p.nextAt,
        shifts: p.shifts.map((s) => ({ name: s.name, date: s.date, from: s.from, to: s.to, plannedStops: s.plannedStops.map((x) => ({ ...x })) })),
        targets: { ...oee.targets },
        constraint: lineResult.constraint,
        result: lineResult.result,
        assets,
        stops,
        pareto: [...bars.values()].sort((a, b) => b.ms - a.ms || a.label.localeCompare(b.label)),
        unassigned,
        characteristics: line.assets.flatMap((asset) => (asset.spc ?? []).map((c) => characteristicInfo(runtime, c))),
      };
      if (lineResult.why) report.why = lineResult.why;
      return report;
    },

    reasonChoices(id) {
      const oee = settings(runtime.plant);
      const { asset, stop } = findStop(id);
      const { historian } = store();
      const history: Record<string, number> = {};
      if (stop.faultCode !== undefined) {
        // How often each reason was given before to this asset's stops with the same fault code.
        const entries = downtimeReasonEntries(historian, asset.path, stop.from - REASON_HISTORY_MS, stop.from);
        const faultOf = new Map(entries.map((e) => [e.stop, e.faultCode]));
        for (const [stopId, reason] of currentReasons(entries)) if (faultOf.get(stopId) === stop.faultCode) history[reason.code] = (history[reason.code] ?? 0) + 1;
      }
      const current = currentReasons(downtimeReasonEntries(historian, asset.path, stop.from, stop.from + 1)).get(stop.id);
      if (current) stop.reason = current;
      return { stop, choices: likelyReasons(oee.reasons, stop.faultCode, { history }) };
    },

    assignReason(request) {
      const oee = settings(runtime.plant);
      const leaf = reasonLeaves(oee.reasons).find((r) => r.code === request.reason);
      if (!leaf) {
        const codes = reasonLeaves(oee.reasons).map((r) => r.code);
        throw new LinesideError('config-invalid', `no downtime reason ${request.reason}; expected one of: ${codes.join(', ') || '(the plant config lists none under oee.reasons)'}`);
      }
      const { asset, stop } = findStop(request.stop);
      const { historian } = store();
      const before = currentReasons(downtimeReasonEntries(historian, asset.path, stop.from, stop.from + 1)).get(stop.id);
      if (before && !request.supervisor) {
        throw new LinesideError('action-refused', `this stop already has the reason "${before.texts.join(' › ')}" (given by ${before.user}); a supervisor can change it`);
      }
      const at = now();
      const entry = { stop: stop.id, stopFrom: stop.from, asset: asset.path, code: leaf.code, texts: leaf.texts, user: request.user, supervisor: request.supervisor, at };
      appendDowntimeReason(historian, {
        ...entry,
        ...(stop.faultCode === undefined ? {} : { faultCode: stop.faultCode }),
        ...(request.comment ? { comment: request.comment } : {}),
      });
      const reason = currentReasons(downtimeReasonEntries(historian, asset.path, stop.from, stop.from + 1)).get(stop.id);
      if (reason) stop.reason = reason;
      return stop;
    },

    spcChart(tag, from, to) {
      if (to - from > MAX_SPC_MS) throw new LinesideError('invalid-request', `an SPC chart of ${Math.round((to - from) / DAY_MS)} days; at most 31 days`);
      const characteristic = runtime.plant.lines.flatMap((l) => l.assets.flatMap((a) => a.spc ?? [])).find((c) => c.tag === tag);
      if (!characteristic) throw new LinesideError('not-found', `${tag} is not an SPC characteristic; add it under spc: of its asset in the plant config`);
      const { historian, reader } = store();
      const measurementsIn = (a: number, b: number): Measurement[] => {
        const entry = historian.tags.get(tag);
        if (!entry) return [];
        const series = reader.series(entry, a, b);
        const out: Measurement[] = [];
        for (let i = 0; i < series.ts.length; i++) if (series.quality[i] !== 2 && Number.isFinite(series.value[i]!)) out.push({ at: series.ts[i]!, value: series.value[i]! });
        return out;
      };
      const until = Math.min(to, now());
      return spcChartOf({
        characteristic: characteristicInfo(runtime, characteristic),
        intervalMs: characteristic.intervalMs,
        from,
        to,
        measurements: until > from ? measurementsIn(from, until) : [],
        ...(characteristic.baseline ? { baseline: { ...characteristic.baseline, measurements: measurementsIn(characteristic.baseline.from, characteristic.baseline.to) } } : {}),
      });
    },
  };
}

/** "Filler · fill volume". */
function characteristicInfo(runtime: Pick<Runtime, 'tags' | 'plant'>, c: SpcCharacteristic): SpcCharacteristicInfo {
  const tag = runtime.tags.get(c.tag);
  const assetName = runtime.plant.lines.flatMap((l) => l.assets).find((a) => a.path === tag?.assetPath)?.name;
  const name = tag && assetName ? `${assetName} · ${tag.name.replace(/_/g, ' ')}` : c.tag;
  const info: SpcCharacteristicInfo = { tag: c.tag, name, unit: tag?.unit ?? '', subgroupSize: c.subgroupSize };
  if (c.lsl !== undefined) info.lsl = c.lsl;
  if (c.usl !== undefined) info.usl = c.usl;
  if (c.target !== undefined) info.target = c.target;
  return info;
}

/** The intervals clipped to [from, to), for the timeline. */
function timelineOf(intervals: readonly StateInterval[], from: number, to: number): TimelineSpan[] {
  const out: TimelineSpan[] = [];
  for (const i of intervals) {
    if (i.to <= from || i.from >= to) continue;
    const span: TimelineSpan = { from: Math.max(i.from, from), to: Math.min(i.to, to), state: i.state, microStop: i.microStop };
    if (i.faultCode !== undefined) span.faultCode = i.faultCode;
    if (i.reason !== undefined) span.reason = i.reason;
    out.push(span);
  }
  return out;
}
