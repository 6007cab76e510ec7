import { describe, expect, it } from 'vitest';
import { hashFromScreen, screenFromHash } from './hash-route.js';

describe('hash route', () => {
  it('round-trips screens through the address hash', () => {
    expect(screenFromHash('')).toEqual({ kind: 'overview' });
    expect(screenFromHash('#/asset/line1/filler')).toEqual({ kind: 'asset', path: 'line1/filler' });
    expect(screenFromHash('#/asset/line1%2Ffiller')).toEqual({ kind: 'asset', path: 'line1/filler' });
    expect(screenFromHash('#/asset/<script>')).toEqual({ kind: 'overview' });
    expect(hashFromScreen({ kind: 'asset', path: 'line1/motor' })).toBe('#/asset/line1/motor');
    expect(hashFromScreen({ kind: 'overview' })).toBe('');
    expect(screenFromHash('#/trends')).toEqual({ kind: 'trends' });
    expect(hashFromScreen({ kind: 'trends' })).toBe('#/trends');
    expect(screenFromHash('#/alarms')).toEqual({ kind: 'alarms', view: 'active' });
    expect(screenFromHash('#/alarms/journal')).toEqual({ kind: 'alarms', view: 'journal' });
    expect(screenFromHash('#/alarms/health')).toEqual({ kind: 'alarms', view: 'health' });
    expect(screenFromHash('#/alarms/other')).toEqual({ kind: 'overview' });
    expect(hashFromScreen({ kind: 'alarms', view: 'journal' })).toBe('#/alarms/journal');
    expect(hashFromScreen({ kind: 'alarms', view: 'active' })).toBe('#/alarms');
  });

  it('routes the OEE views', () => {
    expect(screenFromHash('#/oee')).toEqual({ kind: 'oee', view: 'line' });
    expect(screenFromHash('#/oee/report')).toEqual({ kind: 'oee', view: 'report' });
    expect(screenFromHash('#/oee/spc')).toEqual({ kind: 'oee', view: 'spc' });
    expect(screenFromHash('#/oee/other')).toEqual({ kind: 'overview' });
    for (const view of ['line', 'report', 'spc'] as const) expect(screenFromHash(hashFromScreen({ kind: 'oee', view }))).toEqual({ kind: 'oee', view });
    expect(hashFromScreen({ kind: 'oee', view: 'line' })).toBe('#/oee');
    expect(hashFromScreen({ kind: 'oee', view: 'spc' })).toBe('#/oee/spc');
  });

  it('routes the maintenance screens', () => {
    expect(screenFromHash('#/maintenance')).toEqual({ kind: 'maintenance', view: { page: 'fleet' } });
    expect(screenFromHash('#/maintenance/import')).toEqual({ kind: 'maintenance', view: { page: 'import' } });
    expect(screenFromHash('#/maintenance/asset/line1/motor')).toEqual({ kind: 'maintenance', view: { page: 'asset', asset: 'line1/motor' } });
    expect(screenFromHash('#/maintenance/waveform/line1%2Fmotor')).toEqual({ kind: 'maintenance', view: { page: 'waveform', asset: 'line1/motor' } });
    expect(screenFromHash('#/maintenance/asset/<script>')).toEqual({ kind: 'overview' });
    expect(screenFromHash('#/maintenance/asset/%E0%A4%A')).toEqual({ kind: 'overview' });
    expect(screenFromHash('#/maintenance/other')).toEqual({ kind: 'overview' });
    const views = [{ page: 'fleet' }, { page: 'import' }, { page: 'asset', asset: 'line1/motor' }, { page: 'waveform', asset: 'line1/motor' }] as const;
    for (const view of views) expect(screenFromHash(hashFromScreen({ kind: 'maintenance', view }))).toEqual({ kind: 'maintenance', view });
    expect(hashFromScreen({ kind: 'maintenance', view: { page: 'asset', asset: 'line1/motor' } })).toBe('#/maintenance/asset/line1/motor');
  });

  it('routes the Users and Audit screens', () => {
    expect(screenFromHash('#/users')).toEqual({ kind: 'users' });
    expect(screenFromHash('#/audit')).toEqual({ kind: 'audit' });
    expect(hashFromScreen({ kind: 'users' })).toBe('#/users');
    expect(hashFromScreen({ kind: 'audit' })).toBe('#/audit');
    expect(screenFromHash('#/engineering')).toEqual({ kind: 'engineering' });
    expect(hashFromScreen({ kind: 'engineering' })).toBe('#/engineering');
  });
});
