/**
 * Decoding and encoding of Modbus point values: registers (or bits) ⇄ engineering values.
 * The address grammar that produces a {@link ModbusPoint} is in address.ts.
 *
 * Byte order (point.order), by the bytes A (most significant) … of the value as they arrive
 * in register order, each register high byte first on the wire:
 * - ABCD: big-endian registers and bytes (the Modbus convention): float32 123.456 = 0x42F6 0xE979.
 * - CDAB: word-swapped (low register first), bytes big-endian: 0xE979 0x42F6.
 * - BADC: registers in order, bytes swapped within each register: 0xF642 0x79E9.
 * - DCBA: fully little-endian: 0x79E9 0xF642.
 * For 64-bit types the pattern extends over four registers: CDAB reverses all four words
 * (GH EF CD AB), BADC swaps the bytes of each, DCBA does both.
 * Order applies to 32/64-bit values and to strings; int16, uint16 and bits in a register are
 * the register as the protocol delivers it (big-endian by definition) whatever the order.
 *
 * Strings: two Latin-1 characters per register, high byte first under ABCD/CDAB, low byte
 * first under BADC/DCBA, registers in address order; trailing NULs and spaces are trimmed on
 * decode, and a shorter string is padded with NULs on encode.
 *
 * int64/uint64 decode to a JavaScript number: exact for magnitudes up to 2^53, beyond that the
 * nearest double (ties to even). Encoding takes integers up to the type's range; a value above
 * 2^53 is written exactly as the double it is.
 *
 * Scaling: linear (point.scale) engineering = raw × factor + offset; encode writes
 * raw = round((value − offset) / factor) for integer types (Math.round: halves go up), and the
 * unrounded quotient for float types. SunSpec (point.scaleRegister): engineering = raw ×
 * 10^sf, where the caller passes sf, the decoded int16 of the scale factor register.
 * For SunSpec points, the "not implemented" sentinels (int16 0x8000, uint16 0xFFFF,
 * int32 0x80000000, uint32 0xFFFFFFFF) decode to NaN, as does any value whose sf is outside
 * −10…10 (including sf's own sentinel −32768); encoding NaN writes the sentinel, and a value
 * whose raw would be the sentinel is out of range. Points without sf have no sentinels: a
 * plain uint16 0xFFFF is 65535.
 *
 * Misuse (a block too short for the point, a coil decoded as registers, a SunSpec point
 * without its sf) and unwritable values throw {@link ModbusValueError}: a bad device value
 * never throws, it decodes (possibly to NaN).
 */
import { LinesideError } from '../../model/errors.js';
import { formatModbusAddress } from './address.js';
import { widthOf, type ByteOrder, type ModbusPoint, type ModbusType } from './point.js';

/**
 * Codes:
 * - `modbus-value-out-of-range`: the value does not fit the point's type (after scaling).
 * - `modbus-value-wrong-kind`: a number for a string point, a string for a number, …
 * - `modbus-point-unsupported`: the operation does not apply to the point (writing an input,
 *   decoding a coil as registers, writing a bit in a register without its current value).
 * - `modbus-block-short`: the block does not hold the point at the given offset.
 * - `modbus-scale-factor-missing`: a SunSpec point decoded or encoded without its sf.
 */
export type ModbusValueErrorCode =
  | 'modbus-value-out-of-range'
  | 'modbus-value-wrong-kind'
  | 'modbus-point-unsupported'
  | 'modbus-block-short'
  | 'modbus-scale-factor-missing';

export class ModbusValueError extends LinesideError {
  constructor(code: ModbusValueErrorCode, message: string) {
    super(code, message);
    this.name = 'ModbusValueError';
  }
}

/** What one Modbus write carries: registers (FC6 for one, FC16 for several) or a coil (FC5). */
export type ModbusWrite = number[] | boolean;

const TWO_32 = 4294967296;
const scratch = new DataView(new ArrayBuffer(8));

interface IntegerRange {
  min: number;
  max: number;
  text: string;
  /** SunSpec "not implemented" raw value, for the types that have one. */
  sentinel?: number;
}

const integerRanges: Partial<Record<ModbusType, IntegerRange>> = {
  int16: { min: -32768, max: 32767, text: '-32768–32767', sentinel: -32768 },
  uint16: { min: 0, max: 65535, text: '0–65535', sentinel: 65535 },
  int32: { min: -2147483648, max: 2147483647, text: '-2147483648–2147483647', sentinel: -2147483648 },
  uint32: { min: 0, max: 4294967295, text: '0–4294967295', sentinel: 4294967295 },
  // Upper bounds are exclusive for the 64-bit types (2^63 − 1 and 2^64 − 1 are not doubles).
  int64: { min: -9223372036854775808, max: 9223372036854775808, text: '-9223372036854775808–9223372036854775807' },
  uint64: { min: 0, max: 18446744073709551616, text: '0–18446744073709551615' },
};
const FLOAT32_MAX = 3.4028234663852886e38;

