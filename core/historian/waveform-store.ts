/** Reading back the waveform snapshots the historian keeps (table `waveforms`, float32 little-endian). */
import type { Waveform } from '../contract/index.js';
import type { Historian } from './historian.js';

export interface StoredWaveform {
  ts: number;
  waveform: Waveform;
}

/** The newest snapshot of a waveform tag at or before `at` (the newest of all when omitted); undefined when there is none. */
export function latestWaveform(historian: Historian, path: string, at = Number.MAX_SAFE_INTEGER): StoredWaveform | undefined {
  const tag = historian.tags.get(path);
  if (!tag) return undefined;
  const row = historian.sql('SELECT ts, sample_rate, unit, shaft_rpm, data FROM waveforms WHERE tag = ? AND ts <= ? ORDER BY ts DESC LIMIT 1').get(tag.id, at) as
    | { ts: number; sample_rate: number; unit: string; shaft_rpm: number | null; data: Buffer }
    | undefined;
  if (!row) return undefined;
  // Copied into a buffer of its own: the row's may be shared and unaligned for float32.
  const samples = new Float32Array(new Uint8Array(row.data).buffer);
  const waveform: Waveform = { sampleRateHz: row.sample_rate, unit: row.unit, samples };
  if (row.shaft_rpm !== null) waveform.shaftRpm = row.shaft_rpm;
  return { ts: row.ts, waveform };
}

/** Every snapshot in [from, to), oldest first, with its tag's path (replay reads them in time order; it passes the paths by id it keeps). */
export function waveformsBetween(historian: Historian, from: number, to: number, pathById: ReadonlyMap<number, string>): (StoredWaveform & { path: string })[] {
  const rows = historian.sql('SELECT tag, ts, sample_rate, unit, shaft_rpm, data FROM waveforms WHERE ts >= ? AND ts < ? ORDER BY ts, id').all(from, to) as {
    tag: number;
    ts: number;
    sample_rate: number;
    unit: string;
    shaft_rpm: number | null;
    data: Buffer;
  }[];
  return rows.flatMap((row) => {
    const path = pathById.get(row.tag);
    if (!path) return [];
    const waveform: Waveform = { sampleRateHz: row.sample_rate, unit: row.unit, samples: new Float32Array(new Uint8Array(row.data).buffer) };
    if (row.shaft_rpm !== null) waveform.shaftRpm = row.shaft_rpm;
    return [{ path, ts: row.ts, waveform }];
  });
}
