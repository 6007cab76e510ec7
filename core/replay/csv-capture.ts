/**
 * A capture made from a CSV file of tag history (csv-import.ts parses it): the plant config
 * names the tags and is stored in the capture, so the CSV's history replays through the
 * alarms, OEE and PdM of that plant. Bad rows are reported, not imported; the rest is.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { basename } from 'node:path';
import { writeCaptureMeta } from '../historian/capture-store.js';
import { Historian, valueKindOf } from '../historian/historian.js';
import { allTags, type Plant } from '../model/plant.js';
import type { Logger } from '../runtime/logger.js';
import { CAPTURE_VERSION } from './capture-export.js';
import { parseTagCsv, type CsvImportOptions, type CsvImportResult } from './csv-import.js';
import { CaptureError } from './errors.js';
import { withoutSecrets } from '../security/config-secrets.js';

export interface CsvCaptureOptions {
  bytes: Uint8Array;
  csvName: string;
  plant: Plant;
  configYaml: string;
  configName: string;
  csv?: CsvImportOptions;
  file: string;
  appVersion: string;
  log: Logger;
  now?: () => number;
}

export function captureFromCsv(options: CsvCaptureOptions): CsvImportResult {
  const { file, plant } = options;
  if (existsSync(file)) throw new CaptureError(`${file} exists already; a capture never overwrites a file; choose another name`);
  const tags = allTags(plant).filter((tag) => valueKindOf(tag.dataType) !== undefined);
  const parsed = parseTagCsv(options.bytes, tags.map((tag) => ({ path: tag.path, kind: valueKindOf(tag.dataType)! })), options.csv);
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  const capture = new Historian({ file: partial, tags, log: options.log.child({ part: 'capture' }) });
  try {
    capture.importMany(parsed.series);
    writeCaptureMeta(capture, {
      version: CAPTURE_VERSION,
      from: parsed.from,
      to: parsed.to + 1,
      configYaml: withoutSecrets(options.configYaml),
      configName: basename(options.configName),
      site: plant.site,
      area: plant.area,
      assets: [],
      createdAt: (options.now ?? Date.now)(),
      createdBy: `Lineside ${options.appVersion} from ${basename(options.csvName)}`,
    });
    capture.db.pragma('journal_mode = DELETE');
    capture.close();
    renameSync(partial, file);
    return parsed;
  } catch (error) {
    if (capture.db.open) capture.db.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
    throw error;
  }
}
