import { describe, expect, it } from 'vitest';
import type { AuditRecordInfo } from '../../core/contract/index.js';
import { auditFileName, auditFilter, detailText, emptyAuditForm, nextLimit } from './audit-model.js';

const record = (action: string, detail: Record<string, unknown>): AuditRecordInfo => ({ seq: 1, ts: 0, user: 'Anna', station: 'pc', action, target: 't', detail, outcome: 'ok' });

describe('the audit screen', () => {
  it('turns the form into the core filter', () => {
    expect(auditFilter(emptyAuditForm())).toEqual({ ok: true, filter: {} });
    const form = { from: '2026-12-07T08:00', to: '2026-12-07T16:00', user: ' Anna ', action: 'write', text: 'glue' };
    expect(auditFilter(form)).toEqual({ ok: true, filter: { from: new Date(2026, 11, 7, 8).getTime(), to: new Date(2026, 11, 7, 16).getTime(), user: 'Anna', action: 'write', text: 'glue' } });
    expect(auditFilter({ ...form, to: '2026-12-07T07:00' })).toEqual({ ok: false, reason: 'The end must be after the start.' });
    expect(auditFilter({ ...form, from: 'soon' })).toEqual({ ok: false, reason: 'The start is not a date and time.' });
  });

  it('writes the particulars in words: a write as old → new', () => {
    expect(detailText(record('write', { from: 170, to: 175, unit: '°C' }))).toBe('170 → 175 °C');
    expect(detailText(record('write', { from: null, to: 175, confirmedBy: 'Ben' }))).toBe('— → 175 · confirmedBy: Ben');
    expect(detailText(record('sign-in', { by: 'pin' }))).toBe('by: pin');
    expect(detailText(record('downtime-reason', { reason: 'M1', supervisor: false }))).toBe('reason: M1 · supervisor: false');
  });

  it('names the export by the local time and pages by 50 up to 1000', () => {
    expect(auditFileName(new Date(2026, 11, 7, 14, 5).getTime())).toBe('lineside-audit-20261207-1405.csv');
    expect(nextLimit(50)).toBe(100);
    expect(nextLimit(980)).toBe(1000);
    expect(nextLimit(1000)).toBe(1000);
  });
});
