import { afterEach, describe, expect, it } from 'vitest';
import { createAppStore } from '../stores/app-store.js';
import { createFakeClient } from '../testing/fake-client.js';
import type { FakeClient } from '../testing/fake-client.js';
import { fakePassword } from '../testing/fake-security.js';
import { loadSession, setupAdmin, signIn, signOut, startAccounts } from './accounts.js';

let fake: FakeClient | null = null;
afterEach(() => fake?.stop());

describe('the account session', () => {
  it('loads on connection, signs in by PIN and by password, signs out', async () => {
    fake = createFakeClient({ autoStart: false, signedIn: null });
    const store = createAppStore();
    const stop = startAccounts({ client: fake, store }, new EventTarget());
    await expect.poll(() => store.getState().session?.role).toBe('viewer');
    expect(store.getState().session?.quickUsers).toEqual(['A. Operator', 'M. Tech']);

    expect(await signIn(fake, store, { name: 'A. Operator', pin: '0000' })).toMatch(/wrong name, password or PIN/);
    expect(store.getState().session?.user).toBeNull();
    expect(await signIn(fake, store, { name: 'A. Operator', pin: '1234' })).toBeNull();
    expect(store.getState().session?.user).toEqual({ name: 'A. Operator', role: 'operator' });
    expect(store.getState().session?.permissions).toContain('alarm-respond');

    expect(await signIn(fake, store, { name: 'E. Engineer', password: fakePassword })).toBeNull();
    expect(store.getState().session?.permissions).toContain('audit-view');
    expect(await signOut(fake, store)).toBeNull();
    expect(store.getState().session?.role).toBe('viewer');
    stop();
  });

  it('the first run creates the admin and signs it in', async () => {
    fake = createFakeClient({ autoStart: false, setup: true });
    const store = createAppStore();
    expect(await loadSession(fake, store)).toBeNull();
    expect(store.getState().session).toMatchObject({ setupNeeded: true, user: null });
    expect(await setupAdmin(fake, store, 'chief', 'long enough')).toBeNull();
    expect(store.getState().session).toMatchObject({ setupNeeded: false, user: { name: 'chief', role: 'admin' } });
    expect(await setupAdmin(fake, store, 'other', 'long enough')).toMatch(/exists already/);
  });

  it('says so when there is no connection', async () => {
    fake = createFakeClient({ autoStart: false });
    fake.setConnection('disconnected');
    const store = createAppStore();
    expect(await loadSession(fake, store)).toBe('There is no connection to the runtime.');
  });

  it('a replay has no accounts', async () => {
    fake = createFakeClient({ autoStart: false, replay: true });
    const store = createAppStore();
    await loadSession(fake, store);
    expect(store.getState().session).toMatchObject({ accounts: false, user: null, role: 'viewer' });
  });
});
