/**
 * Reads a vibration waveform from a file an analyst brings: one-column CSV (waveform-csv.ts)
 * or WAV (wav.ts). The only I/O of waveform import lives here: the parsers take text and
 * bytes. The format is chosen by the extension (.csv / .txt, .wav); any other file is
 * read as WAV when it starts with "RIFF", else as CSV.
 */
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { WaveformFileError } from './errors.js';
import { parseWaveformCsv, type WaveformUnit } from './waveform-csv.js';
import { parseWav } from './wav.js';

export interface WaveformFile {
  format: 'csv' | 'wav';
  samples: Float64Array;
  /** From the WAV header; a CSV carries none. */
  sampleRateHz?: number;
  /** CSV: the unit its header names; WAV: none (integer PCM is a fraction of full scale). */
  unitHint?: WaveformUnit;
  /** One line for people: "CSV, header accel_g" or "WAV, PCM 16-bit, 1 channel, 12000 Hz". */
  description: string;
}

export async function readWaveformFile(path: string, options: { channel?: number } = {}): Promise<WaveformFile> {
  const name = basename(path);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new WaveformFileError(code === 'ENOENT' ? `${path}: no such file` : code === 'EISDIR' ? `${path} is a folder; expected a CSV or WAV file` : `${path}: ${(error as Error).message}`);
  }
  return parseWaveformBytes(bytes, name, options);
}

/** A waveform file's bytes, read by its name's extension (or a RIFF header) as WAV or CSV. */
export function parseWaveformBytes(bytes: Uint8Array, name: string, options: { channel?: number } = {}): WaveformFile {
  const extension = extname(name).toLowerCase();
  const isWav = extension === '.wav' || (!['.csv', '.txt'].includes(extension) && Buffer.from(bytes.subarray(0, 4)).toString('latin1') === 'RIFF');
  if (isWav) {
    const wav = parseWav(bytes, name, options);
    return { format: 'wav', samples: wav.samples, sampleRateHz: wav.sampleRateHz, description: wav.description };
  }
  if (options.channel !== undefined && options.channel !== 1) throw new WaveformFileError(`${name}: channel ${options.channel} asked for; a one-column CSV has channel 1 only`);
  const csv = parseWaveformCsv(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'), name);
  return {
    format: 'csv',
    samples: csv.samples,
    ...(csv.unitHint ? { unitHint: csv.unitHint } : {}),
    description: `CSV${csv.header !== undefined ? `, header ${csv.header}` : ', no header'}`,
  };
}

export { parseWaveformCsv, unitFromHeader, type CsvWaveform, type WaveformUnit } from './waveform-csv.js';
export { parseWav, type WavWaveform } from './wav.js';
export { WaveformFileError } from './errors.js';
