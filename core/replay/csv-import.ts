/**
 * Plant history from CSV → per-tag columnar series for the historian's bulk import.
 *
 * Formats (header line required, UTF-8 with or without BOM, CRLF or LF, quoted fields as in
 * RFC 4180; blank lines, and lines of only delimiters, are skipped and not counted as rows):
 * - wide: `time,<tag>,<tag>,…`, the time first (named time, timestamp, ts, date, datetime…),
 *   then one column per tag, named by its path or mapped by `options.columns`. An empty cell
 *   is no sample for that tag on that row.
 * - long: `time,tag,value[,quality]` in any order, names case-insensitive (timestamp/ts for
 *   time, path/name for tag). `layout: 'auto'` picks long when the header is exactly that.
 * Delimiter ',', ';' or tab (auto: the one splitting the header into most columns, preferring
 * one that splits the first data lines alike); decimal '.' or ',' (',' not with delimiter ',').
 * Times: csv-time.ts (ISO, epoch s/ms, luxon patterns; local times in `timeZone`).
 * Values by the tag's kind: f64 a finite number, f32 the same rounded with Math.fround, int an
 * exact integer, bool true/false/1/0/on/off (any case), string the cell text as is.
 *
 * Decisions:
 * - A row is imported whole or not at all: one bad cell (or a wrong column count) makes the
 *   whole row a bad row, reported by its line in the file (header = line 1; a record spanning
 *   lines counts from its first) with every bad cell named, and skipped; the rest imports.
 *   Only whole-file problems throw CsvImportError: empty or binary file, wrong delimiter,
 *   unknown header columns, an unknown time zone, an unclosed quote, nothing left to import.
 * - DST (csv-time.ts): a local time skipped by the spring change is a bad row; a local time
 *   that the autumn change repeats takes the earlier instant (the summer-time reading).
 * - Quality (long only): good/uncertain/bad (any case), the Lineside codes 0/1/2, or OPC
 *   quality bytes 192 (good) / 64 (uncertain) / 0 (bad). 0 is good as a Lineside code and bad
 *   as an OPC quality, so a file whose quality column holds 64 or 192 anywhere is read as OPC
 *   quality throughout (1 and 2 are then refused). Empty = good. Wide files are all good.
 * - The preview never throws for bad rows (it lists them); it reads only its first rows, and
 *   tells OPC quality from those alone.
 *
 * csv-parse does the CSV grammar (quotes, embedded delimiters and line breaks) and gives each
 * record's raw text, from which its line is counted; luxon knows the IANA zones and parses
 * date patterns. Neither is worth re-writing; both are small, without dependencies of their own.
 */
import { parse } from 'csv-parse/sync';
import type { Series, ValueKind } from '../historian/series.js';
import { LinesideError } from '../model/errors.js';
import { isValidTimeZone, makeTimeParser, type TimeParser } from './csv-time.js';

export class CsvImportError extends LinesideError {
  constructor(message: string) {
    super('csv-import-invalid', message);
    this.name = 'CsvImportError';
  }
}

export interface CsvTagTarget { path: string; kind: ValueKind }
export interface CsvImportOptions {
  layout?: 'auto' | 'wide' | 'long';
  delimiter?: ',' | ';' | '\t' | 'auto';
  decimal?: '.' | ',';
  timeFormat?: string; // 'auto' | 'iso' | 'epoch-ms' | 'epoch-s' | luxon pattern
  timeZone?: string; // IANA, default 'UTC'
  columns?: Record<string, string>; // CSV column (wide) or tag name (long) → tag path
}
export interface CsvBadRow { line: number; reason: string }
export interface CsvImportResult {
  layout: 'wide' | 'long';
  delimiter: ',' | ';' | '\t';
  /** One entry per tag with samples, series sorted by time (stable for equal times). */
  series: { path: string; series: Series }[];
  rows: number; // data rows read (excluding header and blank lines)
  samples: number; // samples imported
  badRows: CsvBadRow[]; // first 1,000
  badRowCount: number;
  from: number; to: number; // first/last sample time (UTC ms)
}
export interface CsvPreview {
  layout: 'wide' | 'long';
  delimiter: ',' | ';' | '\t';
  /** Tag paths: wide in header order, long in order of first appearance. */
  columns: string[];
  rows: { line: number; time: number; values: Record<string, number | string | boolean> }[];
  badRows: CsvBadRow[];
}

