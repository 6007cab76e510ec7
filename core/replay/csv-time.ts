/**
 * Time cells of a tag-history CSV (csv-import.ts) → UTC epoch ms, whole numbers.
 *
 * - 'epoch-ms' / 'epoch-s': digits, optionally with a fraction ("1774744200.5").
 * - 'iso': ISO 8601. With `Z` or an offset the time is absolute; without one it is a local time
 *   in the file's time zone. A space instead of the `T` is accepted ("2026-03-29 14:30:00"),
 *   as spreadsheets write it. Common forms take a fast path; the rest go to luxon's fromISO.
 * - 'auto': digits (and an optional fraction) are epoch ms when ≥ 1e11, else epoch s; anything
 *   else is read as ISO.
 * - anything else is a luxon format pattern such as 'dd.MM.yyyy HH:mm:ss' (offset tokens in the
 *   pattern make the time absolute, as with ISO).
 *
 * Local times are resolved against the zone's offsets (luxon's IANAZone) by this file, not by
 * luxon's own shifting, so that both DST edge cases are explicit:
 * - a time that does not exist (the hour skipped when clocks go forward, 02:30 on 2026-03-29
 *   in Europe/Berlin) is an error naming the zone, not silently moved to 03:30;
 * - a time that exists twice (the hour repeated when clocks go back, 02:30 on 2026-10-25 in
 *   Europe/Berlin) takes the earlier instant: the first pass, still on summer time (+02:00),
 *   as java.time and Temporal do by default. luxon alone would take the second (+01:00).
 */
import { DateTime, IANAZone } from 'luxon';

/** A time in UTC epoch ms, or why the cell is not one (to follow the quoted cell text). */
export type TimeResult = number | { error: string };

/** Reads one trimmed time cell. */
export type TimeParser = (text: string) => TimeResult;

export function isValidTimeZone(name: string): boolean {
  return IANAZone.isValidZone(name);
}

const hourMs = 3_600_000;
const dayMs = 86_400_000;
const maxEpochMs = 8.64e15;
const epochPattern = /^\d+(?:\.\d+)?$/;
// YYYY-MM-DD, then optionally [T or space]hh:mm[:ss[.fff]], then optionally Z or ±hh[:mm].
const isoPattern = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** A parser for `format` ('auto' | 'iso' | 'epoch-ms' | 'epoch-s' | luxon pattern) with local times in `timeZone` (valid IANA name). */
export function makeTimeParser(format: string, timeZone: string): TimeParser {
  const toUtc = localResolver(timeZone);
  const notIso = 'is not a valid time; expected ISO 8601 such as 2026-03-29T14:30:00Z or 2026-03-29 16:30:00';
  const iso = (text: string): TimeResult => parseIso(text, toUtc) ?? { error: notIso };
  switch (format) {
    case 'epoch-ms':
      return (text) => parseEpoch(text, 1) ?? { error: 'is not an epoch time in milliseconds; expected digits such as 1774794600000' };
    case 'epoch-s':
      return (text) => parseEpoch(text, 1000) ?? { error: 'is not an epoch time in seconds; expected digits such as 1774794600' };
    case 'iso':
      return iso;
    case 'auto':
      return (text) => {
        if (!epochPattern.test(text)) {
          const result = iso(text);
          return typeof result !== 'number' && result.error === notIso ? { error: `${notIso}, or epoch seconds or milliseconds` } : result;
        }
        return parseEpoch(text, Number(text) >= 1e11 ? 1 : 1000) ?? { error: 'is out of range for an epoch time' };
      };
    default:
      return (text) => parsePattern(text, format, toUtc);
  }
}

function parseEpoch(text: string, scale: number): number | undefined {
  if (!epochPattern.test(text)) return undefined;
  const ms = Math.round(Number(text) * scale);
  return ms <= maxEpochMs ? ms : undefined;
}

type LocalResolver = (wallMs: number) => TimeResult;

