/**
 * The Modbus tag address grammar: parses a tag's `address` into a {@link ModbusPoint} and
 * formats a point back into its canonical string.
 *
 * ```
 * [unit:]TABLE ADDRESS[.BIT][:TYPE][:ORDER][:scale=F][:offset=O][:sf=REG]
 * ```
 *
 * - `unit`: unit (slave) id 0–255; default `defaults.unit`, else 1.
 * - `TABLE`: `co` coil, `di` discrete input, `hr` holding register, `ir` input register
 *   (case-insensitive), written directly before the protocol (0-based) `ADDRESS` 0–65535.
 * - `.BIT`: bit 0 (least significant) to 15 of a holding/input register; the type is then `bit`.
 * - `TYPE`: `bit`, `int16`, `uint16`, `int32`, `uint32`, `float32`, `int64`, `uint64`,
 *   `float64`, or `stringN` (N registers = 2N characters, N 1–125, one read request).
 *   Default `bit` for co/di (the only type they take), `uint16` for hr/ir; on a register
 *   `bit` needs `.BIT`.
 * - `ORDER`: `ABCD` | `CDAB` | `BADC` | `DCBA` (case-insensitive); default `defaults.order`,
 *   else `ABCD`. Registers only: coils and discrete inputs take no order (theirs is `ABCD`).
 * - `scale=F`, `offset=O`: engineering value = raw × F + O (F non-zero; numeric types only).
 * - `sf=REG`: SunSpec scale factor: engineering value = raw × 10^(int16 at register REG of
 *   the same table). Not combinable with `scale`/`offset`.
 *
 * The segments after the first may come in any order, each at most once. A point must not
 * run past address 65535.
 *
 * Examples:
 *
 * ```
 * hr100                            holding register 100, uint16, unit from defaults
 * 1:hr100                          the same on unit 1
 * 3:ir7:float32:CDAB               float32 in input registers 7–8, word-swapped, unit 3
 * hr40.3                           bit 3 of holding register 40
 * co12                             coil 12
 * hr200:string20                   20 registers = 40 characters
 * hr10:int16:scale=0.1:offset=-40  raw × 0.1 − 40
 * hr50:uint16:sf=52                SunSpec: raw × 10^(int16 at hr52)
 * ```
 *
 * The canonical form written by {@link formatModbusAddress} always names the unit, and for
 * registers the type and order: `1:co12:bit`, `3:ir7:float32:CDAB`, `1:hr40.3:bit:ABCD`,
 * `1:hr10:int16:ABCD:scale=0.1:offset=-40`, `1:hr50:uint16:ABCD:sf=52`. It does not depend
 * on the defaults, so `parseModbusAddress(formatModbusAddress(p), anyDefaults)` gives `p` back.
 */
import { widthOf, type ByteOrder, type ModbusPoint, type ModbusTable, type ModbusType } from './point.js';

/** Per-device defaults for the parts an address leaves out. */
export interface ModbusAddressDefaults {
  unit?: number;
  order?: ByteOrder;
}

/** The longest string point: one read request (FC3/FC4) carries at most 125 registers. */
export const MAX_STRING_REGISTERS = 125;

const FORM = '[unit:]TABLE ADDRESS[.BIT][:TYPE][:ORDER][:scale=F][:offset=O][:sf=REG], e.g. 1:hr100:float32:CDAB';

const tables: Record<string, ModbusTable> = { co: 'coil', di: 'discrete', hr: 'holding', ir: 'input' };
const tablePrefix: Record<ModbusTable, string> = { coil: 'co', discrete: 'di', holding: 'hr', input: 'ir' };
const fixedTypes: readonly ModbusType[] = ['bit', 'int16', 'uint16', 'int32', 'uint32', 'float32', 'int64', 'uint64', 'float64'];
const orders: readonly ByteOrder[] = ['ABCD', 'CDAB', 'BADC', 'DCBA'];
const TYPE_LIST = 'bit, int16, uint16, int32, uint32, float32, int64, uint64, float64 or stringN (N registers)';

const DIGITS = /^\d+$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const TABLE_AND_ADDRESS = /^([A-Za-z]*)(.*)$/;

function integerIn(text: string, min: number, max: number): number | undefined {
  if (!DIGITS.test(text)) return undefined;
  const n = Number(text);
  return n >= min && n <= max ? n : undefined;
}

