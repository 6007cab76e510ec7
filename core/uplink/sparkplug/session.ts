/**
 * A Sparkplug B edge-node session as a pure state machine. The I/O layer (MQTT client, queue,
 * timers) feeds it what happened — connected, disconnected, a STATE or command message, data
 * to send, a device lost or back — and carries out the actions each call returns (publish,
 * subscribe, disconnect, log). It opens no socket, starts no timer, and reads the clock only
 * through `config.now`, so every sequence is testable step by step.
 *
 * Follows Sparkplug 3.0.0: ch. 4 §4.2 Message Types and Contents (NBIRTH/NDEATH/NDATA,
 * DBIRTH/DDEATH/DDATA, the host's STATE), ch. 5 "Operational Behavior" (Edge Node Session
 * Establishment and Termination, Device Session Establishment and Termination, Primary Host
 * Application STATE), and ch. 6 §6.4.5 Payload (seq), §6.4.6 Metric (aliases), §6.4.19–§6.4.26
 * (NBIRTH … DDEATH).
 *
 * Decisions:
 * - Outbound only (IEC 62443 conduit, DESIGN.md): the one inbound message acted upon is NCMD
 *   `Node Control/Rebirth` = true, which republishes what was already published. Every other
 *   NCMD metric and every DCMD is answered with a warn-level log naming topic and metrics,
 *   and nothing else: no inbound message writes to a device or changes config.
 * - Aliases: 1 = bdSeq, 2 = Node Control/Rebirth, then the node metrics, then each device's
 *   metrics, in definition order; unique across the edge node and stable for the session's
 *   life. Births carry name + alias + datatype; NDATA/DDATA carry the alias only.
 * - seq: 0 on NBIRTH, +1 on every later message of the session (DBIRTH, DDATA, NDATA,
 *   DDEATH), 255 → 0. NDEATH carries none.
 * - bdSeq: `config.bdSeq` (default 0) is the first connection's; it goes up by one (255 → 0)
 *   after each connection ends, so a restored value and a reconnect both get a fresh one.
 *   `willMessage()` is the NDEATH of the current connection (or of the next one while
 *   offline): the I/O layer sets it as the MQTT Will before every CONNECT, publishes it
 *   before a deliberate disconnect, and persists `nextBdSeq` for a restart.
 * - bdSeq is sent as UInt64, as in the specification's NBIRTH/NDEATH examples.
 * - QoS: NBIRTH, DBIRTH and DDEATH go at QoS 0 as §4.2 requires; NDATA/DDATA at
 *   `config.qos` (Lineside defaults to 1 for store-and-forward, a departure documented with
 *   the uplink settings); the Will and an explicit NDEATH at QoS 1, so that the I/O layer
 *   can wait for its PUBACK before it disconnects. Nothing is retained.
 * - Primary host: no birth until its STATE says online (JSON `{"online", "timestamp"}`); a
 *   STATE older than the newest seen is ignored (equal is not older: a retained STATE comes
 *   again on every subscribe). online:false while born → NDEATH, then disconnect; while still
 *   waiting, it keeps waiting on the same connection (with one broker there is nowhere else
 *   to go; walking to another server is the I/O layer's choice).
 * - `data()` while not born (or for a dead device) returns no action: the caller keeps the
 *   record queued and asks `canPublishData()` before sending. A record that can never be
 *   sent (unknown device or metric, a value that does not fit) throws `SparkplugError`.
 */
import { SparkplugError } from './errors.js';
import { decodePayload, encodePayload, metricProblem, type DecodedMetric, type Metric, type MetricValue } from './payload.js';
import { sparkplugDataTypes, type SparkplugDataType } from './proto.js';
import { checkId, deviceCommandFilter, deviceTopic, nodeTopic, parseTopic, stateTopic } from './topics.js';

export const BD_SEQ_METRIC = 'bdSeq';
export const REBIRTH_METRIC = 'Node Control/Rebirth';
const OUTBOUND_ONLY = 'the uplink is outbound only; no inbound message writes to a device or changes config';

export interface MetricDefinition {
  name: string;
  dataType: SparkplugDataType;
  /** The current value, read for births; absent or undefined → null (is_null). */
  value?: () => MetricValue | undefined;
}

