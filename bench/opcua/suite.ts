// The OPC UA benchmark: 10,000 float64 variables on the driver's test server, each changing
// once a second, subscribed at 1 s over a security None endpoint on 127.0.0.1 (no signing
// or encryption cost: the figures are the subscription path's). The server runs in a child
// process (bench/opcua/server-process.ts), so the CPU measured here with
// process.cpuUsage() is the client's alone; the server sets its variables in ten chunks of
// 1,000 every 100 ms, each with its source timestamp.
//
// Measured: the real driver (opcuaDriver, real clock) with 10,000 tags; its publish
// callback counts the samples and records latency = arrival − source timestamp, which
// includes the server's sampling and publishing intervals (1 s each, so up to ~2 s by
// design). The baseline, measured in the same run against the same server: one
// subscription per monitored item (the pattern node-opcua issue #906 warns about) on a
// bare node-opcua client, for 1,000 items (at 2,000 the server process saturates a core and
// delivers well under 70% of the changes; 10,000 subscriptions would take minutes to
// create), its CPU scaled to 10,000 updates/s. The two are measured one after the other,
// each over a window of MEASURE_MS, each after every item has delivered.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchSuite } from '../run.js';
import { opcuaDriver, opcuaSettingsSchema } from '../../core/drivers/opcua/index.js';
import { subscribePerItem } from '../../core/drivers/opcua/testing/per-item-subscriptions.js';
import type { Tag } from '../../core/model/plant.js';
import type { Sample } from '../../core/model/sample.js';
import { createRealClock } from '../../core/runtime/clock.js';
import { silentLogger } from '../../core/runtime/logger.js';
import { formatNumber } from '../stats.js';

