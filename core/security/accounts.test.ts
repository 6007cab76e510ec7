// Local accounts: no default account, the first admin once only, password and PIN sign-in,
// lock-out after repeated failures, and the rules that keep an admin in charge.
import { describe, expect, it } from 'vitest';
import { AccountError, createAccounts, LOCK_MS, MAX_FAILURES, memoryAccountStore } from './accounts.js';

async function refusal(promise: Promise<unknown>): Promise<AccountError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AccountError);
  return error as AccountError;
}

describe('accounts', () => {
  it('has no account until the first admin is made, and makes it only once', async () => {
    const accounts = createAccounts(memoryAccountStore());
    expect(accounts.needsSetup()).toBe(true);
    expect(await accounts.setupAdmin('Anna', 'correct horse')).toEqual({ name: 'Anna', role: 'admin' });
    expect(accounts.needsSetup()).toBe(false);
    expect((await refusal(accounts.setupAdmin('Mallory', 'hijacked!!'))).code).toBe('action-refused');
    expect(await accounts.verify({ name: 'anna', password: 'correct horse' })).toEqual({ name: 'Anna', role: 'admin' });
  });

  it('signs in by password, or by PIN for the roles at a shared PC, and says the same for a wrong name or password', async () => {
    const accounts = createAccounts(memoryAccountStore());
    await accounts.setupAdmin('admin', 'admin-password');
    await accounts.save({ name: 'olga', role: 'operator', password: 'olga-password', pin: '4711' }, 'admin');
    await accounts.save({ name: 'eric', role: 'engineer', password: 'eric-password' }, 'admin');
    expect(await accounts.verify({ name: 'olga', pin: '4711' })).toEqual({ name: 'olga', role: 'operator' });
    expect(accounts.quickUsers()).toEqual(['olga']);
    const wrongPassword = await refusal(accounts.verify({ name: 'olga', password: 'nope-nope' }));
    const unknownName = await refusal(accounts.verify({ name: 'nobody', password: 'olga-password' }));
    expect(wrongPassword.code).toBe('sign-in-failed');
    expect(unknownName.message).toBe(wrongPassword.message);
    expect((await refusal(accounts.verify({ name: 'eric', pin: '1234' }))).message).toMatch(/eric has no PIN/);
    // A role change to engineer removes the PIN; a PIN for an engineer is refused.
    const promoted = await accounts.save({ name: 'olga', role: 'engineer' }, 'admin');
    expect(promoted.changes).toEqual({ role: 'operator → engineer', pin: 'removed' });
    expect(accounts.quickUsers()).toEqual([]);
    expect((await refusal(accounts.save({ name: 'eric', role: 'engineer', pin: '1234' }, 'admin'))).code).toBe('invalid-request');
  });

  it(`locks sign-in for ${LOCK_MS / 60_000} min after ${MAX_FAILURES} failures in a row; a new password unlocks`, async () => {
    let now = 1_000_000;
    const accounts = createAccounts(memoryAccountStore(), () => now);
    await accounts.setupAdmin('admin', 'admin-password');
    await accounts.save({ name: 'olga', role: 'operator', password: 'olga-password', pin: '4711' }, 'admin');
    for (let i = 0; i < MAX_FAILURES; i++) await refusal(accounts.verify({ name: 'olga', pin: String(1000 + i) }));
    const locked = await refusal(accounts.verify({ name: 'olga', pin: '4711' }));
    expect(locked.message).toMatch(/olga is locked for 5 more min after 5 failed attempts/);
    expect(accounts.list().find((user) => user.name === 'olga')?.lockedUntil).toBe(now + LOCK_MS);
    now += LOCK_MS + 1;
    expect(await accounts.verify({ name: 'olga', pin: '4711' })).toEqual({ name: 'olga', role: 'operator' });
    for (let i = 0; i < MAX_FAILURES; i++) await refusal(accounts.verify({ name: 'olga', pin: '0000' }));
    await accounts.save({ name: 'olga', role: 'operator', password: 'olga-new-password' }, 'admin');
    expect(await accounts.verify({ name: 'olga', pin: '4711' })).toEqual({ name: 'olga', role: 'operator' });
  });

  it('keeps one enabled admin, refuses a disabled account, and nobody removes themselves', async () => {
    const accounts = createAccounts(memoryAccountStore());
    await accounts.setupAdmin('admin', 'admin-password');
    expect((await refusal(accounts.save({ name: 'admin', role: 'engineer' }, 'admin'))).message).toMatch(/only enabled admin/);
    expect(() => accounts.remove('admin', 'other')).toThrow(/only enabled admin/);
    expect(() => accounts.remove('admin', 'admin')).toThrow(/your own account/);
    expect((await refusal(accounts.save({ name: 'new', role: 'operator' }, 'admin'))).message).toMatch(/needs a password/);
    await accounts.save({ name: 'boss', role: 'admin', password: 'boss-password' }, 'admin');
    await accounts.save({ name: 'admin', role: 'admin', disabled: true }, 'boss');
    expect((await refusal(accounts.verify({ name: 'admin', password: 'admin-password' }))).message).toMatch(/disabled/);
    expect(accounts.current('admin')).toBeUndefined();
    accounts.remove('admin', 'boss');
    expect(accounts.list().map((user) => user.name)).toEqual(['boss']);
  });

  it('keeps only hashes', async () => {
    const store = memoryAccountStore();
    const accounts = createAccounts(store);
    await accounts.setupAdmin('admin', 'admin-password');
    await accounts.save({ name: 'olga', role: 'operator', password: 'olga-password', pin: '4711' }, 'admin');
    const stored = JSON.stringify(store.list());
    expect(stored).not.toMatch(/olga-password|4711|admin-password/);
    expect(stored).toMatch(/scrypt\$32768\$8\$1\$/);
  });
});

describe('the first run', () => {
  it('makes one admin when two first runs race', async () => {
    const accounts = createAccounts(memoryAccountStore());
    const results = await Promise.allSettled([accounts.setupAdmin('anna', 'anna-password'), accounts.setupAdmin('mallory', 'mallory-password')]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(accounts.list().map((user) => user.name)).toHaveLength(1);
  });
});
