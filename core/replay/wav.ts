/**
 * WAV (RIFF/WAVE) waveforms: integer PCM of 8, 16, 24 or 32 bits and IEEE float of 32 or
 * 64 bits, plain or WAVE_FORMAT_EXTENSIBLE, any number of channels (one is read). Integer
 * samples come out as fractions of full scale (−1 … 1); float samples as stored (data
 * recorders that write float WAV usually store engineering units).
 *
 * A small parser rather than a library (wavefile was the candidate): we need only the
 * uncompressed formats above, read from one buffer without copies, and errors that say
 * where the file went wrong and what was expected there ("format tag 6 (A-law): expected
 * PCM (1) or IEEE float (3)"), which a general library's messages do not. RIFF is a simple
 * chunk list; the whole reader is this file.
 */
import { WaveformFileError } from './errors.js';

export interface WavWaveform {
  /** The chosen channel, as fractions of full scale (integer PCM) or as stored (float). */
  samples: Float64Array;
  sampleRateHz: number;
  channels: number;
  /** 1-based channel that was read. */
  channel: number;
  encoding: 'pcm' | 'float';
  bitsPerSample: number;
  /** e.g. "WAV, PCM 16-bit, 2 channels (channel 1 read), 12000 Hz". */
  description: string;
}

const formatNames: Record<number, string> = { 1: 'PCM', 2: 'Microsoft ADPCM', 3: 'IEEE float', 6: 'A-law', 7: 'µ-law', 0x11: 'IMA ADPCM', 0x55: 'MP3', 0xfffe: 'extensible' };

function fourCc(view: DataView, offset: number): string {
  let s = '';
  for (let i = 0; i < 4; i++) s += String.fromCharCode(view.getUint8(offset + i));
  return s;
}

interface Format {
  tag: number;
  channels: number;
  sampleRateHz: number;
  blockAlign: number;
  bitsPerSample: number;
}

function readFormat(view: DataView, offset: number, size: number, name: string): Format {
  if (size < 16) throw new WaveformFileError(`${name}: the fmt chunk at byte ${offset - 8} is ${size} bytes; expected at least 16`);
  let tag = view.getUint16(offset, true);
  const format: Format = {
    tag,
    channels: view.getUint16(offset + 2, true),
    sampleRateHz: view.getUint32(offset + 4, true),
    blockAlign: view.getUint16(offset + 12, true),
    bitsPerSample: view.getUint16(offset + 14, true),
  };
  if (tag === 0xfffe) {
    if (size < 40) throw new WaveformFileError(`${name}: an extensible fmt chunk of ${size} bytes; expected 40 (with the sub-format GUID)`);
    tag = view.getUint16(offset + 24, true); // first two bytes of the sub-format GUID are the format tag
    format.tag = tag;
  }
  const supported = (tag === 1 && [8, 16, 24, 32].includes(format.bitsPerSample)) || (tag === 3 && [32, 64].includes(format.bitsPerSample));
  if (!supported) {
    throw new WaveformFileError(
      `${name}: format tag ${tag} (${formatNames[tag] ?? 'unknown'}), ${format.bitsPerSample}-bit; expected PCM (1) of 8, 16, 24 or 32 bits or IEEE float (3) of 32 or 64 bits`,
    );
  }
  if (format.channels < 1) throw new WaveformFileError(`${name}: the fmt chunk says ${format.channels} channels; expected at least 1`);
  if (!(format.sampleRateHz > 0)) throw new WaveformFileError(`${name}: the fmt chunk says a sample rate of ${format.sampleRateHz} Hz; expected a positive rate`);
  if (format.blockAlign !== (format.channels * format.bitsPerSample) / 8) {
    throw new WaveformFileError(`${name}: block align ${format.blockAlign} bytes; expected ${(format.channels * format.bitsPerSample) / 8} (${format.channels} channels of ${format.bitsPerSample} bits)`);
  }
  return format;
}

