/**
 * The ingesting process of the crash-safety test: appends samples of a few tags with a
 * clock running 100× real time (so minute seals happen every 0.6 s), commits as often as
 * the app does, and runs until the parent kills it with SIGKILL.
 * argv: database file, sample-time start (ms). Prints "ready <wall ms>" once ingesting,
 * and "committed <sample ms>" after each commit: every sample up to that time is durable.
 */
import type { Tag } from '../../model/plant.js';
import { silentLogger } from '../../runtime/logger.js';
import { Historian } from '../historian.js';
import { COMMIT_INTERVAL_MS } from '../index.js';
import { crashTestTags, crashTestValue, CRASH_SPEED, CRASH_STEP_MS } from './crash-plan.js';

const [file, startArg] = process.argv.slice(2);
const sampleStart = Number(startArg);
const tags: Tag[] = crashTestTags();
const historian = new Historian({ file: file!, tags, log: silentLogger(), lateWindowMs: 10_000, sealIntervalMs: 60_000 });
const wallStart = Date.now();
let next = sampleStart;

setInterval(() => {
  const now = sampleStart + (Date.now() - wallStart) * CRASH_SPEED;
  const samples = [];
  for (; next <= now; next += CRASH_STEP_MS) {
    for (const tag of tags) samples.push({ path: tag.path, value: crashTestValue(tag.path, next), quality: { status: 'good' as const }, sourceTs: next });
  }
  historian.append(samples);
}, 5);
setInterval(() => {
  const appendedUntil = next - CRASH_STEP_MS;
  historian.commit();
  process.stdout.write(`committed ${appendedUntil}\n`);
}, COMMIT_INTERVAL_MS);
process.stdout.write(`ready ${wallStart}\n`);
