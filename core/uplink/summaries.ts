/**
 * What goes upstream, made on the plant clock and written to the durable queue
 * (`uplink_outbox`, core/historian/uplink-outbox.ts) for the uplink to send (issue 9,
 * "summaries, not raw scans"). Every TICK_MS of plant time each producer looks whether
 * something is due:
 * - 'tag-aggregates': per asset, per closed interval of `tagAggregatesMs` (aligned to the
 *   epoch, so minutes start at :00), min / max / time-weighted mean / last / good fraction
 *   of each selected numeric tag, from the historian (raw samples through the reader, the
 *   rollup rules of core/historian/query). An interval in which none of an asset's tags
 *   has a sample or a held value is not sent.
 * - 'oee': per asset with OEE, when a clock hour (in the calendar's time zone) and when a
 *   shift closes, the OEE host's report for that period. Hours outside every shift are not
 *   sent (nothing was planned).
 * - 'alarm': each alarm journal row written since the last one sent that changes the
 *   alarm's state (comments do not).
 * - 'health': the PdM fleet list every `healthMs`; 'system': driver, historian and queue
 *   state and the uptime every `systemMs`. These are snapshots of now: a period the app was
 *   not running has none.
 *
 * Decisions:
 * - Restart continuity: each producer keeps a mark in the historian's `meta` table (the end
 *   of the last interval, hour or shift enqueued, the last alarm journal id, the last health
 *   or system slot), written in the same transaction as the records it covers. After a
 *   restart (or a crash at any point) it carries on from its mark: nothing is enqueued twice
 *   and no closed period is skipped; missed periods are caught up at most MAX_CATCH_UP a
 *   tick. A producer's first start sets its mark to now: the past is not sent.
 * - Settling: a period is summarised SETTLE_MS after it closes, so that samples published a
 *   moment late (a driver's poll, the bus) are in it.
 * - Holds: a value holds until the next sample (the historian's step rule), up to the end of
 *   the interval, so a slow or deadband-stored tag that did not change still has its value
 *   in every minute. But never across a restart: a value from before this process started
 *   does not hold past its start (nobody watched the device meanwhile); see tagRows.
 * - The queue bound: records go in with enqueueManyForUplink, which drops the oldest records
 *   (never work requests) when the queue is over `queueMaxBytes`, counting them; queueStats
 *   tells.
 */
import { alarmStates, qualityCodes, type AggregateRow, type AlarmState } from '../contract/index.js';
import { reportPeriod, shiftInstances } from '../analytics/oee/index.js';
import type { Historian } from '../historian/historian.js';
import type { RunningHistorian } from '../historian/index.js';
import { aggregate } from '../historian/query/index.js';
import type { HistorianReader } from '../historian/reader.js';
import type { Series } from '../historian/series.js';
import { enqueueManyForUplink, queueStats, type OutboxRecord } from '../historian/uplink-outbox.js';
import type { Tag, UplinkSettings } from '../model/plant.js';
import type { Logger } from '../runtime/logger.js';
import type { OeeHost } from '../runtime/oee-host.js';
import type { PdmHost } from '../runtime/pdm-host.js';
import type { Runtime } from '../runtime/runtime.js';
import { selectedTags, type AlarmPayload, type HealthPayload, type OeePayload, type SystemPayload, type TagAggregate, type TagAggregatesPayload } from './metrics.js';

export { queueStats, type QueueStats } from '../historian/uplink-outbox.js';

/** How often, in plant time, the producers look whether something is due. */
export const TICK_MS = 5_000;
/** A period is summarised this long after it closes. */
export const SETTLE_MS = 5_000;
/** Most aggregate intervals (an hour of minutes), and hours or shifts of OEE, one producer catches up in one tick. */
const MAX_CATCH_UP = 60;
const MAX_OEE_CATCH_UP = 24;
const ALARM_BATCH = 1000;

/** The producers' marks in the historian's `meta` table. */
export const summaryMarks = {
  tagAggregates: 'uplink_summaries_tag_aggregates_until',
  oeeHour: 'uplink_summaries_oee_hour_until',
  oeeShift: 'uplink_summaries_oee_shift_until',
  alarms: 'uplink_summaries_alarm_journal_id',
  health: 'uplink_summaries_health_slot',
  system: 'uplink_summaries_system_slot',
} as const;

