import { describe, expect, it } from 'vitest';
import { runtimeClockAt } from './runtime-clock.js';

describe('the runtime clock', () => {
  it('runs on from the last status live', () => {
    expect(runtimeClockAt({ status: { clockNow: 1_000_000 }, statusReceivedAt: 100 }, 600)).toBe(1_000_500);
    expect(runtimeClockAt({ status: null, statusReceivedAt: 0 }, 600)).toBeNull();
  });

  it('is the replay clock in replay: at its speed while playing, still while paused', () => {
    const replay = { at: 5_000_000, from: 0, to: 10_000_000, speed: 100, state: 'playing' as const };
    const status = { status: { clockNow: 1 }, statusReceivedAt: 0 };
    expect(runtimeClockAt({ ...status, replay, replayReceivedAt: 1_000 }, 1_500)).toBe(5_050_000);
    expect(runtimeClockAt({ ...status, replay: { ...replay, state: 'paused' }, replayReceivedAt: 1_000 }, 9_000)).toBe(5_000_000);
    expect(runtimeClockAt({ ...status, replay, replayReceivedAt: 1_000, connection: 'disconnected' }, 9_000)).toBe(5_000_000);
  });
});
