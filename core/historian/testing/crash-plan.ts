/** What the crash-safety child writes, so that the test can tell exactly what must be there. */
import type { Tag } from '../../model/plant.js';

/** Sample time runs this many times faster than the wall clock in the child. */
export const CRASH_SPEED = 100;
/** One sample per tag every this many ms of sample time. */
export const CRASH_STEP_MS = 100;

export function crashTestTags(): Tag[] {
  const base = { assetPath: 'l/a', deviceId: 'd', unit: '', description: '', sampleRateMs: 100, rateReason: 'test', writable: false };
  return [
    { ...base, path: 'l/a/f64', name: 'f64', address: 'f64', dataType: 'float64' },
    { ...base, path: 'l/a/f32', name: 'f32', address: 'f32', dataType: 'float32' },
    { ...base, path: 'l/a/int', name: 'int', address: 'int', dataType: 'int32' },
    { ...base, path: 'l/a/txt', name: 'txt', address: 'txt', dataType: 'string' },
  ];
}

export function crashTestValue(path: string, ts: number): number | string {
  const k = ts / CRASH_STEP_MS;
  if (path.endsWith('f64')) return Math.sin(k / 7) * 100 + k * 1e-3;
  if (path.endsWith('f32')) return Math.fround(Math.cos(k / 5) * 50);
  if (path.endsWith('int')) return k % 1000;
  return `s${k % 13}`;
}
