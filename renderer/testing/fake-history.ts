/**
 * Plausible history for the fake client, so that the Trends screen can be developed with
 * `?fake=1`: every value is a deterministic function of tag and time (zooming in shows the
 * same curve, finer), with machine stops, a night shift off, slow drifts, bad-quality
 * stretches and a historian that starts `historyDays` before the fake's start. Answers
 * `queryDisplay` like the core does: at most 4 points per pixel column (M4), nulls for gaps.
 */
import { fail, ok } from '../../core/contract/index.js';
import type { AggregateRow, DisplaySeries, HmiRequest, QualityStatus, RawSeries, Result, TagInfo, TagValue } from '../../core/contract/index.js';

export interface FakeHistoryOptions {
  /** When the fake plant started: the recent past follows the live story from here. */
  startedAt: number;
  now: () => number;
  /** Machine state code of an asset at a time within the live story. */
  storyState: (asset: string, at: number) => number;
  /** How far back the fake historian has data. */
  historyDays?: number;
}

interface Point {
  value: number | null;
  quality: QualityStatus;
}

const hour = 3_600_000;
const day = 24 * hour;
const running = 1;

/** A deterministic number in [0, 1) for two integers. */
function hash(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b | 0, 0xc2b2ae35) ^ Math.imul(Math.floor(b / 4_294_967_296), 0x27d4eb2f);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  h = Math.imul(h, 0x297a2d39);
  h ^= h >>> 15;
  return (h >>> 0) / 4_294_967_296;
}

function seedOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

const rate: Record<string, number> = { filler: 196, capper: 197, labeler: 197, casepacker: 16.4, motor: 1778 };
const current: Record<string, number> = { filler: 11.8, capper: 6.4, labeler: 7.2, casepacker: 5.1, motor: 10.4 };
const vibration: Record<string, number> = { filler: 1.21, capper: 0.94, labeler: 1.08, casepacker: 1.62, motor: 2.37 };
const temperature: Record<string, number> = { product_temp: 9.8, head_temp: 41.5, drive_temp: 38.2, winding_temp: 68.4, bearing_temp: 47.1 };

