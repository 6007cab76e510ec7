/**
 * Line OEE: the line's figures are those of its constraint (bottleneck) asset, as
 * configured, never an average of the assets: the constraint sets what the line can
 * produce, and a machine upstream or downstream with spare speed is regularly starved or
 * blocked without the line losing output. Every asset's own result is kept beside it.
 */
import type { OeeResult } from '../../contract/index.js';

export interface LineOeeResult {
  line: string;
  /** Path of the constraint asset, when one is configured. */
  constraint: string | null;
  /** The constraint's result: its availability, performance, quality and OEE are the line's. */
  result: OeeResult | null;
  /** Every asset's result, in the order given. */
  assets: readonly OeeResult[];
  /** Why result is null. */
  why?: string;
}

export function lineOee(line: string, constraint: string | undefined, assets: readonly OeeResult[]): LineOeeResult {
  if (constraint === undefined) return { line, constraint: null, result: null, assets, why: `line ${line} has no constraint asset configured` };
  const result = assets.find((a) => a.asset === constraint);
  if (!result) return { line, constraint, result: null, assets, why: `no OEE result for the constraint ${constraint}` };
  return { line, constraint, result, assets };
}
