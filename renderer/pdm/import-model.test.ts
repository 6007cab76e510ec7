import { describe, expect, it } from 'vitest';
import { MAX_WAVEFORM_FILE_BYTES } from '../../core/contract/index.js';
import { createFakePdm } from '../testing/fake-pdm.js';
import { wavSampleRate } from '../testing/fake-pdm-file.js';
import { base64FromDataUrl, checkImport, emptyImportForm, fileKind, importErrorText, parseNumber } from './import-model.js';

const csv = { name: 'cwru-ir007.csv', size: 200_000 };
const wav = { name: 'motor.WAV', size: 48_044 };

describe('waveform file import', () => {
  it('knows a file by its extension', () => {
    expect(fileKind('a.csv')).toBe('csv');
    expect(fileKind('a.TXT')).toBe('csv');
    expect(fileKind('a.wav')).toBe('wav');
    expect(fileKind('a.pdf')).toBe('other');
    expect(fileKind('csv')).toBe('other');
  });

  it('reads numbers as people type them', () => {
    expect(parseNumber('12 000')).toBe(12_000);
    expect(parseNumber('1780.5')).toBe(1780.5);
    expect(parseNumber('1e4')).toBe(10_000);
    expect(parseNumber('12,000')).toBeNull();
    expect(parseNumber('fast')).toBeNull();
    expect(parseNumber('')).toBeNull();
  });

  it('needs the sample rate for a CSV and the shaft speed always, and says so', () => {
    const missing = checkImport(csv, emptyImportForm);
    expect(missing).toEqual({ ok: false, problems: ['Type the shaft speed in rpm (e.g. 1780).', 'A CSV file needs its sample rate: type it in Hz (e.g. 12000).'] });
    expect(checkImport(null, { ...emptyImportForm, shaftRpm: '1797', sampleRateHz: '12000' })).toEqual({ ok: false, problems: ['Choose a waveform file (CSV, TXT or WAV).'] });
    expect(checkImport({ name: 'x.pdf', size: 10 }, { ...emptyImportForm, shaftRpm: '1797', sampleRateHz: '12000' })).toEqual({ ok: false, problems: ['“x.pdf” is not a CSV, TXT or WAV file.'] });
    expect(checkImport({ name: 'big.csv', size: MAX_WAVEFORM_FILE_BYTES + 1 }, { ...emptyImportForm, shaftRpm: '1797', sampleRateHz: '12000' })).toEqual({ ok: false, problems: ['The file is 16.0 MiB; at most 16.0 MiB can be analysed.'] });
    const bad = checkImport(csv, { ...emptyImportForm, shaftRpm: '-5', sampleRateHz: '50' });
    expect(bad.ok ? [] : bad.problems).toEqual(['Shaft speed “-5”: expected a speed in rpm above 0 and at most 100 000.', 'Sample rate “50”: expected 100 to 1 000 000 Hz.']);
  });

  it('makes the request: optional fields only when given, the sample rate of a WAV from its header', () => {
    expect(checkImport(csv, { ...emptyImportForm, shaftRpm: '1797', sampleRateHz: '12 000', bearing: ' SKF 6205 ', unit: 'm/s²', machineGroup: 1, foundation: 'flexible' })).toEqual({
      ok: true,
      request: { fileName: 'cwru-ir007.csv', shaftRpm: 1797, sampleRateHz: 12_000, bearing: 'SKF 6205', unit: 'm/s²', machineGroup: 1, foundation: 'flexible' },
    });
    expect(checkImport(wav, { ...emptyImportForm, shaftRpm: '1780', sampleRateHz: '12000' })).toEqual({ ok: true, request: { fileName: 'motor.WAV', shaftRpm: 1780, machineGroup: 2, foundation: 'rigid' } });
  });

  it('takes the base64 out of a data URL', () => {
    expect(base64FromDataUrl('data:text/csv;base64,MC4xCjAuMgo=')).toBe('MC4xCjAuMgo=');
    expect(base64FromDataUrl('data:;base64,')).toBe('');
    expect(() => base64FromDataUrl('data:text/csv,0.1')).toThrow(/base64/);
  });

  it('says a refusal in words', () => {
    expect(importErrorText({ code: 'disconnected', message: 'x' })).toBe('No connection to the runtime: the file could not be sent.');
    expect(importErrorText({ code: 'invalid-request', message: 'a CSV file needs sampleRateHz' })).toBe('The request was refused: a CSV file needs sampleRateHz');
  });

  it('is answered by the fake plant: a canned analysis, and refusals like the core’s', () => {
    const pdm = createFakePdm({ now: () => Date.UTC(2026, 11, 7, 12) });
    const request = { fileName: 'cwru.csv', base64: 'MC4xCjAuMgo=', shaftRpm: 1797, machineGroup: 2 as const, foundation: 'rigid' as const };
    expect(pdm.analyzeWaveformFile(request)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const result = pdm.analyzeWaveformFile({ ...request, sampleRateHz: 12_000, bearing: 'SKF 6205' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.analysis.diagnosis.defect).toBe('outer-race');
    expect(result.value.analysis.defectFrequencies!.shaftHz).toBeCloseTo(1797 / 60);
    expect(pdm.analyzeWaveformFile({ ...request, sampleRateHz: 12_000 }).ok && pdm.analyzeWaveformFile({ ...request, sampleRateHz: 12_000 })).toMatchObject({ value: { analysis: { diagnosis: { status: 'no-bearing' } } } });
    // A WAV header: RIFF, size, WAVE, fmt chunk … sample rate 12000 at byte 24.
    const header = new Uint8Array(44);
    header.set([...'RIFF'].map((c) => c.charCodeAt(0)), 0);
    header.set([...'WAVE'].map((c) => c.charCodeAt(0)), 8);
    new DataView(header.buffer).setUint32(24, 12_000, true);
    const base64 = btoa(String.fromCharCode(...header));
    expect(wavSampleRate(base64)).toBe(12_000);
    expect(wavSampleRate('MC4xCjAuMgo=')).toBeNull();
    const fromWav = pdm.analyzeWaveformFile({ ...request, fileName: 'm.wav', base64 });
    expect(fromWav.ok && fromWav.value.description).toBe('WAV, PCM 16-bit, 1 channel, 12000 Hz');
  });
});
