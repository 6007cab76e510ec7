import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../core/contract/index.js';
import { createFakeClient } from '../testing/fake-client.js';
import { askFleet, startPdmPoller } from './pdm-poller.js';

describe('maintenance poller', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('asks at once and every 10 s, also after a failure, and stops when told', async () => {
    const answers: Result<number>[] = [{ ok: true, value: 1 }, { ok: false, error: { code: 'disconnected', message: 'x' } }, { ok: true, value: 3 }];
    let i = 0;
    const ask = vi.fn(async () => answers[Math.min(i++, answers.length - 1)]!);
    const values: number[] = [];
    const errors: (string | null)[] = [];
    const poller = startPdmPoller({ ask, onValue: (v) => values.push(v), onError: (e) => errors.push(e), what: 'The fleet health could not be loaded' });
    await vi.advanceTimersByTimeAsync(0);
    expect(values).toEqual([1]);
    await vi.advanceTimersByTimeAsync(9_999);
    expect(ask).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(errors).toEqual([null, 'No connection to the runtime.']);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(values).toEqual([1, 3]);
    expect(errors.at(-1)).toBeNull();
    poller.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(ask).toHaveBeenCalledTimes(3);
  });

  it('drops an answer that a newer request overtook; a refusal is said in words', async () => {
    let release: (r: Result<string>) => void = () => {};
    const slow = new Promise<Result<string>>((resolve) => (release = resolve));
    const ask = vi.fn<() => Promise<Result<string>>>().mockReturnValueOnce(slow).mockResolvedValue({ ok: false, error: { code: 'not-found', message: '"line1/x" is not under vibration monitoring' } });
    const values: string[] = [];
    const errors: (string | null)[] = [];
    const poller = startPdmPoller({ ask, onValue: (v) => values.push(v), onError: (e) => errors.push(e), what: 'The asset health could not be loaded' });
    poller.reload();
    await vi.advanceTimersByTimeAsync(0);
    release({ ok: true, value: 'old' });
    await vi.advanceTimersByTimeAsync(0);
    expect(values).toEqual([]);
    expect(errors).toEqual(['The asset health could not be loaded: "line1/x" is not under vibration monitoring']);
    poller.stop();
  });

  it('asks the fake plant for the fleet and the work requests together', async () => {
    vi.useRealTimers();
    // A fixed time: the fake motor's velocity follows the time of day.
    const client = createFakeClient({ autoStart: false, signedIn: 'maintenance', now: () => Date.UTC(2026, 11, 7, 12, 0) });
    const result = await askFleet(client);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.fleet.map((e) => [e.asset, e.condition])).toEqual([
      ['line1/motor', 'alert'],
      ['line1/filler', 'good'],
      ['line1/casepacker', 'learning'],
    ]);
    expect(result.value.fleet[0]!.health).toBeGreaterThan(35);
    expect(result.value.fleet[0]!.health).toBeLessThan(50);
    expect(result.value.fleet[0]).toMatchObject({ zone: 'C', defect: 'outer-race', openWorkRequests: 1 });
    const open = result.value.requests.filter((r) => r.status === 'open');
    expect(open).toHaveLength(1);
    // Acknowledging takes it off the open list and says who; a second time is refused.
    const acked = await client.acknowledgeWorkRequest({ id: open[0]!.id, user: 'A. Technician', comment: 'Bearing ordered' });
    expect(acked).toMatchObject({ ok: true, value: { status: 'acknowledged', acknowledged: { user: 'M. Tech', comment: 'Bearing ordered' } } });
    expect(await client.acknowledgeWorkRequest({ id: open[0]!.id, user: 'B' })).toMatchObject({ ok: false, error: { code: 'action-refused' } });
    const after = await askFleet(client);
    expect(after.ok && after.value.fleet[0]!.openWorkRequests).toBe(0);
    client.setConnection('disconnected');
    expect(await askFleet(client)).toMatchObject({ ok: false, error: { code: 'disconnected' } });
    client.stop();
  });
});
