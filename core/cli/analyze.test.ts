/**
 * `lineside analyze` on real CWRU recordings (CSV) and on a WAV made from one, through the
 * command and through main(): always on the committed 2 s excerpts; on a whole record too
 * when the full recordings are beside the repository (analytics/pdm/testing/cwru.ts).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cwruExcerpts, cwruFull, fullCwruAvailable } from '../analytics/pdm/testing/cwru.js';
import { LinesideError } from '../model/errors.js';
import { wavBytes } from '../replay/testing/wav-bytes.js';
import { readWaveformFile } from '../replay/waveform-file.js';
import { analyzeCommand, bearingArgument, type AnalyzeReport } from './analyze.js';
import { main } from './main.js';

async function run(file: string, options: Parameters<typeof analyzeCommand>[1]): Promise<{ lines: string[]; code: number }> {
  const lines: string[] = [];
  const code = await analyzeCommand(file, options, (line) => lines.push(line));
  return { lines, code };
}

describe('lineside analyze', () => {
  afterEach(() => vi.restoreAllMocks());

  it('the inner-race excerpt: features, zone, the BPFI peak first, the diagnosis, and the same as JSON on the last line', async () => {
    const { lines, code } = await run(cwruExcerpts.innerRace.path, { fs: 12_000, rpm: 1797, bearing: 'SKF 6205', json: true });
    expect(code).toBe(0);
    expect(lines[0]).toBe('cwru-ir007-de-1797rpm-2s.csv: 24,000 samples at 12,000 Hz (2.00 s), CSV, header accel_g, unit g (from the header)');
    expect(lines).toContain('Acceleration   RMS 0.289 g, peak 1.57 g, peak-to-peak 2.8 g, crest factor 5.43, kurtosis 5.38, skewness 0.13');
    expect(lines.find((l) => l.startsWith('ISO 10816-3'))).toMatch(/^ISO 10816-3 {4}zone A: .*group 2, rigid foundation, assumed; A\/B 1\.4, B\/C 2\.8, C\/D 4\.5 mm\/s\)$/);
    const firstPeak = lines[lines.indexOf('Top envelope peaks (dB above the local noise floor):') + 1]!;
    expect(firstPeak).toMatch(/^ +161\.\d Hz +0\.1\d+ g +3\d\.\d dB {2}BPFI \(−0\.\d % from 162\.2 Hz\)$/);
    expect(lines.at(-2)).toMatch(/^Diagnosis {6}Inner-race defect: BPFI at 161\.\d Hz/);
    const report = JSON.parse(lines.at(-1)!) as AnalyzeReport;
    expect(report.diagnosis.defect).toBe('inner-race');
    expect(report.peaks[0]!.match!.label).toBe('BPFI');
    expect(Math.abs(report.peaks[0]!.frequencyHz - (5.4152 * 1797) / 60)).toBeLessThan(1);
    expect(report.features.kurtosis).toBeCloseTo(5.4, 1);
    expect(report.features.rms).toBeCloseTo(0.29, 2);
    expect(report.iso.zone).toBe('A');
    expect(report).not.toHaveProperty('spectrum');
  });

  it('the healthy excerpt through main(): Gaussian-like features, no bearing defect', async () => {
    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out.push(String(chunk));
      return true;
    });
    await main(['node', 'lineside', 'analyze', cwruExcerpts.normal.path, '--fs', '12000', '--rpm', '1796', '--bearing', 'SKF 6205', '--json']);
    const lines = out.join('').trimEnd().split('\n');
    expect(lines[0]).toBe('cwru-normal-de-1796rpm-2s.csv: 24,000 samples at 12,000 Hz (2.00 s), CSV, header accel_g, unit g (from the header)');
    expect(lines).toContain('Acceleration   RMS 0.0728 g, peak 0.285 g, peak-to-peak 0.521 g, crest factor 3.91, kurtosis 2.80, skewness -0.08');
    expect(lines.at(-2)).toMatch(/^Diagnosis {6}No bearing defect/);
    const report = JSON.parse(lines.at(-1)!) as AnalyzeReport;
    expect(report.diagnosis.status).toBe('no-defect');
    expect(report.features.kurtosis).toBeGreaterThan(2.5);
    expect(report.features.kurtosis).toBeLessThan(3.3);
    expect(report.features.rms).toBeCloseTo(0.073, 3);
    expect(report.iso.zone).toBe('A');
    expect(process.exitCode ?? 0).toBe(0);
  });

  it('a WAV file carries its sample rate: the 2 s inner-race excerpt as 16-bit PCM, scaled back to g', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lineside-analyze-'));
    const { samples } = await readWaveformFile(cwruExcerpts.innerRace.path);
    const fullScaleG = 4;
    const wav = join(dir, 'ir.wav');
    writeFileSync(wav, wavBytes({ sampleRateHz: 12_000, channels: [Array.from(samples, (v) => v / fullScaleG)], encoding: 'pcm', bits: 16 }));
    const { lines } = await run(wav, { rpm: 1797, bearing: '9,7.94,39.04,0', scale: fullScaleG });
    expect(lines[0]).toBe('ir.wav: 24,000 samples at 12,000 Hz (2.00 s), WAV, PCM 16-bit, 1 channel, 12000 Hz, unit g (assumed), scaled ×4');
    expect(lines.at(-1)).toMatch(/^Diagnosis {6}Inner-race defect: BPFI at 161\.\d Hz/);
    await expect(run(wav, { rpm: 1797, fs: 25_600 })).rejects.toThrow('--fs 25600 but ir.wav says 12000 Hz in its header');
  });

  it('refuses bad arguments with what it expected', async () => {
    const csv = cwruExcerpts.normal.path;
    await expect(run(csv, { rpm: 1796 })).rejects.toThrow('cwru-normal-de-1796rpm-2s.csv is a CSV file, which carries no sample rate; give it with --fs HZ');
    await expect(run(csv, { rpm: 1796, fs: 12_000, bearing: 'SKF 9999' })).rejects.toThrow('bearing "SKF 9999" is not in the catalogue; expected one of: SKF 6205, SKF 6203');
    await expect(run(csv, { rpm: 1796, fs: 12_000, band: '5000-2000' })).rejects.toThrow('--band "5000-2000": expected LOW-HIGH in Hz');
    await expect(run(csv, { rpm: 1796, fs: 12_000, group: '3' })).rejects.toThrow(LinesideError);
    await expect(run(csv, { rpm: 1796, fs: 12_000, unit: 'in/s' })).rejects.toThrow('--unit "in/s": expected g, m/s2 or mm/s');
    await expect(run(join(tmpdir(), 'no-such-recording.csv'), { rpm: 1796, fs: 12_000 })).rejects.toThrow('no-such-recording.csv: no such file');
  });

  it('a bearing by geometry', () => {
    expect(bearingArgument('9, 7.94, 39.04')).toMatchObject({ balls: 9, ballDiameterMm: 7.94, pitchDiameterMm: 39.04, contactAngleDeg: 0 });
    expect(() => bearingArgument('9,7.94')).toThrow('expected a catalogue name such as "SKF 6205" or geometry');
    expect(bearingArgument('6205').model).toBe('SKF 6205');
  });
});

describe.skipIf(!fullCwruAvailable)('lineside analyze on the full CWRU recordings (skipped when ../shared/data/vibration is not beside the repository)', () => {
  it('all of record 105 (10.1 s): more averages, the same inner-race diagnosis', async () => {
    const { lines, code } = await run(cwruFull.innerRace.path, { fs: 12_000, rpm: 1797, bearing: 'SKF 6205' });
    expect(code).toBe(0);
    expect(lines[0]).toBe('cwru-ir007-de-1797rpm.csv: 121,265 samples at 12,000 Hz (10.11 s), CSV, header accel_g, unit g (from the header)');
    expect(lines).toContain('Acceleration   RMS 0.291 g, peak 1.73 g, peak-to-peak 3.12 g, crest factor 5.93, kurtosis 5.40, skewness 0.16');
    const firstPeak = lines[lines.indexOf('Top envelope peaks (dB above the local noise floor):') + 1]!;
    expect(firstPeak).toMatch(/^ +161\.\d Hz +0\.1\d+ g +3\d\.\d dB {2}BPFI \(−0\.\d % from 162\.2 Hz\)$/);
    expect(lines.at(-1)).toMatch(/^Diagnosis {6}Inner-race defect: BPFI at 161\.\d Hz/);
  });

  it('all of record 97 (20.3 s): no bearing defect', async () => {
    const { lines, code } = await run(cwruFull.normal.path, { fs: 12_000, rpm: 1796, bearing: 'SKF 6205' });
    expect(code).toBe(0);
    expect(lines[0]).toBe('cwru-normal-de-1796rpm.csv: 243,938 samples at 12,000 Hz (20.33 s), CSV, header accel_g, unit g (from the header)');
    expect(lines.at(-1)).toMatch(/^Diagnosis {6}No bearing defect/);
  });
});
