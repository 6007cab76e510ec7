import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HmiClient } from '../../core/contract/index.js';
import { LiveStore } from '../live/live-store.js';
import { createAppStore } from '../stores/app-store.js';
import { createFakeClient } from '../testing/fake-client.js';
import type { FakeClient } from '../testing/fake-client.js';
import { startSession } from './session.js';

let fake: FakeClient;

beforeEach(() => {
  vi.useFakeTimers({ now: new Date(2026, 10, 21, 10, 0, 0) });
  fake = createFakeClient({ autoStart: false });
});
afterEach(() => {
  fake.stop();
  vi.useRealTimers();
});

function start(client: HmiClient = fake) {
  const store = createAppStore();
  const live = new LiveStore();
  const stop = startSession({ client, store, live });
  return { store, live, stop };
}

describe('session', () => {
  it('loads the plant and status, subscribes to the lines and applies the current values', async () => {
    const calls: string[] = [];
    const spy: HmiClient = {
      ...fake,
      transport: fake.transport,
      getPlantModel: (req) => (calls.push('getPlantModel'), fake.getPlantModel(req)),
      getSystemStatus: (req) => (calls.push('getSystemStatus'), fake.getSystemStatus(req)),
      subscribe: (req) => (calls.push(`subscribe ${req.paths.join(',')}`), fake.subscribe(req)),
    };
    const { store, live } = start(spy);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual(['getPlantModel', 'getSystemStatus', 'subscribe line1']);
    expect(store.getState().connection).toBe('connected');
    expect(store.getState().plant?.lines[0]?.name).toBe('Bottling line 1');
    expect(store.getState().status?.drivers).toHaveLength(1);
    // The current values arrive before the subscribe result is seen; they are kept and applied.
    expect(live.get('line1/capper/state')?.value).toBe(5);
    expect(live.get('line1/capper/fault_code')?.value).toBe('C220');
    expect(live.get('line1/casepacker/drive_temp')?.quality).toBe('bad');
  });

  it('keeps applying live batches and polls the status every 5 s', async () => {
    const { store, live } = start();
    await vi.advanceTimersByTimeAsync(0);
    const before = live.get('line1/filler/count_total')!.sourceTs;
    const status = store.getState().status;
    await vi.advanceTimersByTimeAsync(5_000);
    fake.tick();
    expect(live.get('line1/filler/count_total')!.sourceTs).toBeGreaterThan(before);
    expect(store.getState().status).not.toBe(status);
  });

  it('goes stale on a connection loss and re-subscribes when connected again', async () => {
    const { store, live } = start();
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.activeSubscriptions).toBe(1);
    fake.setConnection('disconnected');
    expect(store.getState().connection).toBe('disconnected');
    expect(live.get('line1/filler/speed')!.stale).toBe(true);
    fake.setConnection('connected');
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.activeSubscriptions).toBe(1);
    expect(live.get('line1/filler/speed')!.stale).toBe(false);
    expect(store.getState().everConnected).toBe(true);
  });

  it('reports a failed load and retries while connected', async () => {
    let failures = 1;
    const flaky: HmiClient = {
      ...fake,
      transport: fake.transport,
      getPlantModel: (req) =>
        failures-- > 0 ? Promise.resolve({ ok: false, error: { code: 'internal', message: 'config unreadable' } }) : fake.getPlantModel(req),
    };
    const { store } = start(flaky);
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getState().plantError).toMatch(/config unreadable/);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(store.getState().plantError).toBeNull();
    expect(store.getState().plant).not.toBeNull();
  });

  it('stops listening when stopped', async () => {
    const { live, stop } = start();
    await vi.advanceTimersByTimeAsync(0);
    stop();
    const before = live.get('line1/filler/speed')!.sourceTs;
    await vi.advanceTimersByTimeAsync(2_000);
    fake.tick();
    expect(live.get('line1/filler/speed')!.sourceTs).toBe(before);
  });
});
