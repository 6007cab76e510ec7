import { resolveNodeId } from 'node-opcua';
import { describe, expect, it } from 'vitest';
import { planSubscriptions, type MonitoredTag } from './subscriptions.js';

const tag = (i: number, samplingMs: number, extra: Partial<MonitoredTag> = {}): MonitoredTag => ({ path: `t${i}`, nodeId: resolveNodeId(`ns=1;i=${i}`), samplingMs, queueSize: 10, ...extra });
const none = { maxItemsPerCall: Infinity, maxItemsPerSubscription: Infinity, maxSubscriptions: Infinity };
const shape = (plan: ReturnType<typeof planSubscriptions>) => plan.subscriptions.map((s) => ({ interval: s.publishingIntervalMs, calls: s.calls.map((c) => c.items.length) }));

describe('planSubscriptions', () => {
  it('makes one subscription per sampling interval, publishing at that interval', () => {
    const plan = planSubscriptions([tag(1, 1000), tag(2, 100), tag(3, 100), tag(4, 500)], none);
    expect(shape(plan)).toEqual([
      { interval: 100, calls: [2] },
      { interval: 500, calls: [1] },
      { interval: 1000, calls: [1] },
    ]);
    expect(plan.subscriptions[0]!.calls[0]!.samplingMs).toBe(100);
    expect(plan.refused).toEqual([]);
  });

  it('uses the configured publishing interval when there is one', () => {
    expect(shape(planSubscriptions([tag(1, 100), tag(2, 1000)], none, 250))).toEqual([
      { interval: 250, calls: [1] },
      { interval: 250, calls: [1] },
    ]);
  });

  it('creates items in calls of at most MaxMonitoredItemsPerCall, and splits subscriptions at MaxMonitoredItemsPerSubscription', () => {
    const tags = Array.from({ length: 230 }, (_, i) => tag(i, 100));
    expect(shape(planSubscriptions(tags, { ...none, maxItemsPerCall: 50 }))).toEqual([{ interval: 100, calls: [50, 50, 50, 50, 30] }]);
    expect(shape(planSubscriptions(tags, { ...none, maxItemsPerCall: 50, maxItemsPerSubscription: 100 }))).toEqual([
      { interval: 100, calls: [50, 50] },
      { interval: 100, calls: [50, 50] },
      { interval: 100, calls: [30] },
    ]);
  });

  it('puts items with other monitoring parameters (deadband, queue) in calls of their own', () => {
    const plan = planSubscriptions([tag(1, 100), tag(2, 100, { deadband: { type: 'absolute', value: 0.5 } }), tag(3, 100, { queueSize: 1 }), tag(4, 100)], none);
    expect(plan.subscriptions[0]!.calls.map((c) => [c.items.map((i) => i.path), c.deadband?.value, c.queueSize])).toEqual([
      [['t1', 't4'], undefined, 10],
      [['t2'], 0.5, 10],
      [['t3'], undefined, 1],
    ]);
  });

  it('packs the fastest tags first when the session may not hold a subscription per interval, and refuses what does not fit', () => {
    const tags = [tag(1, 1000), tag(2, 100), tag(3, 500), tag(4, 250), tag(5, 2000)];
    const plan = planSubscriptions(tags, { maxItemsPerCall: Infinity, maxItemsPerSubscription: 2, maxSubscriptions: 2 });
    expect(plan.subscriptions.map((s) => [s.publishingIntervalMs, s.calls.flatMap((c) => c.items.map((i) => i.path))])).toEqual([
      [100, ['t2', 't4']],
      [500, ['t3', 't1']],
    ]);
    expect(plan.refused).toEqual([{ path: 't5', reason: 'no room on the server: it allows 2 subscriptions of 2 monitored items per session' }]);
  });
});
