/**
 * Modbus register map import (engineering mode): a device's register map as CSV → a preview of
 * tag rows with per-row errors → a TagsAddition for addTagsToConfigText (edit.ts), which adds
 * the tags to an asset of a Modbus device in the plant config.
 *
 * The CSV: a header line, then one register per line. Columns by header name, any case, any
 * order; other columns (comments, access, …) are ignored:
 * - `address` (required), either
 *   - the driver's tag address grammar (drivers/modbus/address.ts), protocol (0-based):
 *     `hr100`, `ir7.3`, `co12`, `3:ir7:float32:CDAB`, `hr10:int16:scale=0.1:offset=-40`; or
 *   - classic Modicon numbering (1-based, table in the first digit), a bare number:
 *     40001–49999 → hr0–hr9998, 30001–39999 → ir0–, 10001–19999 → di0–, 00001–09999 and
 *     1–9999 → co0–; six digits likewise (400001–465536 → hr0–hr65535); `40001.3` is bit 3.
 *     A bare number is therefore never a protocol address: `100` is coil 100 = co99.
 * - `type` (required): the register type of the driver grammar — int16, uint16, int32, uint32,
 *   float32, float64, int64, uint64, stringN (N registers), or bit/bool (a coil, a discrete
 *   input, or `.BIT` of a register). It gives the tag data type (int64/uint64 → float64, as the
 *   driver decodes them to a JavaScript number; bit → bool; stringN → string).
 * - `name` (required): the tag name, letters, digits, _ and - (the config's idPattern: a tag
 *   path is line/asset/name, so '.' and '/' are refused), at most 64, unique in the file.
 * - `unit` (optional, default ""), `scale` (optional, default 1; a decimal comma is accepted
 *   when the delimiter is ';' or tab), `description` (optional, default the name).
 *
 * Decisions:
 * - Only whole-file problems throw (LinesideError 'invalid-request'): an empty or binary file,
 *   an unreadable CSV, a header without the required columns or with a column twice, a header
 *   and no rows. Every
 *   other problem is a per-row error `{ line, message }` (line in the file, header = 1, a record
 *   spanning lines counts from its first), naming the column, the value and what was expected;
 *   a row with an error is left out and the good rows import. A row may have several errors.
 * - The address is stored canonical (formatModbusAddress: unit, type and order always named),
 *   so it means the same whatever the device's defaults; a scale ≠ 1 is folded in as
 *   `:scale=F`. Left-out parts come from `unitDefault` / `byteOrderDefault` (else 1 / ABCD):
 *   pass the device's own settings to read the map as the device would.
 * - A type written in the address too must agree with the type column; a scale both in the
 *   address and in the scale column (≠ 1) is an error, as is a scale with sf=REG.
 * - Duplicate names and overlapping registers are checked against the rows that import (the
 *   earlier good row wins; the error names its line). Overlap: two rows using the same
 *   register (or bit) of the same unit and table, widths from point.ts. A bit of a register
 *   and the whole register do not overlap: a status word and its named bits are common.
 * - The names are not checked against tags already in the asset: parsePlantConfig reports
 *   such a duplicate when the edited config is loaded.
 *
 * csv-parse does the CSV grammar (quotes, delimiters and line breaks in fields), as in
 * core/replay/csv-import.ts, whose reading helpers are private to it.
 */
import { parse } from 'csv-parse/sync';
import type { TagDataType } from '../contract/index.js';
import { formatModbusAddress, parseModbusAddress } from '../drivers/modbus/address.js';
import { widthOf, type ByteOrder, type ModbusPoint } from '../drivers/modbus/point.js';
import { LinesideError } from '../model/errors.js';
import type { TagAddition, TagsAddition } from './edit.js';
import { idPattern } from './schema-parts.js';

export interface ModbusMapRow {
  /** The row's line in the file (header = line 1). */
  line: number;
  name: string;
  /** Canonical driver address, the scale folded in (e.g. `1:hr100:int16:ABCD:scale=0.1`). */
  address: string;
  type: TagDataType;
  unit: string;
  /** The factor applied to the raw value (1: none). */
  scale: number;
  description: string;
}

export interface ModbusMapError {
  line: number;
  message: string;
}

export interface ModbusMapReadOptions {
  /** Unit id for addresses that name none (the device's `unit`); default 1. */
  unitDefault?: number;
  /** Byte order for registers whose address names none (the device's `byteOrder`); default ABCD. */
  byteOrderDefault?: ByteOrder;
}

