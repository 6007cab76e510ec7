import { describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../core/contract/index.js';
import { fakeRolePermissions } from '../testing/fake-security.js';
import { gateFor } from './gate.js';
import { setupProblem } from './setup-dialog.js';

const session = (role: SessionInfo['role'], accounts = true): SessionInfo => ({
  user: role === 'viewer' ? null : { name: 'x', role },
  role,
  permissions: [...fakeRolePermissions[role]],
  station: 'pc',
  setupNeeded: false,
  accounts,
  quickUsers: [],
  idleLogoutMs: 900_000,
});

describe('permission gates', () => {
  it('allows what the role has, and otherwise says who may', () => {
    expect(gateFor(session('operator'), 'alarm-respond', 'acknowledge alarms')).toEqual({ allowed: true, canSignIn: false, hint: null });
    expect(gateFor(session('viewer'), 'alarm-respond', 'acknowledge alarms')).toEqual({ allowed: false, canSignIn: true, hint: 'Sign in as operator or above to acknowledge alarms' });
    expect(gateFor(session('operator'), 'alarm-out-of-service', 'take alarms out of service').hint).toBe('Sign in as maintenance or above to take alarms out of service');
    expect(gateFor(session('maintenance'), 'downtime-reason-edit', 'change a reason').hint).toBe('Sign in as engineer or above to change a reason');
    expect(gateFor(session('engineer'), 'change-config', 'connect').allowed).toBe(true);
    expect(gateFor(session('engineer'), 'manage-users', 'manage user accounts').hint).toBe('Sign in as admin to manage user accounts');
  });

  it('before the session is known nothing is allowed; in replay nobody signs in', () => {
    expect(gateFor(null, 'alarm-respond', 'x')).toEqual({ allowed: false, canSignIn: false, hint: 'Sign in as operator or above to x' });
    expect(gateFor(session('viewer', false), 'alarm-respond', 'x')).toEqual({ allowed: false, canSignIn: false, hint: 'Replay: read only' });
  });
});

describe('the first-run form', () => {
  it('needs a name, 8 characters and the same password twice', () => {
    expect(setupProblem('', 'abcdefgh', 'abcdefgh')).toMatch(/Type a name/);
    expect(setupProblem('a b', 'abcdefgh', 'abcdefgh')).toMatch(/^The name:/);
    expect(setupProblem('admin', 'short', 'short')).toMatch(/at least 8/);
    expect(setupProblem('admin', 'abcdefgh', 'abcdefgx')).toMatch(/differ/);
    expect(setupProblem('admin', 'abcdefgh', 'abcdefgh')).toBeNull();
  });
});
