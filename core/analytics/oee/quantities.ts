/**
 * What a period produced, from counter increments inside its scheduled windows (an
 * increment at ts was counted in (previous sample, ts], so a window [a, b) takes a < ts ≤ b):
 * produced (total counter, which counts every unit including rejects), rejects, energy, and
 * the ideal time of what was produced: Σ units × the ideal cycle time of the product that
 * was running (the product tag's value at the increment; a product without its own time
 * uses the asset's default).
 *
 * Startup rejects: rejects counted within `startupMs` after a restart, a running interval
 * that follows a stop that is not a micro-stop (down, changeover, idle, starved, blocked,
 * planned stop, unknown or a gap in the data). Every other reject is a production
 * (steady-state) reject. With startupMs 0 every reject is a production reject.
 */
import { firstAfter, type IncrementColumns } from './counters.js';
import type { StateInterval } from './intervals.js';
import { firstEndingAfter, type Span } from './period.js';

export interface ProductChange {
  ts: number;
  /** The product tag's value as text ("A330"). */
  product: string;
}

export interface QuantityInput {
  intervals: readonly StateInterval[];
  /** Absent: the asset has no such counter. */
  total?: IncrementColumns;
  reject?: IncrementColumns;
  energy?: IncrementColumns;
  products?: readonly ProductChange[];
}

export interface IdealCycle {
  idealCycleTimeS?: number;
  productCycleTimesS?: Readonly<Record<string, number>>;
  startupMs?: number;
}

export interface QuantityAccount {
  produced: number | null;
  rejects: number | null;
  startupRejects: number | null;
  productionRejects: number | null;
  energyKWh: number | null;
  /** Ideal time of the produced units, ms; null when a product (or the asset) has no ideal cycle time. */
  idealMs: number | null;
  startupRejectsIdealMs: number | null;
  productionRejectsIdealMs: number | null;
  /** Why idealMs is null. */
  noIdeal?: string;
}

function eachIn(increments: IncrementColumns, windows: readonly Span[], fn: (ts: number, delta: number) => void): void {
  const { ts, delta } = increments;
  for (const w of windows) {
    for (let i = firstAfter(ts, w.from); i < ts.length && ts[i]! <= w.to; i++) fn(ts[i]!, delta[i]!);
  }
}

/** Restart windows (ts in (from, to]) near the period, sorted. */
function startupWindows(intervals: readonly StateInterval[], startupMs: number, from: number, to: number): Span[] {
  if (startupMs <= 0) return [];
  const out: Span[] = [];
  for (let i = Math.max(1, firstEndingAfter(intervals, from - startupMs)); i < intervals.length && intervals[i]!.from < to; i++) {
    const cur = intervals[i]!;
    if (cur.state !== 'running') continue;
    const prev = intervals[i - 1]!;
    const afterStop = prev.to < cur.from || (prev.state !== 'running' && !prev.microStop);
    if (afterStop) out.push({ from: cur.from, to: cur.from + startupMs });
  }
  return out;
}

export function accountQuantities(input: QuantityInput, windows: readonly Span[], ideal: IdealCycle, from: number, to: number): QuantityAccount {
  const times = ideal.productCycleTimesS ?? {};
  const products = input.products ?? [];
  let missing: string | undefined;
  let p = -1;
  /** Ideal cycle time (s) at ts; increments are visited in time order, so the product pointer only moves on. */
  const idealAt = (ts: number): number | undefined => {
    while (p + 1 < products.length && products[p + 1]!.ts <= ts) p++;
    const product = p >= 0 ? products[p]!.product : undefined;
    const s = product !== undefined && times[product] !== undefined ? times[product] : ideal.idealCycleTimeS;
    if (s === undefined && missing === undefined) {
      missing = product === undefined ? 'no ideal cycle time is configured' : `no ideal cycle time for product ${JSON.stringify(product)} and no default`;
    }
    return s;
  };

  let produced: number | null = null;
  let idealMs = 0;
  if (input.total) {
    produced = 0;
    eachIn(input.total, windows, (ts, delta) => {
      produced! += delta;
      idealMs += delta * (idealAt(ts) ?? Number.NaN) * 1000;
    });
  }

  let rejects: number | null = null;
  let startup = 0;
  let startupIdeal = 0;
  let productionIdeal = 0;
  if (input.reject) {
    rejects = 0;
    const restarts = startupWindows(input.intervals, ideal.startupMs ?? 0, from, to);
    let r = 0;
    p = -1;
    eachIn(input.reject, windows, (ts, delta) => {
      rejects! += delta;
      while (r < restarts.length && restarts[r]!.to < ts) r++;
      const s = (idealAt(ts) ?? Number.NaN) * 1000 * delta;
      if (r < restarts.length && restarts[r]!.from < ts) {
        startup += delta;
        startupIdeal += s;
      } else productionIdeal += s;
    });
  }

  let energyKWh: number | null = null;
  if (input.energy) {
    energyKWh = 0;
    eachIn(input.energy, windows, (_ts, delta) => (energyKWh! += delta));
  }

  const known = (ms: number) => (missing === undefined && Number.isFinite(ms) ? ms : null);
  const account: QuantityAccount = {
    produced,
    rejects,
    startupRejects: rejects === null ? null : startup,
    productionRejects: rejects === null ? null : rejects - startup,
    energyKWh,
    idealMs: produced === null ? null : known(idealMs),
    startupRejectsIdealMs: rejects === null ? null : known(startupIdeal),
    productionRejectsIdealMs: rejects === null ? null : known(productionIdeal),
  };
  if (missing !== undefined) account.noIdeal = missing;
  return account;
}