type Delimiter = ',' | ';' | '\t';
interface CsvRecord { line: number; fields: string[] }
interface Cell { target: number; value: number; text?: string; quality: number }
/** A row's time and samples, or why it is a bad row. */
type RowRead = { time: number; cells: Cell[] } | string;
interface OpenCsv { layout: 'wide' | 'long'; delimiter: Delimiter; rows: CsvRecord[]; read: (fields: string[]) => RowRead; columns: string[] }
interface Settings { targets: readonly CsvTagTarget[]; decimal: '.' | ','; parseTime: TimeParser; tagOf: (name: string) => number | undefined }
interface LongColumns { time: number; tag: number; value: number; quality?: number }

const delimiters: readonly Delimiter[] = [',', ';', '\t'];
const maxBadRows = 1000;
const emptyFile = 'the file is empty; expected a header line such as time,line1/filler/speed,…';
const timeNames = new Set(['time', 'timestamp', 'ts', 'date', 'datetime', 'date_time', 'date time', 'date/time', 'time_stamp', '_time', 'zeit', 'zeitstempel']);
const numberPattern = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
const booleans = new Map([['true', 1], ['false', 0], ['1', 1], ['0', 0], ['on', 1], ['off', 0]]);
const qualityWords = new Map([['good', 0], ['uncertain', 1], ['bad', 2], ['', 0]]);
const linesideQuality = new Map([['0', 0], ['1', 1], ['2', 2]]);
const opcQuality = new Map([['192', 0], ['64', 1], ['0', 2]]);

/** Reads the whole file. Throws CsvImportError for whole-file problems; bad rows are listed and skipped. */
export function parseTagCsv(bytes: Uint8Array, targets: readonly CsvTagTarget[], options: CsvImportOptions = {}): CsvImportResult {
  const csv = openCsv(bytes, targets, options);
  const columns = targets.map(() => ({ ts: [] as number[], value: [] as number[], quality: [] as number[], text: [] as string[] }));
  const badRows: CsvBadRow[] = [];
  let [badRowCount, samples, from, to] = [0, 0, Infinity, -Infinity];
  for (const { line, fields } of csv.rows) {
    const row = csv.read(fields);
    if (typeof row === 'string') {
      if (badRows.length < maxBadRows) badRows.push({ line, reason: row });
      badRowCount++;
      continue;
    }
    for (const cell of row.cells) {
      const column = columns[cell.target]!;
      column.ts.push(row.time);
      column.value.push(cell.value);
      column.quality.push(cell.quality);
      if (cell.text !== undefined) column.text.push(cell.text);
    }
    samples += row.cells.length;
    if (row.cells.length > 0) [from, to] = [Math.min(from, row.time), Math.max(to, row.time)];
  }
  if (csv.rows.length === 0) throw new CsvImportError('the file has a header but no data rows; expected one row of samples per line below the header');
  if (badRowCount === csv.rows.length) {
    const first = badRows.slice(0, 3).map((bad) => `line ${bad.line}: ${bad.reason}`);
    throw new CsvImportError(`nothing to import: all ${badRowCount} data rows are bad; ${first.join('; ')}`);
  }
  if (samples === 0) {
    throw new CsvImportError(`nothing to import: the ${csv.rows.length - badRowCount} good data rows hold only empty cells; expected a value in at least one tag column`);
  }
  const series = targets.flatMap((target, i) => (columns[i]!.ts.length === 0 ? [] : [{ path: target.path, series: toSeries(columns[i]!, target.kind) }]));
  return { layout: csv.layout, delimiter: csv.delimiter, series, rows: csv.rows.length, samples, badRows, badRowCount, from, to };
}

/** The first `maxRows` data rows parsed with the same rules, for a preview before importing. */
export function previewTagCsv(bytes: Uint8Array, targets: readonly CsvTagTarget[], options: CsvImportOptions = {}, maxRows = 20): CsvPreview {
  const limit = Math.max(0, Math.floor(maxRows));
  const csv = openCsv(bytes, targets, options, limit);
  const preview: CsvPreview = { layout: csv.layout, delimiter: csv.delimiter, columns: [...csv.columns], rows: [], badRows: [] };
  for (const { line, fields } of csv.rows.slice(0, limit)) {
    const row = csv.read(fields);
    if (typeof row === 'string') {
      preview.badRows.push({ line, reason: row });
      continue;
    }
    const values: Record<string, number | string | boolean> = {};
    for (const cell of row.cells) {
      const { path, kind } = targets[cell.target]!;
      values[path] = kind === 'string' ? cell.text! : kind === 'bool' ? cell.value === 1 : cell.value;
      if (!preview.columns.includes(path)) preview.columns.push(path);
    }
    preview.rows.push({ line, time: row.time, values });
  }
  return preview;
}

