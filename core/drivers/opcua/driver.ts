/**
 * One OPC UA device: a session with the server, the tags' subscriptions on it, and the
 * rebuild after any failure. On connection loss, session failure or a silent server
 * (see checkAlive: noticed within keepAliveMs), every tag turns bad with the reason and the
 * whole session is torn down and opened again with exponential backoff and jitter:
 * endpoint selection, certificate check, limits and every monitored item, from scratch.
 * node-opcua can repair a session itself, but a rebuild is simpler to reason about and
 * also covers a server that returns with another certificate, endpoint or address space.
 *
 * A server certificate that is not trusted is a failed attempt like any other (tags bad
 * with "server certificate not trusted: …"); when the user trusts it, the device tries
 * again at once.
 */
import { AttributeIds, type DataType, findBasicDataType, type NodeId, resolveNodeId, VariableIds } from 'node-opcua';
import type { ScalarValue } from '../../contract/index.js';
import type { Tag } from '../../model/plant.js';
import { bad, type Sample } from '../../model/sample.js';
import type { Driver, DriverContext, DriverState } from '../driver.js';
import { nodeIdText, parseOpcuaAddress, type OpcuaAddress } from './address.js';
import { routeLibraryLogs } from './library-log.js';
import { opcuaPki, ownCertificate, type OpcuaPki } from './pki.js';
import { closeQuietly, oneLine, openSession, withTimeout, type OpenSession } from './session.js';
import type { OpcuaSettings } from './settings.js';
import { createSubscriptions, planSubscriptions, type MonitoredTag, type ServerLimits, type SubscriptionStats } from './subscriptions.js';
import { OpcuaCertificateUntrustedError } from './types.js';
import { toVariant } from './values.js';

interface Connection {
  open: OpenSession;
  stats?: SubscriptionStats;
  /** Tag path → NodeId on this session (namespace URIs resolved). */
  nodeIds: Map<string, NodeId>;
  /** NodeId → built-in data type, read on the first write. */
  dataTypes: Map<string, DataType>;
  /** Tag path → why the server (or the limits) refused its monitored item. */
  refused: Map<string, string>;
  /** A keep-alive read is out. */
  probing: boolean;
}