export interface ModbusMapAdditionOptions {
  deviceId: string;
  lineId: string;
  asset: { id: string; name: string; kind: string; description: string };
  sampleRateMs: number;
  /**
   * Settings of the device when the config does not have it yet (an existing device is left
   * as it is). Modbus TCP needs at least `host`; without it the edited config is refused.
   */
  settings?: Record<string, unknown>;
}

export const MAX_TAG_NAME_LENGTH = 64;
export const MODBUS_MAP_RATE_REASON = 'from the register map import';

type Delimiter = ',' | ';' | '\t';
type Column = 'address' | 'type' | 'name' | 'unit' | 'scale' | 'description';

const delimiters: readonly Delimiter[] = [',', ';', '\t'];
const requiredColumns: readonly Column[] = ['address', 'type', 'name'];
const knownColumns: readonly Column[] = ['address', 'type', 'name', 'unit', 'scale', 'description'];
const headerExample = 'address,type,name,unit,scale,description';
const typeList = 'int16, uint16, int32, uint32, float32, float64, int64, uint64, stringN (N registers) or bit/bool';
/** Register type (column text, lower case) → the driver grammar's type and the tag data type. */
const registerTypes: Record<string, { grammar: string; dataType: TagDataType }> = {
  bit: { grammar: 'bit', dataType: 'bool' },
  bool: { grammar: 'bit', dataType: 'bool' },
  int16: { grammar: 'int16', dataType: 'int16' },
  uint16: { grammar: 'uint16', dataType: 'uint16' },
  int32: { grammar: 'int32', dataType: 'int32' },
  uint32: { grammar: 'uint32', dataType: 'uint32' },
  float32: { grammar: 'float32', dataType: 'float32' },
  float64: { grammar: 'float64', dataType: 'float64' },
  int64: { grammar: 'int64', dataType: 'float64' },
  uint64: { grammar: 'uint64', dataType: 'float64' },
};
/** A type segment inside a driver-grammar address. */
const typeSegment = /^(bit|u?int(16|32|64)|float(32|64)|string\d*)$/i;
const modiconTables: Record<string, string> = { '0': 'co', '1': 'di', '3': 'ir', '4': 'hr' };
const numberPattern = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Reads a register map (format in the file header): the good rows and an error per problem. */
export function readModbusMapCsv(csv: string, options: ModbusMapReadOptions = {}): { rows: ModbusMapRow[]; errors: ModbusMapError[] } {
  const text = checkText(csv);
  const delimiter = chooseDelimiter(text);
  const [header, ...records] = readRecords(text, delimiter);
  if (header === undefined) throw invalid(`the register map is empty; expected a header line such as ${headerExample}`);
  const columns = headerColumns(header.fields);
  if (records.length === 0) throw invalid(`the register map has a header but no rows; expected one register per line below the header, e.g. 40001,uint16,status_word`);

  const rows: ModbusMapRow[] = [];
  const errors: ModbusMapError[] = [];
  const lineOfName = new Map<string, number>();
  const lineOfRegister = new Map<string, { line: number; name: string; address: string }>();
  for (const { line, fields } of records) {
    if (fields.length !== header.fields.length) {
      errors.push({ line, message: `has ${fields.length} columns; expected ${header.fields.length} as in the header (a ${show(delimiter)} inside a value needs double quotes)` });
      continue;
    }
    const row = readRow(fields, columns, delimiter, options);
    if (Array.isArray(row)) {
      for (const message of row) errors.push({ line, message });
      continue;
    }
    const sameName = lineOfName.get(row.name);
    if (sameName !== undefined) {
      errors.push({ line, message: `column "name": "${row.name}" is used on line ${sameName} already; expected a name unique in the map` });
      continue;
    }
    const keys = registerKeys(row.point);
    const clash = keys.map((key) => lineOfRegister.get(key)).find((other) => other !== undefined);
    if (clash !== undefined) {
      errors.push({
        line,
        message: `column "address": ${row.address} (${describeSpan(row.point)}) overlaps line ${clash.line} (${clash.name} at ${clash.address}); expected each register used by one row`,
      });
      continue;
    }
    lineOfName.set(row.name, line);
    for (const key of keys) lineOfRegister.set(key, { line, name: row.name, address: row.address });
    rows.push({ line, name: row.name, address: row.address, type: row.type, unit: row.unit, scale: row.scale, description: row.description });
  }
  return { rows, errors };
}

