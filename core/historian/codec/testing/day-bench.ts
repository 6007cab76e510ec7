/**
 * Decode (and encode) speed on one day of one tag, the historian's display-query unit:
 * 86,400 samples at 1 Hz with ±20 ms polling jitter, in 24 blocks of 3,600 — for the
 * data kinds of the plant benchmark (testing/plant-signals.ts): noisy float64, 0.1
 * resolution decimals, float32 PLC REALs, constants.
 */
import type { Series, ValueKind } from '../../series.js';
import { generate, type Mix } from '../../testing/plant-signals.js';

export type DayKind = 'noisy f64' | 'decimal 0.1' | 'f32' | 'constant';
export const DAY_KINDS: readonly DayKind[] = ['noisy f64', 'decimal 0.1', 'f32', 'constant'];

const T0 = 1_700_000_000_000;
export const BLOCK_SAMPLES = 3600;
export const DAY_BLOCKS = 24;

export interface Codec {
  encodeBlock(kind: ValueKind, series: Series): Uint8Array;
  decodeBlock(bytes: Uint8Array): { kind: ValueKind; series: Series };
}

const mixOf: Record<DayKind, Mix> = { 'noisy f64': 'noisy-f64', f32: 'real-f32', 'decimal 0.1': 'decimal', constant: 'constant' };

/** One day of one tag as 24 hourly series. */
export function daySeries(kind: DayKind, seed = 7): { valueKind: ValueKind; blocks: Series[] } {
  const day = generate(mixOf[kind], seed, T0, BLOCK_SAMPLES * DAY_BLOCKS);
  const blocks: Series[] = [];
  for (let b = 0; b < DAY_BLOCKS; b++) {
    const s = b * BLOCK_SAMPLES;
    const e = s + BLOCK_SAMPLES;
    blocks.push({ ts: day.ts.slice(s, e), value: day.value.slice(s, e), quality: new Uint8Array(BLOCK_SAMPLES) });
  }
  return { valueKind: kind === 'f32' ? 'f32' : 'f64', blocks };
}

export interface DayFigures {
  kind: DayKind;
  bytesPerSample: number;
  /** Best-of-rounds milliseconds to decode (encode) the whole day. */
  decodeMs: number;
  encodeMs: number;
  decodeMsps: number;
  encodeMsps: number;
}

/** Times decoding and encoding of one day per kind; best of `rounds` after a warm-up. */
export function benchDay(codec: Codec, kind: DayKind, rounds = 30): DayFigures {
  const { valueKind, blocks } = daySeries(kind);
  const samples = BLOCK_SAMPLES * DAY_BLOCKS;
  let encoded = blocks.map((s) => codec.encodeBlock(valueKind, s));
  let sink = 0;
  for (let w = 0; w < 20; w++) {
    for (const b of encoded) sink += codec.decodeBlock(b).series.value.length;
    for (const s of blocks) sink += codec.encodeBlock(valueKind, s).length;
  }
  let decodeMs = Infinity;
  let encodeMs = Infinity;
  for (let round = 0; round < rounds; round++) {
    const t0 = performance.now();
    for (const b of encoded) sink += codec.decodeBlock(b).series.value.length;
    const t1 = performance.now();
    encoded = blocks.map((s) => codec.encodeBlock(valueKind, s));
    const t2 = performance.now();
    decodeMs = Math.min(decodeMs, t1 - t0);
    encodeMs = Math.min(encodeMs, t2 - t1);
  }
  if (sink < 0) throw new Error('unreachable');
  const bytes = encoded.reduce((sum, b) => sum + b.length, 0);
  return {
    kind,
    bytesPerSample: bytes / samples,
    decodeMs,
    encodeMs,
    decodeMsps: samples / decodeMs / 1e3,
    encodeMsps: samples / encodeMs / 1e3,
  };
}

export function formatFigures(f: DayFigures): string {
  return `${f.kind.padEnd(12)} decode ${f.decodeMsps.toFixed(1).padStart(6)} M samples/s (${f.decodeMs.toFixed(2)} ms/day), encode ${f.encodeMsps.toFixed(1).padStart(5)} M samples/s (${f.encodeMs.toFixed(2)} ms/day), ${f.bytesPerSample.toFixed(3)} bytes/sample`;
}
