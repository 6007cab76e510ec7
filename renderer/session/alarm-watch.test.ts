import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HmiClient, HmiRequest } from '../../core/contract/index.js';
import { createAppStore } from '../stores/app-store.js';
import { createFakeClient } from '../testing/fake-client.js';
import type { FakeClient } from '../testing/fake-client.js';
import { startAlarmWatch } from './alarm-watch.js';

let fake: FakeClient;
let calls: HmiRequest<'watchAlarms'>[];

beforeEach(() => {
  vi.useFakeTimers({ now: new Date(2026, 10, 21, 10, 0, 0) });
  fake = createFakeClient({ autoStart: false });
  calls = [];
});
afterEach(() => {
  fake.stop();
  vi.useRealTimers();
});

/** The fake, with its watch calls recorded (and optionally replaced). */
function spy(watch: HmiClient['watchAlarms'] = fake.watchAlarms): HmiClient {
  return { ...fake, transport: fake.transport, watchAlarms: (req) => (calls.push(req), watch(req)) };
}

function start(client: HmiClient = spy()) {
  const store = createAppStore();
  const stop = startAlarmWatch({ client, store });
  return { store, stop };
}

describe('alarm watch', () => {
  it('asks at once on connect, then long-polls with the revision it has', async () => {
    const { store, stop } = start();
    await vi.advanceTimersByTimeAsync(0);
    const first = store.getState().alarmSnapshot!;
    expect(calls[0]).toEqual({ revision: -1, waitMs: 0 });
    expect(first.alarms.map((a) => a.state).sort()).toEqual(['acknowledged', 'shelved', 'unacknowledged']);
    expect(first.counts.unacknowledged).toBe(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(calls[1]).toEqual({ revision: first.revision, waitMs: 15_000 });
    // Nothing changes: one call is held for 15 s, then the next one goes out.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(5_001);
    expect(calls).toHaveLength(3);
    expect(calls[2]).toEqual({ revision: first.revision, waitMs: 15_000 });
    stop();
  });

  it('takes a change as soon as the core answers it', async () => {
    const { store, stop } = start();
    await vi.advanceTimersByTimeAsync(200);
    const before = store.getState().alarmSnapshot!.revision;
    fake.alarms.setCondition('line1/capper/state:down', false);
    await vi.advanceTimersByTimeAsync(0);
    const after = store.getState().alarmSnapshot!;
    expect(after.revision).toBeGreaterThan(before);
    expect(after.alarms.find((a) => a.id === 'line1/capper/state:down')?.state).toBe('rtn-unacknowledged');
    stop();
  });

  it('stops on a connection loss and starts again, from revision -1, when connected', async () => {
    const { store, stop } = start();
    await vi.advanceTimersByTimeAsync(200);
    fake.setConnection('disconnected');
    await vi.advanceTimersByTimeAsync(60_000);
    const whileDown = calls.length;
    expect(whileDown).toBe(2);
    expect(store.getState().alarmError).toBeNull();
    fake.setConnection('connected');
    await vi.advanceTimersByTimeAsync(0);
    expect(calls[whileDown]).toEqual({ revision: -1, waitMs: 0 });
    stop();
  });

  it('backs off 2 s after an error and says why', async () => {
    let failures = 2;
    const flaky = spy((req) => (failures-- > 0 ? Promise.resolve({ ok: false, error: { code: 'internal', message: 'engine stopped' } }) : fake.watchAlarms(req)));
    const { store, stop } = start(flaky);
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getState().alarmError).toMatch(/engine stopped/);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_999);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(calls).toHaveLength(3);
    expect(store.getState().alarmError).toBeNull();
    expect(store.getState().alarmSnapshot).not.toBeNull();
    stop();
  });

  it('gives up a call that never answers and does not spin on a core that answers at once', async () => {
    const never = spy(() => new Promise(() => {}));
    const hung = start(never);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(hung.store.getState().alarmError).toMatch(/no answer within 10 s/);
    hung.stop();

    calls = [];
    const eager = spy((req) => fake.watchAlarms({ ...req, waitMs: 0 }));
    const { stop } = start(eager);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls.length).toBeLessThanOrEqual(11);
    stop();
  });

  it('makes no more calls once stopped', async () => {
    const { stop } = start();
    await vi.advanceTimersByTimeAsync(200);
    stop();
    const made = calls.length;
    fake.alarms.setCondition('line1/capper/state:down', false);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(made);
  });
});