function wordsReversed(order: ByteOrder): boolean {
  return order === 'CDAB' || order === 'DCBA';
}

function bytesSwapped(order: ByteOrder): boolean {
  return order === 'BADC' || order === 'DCBA';
}

function swap16(word: number): number {
  return ((word & 0xff) << 8) | (word >>> 8);
}

/** Puts `count` registers from `registers[offset…]` into the scratch buffer, big-endian. */
function loadWords(order: ByteOrder, registers: Uint16Array | number[], offset: number, count: number): void {
  const reverse = wordsReversed(order);
  const swap = bytesSwapped(order);
  for (let i = 0; i < count; i++) {
    const word = (registers[offset + (reverse ? count - 1 - i : i)] ?? 0) & 0xffff;
    scratch.setUint16(2 * i, swap ? swap16(word) : word, false);
  }
}

/** The inverse of {@link loadWords}: the scratch buffer's first `count` words as registers. */
function storeWords(order: ByteOrder, count: number): number[] {
  const reverse = wordsReversed(order);
  const swap = bytesSwapped(order);
  const out = new Array<number>(count);
  for (let i = 0; i < count; i++) {
    const word = scratch.getUint16(2 * i, false);
    out[reverse ? count - 1 - i : i] = swap ? swap16(word) : word;
  }
  return out;
}

function describe(point: ModbusPoint): string {
  return `point ${formatModbusAddress(point)}`;
}

function validExponent(scaleExponent: number): boolean {
  return Number.isInteger(scaleExponent) && scaleExponent >= -10 && scaleExponent <= 10;
}

function requireExponent(point: ModbusPoint, scaleExponent: number | undefined): number {
  if (scaleExponent === undefined) {
    throw new ModbusValueError(
      'modbus-scale-factor-missing',
      `${describe(point)} has a SunSpec scale factor at register ${point.scaleRegister}, but no scale exponent was passed: expected the decoded int16 of that register`,
    );
  }
  return scaleExponent;
}

function toEngineering(point: ModbusPoint, raw: number, scaleExponent: number | undefined): number {
  if (point.scaleRegister !== undefined) {
    const exponent = requireExponent(point, scaleExponent);
    if (raw === integerRanges[point.type]?.sentinel || !validExponent(exponent)) return NaN;
    // Dividing by an exact power of ten rounds once, where multiplying by 10^-n would round twice.
    return exponent >= 0 ? raw * 10 ** exponent : raw / 10 ** -exponent;
  }
  if (point.scale !== undefined) return raw * point.scale.factor + point.scale.offset;
  return raw;
}

function decodeString(point: ModbusPoint, registers: Uint16Array | number[], offset: number, count: number): string {
  const swap = bytesSwapped(point.order);
  let text = '';
  for (let i = 0; i < count; i++) {
    const word = (registers[offset + i] ?? 0) & 0xffff;
    const high = word >>> 8;
    const low = word & 0xff;
    text += swap ? String.fromCharCode(low, high) : String.fromCharCode(high, low);
  }
  let end = text.length;
  while (end > 0 && (text.charCodeAt(end - 1) === 0 || text.charCodeAt(end - 1) === 32)) end--;
  return text.slice(0, end);
}

/**
 * Reads the point's value from a block of registers, the point's first register at
 * `registers[offset]`. Returns the engineering value (0 or 1 for a bit in a register, a
 * string for strings). `scaleExponent` is required for SunSpec points (see file header).
 */