function openCsv(bytes: Uint8Array, targets: readonly CsvTagTarget[], options: CsvImportOptions, limit?: number): OpenCsv {
  const { layout = 'auto', delimiter: wanted = 'auto', decimal = '.', timeFormat = 'auto', timeZone = 'UTC', columns = {} } = options;
  checkOption('layout', layout, ['auto', 'wide', 'long']);
  checkOption('delimiter', wanted, ['auto', ...delimiters]);
  checkOption('decimal', decimal, ['.', ',']);
  if (!isValidTimeZone(timeZone)) throw new CsvImportError(`unknown time zone "${timeZone}"; expected an IANA name such as "Europe/Berlin" or "UTC"`);
  const commaClash = `decimal ',' cannot go with delimiter ','; expected delimiter ';' or tab for a file with decimal commas`;
  if (decimal === ',' && wanted === ',') throw new CsvImportError(commaClash);
  const text = decodeText(bytes);
  const delimiter = chooseDelimiter(text, wanted);
  if (decimal === ',' && delimiter === ',') throw new CsvImportError(commaClash);
  const [header, ...rows] = readRecords(text, delimiter, limit);
  if (header === undefined) throw new CsvImportError(emptyFile);
  const names = header.fields.map((name) => name.trim());
  const rename = new Map(Object.entries(columns));
  const byPath = new Map(targets.map((target, i) => [target.path, i]));
  const settings: Settings = { targets, decimal, parseTime: makeTimeParser(timeFormat, timeZone), tagOf: (name) => byPath.get(rename.get(name) ?? name) };
  const long = longColumns(names);
  if (layout === 'long' && long === undefined) {
    throw new CsvImportError(`layout 'long' needs the columns time, tag, value and optionally quality; the header has ${quoteList(names)}`);
  }
  if (long !== undefined && layout !== 'wide') return { layout: 'long', delimiter, rows, read: longReader(names, long, rows, settings), columns: [] };
  const wide = wideColumns(names, settings);
  return { layout: 'wide', delimiter, rows, read: wideReader(names, wide, settings), columns: wide.map((column) => targets[column.target]!.path) };
}