function parseIso(text: string, toUtc: LocalResolver): TimeResult | undefined {
  const m = isoPattern.exec(text);
  if (m === null) return fromLuxon(DateTime.fromISO(text, { zone: 'Etc/UTC', setZone: true }), toUtc);
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [number, number, number, number, number, number];
  const ms = m[7] === undefined ? 0 : Math.round(Number(`0.${m[7]}`) * 1000);
  const wall = Date.UTC(year, month - 1, day, hour, minute, second) + ms;
  // Date.UTC rolls over (month 13, 31 April, 25:00): a changed field means the text was not a real time.
  const check = new Date(wall - ms);
  const fields = [check.getUTCFullYear(), check.getUTCMonth() + 1, check.getUTCDate(), check.getUTCHours(), check.getUTCMinutes()];
  if (fields.some((field, i) => field !== [year, month, day, hour, minute][i]) || second > 59) return undefined;
  const offset = m[8];
  if (offset === undefined) return toUtc(wall);
  if (offset.toUpperCase() === 'Z') return wall;
  const digits = offset.replace(':', '');
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5) || '0');
  return wall - (offset[0] === '-' ? -minutes : minutes) * 60_000;
}

function parsePattern(text: string, format: string, toUtc: LocalResolver): TimeResult {
  const parsed = DateTime.fromFormat(text, format, { zone: 'Etc/UTC', setZone: true });
  if (!parsed.isValid) {
    const why = parsed.invalidReason === 'unparsable' ? '' : ` (${parsed.invalidExplanation ?? parsed.invalidReason})`;
    return { error: `does not match the time format "${format}"${why}` };
  }
  return fromLuxon(parsed, toUtc) ?? { error: `does not match the time format "${format}"` };
}

/** A luxon result parsed in Etc/UTC with setZone: still in Etc/UTC means the text had no offset (a wall-clock time). */
function fromLuxon(parsed: DateTime, toUtc: LocalResolver): TimeResult | undefined {
  if (!parsed.isValid) return undefined;
  const ms = Math.round(parsed.toMillis());
  return parsed.zone.type === 'iana' && parsed.zone.name === 'Etc/UTC' ? toUtc(ms) : ms;
}

/** Wall-clock ms (the local fields written as if UTC) → UTC ms in `timeZone`, with the DST rules above. */
function localResolver(timeZone: string): LocalResolver {
  const zone = IANAZone.create(timeZone);
  if (!zone.isValid) throw new Error(`invalid time zone ${timeZone}`);
  const offsetAt = cachedOffsets(zone);
  return (wall) => {
    // Around a transition the offsets a day before and a day after differ; each is a candidate
    // when the instant it gives really has that offset.
    const candidates = new Set([offsetAt(wall - dayMs), offsetAt(wall + dayMs)]);
    let best: number | undefined;
    for (const offset of candidates) {
      const instant = wall - offset * 60_000;
      if (offsetAt(instant) === offset && (best === undefined || instant < best)) best = instant;
    }
    return best ?? { error: `does not exist in ${timeZone} (clocks go forward)` };
  };
}

/**
 * zone.offset(ms) in minutes, cached: IANAZone.offset costs microseconds (Intl), too slow for
 * every cell of a big file. The offset at the two whole hours around `ms` is cached; when they
 * agree the hour holds no transition (zones do not change twice within an hour).
 */
function cachedOffsets(zone: IANAZone): (ms: number) => number {
  const atHour = new Map<number, number>();
  const hourly = (hour: number): number => {
    let offset = atHour.get(hour);
    if (offset === undefined) {
      offset = zone.offset(hour * hourMs);
      atHour.set(hour, offset);
    }
    return offset;
  };
  return (ms) => {
    const hour = Math.floor(ms / hourMs);
    const before = hourly(hour);
    return before === hourly(hour + 1) ? before : zone.offset(ms);
  };
}
