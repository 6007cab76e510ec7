import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionInfo } from '../../core/contract/index.js';
import { createAppStore } from '../stores/app-store.js';
import { idleState, startIdleLogout } from './idle-logout.js';

const operator: SessionInfo = {
  user: { name: 'Anna', role: 'operator' },
  role: 'operator',
  permissions: ['view', 'alarm-respond'],
  station: 'pc (browser)',
  setupNeeded: false,
  accounts: true,
  quickUsers: ['Anna'],
  idleLogoutMs: 60_000,
};

describe('idle state', () => {
  it('is active, then warns in the last 30 s, then idle', () => {
    expect(idleState(0, 29_999, 60_000)).toEqual({ kind: 'active' });
    expect(idleState(0, 30_000, 60_000)).toEqual({ kind: 'warn', logoutAt: 60_000 });
    expect(idleState(0, 59_999, 60_000)).toEqual({ kind: 'warn', logoutAt: 60_000 });
    expect(idleState(0, 60_000, 60_000)).toEqual({ kind: 'idle' });
    // A timeout shorter than the warning warns from the start.
    expect(idleState(0, 0, 5_000)).toEqual({ kind: 'warn', logoutAt: 5_000 });
  });
});

describe('idle logout', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());

  it('warns, signs out once after the idle time, and activity starts the time again', () => {
    const store = createAppStore();
    const target = new EventTarget();
    const signOut = vi.fn();
    const stop = startIdleLogout({ store, target, signOut });
    store.getState().setSession(operator);

    vi.advanceTimersByTime(29_000);
    expect(store.getState().idleLogoutAt).toBeNull();
    target.dispatchEvent(new Event('pointerdown'));
    vi.advanceTimersByTime(31_000);
    expect(store.getState().idleLogoutAt).toBe(Date.now() + 29_000);
    // A key press while the warning shows keeps the user signed in.
    target.dispatchEvent(new Event('keydown'));
    vi.advanceTimersByTime(1_000);
    expect(store.getState().idleLogoutAt).toBeNull();
    vi.advanceTimersByTime(60_000);
    expect(signOut).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(5_000);
    expect(signOut).toHaveBeenCalledTimes(1);
    stop();
  });

  it('does nothing while nobody is signed in, and clears the warning on sign-out', () => {
    const store = createAppStore();
    const signOut = vi.fn();
    const stop = startIdleLogout({ store, target: new EventTarget(), signOut });
    store.getState().setSession({ ...operator, user: null, role: 'viewer', permissions: ['view'] });
    vi.advanceTimersByTime(120_000);
    expect(signOut).not.toHaveBeenCalled();
    store.getState().setSession(operator);
    vi.advanceTimersByTime(45_000);
    expect(store.getState().idleLogoutAt).not.toBeNull();
    store.getState().setSession({ ...operator, user: null, role: 'viewer', permissions: ['view'] });
    expect(store.getState().idleLogoutAt).toBeNull();
    stop();
  });
});