/** The addition of the map's rows as read-only tags of `options.asset` on the Modbus device `options.deviceId`. */
export function modbusMapAddition(rows: readonly ModbusMapRow[], options: ModbusMapAdditionOptions): TagsAddition {
  if (rows.length === 0) throw invalid('the register map has no good rows to add; expected at least one row without errors');
  if (!Number.isInteger(options.sampleRateMs) || options.sampleRateMs <= 0) {
    throw invalid(`sampleRateMs ${options.sampleRateMs} is not a sample period; expected a whole number of milliseconds above 0`);
  }
  const tags: TagAddition[] = rows.map((row) => ({
    name: row.name,
    address: row.address,
    type: row.type,
    unit: row.unit,
    description: row.description,
    sampleRateMs: options.sampleRateMs,
    rateReason: MODBUS_MAP_RATE_REASON,
    writable: false,
  }));
  return {
    device: { id: options.deviceId, driver: 'modbus', settings: options.settings ?? {} },
    lineId: options.lineId,
    asset: options.asset,
    tags,
  };
}

// ---- One row ----

interface ColumnIndex {
  address: number;
  type: number;
  name: number;
  unit?: number;
  scale?: number;
  description?: number;
}

interface ReadRow {
  name: string;
  address: string;
  point: ModbusPoint;
  type: TagDataType;
  unit: string;
  scale: number;
  description: string;
}

/** The row, or its problems (one message per bad column). */
function readRow(fields: string[], columns: ColumnIndex, delimiter: Delimiter, options: ModbusMapReadOptions): ReadRow | string[] {
  const cell = (index: number | undefined): string => (index === undefined ? '' : fields[index]!.trim());
  const problems: string[] = [];

  const name = cell(columns.name);
  if (name === '') problems.push('column "name": empty; expected a tag name');
  else if (!idPattern.test(name) || name.length > MAX_TAG_NAME_LENGTH) {
    problems.push(`column "name": "${shorten(name)}" is not a tag name; expected letters, digits, _ and - only, at most ${MAX_TAG_NAME_LENGTH} characters`);
  }

  const typeText = cell(columns.type);
  const registerType = readRegisterType(typeText);
  if (typeof registerType === 'string') problems.push(registerType);

  const scale = readScale(cell(columns.scale), delimiter);
  if (typeof scale === 'string') problems.push(scale);

  const addressText = cell(columns.address);
  const address = driverAddress(addressText);
  let point: ModbusPoint | undefined;
  if ('problem' in address) problems.push(address.problem);
  else if (typeof registerType !== 'string') {
    const found = resolvePoint(addressText, address.address, registerType.grammar, typeText, options);
    if (typeof found === 'string') problems.push(found);
    else point = found;
  }

  if (point !== undefined && typeof scale === 'number' && scale !== 1) {
    const problem = foldScale(point, scale, cell(columns.scale));
    if (problem !== undefined) problems.push(problem);
  }
  if (problems.length > 0 || point === undefined || typeof registerType === 'string' || typeof scale === 'string') return problems;

  const description = cell(columns.description);
  return {
    name,
    address: formatModbusAddress(point),
    point,
    type: registerType.dataType,
    unit: cell(columns.unit),
    scale: point.scale?.factor ?? 1,
    description: description === '' ? name : description,
  };
}

function readRegisterType(text: string): { grammar: string; dataType: TagDataType } | string {
  if (text === '') return `column "type": empty; expected the register type: ${typeList}`;
  const lower = text.toLowerCase();
  const fixed = registerTypes[lower];
  if (fixed !== undefined) return fixed;
  if (/^string\d+$/.test(lower)) return { grammar: lower, dataType: 'string' };
  if (lower === 'string') return 'column "type": "string" needs its length; expected stringN with N the number of registers (2 characters each), e.g. string10';
  return `column "type": "${shorten(text)}" is not a register type; expected ${typeList}`;
}