export function decodeRegisters(point: ModbusPoint, registers: Uint16Array | number[], offset: number, scaleExponent?: number): number | string {
  if (point.table === 'coil' || point.table === 'discrete') {
    throw new ModbusValueError('modbus-point-unsupported', `${describe(point)} is a ${point.table}: expected decodeBits for coils and discrete inputs, not decodeRegisters`);
  }
  const width = widthOf(point);
  if (!Number.isInteger(offset) || offset < 0 || offset + width > registers.length) {
    throw new ModbusValueError(
      'modbus-block-short',
      `${describe(point)} needs ${width} register(s) from offset ${offset}, but the block has ${registers.length}: expected an offset 0–${registers.length - width}`,
    );
  }
  const first = (registers[offset] ?? 0) & 0xffff;
  let raw: number;
  switch (point.type) {
    case 'bit':
      return (first >>> (point.bit ?? 0)) & 1;
    case 'string':
      return decodeString(point, registers, offset, width);
    case 'int16':
      raw = (first << 16) >> 16;
      break;
    case 'uint16':
      raw = first;
      break;
    case 'int32':
      loadWords(point.order, registers, offset, 2);
      raw = scratch.getInt32(0, false);
      break;
    case 'uint32':
      loadWords(point.order, registers, offset, 2);
      raw = scratch.getUint32(0, false);
      break;
    case 'float32':
      loadWords(point.order, registers, offset, 2);
      raw = scratch.getFloat32(0, false);
      break;
    case 'int64':
      loadWords(point.order, registers, offset, 4);
      // hi × 2^32 is exact; adding lo rounds once, to the nearest double.
      raw = scratch.getInt32(0, false) * TWO_32 + scratch.getUint32(4, false);
      break;
    case 'uint64':
      loadWords(point.order, registers, offset, 4);
      raw = scratch.getUint32(0, false) * TWO_32 + scratch.getUint32(4, false);
      break;
    case 'float64':
      loadWords(point.order, registers, offset, 4);
      raw = scratch.getFloat64(0, false);
      break;
  }
  return toEngineering(point, raw, scaleExponent);
}

/** Reads one coil or discrete input from a block of bits (one element per bit; non-zero is on). */
export function decodeBits(bits: boolean[] | Uint8Array, offset: number): boolean {
  if (!Number.isInteger(offset) || offset < 0 || offset >= bits.length) {
    throw new ModbusValueError('modbus-block-short', `bit offset ${offset} is outside the block of ${bits.length} bit(s): expected 0–${bits.length - 1}`);
  }
  return Boolean(bits[offset]);
}

function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function wrongKind(point: ModbusPoint, value: unknown, expected: string): ModbusValueError {
  return new ModbusValueError('modbus-value-wrong-kind', `value ${show(value)} (${typeof value}) cannot be written to ${describe(point)}: expected ${expected}`);
}

function asBit(point: ModbusPoint, value: number | boolean | string): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 0 || value === 1) return value === 1;
  throw wrongKind(point, value, 'true/false or 0/1');
}

/** The engineering range that a raw integer range maps to, for error messages. */
function engineeringRange(point: ModbusPoint, min: number, max: number, scaleExponent: number | undefined): string {
  let lo: number;
  let hi: number;
  if (point.scale !== undefined) {
    lo = min * point.scale.factor + point.scale.offset;
    hi = max * point.scale.factor + point.scale.offset;
  } else if (point.scaleRegister !== undefined && scaleExponent !== undefined) {
    lo = min * 10 ** scaleExponent;
    hi = max * 10 ** scaleExponent;
  } else {
    return '';
  }
  return `, i.e. ${Math.min(lo, hi)}–${Math.max(lo, hi)} in engineering units`;
}

function outOfRange(point: ModbusPoint, value: number, raw: number, rangeText: string, engineering: string): ModbusValueError {
  const scaled = raw !== value ? ` (raw ${raw})` : '';
  return new ModbusValueError(
    'modbus-value-out-of-range',
    `value ${value}${scaled} does not fit ${describe(point)}: ${point.type} holds raw ${rangeText}${engineering}`,
  );
}

function encodeString(point: ModbusPoint, value: string): number[] {
  const count = widthOf(point);
  if (value.length > 2 * count) {
    throw new ModbusValueError(
      'modbus-value-out-of-range',
      `value ${show(value)} has ${value.length} characters, too many for ${describe(point)}: string of ${count} register(s) holds at most ${2 * count}`,
    );
  }
  const swap = bytesSwapped(point.order);
  const out = new Array<number>(count);
  for (let i = 0; i < count; i++) {
    const a = i * 2 < value.length ? value.charCodeAt(i * 2) : 0;
    const b = i * 2 + 1 < value.length ? value.charCodeAt(i * 2 + 1) : 0;
    const bad = a > 0xff ? i * 2 : b > 0xff ? i * 2 + 1 : -1;
    if (bad >= 0) {
      throw new ModbusValueError(
        'modbus-value-out-of-range',
        `value ${show(value)} has character ${show(value[bad])} at index ${bad} that does not fit ${describe(point)}: expected Latin-1 characters (codes 0–255)`,
      );
    }
    out[i] = swap ? (b << 8) | a : (a << 8) | b;
  }
  return out;
}

/**
 * The write that sets the point to `value`: the registers for FC16 (one register: FC6 too),
 * or for a coil the state for FC5. The inverse of {@link decodeRegisters}, scaling included;
 * `scaleExponent` is required for SunSpec points. Throws {@link ModbusValueError} naming the
 * value, the type and its range when the value does not fit.
 */
