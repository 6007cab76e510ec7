/**
 * Why a Sparkplug building block refused its input. Codes:
 * - `sparkplug-invalid-metric`: a metric to encode breaks its contract (the value does not fit
 *   its datatype, a timestamp or alias that is not a whole number in range).
 * - `sparkplug-invalid-payload`: the bytes are not a Sparkplug B payload this module can read
 *   exactly (not protobuf, a value out of its datatype's range, a uint64 beyond 2^53 where a
 *   number is expected).
 * - `sparkplug-unsupported-datatype`: a datatype Lineside does not carry (DataSet, Template,
 *   Bytes, arrays, …); see `sparkplugDataTypes` in proto.ts.
 * - `sparkplug-invalid-id`: a group, edge node, device or host id that may not appear in a
 *   Sparkplug topic (empty, or holding '/', '+', '#', NUL, or a lone surrogate).
 * - `sparkplug-invalid-config`: an edge-node session configured inconsistently (a duplicate or
 *   reserved metric name, a duplicate device id).
 */
import { LinesideError } from '../../model/errors.js';

export type SparkplugErrorCode = 'sparkplug-invalid-metric' | 'sparkplug-invalid-payload' | 'sparkplug-unsupported-datatype' | 'sparkplug-invalid-id' | 'sparkplug-invalid-config';

export class SparkplugError extends LinesideError {
  constructor(code: SparkplugErrorCode, message: string) {
    super(code, message);
    this.name = 'SparkplugError';
  }
}
