/**
 * `lineside analyze FILE`: the analyst's first look at one vibration recording (CSV or WAV)
 * from the command line: waveform features, broadband velocity and its ISO 10816-3 zone,
 * the bearing's defect frequencies, the envelope spectrum's strongest peaks with what each
 * one is, and the bearing diagnosis. `--json` adds the same as one JSON object on the last
 * line. Loaded lazily by main.ts: only this command needs the FFT.
 */
import { basename } from 'node:path';
import {
  analyzeSnapshot,
  catalogueBearing,
  type BearingGeometry,
  type Foundation,
  type MachineGroup,
  type SampleUnit,
  type SnapshotAnalysis,
} from '../analytics/pdm/index.js';
import { LinesideError } from '../model/errors.js';
import { readWaveformFile } from '../replay/waveform-file.js';

export interface AnalyzeOptions {
  /** Sample rate, Hz: needed for CSV; a WAV file's header has it. */
  fs?: number;
  rpm: number;
  /** Catalogue name ("SKF 6205") or geometry "balls,ballMm,pitchMm[,angleDeg]". */
  bearing?: string;
  group?: string;
  foundation?: string;
  /** g, m/s2 or mm/s; default: the CSV header's unit, else g. */
  unit?: string;
  /** Envelope band "LOW-HIGH" in Hz; default: chosen by spectral kurtosis. */
  band?: string;
  /** Multiplies every sample (e.g. g per full scale of an integer WAV). */
  scale?: number;
  channel?: number;
  json?: boolean;
}

/** What `--json` prints: the analysis without the display spectra, plus where the samples came from. */
export interface AnalyzeReport extends Omit<SnapshotAnalysis, 'spectrum' | 'velocitySpectrum' | 'envelope'> {
  file: string;
  source: { format: 'csv' | 'wav'; description: string; unitFrom: 'option' | 'header' | 'default'; scale: number };
  envelope: Omit<SnapshotAnalysis['envelope'], 'spectrum'> & { lineHz: number; averages: number };
}

const bad = (message: string) => new LinesideError('bad-argument', message);

/** A catalogue bearing, or "balls,ballMm,pitchMm[,angleDeg]". */
export function bearingArgument(text: string): BearingGeometry {
  if (text.includes(',') && /^[\d.,\s]+$/.test(text)) {
    const parts = text.split(',').map((p) => Number(p.trim()));
    if ((parts.length !== 3 && parts.length !== 4) || parts.some((p) => !Number.isFinite(p))) {
      throw bad(`--bearing "${text}": expected a catalogue name such as "SKF 6205" or geometry as balls,ballDiameterMm,pitchDiameterMm[,contactAngleDeg], e.g. 9,7.94,39.04,0`);
    }
    const [balls, ballDiameterMm, pitchDiameterMm, contactAngleDeg = 0] = parts as [number, number, number, number?];
    return { model: `custom (${text})`, balls, ballDiameterMm, pitchDiameterMm, contactAngleDeg };
  }
  return catalogueBearing(text);
}

function unitArgument(text: string): SampleUnit {
  const unit = ({ g: 'g', 'm/s2': 'm/s²', 'm/s²': 'm/s²', ms2: 'm/s²', 'mm/s': 'mm/s' } as Record<string, SampleUnit>)[text.toLowerCase()];
  if (!unit) throw bad(`--unit "${text}": expected g, m/s2 or mm/s`);
  return unit;
}

function bandArgument(text: string): [number, number] {
  const match = /^\s*(\d+(?:\.\d+)?)\s*[-–:]\s*(\d+(?:\.\d+)?)\s*$/.exec(text);
  if (!match || !(Number(match[2]) > Number(match[1]))) throw bad(`--band "${text}": expected LOW-HIGH in Hz with LOW below HIGH, e.g. 2000-5000`);
  return [Number(match[1]), Number(match[2])];
}

/** Reads the file and analyses it; throws a LinesideError (bad argument, unreadable file, refused input). */
export async function analyzeFile(file: string, options: AnalyzeOptions): Promise<{ analysis: SnapshotAnalysis; report: AnalyzeReport }> {
  const bearing = options.bearing !== undefined ? bearingArgument(options.bearing) : undefined;
  const band = options.band !== undefined ? bandArgument(options.band) : undefined;
  const group = options.group === undefined ? undefined : (Number(options.group) as MachineGroup);
  if (group !== undefined && group !== 1 && group !== 2) throw bad(`--group "${options.group}": expected 1 (large machines, 300 kW–50 MW) or 2 (medium, 15–300 kW)`);
  const foundation = options.foundation as Foundation | undefined;
  if (foundation !== undefined && foundation !== 'rigid' && foundation !== 'flexible') throw bad(`--foundation "${options.foundation}": expected rigid or flexible`);

  const waveform = await readWaveformFile(file, options.channel !== undefined ? { channel: options.channel } : {});
  let sampleRateHz = options.fs;
  if (waveform.sampleRateHz !== undefined) {
    if (sampleRateHz !== undefined && sampleRateHz !== waveform.sampleRateHz) {
      throw bad(`--fs ${sampleRateHz} but ${basename(file)} says ${waveform.sampleRateHz} Hz in its header; leave --fs out for a WAV file, or fix the file`);
    }
    sampleRateHz = waveform.sampleRateHz;
  }
  if (sampleRateHz === undefined) throw bad(`${basename(file)} is a CSV file, which carries no sample rate; give it with --fs HZ`);
  const unitFrom: AnalyzeReport['source']['unitFrom'] = options.unit !== undefined ? 'option' : waveform.unitHint ? 'header' : 'default';
  const unit = options.unit !== undefined ? unitArgument(options.unit) : (waveform.unitHint ?? 'g');
  const scale = options.scale ?? 1;
  const samples = scale === 1 ? waveform.samples : waveform.samples.map((v) => v * scale);

  const analysis = analyzeSnapshot({
    samples,
    sampleRateHz,
    unit,
    shaftRpm: options.rpm,
    ...(bearing ? { bearing } : {}),
    ...(group ? { machineGroup: group } : {}),
    ...(foundation ? { foundation } : {}),
    ...(band ? { envelopeBandHz: band } : {}),
  });
  const { spectrum: _s, velocitySpectrum: _v, envelope, ...rest } = analysis;
  const { spectrum: envelopeSpectrum, ...envelopeRest } = envelope;
  const report: AnalyzeReport = {
    file: basename(file),
    source: { format: waveform.format, description: waveform.description, unitFrom, scale },
    ...rest,
    envelope: { ...envelopeRest, lineHz: envelopeSpectrum.binHz, averages: envelopeSpectrum.segments },
  };
  return { analysis, report };
}