export function encodeValue(point: ModbusPoint, value: number | boolean | string, scaleExponent?: number): ModbusWrite {
  if (point.table === 'discrete' || point.table === 'input') {
    throw new ModbusValueError('modbus-point-unsupported', `${describe(point)} is read-only: Modbus writes only coils (co) and holding registers (hr)`);
  }
  if (point.table === 'coil') return asBit(point, value);
  if (point.type === 'bit') {
    throw new ModbusValueError(
      'modbus-point-unsupported',
      `${describe(point)} is a bit in a register: writing it needs the register's current value; expected encodeRegisterBit(point, current, value)`,
    );
  }
  if (point.type === 'string') {
    if (typeof value !== 'string') throw wrongKind(point, value, 'a string');
    return encodeString(point, value);
  }
  if (typeof value !== 'number') throw wrongKind(point, value, 'a number');

  let exponent: number | undefined;
  const range = integerRanges[point.type];
  if (point.scaleRegister !== undefined) {
    exponent = requireExponent(point, scaleExponent);
    if (Number.isNaN(value) && range?.sentinel !== undefined) return storeRaw(point, range.sentinel);
    if (!validExponent(exponent)) {
      throw new ModbusValueError(
        'modbus-value-out-of-range',
        `value ${value} cannot be written to ${describe(point)}: its scale factor is ${exponent}, expected a SunSpec scale factor −10…10`,
      );
    }
  }
  if (!Number.isFinite(value)) throw wrongKind(point, value, 'a finite number');

  let raw = value;
  if (point.scale !== undefined) raw = (value - point.scale.offset) / point.scale.factor;
  else if (exponent !== undefined) raw = exponent <= 0 ? value * 10 ** -exponent : value / 10 ** exponent;

  if (range !== undefined) {
    raw = Math.round(raw);
    const sunSpecSentinel = point.scaleRegister !== undefined ? range.sentinel : undefined;
    const exclusiveMax = point.type === 'int64' || point.type === 'uint64';
    const min = sunSpecSentinel === range.min ? range.min + 1 : range.min;
    const max = sunSpecSentinel === range.max ? range.max - 1 : range.max;
    const fits = Number.isFinite(raw) && raw >= min && (exclusiveMax ? raw < max : raw <= max);
    if (!fits) {
      const rangeText = min !== range.min || max !== range.max ? `${min}–${max} (SunSpec reserves ${range.sentinel} for "not implemented")` : range.text;
      throw outOfRange(point, value, raw, rangeText, exclusiveMax ? '' : engineeringRange(point, min, max, exponent));
    }
  } else if (point.type === 'float32' ? !Number.isFinite(Math.fround(raw)) : !Number.isFinite(raw)) {
    const limit = point.type === 'float32' ? FLOAT32_MAX : Number.MAX_VALUE;
    throw outOfRange(point, value, raw, `±${limit}`, '');
  }
  return storeRaw(point, raw);
}

/** Writes a raw (unscaled) numeric value of the point's type as registers in its order. */
function storeRaw(point: ModbusPoint, raw: number): number[] {
  switch (point.type) {
    case 'int16':
    case 'uint16':
      return [raw & 0xffff];
    case 'int32':
      scratch.setInt32(0, raw, false);
      return storeWords(point.order, 2);
    case 'uint32':
      scratch.setUint32(0, raw, false);
      return storeWords(point.order, 2);
    case 'float32':
      scratch.setFloat32(0, raw, false);
      return storeWords(point.order, 2);
    case 'int64':
    case 'uint64': {
      // Exact for every integral double in range: the division and floor are by a power of two.
      const high = Math.floor(raw / TWO_32);
      scratch.setUint32(0, high >>> 0, false);
      scratch.setUint32(4, raw - high * TWO_32, false);
      return storeWords(point.order, 4);
    }
    case 'float64':
      scratch.setFloat64(0, raw, false);
      return storeWords(point.order, 4);
    default:
      throw new ModbusValueError('modbus-point-unsupported', `${describe(point)}: type ${point.type} has no raw numeric encoding`);
  }
}

/**
 * The holding register `current` with the point's bit (point.bit) set to `value`: the
 * read-modify-write for a bit in a register (FC6). Prefer FC22 (mask write) where the
 * device has it.
 */
export function encodeRegisterBit(point: ModbusPoint, current: number, value: number | boolean | string): number {
  if (point.table !== 'holding' || point.type !== 'bit' || point.bit === undefined) {
    throw new ModbusValueError('modbus-point-unsupported', `${describe(point)} is not a bit in a holding register: expected an address like hr40.3`);
  }
  const mask = 1 << point.bit;
  return asBit(point, value) ? (current | mask) & 0xffff : current & ~mask & 0xffff;
}
