/** Waveform files: one-column CSV and WAV of every supported encoding, and errors that say where and what. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WaveformFileError } from './errors.js';
import { wavBytes } from './testing/wav-bytes.js';
import { parseWav, parseWaveformCsv, readWaveformFile, unitFromHeader } from './waveform-file.js';

describe('one-column CSV', () => {
  it('reads samples under an optional header, with CRLF, a byte-order mark and trailing blank lines', () => {
    const csv = parseWaveformCsv('\uFEFFaccel_g\r\n0.1\r\n-0.25\r\n1e-3\r\n\r\n\n');
    expect(Array.from(csv.samples)).toEqual([0.1, -0.25, 0.001]);
    expect(csv).toMatchObject({ header: 'accel_g', unitHint: 'g' });
    expect(parseWaveformCsv('1\n2\n3').header).toBeUndefined();
    expect(parseWaveformCsv('acceleration (g)\n1').header).toBe('acceleration (g)');
  });

  it.each([
    ['accel_g', 'g'],
    ['Acceleration (g)', 'g'],
    ['accel_ms2', 'm/s²'],
    ['a (m/s²)', 'm/s²'],
    ['velocity_mm_s', 'mm/s'],
    ['v mm/s', 'mm/s'],
    ['signal', undefined],
  ])('header %s names unit %s', (header, unit) => {
    expect(unitFromHeader(header)).toBe(unit);
  });

  it.each([
    ['accel_g\n0.1\nabc\n', 'data.csv line 3: "abc" is not a number; expected one number per line (only line 1 may be a header)'],
    ['accel_g\n0.1\n0,25\n', 'data.csv line 3: "0,25" has a decimal comma; expected a decimal point (0.25)'],
    ['0.1\n0.2;0.3\n', 'data.csv line 2: "0.2;0.3" has 2 columns; expected one column (one sample per line)'],
    ['time,accel\n0,0.1\n', 'data.csv line 1: "time,accel" has 2 columns; expected one column (one sample per line)'],
    ['0.1 0.2\n', 'data.csv line 1: "0.1 0.2" has 2 columns; expected one column (one sample per line)'],
    ['0.1\n\n0.2\n', 'data.csv line 2 is empty; expected a number (a one-column CSV has one sample on every line, no gaps)'],
    ['accel_g\n', 'data.csv holds no samples; expected one number per line after an optional header'],
  ])('refuses %j', (text, message) => {
    expect(() => parseWaveformCsv(text, 'data.csv')).toThrow(new WaveformFileError(message));
  });
});

describe('WAV', () => {
  const ramp = [0, 0.5, -0.5, 0.25, -1];

  it.each([
    ['pcm', 8],
    ['pcm', 16],
    ['pcm', 24],
    ['pcm', 32],
    ['float', 32],
    ['float', 64],
  ] as const)('%s %s-bit: samples as fractions of full scale (or as stored for float)', (encoding, bits) => {
    const wav = parseWav(wavBytes({ sampleRateHz: 12_000, channels: [ramp], encoding, bits }));
    expect(wav).toMatchObject({ sampleRateHz: 12_000, channels: 1, channel: 1, encoding, bitsPerSample: bits });
    const step = encoding === 'float' ? 1e-7 : 1 / 2 ** (bits - 1);
    ramp.forEach((v, i) => expect(Math.abs(wav.samples[i]! - v)).toBeLessThanOrEqual(step));
  });

  it('extensible format, and one channel of several', () => {
    const wav = parseWav(wavBytes({ sampleRateHz: 25_600, channels: [ramp, ramp.map((v) => -v)], encoding: 'pcm', bits: 24, extensible: true }), 'x.wav', { channel: 2 });
    expect(wav.channel).toBe(2);
    expect(wav.samples[1]).toBeCloseTo(-0.5, 6);
    expect(wav.description).toBe('WAV, PCM 24-bit, 2 channels (channel 2 read), 25600 Hz');
  });

  it('refuses what it cannot read, saying what it expected', () => {
    const good = wavBytes({ sampleRateHz: 12_000, channels: [ramp], encoding: 'pcm', bits: 16 });
    expect(() => parseWav(new TextEncoder().encode('accel_g\n0.1\n'), 'x.wav')).toThrow('x.wav is not a WAV file: it starts with "acce"; expected "RIFF" and "WAVE"');
    expect(() => parseWav(wavBytes({ sampleRateHz: 8000, channels: [ramp], encoding: 'pcm', bits: 8, tag: 6 }), 'x.wav')).toThrow(
      'x.wav: format tag 6 (A-law), 8-bit; expected PCM (1) of 8, 16, 24 or 32 bits or IEEE float (3) of 32 or 64 bits',
    );
    expect(() => parseWav(good, 'x.wav', { channel: 2 })).toThrow('x.wav: channel 2 asked for; the file has 1 channel (1 … 1)');
    expect(() => parseWav(good.subarray(0, good.length - 4), 'x.wav')).toThrow('the data chunk says 10 bytes but the file ends 6 bytes after it starts; the file is truncated');
    expect(() => parseWav(good.subarray(0, 36), 'x.wav')).toThrow('x.wav: no data chunk; expected a fmt chunk and a data chunk');
  });
});

describe('readWaveformFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lineside-waveform-'));

  it('picks the reader by extension, or by the RIFF mark', async () => {
    writeFileSync(join(dir, 'a.csv'), 'accel_g\n0.5\n-0.5\n');
    writeFileSync(join(dir, 'a.wav'), wavBytes({ sampleRateHz: 12_000, channels: [[0.5, -0.5]], encoding: 'float', bits: 32 }));
    writeFileSync(join(dir, 'a.dat'), wavBytes({ sampleRateHz: 12_000, channels: [[0.5, -0.5]], encoding: 'pcm', bits: 16 }));
    expect(await readWaveformFile(join(dir, 'a.csv'))).toMatchObject({ format: 'csv', unitHint: 'g', description: 'CSV, header accel_g' });
    expect(await readWaveformFile(join(dir, 'a.wav'))).toMatchObject({ format: 'wav', sampleRateHz: 12_000, description: 'WAV, float 32-bit, 1 channel, 12000 Hz' });
    expect((await readWaveformFile(join(dir, 'a.dat'))).format).toBe('wav');
  });

  it('a missing file or a folder is a WaveformFileError', async () => {
    await expect(readWaveformFile(join(dir, 'nope.csv'))).rejects.toThrow(/nope\.csv: no such file$/);
    await expect(readWaveformFile(dir)).rejects.toThrow(WaveformFileError);
  });
});