const num = (n: number, digits: number) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const sig3 = (n: number) => (Math.abs(n) >= 100 ? num(n, 0) : Number(n.toPrecision(3)).toString());

/** The human report, one line per entry. */
export function reportLines(r: AnalyzeReport): string[] {
  const f = r.features;
  const lines = [
    `${r.file}: ${r.record.samples.toLocaleString('en-US')} samples at ${r.record.sampleRateHz.toLocaleString('en-US')} Hz (${num(r.record.durationS, 2)} s), ${r.source.description}, unit ${r.record.unit}` +
      `${r.source.unitFrom === 'header' ? ' (from the header)' : r.source.unitFrom === 'default' ? ' (assumed)' : ''}${r.source.scale !== 1 ? `, scaled ×${r.source.scale}` : ''}`,
    `Shaft          ${num(r.record.shaftRpm, 0)} rpm (${num(r.record.shaftHz, 2)} Hz)`,
    `Acceleration   RMS ${sig3(f.rms)} g, peak ${sig3(f.peak)} g, peak-to-peak ${sig3(f.peakToPeak)} g, crest factor ${num(f.crestFactor, 2)}, kurtosis ${num(f.kurtosis, 2)}, skewness ${num(f.skewness, 2)}`,
    `Velocity       ${num(r.velocity.rmsMmS, 2)} mm/s RMS (${r.velocity.bandHz[0]}–${num(r.velocity.bandHz[1], 0)} Hz)`,
    `ISO 10816-3    zone ${r.iso.zone}: ${r.iso.meaning} (group ${r.iso.group}, ${r.iso.foundation} foundation${r.iso.assumed ? ', assumed' : ''}; ` +
      `A/B ${r.iso.boundaries.ab}, B/C ${r.iso.boundaries.bc}, C/D ${r.iso.boundaries.cd} mm/s)`,
  ];
  const d = r.defectFrequencies;
  if (d && r.bearing) {
    lines.push(`Bearing        ${r.bearing.model ?? 'custom'}: BPFO ${num(d.bpfo, 1)} Hz, BPFI ${num(d.bpfi, 1)} Hz, BSF ${num(d.bsf, 1)} Hz (2×BSF ${num(2 * d.bsf, 1)} Hz), FTF ${num(d.ftf, 1)} Hz`);
  } else lines.push('Bearing        none given (--bearing): no defect frequencies, no bearing diagnosis');
  const e = r.envelope;
  lines.push(
    `Envelope       band ${num(e.band.loHz, 0)}–${num(e.band.hiHz, 0)} Hz (${e.band.chosenBy === 'given' ? 'given' : 'by spectral kurtosis'}, SK ${num(e.band.spectralKurtosis, 2)}), ` +
      `lines every ${num(e.lineHz, 2)} Hz, ${e.averages} averages, up to ${num(e.maxHz, 0)} Hz`,
    'Top envelope peaks (dB above the local noise floor):',
  );
  for (const p of r.peaks) {
    const error = Math.round((p.match?.errorPercent ?? 0) * 10) / 10;
    const what = p.match ? `${p.match.label} (${error > 0 ? '+' : error < 0 ? '−' : '±'}${num(Math.abs(error), 1)} % from ${num(p.match.expectedHz, 1)} Hz)` : '—';
    lines.push(`  ${num(p.frequencyHz, 1).padStart(8)} Hz  ${sig3(p.amplitudeG).padStart(7)} g  ${num(p.ratioDb, 1).padStart(5)} dB  ${what}`);
  }
  lines.push(`Diagnosis      ${r.diagnosis.text}`);
  return lines;
}

/** The command: prints the report (and the JSON line with --json); returns the exit code. */
export async function analyzeCommand(file: string, options: AnalyzeOptions, print: (line: string) => void): Promise<number> {
  const { report } = await analyzeFile(file, options);
  for (const line of reportLines(report)) print(line);
  if (options.json) print(JSON.stringify(report));
  return 0;
}
