/**
 * Control chart constants for subgroups of n = 2..10, as tabled in Montgomery,
 * "Introduction to Statistical Quality Control", Appendix VI (and ASTM E2587): A2 (X̄
 * limits from R̄), D3 and D4 (R limits), d2 (σ = R̄/d2) and E2 (individuals limits from the
 * average moving range of span n, = 3/d2). The tabled (three-decimal) values are used, so
 * that figures match a hand calculation from the same table.
 */
export interface ChartConstants {
  n: number;
  A2: number;
  D3: number;
  D4: number;
  d2: number;
  E2: number;
}

const table: readonly ChartConstants[] = [
  { n: 2, A2: 1.88, D3: 0, D4: 3.267, d2: 1.128, E2: 2.66 },
  { n: 3, A2: 1.023, D3: 0, D4: 2.574, d2: 1.693, E2: 1.772 },
  { n: 4, A2: 0.729, D3: 0, D4: 2.282, d2: 2.059, E2: 1.457 },
  { n: 5, A2: 0.577, D3: 0, D4: 2.114, d2: 2.326, E2: 1.29 },
  { n: 6, A2: 0.483, D3: 0, D4: 2.004, d2: 2.534, E2: 1.184 },
  { n: 7, A2: 0.419, D3: 0.076, D4: 1.924, d2: 2.704, E2: 1.109 },
  { n: 8, A2: 0.373, D3: 0.136, D4: 1.864, d2: 2.847, E2: 1.054 },
  { n: 9, A2: 0.337, D3: 0.184, D4: 1.816, d2: 2.97, E2: 1.01 },
  { n: 10, A2: 0.308, D3: 0.223, D4: 1.777, d2: 3.078, E2: 0.975 },
];

export const minSubgroupSize = 2;
export const maxSubgroupSize = 10;

/** The constants for subgroups (or moving-range spans) of n; undefined outside 2..10. */
export function chartConstants(n: number): ChartConstants | undefined {
  return table[n - 2];
}