export interface DeviceDefinition {
  /** A Sparkplug device id (for an asset: `deviceIdOf(assetPath)`). */
  id: string;
  metrics: readonly MetricDefinition[];
}

export interface SessionConfig {
  groupId: string;
  edgeNodeId: string;
  /** The primary host application's id: births wait for its STATE online. */
  primaryHostId?: string;
  /** QoS of NDATA/DDATA. */
  qos: 0 | 1;
  nodeMetrics: readonly MetricDefinition[];
  devices: readonly DeviceDefinition[];
  /** bdSeq of the first connection (0..255), as persisted from `nextBdSeq`; default 0. */
  bdSeq?: number;
  /** UTC epoch ms; the session's only clock. */
  now: () => number;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface PublishAction {
  kind: 'publish';
  topic: string;
  payload: Uint8Array;
  qos: 0 | 1;
  retain: boolean;
}

export type SessionAction = PublishAction | { kind: 'subscribe'; topics: string[]; qos: 1 } | { kind: 'disconnect' } | { kind: 'log'; level: LogLevel; message: string };

/** One value for `data()`: the metric by name (or alias), as defined in the config. */
export interface DataPoint {
  name?: string;
  alias?: number;
  /** When the value was captured: UTC epoch ms. */
  timestamp: number;
  value: MetricValue;
  /** When given, it must match the definition's. */
  dataType?: SparkplugDataType;
}

export type SessionState = 'offline' | 'waiting-for-host' | 'born' | 'closing';

/** The NDEATH (MQTT Will) of a connection: only the bdSeq metric, no seq; QoS 1, not retained. */
export function willMessage(groupId: string, edgeNodeId: string, bdSeq: number, timestamp: number): PublishAction & { bdSeq: number } {
  const payload = encodePayload({ timestamp, metrics: [{ name: BD_SEQ_METRIC, timestamp, dataType: 'UInt64', value: bdSeq }] });
  return { kind: 'publish', topic: nodeTopic(groupId, 'NDEATH', edgeNodeId), payload, qos: 1, retain: false, bdSeq };
}

interface Defined {
  alias: number;
  definition: MetricDefinition;
}

interface MetricTable {
  byName: Map<string, Defined>;
  byAlias: Map<number, Defined>;
}

interface Device extends MetricTable {
  id: string;
  alive: boolean;
}

function invalidConfig(what: string): SparkplugError {
  return new SparkplugError('sparkplug-invalid-config', `Sparkplug edge node config: ${what}`);
}

export class EdgeNodeSession {
  private readonly node: MetricTable;
  private readonly devices = new Map<string, Device>();
  private current: SessionState = 'offline';
  private open = false;
  private bdSeqValue: number;
  private seq = 0;
  private lastStateTimestamp: number | undefined;

  constructor(private readonly config: SessionConfig) {
    checkId(config.groupId, 'group id');
    checkId(config.edgeNodeId, 'edge node id');
    if (config.primaryHostId !== undefined) checkId(config.primaryHostId, 'host id');
    const bdSeq = config.bdSeq ?? 0;
    if (!Number.isInteger(bdSeq) || bdSeq < 0 || bdSeq > 255) throw invalidConfig(`bdSeq ${bdSeq} is not in 0..255`);
    this.bdSeqValue = bdSeq;
    let alias = 0;
    const table = (definitions: readonly MetricDefinition[], owner: string): MetricTable => {
      const out: MetricTable = { byName: new Map(), byAlias: new Map() };
      for (const definition of definitions) {
        if (typeof definition.name !== 'string' || definition.name.length === 0) throw invalidConfig(`${owner} has a metric without a name`);
        if (out.byName.has(definition.name)) throw invalidConfig(`${owner} defines metric "${definition.name}" twice`);
        if (!(sparkplugDataTypes as readonly string[]).includes(definition.dataType)) throw invalidConfig(`metric "${definition.name}" of ${owner}: datatype ${String(definition.dataType)} is not one of ${sparkplugDataTypes.join(', ')}`);
        const entry = { alias: ++alias, definition };
        out.byName.set(definition.name, entry);
        out.byAlias.set(entry.alias, entry);
      }
      return out;
    };
    for (const metric of config.nodeMetrics) {
      if (metric.name === BD_SEQ_METRIC || metric.name === REBIRTH_METRIC) throw invalidConfig(`node metric "${metric.name}" is the session's own`);
    }
    this.node = table([{ name: BD_SEQ_METRIC, dataType: 'UInt64', value: () => this.bdSeqValue }, { name: REBIRTH_METRIC, dataType: 'Boolean', value: () => false }, ...config.nodeMetrics], 'the edge node');
    for (const device of config.devices) {
      checkId(device.id, 'device id');
      if (this.devices.has(device.id)) throw invalidConfig(`device "${device.id}" is defined twice`);
      this.devices.set(device.id, { id: device.id, alive: true, ...table(device.metrics, `device "${device.id}"`) });
    }
  }

