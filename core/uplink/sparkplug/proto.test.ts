// The schema's numbers against the Sparkplug 3.0.0 specification (§6.4.1 schema, §6.4.16 Data
// Types), typed in here from the specification's text: a wrong number in proto.ts fails here.
import { describe, expect, it } from 'vitest';
import { PayloadMessage, dataTypeName, dataTypeNumber, dataTypeNumbers, dataTypeOfNumber, sparkplugDataTypes } from './proto.js';

const specDataTypes: [string, number][] = [
  ['Unknown', 0], ['Int8', 1], ['Int16', 2], ['Int32', 3], ['Int64', 4], ['UInt8', 5], ['UInt16', 6], ['UInt32', 7], ['UInt64', 8],
  ['Float', 9], ['Double', 10], ['Boolean', 11], ['String', 12], ['DateTime', 13], ['Text', 14], ['UUID', 15], ['DataSet', 16],
  ['Bytes', 17], ['File', 18], ['Template', 19], ['PropertySet', 20], ['PropertySetList', 21], ['Int8Array', 22], ['Int16Array', 23],
  ['Int32Array', 24], ['Int64Array', 25], ['UInt8Array', 26], ['UInt16Array', 27], ['UInt32Array', 28], ['UInt64Array', 29],
  ['FloatArray', 30], ['DoubleArray', 31], ['BooleanArray', 32], ['StringArray', 33], ['DateTimeArray', 34],
];

// [field, number, protobuf type, repeated]
const specPayload: [string, number, string, boolean][] = [
  ['timestamp', 1, 'uint64', false], ['metrics', 2, 'Metric', true], ['seq', 3, 'uint64', false], ['uuid', 4, 'string', false], ['body', 5, 'bytes', false],
];
const specMetric: [string, number, string][] = [
  ['name', 1, 'string'], ['alias', 2, 'uint64'], ['timestamp', 3, 'uint64'], ['datatype', 4, 'uint32'], ['is_historical', 5, 'bool'],
  ['is_transient', 6, 'bool'], ['is_null', 7, 'bool'], ['metadata', 8, 'MetaData'], ['properties', 9, 'PropertySet'],
  ['int_value', 10, 'uint32'], ['long_value', 11, 'uint64'], ['float_value', 12, 'float'], ['double_value', 13, 'double'],
  ['boolean_value', 14, 'bool'], ['string_value', 15, 'string'], ['bytes_value', 16, 'bytes'], ['dataset_value', 17, 'DataSet'],
  ['template_value', 18, 'Template'], ['extension_value', 19, 'MetricValueExtension'],
];

describe('Sparkplug B schema', () => {
  it('is the specification package and message', () => {
    expect(PayloadMessage.fullName).toBe('.org.eclipse.tahu.protobuf.Payload');
  });

  it.each(specDataTypes)('DataType %s = %i', (name, code) => {
    expect(dataTypeNumbers[name]).toBe(code);
  });

  it('has no DataType the specification lacks', () => {
    expect(Object.keys(dataTypeNumbers).sort()).toEqual(specDataTypes.map(([name]) => name).sort());
  });

  it.each(specPayload)('Payload.%s = %i (%s)', (name, id, type, repeated) => {
    const field = PayloadMessage.fields[name];
    expect(field?.id).toBe(id);
    expect(field?.type).toBe(type);
    expect(field?.repeated).toBe(repeated);
  });

  it.each(specMetric)('Payload.Metric.%s = %i (%s)', (name, id, type) => {
    const field = PayloadMessage.lookupType('Metric').fields[name];
    expect(field?.id).toBe(id);
    expect(field?.type).toBe(type);
  });

  it('puts every metric value field in the one oneof "value"', () => {
    const metric = PayloadMessage.lookupType('Metric');
    expect(metric.oneofs.value?.fieldsArray.map((f) => f.name)).toEqual(specMetric.filter(([, id]) => id >= 10).map(([name]) => name));
  });

  it('uses the specification numbers for the carried datatypes and refuses the rest', () => {
    expect(sparkplugDataTypes.map(dataTypeNumber)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(dataTypeOfNumber(12)).toBe('String');
    expect(dataTypeOfNumber(16)).toBeUndefined();
    expect(dataTypeName(16)).toBe('DataSet');
  });
});
