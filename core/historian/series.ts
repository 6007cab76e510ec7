/**
 * A stretch of one tag's samples in columnar form: what the codec encodes into a block,
 * what queries read back, and what the pure display and rollup functions take.
 */

/** How a tag's values are stored. Chosen from the tag's data type. */
export type ValueKind = 'f64' | 'f32' | 'int' | 'bool' | 'string';

export interface Series {
  /** Source timestamps, UTC epoch ms, whole numbers, non-decreasing (equal timestamps allowed). */
  ts: Float64Array;
  /** Numeric values (booleans 0/1, integers exact). For the 'string' kind: NaN, see `text`. */
  value: Float64Array;
  /** Quality codes: 0 good, 1 uncertain, 2 bad (the contract's qualityCodes). */
  quality: Uint8Array;
  /** Only for the 'string' kind: one string per sample. */
  text?: string[];
}

export function emptySeries(): Series {
  return { ts: new Float64Array(0), value: new Float64Array(0), quality: new Uint8Array(0) };
}