  get state(): SessionState {
    return this.current;
  }

  /** bdSeq of the current connection, or of the next one while offline. */
  get bdSeq(): number {
    return this.bdSeqValue;
  }

  /** What to persist for a restart: the bdSeq the connection after the current one will use. */
  get nextBdSeq(): number {
    return this.open ? (this.bdSeqValue + 1) % 256 : this.bdSeqValue;
  }

  /** The NDEATH for the MQTT Will of the next CONNECT (or of the current connection). */
  willMessage(): PublishAction & { bdSeq: number } {
    return willMessage(this.config.groupId, this.config.edgeNodeId, this.bdSeqValue, this.config.now());
  }

  /** True when NDATA (deviceId null/absent) or that device's DDATA may be published now. */
  canPublishData(deviceId: string | null = null): boolean {
    if (this.current !== 'born') return false;
    return deviceId === null || this.devices.get(deviceId)?.alive === true;
  }

  /** The alias of a defined metric (node metric when deviceId is null). */
  aliasOf(deviceId: string | null, name: string): number | undefined {
    return (deviceId === null ? this.node : this.devices.get(deviceId))?.byName.get(name)?.alias;
  }

  /** The MQTT session is up (CONNACK): subscribe, then birth now or once the primary host is online. */
  connected(): SessionAction[] {
    const actions: SessionAction[] = [];
    // A close the I/O layer did not report: start over, keeping the bdSeq its Will was just given.
    if (this.open) actions.push(this.log('warn', 'connected() while a connection was open: starting a new session'));
    this.open = true;
    const { groupId, edgeNodeId, primaryHostId } = this.config;
    const topics = [nodeTopic(groupId, 'NCMD', edgeNodeId), deviceCommandFilter(groupId, edgeNodeId)];
    if (primaryHostId !== undefined) topics.push(stateTopic(primaryHostId));
    actions.push({ kind: 'subscribe', topics, qos: 1 }, this.log('info', `Sparkplug session up (bdSeq ${this.bdSeqValue})`));
    if (primaryHostId === undefined) return [...actions, ...this.birth()];
    this.current = 'waiting-for-host';
    return [...actions, this.log('info', `waiting for the primary host "${primaryHostId}" to be online before the births`)];
  }

  /** The MQTT session is gone (or never came up): the next connection gets the next bdSeq. */
  disconnected(): SessionAction[] {
    if (!this.open) return [];
    this.open = false;
    this.current = 'offline';
    this.bdSeqValue = (this.bdSeqValue + 1) % 256;
    return [this.log('info', `Sparkplug session down; the next connection uses bdSeq ${this.bdSeqValue}`)];
  }

  /** A message on `spBv1.0/STATE/<hostId>`: Sparkplug 3.0 JSON `{"online": bool, "timestamp": ms}`. */
  stateMessage(hostId: string, payload: string | Uint8Array): SessionAction[] {
    const { primaryHostId } = this.config;
    if (primaryHostId === undefined || hostId !== primaryHostId) return [this.log('debug', `STATE of host "${hostId}" ignored: not the primary host`)];
    let state: { online: boolean; timestamp: number };
    try {
      const parsed = JSON.parse(typeof payload === 'string' ? payload : new TextDecoder('utf-8', { fatal: true }).decode(payload)) as unknown;
      const { online, timestamp } = (parsed ?? {}) as Record<string, unknown>;
      if (typeof online !== 'boolean' || typeof timestamp !== 'number' || !Number.isFinite(timestamp)) throw new Error('it needs {"online": boolean, "timestamp": number}');
      state = { online, timestamp };
    } catch (error) {
      return [this.log('warn', `STATE of the primary host "${hostId}" ignored: ${(error as Error).message}`)];
    }
    if (this.lastStateTimestamp !== undefined && state.timestamp < this.lastStateTimestamp) {
      return [this.log('info', `STATE of the primary host ignored: its timestamp ${state.timestamp} is older than ${this.lastStateTimestamp}`)];
    }
    this.lastStateTimestamp = state.timestamp;
    if (state.online) return this.current === 'waiting-for-host' ? [this.log('info', `the primary host "${hostId}" is online`), ...this.birth()] : [];
    if (this.current === 'born') {
      this.current = 'closing';
      return [this.log('warn', `the primary host "${hostId}" is offline: NDEATH and disconnect`), this.willMessage(), { kind: 'disconnect' }];
    }
    return this.current === 'waiting-for-host' ? [this.log('info', `the primary host "${hostId}" is offline: still waiting`)] : [];
  }

