import { BinaryStream, DataType, DataValue, StatusCodes, Variant, VariantArrayType } from 'node-opcua';
import { describe, expect, it } from 'vitest';
import { qualityOf, scalarOf, tagDataTypeOf, toSample, toVariant } from './values.js';

describe('OPC UA values', () => {
  it('turns scalars of every supported type into our values', () => {
    expect(scalarOf(new Variant({ dataType: DataType.Double, value: 1.5 }))).toBe(1.5);
    expect(scalarOf(new Variant({ dataType: DataType.Float, value: 2.5 }))).toBe(2.5);
    expect(scalarOf(new Variant({ dataType: DataType.SByte, value: -3 }))).toBe(-3);
    expect(scalarOf(new Variant({ dataType: DataType.UInt32, value: 4_000_000_000 }))).toBe(4_000_000_000);
    expect(scalarOf(new Variant({ dataType: DataType.Boolean, value: true }))).toBe(true);
    expect(scalarOf(new Variant({ dataType: DataType.String, value: 'R1' }))).toBe('R1');
    expect(scalarOf(new Variant({ dataType: DataType.Int64, arrayType: VariantArrayType.Scalar, value: [0, 5] }))).toBe(5);
    expect(scalarOf(new Variant({ dataType: DataType.Int64, arrayType: VariantArrayType.Scalar, value: [0xffffffff, 0xfffffffe] }))).toBe(-2);
    expect(scalarOf(new Variant({ dataType: DataType.UInt64, arrayType: VariantArrayType.Scalar, value: [1, 0] }))).toBe(4_294_967_296);
    expect(scalarOf(new Variant({ dataType: DataType.Double, arrayType: VariantArrayType.Array, value: [1, 2] }))).toBeUndefined();
    expect(scalarOf(new Variant({ dataType: DataType.DateTime, value: new Date() }))).toBeUndefined();
  });

  it('maps status codes to quality with the status name as the reason', () => {
    expect(qualityOf(StatusCodes.Good)).toEqual({ status: 'good' });
    expect(qualityOf(StatusCodes.UncertainLastUsableValue)).toEqual({ status: 'uncertain', reason: 'UncertainLastUsableValue' });
    expect(qualityOf(StatusCodes.BadSensorFailure)).toEqual({ status: 'bad', reason: 'BadSensorFailure' });
  });

  it('makes one sample per data value, stamped with the source timestamp, else the server timestamp, else now', () => {
    const source = new Date('2026-01-01T00:00:00Z');
    const server = new Date('2026-01-01T00:00:01Z');
    expect(toSample('a', new DataValue({ value: { dataType: DataType.Double, value: 3 }, sourceTimestamp: source, serverTimestamp: server }), 99)).toEqual({ path: 'a', value: 3, quality: { status: 'good' }, sourceTs: source.getTime() });
    expect(toSample('a', new DataValue({ value: { dataType: DataType.Double, value: 3 }, serverTimestamp: server }), 99).sourceTs).toBe(server.getTime());
    expect(toSample('a', new DataValue({ value: { dataType: DataType.Double, value: 3 } }), 99).sourceTs).toBe(99);
    expect(toSample('a', new DataValue({ statusCode: StatusCodes.BadNodeIdUnknown }), 99)).toEqual({ path: 'a', value: 0, quality: { status: 'bad', reason: 'BadNodeIdUnknown' }, sourceTs: 99 });
    expect(toSample('a', new DataValue({ value: { dataType: DataType.DateTime, value: source } }), 99).quality).toEqual({ status: 'bad', reason: 'unsupported data type' });
  });

  it('writes a Variant of the exact type, refusing values the type cannot hold', () => {
    expect(toVariant(12, DataType.Int16)).toMatchObject({ dataType: DataType.Int16, value: 12 });
    expect(toVariant(1.25, DataType.Float)).toMatchObject({ dataType: DataType.Float, value: 1.25 });
    expect(toVariant(1, DataType.Boolean)).toMatchObject({ dataType: DataType.Boolean, value: true });
    expect(toVariant(-2, DataType.Int64)).toMatchObject({ dataType: DataType.Int64, value: [0xffffffff, 0xfffffffe] });
    const wire = (variant: Variant) => {
      const stream = new BinaryStream(variant.binaryStoreSize());
      variant.encode(stream);
      stream.rewind();
      const decoded = new Variant();
      decoded.decode(stream);
      return decoded;
    };
    expect(scalarOf(wire(toVariant(-2, DataType.Int64)))).toBe(-2);
    expect(scalarOf(wire(toVariant(2 ** 40 + 7, DataType.UInt64)))).toBe(2 ** 40 + 7);
    expect(() => toVariant(40_000, DataType.Int16)).toThrow('cannot write 40000 to a Int16 variable: expected an integer -32768–32767');
    expect(() => toVariant(-1, DataType.UInt32)).toThrow(/expected an integer 0–4294967295/);
    expect(() => toVariant('x', DataType.Double)).toThrow('cannot write "x" to a Double variable: expected a finite number');
    expect(() => toVariant(2, DataType.Boolean)).toThrow(/expected true\/false/);
    expect(() => toVariant(1, DataType.String)).toThrow(/expected a string/);
    expect(() => toVariant(1, DataType.DateTime)).toThrow(/only numbers, booleans and strings/);
  });

  it('names our data type for the OPC UA built-in types we carry', () => {
    expect([DataType.Boolean, DataType.Int16, DataType.UInt16, DataType.Int32, DataType.UInt32, DataType.Float, DataType.Double, DataType.String, DataType.DateTime].map(tagDataTypeOf)).toEqual([
      'bool', 'int16', 'uint16', 'int32', 'uint32', 'float32', 'float64', 'string', undefined,
    ]);
  });
});
