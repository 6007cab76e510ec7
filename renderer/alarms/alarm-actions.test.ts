import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAppStore } from '../stores/app-store.js';
import { createFakeClient } from '../testing/fake-client.js';
import type { FakeClient } from '../testing/fake-client.js';
import { actingUser, performAlarmActions } from './alarm-actions.js';

let fake: FakeClient;
beforeEach(() => {
  vi.useFakeTimers({ now: new Date(2026, 10, 21, 10, 0, 0) });
  fake = createFakeClient({ autoStart: false });
});
afterEach(() => {
  fake.stop();
  vi.useRealTimers();
});

const capper = 'line1/capper/state:down';
const glue = 'line1/labeler/glue_temp:L';

describe('alarm actions', () => {
  it('acknowledges under the signed-in account, journals it and takes the new picture', async () => {
    const store = createAppStore();
    expect(await performAlarmActions(fake, store, [{ kind: 'acknowledge', ids: [capper] }])).toBe(true);
    expect(store.getState().alarmSnapshot?.alarms.find((a) => a.id === capper)?.state).toBe('acknowledged');
    expect(store.getState().alarmMessage).toBeNull();
    const journal = await fake.queryAlarmJournal({ from: 0, to: Date.now() + 1, kinds: ['acknowledged'], text: 'A. Operator', limit: 10 });
    expect(journal.ok && journal.value.map((e) => [e.alarmId, e.user])).toEqual([[capper, 'A. Operator']]);
  });

  it("shows the core's refusal", async () => {
    const store = createAppStore();
    expect(await performAlarmActions(fake, store, [{ kind: 'reset', ids: [capper] }])).toBe(false);
    expect(store.getState().alarmMessage).toMatch(/^Not reset: only a latched alarm/);
    expect(await performAlarmActions(fake, store, [{ kind: 'shelve', id: glue, reason: 'x', durationMs: 1_800_000 }])).toBe(false);
    expect(store.getState().alarmMessage).toMatch(/^Not shelved: .*reason/);
  });

  it('sends the signed-in name; a viewer is refused with the core\'s words', async () => {
    const viewer = createFakeClient({ autoStart: false, signedIn: null });
    const store = createAppStore();
    const session = await viewer.sessionInfo({});
    if (session.ok) store.getState().setSession(session.value);
    expect(actingUser(store)).toBe('viewer');
    expect(await performAlarmActions(viewer, store, [{ kind: 'acknowledge', ids: [capper] }])).toBe(false);
    expect(store.getState().alarmMessage).toMatch(/^Not acknowledged: .*permission "alarm-respond"/);
    const signedIn = await viewer.signIn({ name: 'A. Operator', pin: '1234' });
    if (signedIn.ok) store.getState().setSession(signedIn.value);
    expect(actingUser(store)).toBe('A. Operator');
    expect(await performAlarmActions(viewer, store, [{ kind: 'acknowledge', ids: [capper] }])).toBe(true);
    viewer.stop();
  });

  it('shelves, then unshelves when the shelf time runs out', async () => {
    const store = createAppStore();
    expect(await performAlarmActions(fake, store, [{ kind: 'shelve', id: capper, reason: 'Capper being serviced', durationMs: 15 * 60_000 }])).toBe(true);
    const shelved = store.getState().alarmSnapshot!.alarms.find((a) => a.id === capper)!;
    expect(shelved.state).toBe('shelved');
    expect(shelved.shelvedUntil).toBe(Date.now() + 15 * 60_000);
    vi.setSystemTime(Date.now() + 15 * 60_000);
    fake.tick();
    const after = await fake.watchAlarms({ revision: -1, waitMs: 0 });
    expect(after.ok && after.value.alarms.find((a) => a.id === capper)?.state).toBe('unacknowledged');
  });
});