function readScale(text: string, delimiter: Delimiter): number | string {
  if (text === '') return 1;
  const comma = delimiter !== ',';
  const plain = comma && /^[+-]?\d*,\d+$/.test(text) ? text.replace(',', '.') : text;
  const example = comma ? '0.1 or 0,1' : '0.1';
  if (!numberPattern.test(plain)) {
    const hint = !comma && /^[+-]?\d*,\d+$/.test(text) ? ` (a decimal comma only with delimiter ';' or tab; here ${text.replace(',', '.')})` : '';
    return `column "scale": "${shorten(text)}" is not a number; expected a factor such as ${example}, or empty for 1${hint}`;
  }
  const value = Number(plain);
  if (!Number.isFinite(value)) return `column "scale": "${shorten(text)}" is out of range; expected a finite factor such as ${example}`;
  if (value === 0) return `column "scale": "${text}" is zero; expected a non-zero factor such as ${example}, or empty for 1`;
  return value;
}

/** The address in the driver grammar: the text itself, or a Modicon number converted; or why the cell cannot be an address. */
function driverAddress(text: string): { address: string } | { problem: string } {
  if (text === '') return { problem: `column "address": empty; expected a Modbus address such as hr100, 1:hr100:float32:CDAB or 40101` };
  const modicon = /^(\d+)(\.\d+)?$/.exec(text);
  if (modicon === null) return { address: text };
  const [, digits = '', bit = ''] = modicon;
  const expected = 'expected Modicon numbering 40001–49999 (holding), 30001–39999 (input), 10001–19999 (discrete), 1–9999 (coil), or 6 digits such as 400001, or a protocol address such as hr0';
  let table = 'co';
  let number = Number(digits);
  if (digits.length >= 5) {
    const prefix = modiconTables[digits[0]!];
    if (digits.length > 6 || prefix === undefined) return { problem: `column "address": "${text}" is not a Modicon register number; ${expected}` };
    table = prefix;
    number = Number(digits.slice(1));
    const max = digits.length === 5 ? 9999 : 65536;
    if (number < 1 || number > max) {
      return { problem: `column "address": "${text}" is out of range for ${digits.length}-digit Modicon numbering (${digits[0]}${'0'.repeat(digits.length - 2)}1–${digits[0]}${max}); ${expected}` };
    }
  } else if (number < 1) {
    return { problem: `column "address": "${text}" is not a Modicon number (they start at 1); ${expected}` };
  }
  return { address: `${table}${number - 1}${bit}` };
}

/** The point of the address with the type column applied (or checked against the address's own type). */
function resolvePoint(cellText: string, address: string, grammarType: string, typeText: string, options: ModbusMapReadOptions): ModbusPoint | string {
  const defaults = { unit: options.unitDefault ?? 1, order: options.byteOrderDefault ?? 'ABCD' };
  const shown = cellText === address ? `"${shorten(cellText)}"` : `"${cellText}" (${address})`;
  const alone = parseModbusAddress(address, defaults);
  if (typeof alone === 'string') return `column "address": ${shown} is not a Modbus address: ${alone}`;

  const isBitTable = alone.table === 'coil' || alone.table === 'discrete';
  if (isBitTable && grammarType !== 'bit') {
    return `column "type": "${typeText}" on ${alone.table === 'coil' ? 'coil' : 'discrete input'} ${shown}, which holds one bit; expected bit or bool`;
  }
  const named = address.split(':').slice(1).find((segment) => typeSegment.test(segment));
  if (named !== undefined) {
    if (named.toLowerCase() !== grammarType) {
      return `column "type": "${typeText}" differs from the type ${named} in address ${shown}; expected the same type in both, or the type in the type column only`;
    }
    return alone;
  }
  const typed = parseModbusAddress(`${address}:${grammarType}`, defaults);
  return typeof typed === 'string' ? `columns "address" and "type": ${shown} as ${typeText}: ${typed}` : typed;
}

/** Puts the scale column's factor into the point, or says why it cannot go there. */
function foldScale(point: ModbusPoint, scale: number, text: string): string | undefined {
  if (point.type === 'bit' || point.type === 'string') return `column "scale": "${text}" on a ${point.type === 'bit' ? 'bool' : 'string'} point; expected 1 or empty (only numbers scale)`;
  if (point.scaleRegister !== undefined) return `column "scale": "${text}" with sf=${point.scaleRegister} in the address (a SunSpec scale factor); expected 1 or empty, or no sf=`;
  if (point.scale !== undefined && point.scale.factor !== 1) return `column "scale": "${text}" and scale=${point.scale.factor} in the address; expected the scale in one place`;
  point.scale = { factor: scale, offset: point.scale?.offset ?? 0 };
  return undefined;
}

