/**
 * The fake client's OEE: reports, reason choices and reason assignments for the fake
 * bottling line, shaped like the core's answers. Plant time is Europe/Berlin (so the
 * screens show that they format in the plant's zone, not the browser's), three 8-hour
 * shifts with a 30-minute break four hours in. Each asset's states come from a seeded
 * hash of 10-minute slots, so every period asked for shows the same stops again; the
 * filler is the constraint. Reasons given are kept for the page's life. Not the core's
 * arithmetic: plausible figures for screens and tests, nothing more.
 */
import { describeIssues, fail, hmiRequestSchemas, ok } from '../../core/contract/index.js';
import type {
  AssetOeeRow,
  AssignedReason,
  DowntimeStop,
  FaultTally,
  OeeReport,
  OeeResult,
  OeeShift,
  OeeSpan,
  OeeState,
  ParetoBar,
  ReasonChoiceInfo,
  ReasonChoices,
  Result,
  TimelineSpan,
} from '../../core/contract/index.js';
import { zoneOffsetMs } from '../oee/oee-model.js';
import { fakeCharacteristics } from './fake-spc.js';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;
const slotMs = 10 * minute;
export const fakeTimeZone = 'Europe/Berlin';

const assets = [
  { id: 'filler', name: 'Filler', idealS: 0.3, faults: ['F101', 'F204'], loss: ['starved', 'blocked'] },
  { id: 'capper', name: 'Capper', idealS: 0.28, faults: ['C220', 'C110'], loss: ['starved'] },
  { id: 'labeler', name: 'Labeler', idealS: 0.28, faults: ['L105', 'L210'], loss: ['starved', 'blocked'] },
  { id: 'casepacker', name: 'Case packer', idealS: 3.4, faults: ['P120', 'P330'], loss: ['blocked'] },
] as const;

const reasonTree: { code: string; text: string; children: { code: string; text: string; faults?: string[] }[] }[] = [
  { code: 'MECH', text: 'Mechanical', children: [
    { code: 'MECH-JAM', text: 'Bottle jam at infeed', faults: ['F101'] },
    { code: 'MECH-VALVE', text: 'Fill valve defect', faults: ['F204'] },
    { code: 'MECH-CAPHEAD', text: 'Capping head worn', faults: ['C220'] },
    { code: 'MECH-CASEJAM', text: 'Case jam at discharge', faults: ['P330'] },
    { code: 'MECH-CHANGEPART', text: 'Change part damaged or misaligned', faults: ['F101', 'P330'] },
  ] },
  { code: 'ELEC', text: 'Electrical and controls', children: [
    { code: 'ELEC-HEATER', text: 'Glue heater failed', faults: ['L210'] },
    { code: 'ELEC-SENSOR', text: 'Sensor or photo-eye fault' },
    { code: 'ELEC-PLC', text: 'PLC or HMI fault' },
  ] },
  { code: 'MAT', text: 'Materials', children: [
    { code: 'MAT-CAPS', text: 'Caps not supplied', faults: ['C110'] },
    { code: 'MAT-LABELS', text: 'Label reel change or web break', faults: ['L105'] },
    { code: 'MAT-CARTONS', text: 'Carton magazine empty', faults: ['P120'] },
    { code: 'MAT-BOTTLES', text: 'No empty bottles from the depalletiser' },
  ] },
  { code: 'ADJ', text: 'Quality adjustment', children: [
    { code: 'ADJ-TORQUE', text: 'Cap torque adjustment', faults: ['C220'] },
    { code: 'ADJ-FILL', text: 'Fill level adjustment', faults: ['F204'] },
  ] },
  { code: 'ORG', text: 'Organisation', children: [
    { code: 'ORG-STAFF', text: 'No operator at the machine' },
    { code: 'ORG-MAINT', text: 'Waiting for maintenance' },
    { code: 'ORG-CHANGEOVER', text: 'Changeover took longer than planned' },
  ] },
  { code: 'EXT', text: 'External', children: [{ code: 'EXT-LINE', text: 'Stopped by a neighbouring machine' }] },
];