const ITEMS = 10_000;
/** One subscription per item, for this many items (see above). */
const BASELINE_ITEMS = 1_000;
const INTERVAL_MS = 1000;
/** After every item has delivered once, this long before the window opens. */
const SETTLE_MS = 3_000;
const MEASURE_MS = 15_000;
/** Bounds of each wait: the server's start, the driver's connection, every item delivering. */
const START_TIMEOUT_MS = 60_000;
const WARMUP_TIMEOUT_MS = 60_000;
const CPU_GOAL_PCT = 10;
/** Latency histogram: 1 ms buckets up to this, the last one holding everything above. */
const HISTOGRAM_MS = 30_000;
const log = silentLogger();
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface ServerProcess {
  endpointUrl: string;
  nodeIdOf(path: string): string;
  /** CPU seconds the server process has used so far (Linux /proc), NaN elsewhere. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

async function startServerProcess(variables: number, maxSubscriptions: number, pkiRoot: string): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'bench/opcua/server-process.ts'), String(variables), String(maxSubscriptions), pkiRoot], {
    cwd: repoRoot,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
    }
  };
  try {
    const ready = await new Promise<{ endpointUrl: string; nodeIdFormat: string }>((resolve, reject) => {
      let stdout = '';
      const timer = setTimeout(() => reject(new Error(`the OPC UA server process did not start within ${START_TIMEOUT_MS} ms: ${stderr}`)), START_TIMEOUT_MS);
      child.stdout!.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const line = /^READY (.*)$/m.exec(stdout);
        if (line) {
          clearTimeout(timer);
          resolve(JSON.parse(line[1]!) as { endpointUrl: string; nodeIdFormat: string });
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the OPC UA server process exited with ${code}: ${stderr}`));
      });
    });
    const pid = child.pid!;
    return {
      endpointUrl: ready.endpointUrl,
      nodeIdOf: (path) => ready.nodeIdFormat.replace('<path>', path),
      cpuSeconds() {
        try {
          // utime and stime, fields 14 and 15, in clock ticks (100 a second on Linux).
          const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
          return (Number(fields[11]) + Number(fields[12])) / 100;
        } catch {
          return Number.NaN;
        }
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Counts samples and their latencies (arrival − source timestamp) in 1 ms buckets. */
class Receiver {
  received = 0;
  wrong = 0;
  readonly seen = new Set<string>();
  private readonly histogram = new Uint32Array(HISTOGRAM_MS + 1);
  /** During warm-up: checks every sample and remembers which items delivered. */
  checking = true;

  add(sample: Sample, now: number): void {
    if (this.checking) {
      if (sample.quality.status !== 'good' || typeof sample.value !== 'number') this.wrong++;
      else this.seen.add(sample.path);
    }
    const latency = now - sample.sourceTs;
    this.histogram[latency < 0 ? 0 : latency > HISTOGRAM_MS ? HISTOGRAM_MS : latency]!++;
    this.received++;
  }

  reset(): void {
    this.received = 0;
    this.histogram.fill(0);
  }

  /** The latency at quantile q of the samples since the last reset, ms. */
  quantile(q: number): number {
    const total = this.histogram.reduce((sum, n) => sum + n, 0);
    let below = 0;
    for (let ms = 0; ms <= HISTOGRAM_MS; ms++) {
      below += this.histogram[ms]!;
      if (below >= q * total) return ms;
    }
    return Number.NaN;
  }
}

interface Window {
  cpuPct: number;
  updatesPerS: number;
  /** Updates received as a share of the changes made to the items, %. */
  deliveredPct: number;
  cpuPctPer10k: number;
  p50: number;
  p99: number;
  serverCpuPct: number;
}

/** Waits until every item has delivered a good sample, then SETTLE_MS; then measures MEASURE_MS. */
async function measure(receiver: Receiver, items: number, server: ServerProcess, what: string): Promise<Window> {
  const deadline = performance.now() + WARMUP_TIMEOUT_MS;
  while (receiver.seen.size < items) {
    if (performance.now() > deadline) throw new Error(`${what}: only ${receiver.seen.size} of ${items} items delivered within ${WARMUP_TIMEOUT_MS} ms`);
    await sleep(100);
  }
  if (receiver.wrong > 0) throw new Error(`${what}: ${receiver.wrong} bad or non-numeric samples`);
  receiver.checking = false;
  await sleep(SETTLE_MS);
  receiver.reset();
  const serverCpu0 = server.cpuSeconds();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await sleep(MEASURE_MS);
  const cpu = process.cpuUsage(cpu0);
  const elapsedMs = performance.now() - t0;
  const received = receiver.received;
  const cpuPct = ((cpu.user + cpu.system) / 1000 / elapsedMs) * 100;
  const updatesPerS = received / (elapsedMs / 1000);
  return {
    cpuPct,
    updatesPerS,
    deliveredPct: (updatesPerS / (items * (1000 / INTERVAL_MS))) * 100,
    cpuPctPer10k: (cpuPct / updatesPerS) * 10_000,
    p50: receiver.quantile(0.5),
    p99: receiver.quantile(0.99),
    serverCpuPct: ((server.cpuSeconds() - serverCpu0) / (elapsedMs / 1000)) * 100,
  };
}

export const opcuaSuite: BenchSuite = {
  name: 'opcua',
  description: `${formatNumber(ITEMS, 0)} monitored items changing every second, security None on 127.0.0.1: the driver vs one subscription per item`,
  async run(print) {
    const temp = mkdtempSync(join(tmpdir(), 'lineside-bench-opcua-'));
    let server: ServerProcess | undefined;
    try {
      const startedAt = performance.now();
      server = await startServerProcess(ITEMS, BASELINE_ITEMS + 10, join(temp, 'server-pki'));
      const serverStartMs = performance.now() - startedAt;
      const stateDir = join(temp, 'client-state');
      const paths = Array.from({ length: ITEMS }, (_, i) => `bench/plc/v${i}`);

      // 1. The driver, 10,000 tags in one device.
      const tags: Tag[] = paths.map((path, i) => ({
        path,
        name: `v${i}`,
        assetPath: 'bench/plc',
        deviceId: 'plc',
        address: server!.nodeIdOf(path),
        dataType: 'float64',
        unit: '',
        description: '',
        sampleRateMs: INTERVAL_MS,
        rateReason: 'bench',
        writable: false,
      }));
      const settings = opcuaSettingsSchema.parse({ endpointUrl: server.endpointUrl, securityMode: 'None', securityPolicy: 'None' });
      const planned = new Receiver();
      const driver = opcuaDriver.create({
        deviceId: 'plc',
        settings,
        tags,
        clock: createRealClock(),
        publish: (samples) => {
          const now = Date.now();
          for (let i = 0; i < samples.length; i++) planned.add(samples[i]!, now);
        },
        log,
        stateDir,
      });
      const connectAt = performance.now();
      await driver.start();
      const connectMs = performance.now() - connectAt;
      let plannedWindow: Window;
      let status: string;
      try {
        if (driver.status().state !== 'running') throw new Error(`the driver is ${driver.status().state}: ${driver.status().detail}`);
        plannedWindow = await measure(planned, ITEMS, server, 'driver');
        status = driver.status().detail;
      } finally {
        await driver.stop();
      }

      // 2. Baseline: one subscription per item, a bare node-opcua client, the first BASELINE_ITEMS variables.
      const baseline = new Receiver();
      const subscribed = await subscribePerItem({
        endpointUrl: server.endpointUrl,
        items: paths.slice(0, BASELINE_ITEMS).map((path) => ({ path, nodeId: server!.nodeIdOf(path) })),
        intervalMs: INTERVAL_MS,
        stateDir,
        onSample: (sample) => baseline.add(sample, Date.now()),
      });
      let baselineWindow: Window;
      try {
        baselineWindow = await measure(baseline, BASELINE_ITEMS, server, 'one subscription per item');
      } finally {
        await subscribed.stop();
      }

      const p = plannedWindow;
      const b = baselineWindow;
      const ratio = b.cpuPctPer10k / p.cpuPctPer10k;
      print(`setup: server with ${formatNumber(ITEMS, 0)} variables started in ${formatNumber(serverStartMs / 1000)} s; driver connected and subscribed in ${formatNumber(connectMs / 1000)} s (${status})`);
      print(`received: ${formatNumber(p.updatesPerS, 0)} updates/s, ${formatNumber(p.deliveredPct)}% of the changes (${formatNumber(ITEMS, 0)} items × 1/s; window ${formatNumber(MEASURE_MS / 1000, 0)} s)`);
      print(`client CPU at ${formatNumber(p.updatesPerS, 0)} updates/s: ${formatNumber(p.cpuPct)}% of one core → ${formatNumber(p.cpuPctPer10k)}% per 10,000 updates/s   (goal < ${CPU_GOAL_PCT}%)`);
      print(`latency source → driver publish: p50 ${formatNumber(p.p50, 0)} ms, p99 ${formatNumber(p.p99, 0)} ms (includes the 1 s sampling and 1 s publishing intervals)`);
      print(
        `one subscription per item (${formatNumber(BASELINE_ITEMS, 0)} items, ${formatNumber(BASELINE_ITEMS, 0)} subscriptions, created in ${formatNumber(subscribed.createMs / 1000)} s): ${formatNumber(b.updatesPerS, 0)} updates/s (${formatNumber(b.deliveredPct, 0)}% of the changes), ${formatNumber(b.cpuPct)}% of one core → ${formatNumber(b.cpuPctPer10k)}% per 10,000 updates/s → ${formatNumber(ratio)}× more`,
      );
      print(`  its latency: p50 ${formatNumber(b.p50, 0)} ms, p99 ${formatNumber(b.p99, 0)} ms`);
      if (Number.isFinite(p.serverCpuPct)) print(`  (server process meanwhile: ${formatNumber(p.serverCpuPct)}% of one core with the driver, ${formatNumber(b.serverCpuPct)}% with the baseline)`);

      return {
        client_cpu_pct: p.cpuPct,
        updates_per_s: p.updatesPerS,
        delivered_pct: p.deliveredPct,
        cpu_pct_per_10k_updates_per_s: p.cpuPctPer10k,
        latency_p50_ms: p.p50,
        latency_p99_ms: p.p99,
        connect_ms: connectMs,
        baseline_items: BASELINE_ITEMS,
        baseline_create_ms: subscribed.createMs,
        baseline_cpu_pct: b.cpuPct,
        baseline_updates_per_s: b.updatesPerS,
        baseline_delivered_pct: b.deliveredPct,
        baseline_cpu_pct_per_10k_updates_per_s: b.cpuPctPer10k,
        baseline_cpu_ratio: ratio,
        baseline_latency_p50_ms: b.p50,
        baseline_latency_p99_ms: b.p99,
        server_cpu_pct: p.serverCpuPct,
        baseline_server_cpu_pct: b.serverCpuPct,
      };
    } finally {
      await server?.stop();
      rmSync(temp, { recursive: true, force: true });
    }
  },
};
