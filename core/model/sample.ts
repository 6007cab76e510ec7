/** A sample: one value of one tag with its quality and source timestamp. */
import type { Quality, TagValueData } from '../contract/index.js';

export interface Sample {
  path: string;
  value: TagValueData;
  quality: Quality;
  /** When the device measured it, UTC epoch ms. */
  sourceTs: number;
}

export const GOOD: Quality = Object.freeze({ status: 'good' });

export function bad(reason: string): Quality {
  return { status: 'bad', reason };
}

export function uncertain(reason: string): Quality {
  return { status: 'uncertain', reason };
}
