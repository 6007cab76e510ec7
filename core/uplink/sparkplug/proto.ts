/**
 * The Sparkplug B payload schema (protobuf, proto2), written out from the Sparkplug 3.0.0
 * specification, ch. 6 "Payloads", §6.4 "Sparkplug B MQTT Payload Definition": the Google
 * Protocol Buffer Schema, and §6.4.16 "Data Types" / §6.4.17 "Datatype Details" for the
 * DataType numbers.
 *
 * Decisions:
 * - The schema is a text constant parsed at load with protobufjs (`protobuf.parse`), not
 *   generated code: one readable source, no build step. Package, message, field names and
 *   field numbers are the specification's (org.eclipse.tahu.protobuf.Payload), because every
 *   other Sparkplug implementation decodes by number; proto.test.ts pins each number against
 *   the specification's table, so a typo here fails a test instead of a plant.
 * - Field names keep the specification's snake_case (`keepCase`), so code reads like the spec
 *   (`is_historical`, `int_value`).
 * - The whole schema is here (DataSet, Template, PropertySet, MetaData) even though Lineside
 *   only sends scalars: an inbound payload that carries them must still parse, so that the
 *   session can name what it ignores.
 * - `SparkplugDataType` is the subset Lineside carries: the specification's basic (scalar)
 *   types. Arrays, DataSet, Template, Bytes, File and UUID are refused by the codec with
 *   `sparkplug-unsupported-datatype` rather than half-supported.
 */
import protobuf from 'protobufjs';

export const sparkplugBProtoText = `
syntax = "proto2";

package org.eclipse.tahu.protobuf;

enum DataType {
  Unknown = 0;
  Int8 = 1;
  Int16 = 2;
  Int32 = 3;
  Int64 = 4;
  UInt8 = 5;
  UInt16 = 6;
  UInt32 = 7;
  UInt64 = 8;
  Float = 9;
  Double = 10;
  Boolean = 11;
  String = 12;
  DateTime = 13;
  Text = 14;
  UUID = 15;
  DataSet = 16;
  Bytes = 17;
  File = 18;
  Template = 19;
  PropertySet = 20;
  PropertySetList = 21;
  Int8Array = 22;
  Int16Array = 23;
  Int32Array = 24;
  Int64Array = 25;
  UInt8Array = 26;
  UInt16Array = 27;
  UInt32Array = 28;
  UInt64Array = 29;
  FloatArray = 30;
  DoubleArray = 31;
  BooleanArray = 32;
  StringArray = 33;
  DateTimeArray = 34;
}

message Payload {
  optional uint64 timestamp = 1;   // when the message was published, ms since epoch, UTC
  repeated Metric metrics = 2;
  optional uint64 seq = 3;         // 0..255; absent on NDEATH, NCMD, DCMD
  optional string uuid = 4;
  optional bytes body = 5;
  extensions 6 to max;

  message Metric {
    optional string name = 1;      // births carry it; data and commands use the alias
    optional uint64 alias = 2;
    optional uint64 timestamp = 3; // when the value was captured, ms since epoch, UTC
    optional uint32 datatype = 4;  // a DataType number
    optional bool is_historical = 5;
    optional bool is_transient = 6;
    optional bool is_null = 7;
    optional MetaData metadata = 8;
    optional PropertySet properties = 9;
    oneof value {
      uint32 int_value = 10;
      uint64 long_value = 11;
      float float_value = 12;
      double double_value = 13;
      bool boolean_value = 14;
      string string_value = 15;
      bytes bytes_value = 16;
      DataSet dataset_value = 17;
      Template template_value = 18;
      MetricValueExtension extension_value = 19;
    }
    message MetricValueExtension {
      extensions 1 to max;
    }
  }

  message MetaData {
    optional bool is_multi_part = 1;
    optional string content_type = 2;
    optional uint64 size = 3;
    optional uint64 seq = 4;
    optional string file_name = 5;
    optional string file_type = 6;
    optional string md5 = 7;
    optional string description = 8;
    extensions 9 to max;
  }

  message PropertyValue {
    optional uint32 type = 1;
    optional bool is_null = 2;
    oneof value {
      uint32 int_value = 3;
      uint64 long_value = 4;
      float float_value = 5;
      double double_value = 6;
      bool boolean_value = 7;
      string string_value = 8;
      PropertySet propertyset_value = 9;
      PropertySetList propertysets_value = 10;
      PropertyValueExtension extension_value = 11;
    }
    message PropertyValueExtension {
      extensions 1 to max;
    }
  }

  message PropertySet {
    repeated string keys = 1;
    repeated PropertyValue values = 2;
    extensions 3 to max;
  }

  message PropertySetList {
    repeated PropertySet propertyset = 1;
    extensions 2 to max;
  }

  message DataSet {
    optional uint64 num_of_columns = 1;
    repeated string columns = 2;
    repeated uint32 types = 3;
    repeated Row rows = 4;
    extensions 5 to max;

    message DataSetValue {
      oneof value {
        uint32 int_value = 1;
        uint64 long_value = 2;
        float float_value = 3;
        double double_value = 4;
        bool boolean_value = 5;
        string string_value = 6;
        DataSetValueExtension extension_value = 7;
      }
      message DataSetValueExtension {
        extensions 1 to max;
      }
    }

    message Row {
      repeated DataSetValue elements = 1;
      extensions 2 to max;
    }
  }

  message Template {
    optional string version = 1;
    repeated Metric metrics = 2;
    repeated Parameter parameters = 3;
    optional string template_ref = 4;
    optional bool is_definition = 5;
    extensions 6 to max;

    message Parameter {
      optional string name = 1;
      optional uint32 type = 2;
      oneof value {
        uint32 int_value = 3;
        uint64 long_value = 4;
        float float_value = 5;
        double double_value = 6;
        bool boolean_value = 7;
        string string_value = 8;
        ParameterValueExtension extension_value = 9;
      }
      message ParameterValueExtension {
        extensions 1 to max;
      }
    }
  }
}
`;

