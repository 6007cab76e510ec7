// The summaries on a runtime with a real historian (temp dir) and the manual clock: samples
// pass the tag bus into the historian, the alarm host journals into it, the OEE host reads
// it back; the summaries land in the uplink outbox, once each, across a restart too.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parsePlantConfig } from '../config/index.js';
import type { FleetEntry } from '../contract/index.js';
import { pushDriver } from '../drivers/testing/push-driver.js';
import { appendAlarmEvents, queryAlarmJournal } from '../historian/alarm-journal.js';
import { startHistorian, type RunningHistorian } from '../historian/index.js';
import { enqueueForUplink, outboxRecords } from '../historian/uplink-outbox.js';
import type { UplinkSettings } from '../model/plant.js';
import { bad, GOOD, type Sample } from '../model/sample.js';
import { startAlarmHost, type AlarmHost } from '../runtime/alarm-host.js';
import { silentLogger } from '../runtime/logger.js';
import { createOeeHost } from '../runtime/oee-host.js';
import { createRuntime, type Runtime } from '../runtime/runtime.js';
import { createManualClock, type ManualClock } from '../runtime/testing/manual-clock.js';
import { metricCatalogue, recordToMetrics, type OeePayload, type TagAggregatesPayload } from './metrics.js';
import { queueStats, startSummaries, summaryMarks, type Summaries } from './summaries.js';

const MIN = 60_000;
const H = 60 * MIN;
const DAY = Date.UTC(2026, 10, 23); // a Monday
const at = (hours: number, minutes = 0, seconds = 0) => DAY + hours * H + minutes * MIN + seconds * 1000;

const tag = (name: string, type: string, unit: string, rate: number, extra = '') =>
  `          - { name: ${name}, address: ${name}, type: ${type}, unit: "${unit}", description: ${name}, sampleRateMs: ${rate}, rateReason: test${extra} }`;
const config = (uplink: string) => `version: 1
site: S
area: A
stateSets:
  machine:
    - { value: 1, label: Running, severity: normal }
    - { value: 5, label: Down, severity: abnormal }
devices:
  - { id: dev, driver: fake, settings: {} }
lines:
  - id: line1
    name: Line 1
    constraint: filler
    assets:
      - id: filler
        name: Filler
        kind: filler
        device: dev
        oee: { stateTag: state, states: { running: [Running], down: [Down] }, totalCounter: total, counterModulus: 65536, idealCycleTimeS: 1 }
        tags:
${tag('state', 'int16', '', 1000, ', states: machine, role: state')}
${tag('total', 'uint16', '', 1000)}
${tag('speed', 'float32', 'bottles/min', 1000, ', alarms: [{ kind: H, limit: 155, priority: high, message: Speed high }]')}
${tag('temp', 'float64', '°C', 300_000)}
      - id: packer
        name: Packer
        kind: packer
        device: dev
        tags:
${tag('current', 'float32', 'A', 60_000)}
      - id: motor
        name: Motor
        kind: motor
        device: dev
        pdm: { waveformTag: vib, bearing: SKF 6205 }
        tags:
${tag('vib', 'waveform', 'g', 120_000)}
oee:
  timeZone: UTC
  shifts:
    - { name: A, start: "06:00", end: "07:00", days: [mon, tue, wed, thu, fri, sat, sun] }
    - { name: B, start: "07:00", end: "06:00", days: [mon, tue, wed, thu, fri, sat, sun] }
uplink:
  broker: mqtt://broker
  groupId: G
  edgeNodeId: E
${uplink}`;

const fleet: FleetEntry[] = [
  { asset: 'line1/motor', name: 'Motor', lineName: 'Line 1', condition: 'watch', health: 71, zone: 'B', velocityRmsMmS: 2.4, defect: 'outer-race', summary: 'x', remainingLife: null, lastSnapshotAt: null, openWorkRequests: 0 },
];

interface Setup {
  runtime: Runtime;
  clock: ManualClock;
  settings: UplinkSettings;
  publish: (samples: Sample[]) => void;
  dir: string;
  history: RunningHistorian;
  alarms: AlarmHost;
  summaries: Summaries;
}
let current: Setup | undefined;

afterEach(async () => {
  if (!current) return;
  current.summaries.stop();
  current.alarms.stop();
  current.history.stop();
  await current.runtime.stop();
  rmSync(current.dir, { recursive: true, force: true });
  current = undefined;
});

