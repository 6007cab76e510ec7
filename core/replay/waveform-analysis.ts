/**
 * A waveform file brought into the app by hand, analysed: its bytes (CSV or WAV) are read
 * (waveform-file.ts), the sample rate and unit settled (a WAV header's rate wins and must
 * agree with one given; a CSV needs one given; the unit is the request's, else the CSV
 * header's, else g), and analyzeSnapshot does the rest. Nothing is stored.
 */
import type { Foundation, MachineGroup, SampleUnit, WaveformFileAnalysis } from '../contract/index.js';
import { analyzeSnapshot, catalogueBearing } from '../analytics/pdm/index.js';
import { waveformView } from '../analytics/pdm/waveform-view.js';
import { WaveformFileError } from './errors.js';
import { parseWaveformBytes } from './waveform-file.js';

export interface WaveformFileRequest {
  fileName: string;
  bytes: Uint8Array;
  sampleRateHz?: number | undefined;
  shaftRpm: number;
  unit?: SampleUnit | undefined;
  /** A catalogue bearing name. */
  bearing?: string | undefined;
  machineGroup: MachineGroup;
  foundation: Foundation;
}

export function analyzeWaveformFile(request: WaveformFileRequest): WaveformFileAnalysis {
  const { fileName } = request;
  if (request.bytes.length === 0) throw new WaveformFileError(`${fileName} is empty; expected a one-column CSV or a WAV file`);
  const file = parseWaveformBytes(request.bytes, fileName);
  let sampleRateHz = request.sampleRateHz;
  if (file.sampleRateHz !== undefined) {
    if (sampleRateHz !== undefined && sampleRateHz !== file.sampleRateHz) {
      throw new WaveformFileError(`sample rate ${sampleRateHz} Hz given, but ${fileName} says ${file.sampleRateHz} Hz in its header; leave it empty for a WAV file`);
    }
    sampleRateHz = file.sampleRateHz;
  }
  if (sampleRateHz === undefined) throw new WaveformFileError(`${fileName} is a CSV file, which carries no sample rate; give the sample rate in Hz`);
  const unitFrom: WaveformFileAnalysis['unitFrom'] = request.unit ? 'request' : file.unitHint ? 'header' : 'default';
  const unit = request.unit ?? file.unitHint ?? 'g';
  const analysis = analyzeSnapshot({
    samples: file.samples,
    sampleRateHz,
    unit,
    shaftRpm: request.shaftRpm,
    ...(request.bearing ? { bearing: catalogueBearing(request.bearing) } : {}),
    machineGroup: request.machineGroup,
    foundation: request.foundation,
  });
  return {
    fileName,
    description: file.description,
    unit,
    unitFrom,
    waveform: waveformView(file.samples, sampleRateHz, unit, { columns: 1024, detailFromS: 0, detailS: 0.1 }),
    analysis,
  };
}
