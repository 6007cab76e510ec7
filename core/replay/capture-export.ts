/**
 * Capture export: a time range and a selection of lines/assets of the historian, written into
 * one self-contained file that another machine can replay. The file is a historian file of
 * the same schema and block format (so the same reader reads it), holding:
 * - every selected tag's samples in the range, re-cut into blocks with their rollups;
 * - the waveform snapshots, the event journal (state changes, downtime reasons, PdM points,
 *   work requests) and the alarm journal of the range;
 * - in `meta`, the plant config (YAML) as it was but for its secrets (passwords, keys: removed),
 *   the range, and who made it (capture-store.ts).
 *
 * It is written under "<file>.partial" and renamed when complete, so a file with the final
 * name is always whole; an existing file is never overwritten. Between tags the export yields
 * to the event loop, so a live app keeps polling and storing while it runs.
 */
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { copyJournals, writeCaptureMeta } from '../historian/capture-store.js';
import { Historian } from '../historian/historian.js';
import { HistorianReader } from '../historian/reader.js';
import { allTags, type Plant, type Tag } from '../model/plant.js';
import type { Logger } from '../runtime/logger.js';
import { CaptureError } from './errors.js';
import { withoutSecrets } from '../security/config-secrets.js';

export const CAPTURE_VERSION = 1;
/** The file name ending of capture files. */
export const CAPTURE_EXTENSION = '.lsc';
/** Samples are read and written a day at a time per tag, to bound memory on long ranges. */
const CHUNK_MS = 86_400_000;

export interface CaptureExportOptions {
  /** The historian to export from (the live one), and its file. */
  source: Historian;
  plant: Plant;
  /** The plant config's text and file name, stored in the capture. */
  configYaml: string;
  configName: string;
  from: number;
  to: number;
  /** Lines or assets (every tag below them); the whole plant when empty. */
  assets: readonly string[];
  file: string;
  appVersion: string;
  log: Logger;
  /** The wall clock, for the capture's creation time. */
  now?: () => number;
  onProgress?: (progress: CaptureExportProgress) => void;
}

export interface CaptureExportProgress {
  /** 0–1. */
  fraction: number;
  detail: string;
  samples: number;
}

export interface CaptureExportResult {
  file: string;
  tags: number;
  samples: number;
  journalRows: number;
  bytes: number;
}

/** The tags below the given lines/assets (all when none); an unknown path is refused. */
export function selectCaptureTags(plant: Plant, assets: readonly string[]): Tag[] {
  const tags = allTags(plant);
  if (assets.length === 0) return tags;
  const unknown = assets.filter((path) => !tags.some((tag) => tag.path.startsWith(`${path}/`)));
  if (unknown.length > 0) throw new CaptureError(`no line or asset with tags at ${unknown.slice(0, 5).join(', ')}; expected paths such as ${tags[0]?.assetPath ?? 'line1/filler'}`);
  return tags.filter((tag) => assets.some((path) => tag.path.startsWith(`${path}/`)));
}

export async function exportCapture(options: CaptureExportOptions): Promise<CaptureExportResult> {
  const { source, from, to, file } = options;
  if (!(to > from)) throw new CaptureError(`the capture's end (${new Date(to).toISOString()}) must be after its start (${new Date(from).toISOString()})`);
  if (existsSync(file)) throw new CaptureError(`${file} exists already; a capture never overwrites a file; choose another name`);
  const tags = selectCaptureTags(options.plant, options.assets);
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  const reader = new HistorianReader(source);
  const capture = new Historian({ file: partial, tags, log: options.log.child({ part: 'capture' }) });
  let samples = 0;
  try {
    for (let i = 0; i < tags.length; i++) {
      const tag = tags[i]!;
      const entry = source.tags.get(tag.path);
      if (entry) {
        for (let start = from; start < to; start += CHUNK_MS) {
          const series = reader.series(entry, start, Math.min(to, start + CHUNK_MS));
          capture.importSeries(tag.path, series);
          samples += series.ts.length;
        }
      }
      options.onProgress?.({ fraction: (0.9 * (i + 1)) / tags.length, detail: `${tag.path}: ${i + 1} of ${tags.length} tags`, samples });
      await yieldToLoop();
    }
    options.onProgress?.({ fraction: 0.95, detail: 'journals and waveform snapshots', samples });
    const journalRows = copyJournals(capture, sourceFileOf(source), { from, to, assets: options.assets });
    writeCaptureMeta(capture, {
      version: CAPTURE_VERSION,
      from,
      to,
      configYaml: withoutSecrets(options.configYaml),
      configName: basename(options.configName),
      site: options.plant.site,
      area: options.plant.area,
      assets: [...options.assets],
      createdAt: (options.now ?? Date.now)(),
      createdBy: `Lineside ${options.appVersion}`,
    });
    // One self-contained file: no write-ahead log beside it.
    capture.db.pragma('journal_mode = DELETE');
    capture.close();
    renameSync(partial, file);
    const bytes = statSync(file).size;
    options.onProgress?.({ fraction: 1, detail: `${tags.length} tags, ${samples.toLocaleString('en')} samples`, samples });
    options.log.info({ file, tags: tags.length, samples, journalRows, bytes }, 'capture written');
    return { file, tags: tags.length, samples, journalRows, bytes };
  } catch (error) {
    if (capture.db.open) capture.db.close();
    rmSync(partial, { force: true });
    rmSync(`${partial}-wal`, { force: true });
    rmSync(`${partial}-shm`, { force: true });
    throw error;
  }
}

function sourceFileOf(source: Historian): string {
  return source.db.name;
}
