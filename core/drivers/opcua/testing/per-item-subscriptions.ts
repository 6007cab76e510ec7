/**
 * The baseline of the OPC UA benchmark (bench/opcua): one subscription per monitored item,
 * the pattern node-opcua issue #906 warns about, on a bare node-opcua client (not the
 * driver). Each subscription publishes on its own, so every data change travels in its own
 * notification message and Publish response, and the client keeps Publish requests queued
 * for all of them. Data changes become samples with the driver's own toSample, so the two
 * differ only in how the items are subscribed.
 *
 * Security None only (a benchmark on 127.0.0.1); the client certificate is the one of the
 * driver PKI in `stateDir`.
 */
import { AttributeIds, type ClientSession, type ClientSubscription, type DataValue, MessageSecurityMode, OPCUAClient, SecurityPolicy, TimestampsToReturn } from 'node-opcua';
import type { Sample } from '../../../model/sample.js';
import { APPLICATION_NAME, opcuaPki } from '../pki.js';
import { closeQuietly, withTimeout } from '../session.js';
import { toSample } from '../values.js';

export interface PerItemSubscriptionOptions {
  endpointUrl: string;
  /** One monitored item, in a subscription of its own, per entry; `nodeId` as text ("ns=1;s=a/b"). */
  items: readonly { path: string; nodeId: string }[];
  /** Sampling and publishing interval of every subscription, ms. */
  intervalMs: number;
  /** Values the server queues per item (default 10, as the driver). */
  queueSize?: number;
  /** The driver state folder whose PKI holds the client certificate. */
  stateDir: string;
  /** Subscriptions being created at once (default 50). */
  concurrency?: number;
  /** Each request, and creating all the subscriptions, within this (default 120 s). */
  timeoutMs?: number;
  /** Called once per data change. */
  onSample(sample: Sample): void;
}

export interface PerItemSubscriptions {
  subscriptions: number;
  /** Monitored items the server accepted. */
  monitoredItems: number;
  /** How long creating the subscriptions and items took, ms. */
  createMs: number;
  /** Closes the session (deleting its subscriptions) and the connection. */
  stop(): Promise<void>;
}

export async function subscribePerItem(options: PerItemSubscriptionOptions): Promise<PerItemSubscriptions> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const pki = await opcuaPki(options.stateDir);
  const client = OPCUAClient.create({
    applicationName: APPLICATION_NAME,
    applicationUri: pki.applicationUri,
    clientName: `${APPLICATION_NAME} per-item baseline`,
    clientCertificateManager: pki.manager,
    certificateFile: pki.certificateFile,
    privateKeyFile: pki.privateKeyFile,
    securityMode: MessageSecurityMode.None,
    securityPolicy: SecurityPolicy.None,
    connectionStrategy: { maxRetry: 0, initialDelay: 100, maxDelay: 200 },
    endpointMustExist: false,
    requestedSessionTimeout: 60_000,
  });
  let session: ClientSession | undefined;
  try {
    await withTimeout(client.connect(options.endpointUrl), 10_000, `connect to ${options.endpointUrl}`);
    session = await withTimeout(client.createSession(), 10_000, 'create session');
    const open = session;
    const started = performance.now();
    let monitoredItems = 0;
    let next = 0;
    // The same keep-alive and lifetime as the driver gives a subscription of this interval.
    const keepAliveCount = Math.max(1, Math.floor(5000 / 2 / options.intervalMs));
    const subscribeOne = async (path: string, nodeId: string) => {
      const subscription: ClientSubscription = await open.createSubscription2({
        requestedPublishingInterval: options.intervalMs,
        requestedMaxKeepAliveCount: keepAliveCount,
        requestedLifetimeCount: Math.max(3 * keepAliveCount, Math.ceil(30_000 / options.intervalMs)),
        maxNotificationsPerPublish: 0,
        publishingEnabled: true,
        priority: 1,
      });
      const item = await subscription.monitor(
        { nodeId, attributeId: AttributeIds.Value },
        { samplingInterval: options.intervalMs, queueSize: options.queueSize ?? 10, discardOldest: true },
        TimestampsToReturn.Both,
      );
      if (item.statusCode && item.statusCode.value >>> 30 >= 2) throw new Error(`the server refused the monitored item ${nodeId}: ${item.statusCode.name}`);
      monitoredItems++;
      item.on('changed', (dataValue: DataValue) => options.onSample(toSample(path, dataValue, Date.now())));
    };
    const worker = async () => {
      while (next < options.items.length) {
        const { path, nodeId } = options.items[next++]!;
        await subscribeOne(path, nodeId);
      }
    };
    const workers = Array.from({ length: Math.min(options.concurrency ?? 50, options.items.length) }, worker);
    await withTimeout(Promise.all(workers), timeoutMs, `create ${options.items.length} subscriptions`);
    const createMs = performance.now() - started;
    return {
      subscriptions: options.items.length,
      monitoredItems,
      createMs,
      stop: () => closeQuietly(client, open, 10_000),
    };
  } catch (error) {
    await closeQuietly(client, session);
    throw error;
  }
}
