/** Builds WAV files in memory for tests: any of the encodings the reader takes, and broken ones. */
export interface WavSpec {
  sampleRateHz: number;
  /** Samples per channel, in −1 … 1 for PCM (scaled to full scale) or as stored for float. */
  channels: readonly (readonly number[])[];
  encoding: 'pcm' | 'float';
  bits: 8 | 16 | 24 | 32 | 64;
  extensible?: boolean;
  /** Override the format tag written (to test refusals). */
  tag?: number;
}

export function wavBytes(spec: WavSpec): Uint8Array {
  const channels = spec.channels.length;
  const frames = spec.channels[0]!.length;
  const bytes = spec.bits / 8;
  const blockAlign = channels * bytes;
  const fmtSize = spec.extensible ? 40 : 16;
  const dataSize = frames * blockAlign;
  const buffer = new ArrayBuffer(12 + 8 + fmtSize + 8 + dataSize + (dataSize % 2));
  const view = new DataView(buffer);
  const ascii = (at: number, s: string) => [...s].forEach((c, i) => view.setUint8(at + i, c.charCodeAt(0)));
  const tag = spec.tag ?? (spec.encoding === 'float' ? 3 : 1);
  ascii(0, 'RIFF');
  view.setUint32(4, buffer.byteLength - 8, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, fmtSize, true);
  view.setUint16(20, spec.extensible ? 0xfffe : tag, true);
  view.setUint16(22, channels, true);
  view.setUint32(24, spec.sampleRateHz, true);
  view.setUint32(28, spec.sampleRateHz * blockAlign, true);
  view.setUint16(32, blockAlign, true);
  view.setUint16(34, spec.bits, true);
  if (spec.extensible) {
    view.setUint16(36, 22, true);
    view.setUint16(38, spec.bits, true);
    view.setUint32(40, 0, true);
    view.setUint16(44, tag, true); // sub-format GUID, first two bytes; the rest stays 0 here
  }
  const data = 20 + fmtSize;
  ascii(data, 'data');
  view.setUint32(data + 4, dataSize, true);
  let at = data + 8;
  for (let f = 0; f < frames; f++) {
    for (let c = 0; c < channels; c++, at += bytes) {
      const v = spec.channels[c]![f]!;
      if (spec.encoding === 'float') {
        if (spec.bits === 32) view.setFloat32(at, v, true);
        else view.setFloat64(at, v, true);
      } else if (spec.bits === 8) view.setUint8(at, Math.round(v * 128) + 128);
      else if (spec.bits === 16) view.setInt16(at, Math.round(v * 32768), true);
      else if (spec.bits === 24) {
        const i = Math.round(v * 8388608);
        view.setUint8(at, i & 0xff);
        view.setUint8(at + 1, (i >> 8) & 0xff);
        view.setInt8(at + 2, i >> 16);
      } else view.setInt32(at, Math.round(v * 2147483648), true);
    }
  }
  return new Uint8Array(buffer);
}