export interface SummariesOptions {
  runtime: Runtime;
  historian: RunningHistorian;
  settings: UplinkSettings;
  /** Absent: no OEE summaries. */
  oee?: Pick<OeeHost, 'report'>;
  /** Absent: no health summaries. */
  pdm?: Pick<PdmHost, 'fleet'>;
  log: Logger;
  /** When the app started, for System/Uptime and the hold rule (default: now on the runtime clock). */
  startedAt?: number;
}

export interface Summaries {
  stop(): void;
}

type Producer = (store: Historian, reader: HistorianReader, now: number) => void;

export function startSummaries(options: SummariesOptions): Summaries {
  const { runtime, historian, settings, log } = options;
  const startedAt = options.startedAt ?? runtime.clock.now();
  const failing = new Map<string, string>();
  let dropping = false;

  const readMark = (store: Historian, key: string): number | undefined => {
    const value = store.sql('SELECT value FROM meta WHERE key = ?').pluck().get(key) as string | undefined;
    return value === undefined ? undefined : Number(value);
  };
  const writeMark = (store: Historian, key: string, value: number) => store.sql('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(key, String(value));

  /** The records and the producer's new mark, in one transaction. */
  const enqueue = (store: Historian, records: readonly OutboxRecord[], key: string, mark: number) => {
    const { dropped } = store.db.transaction(() => {
      const result = records.length > 0 ? enqueueManyForUplink(store, records, { maxBytes: settings.queueMaxBytes }) : { dropped: 0 };
      writeMark(store, key, mark);
      return result;
    })();
    if (dropped > 0 && !dropping) log.warn({ dropped, maxBytes: settings.queueMaxBytes }, 'uplink queue full: the oldest records are dropped to make room');
    if (records.length > 0) dropping = dropped > 0;
  };

  /** The mark, or (first start) now's, written at once so that a restart carries on from it. */
  const markOf = (store: Historian, key: string, initial: () => number): number | undefined => {
    const mark = readMark(store, key);
    if (mark !== undefined) return mark;
    writeMark(store, key, initial());
    return undefined;
  };

  const tagAggregates: Producer = (store, reader, now) => {
    const interval = settings.summaries.tagAggregatesMs;
    const closed = Math.floor((now - SETTLE_MS) / interval) * interval;
    const from = markOf(store, summaryMarks.tagAggregates, () => closed);
    if (from === undefined) return;
    // An interval that changed in the config: a partial one up to the next aligned boundary first.
    const aligned = from % interval === 0;
    const step = aligned ? interval : Math.ceil(from / interval) * interval - from;
    let to = aligned ? Math.min(closed, from + MAX_CATCH_UP * interval) : from + step;
    // The intervals before this process's start go on their own (see tagRows).
    const startInterval = from + Math.floor((startedAt - from) / step) * step;
    if (from < startInterval && startInterval < to) to = startInterval;
    if (to > closed || to <= from) return;

    const byAsset = new Map<string, Tag[]>();
    for (const tag of selectedTags(runtime.plant, settings)) byAsset.set(tag.assetPath, [...(byAsset.get(tag.assetPath) ?? []), tag]);
    const records: OutboxRecord[] = [];
    for (const [asset, tags] of byAsset) {
      const rows = tags.map((tag) => tagRows(store, reader, tag, { from, to, step, startedAt }));
      for (let k = 0; k * step < to - from; k++) {
        const start = from + k * step;
        const entries = tags.map((tag, i): [string, TagAggregate] => [tag.name, toTagAggregate(rows[i]![k])]);
        if (entries.every(([, a]) => a.count === 0 && a.goodFraction === 0)) continue;
        const payload: TagAggregatesPayload = { from: start, to: start + step, tags: Object.fromEntries(entries) };
        records.push({ ts: start + step, kind: 'tag-aggregates', source: asset, payload });
      }
    }
    records.sort((a, b) => a.ts - b.ts);
    enqueue(store, records, summaryMarks.tagAggregates, to);
  };

  const oeeAvailable = () => (settings.summaries.oee && options.oee && runtime.plant.oee ? { host: options.oee, calendar: runtime.plant.oee.calendar } : undefined);

  /** One record per asset with OEE for the period, from the line reports. */
  const oeeRecords = (host: Pick<OeeHost, 'report'>, span: 'hour' | 'shift', from: number, to: number, shift: string | null): OutboxRecord[] => {
    const records: OutboxRecord[] = [];
    for (const line of runtime.plant.lines) {
      if (!line.assets.some((asset) => asset.oee)) continue;
      const report = host.report(line.path, span, from);
      if (report.from !== from || report.to !== to) continue;
      for (const row of report.assets) {
        const f = row.figures;
        const payload: OeePayload = {
          span,
          from,
          to,
          shift,
          availability: f.availability,
          performance: f.performance,
          quality: f.quality,
          oee: f.oee,
          goodCount: f.quantities.good,
          totalCount: f.quantities.produced,
          downtimeSeconds: Math.max(0, f.times.plannedBusyMs - f.times.actualProductionMs) / 1000,
        };
        records.push({ ts: to, kind: 'oee', source: row.asset, payload });
      }
    }
    return records;
  };

  const oeeHours: Producer = (store, _reader, now) => {
    const oee = oeeAvailable();
    if (!oee) return;
    let mark = markOf(store, summaryMarks.oeeHour, () => reportPeriod(oee.calendar, 'hour', now, now).from);
    for (let n = 0; mark !== undefined && n < MAX_OEE_CATCH_UP; n++) {
      const hour = reportPeriod(oee.calendar, 'hour', mark, now);
      if (hour.to > now - SETTLE_MS) return;
      // Outside every shift nothing was planned: no OEE to send.
      enqueue(store, hour.shifts.length > 0 ? oeeRecords(oee.host, 'hour', hour.from, hour.to, null) : [], summaryMarks.oeeHour, hour.to);
      mark = hour.to;
    }
  };

  const oeeShifts: Producer = (store, _reader, now) => {
    const oee = oeeAvailable();
    if (!oee) return;
    const mark = markOf(store, summaryMarks.oeeShift, () => now);
    if (mark === undefined || !(now - SETTLE_MS > mark)) return;
    const closed = shiftInstances(oee.calendar, mark, now - SETTLE_MS).filter((s) => s.to > mark && s.to <= now - SETTLE_MS);
    for (const shift of closed.sort((a, b) => a.to - b.to).slice(0, MAX_OEE_CATCH_UP)) {
      enqueue(store, oeeRecords(oee.host, 'shift', shift.from, shift.to, shift.name), summaryMarks.oeeShift, shift.to);
    }
  };

  const alarms: Producer = (store) => {
    if (!settings.summaries.alarms) return;
    const last = markOf(store, summaryMarks.alarms, () => (store.sql('SELECT MAX(id) FROM alarm_journal').pluck().get() as number | null) ?? 0);
    if (last === undefined) return;
    const rows = store.sql('SELECT id, ts, alarm, kind, from_state, to_state, priority, asset, message FROM alarm_journal WHERE id > ? ORDER BY id LIMIT ?').all(last, ALARM_BATCH) as AlarmRow[];
    if (rows.length === 0) return;
    const records = rows
      .filter((row) => row.from_state !== row.to_state && isAlarmState(row.to_state) && isAlarmState(row.from_state))
      .map((row): OutboxRecord => {
        const payload: AlarmPayload = { journalId: row.id, at: row.ts, alarmId: row.alarm, kind: row.kind, from: row.from_state as AlarmState, to: row.to_state as AlarmState, priority: row.priority as AlarmPayload['priority'], message: row.message };
        return { ts: row.ts, kind: 'alarm', source: row.asset, payload };
      });
    enqueue(store, records, summaryMarks.alarms, rows.at(-1)!.id);
  };

  /** A snapshot once per slot of `everyMs`; a slot already sent (before a restart) is not sent again. */
  const snapshot = (key: string, everyMs: number, make: (store: Historian, now: number) => OutboxRecord[]): Producer => (store, _reader, now) => {
    const slot = Math.floor(now / everyMs) * everyMs;
    if (readMark(store, key) === slot) return;
    enqueue(store, make(store, now), key, slot);
  };

  const health = snapshot(summaryMarks.health, settings.summaries.healthMs, (_store, now) =>
    (options.pdm?.fleet() ?? []).map((entry): OutboxRecord => {
      const payload: HealthPayload = { condition: entry.condition, health: entry.health, zone: entry.zone, velocityRmsMmS: entry.velocityRmsMmS, defect: entry.defect, remainingLife: entry.remainingLife };
      return { ts: now, kind: 'health', source: entry.asset, payload };
    }),
  );

  const system = snapshot(summaryMarks.system, settings.summaries.systemMs, (store, now) => {
    const queue = queueStats(store);
    const payload: SystemPayload = {
      drivers: runtime.driverStatuses().map((d) => ({ deviceId: d.deviceId, state: d.state })),
      historian: historian.status().state,
      queueRecords: queue.records,
      queueBytes: queue.bytes,
      queueDropped: queue.dropped,
      uptimeS: Math.floor(Math.max(0, now - startedAt) / 1000),
    };
    return [{ ts: now, kind: 'system', source: '', payload }];
  });

  const producers: [string, Producer][] = [
    ['tag aggregates', tagAggregates],
    ['OEE per hour', oeeHours],
    ['OEE per shift', oeeShifts],
    ['alarm transitions', alarms],
    ['asset health', health],
    ['system health', system],
  ];
  const tick = () => {
    const store = historian.historian();
    const reader = historian.reader();
    // Without the database nothing can be queued; the marks carry on when it is back.
    if (!store || !reader) return;
    const now = runtime.clock.now();
    for (const [name, produce] of producers) {
      try {
        produce(store, reader, now);
        if (failing.delete(name)) log.info({ summary: name }, 'uplink summaries made again');
      } catch (error) {
        const message = (error as Error).message;
        if (failing.get(name) !== message) log.warn({ err: error, summary: name }, 'uplink summaries not made; retried on the next tick');
        failing.set(name, message);
      }
    }
  };
  tick();
  const stopTimer = runtime.clock.every(TICK_MS, tick);
  return { stop: stopTimer };
}

interface AlarmRow {
  id: number;
  ts: number;
  alarm: string;
  kind: string;
  from_state: string;
  to_state: string;
  priority: string;
  asset: string;
  message: string;
}

function isAlarmState(state: string): boolean {
  return (alarmStates as readonly string[]).includes(state);
}

/**
 * One tag's aggregate rows of the intervals [from + k·step, …) up to `to`, the step rule of
 * the historian with what this process can vouch for: a value holds until the next sample
 * and at most to `to`; but nothing from before this process started holds past its start
 * (nobody watched the device meanwhile). So: a range wholly before the start holds its last
 * value no further than its own sample; in a range with the start in it a bad-quality
 * marker at the start ends the holds of the samples before it (and is not counted), and
 * the value before the range does not hold into it; after the start, only values sampled
 * since hold.
 */
function tagRows(store: Historian, reader: HistorianReader, tag: Tag, range: { from: number; to: number; step: number; startedAt: number }): AggregateRow[] {
  const { from, to, step, startedAt } = range;
  const entry = store.tags.get(tag.path);
  if (!entry) return [];
  let series = reader.series(entry, from, to);
  let prev = reader.prev(entry, from);
  if (to <= startedAt) return aggregate(series, from, to, step, prev);
  if (prev && (from < startedAt || prev.ts < startedAt)) prev = undefined;
  const straddles = from < startedAt;
  if (straddles) series = withMarker(series, startedAt);
  const rows = aggregate(series, from, to, step, prev, to);
  if (straddles) {
    const k = Math.floor((startedAt - from) / step);
    rows[k] = { ...rows[k]!, count: rows[k]!.count - 1 };
  }
  return rows;
}

/** The series with a bad-quality sample at `at`, before any sample at or after it. */
function withMarker(series: Series, at: number): Series {
  const n = series.ts.length;
  let i = 0;
  while (i < n && series.ts[i]! < at) i++;
  const ts = new Float64Array(n + 1);
  const value = new Float64Array(n + 1);
  const quality = new Uint8Array(n + 1);
  ts.set(series.ts.subarray(0, i));
  value.set(series.value.subarray(0, i));
  quality.set(series.quality.subarray(0, i));
  ts[i] = at;
  value[i] = Number.NaN;
  quality[i] = qualityCodes.bad;
  ts.set(series.ts.subarray(i), i + 1);
  value.set(series.value.subarray(i), i + 1);
  quality.set(series.quality.subarray(i), i + 1);
  return { ts, value, quality };
}

/**
 * An aggregate row as it goes up: the mean time-weighted (the plain mean of the samples when
 * no value was held for any time); in an interval without a good sample but with a value
 * held into it, that one value is its minimum, maximum, mean and last.
 */
function toTagAggregate(row: AggregateRow | undefined): TagAggregate {
  if (!row) return { count: 0, min: null, max: null, mean: null, last: null, goodFraction: 0 };
  const held = row.min === null && row.twMean !== null ? row.twMean : null;
  return {
    count: row.count,
    min: row.min ?? held,
    max: row.max ?? held,
    mean: row.twMean ?? row.mean,
    last: row.last ?? held,
    goodFraction: row.goodFraction,
  };
}
