/**
 * The waveform file import's pure parts: what kind of file it is by its name, the form's
 * fields checked and turned into the analyzeWaveformFile request (the sample rate is needed
 * for a CSV and comes from the header of a WAV; the shaft speed always), each problem in
 * words next to the button, a FileReader data URL turned into bare base64, and a refusal of
 * the core in words. No React.
 */
import { MAX_WAVEFORM_FILE_BYTES } from '../../core/contract/index.js';
import type { Foundation, HmiRequest, MachineGroup, SampleUnit } from '../../core/contract/index.js';

export type FileKind = 'csv' | 'wav' | 'other';

export type UnitChoice = 'auto' | SampleUnit;

export const unitChoices: readonly { value: UnitChoice; label: string }[] = [
  { value: 'auto', label: 'Auto' },
  { value: 'g', label: 'g' },
  { value: 'm/s²', label: 'm/s²' },
  { value: 'mm/s', label: 'mm/s' },
];

export const suggestedBearing = 'SKF 6205';

export interface ImportForm {
  /** As typed. */
  sampleRateHz: string;
  shaftRpm: string;
  bearing: string;
  machineGroup: MachineGroup;
  foundation: Foundation;
  unit: UnitChoice;
}

export const emptyImportForm: ImportForm = { sampleRateHz: '', shaftRpm: '', bearing: '', machineGroup: 2, foundation: 'rigid', unit: 'auto' };

/** CSV (a .txt is read the same way), WAV, or something else by its extension. */
export function fileKind(name: string): FileKind {
  const ext = /\.([A-Za-z0-9]+)$/.exec(name.trim())?.[1]?.toLowerCase();
  if (ext === 'csv' || ext === 'txt') return 'csv';
  return ext === 'wav' ? 'wav' : 'other';
}

/** "12.0 MiB", "340 KiB". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${bytes} bytes`;
}

/** A number as typed ("12 000", "1780", "12000.5"); null for anything else. */
export function parseNumber(text: string): number | null {
  const cleaned = text.replace(/[\s_\u00a0\u202f]/g, '');
  if (cleaned === '' || !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(cleaned)) return null;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : null;
}

export type ImportRequest = Omit<HmiRequest<'analyzeWaveformFile'>, 'base64'>;

/** The request without the file's bytes, or every problem in words. */
export function checkImport(file: { name: string; size: number } | null, form: ImportForm): { ok: true; request: ImportRequest } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const kind = file === null ? null : fileKind(file.name);
  if (file === null) problems.push('Choose a waveform file (CSV, TXT or WAV).');
  else if (kind === 'other') problems.push(`“${file.name}” is not a CSV, TXT or WAV file.`);
  else if (file.size > MAX_WAVEFORM_FILE_BYTES) problems.push(`The file is ${formatBytes(file.size)}; at most ${formatBytes(MAX_WAVEFORM_FILE_BYTES)} can be analysed.`);
  else if (file.size === 0) problems.push(`“${file.name}” is empty.`);

  const rpmText = form.shaftRpm.trim();
  const rpm = parseNumber(rpmText);
  if (rpmText === '') problems.push('Type the shaft speed in rpm (e.g. 1780).');
  else if (rpm === null || !(rpm > 0) || rpm > 100_000) problems.push(`Shaft speed “${rpmText}”: expected a speed in rpm above 0 and at most 100 000.`);

  // A WAV file's header has its sample rate: what was typed for a CSV before does not count.
  const fsText = kind === 'wav' ? '' : form.sampleRateHz.trim();
  const fs = parseNumber(fsText);
  if (kind !== 'wav' && fsText === '') problems.push('A CSV file needs its sample rate: type it in Hz (e.g. 12000).');
  else if (fsText !== '' && (fs === null || fs < 100 || fs > 1_000_000)) problems.push(`Sample rate “${fsText}”: expected 100 to 1 000 000 Hz.`);

  const bearing = form.bearing.trim();
  if (bearing.length > 64) problems.push('Bearing: at most 64 characters (a catalogue name such as “SKF 6205”).');

  if (problems.length > 0 || file === null) return { ok: false, problems };
  const request: ImportRequest = {
    fileName: file.name.trim().slice(-260),
    shaftRpm: rpm!,
    machineGroup: form.machineGroup,
    foundation: form.foundation,
    ...(fsText === '' ? {} : { sampleRateHz: fs! }),
    ...(form.unit === 'auto' ? {} : { unit: form.unit }),
    ...(bearing === '' ? {} : { bearing }),
  };
  return { ok: true, request };
}

/** The base64 of a FileReader data URL ("data:text/csv;base64,QUJD" → "QUJD"). */
export function base64FromDataUrl(url: string): string {
  const comma = url.indexOf(',');
  const head = comma < 0 ? '' : url.slice(0, comma);
  if (!url.startsWith('data:') || !head.endsWith(';base64')) throw new Error('the file could not be read as base64');
  return url.slice(comma + 1);
}

/** A refusal of the analysis in words. */
export function importErrorText(error: { code: string; message: string }): string {
  if (error.code === 'disconnected') return 'No connection to the runtime: the file could not be sent.';
  if (error.code === 'invalid-request') return `The request was refused: ${error.message}`;
  return `The file could not be analysed: ${error.message}`;
}
