// The permission matrix: every contract method as every role. A viewer may only look; each
// role may do what the one below it may, and more; the request decides for alarm actions
// (out of service is maintenance's) and downtime reasons (changing one is an engineer's).
import { describe, expect, it } from 'vitest';
import { hmiMethods, type HmiMethod, type HmiRequest } from '../contract/index.js';
import { permissionFor, roleMay, roles, type Role } from './permissions.js';

const requests: Partial<{ [M in HmiMethod]: HmiRequest<M> }> = {
  alarmAction: { kind: 'acknowledge', ids: ['a:b'], user: 'x' },
  assignDowntimeReason: { stop: 'l/a@1', reason: 'R', user: 'x', supervisor: false },
};
const allowed = (role: Role) => hmiMethods.filter((method) => roleMay(role, permissionFor(method, (requests[method] ?? {}) as never)));

describe('permissions', () => {
  it('gives every role view, and each role more than the one below it', () => {
    const counts = roles.map((role) => allowed(role).length);
    // viewer < operator < maintenance < engineer; an admin's extra (users) has no contract call yet.
    for (let i = 1; i < counts.length - 1; i++) expect(counts[i]).toBeGreaterThan(counts[i - 1]!);
    for (let i = 1; i < roles.length; i++) for (const method of allowed(roles[i - 1]!)) expect(allowed(roles[i]!)).toContain(method);
    expect(allowed('admin')).toEqual(hmiMethods);
  });

  it('lets a viewer only look', () => {
    const viewer = allowed('viewer');
    for (const method of ['writeTag', 'alarmAction', 'assignDowntimeReason', 'acknowledgeWorkRequest', 'exportCapture', 'opcuaAddVariables', 'opcuaTrust'] as const) expect(viewer).not.toContain(method);
    for (const method of ['getPlantModel', 'subscribe', 'queryDisplay', 'watchAlarms', 'oeeReport', 'pdmAsset', 'replayControl'] as const) expect(viewer).toContain(method);
  });

  it('decides alarm actions and downtime reasons by the request', () => {
    const outOfService: HmiRequest<'alarmAction'> = { kind: 'out-of-service', id: 'a:b', user: 'x', reason: 'sensor failed' };
    expect(roleMay('operator', permissionFor('alarmAction', { kind: 'shelve', id: 'a:b', user: 'x', reason: 'r', durationMs: 60_000 }))).toBe(true);
    expect(roleMay('operator', permissionFor('alarmAction', outOfService))).toBe(false);
    expect(roleMay('maintenance', permissionFor('alarmAction', outOfService))).toBe(true);
    const edit: HmiRequest<'assignDowntimeReason'> = { stop: 'l/a@1', reason: 'R', user: 'x', supervisor: true };
    expect(roleMay('operator', permissionFor('assignDowntimeReason', { ...edit, supervisor: false }))).toBe(true);
    expect(roleMay('maintenance', permissionFor('assignDowntimeReason', edit))).toBe(false);
    expect(roleMay('engineer', permissionFor('assignDowntimeReason', edit))).toBe(true);
  });

  it('keeps the plant config to engineers and admins, and users to admins', () => {
    for (const role of ['viewer', 'operator', 'maintenance'] as const) expect(allowed(role)).not.toContain('opcuaAddVariables');
    expect(allowed('engineer')).toContain('opcuaAddVariables');
    expect(roleMay('engineer', 'manage-users')).toBe(false);
    expect(roleMay('admin', 'manage-users')).toBe(true);
  });
});
