/**
 * One-column CSV waveforms: one sample per line, an optional header on line 1 (such as
 * `accel_g`, which also hints at the unit), CRLF or LF line ends, a UTF-8 byte-order mark
 * tolerated, blank lines at the end ignored. Anything else is refused with the line number,
 * what the line held and what was expected: a second column, a decimal comma, a blank line
 * in the middle (a gap in the record), a word where a number should be.
 */
import { WaveformFileError } from './errors.js';

/** Units a header can name: `…_g`, `…(g)`, `m/s2`, `m/s²`, `ms2`, `mm/s`, `mm_s`. */
export type WaveformUnit = 'g' | 'm/s²' | 'mm/s';

export interface CsvWaveform {
  samples: Float64Array;
  /** Line 1 when it is not a number. */
  header?: string;
  /** The unit the header names, when it names one. */
  unitHint?: WaveformUnit;
}

/** The unit a column header names, if any: "accel_g" → g, "vel_mm_s" → mm/s, "a (m/s²)" → m/s². */
export function unitFromHeader(header: string): WaveformUnit | undefined {
  const h = header.trim().toLowerCase();
  if (/mm[\s_/]*(\/|_|per)?[\s_]*s\)?$/.test(h)) return 'mm/s';
  if (/m[\s_]*(\/|_|per)?[\s_]*s(2|²|\^2|_2)\)?$/.test(h)) return 'm/s²';
  if (/(^|[\s_([])g\)?\]?$/.test(h)) return 'g';
  return undefined;
}

const columnSeparator = /[,;\t]|\S\s+\S/;

export function parseWaveformCsv(text: string, name = 'CSV'): CsvWaveform {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  const samples = new Float64Array(lines.length);
  let count = 0;
  let header: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const line = raw.trim();
    const where = `${name} line ${i + 1}`;
    if (line === '') throw new WaveformFileError(`${where} is empty; expected a number (a one-column CSV has one sample on every line, no gaps)`);
    const value = Number(line);
    if (Number.isFinite(value)) {
      samples[count++] = value;
      continue;
    }
    if (/^[-+]?\d+,\d+$/.test(line)) throw new WaveformFileError(`${where}: "${line}" has a decimal comma; expected a decimal point (${line.replace(',', '.')})`);
    // A header (line 1, with a letter in it) may hold spaces ("acceleration (g)"); a data line may not.
    const isHeader = i === 0 && /\p{L}/u.test(line);
    if (isHeader ? /[,;\t]/.test(line) : columnSeparator.test(line)) {
      const fields = line.split(isHeader ? /\s*[,;\t]\s*/ : /\s*[,;\t]\s*|\s+/).length;
      throw new WaveformFileError(`${where}: "${shorten(line)}" has ${fields} columns; expected one column (one sample per line)`);
    }
    if (isHeader) {
      header = line;
      continue;
    }
    throw new WaveformFileError(`${where}: "${shorten(line)}" is not a number; expected one number per line (only line 1 may be a header)`);
  }
  if (count === 0) throw new WaveformFileError(`${name} holds no samples; expected one number per line after an optional header`);
  const unitHint = header === undefined ? undefined : unitFromHeader(header);
  return { samples: samples.subarray(0, count), ...(header !== undefined ? { header } : {}), ...(unitHint ? { unitHint } : {}) };
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
