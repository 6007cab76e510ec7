import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAppStore } from '../stores/app-store.js';
import { createFakeClient } from '../testing/fake-client.js';
import type { FakeClient } from '../testing/fake-client.js';
import { performAlarmActions } from './alarm-actions.js';

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
  it('acknowledges with the operator name, journals it and takes the new picture', async () => {
    const store = createAppStore();
    expect(await performAlarmActions(fake, store, [{ kind: 'acknowledge', ids: [capper] }], '  A. Operator ')).toBe(true);
    expect(store.getState().alarmSnapshot?.alarms.find((a) => a.id === capper)?.state).toBe('acknowledged');
    expect(store.getState().alarmMessage).toBeNull();
    const journal = await fake.queryAlarmJournal({ from: 0, to: Date.now() + 1, kinds: ['acknowledged'], text: 'A. Operator', limit: 10 });
    expect(journal.ok && journal.value.map((e) => [e.alarmId, e.user])).toEqual([[capper, 'A. Operator']]);
  });

  it("shows the core's refusal", async () => {
    const store = createAppStore();
    expect(await performAlarmActions(fake, store, [{ kind: 'reset', ids: [capper] }], 'A. Operator')).toBe(false);
    expect(store.getState().alarmMessage).toMatch(/^Not reset: only a latched alarm/);
    expect(await performAlarmActions(fake, store, [{ kind: 'shelve', id: glue, reason: 'x', durationMs: 1_800_000 }], 'A. Operator')).toBe(false);
    expect(store.getState().alarmMessage).toMatch(/^Not shelved: .*reason/);
  });

  it('shelves, then unshelves when the shelf time runs out', async () => {
    const store = createAppStore();
    expect(await performAlarmActions(fake, store, [{ kind: 'shelve', id: capper, reason: 'Capper being serviced', durationMs: 15 * 60_000 }], 'A. Operator')).toBe(true);
    const shelved = store.getState().alarmSnapshot!.alarms.find((a) => a.id === capper)!;
    expect(shelved.state).toBe('shelved');
    expect(shelved.shelvedUntil).toBe(Date.now() + 15 * 60_000);
    vi.setSystemTime(Date.now() + 15 * 60_000);
    fake.tick();
    const after = await fake.watchAlarms({ revision: -1, waitMs: 0 });
    expect(after.ok && after.value.alarms.find((a) => a.id === capper)?.state).toBe('unacknowledged');
  });
});
