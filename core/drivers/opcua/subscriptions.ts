/**
 * The tags' subscriptions on one session. planSubscriptions (pure) spreads the monitored
 * items over subscriptions within the server's limits: one subscription per sampling
 * interval (its publishing interval), split when a subscription would hold more than
 * MaxMonitoredItemsPerSubscription, packed together when the session may not hold that
 * many subscriptions, and each created in calls of at most MaxMonitoredItemsPerCall.
 * createSubscriptions carries the plan out and turns data changes into batches of samples:
 * one publish per notification message, not one per item.
 */
import {
  AttributeIds,
  type ClientSession,
  type ClientSubscription,
  DataChangeFilter,
  DataChangeTrigger,
  type DataValue,
  DeadbandType,
  type NodeId,
  TimestampsToReturn,
} from 'node-opcua';
import type { Sample } from '../../model/sample.js';
import type { OpcuaSettings } from './settings.js';
import { toSample } from './values.js';

export interface MonitoredTag {
  path: string;
  nodeId: NodeId;
  samplingMs: number;
  deadband?: { type: 'absolute' | 'percent'; value: number };
  queueSize: number;
}

/** The server's limits; Infinity where it sets none (0 or not exposed). */
export interface ServerLimits {
  maxItemsPerCall: number;
  maxItemsPerSubscription: number;
  maxSubscriptions: number;
}

export interface CallPlan {
  samplingMs: number;
  deadband?: MonitoredTag['deadband'];
  queueSize: number;
  items: MonitoredTag[];
}

export interface SubscriptionPlan {
  publishingIntervalMs: number;
  calls: CallPlan[];
}

export interface Plan {
  subscriptions: SubscriptionPlan[];
  /** Tags that do not fit within the server's limits, with the reason. */
  refused: { path: string; reason: string }[];
}

function chunk<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function planSubscriptions(tags: readonly MonitoredTag[], limits: ServerLimits, publishingIntervalMs?: number): Plan {
  const sorted = [...tags].sort((a, b) => a.samplingMs - b.samplingMs);
  const perSubscription = Math.max(1, limits.maxItemsPerSubscription);
  let groups: MonitoredTag[][] = [];
  const byRate = new Map<number, MonitoredTag[]>();
  for (const tag of sorted) pushTo(byRate, tag.samplingMs, tag);
  for (const list of byRate.values()) groups.push(...chunk(list, perSubscription));
  const refused: Plan['refused'] = [];
  if (groups.length > limits.maxSubscriptions) {
    // Too many subscriptions for the session: fill each to the limit, fastest tags first
    // (a subscription publishes at the rate of its fastest tag).
    groups = chunk(sorted, perSubscription);
    for (const tag of groups.slice(limits.maxSubscriptions).flat()) {
      refused.push({ path: tag.path, reason: `no room on the server: it allows ${limits.maxSubscriptions} subscriptions of ${limits.maxItemsPerSubscription} monitored items per session` });
    }
    groups = groups.slice(0, limits.maxSubscriptions);
  }
  const perCall = Math.max(1, limits.maxItemsPerCall);
  const subscriptions = groups.map((group): SubscriptionPlan => {
    const byParameters = new Map<string, MonitoredTag[]>();
    for (const tag of group) {
      const key = `${tag.samplingMs}|${tag.deadband?.type ?? ''}|${tag.deadband?.value ?? ''}|${tag.queueSize}`;
      pushTo(byParameters, key, tag);
    }
    const calls = [...byParameters.values()].flatMap((list) =>
      chunk(list, perCall).map((items): CallPlan => ({ samplingMs: items[0]!.samplingMs, ...(items[0]!.deadband ? { deadband: items[0]!.deadband } : {}), queueSize: items[0]!.queueSize, items })),
    );
    return { publishingIntervalMs: publishingIntervalMs ?? group[0]!.samplingMs, calls };
  });
  return { subscriptions, refused };
}

export interface SubscriptionStats {
  subscriptions: number;
  monitoredItems: number;
  /** CreateMonitoredItems calls made, and the largest. */
  calls: number;
  largestCall: number;
  refused: number;
}

export interface SubscriptionSink {
  /** Samples of one notification batch. */
  publish(samples: Sample[]): void;
  /** A monitored item the server refused: its tag is bad with this reason. */
  refused(path: string, reason: string): void;
  now(): number;
  /** False once this session has been replaced: late notifications are dropped. */
  current(): boolean;
}

/**
 * Creates the plan's subscriptions and monitored items on the session. Resolves when all
 * are created; rejects when the session fails meanwhile (the caller then rebuilds).
 */
export async function createSubscriptions(session: ClientSession, plan: Plan, settings: OpcuaSettings, sink: SubscriptionSink): Promise<SubscriptionStats> {
  const stats: SubscriptionStats = { subscriptions: 0, monitoredItems: 0, calls: 0, largestCall: 0, refused: plan.refused.length };
  for (const { path, reason } of plan.refused) sink.refused(path, reason);

  // One batch per notification message: node-opcua hands the items of a message to the
  // 'changed' handlers synchronously, one after the other, so a microtask queued with
  // the first runs after the last.
  let pending: Sample[] = [];
  let batchNow = 0;
  const flush = () => {
    const batch = pending;
    pending = [];
    if (sink.current()) sink.publish(batch);
  };

  for (const subscriptionPlan of plan.subscriptions) {
    const interval = subscriptionPlan.publishingIntervalMs;
    // Keep-alives four times per keep-alive period, so a silent server is noticed in time (driver.ts, checkAlive).
    const keepAliveCount = Math.max(1, Math.floor(settings.keepAliveMs / 4 / interval));
    const subscription: ClientSubscription = await session.createSubscription2({
      requestedPublishingInterval: interval,
      requestedMaxKeepAliveCount: keepAliveCount,
      requestedLifetimeCount: Math.max(3 * keepAliveCount, Math.ceil((6 * settings.keepAliveMs) / interval)),
      maxNotificationsPerPublish: 0,
      publishingEnabled: true,
      priority: 1,
    });
    stats.subscriptions++;
    for (const call of subscriptionPlan.calls) {
      const paths = call.items.map((item) => item.path);
      const filter = call.deadband
        ? new DataChangeFilter({
            trigger: DataChangeTrigger.StatusValue,
            deadbandType: call.deadband.type === 'absolute' ? DeadbandType.Absolute : DeadbandType.Percent,
            deadbandValue: call.deadband.value,
          })
        : null;
      const group = await subscription.monitorItems(
        call.items.map((item) => ({ nodeId: item.nodeId, attributeId: AttributeIds.Value })),
        { samplingInterval: call.samplingMs, queueSize: call.queueSize, discardOldest: settings.discardOldest, filter },
        TimestampsToReturn.Both,
      );
      stats.calls++;
      stats.largestCall = Math.max(stats.largestCall, call.items.length);
      group.on('changed', (_item: unknown, dataValue: DataValue, index: number) => {
        if (pending.length === 0) {
          batchNow = sink.now();
          queueMicrotask(flush);
        }
        pending.push(toSample(paths[index]!, dataValue, batchNow));
      });
      group.monitoredItems.forEach((item, index) => {
        const status = item.statusCode;
        if (status && status.value >>> 30 >= 2) {
          stats.refused++;
          sink.refused(paths[index]!, `refused by the server: ${status.name}`);
        } else stats.monitoredItems++;
      });
    }
  }
  return stats;
}
