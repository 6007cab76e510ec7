/**
 * A capture of the simulated line: the plant config's simulator runs on a stepped clock as
 * fast as the machine allows, through the historian and every analytic exactly as the live
 * app runs it, and the whole span is exported. `lineside capture simulate` uses it, so replay
 * can be tried without a plant; the tests use it as the "recorded live" side of a replay.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { parsePlantConfig } from '../config/index.js';
import { driverFactories } from '../drivers/registry.js';
import { startHistorian } from '../historian/index.js';
import { createSteppedClock } from '../runtime/clock.js';
import type { Logger } from '../runtime/logger.js';
import { createRuntime } from '../runtime/runtime.js';
import { startAnalytics, type Analytics } from '../service/start-core.js';
import { exportCapture, type CaptureExportResult } from './capture-export.js';

/** Plant time simulated between two turns of the event loop (the historian commits on them). */
const STEP_MS = 10 * 60_000;

export interface SimulatedCaptureOptions {
  configYaml: string;
  configName: string;
  /** Start of the simulated span, UTC ms. */
  from: number;
  /** Length of the span, ms. The capture holds [from, from + spanMs). */
  spanMs: number;
  file: string;
  appVersion: string;
  log: Logger;
  onProgress?: (fraction: number) => void;
  /** Called with the analytics at the end of the span, before they stop (what the live app showed). */
  atEnd?: (analytics: Analytics) => void;
}

export async function recordSimulatedCapture(options: SimulatedCaptureOptions): Promise<CaptureExportResult> {
  const { from, spanMs, log } = options;
  const to = from + spanMs;
  const plant = parsePlantConfig(options.configYaml, options.configName, driverFactories);
  const dir = mkdtempSync(join(tmpdir(), 'lineside-simulate-'));
  const clock = createSteppedClock(from);
  const runtime = createRuntime({ plant, drivers: driverFactories, clock, log, stateDir: dir });
  const history = startHistorian({ file: join(dir, 'simulated.lineside.db'), runtime, log });
  const analytics = startAnalytics(runtime, history, log);
  try {
    await runtime.start();
    // Up to 1 ms before the end: the samples stamped `to` belong to the next span.
    for (let t = from; t < to - 1; ) {
      t = Math.min(t + STEP_MS, to - 1);
      clock.advanceTo(t);
      options.onProgress?.((0.8 * (t - from)) / spanMs);
      await yieldToLoop();
    }
    options.atEnd?.(analytics);
    history.historian()!.commit();
    return await exportCapture({
      source: history.historian()!,
      plant,
      configYaml: options.configYaml,
      configName: options.configName,
      from,
      to: to - 1,
      assets: [],
      file: options.file,
      appVersion: options.appVersion,
      log,
      onProgress: ({ fraction }) => options.onProgress?.(0.8 + 0.2 * fraction),
    });
  } finally {
    analytics.stop();
    await runtime.stop();
    history.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
