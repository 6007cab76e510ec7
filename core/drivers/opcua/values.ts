/**
 * OPC UA values ↔ our samples: a DataValue becomes one sample (scalar value, quality from
 * the StatusCode, source timestamp), and a value to write becomes a Variant of the
 * variable's exact built-in type. On the data-change path (tens of thousands of values a
 * second), so toSample does no allocation beyond the sample itself.
 */
import { DataType, type DataValue, Variant, VariantArrayType } from 'node-opcua';
import type { Quality, ScalarValue, TagDataType } from '../../contract/index.js';
import { GOOD, type Sample } from '../../model/sample.js';

const TWO_32 = 4_294_967_296;

/** Quality objects per status code, made once (the reasons repeat). */
const qualities = new Map<number, Quality>();

export function qualityOf(code: { value: number; name: string }): Quality {
  const value = code.value;
  if (value === 0) return GOOD;
  let quality = qualities.get(value);
  if (!quality) {
    const severity = value >>> 30; // 0 good, 1 uncertain, 2 bad
    quality = severity === 0 ? GOOD : Object.freeze({ status: severity === 1 ? 'uncertain' : 'bad', reason: code.name });
    qualities.set(value, quality);
  }
  return quality;
}

const UNSUPPORTED: Quality = Object.freeze({ status: 'bad', reason: 'unsupported data type' });
const NO_VALUE: Quality = Object.freeze({ status: 'bad', reason: 'no value (Null)' });

/** Our scalar for a Variant; undefined when the type is not one we carry (arrays, structures, dates). */
export function scalarOf(variant: Variant): ScalarValue | undefined {
  if (variant.arrayType !== VariantArrayType.Scalar) return undefined;
  const value = variant.value as unknown;
  switch (variant.dataType) {
    case DataType.Double:
    case DataType.Float:
    case DataType.Int32:
    case DataType.UInt32:
    case DataType.Int16:
    case DataType.UInt16:
    case DataType.SByte:
    case DataType.Byte:
      return value as number;
    case DataType.Boolean:
      return value as boolean;
    case DataType.String:
      return (value as string | null) ?? '';
    case DataType.Int64: {
      // node-opcua carries 64-bit integers as [high, low] 32-bit words; as a double they
      // are exact up to 2^53, which is more than any process value needs.
      const [high, low] = value as [number, number];
      return (high | 0) * TWO_32 + (low >>> 0);
    }
    case DataType.UInt64: {
      const [high, low] = value as [number, number];
      return (high >>> 0) * TWO_32 + (low >>> 0);
    }
    default:
      return undefined;
  }
}

/** One sample from one data change. `now` is used when the server sent no timestamp. */
export function toSample(path: string, dataValue: DataValue, now: number): Sample {
  const stamp = dataValue.sourceTimestamp ?? dataValue.serverTimestamp;
  const sourceTs = stamp ? stamp.getTime() : now;
  const quality = qualityOf(dataValue.statusCode);
  const value = scalarOf(dataValue.value);
  if (value === undefined) {
    // A bad status usually comes with a null value: keep the status as the reason.
    return { path, value: 0, quality: quality.status === 'bad' ? quality : dataValue.value.dataType === DataType.Null ? NO_VALUE : UNSUPPORTED, sourceTs };
  }
  return { path, value, quality, sourceTs };
}

/** Our data type for an OPC UA built-in type, when we have one. */
export function tagDataTypeOf(dataType: DataType): TagDataType | undefined {
  switch (dataType) {
    case DataType.Boolean:
      return 'bool';
    case DataType.SByte:
    case DataType.Int16:
      return 'int16';
    case DataType.Byte:
    case DataType.UInt16:
      return 'uint16';
    case DataType.Int32:
      return 'int32';
    case DataType.UInt32:
      return 'uint32';
    case DataType.Float:
      return 'float32';
    case DataType.Double:
    case DataType.Int64:
    case DataType.UInt64:
      return 'float64';
    case DataType.String:
      return 'string';
    default:
      return undefined;
  }
}

const integerRanges: Partial<Record<DataType, [number, number]>> = {
  [DataType.SByte]: [-128, 127],
  [DataType.Byte]: [0, 255],
  [DataType.Int16]: [-32_768, 32_767],
  [DataType.UInt16]: [0, 65_535],
  [DataType.Int32]: [-2_147_483_648, 2_147_483_647],
  [DataType.UInt32]: [0, 4_294_967_295],
  [DataType.Int64]: [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  [DataType.UInt64]: [0, Number.MAX_SAFE_INTEGER],
};

/** The Variant to write `value` into a variable of built-in type `dataType`; throws an Error naming the mismatch. */
export function toVariant(value: ScalarValue, dataType: DataType): Variant {
  const typeName = DataType[dataType] ?? String(dataType);
  if (dataType === DataType.Boolean) {
    if (typeof value === 'boolean') return new Variant({ dataType, value });
    if (value === 0 || value === 1) return new Variant({ dataType, value: value === 1 });
    throw new Error(`cannot write ${JSON.stringify(value)} to a Boolean variable: expected true/false (or 1/0)`);
  }
  if (dataType === DataType.String) {
    if (typeof value === 'string') return new Variant({ dataType, value });
    throw new Error(`cannot write ${JSON.stringify(value)} to a String variable: expected a string`);
  }
  const number = typeof value === 'boolean' ? (value ? 1 : 0) : value;
  if (typeof number !== 'number' || !Number.isFinite(number)) throw new Error(`cannot write ${JSON.stringify(value)} to a ${typeName} variable: expected a finite number`);
  if (dataType === DataType.Double || dataType === DataType.Float) return new Variant({ dataType, value: number });
  const range = integerRanges[dataType];
  if (!range) throw new Error(`cannot write to a variable of data type ${typeName}: only numbers, booleans and strings are supported`);
  if (!Number.isInteger(number) || number < range[0] || number > range[1]) throw new Error(`cannot write ${number} to a ${typeName} variable: expected an integer ${range[0]}–${range[1]}`);
  if (dataType === DataType.Int64 || dataType === DataType.UInt64) {
    const high = Math.floor(number / TWO_32);
    const low = number - high * TWO_32;
    // Both words travel unsigned (two's complement for a negative Int64); node-opcua cannot
    // tell a 64-bit scalar ([high, low]) from an array without being told.
    return new Variant({ dataType, arrayType: VariantArrayType.Scalar, value: [high >>> 0, low >>> 0] });
  }
  return new Variant({ dataType, value: number });
}
