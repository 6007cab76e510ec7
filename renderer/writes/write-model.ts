/**
 * What the write confirmation checks before it sends anything: the typed new value against
 * the tag's type and limits (range), and, for a critical tag, that a second person's name and
 * password or PIN are there. The words are for the operator ("Above the limit: at most
 * 190 °C"). The core checks again and its refusal is shown as it says it. Plain TypeScript.
 */
import type { Credentials, TagInfo } from '../../core/contract/index.js';
import { decimalsFor, formatNumber } from '../live/format.js';

export type WriteCheck = { ok: true; value: number | boolean | string } | { ok: false; reason: string };

const integerTypes = new Set(['int16', 'uint16', 'int32', 'uint32']);

/** "120 to 190 °C", or null when the tag has no limits. */
export function limitsText(tag: TagInfo): string | null {
  if (tag.range === undefined) return null;
  const decimals = decimalsFor(tag);
  const unit = tag.unit === '' ? '' : ` ${tag.unit}`;
  return `${formatNumber(tag.range.min, decimals)} to ${formatNumber(tag.range.max, decimals)}${unit}`;
}

/** Parses and checks a typed value; a decimal comma is read as a point. */
export function checkWriteValue(tag: TagInfo, text: string): WriteCheck {
  const typed = text.trim();
  if (tag.dataType === 'bool') {
    if (typed === 'true' || typed === 'false') return { ok: true, value: typed === 'true' };
    return { ok: false, reason: 'Choose On or Off.' };
  }
  if (tag.dataType === 'string') return typed.length > 1000 ? { ok: false, reason: 'At most 1000 characters.' } : { ok: true, value: typed };
  if (typed === '') return { ok: false, reason: 'Type the new value.' };
  const value = Number(typed.replace(',', '.'));
  if (!/^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$/.test(typed) || !Number.isFinite(value)) return { ok: false, reason: `"${typed}" is not a number.` };
  if (integerTypes.has(tag.dataType) && !Number.isInteger(value)) return { ok: false, reason: 'A whole number, please.' };
  const unit = tag.unit === '' ? '' : ` ${tag.unit}`;
  const decimals = decimalsFor(tag);
  if (tag.range !== undefined && value < tag.range.min) return { ok: false, reason: `Below the limit: at least ${formatNumber(tag.range.min, decimals)}${unit}.` };
  if (tag.range !== undefined && value > tag.range.max) return { ok: false, reason: `Above the limit: at most ${formatNumber(tag.range.max, decimals)}${unit}.` };
  return { ok: true, value };
}

export type SecondPersonKind = 'password' | 'pin';

/** The second person's credentials for a critical tag, or why they are not complete. */
export function secondPerson(name: string, secret: string, kind: SecondPersonKind, self: string | null): { ok: true; credentials: Credentials } | { ok: false; reason: string } {
  const who = name.trim();
  if (who === '') return { ok: false, reason: 'A second person must confirm: their name.' };
  if (self !== null && who.toLowerCase() === self.toLowerCase()) return { ok: false, reason: 'The second person must be someone else.' };
  if (secret === '') return { ok: false, reason: `A second person must confirm: their ${kind === 'pin' ? 'PIN' : 'password'}.` };
  return { ok: true, credentials: kind === 'pin' ? { name: who, pin: secret } : { name: who, password: secret } };
}