function checkOption(name: string, value: string, allowed: readonly string[]): void {
  if (!allowed.includes(value)) throw new CsvImportError(`unknown ${name} ${JSON.stringify(value)}; expected one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
}

// ---- Text: binary and empty files, the delimiter, records with their lines ----

function decodeText(bytes: Uint8Array): string {
  const head = bytes.subarray(0, 65_536);
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw new CsvImportError('this is not a UTF-8 text file: it starts with a UTF-16 byte-order mark; expected UTF-8 text (save the CSV as UTF-8)');
  }
  const nul = head.indexOf(0);
  const offset = Math.min(nul < 0 ? Infinity : nul, firstInvalidUtf8(head) ?? Infinity);
  if (offset !== Infinity) {
    const what = offset === nul ? 'a NUL byte, which text never holds' : 'not valid UTF-8';
    throw new CsvImportError(
      `this is not a CSV text file: byte 0x${head[offset]!.toString(16).padStart(2, '0')} at offset ${offset} is ${what}; expected UTF-8 text with a header line such as time,line1/filler/speed,…`,
    );
  }
  const text = new TextDecoder('utf-8').decode(bytes); // drops a BOM
  if (!/\S/.test(text)) throw new CsvImportError(emptyFile);
  return text.replace(/\r\n?/g, '\n'); // CRLF (and old CR) as LF: csv-parse miscounts lines at CRLF in quoted fields
}

/** Offset of the first byte that makes `head` invalid UTF-8 (a sequence cut by the end is fine), by bisection. */
function firstInvalidUtf8(head: Uint8Array): number | undefined {
  const valid = (end: number): boolean => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  if (valid(head.length)) return undefined;
  let [good, bad] = [0, head.length];
  while (bad - good > 1) {
    const mid = (good + bad) >>> 1;
    [good, bad] = valid(mid) ? [mid, bad] : [good, mid];
  }
  const end = bad - 1;
  if ((head[end]! & 0xc0) === 0x80) return end; // a continuation byte where none belongs
  // Else it may cut short the sequence before it: then name that sequence's lead byte.
  let lead = end - 1;
  while (lead >= 0 && end - lead <= 3 && (head[lead]! & 0xc0) === 0x80) lead--;
  const first = head[lead] ?? 0;
  return end - lead < (first >= 0xf0 ? 4 : first >= 0xe0 ? 3 : first >= 0xc0 ? 2 : 0) ? lead : end;
}

function chooseDelimiter(text: string, wanted: Delimiter | 'auto'): Delimiter {
  const [header = '', ...data] = firstLines(text, 6);
  const count = new Map(delimiters.map((d) => [d, countFields(header, d)]));
  const widest = delimiters.filter((d) => count.get(d)! > 1).sort((a, b) => count.get(b)! - count.get(a)!);
  const better = widest[0];
  if (wanted !== 'auto' && count.get(wanted)! > 1) return wanted;
  if (wanted !== 'auto' && better !== undefined) {
    throw new CsvImportError(`with delimiter ${show(wanted)} the header has 1 column; with ${show(better)} it has ${count.get(better)}: is the delimiter ${show(better)}?`);
  }
  const fits = (d: Delimiter): number => (data.every((line) => countFields(line, d) === count.get(d)) ? 1 : 0);
  const best = widest.sort((a, b) => fits(b) - fits(a))[0]; // stable: the widest that fits
  if (best === undefined) {
    const tried = delimiters.map(show).join(', ');
    throw new CsvImportError(`found only one column (delimiters tried: ${tried}); expected a time column and at least one tag column (wide) or time,tag,value (long)`);
  }
  return best;
}

function show(delimiter: string): string {
  return delimiter === '\t' ? 'tab' : `'${delimiter}'`;
}

/** The first `count` lines that are not blank (as in readRecords: only spaces and delimiters is blank). */
function firstLines(text: string, count: number): string[] {
  const lines: string[] = [];
  for (let start = 0; lines.length < count && start < text.length; ) {
    const end = text.indexOf('\n', start) < 0 ? text.length : text.indexOf('\n', start);
    const line = text.slice(start, end);
    if (!/^[\s,;]*$/.test(line)) lines.push(line);
    start = end + 1;
  }
  return lines;
}

function countFields(line: string, delimiter: Delimiter): number {
  try {
    return parse(line, { delimiter, relax_quotes: true, relax_column_count: true })[0]?.length ?? 0;
  } catch {
    return line.split(delimiter).length; // a quote left open on this line: count plainly
  }
}

/** The non-blank records with their first line; at most `limit` after the header. */
function readRecords(text: string, delimiter: Delimiter, limit?: number): CsvRecord[] {
  const options = { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true } as const;
  let to = limit === undefined ? undefined : limit + 1;
  for (;;) {
    let parsed: { raw: string; record: string[] }[];
    try {
      parsed = parse(text, { ...options, raw: true, ...(to === undefined ? {} : { to }) }) as unknown as typeof parsed;
    } catch (error) {
      if ((error as { code?: string }).code !== 'CSV_QUOTE_NOT_CLOSED') throw new CsvImportError(`the file is not readable CSV: ${(error as Error).message}`);
      let lastLine = 0; // read again, slowly, to learn where the last whole record ended
      try {
        parse(text, { ...options, on_record: (record, context) => ((lastLine = context.lines), record) });
      } catch {
        // the same error
      }
      const lines = text.split('\n');
      while (lastLine < lines.length - 1 && lines[lastLine]!.trim() === '') lastLine++;
      throw new CsvImportError(`line ${lastLine + 1}: a quoted field opens here and is never closed; expected a closing double quote (") before the end of the file`);
    }
    // Lines counted in each record's raw text (which holds the blank lines skipped before it):
    // cheaper than csv-parse's on_record/info context, which costs more than the parsing itself.
    const records: CsvRecord[] = [];
    let lines = 0;
    for (const { raw, record } of parsed) {
      lines += countNewlines(raw);
      const last = raw.endsWith('\n') ? lines : lines + 1;
      if (!record.every((field) => field.trim() === '')) records.push({ line: last - record.reduce((sum, field) => sum + countNewlines(field), 0), fields: record });
    }
    // Blank records count towards csv-parse's `to`: read on when they kept rows out.
    if (to === undefined || records.length >= to || parsed.length < to) return records;
    to *= 2;
  }
}