/** The historian, alarm host, OEE host and summaries on the runtime (again, after a restart). */
function startApp(s: Omit<Setup, 'history' | 'alarms' | 'summaries'>): Pick<Setup, 'history' | 'alarms' | 'summaries'> {
  const history = startHistorian({ file: join(s.dir, 'plant.db'), runtime: s.runtime, log: silentLogger(), commitMs: 3_600_000 });
  const store = () => history.historian()!;
  const alarms = startAlarmHost({ runtime: s.runtime, log: silentLogger(), journal: { append: (events) => appendAlarmEvents(store(), events), query: (q) => queryAlarmJournal(store(), q) } });
  const oee = createOeeHost({ runtime: s.runtime, historian: history });
  const summaries = startSummaries({ runtime: s.runtime, historian: history, settings: s.settings, oee, pdm: { fleet: () => fleet }, log: silentLogger() });
  return { history, alarms, summaries };
}

async function setup(uplink = ''): Promise<Setup> {
  const { factory, publish } = pushDriver();
  const plant = parsePlantConfig(config(uplink), 'plant.yaml', [factory]);
  const clock = createManualClock(at(5, 59));
  const runtime = createRuntime({ plant, drivers: [factory], clock, log: silentLogger() });
  const dir = mkdtempSync(join(tmpdir(), 'lineside-summaries-'));
  const base = { runtime, clock, settings: plant.uplink!, publish, dir };
  current = { ...base, ...startApp(base) };
  await runtime.start();
  return current;
}

/** Stops the app's parts (the historian closes its file), lets `downMs` pass with nothing running, and starts them again. */
function restart(s: Setup, downMs: number): void {
  s.summaries.stop();
  s.alarms.stop();
  s.history.stop();
  s.clock.advance(downMs);
  Object.assign(s, startApp(s));
}

/**
 * The filler, a second at a time up to `until`: running; its counter counting one a second;
 * its speed ramping 100 … 159 each minute (the H alarm at 155 activates at :55 and returns
 * at :00); bad speed quality where `badSpeed` says so. The temperature is sampled at 06:00
 * only, the packer's current at 06:01:10 only.
 */
function run(s: Setup, until: number, badSpeed: (t: number) => boolean = () => false): void {
  for (let t = s.clock.now(); t < until; t += 1000) {
    s.clock.advance(t - s.clock.now());
    const second = Math.round((t % MIN) / 1000);
    const sample = (path: string, value: number, quality = GOOD): Sample => ({ path: `line1/${path}`, value, quality, sourceTs: t });
    const samples = [sample('filler/state', 1), sample('filler/total', Math.round((t - at(5)) / 1000) % 65_536), sample('filler/speed', 100 + second, badSpeed(t) ? bad('comm') : GOOD)];
    if (t === at(6)) samples.push(sample('filler/temp', 42.5));
    if (t === at(6, 1, 10)) samples.push(sample('packer/current', 3.25));
    s.publish(samples);
  }
  s.clock.advance(until - s.clock.now());
}

const queued = (s: Setup, kind?: string) => outboxRecords(s.history.historian()!, 100_000).filter((r) => kind === undefined || r.kind === kind);
const aggregates = (s: Setup, asset = 'line1/filler') => queued(s, 'tag-aggregates').filter((r) => r.source === asset).map((r) => r.payload as TagAggregatesPayload);