function decode(view: DataView, offset: number, frames: number, format: Format, channel: number): Float64Array {
  const out = new Float64Array(frames);
  const bytes = format.bitsPerSample / 8;
  let at = offset + (channel - 1) * bytes;
  const step = format.blockAlign;
  if (format.tag === 3) {
    if (bytes === 4) for (let i = 0; i < frames; i++, at += step) out[i] = view.getFloat32(at, true);
    else for (let i = 0; i < frames; i++, at += step) out[i] = view.getFloat64(at, true);
    return out;
  }
  switch (bytes) {
    case 1:
      for (let i = 0; i < frames; i++, at += step) out[i] = (view.getUint8(at) - 128) / 128;
      break;
    case 2:
      for (let i = 0; i < frames; i++, at += step) out[i] = view.getInt16(at, true) / 32768;
      break;
    case 3:
      for (let i = 0; i < frames; i++, at += step) {
        const v = view.getUint8(at) | (view.getUint8(at + 1) << 8) | (view.getInt8(at + 2) << 16);
        out[i] = v / 8388608;
      }
      break;
    default:
      for (let i = 0; i < frames; i++, at += step) out[i] = view.getInt32(at, true) / 2147483648;
  }
  return out;
}

/** Reads one channel (1-based, default 1) of a WAV file held in `bytes`. */
export function parseWav(bytes: Uint8Array, name = 'WAV', options: { channel?: number } = {}): WavWaveform {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 12 || fourCc(view, 0) !== 'RIFF' || fourCc(view, 8) !== 'WAVE') {
    const start = bytes.byteLength >= 4 ? JSON.stringify(fourCc(view, 0)) : `${bytes.byteLength} bytes`;
    throw new WaveformFileError(`${name} is not a WAV file: it starts with ${start}; expected "RIFF" and "WAVE" (RF64 and other containers are not read)`);
  }
  let format: Format | undefined;
  let offset = 12;
  while (offset + 8 <= bytes.byteLength) {
    const id = fourCc(view, offset);
    let size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') format = readFormat(view, body, Math.min(size, bytes.byteLength - body), name);
    else if (id === 'data') {
      if (!format) throw new WaveformFileError(`${name}: the data chunk at byte ${offset} comes before any fmt chunk; expected fmt first`);
      const available = bytes.byteLength - body;
      // Streaming writers leave the size at 0 or 0xFFFFFFFF: then the data runs to the end of the file.
      if (size === 0 || size === 0xffffffff) size = available;
      if (size > available) throw new WaveformFileError(`${name}: the data chunk says ${size} bytes but the file ends ${available} bytes after it starts; the file is truncated`);
      const channel = options.channel ?? 1;
      if (!(Number.isInteger(channel) && channel >= 1 && channel <= format.channels)) {
        throw new WaveformFileError(`${name}: channel ${channel} asked for; the file has ${format.channels} channel${format.channels === 1 ? '' : 's'} (1 … ${format.channels})`);
      }
      const frames = Math.floor(size / format.blockAlign);
      if (frames === 0) throw new WaveformFileError(`${name}: the data chunk holds no samples; expected at least one ${format.blockAlign}-byte frame`);
      const encoding = format.tag === 3 ? 'float' : 'pcm';
      return {
        samples: decode(view, body, frames, format, channel),
        sampleRateHz: format.sampleRateHz,
        channels: format.channels,
        channel,
        encoding,
        bitsPerSample: format.bitsPerSample,
        description:
          `WAV, ${encoding === 'float' ? 'float' : 'PCM'} ${format.bitsPerSample}-bit, ${format.channels} channel${format.channels === 1 ? '' : 's'}` +
          `${format.channels > 1 ? ` (channel ${channel} read)` : ''}, ${format.sampleRateHz} Hz`,
      };
    }
    offset = body + size + (size % 2);
  }
  throw new WaveformFileError(`${name}: no ${format ? 'data' : 'fmt'} chunk; expected a fmt chunk and a data chunk`);
}