function countNewlines(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

// ---- Header and rows ----

function longColumns(names: string[]): LongColumns | undefined {
  const roles: Partial<Record<keyof LongColumns, number>> = {};
  for (const [index, name] of names.entries()) {
    const lower = name.toLowerCase();
    const role = ['time', 'timestamp', 'ts'].includes(lower) ? 'time' : ['tag', 'path', 'name'].includes(lower) ? 'tag' : lower === 'value' || lower === 'quality' ? lower : undefined;
    if (role === undefined || roles[role] !== undefined) return undefined;
    roles[role] = index;
  }
  const { time, tag, value, quality } = roles;
  return time === undefined || tag === undefined || value === undefined ? undefined : { time, tag, value, ...(quality === undefined ? {} : { quality }) };
}

function examplePaths(settings: Settings): string {
  const paths = settings.targets.slice(0, 3).map((target) => `"${target.path}"`);
  return paths.length === 0 ? 'tag paths (no tags were given to import into)' : `tag paths such as ${paths.join(', ')}`;
}

function wideColumns(names: string[], settings: Settings): { index: number; target: number }[] {
  const first = names[0] ?? '';
  if (!timeNames.has(first.toLowerCase().replace(/\s*[([].*[)\]]$/, ''))) { // also "Time (UTC)", "timestamp [ms]"
    const what = settings.tagOf(first) === undefined ? 'is not a time column' : 'is a tag: the header has no time column';
    throw new CsvImportError(`the first column "${first}" ${what}; expected the time first, under a name such as time, timestamp, ts or date`);
  }
  const columns: { index: number; target: number }[] = [];
  const unknown: string[] = [];
  const byTarget = new Map<number, string>();
  for (const [index, name] of names.entries()) {
    const target = settings.tagOf(name);
    if (index === 0) continue;
    if (target === undefined) unknown.push(name);
    else if (byTarget.has(target)) {
      throw new CsvImportError(`columns "${byTarget.get(target)}" and "${name}" both name the tag "${settings.targets[target]!.path}"; expected one column per tag`);
    } else {
      byTarget.set(target, name);
      columns.push({ index, target });
    }
  }
  if (unknown.length > 0) {
    const listed = `${quoteList(unknown.slice(0, 10))}${unknown.length > 10 ? ` and ${unknown.length - 10} more` : ''}`;
    throw new CsvImportError(`the header has ${unknown.length} column(s) that are not known tags: ${listed}; expected ${examplePaths(settings)}, or a mapping in options.columns`);
  }
  return columns;
}

function wideReader(names: string[], columns: { index: number; target: number }[], settings: Settings): (fields: string[]) => RowRead {
  return (fields) => {
    if (fields.length !== names.length) return `has ${fields.length} columns; expected ${names.length} as in the header`;
    const time = readTime(fields[0]!, names[0]!, settings.parseTime);
    if (typeof time === 'string') return time;
    const cells: Cell[] = [];
    const problems: string[] = [];
    for (const { index, target } of columns) {
      const raw = fields[index]!;
      if (raw.trim() === '') continue;
      const value = readValue(raw, settings.targets[target]!.kind, settings.decimal);
      if (typeof value === 'string') problems.push(`column "${names[index]}": "${shorten(raw)}" ${value}`);
      else cells.push({ target, quality: 0, ...value });
    }
    return problems.length > 0 ? problems.join('; ') : { time, cells };
  };
}

function longReader(names: string[], columns: LongColumns, rows: CsvRecord[], settings: Settings): (fields: string[]) => RowRead {
  const q = columns.quality;
  const opc = q !== undefined && rows.some(({ fields }) => ['64', '192'].includes(fields[q]?.trim() ?? ''));
  return (fields) => {
    if (fields.length !== names.length) return `has ${fields.length} columns; expected ${names.length} as in the header`;
    const time = readTime(fields[columns.time]!, names[columns.time]!, settings.parseTime);
    if (typeof time === 'string') return time;
    const [tag, raw] = [fields[columns.tag]!.trim(), fields[columns.value]!];
    const [tagColumn, valueColumn] = [`column "${names[columns.tag]}"`, `column "${names[columns.value]}"`];
    const target = settings.tagOf(tag);
    if (tag === '') return `${tagColumn}: empty; expected a tag path`;
    if (target === undefined) return `${tagColumn}: "${shorten(tag)}" is not a known tag; expected ${examplePaths(settings)}`;
    const kind = settings.targets[target]!.kind;
    if (raw.trim() === '' && kind !== 'string') return `${valueColumn}: empty; expected a value for "${tag}"`;
    const value = readValue(raw, kind, settings.decimal);
    if (typeof value === 'string') return `${valueColumn}: "${shorten(raw)}" ${value} (tag "${tag}", ${kind})`;
    const text = q === undefined ? '' : fields[q]!.trim();
    const quality = qualityWords.get(text.toLowerCase()) ?? (opc ? opcQuality : linesideQuality).get(text);
    if (quality === undefined) {
      const expected = opc ? 'OPC quality 192, 64 or 0 (as elsewhere in this file)' : 'good, uncertain or bad, 0/1/2, or OPC quality 192/64/0';
      return `column "${names[q!]}": "${shorten(text)}" is not a quality; expected ${expected}`;
    }
    return { time, cells: [{ target, quality, ...value }] };
  };
}

function readTime(raw: string, column: string, parseTime: TimeParser): number | string {
  const text = raw.trim();
  if (text === '') return `column "${column}": empty; expected a time`;
  const time = parseTime(text);
  return typeof time === 'number' ? time : `column "${column}": "${shorten(text)}" ${time.error}`;
}

/** A cell's value for its tag's kind, or what is wrong with it (to follow the quoted cell). */
function readValue(raw: string, kind: ValueKind, decimal: '.' | ','): { value: number; text?: string } | string {
  if (kind === 'string') return { value: NaN, text: raw };
  const text = raw.trim();
  if (kind === 'bool') {
    const value = booleans.get(text.toLowerCase());
    return value === undefined ? 'is not a boolean; expected true/false, 1/0 or on/off' : { value };
  }
  const value = readNumber(text, decimal);
  if (typeof value === 'string') return value;
  if (kind === 'f32') return Number.isFinite(Math.fround(value)) ? { value: Math.fround(value) } : 'is out of range for a 32-bit float (f32)';
  if (kind === 'int' && !Number.isSafeInteger(value)) return Number.isInteger(value) ? 'is too large for an exact integer' : 'is not an integer; expected a whole number';
  return { value };
}

function readNumber(text: string, decimal: '.' | ','): number | string {
  const example = decimal === ',' ? '12,5' : '12.5';
  if (decimal === ',' && text.includes('.')) return `has a decimal point; expected a number with a decimal comma such as ${example}`;
  const plain = decimal === ',' ? text.replace(',', '.') : text;
  if (!numberPattern.test(plain)) {
    const comma = decimal === '.' && /^[+-]?\d*,\d+$/.test(text);
    return comma ? `is not a number; expected a decimal point (${text.replace(',', '.')}), or set decimal ','` : `is not a number; expected a number such as ${example}`;
  }
  const value = Number(plain);
  return Number.isFinite(value) ? value : 'is out of range; expected a finite number';
}

/** Columns to a Series, in time order: a stable sort only when the rows were not in order already. */
function toSeries(column: { ts: number[]; value: number[]; quality: number[]; text: string[] }, kind: ValueKind): Series {
  const n = column.ts.length;
  const sorted = column.ts.every((t, i) => i === 0 || t >= column.ts[i - 1]!);
  const order = sorted ? undefined : Array.from({ length: n }, (_, i) => i).sort((a, b) => column.ts[a]! - column.ts[b]! || a - b);
  const pick = <T>(values: T[]): T[] => (order === undefined ? values : order.map((i) => values[i]!));
  const series: Series = { ts: Float64Array.from(pick(column.ts)), value: Float64Array.from(pick(column.value)), quality: Uint8Array.from(pick(column.quality)) };
  if (kind === 'string') series.text = pick(column.text);
  return series;
}

function quoteList(names: string[]): string {
  return names.map((name) => `"${shorten(name)}"`).join(', ');
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
