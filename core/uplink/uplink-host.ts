/**
 * The conduit's I/O: one outgoing MQTT connection (mqtt.js) to the plant's broker, driven by
 * the Sparkplug edge-node session (sparkplug/session.ts, pure), fed from the durable queue
 * (`uplink_outbox` in the historian's file, where every summary is written first).
 *
 * - Outbound only (IEC 62443 conduit): the app connects out; TLS verifies the broker's
 *   certificate against the configured CA (or the system's), with an optional client
 *   certificate. The only inbound messages acted upon are the rebirth request (NCMD) and the
 *   primary host's STATE; the session ignores and logs every other command.
 * - Connections are made here, one at a time, never by mqtt.js's own reconnect: each new
 *   MQTT session needs a new bdSeq in its Will (NDEATH), so each is a new client with a new
 *   Will. Backoff 1 s doubling to 30 s, with ±20 % jitter.
 * - Delivery: at least once. Records are read in id order and published with QoS 1, at most
 *   `inFlight` unacknowledged; a record is deleted from the queue only after its PUBACK
 *   (deletes are batched, one transaction every 100 ms). A connection lost with messages in
 *   flight sends them again on the next session: a consumer may see a summary twice, never
 *   not at all.
 * - Backlog and live: what waited in the queue when the session was born is the backlog; it
 *   goes out oldest first as historical (is_historical = true), at most `backlogPerSecond`
 *   messages a second, while records made after the birth go out at once. Each stream keeps
 *   its own order; a metric's backlog values are all older than its live ones.
 * - Device deaths: an asset whose driver is not running gets a DDEATH; a DBIRTH when it is back.
 *
 * Time here is the wall clock (network timers), not the plant clock.
 */
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { readFileSync } from 'node:fs';
import type { UplinkStatus } from '../contract/index.js';
import type { RunningHistorian } from '../historian/index.js';
import type { Historian } from '../historian/historian.js';
import type { UplinkSettings } from '../model/plant.js';
import type { Logger } from '../runtime/logger.js';
import type { Runtime } from '../runtime/runtime.js';
import { EdgeNodeSession, type SessionAction } from './sparkplug/session.js';
import { deviceIdOf } from './sparkplug/topics.js';
import { metricCatalogue, recordToMetrics, type MetricCatalogue } from './metrics.js';
import { queueStats } from '../historian/uplink-outbox.js';

const PUMP_MS = 50;
const DELETE_MS = 100;
const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 30_000;
const READ_AHEAD = 500;
/** The queue's fill that raises the warning (the status bar turns red from the same fill), and that clears it. */
const QUEUE_WARN_FRACTION = 0.8;
const QUEUE_CLEAR_FRACTION = 0.7;
const QUEUE_CHECK_MS = 1000;

export interface UplinkHost {
  status(): UplinkStatus;
  stop(): Promise<void>;
}

interface QueuedRecord {
  id: number;
  ts: number;
  kind: string;
  source: string;
  payload: string;
}

