import { afterEach, describe, expect, it, vi } from 'vitest';
import { createReplayClock, createSteppedClock } from './clock.js';
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

describe('stepped clock', () => {
  it('fires every due timer at its own time, in order, whatever the step size', () => {
    const fired = (steps: number[]) => {
      const clock = createSteppedClock(0);
      const log: string[] = [];
      clock.every(200, () => log.push(`a@${clock.now()}`));
      clock.every(500, () => log.push(`b@${clock.now()}`));
      for (const step of steps) clock.advanceTo(step);
      return { log, now: clock.now() };
    };
    const fine = fired(Array.from({ length: 100 }, (_, i) => (i + 1) * 10));
    const coarse = fired([1000]);
    expect(coarse).toEqual(fine);
    expect(coarse.log).toEqual(['a@200', 'a@400', 'b@500', 'a@600', 'a@800', 'a@1000', 'b@1000']);
    expect(coarse.now).toBe(1000);
  });

  it('ignores a time in the past, and a rewind re-phases the timers', () => {
    const clock = createSteppedClock(1000);
    const at: number[] = [];
    const stop = clock.every(100, () => at.push(clock.now()));
    clock.advanceTo(1250);
    clock.advanceTo(900);
    expect(clock.now()).toBe(1250);
    clock.rewind(0);
    clock.advanceTo(150);
    expect(at).toEqual([1100, 1200, 100]);
    stop();
    clock.advanceTo(10_000);
    expect(at).toHaveLength(3);
  });
});
