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
