/**
 * The simulator as a driver: `simulatorDriver` validates settings and addresses, and each
 * device it creates runs a SimulatedLine on the runtime's clock. On every timer call the
 * model is stepped until its simulated time catches up with `clock.now()` (a fast clock
 * may need thousands of steps), bounded to one simulated hour per call: beyond that the
 * model skips ahead with a logged warning. All samples of one call go out in one batch.
 */
import type { ScalarValue } from '../../contract/index.js';
import type { Tag } from '../../model/plant.js';
import { bad, type Sample } from '../../model/sample.js';
import type { Driver, DriverContext, DriverFactory, DriverState } from '../driver.js';
import { addressProblem } from './addresses.js';
import { simulatorSettingsSchema, type SimulatorSettings } from './settings.js';
import { SimulatedLine, TICK_MS } from './simulated-line.js';
import { placeholder } from './tag-values.js';

/**
 * How often the driver looks whether a tick is due. Ticks are 100 ms of simulated time;
 * looking every 10 ms publishes each tick's samples within ~10 ms of their timestamp.
 */
const POLL_MS = 10;
/** Most simulated time one timer call may compute; more than this behind is skipped. */
export const MAX_CATCH_UP_MS = 3_600_000;
/** After the first skip warning, only every this many further skips is logged. */
const SKIP_WARNING_EVERY = 100;

class SimulatorDevice implements Driver {
  private line: SimulatedLine | undefined;
  private cancelTimer: (() => void) | undefined;
  private state: DriverState = 'stopped';
  private failure: string | undefined;
  private skips = 0;
  private skippedMs = 0;

  constructor(private readonly context: DriverContext<SimulatorSettings>) {}

  async start(): Promise<void> {
    if (this.cancelTimer) return;
    const { clock, settings, tags } = this.context;
    const online = clock.now();
    const warmUpMs = settings.warmUpMin * 60_000;
    const line = new SimulatedLine(shiftFaultTimes(settings, warmUpMs), online - warmUpMs, tags);
    // The warm-up hour is published as one batch of history before the device goes live,
    // so the historian (the only subscriber this early) holds the hour the line ran.
    const warmUp: Sample[] = [];
    while (line.time + TICK_MS <= online) line.stepInto(warmUp);
    if (warmUp.length > 0) this.context.publish(warmUp);
    if (warmUpMs > 0) line.sampleAllAtNextTick();
    this.line = line;
    this.failure = undefined;
    this.state = 'running';
    this.cancelTimer = clock.every(POLL_MS, () => this.onTimer());
    this.context.log.info({ deviceId: this.context.deviceId, seed: settings.seed, tags: tags.length }, 'simulated line started');
  }

  private onTimer(): void {
    const line = this.line;
    if (!line || this.state === 'failed') return;
    try {
      const now = this.context.clock.now();
      const behind = now - line.time;
      if (behind > MAX_CATCH_UP_MS) {
        const gap = behind - MAX_CATCH_UP_MS;
        line.skip(gap);
        this.skips++;
        this.skippedMs += gap;
        if (this.skips === 1 || this.skips % SKIP_WARNING_EVERY === 0)
          this.context.log.warn(
            { deviceId: this.context.deviceId, skippedMs: Math.round(gap), skips: this.skips, totalSkippedMs: Math.round(this.skippedMs) },
            'simulator clock ran more than one simulated hour ahead of the model; skipped ahead without simulating the gap',
          );
      }
      const out: Sample[] = [];
      while (line.time + TICK_MS <= now) line.stepInto(out);
      if (out.length > 0) this.context.publish(out);
    } catch (error) {
      this.fail(error as Error);
    }
  }

  /** A bug in the model must not stop the runtime: the tags go bad and the device reports failed. */
  private fail(error: Error): void {
    this.state = 'failed';
    this.failure = error.message;
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    this.context.log.error({ deviceId: this.context.deviceId, err: error }, 'simulated line failed');
    const ts = this.line?.time ?? this.context.clock.now();
    const reason = `simulator failed: ${error.message}`;
    try {
      this.context.publish(this.context.tags.map((tag) => ({ path: tag.path, value: placeholder(tag.dataType), quality: bad(reason), sourceTs: ts })));
    } catch (publishError) {
      this.context.log.error({ deviceId: this.context.deviceId, err: publishError }, 'could not mark the simulated tags bad');
    }
  }

  async stop(): Promise<void> {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    if (this.state !== 'failed') this.state = 'stopped';
  }

  async write(tag: Tag, value: ScalarValue): Promise<void> {
    if (!this.line || this.state !== 'running') throw new Error(`the simulated device '${this.context.deviceId}' is not running; cannot write '${tag.address}'`);
    this.line.write(tag.address, value);
  }

  status(): { state: DriverState; detail: string } {
    const s = this.context.settings;
    if (this.state === 'failed') return { state: 'failed', detail: `simulation stopped by an error: ${this.failure ?? 'unknown'}` };
    if (this.state === 'stopped') return { state: 'stopped', detail: this.line ? 'stopped' : 'not started' };
    let detail = `simulating ${s.machines.length} machines, seed ${s.seed}`;
    if (s.load) detail += `, ${s.load.tags} load tags at ${s.load.rateHz} Hz`;
    if (this.skips > 0) detail += `; clock ran ahead, ${(this.skippedMs / 3_600_000).toFixed(1)} h skipped`;
    return { state: this.skips > 0 ? 'degraded' : 'running', detail };
  }
}

/** Injected faults count from the moment the device comes online, after the warm-up. */
function shiftFaultTimes(settings: SimulatorSettings, warmUpMs: number): SimulatorSettings {
  if (warmUpMs === 0) return settings;
  const injectedFaults = settings.injectedFaults.map((fault) =>
    fault.kind === 'bearing' ? { ...fault, startAfterH: fault.startAfterH + warmUpMs / 3_600_000 } : { ...fault, atS: fault.atS + warmUpMs / 1000 },
  );
  return { ...settings, injectedFaults };
}

export const simulatorDriver: DriverFactory<SimulatorSettings> = {
  kind: 'simulator',
  description: 'built-in simulated bottling line (filler, capper, labeler, case packer, conveyor motor), deterministic from a seed',
  configSchema: simulatorSettingsSchema,
  checkAddress: (address, settings) => addressProblem(address, settings),
  create: (context) => new SimulatorDevice(context),
};