export function startUplink(options: { runtime: Runtime; historian: RunningHistorian; settings: UplinkSettings; log: Logger; expectedBytesPerHour: number }): UplinkHost {
  const { runtime, settings, log } = options;
  const catalogue: MetricCatalogue = metricCatalogue(runtime.plant, settings);
  let client: MqttClient | undefined;
  let session: EdgeNodeSession | undefined;
  let state: UplinkStatus['state'] = 'connecting';
  let detail = 'connecting';
  let retryAt: number | null = null;
  let retryMs = FIRST_RETRY_MS;
  let retryTimer: NodeJS.Timeout | undefined;
  let stopped = false;

  let born = false;
  /** Ids up to this one were waiting when the session was born: the backlog. */
  let backlogUntil = 0;
  let backlogCursor = 0;
  let liveCursor = 0;
  let backlogBuffer: QueuedRecord[] = [];
  let liveBuffer: QueuedRecord[] = [];
  let tokens = 0;
  let tokensAt = Date.now();
  const inFlight = new Set<number>();
  let acked: number[] = [];
  const lostDevices = new Set<string>();

  let messagesSent = 0;
  let bytesSent = 0;
  let lastPublishAt: number | null = null;

  const store = (): Historian | undefined => options.historian.historian();

  const tlsOptions = (): Partial<IClientOptions> => {
    const tls = settings.tls;
    if (!tls) return {};
    return {
      rejectUnauthorized: true,
      ...(tls.caFile ? { ca: readFileSync(tls.caFile) } : {}),
      ...(tls.certFile ? { cert: readFileSync(tls.certFile) } : {}),
      ...(tls.keyFile ? { key: readFileSync(tls.keyFile) } : {}),
    };
  };

  /** The next bdSeq, kept in the historian's meta table so that a restart does not reuse the last one. */
  const nextBdSeq = (): number => {
    const historian = store();
    if (!historian) return Math.floor(Math.random() * 256);
    const row = historian.sql("SELECT value FROM meta WHERE key = 'uplink_bdseq'").get() as { value: string } | undefined;
    const next = row ? (Number(row.value) + 1) % 256 : 0;
    historian.sql("INSERT INTO meta (key, value) VALUES ('uplink_bdseq', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(String(next));
    return next;
  };

  const apply = (actions: readonly SessionAction[]) => {
    const c = client;
    for (const action of actions) {
      if (action.kind === 'publish') {
        if (!c) continue;
        c.publish(action.topic, Buffer.from(action.payload), { qos: action.qos, retain: action.retain }, (error) => {
          if (error) return;
          messagesSent++;
          bytesSent += action.payload.byteLength + action.topic.length;
          lastPublishAt = Date.now();
        });
      } else if (action.kind === 'subscribe') c?.subscribe(action.topics, { qos: 1 });
      // After the NDEATH (published just before): end(false) lets it and what is in flight go out first.
      else if (action.kind === 'disconnect') c?.end(false);
      else log[action.level]({ part: 'uplink' }, action.message);
    }
    const nowBorn = session?.canPublishData() ?? false;
    if (nowBorn && !born) onBirth();
    born = nowBorn;
    if (client?.connected) {
      state = born ? 'online' : 'waiting-for-host';
      detail = born ? '' : `waiting for the primary host ${settings.primaryHostId ?? ''} to be online`;
    }
  };

  /** A new session is born: what waits now is the backlog; both streams start from the oldest record left. */
  const onBirth = () => {
    const historian = store();
    backlogUntil = historian ? ((historian.sql('SELECT MAX(id) FROM uplink_outbox').pluck().get() as number | null) ?? 0) : 0;
    backlogCursor = 0;
    liveCursor = backlogUntil;
    backlogBuffer = [];
    liveBuffer = [];
    tokens = 0;
    tokensAt = Date.now();
    inFlight.clear();
  };

  const connect = () => {
    if (stopped) return;
    retryAt = null;
    state = 'connecting';
    const bdSeq = nextBdSeq();
    session = new EdgeNodeSession({
      groupId: settings.groupId,
      edgeNodeId: settings.edgeNodeId,
      ...(settings.primaryHostId ? { primaryHostId: settings.primaryHostId } : {}),
      qos: settings.qos,
      nodeMetrics: catalogue.node,
      devices: catalogue.devices,
      bdSeq,
      now: () => Date.now(),
    });
    // A device that was dead when the last session ended is dead in this one from the start (no DBIRTH for it).
    for (const id of lostDevices) session.deviceLost(id);
    const will = session.willMessage();
    let c: MqttClient;
    try {
      c = mqtt.connect(settings.brokerUrl, {
        clientId: `lineside-${settings.groupId}-${settings.edgeNodeId}`.slice(0, 64),
        clean: true,
        reconnectPeriod: 0,
        connectTimeout: 10_000,
        keepalive: 15,
        will: { topic: will.topic, payload: Buffer.from(will.payload), qos: 1, retain: false },
        ...(settings.username ? { username: settings.username } : {}),
        ...(settings.password ? { password: settings.password } : {}),
        ...tlsOptions(),
      });
    } catch (error) {
      return failed((error as Error).message);
    }
    client = c;
    c.on('connect', () => {
      retryMs = FIRST_RETRY_MS;
      log.info({ broker: settings.brokerUrl, bdSeq }, 'uplink connected');
      apply(session!.connected());
    });
    c.on('message', (topic, payload) => {
      if (client !== c || !session) return;
      apply(topic.startsWith('spBv1.0/STATE/') ? session.stateMessage(topic.slice('spBv1.0/STATE/'.length), payload) : session.command(topic, payload));
    });
    c.on('error', (error) => {
      detail = error.message;
    });
    c.on('close', () => {
      if (client !== c) return;
      c.removeAllListeners();
      c.on('error', () => {});
      c.end(true);
      client = undefined;
      session?.disconnected();
      born = false;
      inFlight.clear();
      failed(detail && detail !== 'connecting' ? detail : 'the connection closed');
    });
  };

  const failed = (why: string) => {
    if (stopped) return;
    state = 'offline';
    detail = why;
    const wait = Math.round(retryMs * (0.8 + 0.4 * Math.random()));
    retryAt = Date.now() + wait;
    retryMs = Math.min(MAX_RETRY_MS, retryMs * 2);
    log.warn({ broker: settings.brokerUrl, retryInMs: wait }, `uplink offline: ${why}`);
    retryTimer = setTimeout(connect, wait);
  };

  const read = (after: number, upTo: number): QueuedRecord[] => {
    const historian = store();
    if (!historian) return [];
    return historian.sql('SELECT id, ts, kind, source, payload FROM uplink_outbox WHERE id > ? AND id <= ? ORDER BY id LIMIT ?').all(after, upTo, READ_AHEAD) as QueuedRecord[];
  };

  /** Publishes one record; 'skipped' when its device is dead (it goes again after the device's DBIRTH), 'blocked' when nothing can go now. */
  const send = (record: QueuedRecord, historical: boolean): 'sent' | 'skipped' | 'blocked' => {
    const c = client;
    const s = session;
    if (!c || !s) return 'blocked';
    let actions: SessionAction[];
    try {
      const { deviceId, metrics } = recordToMetrics({ ...record, payload: JSON.parse(record.payload) as Record<string, unknown> }, catalogue);
      if (deviceId !== null && lostDevices.has(deviceId)) return 'skipped';
      actions = s.data(deviceId, metrics, { historical });
    } catch (error) {
      // A record that cannot be sent (e.g. from a plant config since changed) is dropped, with a reason.
      log.warn({ err: error, id: record.id, kind: record.kind, source: record.source }, 'uplink: a queued record cannot be sent and is dropped');
      acked.push(record.id);
      return 'skipped';
    }
    const publish = actions.find((a) => a.kind === 'publish');
    if (!publish || publish.kind !== 'publish') return 'blocked';
    inFlight.add(record.id);
    c.publish(publish.topic, Buffer.from(publish.payload), { qos: publish.qos, retain: false }, (error) => {
      inFlight.delete(record.id);
      if (error) return;
      acked.push(record.id);
      messagesSent++;
      bytesSent += publish.payload.byteLength + publish.topic.length;
      lastPublishAt = Date.now();
    });
    return 'sent';
  };

  const pump = () => {
    if (!client?.connected || !session?.canPublishData()) return;
    checkDevices();
    const now = Date.now();
    tokens = Math.min(settings.backlogPerSecond, tokens + ((now - tokensAt) / 1000) * settings.backlogPerSecond);
    tokensAt = now;
    if (liveBuffer.length === 0) liveBuffer = read(liveCursor, Number.MAX_SAFE_INTEGER);
    for (let guard = 0; guard < 10_000 && inFlight.size < settings.inFlight; guard++) {
      const live = liveBuffer.shift();
      if (live) {
        liveCursor = live.id;
        if (send(live, false) === 'blocked') break;
        if (liveBuffer.length === 0) liveBuffer = read(liveCursor, Number.MAX_SAFE_INTEGER);
        continue;
      }
      if (tokens < 1) break;
      if (backlogBuffer.length === 0) backlogBuffer = read(backlogCursor, backlogUntil);
      const old = backlogBuffer.shift();
      if (!old) break;
      backlogCursor = old.id;
      tokens--;
      if (send(old, true) === 'blocked') break;
    }
  };

  const deleteAcked = () => {
    if (acked.length === 0) return;
    const historian = store();
    if (!historian) return;
    const ids = acked;
    acked = [];
    const remove = historian.sql('DELETE FROM uplink_outbox WHERE id = ?');
    historian.db.transaction(() => {
      for (const id of ids) remove.run(id);
    })();
  };

  /** DDEATH for the assets whose driver is not running, DBIRTH when it is back. */
  const checkDevices = () => {
    const s = session;
    if (!s) return;
    const running = new Map(runtime.driverStatuses().map((d) => [d.deviceId, d.state === 'running' || d.state === 'degraded']));
    for (const line of runtime.plant.lines) {
      for (const asset of line.assets) {
        const id = deviceIdOf(`${line.id}/${asset.id}`);
        if (!catalogue.devices.some((d) => d.id === id)) continue;
        // An asset is dead when no device that feeds its tags runs.
        const up = asset.tags.length === 0 || asset.tags.some((tag) => running.get(tag.deviceId) ?? true);
        if (!up && !lostDevices.has(id)) {
          lostDevices.add(id);
          apply(s.deviceLost(id));
        } else if (up && lostDevices.has(id)) {
          lostDevices.delete(id);
          apply(s.deviceBack(id));
          // What it skipped while dead goes now: both streams look again from the oldest record left.
          backlogCursor = 0;
          liveCursor = backlogUntil;
          backlogBuffer = [];
          liveBuffer = [];
        }
      }
    }
  };

  /** Warns once when the queue nears its bound (the oldest records go when it is full), and says when it is back. */
  let queueWarned = false;
  const checkQueue = () => {
    const historian = store();
    if (!historian) return;
    const { bytes, records } = queueStats(historian);
    const fill = bytes / settings.queueMaxBytes;
    if (!queueWarned && fill >= QUEUE_WARN_FRACTION) {
      queueWarned = true;
      log.warn({ records, bytes, maxBytes: settings.queueMaxBytes }, `uplink queue ${Math.round(fill * 100)} % full: when it is full the oldest summaries are dropped (${state}${detail ? `: ${detail}` : ''})`);
    } else if (queueWarned && fill < QUEUE_CLEAR_FRACTION) {
      queueWarned = false;
      log.info({ records, bytes }, 'uplink queue back below 70 %');
    }
  };

  const pumpTimer = setInterval(pump, PUMP_MS);
  const deleteTimer = setInterval(deleteAcked, DELETE_MS);
  const queueTimer = setInterval(checkQueue, QUEUE_CHECK_MS);
  connect();

  return {
    status() {
      const historian = store();
      const queue = historian ? queueStats(historian) : { records: 0, bytes: 0, dropped: 0 };
      const backlogRecords = born && historian ? (historian.sql('SELECT COUNT(*) FROM uplink_outbox WHERE id <= ?').pluck().get(backlogUntil) as number) : born ? 0 : queue.records;
      return {
        state,
        broker: settings.brokerUrl,
        groupId: settings.groupId,
        edgeNodeId: settings.edgeNodeId,
        detail: state === 'online' ? '' : detail,
        retryAt,
        queueRecords: queue.records,
        queueBytes: queue.bytes,
        queueMaxBytes: settings.queueMaxBytes,
        dropped: queue.dropped,
        backlogRecords,
        lastPublishAt,
        messagesSent,
        bytesSent,
        expectedBytesPerHour: options.expectedBytesPerHour,
      };
    },
    async stop() {
      stopped = true;
      clearInterval(pumpTimer);
      clearInterval(deleteTimer);
      clearInterval(queueTimer);
      clearTimeout(retryTimer);
      const c = client;
      client = undefined;
      if (c?.connected && session) {
        // A clean shutdown says so: the NDEATH, then the disconnect (the broker drops the Will).
        const death = session.willMessage();
        await new Promise<void>((resolve) => c.publish(death.topic, Buffer.from(death.payload), { qos: 1 }, () => resolve()));
        // Give the last acknowledgements a moment, then delete what was acknowledged.
        for (let i = 0; i < 20 && inFlight.size > 0; i++) await new Promise((r) => setTimeout(r, 50));
      }
      deleteAcked();
      await c?.endAsync().catch(() => {});
    },
  };
}