const leaves: ReasonChoiceInfo[] = reasonTree.flatMap((g) => g.children.map((c) => ({ code: c.code, text: c.text, path: [g.code, c.code], texts: [g.text, c.text], suggested: false })));
const faultsOf = new Map(reasonTree.flatMap((g) => g.children.map((c) => [c.code, c.faults ?? []] as const)));

function hash(text: string, n: number): number {
  let h = 2166136261 ^ n;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  h = Math.imul(h ^ (h >>> 15), 2246822507);
  h = Math.imul(h ^ (h >>> 13), 3266489909);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

/** Local midnight (in the fake plant's zone) of the day around `at`. */
function localMidnight(at: number): number {
  const offset = zoneOffsetMs(at, fakeTimeZone);
  const local = Math.floor((at + offset) / day) * day;
  return local - zoneOffsetMs(local - offset, fakeTimeZone);
}

const shiftDefs = [
  { name: 'Early', startH: 6 },
  { name: 'Late', startH: 14 },
  { name: 'Night', startH: 22 },
];

function shiftsOfDay(midnight: number): OeeShift[] {
  const date = new Intl.DateTimeFormat('en-CA', { timeZone: fakeTimeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(midnight + hour);
  return shiftDefs.map((s) => {
    const from = midnight + s.startH * hour;
    return { name: s.name, date, from, to: from + 8 * hour, plannedStops: [{ from: from + 4 * hour, to: from + 4.5 * hour, kind: 'break' as const, name: 'Break' }] };
  });
}

function periodOf(span: OeeSpan, at: number): { from: number; to: number; shifts: OeeShift[] } {
  const midnight = localMidnight(at);
  const days = (from: number, n: number) => Array.from({ length: n + 1 }, (_, i) => shiftsOfDay(localMidnight(from - day + i * day + 2 * hour))).flat();
  if (span === 'hour') {
    const from = midnight + Math.floor((at - midnight) / hour) * hour;
    return { from, to: from + hour, shifts: days(from, 2) };
  }
  if (span === 'day') return { from: midnight, to: midnight + day, shifts: days(midnight, 2) };
  if (span === 'week') {
    const weekday = (new Date(midnight + 12 * hour).getUTCDay() + 6) % 7;
    const from = localMidnight(midnight - weekday * day + 2 * hour);
    return { from, to: from + 7 * day, shifts: days(from, 8) };
  }
  const all = days(midnight, 2);
  const shift = all.find((s) => s.from <= at && at < s.to)!;
  return { from: shift.from, to: shift.to, shifts: all };
}

interface RawSpan {
  from: number;
  to: number;
  state: OeeState;
  faultCode?: string;
  microStop: boolean;
}

/** One asset's states over [from, to): a stop in some 10-minute slots, breaks as planned stops. */
function assetSpans(asset: (typeof assets)[number], from: number, to: number, shifts: readonly OeeShift[]): RawSpan[] {
  const out: RawSpan[] = [];
  const push = (span: RawSpan) => {
    const a = Math.max(from, span.from);
    const b = Math.min(to, span.to);
    if (b <= a) return;
    const last = out[out.length - 1];
    if (last !== undefined && last.state === span.state && last.to === a && span.state === 'running') last.to = b;
    else out.push({ ...span, from: a, to: b });
  };
  const breaks = shifts.flatMap((s) => s.plannedStops).filter((b) => b.to > from && b.from < to);
  for (let slot = Math.floor(from / slotMs) * slotMs; slot < to; slot += slotMs) {
    const inBreak = breaks.find((b) => b.from <= slot && slot < b.to);
    if (inBreak !== undefined) {
      push({ from: slot, to: slot + slotMs, state: 'planned-stop', microStop: false });
      continue;
    }
    const r = hash(asset.id, slot / slotMs);
    const k = Math.floor(slot / slotMs);
    if (asset.id === 'casepacker' && k % 41 === 5) {
      push({ from: slot, to: slot + slotMs, state: 'changeover', microStop: false });
      continue;
    }
    if (r > 0.42) {
      push({ from: slot, to: slot + slotMs, state: 'running', microStop: false });
      continue;
    }
    const start = slot + Math.floor(hash(asset.id, k + 7_777) * 5 * minute);
    const kind = hash(asset.id, k + 3_333);
    let state: OeeState = 'down';
    let length = 40_000 + Math.floor(hash(asset.id, k + 5_555) * 4 * minute);
    let faultCode: string | undefined = asset.faults[Math.floor(kind * 10) % asset.faults.length];
    if (kind < 0.3) {
      length = 8_000 + Math.floor(kind * 60_000);
    } else if (kind < 0.55) {
      state = asset.loss[Math.floor(kind * 100) % asset.loss.length]!;
      faultCode = undefined;
    } else if (kind > 0.97 && asset.id === 'labeler') {
      state = 'unknown';
      faultCode = undefined;
    }
    push({ from: slot, to: start, state: 'running', microStop: false });
    const span: RawSpan = { from: start, to: start + length, state, microStop: state === 'down' && length < 30_000 };
    if (faultCode !== undefined) span.faultCode = faultCode;
    push(span);
    push({ from: start + length, to: slot + slotMs, state: 'running', microStop: false });
  }
  return out;
}

const stopStates = new Set<OeeState>(['down', 'idle', 'starved', 'blocked', 'changeover']);

function resultFor(asset: (typeof assets)[number], path: string, spans: readonly RawSpan[], from: number, to: number, until: number): OeeResult {
  const sum = (test: (s: RawSpan) => boolean) => spans.filter(test).reduce((t, s) => t + (s.to - s.from), 0);
  const planned = sum((s) => s.state === 'planned-stop');
  const scheduled = Math.max(0, until - from);
  const pbt = scheduled - planned;
  const running = sum((s) => s.state === 'running');
  const small = sum((s) => s.microStop);
  const apt = running + small;
  const perf = 0.9 + 0.06 * hash(asset.id, Math.floor(from / hour));
  const produced = Math.floor((apt / 1000 / asset.idealS) * perf);
  const rejects = Math.round(produced * (0.006 + 0.01 * hash(asset.id, Math.floor(from / day))));
  const good = produced - rejects;
  const ideal = produced * asset.idealS * 1000;
  const downs = spans.filter((s) => s.state === 'down' && !s.microStop && s.from >= from);
  const breakdown = downs.reduce((t, s) => t + (s.to - s.from), 0);
  const why: OeeResult['why'] = {};
  const ratio = (a: number, b: number, key: 'availability' | 'performance' | 'quality', text: string) => {
    if (b > 0) return a / b;
    why[key] = text;
    return null;
  };
  const availability = ratio(apt, pbt, 'availability', 'No planned busy time in this period yet');
  const performance = ratio(ideal, apt, 'performance', 'The asset did not run in this period');
  const quality = ratio(good, produced, 'quality', 'Nothing was produced in this period');
  const oee = availability === null || performance === null || quality === null ? null : availability * performance * quality;
  if (oee === null) why.oee = why.availability ?? why.performance ?? why.quality ?? 'A figure is missing';
  const faults = new Map<string | null, FaultTally>();
  for (const s of spans.filter((x) => x.state === 'down')) {
    const key = s.faultCode ?? null;
    const tally = faults.get(key) ?? { faultCode: key, failures: 0, microStops: 0, downMs: 0, microStopMs: 0 };
    if (s.microStop) {
      tally.microStops++;
      tally.microStopMs += s.to - s.from;
    } else {
      tally.failures++;
      tally.downMs += s.to - s.from;
    }
    faults.set(key, tally);
  }
  if (downs.length === 0) why.mtbfMs = why.mttrMs = 'No failure in this period';
  return {
    asset: path,
    from,
    to,
    times: {
      scheduledMs: scheduled, plannedDowntimeMs: planned, plannedBusyMs: pbt, actualProductionMs: apt, runningMs: running, runningInPlannedStopMs: 0,
      breakdownMs: breakdown, setupMs: sum((s) => s.state === 'changeover'), smallStopMs: small, idleMs: sum((s) => s.state === 'idle'),
      starvedMs: sum((s) => s.state === 'starved'), blockedMs: sum((s) => s.state === 'blocked'), unknownMs: sum((s) => s.state === 'unknown'), noDataMs: 0,
    },
    quantities: { produced, good, rejects, startupRejects: Math.round(rejects * 0.3), productionRejects: rejects - Math.round(rejects * 0.3), energyKWh: asset.id === 'filler' ? produced * 0.0021 : null, idealProductionMs: ideal },
    availability, performance, quality, oee,
    firstPassYield: produced > 0 ? (good - 0.002 * produced) / produced : null,
    scrapRate: produced > 0 ? rejects / produced : null,
    energyPerGoodUnit: asset.id === 'filler' && good > 0 ? (produced * 0.0021) / good : null,
    losses: {
      breakdownsMs: breakdown, setupMs: sum((s) => s.state === 'changeover'), smallStopsMs: small,
      reducedSpeedMs: apt - ideal - small, startupRejectsMs: Math.round(rejects * 0.3) * asset.idealS * 1000, productionRejectsMs: (rejects - Math.round(rejects * 0.3)) * asset.idealS * 1000,
    },
    reliability: { failures: downs.length, microStops: spans.filter((s) => s.microStop).length, stops: spans.filter((s) => stopStates.has(s.state) && !s.microStop).length, mtbfMs: downs.length === 0 ? null : apt / downs.length, mttrMs: downs.length === 0 ? null : breakdown / downs.length },
    byFault: [...faults.values()].sort((a, b) => b.downMs - a.downMs || b.microStopMs - a.microStopMs),
    why,
  };
}

export interface FakeOee {
  oeeReport(raw: unknown): Result<OeeReport>;
  downtimeReasonChoices(raw: unknown): Result<ReasonChoices>;
  assignDowntimeReason(raw: unknown): Result<DowntimeStop>;
}

export function createFakeOee(options: { now: () => number; faultTexts: Readonly<Record<string, string>> }): FakeOee {
  const reasons = new Map<string, AssignedReason>();
  const wordOf: Record<string, string> = { down: 'Down', starved: 'Starved', blocked: 'Blocked', idle: 'Idle', changeover: 'Changeover' };

  function stopsOf(report: { from: number; to: number; until: number }, rows: { path: string; name: string; raw: RawSpan[] }[]): DowntimeStop[] {
    const stops: DowntimeStop[] = [];
    for (const row of rows)
      for (const s of row.raw) {
        if (!stopStates.has(s.state) || s.microStop) continue;
        const id = `${row.path}@${s.from}`;
        const stop: DowntimeStop = { id, asset: row.path, assetName: row.name, from: s.from, to: s.to, durationMs: s.to - s.from, lostMs: s.to - s.from, state: s.state as DowntimeStop['state'], ongoing: s.to >= report.until && report.until < report.to };
        if (s.faultCode !== undefined) stop.faultCode = s.faultCode;
        const reason = reasons.get(id);
        if (reason !== undefined) stop.reason = reason;
        stops.push(stop);
      }
    return stops.sort((a, b) => b.from - a.from);
  }

  function build(span: OeeSpan, at: number): OeeReport {
    const now = options.now();
    const period = periodOf(span, at);
    const until = Math.max(period.from, Math.min(period.to, now));
    const rows = assets.map((asset) => {
      const raw = assetSpans(asset, period.from, until, period.shifts);
      return { asset, path: `line1/${asset.id}`, name: asset.name, raw };
    });
    const assetRows: AssetOeeRow[] = rows.map((r) => ({
      asset: r.path,
      name: r.name,
      figures: resultFor(r.asset, r.path, r.raw, period.from, period.to, until),
      timeline: r.raw.map((s): TimelineSpan => ({ from: s.from, to: s.to, state: s.state, microStop: s.microStop, ...(s.faultCode !== undefined ? { faultCode: s.faultCode } : {}), ...(s.state === 'unknown' ? { reason: 'bad quality: sensor open circuit' } : {}) })),
    }));
    const stops = stopsOf({ ...period, until }, rows);
    const bars = new Map<string, ParetoBar>();
    for (const stop of stops) {
      const key = stop.reason !== undefined ? stop.reason.code : `unassigned:${stop.faultCode ?? stop.state}`;
      const label = stop.reason !== undefined ? stop.reason.texts.join(' › ') : stop.faultCode !== undefined ? `${stop.faultCode} ${options.faultTexts[stop.faultCode] ?? ''}`.trim() : wordOf[stop.state]!;
      const bar = bars.get(key) ?? { key, label, ms: 0, stops: 0, assigned: stop.reason !== undefined };
      bar.ms += stop.durationMs;
      bar.stops++;
      bars.set(key, bar);
    }
    const unassigned = stops.filter((s) => s.reason === undefined);
    const fmt = new Intl.DateTimeFormat('en-GB', { timeZone: fakeTimeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
    const shift = period.shifts.find((s) => s.from === period.from);
    const label = span === 'shift' && shift !== undefined ? `${shift.name} · ${fmt.format(period.from)}` : span === 'week' ? `Week of ${fmt.format(period.from)}` : fmt.format(period.from);
    return {
      line: 'line1', lineName: 'Bottling line 1', timeZone: fakeTimeZone, span, from: period.from, to: period.to, until, label,
      previousAt: period.from - 1, nextAt: period.to > now ? null : period.to,
      shifts: period.shifts.filter((s) => s.to > period.from && s.from < period.to),
      targets: { oee: 0.65, availability: 0.85, performance: 0.9, quality: 0.99 },
      constraint: 'line1/filler', result: assetRows[0]!.figures, assets: assetRows, stops,
      pareto: [...bars.values()].sort((a, b) => b.ms - a.ms),
      unassigned: { stops: unassigned.length, ms: unassigned.reduce((t, s) => t + s.durationMs, 0) },
      characteristics: fakeCharacteristics,
    };
  }

  function findStop(id: string): DowntimeStop | undefined {
    const at = Number(id.split('@')[1]);
    return build('shift', at).stops.find((s) => s.id === id);
  }

  return {
    oeeReport(raw) {
      const parsed = hmiRequestSchemas.oeeReport.safeParse(raw);
      if (!parsed.success) return fail('invalid-request', `oeeReport: ${describeIssues(parsed.error, raw)}`);
      if (parsed.data.line !== 'line1') return fail('unknown-tag', `no line "${parsed.data.line}" with OEE in the plant model`);
      return ok(build(parsed.data.span, parsed.data.at ?? options.now()));
    },
    downtimeReasonChoices(raw) {
      const parsed = hmiRequestSchemas.downtimeReasonChoices.safeParse(raw);
      if (!parsed.success) return fail('invalid-request', `downtimeReasonChoices: ${describeIssues(parsed.error, raw)}`);
      const stop = findStop(parsed.data.stop);
      if (stop === undefined) return fail('not-found', `no stop "${parsed.data.stop}"`);
      const byFault = leaves.filter((l) => stop.faultCode !== undefined && (faultsOf.get(l.code) ?? []).includes(stop.faultCode));
      const general = stop.faultCode === undefined ? leaves.filter((l) => ['MAT-BOTTLES', 'EXT-LINE', 'ORG-STAFF'].includes(l.code)) : [];
      const first = [...byFault, ...general, ...leaves.filter((l) => l.code === 'ORG-MAINT')];
      const choices = [...first.map((c) => ({ ...c, suggested: true })), ...leaves.filter((l) => !first.includes(l))];
      return ok({ stop, choices });
    },
    assignDowntimeReason(raw) {
      const parsed = hmiRequestSchemas.assignDowntimeReason.safeParse(raw);
      if (!parsed.success) return fail('invalid-request', `assignDowntimeReason: ${describeIssues(parsed.error, raw)}`);
      const req = parsed.data;
      const stop = findStop(req.stop);
      if (stop === undefined) return fail('not-found', `no stop "${req.stop}"`);
      const leaf = leaves.find((l) => l.code === req.reason);
      if (leaf === undefined) return fail('invalid-request', `reason: "${req.reason}" is not a reason of the reason tree`);
      const held = reasons.get(stop.id);
      if (held !== undefined && !req.supervisor) return fail('action-refused', `this stop already has a reason (${held.texts.join(' › ')}, by ${held.user}); changing it is a supervisor's edit`);
      const reason: AssignedReason = { code: leaf.code, texts: leaf.texts, user: req.user, at: options.now() };
      if (req.comment !== undefined && req.comment !== '') reason.comment = req.comment;
      if (held !== undefined) reason.replaced = { code: held.code, texts: held.texts, user: held.user, at: held.at };
      reasons.set(stop.id, reason);
      return ok({ ...stop, reason });
    },
  };
}