const root = protobuf.parse(sparkplugBProtoText, { keepCase: true }).root;

/** The top-level message of every Sparkplug B payload (NBIRTH … DCMD; not STATE, which is JSON). */
export const PayloadMessage: protobuf.Type = root.lookupType('org.eclipse.tahu.protobuf.Payload');

/** DataType name → number, read from the schema above (so the schema and the code cannot drift apart). */
export const dataTypeNumbers: Readonly<Record<string, number>> = root.lookupEnum('org.eclipse.tahu.protobuf.DataType').values;

/** The datatypes Lineside carries: the specification's basic (scalar) types. */
export const sparkplugDataTypes = ['Int8', 'Int16', 'Int32', 'Int64', 'UInt8', 'UInt16', 'UInt32', 'UInt64', 'Float', 'Double', 'Boolean', 'String', 'DateTime', 'Text'] as const;

export type SparkplugDataType = (typeof sparkplugDataTypes)[number];

const numberOf = new Map<SparkplugDataType, number>();
const typeOf = new Map<number, SparkplugDataType>();
for (const name of sparkplugDataTypes) {
  const code = dataTypeNumbers[name];
  if (code === undefined) throw new Error(`the Sparkplug schema lacks DataType ${name}`);
  numberOf.set(name, code);
  typeOf.set(code, name);
}

/** The wire number of a datatype (Int8 = 1 … Text = 14). */
export function dataTypeNumber(dataType: SparkplugDataType): number {
  return numberOf.get(dataType) as number;
}

/** The datatype of a wire number, or undefined when Lineside does not carry it. */
export function dataTypeOfNumber(code: number): SparkplugDataType | undefined {
  return typeOf.get(code);
}

/** The specification's name of any DataType number, for messages ("DataSet", "Int8Array", …). */
export function dataTypeName(code: number): string {
  for (const [name, value] of Object.entries(dataTypeNumbers)) if (value === code) return name;
  return `unknown datatype ${code}`;
}
