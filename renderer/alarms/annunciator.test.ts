import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AlarmSnapshot, AlarmStatus } from '../../core/contract/index.js';
import { createAppStore } from '../stores/app-store.js';
import { AlarmAnnunciator } from './annunciator.js';

function status(id: string, partial: Partial<AlarmStatus>): AlarmStatus {
  return { id, tag: 'l/a/t', asset: 'l/a', kind: 'H', priority: 'high', message: id, state: 'unacknowledged', active: true, acknowledged: false, since: 0, ...partial };
}
let revision = 0;
function snapshot(alarms: AlarmStatus[]): AlarmSnapshot {
  return { revision: ++revision, alarms, counts: { unacknowledged: 0, active: 0, shelved: 0, suppressed: 0, outOfService: 0, byPriority: { critical: 0, high: 0, medium: 0, low: 0, diagnostic: 0 } } };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function setup(sound = true) {
  const store = createAppStore();
  store.getState().setAlarmSound(sound);
  const tone = { play: vi.fn(), unlock: vi.fn(), close: vi.fn() };
  const annunciator = new AlarmAnnunciator(store, tone, 4_000);
  return { store, tone, annunciator };
}

describe('audible annunciation', () => {
  it('sounds for a new high activation, repeats until silenced, and sounds again for the next new one', () => {
    const { store, tone, annunciator } = setup();
    store.getState().setAlarmSnapshot(snapshot([status('a:H', { activatedAt: 1 })]));
    expect(tone.play).not.toHaveBeenCalled(); // already there when the page opened
    store.getState().setAlarmSnapshot(snapshot([status('a:H', { activatedAt: 1 }), status('b:H', { activatedAt: 2 })]));
    expect(tone.play).toHaveBeenCalledTimes(1);
    expect(store.getState().alarmSounding).toBe(true);
    vi.advanceTimersByTime(8_000);
    expect(tone.play).toHaveBeenCalledTimes(3);
    store.getState().setAlarmSounding(false); // Silence
    vi.advanceTimersByTime(20_000);
    expect(tone.play).toHaveBeenCalledTimes(3);
    // The same alarm, still active: no new activation, no sound.
    store.getState().setAlarmSnapshot(snapshot([status('a:H', { activatedAt: 1 }), status('b:H', { activatedAt: 2 })]));
    expect(tone.play).toHaveBeenCalledTimes(3);
    store.getState().setAlarmSnapshot(snapshot([status('b:H', { activatedAt: 2 }), status('c:H', { priority: 'critical', activatedAt: 3 })]));
    expect(tone.play).toHaveBeenCalledTimes(4);
    annunciator.stop();
  });

  it('stops when what sounded is acknowledged; stays quiet for medium alarms and with sound off', () => {
    const { store, tone, annunciator } = setup();
    store.getState().setAlarmSnapshot(snapshot([]));
    store.getState().setAlarmSnapshot(snapshot([status('b:H', { activatedAt: 2 }), status('m:H', { priority: 'medium', activatedAt: 2 })]));
    expect(tone.play).toHaveBeenCalledTimes(1);
    store.getState().setAlarmSnapshot(snapshot([status('b:H', { activatedAt: 2, state: 'acknowledged', acknowledged: true })]));
    expect(store.getState().alarmSounding).toBe(false);
    vi.advanceTimersByTime(10_000);
    expect(tone.play).toHaveBeenCalledTimes(1);
    store.getState().setAlarmSound(false);
    store.getState().setAlarmSnapshot(snapshot([status('d:H', { activatedAt: 5 })]));
    expect(tone.play).toHaveBeenCalledTimes(1);
    annunciator.stop();
  });
});