describe('tag aggregates', () => {
  it('go up once per closed minute and asset, settled, with min, max, time-weighted mean, last and good fraction', async () => {
    const s = await setup();
    run(s, at(6, 3, 4), (t) => t >= at(6, 2, 30) && t < at(6, 3));
    // 06:02 closed at 06:03 but is sent only once settled (5 s).
    expect(aggregates(s).map((p) => p.from)).toEqual([at(5, 59), at(6), at(6, 1)]);
    run(s, at(6, 3, 10));
    const sent = aggregates(s);
    expect(sent.map((p) => [p.from, p.to])).toEqual([at(5, 59), at(6), at(6, 1), at(6, 2)].map((m) => [m, m + MIN]));
    const byMinute = new Map(sent.map((p) => [p.from, p.tags]));

    // Each speed value holds a second: the mean is that of 100 … 159; every second is good.
    expect(byMinute.get(at(6))!.speed).toEqual({ count: 60, min: 100, max: 159, mean: 129.5, last: 159, goodFraction: 1 });
    // Half a minute of bad quality: only the good half counts, its last value is the last good one.
    expect(byMinute.get(at(6, 2))!.speed).toEqual({ count: 60, min: 100, max: 129, mean: 114.5, last: 129, goodFraction: 0.5 });
    // A slow tag: sampled once at 06:00, its value holds through the next minute too.
    expect(byMinute.get(at(6))!.temp).toEqual({ count: 1, min: 42.5, max: 42.5, mean: 42.5, last: 42.5, goodFraction: 1 });
    expect(byMinute.get(at(6, 1))!.temp).toEqual({ count: 0, min: 42.5, max: 42.5, mean: 42.5, last: 42.5, goodFraction: 1 });
    expect(byMinute.get(at(5, 59))!.temp).toEqual({ count: 0, min: null, max: null, mean: null, last: null, goodFraction: 0 });
    expect(byMinute.get(at(6, 1))!.state).toEqual({ count: 60, min: 1, max: 1, mean: 1, last: 1, goodFraction: 1 });

    // The packer has nothing before 06:01:10: no record for it until then.
    expect(aggregates(s, 'line1/packer').map((p) => [p.from, p.tags.current])).toEqual([
      [at(6, 1), { count: 1, min: 3.25, max: 3.25, mean: 3.25, last: 3.25, goodFraction: 50 / 60 }],
      [at(6, 2), { count: 0, min: 3.25, max: 3.25, mean: 3.25, last: 3.25, goodFraction: 1 }],
    ]);
    // Each record's time is the end of its minute, and its tags are all the asset's numeric tags.
    const record = queued(s, 'tag-aggregates').find((r) => r.source === 'line1/filler')!;
    expect(record.ts).toBe(at(6));
    expect(Object.keys((record.payload as TagAggregatesPayload).tags)).toEqual(['state', 'total', 'speed', 'temp']);
  });

  it('carry on after a restart from where the queue left off: no minute twice, none skipped, no value held across the outage', async () => {
    const s = await setup();
    run(s, at(6, 2, 30));
    expect(aggregates(s).map((p) => p.from)).toEqual([at(5, 59), at(6), at(6, 1)]);
    restart(s, 3 * MIN);
    run(s, at(6, 8, 10));
    const sent = aggregates(s);
    // 06:02 is caught up; 06:03 and 06:04 had no data (the app was down); 06:05 has the half after the restart.
    expect(sent.map((p) => p.from)).toEqual([at(5, 59), at(6), at(6, 1), at(6, 2), at(6, 5), at(6, 6), at(6, 7)]);
    const byMinute = new Map(sent.map((p) => [p.from, p.tags]));
    // Up to 06:02:29 before the stop: the last value holds no further than its own sample.
    expect(byMinute.get(at(6, 2))!.speed).toEqual({ count: 30, min: 100, max: 129, mean: 114, last: 129, goodFraction: 29 / 60 });
    // From the restart at 06:05:30 on; the value from before the outage does not hold into it.
    expect(byMinute.get(at(6, 5))!.speed).toEqual({ count: 30, min: 130, max: 159, mean: 144.5, last: 159, goodFraction: 0.5 });
    expect(byMinute.get(at(6, 5))!.temp).toEqual({ count: 0, min: null, max: null, mean: null, last: null, goodFraction: 0 });
    expect(byMinute.get(at(6, 6))!.speed.goodFraction).toBe(1);
    expect(Number(s.history.historian()!.sql('SELECT value FROM meta WHERE key = ?').pluck().get(summaryMarks.tagAggregates))).toBe(at(6, 8));
  });

  it('after a change of the interval, a partial one up to the next boundary, then aligned ones', async () => {
    const s = await setup();
    run(s, at(6, 2, 30));
    s.settings = { ...s.settings, summaries: { ...s.settings.summaries, tagAggregatesMs: 5 * MIN } };
    restart(s, 0);
    run(s, at(6, 10, 10));
    expect(aggregates(s).map((p) => [p.from, p.to])).toEqual([
      [at(5, 59), at(6)],
      [at(6), at(6, 1)],
      [at(6, 1), at(6, 2)],
      [at(6, 2), at(6, 5)],
      [at(6, 5), at(6, 10)],
    ]);
    expect(aggregates(s).at(-1)!.tags.speed).toMatchObject({ count: 300, min: 100, max: 159, goodFraction: 1 });
  });
});