const count = (n: number) => n.toLocaleString('en-US');
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export class OpcuaDevice implements Driver {
  private readonly entries = new Map<string, { tag: Tag; address: OpcuaAddress }>();
  private pki: OpcuaPki | undefined;
  private ownValidTo = 0;
  private connection: Connection | undefined;
  private connecting: Promise<void> | undefined;
  private started = false;
  private stopped = false;
  private failures = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private nextAttemptAt = 0;
  private watchdog: ReturnType<typeof setInterval> | undefined;
  private lastHeard = 0;
  private lastError = '';
  private publishedReason = '';
  private waitingForTrust = false;
  private stopTrustListener: (() => void) | undefined;

  constructor(private readonly context: DriverContext<OpcuaSettings>) {
    for (const tag of context.tags) {
      const address = parseOpcuaAddress(tag.address);
      if (typeof address !== 'string') this.entries.set(tag.path, { tag, address });
      // an address the grammar refuses was refused when the config was loaded
    }
  }

  private get settings(): OpcuaSettings {
    return this.context.settings;
  }

  async start(): Promise<void> {
    this.stopped = false;
    routeLibraryLogs(this.context.log);
    this.pki = await opcuaPki(this.context.stateDir);
    this.ownValidTo = (await ownCertificate(this.pki)).validTo;
    this.stopTrustListener = this.pki.onTrustChange(() => {
      if (!this.waitingForTrust || this.stopped || this.connection || this.connecting) return;
      clearTimeout(this.reconnectTimer);
      this.reconnectTimer = undefined;
      void this.connect();
    });
    this.started = true;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopTrustListener?.();
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    this.stopWatchdog();
    await this.connecting;
    this.stopWatchdog(); // an attempt that was subscribing when stop() came has started one
    const connection = this.connection;
    this.connection = undefined;
    if (connection) await closeQuietly(connection.open.client, connection.open.session);
  }

  private connect(): Promise<void> {
    if (this.stopped || this.connecting) return this.connecting ?? Promise.resolve();
    this.connecting = this.attempt().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async attempt(): Promise<void> {
    let connection: Connection | undefined;
    try {
      const open = await openSession(this.pki!, this.settings);
      if (this.stopped) {
        await closeQuietly(open.client, open.session);
        return;
      }
      connection = { open, nodeIds: new Map(), dataTypes: new Map(), refused: new Map(), probing: false };
      this.connection = connection;
      this.watch(connection);
      await this.subscribe(connection);
      if (this.connection !== connection) return; // lost while subscribing: lost() has scheduled the next attempt
      this.failures = 0;
      this.lastError = '';
      this.publishedReason = '';
      this.waitingForTrust = false;
      const { endpoint, connectMs } = open;
      this.context.log.info({ endpoint: this.settings.endpointUrl, securityMode: endpoint.securityMode, securityPolicy: endpoint.securityPolicy, connectMs: Math.round(connectMs), ...connection.stats }, 'opcua session active');
    } catch (error) {
      if (this.stopped || (connection && this.connection !== connection)) return;
      this.waitingForTrust = error instanceof OpcuaCertificateUntrustedError;
      const reason = this.waitingForTrust ? (error as Error).message : connection ? `connection lost: ${oneLine(error)}` : `cannot connect: ${oneLine(error)}`;
      this.lost(reason, connection);
    }
  }

  /** Listens for the end of the session: a closed channel at once, a silent server within keepAliveMs. */
  private watch(connection: Connection): void {
    const { client, session } = connection.open;
    this.lastHeard = performance.now();
    client.on('receive_response', () => {
      if (this.connection === connection) this.lastHeard = performance.now();
    });
    client.on('close', (error?: Error | null) => this.lost(`connection lost: ${error ? oneLine(error) : 'the server closed the connection'}`, connection));
    client.on('connection_lost', () => this.lost('connection lost: the connection to the server broke', connection));
    session.on('session_closed', () => this.lost('connection lost: the session was closed', connection));
    this.stopWatchdog();
    this.watchdog = setInterval(() => this.checkAlive(connection), Math.max(25, Math.floor(this.settings.keepAliveMs / 8)));
  }

  /**
   * A healthy server answers at least every quarter of keepAliveMs: subscription
   * keep-alives are requested that often, and when none came for a quarter period a read
   * of the server state asks. Three quarters without any answer is a dead server; checked
   * every eighth, it is noticed at most 7/8 of keepAliveMs after its last answer.
   */
  private checkAlive(connection: Connection): void {
    if (this.connection !== connection) return;
    const { keepAliveMs } = this.settings;
    const silent = performance.now() - this.lastHeard;
    if (silent >= keepAliveMs * 0.75) {
      this.lost(`connection lost: no answer from the server for ${Math.round(silent)} ms (keep-alive ${keepAliveMs} ms)`, connection);
    } else if (silent >= keepAliveMs / 4 && !connection.probing) {
      connection.probing = true;
      connection.open.session
        .read({ nodeId: resolveNodeId(VariableIds.Server_ServerStatus_State), attributeId: AttributeIds.Value })
        .catch((error: unknown) => this.lost(`connection lost: keep-alive read failed: ${oneLine(error)}`, connection))
        .finally(() => (connection.probing = false));
    }
  }

  private stopWatchdog(): void {
    clearInterval(this.watchdog);
    this.watchdog = undefined;
  }

  /** Resolves the tags' NodeIds, reads the server's limits and creates every monitored item. */
  private async subscribe(connection: Connection): Promise<void> {
    const { session } = connection.open;
    const timeout = this.settings.requestTimeoutMs;
    const uris = [...this.entries.values()].some((e) => e.address.namespaceUri !== undefined)
      ? ((await withTimeout(session.readNamespaceArray(), timeout, 'read the namespace array')) as string[])
      : [];
    const refusedNow = new Map<string, string>();
    const monitored: MonitoredTag[] = [];
    for (const { tag, address } of this.entries.values()) {
      let index = address.namespaceIndex;
      if (address.namespaceUri !== undefined) {
        index = uris.indexOf(address.namespaceUri);
        if (index < 0) {
          refusedNow.set(tag.path, `namespace ${address.namespaceUri} is not on the server (it has ${uris.length} namespaces)`);
          continue;
        }
      }
      let nodeId: NodeId;
      try {
        nodeId = resolveNodeId(nodeIdText(address, index));
      } catch (error) {
        refusedNow.set(tag.path, `bad NodeId ${tag.address}: ${oneLine(error)}`);
        continue;
      }
      connection.nodeIds.set(tag.path, nodeId);
      monitored.push({ path: tag.path, nodeId, samplingMs: tag.sampleRateMs, queueSize: address.queueSize ?? this.settings.queueSize, ...((address.deadband ?? this.settings.deadband) ? { deadband: address.deadband ?? this.settings.deadband } : {}) });
    }
    const limits = await this.readLimits(connection);
    const plan = planSubscriptions(monitored, limits, this.settings.publishingIntervalMs);
    connection.stats = await createSubscriptions(session, plan, this.settings, {
      publish: (samples) => this.context.publish(samples),
      refused: (path, reason) => refusedNow.set(path, reason),
      now: () => this.context.clock.now(),
      current: () => this.connection === connection,
    });
    connection.refused = refusedNow;
    if (refusedNow.size > 0 && this.connection === connection) {
      const now = this.context.clock.now();
      this.context.publish([...refusedNow].map(([path, reason]): Sample => ({ path, value: 0, quality: bad(reason), sourceTs: now })));
    }
  }

  private async readLimits(connection: Connection): Promise<ServerLimits> {
    const ids = [
      VariableIds.Server_ServerCapabilities_OperationLimits_MaxMonitoredItemsPerCall,
      VariableIds.Server_ServerCapabilities_MaxMonitoredItemsPerSubscription,
      VariableIds.Server_ServerCapabilities_MaxSubscriptionsPerSession,
    ];
    const values = await withTimeout(
      connection.open.session.read(ids.map((id) => ({ nodeId: resolveNodeId(id), attributeId: AttributeIds.Value }))),
      this.settings.requestTimeoutMs,
      'read the server limits',
    );
    // 0, missing (BadNodeIdUnknown on older servers) or not a number: no limit.
    const limit = (i: number) => {
      const value = values[i]?.statusCode.isGood() ? Number(values[i]!.value.value) : 0;
      return value > 0 ? value : Infinity;
    };
    return { maxItemsPerCall: limit(0), maxItemsPerSubscription: limit(1), maxSubscriptions: limit(2) };
  }

  /**
   * Marks every tag bad with the reason (once per distinct reason), tears the session down
   * and schedules the next attempt with exponential backoff and jitter. A stale event (from
   * a session already replaced) is ignored.
   */
  private lost(reason: string, connection?: Connection): void {
    if (this.stopped || (connection && connection !== this.connection)) return;
    const old = this.connection;
    this.connection = undefined;
    this.stopWatchdog();
    if (old) void closeQuietly(old.open.client);
    this.lastError = reason;
    if (reason !== this.publishedReason) {
      this.publishedReason = reason;
      const now = this.context.clock.now();
      this.context.publish([...this.entries.keys()].map((path): Sample => ({ path, value: 0, quality: bad(reason), sourceTs: now })));
      this.context.log.warn({ endpoint: this.settings.endpointUrl, reason }, 'opcua device down');
    }
    if (this.reconnectTimer) return;
    const base = Math.min(this.settings.reconnectMaxMs, this.settings.reconnectMinMs * 2 ** this.failures);
    const delay = base / 2 + Math.random() * (base / 2); // jitter: devices restarting together are not hammered together
    this.failures++;
    this.nextAttemptAt = performance.now() + delay;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.connect();
    }, delay);
  }

  async write(tag: Tag, value: ScalarValue): Promise<void> {
    if (!tag.writable) throw new Error(`${tag.path} is not enabled for writes in the plant config`);
    if (!this.entries.has(tag.path)) throw new Error(`${tag.path} is not served by OPC UA device ${this.context.deviceId}`);
    const connection = this.connection;
    if (!connection?.stats) throw new Error(`OPC UA device ${this.context.deviceId} is not connected (${this.lastError || 'connecting'})`);
    const nodeId = connection.nodeIds.get(tag.path);
    if (!nodeId) throw new Error(`${tag.path} has no node on the server: ${connection.refused.get(tag.path) ?? 'unresolved NodeId'}`);
    const { session } = connection.open;
    const key = nodeId.toString();
    let dataType = connection.dataTypes.get(key);
    if (dataType === undefined) {
      const read = await session.read({ nodeId, attributeId: AttributeIds.DataType });
      if (!read.statusCode.isGood()) throw new Error(`cannot read the data type of ${key} for the write to ${tag.path}: ${read.statusCode.name}`);
      dataType = await findBasicDataType(session, read.value.value as NodeId);
      connection.dataTypes.set(key, dataType);
    }
    const variant = toVariant(value, dataType);
    const status = await session.write({ nodeId, attributeId: AttributeIds.Value, value: { value: variant } });
    if (!status.isGood()) throw new Error(`the server refused the write of ${JSON.stringify(value)} to ${tag.path} (${key}): ${status.name}${status.description ? ` (${status.description})` : ''}`);
  }

  status(): { state: DriverState; detail: string } {
    const url = this.settings.endpointUrl;
    const connection = this.connection;
    if (connection?.stats) {
      const { endpoint, serverCertificate } = connection.open;
      const stats = connection.stats;
      const refused = [...connection.refused];
      const parts = [
        `${url}, ${endpoint.securityMode}${endpoint.securityMode === 'None' ? '' : ` ${endpoint.securityPolicy}`}, session active`,
        `${count(stats.subscriptions)} subscription${stats.subscriptions === 1 ? '' : 's'}, ${count(stats.monitoredItems)} monitored items (${count(stats.calls)} CreateMonitoredItems calls of at most ${count(stats.largestCall)} items)`,
        ...(refused.length ? [`${count(refused.length)} refused (${refused[0]![0]}: ${refused[0]![1]}${refused.length > 1 ? ', …' : ''})`] : []),
        `own certificate valid until ${day(this.ownValidTo)}`,
        ...(serverCertificate ? [`server certificate valid until ${day(serverCertificate.validTo)}`] : []),
      ];
      return { state: refused.length ? 'degraded' : 'running', detail: parts.join('; ') };
    }
    if (!this.started || (this.connecting && !this.lastError)) return { state: 'starting', detail: `${url}, connecting` };
    const retry = this.reconnectTimer ? `; next attempt in ${Math.max(0, (this.nextAttemptAt - performance.now()) / 1000).toFixed(1)} s` : '; connecting';
    return { state: 'failed', detail: `${url}: ${this.lastError || 'not connected'}${retry}` };
  }
}
