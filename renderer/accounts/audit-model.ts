/**
 * The Audit screen's pure parts: the filter form turned into the core's filter (local times
 * typed as `YYYY-MM-DDTHH:MM`), each record's particulars in words (a write reads "170 → 175 °C"),
 * the export's file name (`lineside-audit-YYYYMMDD-HHMM.csv`, local time) and the paging step.
 */
import type { AuditRecordInfo, HmiRequest } from '../../core/contract/index.js';
import { fromLocalInput } from '../replay/export-model.js';

export const auditPageSize = 50;
export const auditMaxLimit = 1000;

export interface AuditForm {
  from: string;
  to: string;
  user: string;
  action: string;
  text: string;
}

export type AuditFilter = Omit<HmiRequest<'auditExport'>, never>;

export function emptyAuditForm(): AuditForm {
  return { from: '', to: '', user: '', action: '', text: '' };
}

/** The filter for the core, or why the form cannot be searched. */
export function auditFilter(form: AuditForm): { ok: true; filter: AuditFilter } | { ok: false; reason: string } {
  const from = form.from === '' ? undefined : fromLocalInput(form.from);
  const to = form.to === '' ? undefined : fromLocalInput(form.to);
  if (from === null) return { ok: false, reason: 'The start is not a date and time.' };
  if (to === null) return { ok: false, reason: 'The end is not a date and time.' };
  if (from !== undefined && to !== undefined && to <= from) return { ok: false, reason: 'The end must be after the start.' };
  const filter: AuditFilter = {};
  if (from !== undefined) filter.from = from;
  if (to !== undefined) filter.to = to;
  if (form.user.trim() !== '') filter.user = form.user.trim();
  if (form.action.trim() !== '') filter.action = form.action.trim();
  if (form.text.trim() !== '') filter.text = form.text.trim();
  return { ok: true, filter };
}

/** The actions the core records (the filter matches one exactly); a refused call is recorded under its method's name. */
export const auditActions = [
  'sign-in',
  'sign-in-failed',
  'sign-out',
  'account-setup',
  'user-create',
  'user-change',
  'user-delete',
  'write',
  'alarm-acknowledge',
  'alarm-reset',
  'alarm-shelve',
  'alarm-unshelve',
  'alarm-out-of-service',
  'alarm-in-service',
  'alarm-comment',
  'downtime-reason',
  'work-request-acknowledge',
  'capture-export',
  'config-change',
  'certificate-trust',
  'certificate-reject',
  'audit-export',
] as const;

function valueText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The particulars in words: a write as "from → to unit" first, then the rest as "key: value". */
export function detailText(record: AuditRecordInfo): string {
  const { from, to, unit, ...rest } = record.detail;
  const parts: string[] = [];
  if (record.action === 'write' && 'to' in record.detail) parts.push(`${valueText(from)} → ${valueText(to)}${typeof unit === 'string' ? ` ${unit}` : ''}`);
  else {
    if (from !== undefined) rest.from = from;
    if (to !== undefined) rest.to = to;
    if (unit !== undefined) rest.unit = unit;
  }
  for (const [key, value] of Object.entries(rest)) parts.push(`${key}: ${valueText(value)}`);
  return parts.join(' · ');
}

const two = (n: number) => String(n).padStart(2, '0');

/** lineside-audit-20261207-1405.csv (local time). */
export function auditFileName(now: number): string {
  const d = new Date(now);
  return `lineside-audit-${d.getFullYear()}${two(d.getMonth() + 1)}${two(d.getDate())}-${two(d.getHours())}${two(d.getMinutes())}.csv`;
}

/** The next limit for "More": one page more, at most what the core answers. */
export function nextLimit(limit: number): number {
  return Math.min(auditMaxLimit, limit + auditPageSize);
}
