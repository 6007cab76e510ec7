/** Seeded generators and exact comparisons for the codec tests. */
import type { Series } from '../../series.js';
export { prng } from '../../../runtime/testing/prng.js';

export function makeSeries(ts: ArrayLike<number>, value: ArrayLike<number>, quality?: ArrayLike<number>, text?: string[]): Series {
  const n = ts.length;
  const q = quality ? Uint8Array.from(quality) : new Uint8Array(n);
  const series: Series = { ts: Float64Array.from(ts), value: Float64Array.from(value), quality: q };
  if (text) series.text = text;
  return series;
}

/** Timestamps every `step` ms from `start`, with ±`jitter` ms (whole) when given. */
export function regularTs(n: number, start: number, step: number, jitter = 0, rand: () => number = Math.random): Float64Array {
  const ts = new Float64Array(n);
  let prev = -Infinity;
  for (let i = 0; i < n; i++) {
    const t = start + i * step + (jitter > 0 ? Math.round((rand() * 2 - 1) * jitter) : 0);
    ts[i] = Math.max(t, prev);
    prev = ts[i]!;
  }
  return ts;
}

/** The first difference between two series, bit-exact on values (NaN payloads, -0), or null. */
export function firstDifference(a: Series, b: Series): string | null {
  if (a.ts.length !== b.ts.length) return `length ${a.ts.length} vs ${b.ts.length}`;
  const au = new Uint32Array(a.value.buffer, a.value.byteOffset, a.value.length * 2);
  const bu = new Uint32Array(b.value.buffer, b.value.byteOffset, b.value.length * 2);
  for (let i = 0; i < a.ts.length; i++) {
    if (a.ts[i] !== b.ts[i]) return `ts[${i}]: ${a.ts[i]} vs ${b.ts[i]}`;
    if (a.quality[i] !== b.quality[i]) return `quality[${i}]: ${a.quality[i]} vs ${b.quality[i]}`;
    if (au[2 * i] !== bu[2 * i] || au[2 * i + 1] !== bu[2 * i + 1]) return `value[${i}]: ${a.value[i]} vs ${b.value[i]} (bits differ)`;
    if ((a.text?.[i] ?? null) !== (b.text?.[i] ?? null)) return `text[${i}]: ${JSON.stringify(a.text?.[i])} vs ${JSON.stringify(b.text?.[i])}`;
  }
  return null;
}

/** Like firstDifference, but values compare with Object.is (for f32, whose NaN payloads are float32's). */
export function firstDifferenceObjectIs(a: Series, b: Series): string | null {
  if (a.ts.length !== b.ts.length) return `length ${a.ts.length} vs ${b.ts.length}`;
  for (let i = 0; i < a.ts.length; i++) {
    if (a.ts[i] !== b.ts[i]) return `ts[${i}]: ${a.ts[i]} vs ${b.ts[i]}`;
    if (a.quality[i] !== b.quality[i]) return `quality[${i}]: ${a.quality[i]} vs ${b.quality[i]}`;
    if (!Object.is(a.value[i], b.value[i])) return `value[${i}]: ${a.value[i]} vs ${b.value[i]}`;
  }
  return null;
}