function parseType(text: string): { type: ModbusType; registers?: number } | string {
  const lower = text.toLowerCase();
  if ((fixedTypes as readonly string[]).includes(lower)) return { type: lower as ModbusType };
  if (lower.startsWith('string')) {
    const n = integerIn(lower.slice(6), 1, MAX_STRING_REGISTERS);
    if (n === undefined) {
      return `bad string length in type '${text}': expected stringN with N the number of registers, 1–${MAX_STRING_REGISTERS} (e.g. string20 = 40 characters)`;
    }
    return { type: 'string', registers: n };
  }
  return `unknown type '${text}': expected ${TYPE_LIST}`;
}

/**
 * Parses a Modbus tag address (grammar in the file header). Returns the point, or a
 * message naming the bad part of `address` and the expected form.
 */
export function parseModbusAddress(address: string, defaults: ModbusAddressDefaults): ModbusPoint | string {
  const where = `in Modbus address '${address}'`;
  const segments = address.trim().split(':');
  let first = segments[0] ?? '';
  let rest = segments.slice(1);

  // Unit: a leading all-digit segment, or a leading segment that is not a table+address
  // while the next one is.
  let unit = defaults.unit ?? 1;
  const looksLikeTable = (s: string | undefined): boolean => s !== undefined && /^[A-Za-z]{2}\d/.test(s);
  if (rest.length > 0 && (DIGITS.test(first) || (!looksLikeTable(first) && looksLikeTable(rest[0])))) {
    const u = integerIn(first, 0, 255);
    if (u === undefined) return `bad unit '${first}' ${where}: expected a unit id 0–255 before the first ':' (e.g. 3:hr100)`;
    unit = u;
    first = rest[0] ?? '';
    rest = rest.slice(1);
    if (first === '') return `missing table and address after unit ${unit} ${where}: expected ${FORM}`;
  }

  // TABLE ADDRESS[.BIT]
  const [, prefix = '', tail = ''] = TABLE_AND_ADDRESS.exec(first) ?? [];
  if (prefix === '') return `missing table ${where}: expected co, di, hr or ir before the address (${FORM})`;
  const table = tables[prefix.toLowerCase()];
  if (table === undefined) return `unknown table '${prefix}' ${where}: expected co (coil), di (discrete input), hr (holding register) or ir (input register)`;
  const dot = tail.indexOf('.');
  const addressText = dot < 0 ? tail : tail.slice(0, dot);
  if (!DIGITS.test(addressText)) return `bad address '${first}' ${where}: expected ${prefix} followed by a 0-based address 0–65535 (e.g. ${prefix}100)`;
  const registerAddress = Number(addressText);
  if (registerAddress > 65535) return `address ${addressText} ${where} is out of range: expected a 0-based address 0–65535`;
  const isBitTable = table === 'coil' || table === 'discrete';
  let bit: number | undefined;
  if (dot >= 0) {
    const bitText = tail.slice(dot + 1);
    if (isBitTable) return `bit '.${bitText}' ${where} on ${prefix}: a coil or discrete input is already one bit; .BIT applies to hr and ir only`;
    bit = integerIn(bitText, 0, 15);
    if (bit === undefined) return `bad bit '.${bitText}' ${where}: expected .0 to .15 (bit 0 is the least significant)`;
  }

  // Options, any order, each once.
  let typed: { type: ModbusType; registers?: number } | undefined;
  let order: ByteOrder | undefined;
  let factor: number | undefined;
  let offset: number | undefined;
  let scaleRegister: number | undefined;
  const twice = (what: string): string => `${what} given twice ${where}: expected each of TYPE, ORDER, scale, offset and sf at most once`;
  for (const segment of rest) {
    const eq = segment.indexOf('=');
    if (eq >= 0) {
      const key = segment.slice(0, eq).toLowerCase();
      const value = segment.slice(eq + 1);
      if (key === 'scale' || key === 'offset') {
        if (!DECIMAL.test(value)) return `bad ${key} '${value}' ${where}: expected a decimal number (e.g. ${key}=${key === 'scale' ? '0.1' : '-40'})`;
        const n = Number(value);
        if (!Number.isFinite(n)) return `bad ${key} '${value}' ${where}: expected a finite number`;
        if (key === 'scale') {
          if (factor !== undefined) return twice('scale');
          if (n === 0) return `bad scale '${value}' ${where}: expected a non-zero factor`;
          factor = n;
        } else {
          if (offset !== undefined) return twice('offset');
          offset = n;
        }
      } else if (key === 'sf') {
        if (scaleRegister !== undefined) return twice('sf');
        scaleRegister = integerIn(value, 0, 65535);
        if (scaleRegister === undefined) return `bad sf '${value}' ${where}: expected the address 0–65535 of the SunSpec scale factor register (e.g. sf=52)`;
      } else {
        return `unknown option '${segment}' ${where}: expected scale=F, offset=O or sf=REG`;
      }
    } else if (/^[A-Da-d]{4}$/.test(segment)) {
      const upper = segment.toUpperCase() as ByteOrder;
      if (!orders.includes(upper)) return `unknown byte order '${segment}' ${where}: expected ABCD, CDAB, BADC or DCBA`;
      if (order !== undefined) return twice('byte order');
      order = upper;
    } else {
      if (typed !== undefined) return twice('type');
      const t = parseType(segment);
      if (typeof t === 'string') return `${t} ${where}`;
      typed = t;
    }
  }

  // Combinations.
  const type = typed?.type ?? (isBitTable || bit !== undefined ? 'bit' : 'uint16');
  if (isBitTable) {
    if (type !== 'bit') return `type ${typed?.type === 'string' ? `string${typed.registers}` : type} ${where} on ${prefix}: a coil or discrete input holds one bit; expected type bit or none`;
    if (order !== undefined) return `byte order ${order} ${where} on ${prefix}: byte order applies to registers (hr, ir) only`;
  } else if (bit !== undefined && type !== 'bit') {
    return `bit .${bit} ${where} with type ${type}: a bit in a register has type bit; expected ${prefix}${registerAddress}.${bit} with no type or :bit`;
  } else if (bit === undefined && type === 'bit') {
    return `type bit ${where} on a register needs .BIT: expected e.g. ${prefix}${registerAddress}.0`;
  }
  const numeric = type !== 'bit' && type !== 'string';
  if ((factor !== undefined || offset !== undefined) && !numeric) return `scale/offset ${where} on a ${type} point: expected them only with a numeric type (int16 … float64)`;
  if (scaleRegister !== undefined) {
    if (!numeric) return `sf=${scaleRegister} ${where} on a ${type} point: expected a SunSpec scale factor only with a numeric type`;
    if (factor !== undefined || offset !== undefined) return `sf=${scaleRegister} ${where} together with scale/offset: expected either a SunSpec scale factor or a linear scale, not both`;
  }

  const point: ModbusPoint = { unit, table, address: registerAddress, type, order: isBitTable ? 'ABCD' : (order ?? defaults.order ?? 'ABCD') };
  if (bit !== undefined) point.bit = bit;
  if (typed?.registers !== undefined) point.registers = typed.registers;
  if ((factor ?? 1) !== 1 || (offset ?? 0) !== 0) point.scale = { factor: factor ?? 1, offset: offset ?? 0 };
  if (scaleRegister !== undefined) point.scaleRegister = scaleRegister;

  const width = widthOf(point);
  const last = registerAddress + width - 1;
  if (last > 65535) {
    return `point ${where} runs past address 65535: ${type === 'string' ? `string${width}` : type} at ${registerAddress} occupies ${registerAddress}–${last}; expected it to start at or before ${65536 - width}`;
  }
  return point;
}

/** The canonical address of a point (see the file header); parses back to an equal point. */
export function formatModbusAddress(point: ModbusPoint): string {
  let text = `${point.unit}:${tablePrefix[point.table]}${point.address}`;
  if (point.bit !== undefined) text += `.${point.bit}`;
  text += `:${point.type === 'string' ? `string${point.registers ?? 1}` : point.type}`;
  if (point.table === 'coil' || point.table === 'discrete') return text;
  text += `:${point.order}`;
  if (point.scale !== undefined) {
    if (point.scale.factor !== 1) text += `:scale=${point.scale.factor}`;
    if (point.scale.offset !== 0) text += `:offset=${point.scale.offset}`;
  }
  if (point.scaleRegister !== undefined) text += `:sf=${point.scaleRegister}`;
  return text;
}
