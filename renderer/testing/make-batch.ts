/** Builds SampleBatches for tests from readable rows. */
import { buildSampleBatch } from '../../core/contract/index.js';
import type { QualityStatus, SampleBatch } from '../../core/contract/index.js';

export interface TestRow {
  tag: number;
  ts: number;
  value: number | string | null;
  quality?: QualityStatus;
  reason?: string;
}

export function makeBatch(subscriptionId: number, rows: TestRow[]): SampleBatch {
  return buildSampleBatch(
    subscriptionId,
    rows.map((row) => ({ tag: row.tag, sourceTs: row.ts, value: row.value, quality: row.quality ?? 'good', reason: row.reason })),
    0,
  );
}
