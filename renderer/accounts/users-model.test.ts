import { describe, expect, it } from 'vitest';
import type { UserInfo } from '../../core/contract/index.js';
import { emptyUserForm, formOf, lockedText, saveUserRequest } from './users-model.js';

const anna: UserInfo = { name: 'Anna', role: 'operator', hasPin: true, disabled: false, createdAt: 0, lastLoginAt: null, lockedUntil: null };

describe('the user form', () => {
  it('a new account needs a valid name and a password; a PIN is optional', () => {
    expect(saveUserRequest({ ...emptyUserForm(), name: '' }, undefined)).toEqual({ ok: false, reason: 'Type the name.' });
    expect(saveUserRequest({ ...emptyUserForm(), name: 'Ben' }, undefined)).toMatchObject({ ok: false, reason: /needs a password/ });
    expect(saveUserRequest({ ...emptyUserForm(), name: 'Ben', password: 'short' }, undefined)).toMatchObject({ ok: false, reason: /at least 8/ });
    expect(saveUserRequest({ ...emptyUserForm(), name: 'Ben', password: 'long enough', pin: '12' }, undefined)).toMatchObject({ ok: false, reason: /4 to 8 digits/ });
    expect(saveUserRequest({ ...emptyUserForm(), name: ' Ben ', password: 'long enough', pin: '2468' }, undefined)).toEqual({
      ok: true,
      request: { name: 'Ben', role: 'operator', password: 'long enough', pin: '2468', disabled: false },
    });
  });

  it('an edit keeps what is left empty, removes a PIN on request or when the role may not have one', () => {
    expect(saveUserRequest(formOf(anna), anna)).toEqual({ ok: true, request: { name: 'Anna', role: 'operator', disabled: false } });
    expect(saveUserRequest({ ...formOf(anna), removePin: true }, anna)).toEqual({ ok: true, request: { name: 'Anna', role: 'operator', pin: null, disabled: false } });
    expect(saveUserRequest({ ...formOf(anna), role: 'engineer' }, anna)).toEqual({ ok: true, request: { name: 'Anna', role: 'engineer', pin: null, disabled: false } });
    expect(saveUserRequest({ ...formOf(anna), role: 'admin', pin: '1234' }, anna)).toMatchObject({ ok: false, reason: /only for viewer, operator, maintenance/ });
    expect(saveUserRequest({ ...formOf(anna), disabled: true }, anna)).toEqual({ ok: true, request: { name: 'Anna', role: 'operator', disabled: true } });
  });

  it('says until when an account is locked', () => {
    expect(lockedText({ ...anna, lockedUntil: 2_000 }, 1_000)).toMatch(/^Locked until /);
    expect(lockedText({ ...anna, lockedUntil: 500 }, 1_000)).toBeNull();
  });
});