  /** A message on an NCMD or DCMD topic. Only `Node Control/Rebirth` = true is acted upon. */
  command(topic: string, payload: Uint8Array): SessionAction[] {
    const parsed = parseTopic(topic);
    const { groupId, edgeNodeId } = this.config;
    const ours = parsed !== null && parsed.kind !== 'state' && parsed.groupId === groupId && parsed.edgeNodeId === edgeNodeId;
    if (!ours || (parsed.messageType !== 'NCMD' && parsed.messageType !== 'DCMD')) return [this.log('warn', `ignored ${topic}: not a command to this edge node; ${OUTBOUND_ONLY}`)];
    let metrics: DecodedMetric[];
    try {
      metrics = decodePayload(payload).metrics;
    } catch (error) {
      return [this.log('warn', `ignored ${topic}: ${(error as Error).message}; ${OUTBOUND_ONLY}`)];
    }
    const table = parsed.kind === 'device' ? this.devices.get(parsed.deviceId) : this.node;
    const nameOf = (metric: DecodedMetric) => metric.name ?? (metric.alias !== undefined ? (table?.byAlias.get(metric.alias)?.definition.name ?? `alias ${metric.alias}`) : '(unnamed)');
    const isRebirth = (metric: DecodedMetric) => parsed.messageType === 'NCMD' && nameOf(metric) === REBIRTH_METRIC && metric.value === true;
    const ignored = metrics.filter((metric) => !isRebirth(metric));
    const actions: SessionAction[] = [];
    if (ignored.length > 0 || metrics.length === 0) {
      actions.push(this.log('warn', `ignored ${topic} [${ignored.map(nameOf).join(', ') || 'no metrics'}]: ${OUTBOUND_ONLY}`));
    }
    if (metrics.some(isRebirth)) {
      if (this.current === 'born') actions.push(this.log('info', `rebirth requested on ${topic}`), ...this.birth());
      else actions.push(this.log('info', `rebirth requested on ${topic} while not born: the births follow when the session can publish`));
    }
    return actions;
  }

  /**
   * NDATA (deviceId null) or DDATA of that device; `historical` marks every metric
   * is_historical (store-and-forward backlog). Returns no action when it cannot be published
   * now (see `canPublishData`); throws `SparkplugError` for a record that never can be.
   */
  data(deviceId: string | null, points: readonly DataPoint[], options: { historical?: boolean } = {}): SessionAction[] {
    const table = deviceId === null ? this.node : this.devices.get(deviceId);
    const owner = deviceId === null ? 'the edge node' : `device "${deviceId}"`;
    if (!table) throw new SparkplugError('sparkplug-invalid-metric', `no Sparkplug device "${deviceId}" is defined`);
    if (points.length === 0) throw new SparkplugError('sparkplug-invalid-metric', `data for ${owner} without metrics`);
    const metrics: Metric[] = points.map((point) => {
      const entry = point.name !== undefined ? table.byName.get(point.name) : point.alias !== undefined ? table.byAlias.get(point.alias) : undefined;
      const label = point.name ?? `alias ${point.alias}`;
      if (!entry || (deviceId === null && entry.alias <= 2)) throw new SparkplugError('sparkplug-invalid-metric', `${owner} has no metric ${label} in its birth`);
      if (point.dataType !== undefined && point.dataType !== entry.definition.dataType) {
        throw new SparkplugError('sparkplug-invalid-metric', `metric ${label} of ${owner} is ${entry.definition.dataType} in its birth, not ${point.dataType}`);
      }
      return { alias: entry.alias, timestamp: point.timestamp, dataType: entry.definition.dataType, value: point.value, ...(options.historical ? { isHistorical: true } : {}) };
    });
    if (!this.canPublishData(deviceId)) return [];
    const payload = encodePayload({ timestamp: this.config.now(), seq: this.seq, metrics });
    this.advanceSeq();
    const topic = deviceId === null ? nodeTopic(this.config.groupId, 'NDATA', this.config.edgeNodeId) : deviceTopic(this.config.groupId, 'DDATA', this.config.edgeNodeId, deviceId);
    return [{ kind: 'publish', topic, payload, qos: this.config.qos, retain: false }];
  }