export function createFakeHistory(tags: readonly TagInfo[], options: FakeHistoryOptions) {
  const { startedAt, now, storyState } = options;
  const historyStart = startedAt - (options.historyDays ?? 90) * day;
  const byPath = new Map(tags.map((tag) => [tag.path, tag]));

  /** Machine state in the long-term pattern: off at night (22:00–06:00), short stops now and then. */
  function stateAt(asset: string, t: number): number {
    if (t >= startedAt - hour) return storyState(asset, t);
    const localHour = new Date(t).getHours();
    if (localHour >= 22 || localHour < 6) return 6;
    const slot = Math.floor(t / 1_200_000);
    const h = hash(seedOf(asset), slot);
    if (h < 0.09 && t % 1_200_000 < 180_000 + h * 5_000_000) return 5;
    return running;
  }

  function pointAt(tag: TagInfo, t: number): Point {
    const asset = tag.assetPath.split('/').pop() ?? '';
    const seed = seedOf(tag.path);
    const step = Math.max(250, tag.sampleRateMs);
    const noise = (hash(seed, Math.floor(t / step)) - 0.5) * 2;
    // Communication losses: the capper's network drops for 40 min every few days; any tag has rare bad stretches.
    if (asset === 'capper' && t % (89 * hour) < 40 * 60_000) return { value: null, quality: 'bad' };
    const slot = Math.floor(t / 1_800_000);
    if (hash(seed ^ 0x51, slot) < 0.012 && t % 1_800_000 < 360_000) return { value: null, quality: 'bad' };
    if (tag.name === 'drive_temp' && t > startedAt - 2 * hour) return { value: null, quality: 'bad' };

    const state = stateAt(asset, t);
    const on = state === running;
    const daily = Math.sin(((t / day) % 1) * 2 * Math.PI - Math.PI / 2);
    const age = (t - historyStart) / (90 * day);
    switch (tag.name) {
      case 'state':
        return { value: state, quality: 'good' };
      case 'speed':
        return { value: on ? (rate[asset] ?? 100) * (1 + 0.004 * noise) : 0, quality: 'good' };
      case 'motor_current':
        return { value: on ? (current[asset] ?? 8) + 0.3 * noise + 0.4 * daily : 0.2 + 0.05 * noise, quality: 'good' };
      case 'vibration_rms': {
        const wear = asset === 'motor' ? 0.9 * age * age : 0.1 * age;
        return { value: on ? (vibration[asset] ?? 1) + wear + 0.05 * noise : 0.08 + 0.02 * noise, quality: 'good' };
      }
      case 'cycle_time':
        return { value: on ? 60 / ((rate[asset] ?? 60) * (1 + 0.01 * noise)) : 0, quality: 'good' };
      case 'count_total':
      case 'count_reject': {
        const total = Math.floor(((rate[asset] ?? 60) * 0.62 * (t - historyStart)) / 60_000);
        return { value: tag.name === 'count_total' ? total : Math.floor(total * 0.004), quality: 'good' };
      }
      case 'glue_temp':
        return { value: (t < startedAt - 6 * day ? 165 : 170) + 2 * Math.sin(t / 40_000) + 0.3 * noise, quality: 'good' };
      case 'glue_setpoint':
        return { value: t < startedAt - 6 * day ? 165 : 170, quality: 'good' };
      case 'energy':
        return { value: 80_000 + ((t - historyStart) / hour) * 5.6, quality: 'good' };
      case 'winding_temp':
        return { value: (on ? 68.4 : 41) + 3 * daily + 0.08 * noise, quality: 'good' };
      default: {
        const base = temperature[tag.name] ?? 25;
        return { value: base + (base > 20 ? 2.5 : 0.3) * daily + 0.05 * noise, quality: tag.name === 'product_temp' ? 'uncertain' : 'good' };
      }
    }
  }

  function numericTag(path: string): TagInfo | Result<never> {
    const tag = byPath.get(path);
    if (tag === undefined) return fail('unknown-tag', `no tag "${path}" in the plant model`);
    if (tag.dataType === 'string' || tag.dataType === 'waveform') return fail('not-found', `"${path}" has no numeric history`);
    return tag;
  }

  function display(req: HmiRequest<'queryDisplay'>): Result<DisplaySeries> {
    const tag = numericTag(req.path);
    if ('ok' in tag) return tag;
    const end = Math.min(req.to, now());
    const span = req.to - req.from;
    const pixelMs = span / req.width;
    const source: DisplaySeries['source'] = span <= 6 * hour ? 'raw' : span <= 14 * day ? 'rollup-1m' : 'rollup-1h';
    const ts: number[] = [];
    const value: (number | null)[] = [];
    const push = (t: number, v: number | null) => {
      if (v === null && value.length > 0 && value[value.length - 1] === null) return;
      if (ts.length > 0 && t <= ts[ts.length - 1]!) return; // neighbouring columns can pick the same sample
      ts.push(t);
      value.push(v);
    };
    const step = Math.max(250, tag.sampleRateMs);
    if (pixelMs <= step * 2) {
      for (let t = Math.ceil(Math.max(req.from, historyStart) / step) * step; t <= end; t += step) push(t, pointAt(tag, t).value);
    } else {
      for (let column = 0; column < req.width; column++) {
        const a = req.from + column * pixelMs;
        const b = a + pixelMs;
        if (b <= historyStart || a > end) continue;
        const picks: { t: number; v: number | null }[] = [];
        for (let j = 0; j < 8; j++) {
          const t = Math.floor((a + ((j + 0.5) * pixelMs) / 8) / step) * step;
          if (t >= historyStart && t <= end) picks.push({ t, v: pointAt(tag, t).value });
        }
        const good = picks.filter((p) => p.v !== null);
        const firstBad = picks.find((p) => p.v === null);
        const chosen = new Map<number, number | null>();
        if (firstBad !== undefined) {
          const beforeBad = good.filter((p) => p.t < firstBad.t);
          const afterBad = good.filter((p) => p.t > picks.filter((p2) => p2.v === null).at(-1)!.t);
          if (beforeBad[0] !== undefined) chosen.set(beforeBad[0].t, beforeBad[0].v);
          chosen.set(firstBad.t, null);
          const last = afterBad.at(-1);
          if (last !== undefined) chosen.set(last.t, last.v);
        } else if (good.length > 0) {
          let min = good[0]!;
          let max = good[0]!;
          for (const p of good) {
            if (p.v! < min.v!) min = p;
            if (p.v! > max.v!) max = p;
          }
          for (const p of [good[0]!, min, max, good.at(-1)!]) chosen.set(p.t, p.v);
        }
        for (const t of [...chosen.keys()].sort((x, y) => x - y)) push(Math.round(t), chosen.get(t)!);
      }
    }
    return ok({ path: req.path, from: req.from, to: req.to, width: req.width, source, ts, value });
  }

  function raw(req: HmiRequest<'queryRaw'>): Result<RawSeries> {
    const tag = numericTag(req.path);
    if ('ok' in tag) return tag;
    const limit = req.limit ?? 10_000;
    const step = Math.max(250, tag.sampleRateMs);
    const out: RawSeries = { path: req.path, ts: [], value: [], quality: [], truncated: false };
    for (let t = Math.ceil(Math.max(req.from, historyStart) / step) * step; t < Math.min(req.to, now()); t += step) {
      if (out.ts.length >= limit) {
        out.truncated = true;
        break;
      }
      const p = pointAt(tag, t);
      out.ts.push(t);
      out.value.push(p.value ?? Number.NaN);
      out.quality.push(p.quality);
    }
    return ok(out);
  }

  function valueAt(req: HmiRequest<'valueAt'>): Result<TagValue> {
    const tag = numericTag(req.path);
    if ('ok' in tag) return tag;
    const step = Math.max(250, tag.sampleRateMs);
    const t = Math.floor(Math.min(req.at, now()) / step) * step;
    if (t < historyStart) return fail('not-found', `no history of "${req.path}" before ${new Date(historyStart).toISOString()}`);
    const p = pointAt(tag, t);
    return ok({ path: req.path, value: p.value, quality: { status: p.quality }, sourceTs: t });
  }

  function aggregates(req: HmiRequest<'queryAggregates'>): Result<AggregateRow[]> {
    const tag = numericTag(req.path);
    if ('ok' in tag) return tag;
    const rows: AggregateRow[] = [];
    for (let start = req.from; start < req.to; start += req.intervalMs) {
      const values: number[] = [];
      const n = 20;
      for (let j = 0; j < n; j++) {
        const t = start + ((j + 0.5) * req.intervalMs) / n;
        if (t < historyStart || t > now()) continue;
        const v = pointAt(tag, t).value;
        if (v !== null) values.push(v);
      }
      const mean = values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length;
      rows.push({
        start,
        count: values.length,
        min: values.length === 0 ? null : Math.min(...values),
        max: values.length === 0 ? null : Math.max(...values),
        first: values[0] ?? null,
        last: values.at(-1) ?? null,
        mean,
        twMean: mean,
        goodFraction: values.length / n,
      });
    }
    return ok(rows);
  }

  return { display, raw, valueAt, aggregates };
}
