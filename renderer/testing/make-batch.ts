/** Builds SampleBatches for tests from readable rows. */
import { qualityCodes } from '../../core/contract/index.js';
import type { QualityStatus, SampleBatch, SampleExtra } from '../../core/contract/index.js';

export interface TestRow {
  tag: number;
  ts: number;
  value: number | string | null;
  quality?: QualityStatus;
  reason?: string;
}

export function makeBatch(subscriptionId: number, rows: TestRow[]): SampleBatch {
  const n = rows.length;
  const extras: SampleExtra[] = [];
  const batch: SampleBatch = {
    subscriptionId,
    tag: new Uint32Array(n),
    sourceTs: new Float64Array(n),
    value: new Float64Array(n),
    quality: new Uint8Array(n),
    extras,
    sentAt: 0,
  };
  rows.forEach((row, i) => {
    batch.tag[i] = row.tag;
    batch.sourceTs[i] = row.ts;
    batch.value[i] = typeof row.value === 'number' ? row.value : Number.NaN;
    batch.quality[i] = qualityCodes[row.quality ?? 'good'];
    if (typeof row.value === 'string' || row.reason !== undefined) {
      extras.push({ row: i, ...(typeof row.value === 'string' ? { text: row.value } : {}), ...(row.reason ? { reason: row.reason } : {}) });
    }
  });
  return batch;
}
