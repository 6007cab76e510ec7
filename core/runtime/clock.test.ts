import { afterEach, describe, expect, it, vi } from 'vitest';
import { createReplayClock } from './clock.js';
import { createManualClock } from './testing/manual-clock.js';

afterEach(() => vi.useRealTimers());

describe('replay clock', () => {
  it('runs at its speed, pauses, resumes, seeks and changes speed', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] });
    const clock = createReplayClock(1_000_000, 60);
    vi.advanceTimersByTime(1000);
    expect(clock.now()).toBeCloseTo(1_060_000, -1);
    clock.pause();
    vi.advanceTimersByTime(5000);
    expect(clock.now()).toBeCloseTo(1_060_000, -1);
    clock.resume();
    clock.setSpeed(2);
    vi.advanceTimersByTime(500);
    expect(clock.now()).toBeCloseTo(1_061_000, -1);
    clock.seek(5_000_000);
    expect(clock.now()).toBeCloseTo(5_000_000, -1);
    expect(() => clock.setSpeed(0)).toThrow(/positive/);
  });

  it('fires timers in clock time, and not while paused', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] });
    const clock = createReplayClock(0, 10);
    let fired = 0;
    const stop = clock.every(1000, () => fired++);
    vi.advanceTimersByTime(1000); // 10 s of clock time
    expect(fired).toBe(10);
    clock.pause();
    vi.advanceTimersByTime(1000);
    expect(fired).toBe(10);
    clock.resume();
    stop();
    vi.advanceTimersByTime(1000);
    expect(fired).toBe(10);
  });
});

describe('manual clock', () => {
  it('fires due timers in time order while advancing', () => {
    const clock = createManualClock(0);
    const log: string[] = [];
    clock.every(300, () => log.push(`a@${clock.now()}`));
    clock.every(200, () => log.push(`b@${clock.now()}`));
    clock.advance(600);
    expect(log).toEqual(['b@200', 'a@300', 'b@400', 'a@600', 'b@600']);
    expect(clock.now()).toBe(600);
  });
});