  /** The device stopped answering: DDEATH now (when born); no DDATA until `deviceBack`. */
  deviceLost(deviceId: string): SessionAction[] {
    const device = this.devices.get(deviceId);
    if (!device) return [this.log('warn', `deviceLost: no Sparkplug device "${deviceId}" is defined`)];
    if (!device.alive) return [];
    device.alive = false;
    if (this.current !== 'born') return [];
    const payload = encodePayload({ timestamp: this.config.now(), seq: this.advanceSeq(), metrics: [] });
    return [{ kind: 'publish', topic: deviceTopic(this.config.groupId, 'DDEATH', this.config.edgeNodeId, deviceId), payload, qos: 0, retain: false }];
  }

  /** The device answers again: DBIRTH now (when born). */
  deviceBack(deviceId: string): SessionAction[] {
    const device = this.devices.get(deviceId);
    if (!device) return [this.log('warn', `deviceBack: no Sparkplug device "${deviceId}" is defined`)];
    if (device.alive) return [];
    device.alive = true;
    return this.current === 'born' ? this.deviceBirth(device) : [];
  }

  // ---- births ----

  /** NBIRTH (seq 0, this connection's bdSeq) and a DBIRTH per live device. */
  private birth(): SessionAction[] {
    this.current = 'born';
    this.seq = 0;
    const { metrics, problems } = this.birthMetrics(this.node);
    const payload = encodePayload({ timestamp: this.config.now(), seq: this.advanceSeq(), metrics });
    const actions: SessionAction[] = [...problems, { kind: 'publish', topic: nodeTopic(this.config.groupId, 'NBIRTH', this.config.edgeNodeId), payload, qos: 0, retain: false }];
    for (const device of this.devices.values()) if (device.alive) actions.push(...this.deviceBirth(device));
    return actions;
  }

  private deviceBirth(device: Device): SessionAction[] {
    const { metrics, problems } = this.birthMetrics(device);
    const payload = encodePayload({ timestamp: this.config.now(), seq: this.advanceSeq(), metrics });
    return [...problems, { kind: 'publish', topic: deviceTopic(this.config.groupId, 'DBIRTH', this.config.edgeNodeId, device.id), payload, qos: 0, retain: false }];
  }

  /** Every metric with name, alias, datatype and its current value; a value that cannot be read or encoded goes as null, with a log. */
  private birthMetrics(table: MetricTable): { metrics: Metric[]; problems: SessionAction[] } {
    const timestamp = this.config.now();
    const problems: SessionAction[] = [];
    const metrics = [...table.byName.values()].map(({ alias, definition }): Metric => {
      const metric: Metric = { name: definition.name, alias, timestamp, dataType: definition.dataType, value: null };
      try {
        metric.value = definition.value?.() ?? null;
      } catch (error) {
        problems.push(this.log('warn', `birth: the value of "${definition.name}" could not be read (${(error as Error).message}); sent as null`));
        return metric;
      }
      const problem = metricProblem(metric);
      if (problem === undefined) return metric;
      problems.push(this.log('warn', `birth: ${problem}; sent as null`));
      return { ...metric, value: null };
    });
    return { metrics, problems };
  }

  /** The seq for the message being built; the next one after it. */
  private advanceSeq(): number {
    const seq = this.seq;
    this.seq = (this.seq + 1) % 256;
    return seq;
  }

  private log(level: LogLevel, message: string): SessionAction {
    return { kind: 'log', level, message };
  }
}
