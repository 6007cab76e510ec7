/**
 * The fake client's capture exports: a request checked with the contract's schema starts a
 * job that runs for `durationMs` of real time, going through the fake plant's tags (the
 * `detail` says which), then is done with a file in a made-up captures folder; a name
 * containing "fail" fails half way (to see the failure).
 */
import { describeIssues, fail, hmiRequestSchemas, ok } from '../../core/contract/index.js';
import type { CaptureExportJob, HmiRequest, Result } from '../../core/contract/index.js';

export interface FakeCaptureExports {
  start(req: unknown): Result<CaptureExportJob>;
  status(req: unknown): Result<CaptureExportJob>;
}

interface Job {
  id: number;
  request: HmiRequest<'exportCapture'>;
  startedAt: number;
  file: string;
  tags: string[];
}

const pad = (n: number) => String(n).padStart(2, '0');

function defaultName(from: number): string {
  const d = new Date(from);
  return `capture-${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}`;
}

export function createFakeCaptureExports(options: { realNow?: () => number; durationMs?: number; tags: readonly string[] }): FakeCaptureExports {
  const realNow = options.realNow ?? (() => Date.now());
  const durationMs = options.durationMs ?? 4_000;
  const jobs = new Map<number, Job>();
  let nextId = 1;

  function view(job: Job): CaptureExportJob {
    const progress = Math.min(1, (realNow() - job.startedAt) / durationMs);
    const failing = job.request.name?.includes('fail') === true;
    const hours = (job.request.to - job.request.from) / 3_600_000;
    const samples = Math.round(progress * hours * job.tags.length * 3_600);
    const base = { id: job.id, file: job.file, samples, bytes: Math.round(samples * 2.6) + 65_536 };
    if (failing && progress >= 0.5) return { ...base, state: 'failed', progress: 0.5, detail: 'stopped', error: 'disk full: no space left on the captures volume' };
    if (progress >= 1) return { ...base, state: 'done', progress: 1, detail: `${job.tags.length} tags, waveforms and journals written` };
    const index = Math.min(job.tags.length - 1, Math.floor(progress * job.tags.length));
    return { ...base, state: 'running', progress, detail: `${job.tags[index] ?? ''}: ${index + 1} of ${job.tags.length} tags` };
  }

  return {
    start(raw) {
      const parsed = hmiRequestSchemas.exportCapture.safeParse(raw);
      if (!parsed.success) return fail('invalid-request', `exportCapture: ${describeIssues(parsed.error, raw)}`);
      const request = parsed.data;
      const tags = options.tags.filter((tag) => request.assets === undefined || request.assets.some((path) => tag === path || tag.startsWith(`${path}/`)));
      if (tags.length === 0) return fail('unknown-tag', 'no tag under the lines and assets chosen');
      const job: Job = { id: nextId++, request, startedAt: realNow(), file: `/var/lib/lineside/captures/${request.name ?? defaultName(request.from)}.lsc`, tags };
      jobs.set(job.id, job);
      return ok(view(job));
    },
    status(raw) {
      const parsed = hmiRequestSchemas.captureExportStatus.safeParse(raw);
      if (!parsed.success) return fail('invalid-request', `captureExportStatus: ${describeIssues(parsed.error, raw)}`);
      const job = jobs.get(parsed.data.id);
      return job === undefined ? fail('not-found', `no capture export ${parsed.data.id}`) : ok(view(job));
    },
  };
}
