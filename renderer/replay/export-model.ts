/**
 * The capture export dialog's pure parts: the range presets (last hour, last 8 h shift, last
 * 24 h, custom from/to typed in local time), the selection of lines and assets (a line whose
 * assets are all ticked is sent as the line; nothing ticked is the whole plant), the request
 * checked with the contract's own schema, and the progress in words.
 */
import { describeIssues, hmiRequestSchemas } from '../../core/contract/index.js';
import type { CaptureExportJob, HmiRequest, PlantModel } from '../../core/contract/index.js';

export type ExportPresetId = 'hour' | 'shift' | 'day' | 'custom';

export interface ExportPreset {
  id: ExportPresetId;
  label: string;
  /** Null for custom. */
  spanMs: number | null;
}

const hour = 3_600_000;

export const exportPresets: readonly ExportPreset[] = [
  { id: 'hour', label: 'Last hour', spanMs: hour },
  { id: 'shift', label: 'Last 8 h (shift)', spanMs: 8 * hour },
  { id: 'day', label: 'Last 24 h', spanMs: 24 * hour },
  { id: 'custom', label: 'Custom', spanMs: null },
];

/** The range of a preset ending at `now` (whole milliseconds); null for custom. */
export function presetRange(id: ExportPresetId, now: number): { from: number; to: number } | null {
  const span = exportPresets.find((preset) => preset.id === id)?.spanMs ?? null;
  if (span === null) return null;
  const to = Math.floor(now);
  return { from: to - span, to };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An epoch-ms time as a `datetime-local` input's value in local time, to the second: "2025-10-14T06:00:00". */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** A `datetime-local` value (local time; seconds optional) as epoch ms; null when it is not one. */
export function fromLocalInput(text: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/.exec(text.trim());
  if (match === null) return null;
  const [year, month, day, hours, minutes, seconds] = match.slice(1).map((part) => (part === undefined ? 0 : Number(part))) as [number, number, number, number, number, number];
  const date = new Date(year, month - 1, day, hours, minutes, seconds);
  // Rejects 2025-02-31 and the like (Date would roll them over).
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day || date.getHours() !== hours || date.getMinutes() !== minutes) return null;
  return date.getTime();
}

export interface SelectableLine {
  path: string;
  name: string;
  assets: { path: string; name: string }[];
}

export function selectableLines(plant: PlantModel | null): SelectableLine[] {
  return (plant?.lines ?? []).map((line) => ({ path: line.path, name: line.name, assets: line.assets.map((asset) => ({ path: asset.path, name: asset.name })) }));
}

/** Whether a line's assets are all, some or none of the ticked ones. */
export function lineCheckState(line: SelectableLine, checked: ReadonlySet<string>): 'all' | 'some' | 'none' {
  const ticked = line.assets.filter((asset) => checked.has(asset.path)).length;
  if (ticked === 0) return 'none';
  return ticked === line.assets.length ? 'all' : 'some';
}

/** Ticks every asset of the line, or none when all were ticked. */
export function toggleLine(line: SelectableLine, checked: ReadonlySet<string>): Set<string> {
  const next = new Set(checked);
  const all = lineCheckState(line, checked) === 'all';
  for (const asset of line.assets) {
    if (all) next.delete(asset.path);
    else next.add(asset.path);
  }
  return next;
}

export function toggleAsset(path: string, checked: ReadonlySet<string>): Set<string> {
  const next = new Set(checked);
  if (next.has(path)) next.delete(path);
  else next.add(path);
  return next;
}

/** The paths to send: whole lines where every asset is ticked, else the ticked assets; undefined (the whole plant) when none is. */
export function selectedPaths(lines: readonly SelectableLine[], checked: ReadonlySet<string>): string[] | undefined {
  const paths: string[] = [];
  for (const line of lines) {
    const state = lineCheckState(line, checked);
    if (state === 'all' && line.assets.length > 0) paths.push(line.path);
    else if (state === 'some') paths.push(...line.assets.filter((asset) => checked.has(asset.path)).map((asset) => asset.path));
  }
  return paths.length === 0 ? undefined : paths;
}

const counted = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "Whole plant", "Line 1", "Filler, Capper", "4 assets", "2 lines and 3 assets". */
export function selectionText(lines: readonly SelectableLine[], checked: ReadonlySet<string>): string {
  const paths = selectedPaths(lines, checked);
  if (paths === undefined) return 'Whole plant';
  const names = new Map<string, string>();
  const linePaths = new Set(lines.map((line) => line.path));
  for (const line of lines) {
    names.set(line.path, line.name);
    for (const asset of line.assets) names.set(asset.path, asset.name);
  }
  if (paths.length <= 3) return paths.map((path) => names.get(path) ?? path).join(', ');
  const wholeLines = paths.filter((path) => linePaths.has(path)).length;
  const assets = paths.length - wholeLines;
  if (assets === 0) return counted(wholeLines, 'line');
  return wholeLines === 0 ? counted(assets, 'asset') : `${counted(wholeLines, 'line')} and ${counted(assets, 'asset')}`;
}

export interface ExportForm {
  preset: ExportPresetId;
  /** `datetime-local` values, for custom. */
  customFrom: string;
  customTo: string;
  checked: ReadonlySet<string>;
  /** The file's name without folder; empty: the app chooses. */
  name: string;
}

export type ExportCheck = { ok: true; request: HmiRequest<'exportCapture'> } | { ok: false; message: string };

/** The request for the form at `now` (the runtime clock), checked as the core will check it. */
export function exportRequest(form: ExportForm, lines: readonly SelectableLine[], now: number): ExportCheck {
  let range = presetRange(form.preset, now);
  if (range === null) {
    const from = fromLocalInput(form.customFrom);
    const to = fromLocalInput(form.customTo);
    if (from === null) return { ok: false, message: 'Give the start as a date and a time.' };
    if (to === null) return { ok: false, message: 'Give the end as a date and a time.' };
    range = { from, to };
  }
  if (!(range.to > range.from)) return { ok: false, message: 'The end must be after the start.' };
  const assets = selectedPaths(lines, form.checked);
  const name = form.name.trim();
  const request = { from: range.from, to: range.to, ...(assets === undefined ? {} : { assets }), ...(name === '' ? {} : { name }) };
  const parsed = hmiRequestSchemas.exportCapture.safeParse(request);
  if (!parsed.success) {
    const nameIssue = parsed.error.issues.some((issue) => issue.path[0] === 'name');
    return { ok: false, message: nameIssue ? 'The file name may have letters, digits, spaces, "_", "-" and "." (up to 100, not starting with a space, "-" or ".").' : describeIssues(parsed.error, request) };
  }
  return { ok: true, request: parsed.data };
}

/** "12.4 MB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** The progress in percent (whole), 0–100. */
export function progressPercent(job: Pick<CaptureExportJob, 'progress' | 'state'>): number {
  if (job.state === 'done') return 100;
  return Math.round(Math.max(0, Math.min(1, Number.isFinite(job.progress) ? job.progress : 0)) * 100);
}

/** "1,234,567 samples · 12.4 MB". */
export function exportAmounts(job: Pick<CaptureExportJob, 'samples' | 'bytes'>): string {
  return `${job.samples.toLocaleString()} samples · ${formatBytes(job.bytes)}`;
}
