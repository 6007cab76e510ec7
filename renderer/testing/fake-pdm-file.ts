/**
 * The fake plant's answer to a waveform file analysed by hand (fake-pdm.ts): the sample rate
 * from a WAV header or as given for a CSV (refused like the core refuses), the bearing from
 * the two catalogue bearings it knows, and then the same made-up outer-race analysis at the
 * speed given, whatever the file holds.
 */
import { fail, ok } from '../../core/contract/index.js';
import type { HmiRequest, Result, WaveformFileAnalysis } from '../../core/contract/index.js';
import { fakeAnalysis, fakeRecord, group2Rigid, skf6203, skf6205, waveformView } from './fake-pdm-signals.js';
import type { FakeAnalysisInput } from './fake-pdm-signals.js';

/** The sample rate in a WAV header (bytes 24–27, little-endian), or null when it is not a RIFF/WAVE file. */
export function wavSampleRate(base64: string): number | null {
  let head: string;
  try {
    head = atob(base64.slice(0, 64));
  } catch {
    return null;
  }
  if (head.length < 28 || head.slice(0, 4) !== 'RIFF' || head.slice(8, 12) !== 'WAVE') return null;
  return head.charCodeAt(24) | (head.charCodeAt(25) << 8) | (head.charCodeAt(26) << 16) | (head.charCodeAt(27) << 24);
}

/** A canned outer-race analysis at the speed (and bearing) given, as a file would give it. */
export function fakeFileAnalysis(req: HmiRequest<'analyzeWaveformFile'>): Result<WaveformFileAnalysis> {
  const wav = /\.wav$/i.test(req.fileName);
  const fs = req.sampleRateHz;
  let description: string;
  if (wav) {
    const header = wavSampleRate(req.base64);
    if (header === null) return fail('invalid-request', `${req.fileName}: not a WAV file (no RIFF/WAVE header)`);
    if (fs !== undefined && fs !== header) return fail('invalid-request', `${req.fileName}: the file says ${header} Hz but ${fs} Hz was given`);
    description = `WAV, PCM 16-bit, 1 channel, ${header} Hz`;
  } else {
    if (fs === undefined) return fail('invalid-request', `${req.fileName}: a CSV file needs sampleRateHz (the file does not say it)`);
    description = `CSV, one column, ${fs} Hz as given (the fake plant answers every file with the same made-up analysis)`;
  }
  let bearing = null;
  if (req.bearing !== undefined) {
    const name = req.bearing.replace(/\s+/g, '').toUpperCase();
    if (name.includes('6205')) bearing = skf6205;
    else if (name.includes('6203')) bearing = skf6203;
    else return fail('invalid-request', `bearing "${req.bearing}" is not in the catalogue; expected one of: SKF 6205, SKF 6203`);
  }
  const boundaries = req.machineGroup === 1 ? (req.foundation === 'rigid' ? { ab: 2.3, bc: 4.5, cd: 7.1 } : { ab: 3.5, bc: 7.1, cd: 11 }) : req.foundation === 'rigid' ? group2Rigid : { ab: 2.3, bc: 4.5, cd: 7.1 };
  const signal: FakeAnalysisInput = { shaftRpm: req.shaftRpm, outerRace: { slip: -0.004, impactG: 0.5 }, seed: 1797, bearing, velocityRmsMmS: 3.12, boundaries, machineGroup: req.machineGroup, foundation: req.foundation, assumed: false, bpfoDb: 21 };
  const record = fakeRecord(signal);
  const analysis = fakeAnalysis(signal, record);
  return ok({
    fileName: req.fileName,
    description,
    unit: req.unit ?? 'g',
    unitFrom: req.unit === undefined ? 'default' : 'request',
    waveform: waveformView(record, req.unit ?? 'g', { detailFromS: 0, detailS: 0.1, columns: 1024 }),
    analysis,
  });
}
