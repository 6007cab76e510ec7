// The uplink benchmark: draining a 24-hour backlog to the local Mosquitto. 1,000 tags on 10
// assets, one 1-minute summary per asset and minute (each tag's min, max, mean, last and
// good fraction: 5 metric values a tag-minute), 1,440 minutes: 14,400 queued records, 1.44
// million tag-minutes, 7.2 million metric values. The uplink (core/uplink/uplink-host.ts) is
// started with the backlog waiting and publishes it as historical DDATA with QoS 1, 100 in
// flight and no backlog rate limit; the time runs from its start (connect, births included)
// until the queue is empty: every record acknowledged by the broker and deleted.
// Goal: at most 30 s.
//
// The baseline, in the same run: one MQTT message per value (one tag-minute's mean), QoS 1,
// waiting for each PUBACK before the next: timed over BASELINE_MESSAGES and scaled to the
// 1.44 million tag-minutes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import type { BenchSuite } from '../run.js';
import { parsePlantConfig } from '../../core/config/index.js';
import { pushDriver } from '../../core/drivers/testing/push-driver.js';
import { startHistorian } from '../../core/historian/index.js';
import { enqueueManyForUplink, queueStats, type OutboxRecord } from '../../core/historian/uplink-outbox.js';
import { silentLogger } from '../../core/runtime/logger.js';
import { createRuntime } from '../../core/runtime/runtime.js';
import { createManualClock } from '../../core/runtime/testing/manual-clock.js';
import { encodePayload } from '../../core/uplink/sparkplug/payload.js';
import { mosquittoAvailable, startMosquitto } from '../../core/uplink/testing/mosquitto.js';
import { startUplink } from '../../core/uplink/uplink-host.js';
import { formatNumber } from '../stats.js';

const ASSETS = 10;
const TAGS_PER_ASSET = 100;
const MINUTES = 1440;
const BASELINE_MESSAGES = 3000;
const START = Date.UTC(2026, 11, 6, 0, 0);

function plantYaml(brokerUrl: string): string {
  const tags = Array.from({ length: TAGS_PER_ASSET }, (_, i) => `          - { name: t${i}, address: a${i}, type: float32, unit: "", description: T${i}, sampleRateMs: 1000, rateReason: bench }`).join('\n');
  const assets = Array.from({ length: ASSETS }, (_, a) => `      - id: asset${a}\n        name: Asset ${a}\n        kind: machine\n        device: dev\n        tags:\n${tags}`).join('\n');
  return `version: 1
site: S
area: A
devices:
  - { id: dev, driver: fake, settings: {} }
lines:
  - id: line1
    name: Line 1
    assets:
${assets}
uplink:
  broker: ${brokerUrl}
  groupId: Bench
  edgeNodeId: node1
  inFlight: 100
  backlogPerSecond: 1000000
  queueMaxMegabytes: 4000
`;
}

function backlog(): OutboxRecord[] {
  const records: OutboxRecord[] = [];
  for (let minute = 1; minute <= MINUTES; minute++) {
    const to = START + minute * 60_000;
    for (let a = 0; a < ASSETS; a++) {
      const tags: Record<string, { count: number; min: number; max: number; mean: number; last: number; goodFraction: number }> = {};
      for (let t = 0; t < TAGS_PER_ASSET; t++) {
        const mean = 50 + 10 * Math.sin((minute + t) / 37);
        tags[`t${t}`] = { count: 60, min: mean - 1.5, max: mean + 1.5, mean, last: mean + 0.25, goodFraction: 1 };
      }
      records.push({ ts: to, kind: 'tag-aggregates', source: `line1/asset${a}`, payload: { from: to - 60_000, to, tags } });
    }
  }
  return records;
}

const fmt = (n: number, digits = 0) => formatNumber(n, digits);

