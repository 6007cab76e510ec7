/**
 * The app's waveform import (contract call analyzeWaveformFile) on the real CWRU recordings:
 * the request as the renderer sends it (the file's bytes as base64, checked by the contract's
 * schema), analysed as `lineside analyze` does. The committed 2 s excerpts always; the full
 * recordings when they are beside the repository.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hmiRequestSchemas } from '../contract/index.js';
import { cwruExcerpts, cwruFull, fullCwruAvailable } from '../analytics/pdm/testing/cwru.js';
import { analyzeWaveformFile } from './waveform-analysis.js';

const BPFI = (5.4152 * 1797) / 60;

/** What the renderer sends for a file, through the contract's schema, then analysed. */
function importFile(path: string, rpm: number, extra: Record<string, unknown> = {}) {
  const request = hmiRequestSchemas.analyzeWaveformFile.parse({
    fileName: basename(path),
    base64: readFileSync(path).toString('base64'),
    sampleRateHz: 12_000,
    shaftRpm: rpm,
    bearing: 'SKF 6205',
    ...extra,
  });
  const { base64, ...rest } = request;
  return analyzeWaveformFile({ ...rest, bytes: Buffer.from(base64, 'base64') });
}

describe('waveform import (analyzeWaveformFile) on the CWRU excerpts', () => {
  it('inner race: the envelope spectrum peaks within 1 Hz of BPFI and the diagnosis says inner race; RMS and kurtosis reported', () => {
    const result = importFile(cwruExcerpts.innerRace.path, 1797);
    expect(result).toMatchObject({ fileName: 'cwru-ir007-de-1797rpm-2s.csv', description: 'CSV, header accel_g', unit: 'g', unitFrom: 'header' });
    expect(Math.abs(result.analysis.peaks[0]!.frequencyHz - BPFI)).toBeLessThan(1);
    expect(result.analysis.diagnosis.defect).toBe('inner-race');
    expect(result.analysis.features.kurtosis).toBeGreaterThan(4);
    expect(result.analysis.features.rms).toBeGreaterThan(0.1);
    expect(result.waveform.samples).toBe(24_000);
    expect(result.waveform.min).toHaveLength(1000);
  });

  it('healthy: no bearing diagnosis; RMS and kurtosis reported', () => {
    const result = importFile(cwruExcerpts.normal.path, 1796);
    expect(result.analysis.diagnosis.status).toBe('no-defect');
    expect(result.analysis.diagnosis.defect).toBeNull();
    expect(result.analysis.features.kurtosis).toBeGreaterThan(2);
    expect(result.analysis.features.kurtosis).toBeLessThan(4);
    expect(result.analysis.features.rms).toBeGreaterThan(0.01);
  });

  it('says what is wrong with a file it cannot use', () => {
    expect(() => importFile(cwruExcerpts.normal.path, 1796, { sampleRateHz: undefined })).toThrow('cwru-normal-de-1796rpm-2s.csv is a CSV file, which carries no sample rate; give the sample rate in Hz');
    expect(() => importFile(cwruExcerpts.normal.path, 1796, { bearing: 'SKF 9999' })).toThrow(/bearing "SKF 9999" is not in the catalogue/);
    expect(() => analyzeWaveformFile({ fileName: 'empty.csv', bytes: new Uint8Array(), shaftRpm: 1800, machineGroup: 2, foundation: 'rigid' })).toThrow('empty.csv is empty');
    expect(() => analyzeWaveformFile({ fileName: 'x.csv', bytes: Buffer.from('accel_g\n0.1\nabc\n'), sampleRateHz: 12_000, shaftRpm: 1800, machineGroup: 2, foundation: 'rigid' })).toThrow(/line 3/);
    expect(hmiRequestSchemas.analyzeWaveformFile.safeParse({ fileName: 'x.wav', base64: 'not base64!', shaftRpm: 1800 }).success).toBe(false);
  });
});

describe.skipIf(!fullCwruAvailable)('waveform import on the full CWRU recordings (skipped when ../shared/data/vibration is not beside the repository)', () => {
  it('inner race at BPFI and diagnosed; healthy without a diagnosis', () => {
    const inner = importFile(cwruFull.innerRace.path, 1797);
    expect(Math.abs(inner.analysis.peaks[0]!.frequencyHz - BPFI)).toBeLessThan(1);
    expect(inner.analysis.diagnosis.defect).toBe('inner-race');
    const normal = importFile(cwruFull.normal.path, 1796);
    expect(normal.analysis.diagnosis.defect).toBeNull();
  });
});
