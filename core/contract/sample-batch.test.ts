import { describe, expect, it } from 'vitest';
import { decodeSampleBatch, encodeSampleBatch, type SampleBatch } from './sample-batch.js';

describe('sample batch frame', () => {
  it('round-trips every column, text values and quality reasons', () => {
    const batch: SampleBatch = {
      subscriptionId: 7,
      tag: Uint32Array.from([0, 2, 1]),
      sourceTs: Float64Array.from([1_700_000_000_000.5, 1_700_000_000_001, 1_700_000_000_002]),
      value: Float64Array.from([1.25, Number.NaN, -3]),
      quality: Uint8Array.from([0, 0, 2]),
      extras: [{ row: 1, text: 'F204' }, { row: 2, reason: 'sensor open circuit' }],
      sentAt: 1_700_000_000_010,
    };
    const decoded = decodeSampleBatch(encodeSampleBatch(batch));
    expect(decoded).toEqual(batch);
  });

  it('decodes a frame that sits at an odd offset in a larger buffer', () => {
    const frame = encodeSampleBatch({ subscriptionId: 1, tag: Uint32Array.of(0), sourceTs: Float64Array.of(5), value: Float64Array.of(9), quality: Uint8Array.of(0), extras: [], sentAt: 0 });
    const host = new Uint8Array(frame.length + 3);
    host.set(frame, 3);
    expect(decodeSampleBatch(host.subarray(3)).value[0]).toBe(9);
  });

  it('refuses a truncated or foreign frame with a reason', () => {
    expect(() => decodeSampleBatch(new Uint8Array(10))).toThrow(/too short/);
    const frame = encodeSampleBatch({ subscriptionId: 1, tag: Uint32Array.of(0), sourceTs: Float64Array.of(5), value: Float64Array.of(9), quality: Uint8Array.of(0), extras: [], sentAt: 0 });
    expect(() => decodeSampleBatch(frame.subarray(0, frame.length - 1))).toThrow(/expected/);
    frame[0] = 0;
    expect(() => decodeSampleBatch(frame)).toThrow(/not a version 1 sample frame/);
  });
});
