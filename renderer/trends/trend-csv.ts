/**
 * CSV export of what a trend draws: one row per time in the visible range, the time as ISO
 * 8601 in local time with its UTC offset, one column per pen (empty where the pen has no
 * point at that time or a gap). Pure.
 */
import type { AlignedColumns } from './pen-series.js';

const pad = (n: number, width = 2) => String(Math.trunc(Math.abs(n))).padStart(width, '0');

/** "2026-11-21T10:04:05.250+01:00": local wall time with the offset that was in force then. */
export function localIso(ts: number): string {
  const d = new Date(ts);
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return (
    `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` +
    `T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}` +
    `${sign}${pad(offset / 60)}:${pad(offset % 60)}`
  );
}

/** Quotes a CSV field when it needs it (RFC 4180). */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export interface CsvColumn {
  /** Tag path. */
  path: string;
  unit: string;
}

/** The CSV text of the aligned columns between `from` and `to` (inclusive). Lines end with CRLF. */
export function trendCsv(columns: readonly CsvColumn[], data: AlignedColumns, from: number, to: number): string {
  const [x, ...series] = data;
  const header = ['time', ...columns.map((c) => (c.unit === '' ? c.path : `${c.path} [${c.unit}]`))].map(csvField).join(',');
  const lines = [header];
  for (let i = 0; i < x.length; i++) {
    const t = x[i]!;
    if (t < from || t > to) continue;
    const cells = [localIso(t)];
    let any = false;
    for (let s = 0; s < columns.length; s++) {
      const v = series[s]?.[i];
      if (typeof v === 'number' && Number.isFinite(v)) {
        cells.push(String(v));
        any = true;
      } else cells.push('');
    }
    if (any) lines.push(cells.join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** "lineside-trend-2026-11-21-1004.csv": a file name that sorts by time. */
export function exportFileName(ts: number, extension: 'csv' | 'png'): string {
  const d = new Date(ts);
  return `lineside-trend-${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}.${extension}`;
}