/** The registers (or bits) a point uses, as keys unique per unit and table; a bit of a register is its own key. */
function registerKeys(point: ModbusPoint): string[] {
  const base = `${point.unit}:${point.table}:`;
  if (point.bit !== undefined) return [`${base}${point.address}.${point.bit}`];
  return Array.from({ length: widthOf(point) }, (_, i) => `${base}${point.address + i}`);
}

function describeSpan(point: ModbusPoint): string {
  const width = widthOf(point);
  const table = { coil: 'coil', discrete: 'discrete input', holding: 'holding register', input: 'input register' }[point.table];
  if (point.bit !== undefined) return `unit ${point.unit} ${table} ${point.address} bit ${point.bit}`;
  return width === 1 ? `unit ${point.unit} ${table} ${point.address}` : `unit ${point.unit} ${table}s ${point.address}–${point.address + width - 1}`;
}

// ---- The file: text, delimiter, records, header ----

function invalid(message: string): LinesideError {
  return new LinesideError('invalid-request', message);
}

/** The text without BOM, LF line ends; throws for an empty or binary file. */
function checkText(csv: string): string {
  const text = csv.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  // Control characters other than tab and line ends, or U+FFFD (bytes that were not UTF-8), in the first 64 KiB.
  for (let at = 0; at < Math.min(text.length, 65_536); at++) {
    const code = text.charCodeAt(at);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c) || code === 0xfffd) {
      const hex = code.toString(16).toUpperCase().padStart(4, '0');
      throw invalid(`the register map is not a text file: character U+${hex} at offset ${at} does not occur in CSV text; expected UTF-8 text with a header line such as ${headerExample}`);
    }
  }
  if (text.trim() === '') throw invalid(`the register map is empty; expected a header line such as ${headerExample}`);
  return text;
}

/** The delimiter that splits the header into most columns (the first non-blank line). */
function chooseDelimiter(text: string): Delimiter {
  const header = text.split('\n').find((line) => line.trim() !== '') ?? '';
  let best: Delimiter = ',';
  let bestCount = 0;
  for (const delimiter of delimiters) {
    const count = countFields(header, delimiter);
    if (count > bestCount) [best, bestCount] = [delimiter, count];
  }
  return best;
}

function countFields(line: string, delimiter: Delimiter): number {
  try {
    const [first] = parse(line, { delimiter, relax_quotes: true, relax_column_count: true }) as string[][];
    return first?.length ?? 0;
  } catch {
    return line.split(delimiter).length; // a quote left open on this line: count plainly
  }
}

/** The records that are not blank (only spaces and delimiters is blank), each with its first line. */
function readRecords(text: string, delimiter: Delimiter): { line: number; fields: string[] }[] {
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    parsed = parse(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, info: true }) as unknown as typeof parsed;
  } catch (error) {
    throw invalid(`the register map is not readable CSV: ${(error as Error).message}; expected a header line such as ${headerExample} and one register per line`);
  }
  const newlines = (field: string): number => field.split('\n').length - 1;
  return parsed
    .filter(({ record }) => !record.every((field) => field.trim() === ''))
    .map(({ record, info }) => ({ line: info.lines - record.reduce((sum, field) => sum + newlines(field), 0), fields: record }));
}

function headerColumns(fields: string[]): ColumnIndex {
  const found = new Map<Column, number>();
  for (const [index, raw] of fields.entries()) {
    const name = raw.trim().toLowerCase() as Column;
    if (!knownColumns.includes(name)) continue;
    if (found.has(name)) throw invalid(`the header has the column "${name}" twice (columns ${found.get(name)! + 1} and ${index + 1}); expected each column once`);
    found.set(name, index);
  }
  const missing = requiredColumns.filter((column) => !found.has(column));
  if (missing.length > 0) {
    const header = fields.map((field) => `"${shorten(field.trim())}"`).join(', ');
    throw invalid(`the register map has no ${missing.map((m) => `"${m}"`).join(', ')} column${missing.length > 1 ? 's' : ''}; the header has ${header}; expected the columns address, type and name (any order, any case), optionally unit, scale and description, e.g. ${headerExample}`);
  }
  const columns: ColumnIndex = { address: found.get('address')!, type: found.get('type')!, name: found.get('name')! };
  if (found.has('unit')) columns.unit = found.get('unit')!;
  if (found.has('scale')) columns.scale = found.get('scale')!;
  if (found.has('description')) columns.description = found.get('description')!;
  return columns;
}

function show(delimiter: Delimiter): string {
  return delimiter === '\t' ? 'tab' : `'${delimiter}'`;
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
