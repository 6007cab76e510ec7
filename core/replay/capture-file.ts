/**
 * Opening a capture file for replay: read-only (nothing in replay writes to it), with its
 * description checked. A file that is missing, not SQLite, a plain historian file, or a
 * capture of a newer version is refused with the reason.
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { readCaptureMeta, type CaptureMeta } from '../historian/capture-store.js';
import { Historian } from '../historian/historian.js';
import type { Logger } from '../runtime/logger.js';
import { CAPTURE_VERSION } from './capture-export.js';
import { CaptureError } from './errors.js';

/** What a capture says about itself (capture-store.ts), and its file's name. */
export type CaptureInfo = Omit<CaptureMeta, 'version'> & { file: string };

export interface OpenCapture {
  info: CaptureInfo;
  /** The capture's store, read-only. */
  historian: Historian;
  close(): void;
}

export function openCapture(file: string, log: Logger): OpenCapture {
  if (!existsSync(file)) throw new CaptureError(`no capture file at ${file}`);
  let historian: Historian;
  try {
    historian = new Historian({ file, tags: [], log: log.child({ part: 'capture' }), readonly: true });
  } catch (error) {
    const message = (error as Error).message;
    const reason = /not a database|file is not|SQLITE_NOTADB/i.test(message) ? 'it is not a Lineside capture (not an SQLite file)' : message;
    throw new CaptureError(`cannot open ${file}: ${reason}`);
  }
  try {
    return { info: captureInfo(file, historian), historian, close: () => historian.close() };
  } catch (error) {
    historian.close();
    throw error;
  }
}

function captureInfo(file: string, historian: Historian): CaptureInfo {
  const meta = readCaptureMeta(historian);
  if (!meta) throw new CaptureError(`${file} is a Lineside historian file, not a capture; make one with "lineside capture export" or the app's Export capture`);
  const version = Number(meta.version);
  if (version > CAPTURE_VERSION) throw new CaptureError(`${file} is a capture of version ${version}; this Lineside reads up to version ${CAPTURE_VERSION}`);
  const from = Number(meta.from);
  const to = Number(meta.to);
  if (!(Number.isFinite(from) && Number.isFinite(to) && to > from)) throw new CaptureError(`${file}: the capture's time range is damaged (from ${meta.from}, to ${meta.to})`);
  if (!meta.configYaml) throw new CaptureError(`${file}: the capture holds no plant config`);
  return {
    file: basename(file),
    from,
    to,
    configYaml: meta.configYaml,
    configName: meta.configName ?? 'plant.yaml',
    site: meta.site ?? '',
    area: meta.area ?? '',
    assets: meta.assets ? (JSON.parse(meta.assets) as string[]) : [],
    createdAt: Number(meta.createdAt ?? 0),
    createdBy: meta.createdBy ?? '',
  };
}
