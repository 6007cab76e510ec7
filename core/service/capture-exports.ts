/**
 * Capture exports from the running app (live mode): each runs in the background, tag by tag
 * (capture-export.ts yields between tags, so the line keeps being read and stored), and the
 * UI polls its progress. Files go to "captures" beside the historian's database; the name is
 * the caller's or made from the plant and the start time, and an existing file is never
 * overwritten.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { CaptureExportJob, HmiRequest } from '../contract/index.js';
import type { RunningHistorian } from '../historian/index.js';
import { LinesideError } from '../model/errors.js';
import type { Logger } from '../runtime/logger.js';
import type { Runtime } from '../runtime/runtime.js';
import { CAPTURE_EXTENSION, exportCapture } from '../replay/capture-export.js';
import type { CaptureExports } from './replay-calls.js';

/** Finished jobs kept for their status. */
const KEPT_JOBS = 20;

export function createCaptureExports(options: { runtime: Runtime; history: RunningHistorian; dataDir: string; appVersion: string; log: Logger }): CaptureExports {
  const { runtime, history, log } = options;
  const folder = join(options.dataDir, 'captures');
  const jobs = new Map<number, CaptureExportJob>();
  let nextId = 1;

  const fileFor = (request: HmiRequest<'exportCapture'>) => {
    const plant = runtime.plant;
    const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'plant';
    const stamp = new Date(request.from).toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
    const name = request.name ? basename(request.name) : `${slug(plant.site)}-${slug(plant.area)}-${stamp}`;
    return join(folder, name.endsWith(CAPTURE_EXTENSION) ? name : `${name}${CAPTURE_EXTENSION}`);
  };

  return {
    start(request) {
      const source = history.historian();
      if (!source) throw new LinesideError('not-found', `the historian is not open: ${history.status().detail}`);
      const running = [...jobs.values()].find((job) => job.state === 'running');
      if (running) throw new LinesideError('action-refused', `an export is already running (${basename(running.file)}); wait for it to finish`);
      mkdirSync(folder, { recursive: true });
      const file = fileFor(request);
      const job: CaptureExportJob = { id: nextId++, file, state: 'running', progress: 0, detail: 'starting', samples: 0, bytes: 0 };
      jobs.set(job.id, job);
      for (const id of [...jobs.keys()].slice(0, Math.max(0, jobs.size - KEPT_JOBS))) jobs.delete(id);
      const plant = runtime.plant;
      exportCapture({
        source,
        plant,
        configYaml: readFileSync(plant.source, 'utf8'),
        configName: basename(plant.source),
        from: request.from,
        to: request.to,
        assets: request.assets ?? [],
        file,
        appVersion: options.appVersion,
        log,
        onProgress: ({ fraction, detail, samples }) => Object.assign(job, { progress: fraction, detail, samples }),
      })
        .then((result) => Object.assign(job, { state: 'done', progress: 1, samples: result.samples, bytes: result.bytes, detail: `${result.tags} tags, ${result.samples.toLocaleString('en')} samples` }))
        .catch((error: unknown) => {
          log.error({ err: error, file }, 'capture export failed');
          Object.assign(job, { state: 'failed', error: (error as Error).message, detail: 'failed' });
        });
      return { ...job };
    },
    status: (id) => {
      const job = jobs.get(id);
      return job ? { ...job } : undefined;
    },
  };
}