export const uplinkSuite: BenchSuite = {
  name: 'uplink',
  description: 'draining a 24-hour backlog of 1-minute summaries (1,000 tags) to the local Mosquitto, vs one QoS 1 message per value',
  async run(print) {
    if (!mosquittoAvailable) throw new Error('the uplink benchmark needs Mosquitto (/usr/sbin/mosquitto): apt-get install mosquitto');
    const broker = await startMosquitto();
    const dir = mkdtempSync(join(tmpdir(), 'lineside-bench-uplink-'));
    try {
      const { factory } = pushDriver();
      const plant = parsePlantConfig(plantYaml(broker.url), join(dir, 'plant.yaml'), [factory]);
      const runtime = createRuntime({ plant, drivers: [factory], clock: createManualClock(START + MINUTES * 60_000), log: silentLogger() });
      const history = startHistorian({ file: join(dir, 'plant.db'), runtime, log: silentLogger() });
      await runtime.start();
      const historian = history.historian()!;
      const records = backlog();
      const fillStart = performance.now();
      enqueueManyForUplink(historian, records);
      const fillMs = performance.now() - fillStart;
      const queued = queueStats(historian);
      print(`backlog: ${fmt(records.length)} records, ${fmt(queued.bytes / 1e6, 1)} MB queued in ${fmt(fillMs / 1000, 1)} s`);

      const start = performance.now();
      const uplink = startUplink({ runtime, historian: history, settings: plant.uplink!, log: silentLogger(), expectedBytesPerHour: 0 });
      for (let i = 0; i < 6000 && queueStats(historian).records > 0; i++) await new Promise((r) => setTimeout(r, 20));
      const drainMs = performance.now() - start;
      const status = uplink.status();
      await uplink.stop();
      const left = queueStats(historian).records;
      history.stop();
      await runtime.stop();
      if (left > 0) throw new Error(`the backlog did not drain within 120 s: ${left} records left`);
      const values = records.length * TAGS_PER_ASSET * 5;
      print(
        `drain: ${fmt(drainMs / 1000, 1)} s for ${fmt(status.messagesSent)} messages (${fmt(values / 1e6, 1)} million metric values, ${fmt(status.bytesSent / 1e6, 1)} MB): ` +
          `${fmt(status.messagesSent / (drainMs / 1000))} messages/s, ${fmt(values / (drainMs / 1000))} values/s   (goal ≤ 30 s)`,
      );

      // Baseline: a message per value, waiting for each acknowledgement.
      const client = await mqtt.connectAsync(broker.url, { reconnectPeriod: 0 });
      const one = encodePayload({ timestamp: START, seq: 0, metrics: [{ alias: 3, timestamp: START, dataType: 'Double', value: 50.5, isHistorical: true }] });
      const baseStart = performance.now();
      for (let i = 0; i < BASELINE_MESSAGES; i++) await client.publishAsync('spBv1.0/Bench/DDATA/node1/line1:asset0', Buffer.from(one), { qos: 1 });
      const perMessageMs = (performance.now() - baseStart) / BASELINE_MESSAGES;
      await client.endAsync();
      const tagMinutes = ASSETS * TAGS_PER_ASSET * MINUTES;
      const baselineS = (perMessageMs * tagMinutes) / 1000;
      print(
        `baseline: one QoS 1 message per value, each acknowledged before the next: ${fmt(perMessageMs, 3)} ms a message (timed over ${fmt(BASELINE_MESSAGES)}), ` +
          `${fmt(baselineS)} s for the ${fmt(tagMinutes / 1e6, 2)} million tag-minutes (means only) → the uplink drains 5 values a tag-minute ${fmt(baselineS / (drainMs / 1000), 0)}× faster`,
      );
      return {
        drain_ms: Math.round(drainMs),
        drain_messages_per_s: Math.round(status.messagesSent / (drainMs / 1000)),
        drain_values_per_s: Math.round(values / (drainMs / 1000)),
        baseline_ms: Math.round(baselineS * 1000),
        speedup_ratio: Number((baselineS / (drainMs / 1000)).toFixed(1)),
      };
    } finally {
      await broker.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