describe('OEE, alarms, health and system', () => {
  it('OEE per asset when an hour and when a shift closes; every record kind becomes metrics', async () => {
    const s = await setup();
    run(s, at(7, 0, 10));
    const oee = queued(s, 'oee').map((r) => ({ source: r.source, ts: r.ts, ...(r.payload as OeePayload) }));
    // The hour and the shift under way at the start (05:00–06:00, shift B since 07:00 yesterday), then 06:00–07:00 and shift A.
    expect(oee.map((p) => [p.source, p.span, p.shift, p.from, p.to, p.ts])).toEqual([
      ['line1/filler', 'hour', null, at(5), at(6), at(6)],
      ['line1/filler', 'shift', 'B', at(-17), at(6), at(6)],
      ['line1/filler', 'hour', null, at(6), at(7), at(7)],
      ['line1/filler', 'shift', 'A', at(6), at(7), at(7)],
    ]);
    const hour = oee[2]!;
    expect(hour.availability).toBeCloseTo(1, 3);
    expect(hour.performance).toBeCloseTo(1, 2);
    expect(hour.totalCount).toBeGreaterThanOrEqual(3599);
    expect(hour.downtimeSeconds).toBeLessThan(2);
    expect(oee[3]).toMatchObject({ availability: hour.availability, totalCount: hour.totalCount });

    // Everything queued in the hour turns into metrics of the catalogue.
    const catalogue = metricCatalogue(s.runtime.plant, s.settings);
    const all = queued(s);
    expect(new Set(all.map((r) => r.kind))).toEqual(new Set(['tag-aggregates', 'oee', 'alarm', 'health', 'system']));
    for (const record of all) expect(recordToMetrics(record, catalogue).skipped).toEqual([]);
  });

  it('every alarm transition once, in journal order, across a restart', async () => {
    const s = await setup();
    run(s, at(6, 1, 30));
    restart(s, 0);
    run(s, at(6, 3, 30));
    const journal = queryAlarmJournal(s.history.historian()!, { from: 0, to: at(7), limit: 1000 }).filter((e) => e.from !== e.to);
    const sent = queued(s, 'alarm');
    expect(journal.length).toBeGreaterThanOrEqual(6);
    expect(sent.map((r) => [r.source, r.ts, r.payload.journalId, r.payload.from, r.payload.to])).toEqual(journal.map((e) => ['line1/filler', e.at, e.id, e.from, e.to]));
    expect(sent[0]!.payload).toMatchObject({ at: at(5, 59, 55), alarmId: 'line1/filler/speed:H', kind: 'activated', from: 'normal', to: 'unacknowledged', priority: 'high' });
  });

  it('asset health every 15 min and system health every minute, a slot never twice', async () => {
    const s = await setup();
    run(s, at(6, 16));
    restart(s, 10_000);
    run(s, at(6, 17, 30));
    expect(queued(s, 'health').map((r) => [r.ts, r.source, r.payload.health, r.payload.condition])).toEqual([
      [at(5, 59), 'line1/motor', 71, 'watch'],
      [at(6), 'line1/motor', 71, 'watch'],
      [at(6, 15), 'line1/motor', 71, 'watch'],
    ]);
    const system = queued(s, 'system');
    // Each minute from the start; the restart at 06:16:10 falls in a minute already sent.
    expect(system.map((r) => r.ts)).toEqual([at(5, 59), ...Array.from({ length: 18 }, (_, i) => at(6, i))]);
    expect(system[1]!.payload).toMatchObject({ drivers: [{ deviceId: 'dev', state: 'running' }], historian: 'ok', uptimeS: 60 });
    expect(system.at(-1)!.payload.uptimeS).toBe(50);
    expect(system[2]!.payload.queueRecords).toBeGreaterThan(0);
  });
});

describe('the queue bound', () => {
  it('drops the oldest records when full, counts them, and keeps work requests', async () => {
    const s = await setup('  queueMaxMegabytes: 0.004\n');
    const store = s.history.historian()!;
    enqueueForUplink(store, { ts: at(5, 59), kind: 'work-request', source: 'line1/motor', payload: { id: 'line1/motor@1', raisedAt: at(5, 59) } });
    run(s, at(6, 10, 10));
    const stats = queueStats(store);
    expect(stats.dropped).toBeGreaterThan(0);
    expect(stats.bytes).toBeLessThanOrEqual(4000);
    const left = queued(s);
    expect(left[0]!.kind).toBe('work-request');
    expect(stats.oldestTs).toBe(at(5, 59));
    // The newest summaries are kept: the last minute's aggregates are there.
    expect(aggregates(s).at(-1)!.from).toBe(at(6, 9));
    // The counts follow deletes by anyone (the uplink deletes what the broker acknowledged).
    const real = () => store.sql('SELECT COUNT(*) AS records, COALESCE(SUM(length(CAST(payload AS BLOB)) + length(kind) + length(source)), 0) AS bytes FROM uplink_outbox').get();
    expect({ records: stats.records, bytes: stats.bytes }).toEqual(real());
    store.sql('DELETE FROM uplink_outbox WHERE id IN (SELECT id FROM uplink_outbox ORDER BY id LIMIT 3)').run();
    const after = queueStats(store);
    expect({ records: after.records, bytes: after.bytes }).toEqual(real());
    expect(after.dropped).toBe(stats.dropped);
  });
});
