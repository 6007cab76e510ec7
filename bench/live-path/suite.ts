// The live path benchmark: simulated source → tag bus → WebSocket → a headless Chromium
// page running the renderer's own WebSocket client and live store. Latency is measured
// per sample from its source timestamp to the moment the page's store holds it.
// The baseline is the naive design this replaces: one JSON message per sample.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { build } from 'esbuild';
import { WebSocketServer } from 'ws';
import type { BenchSuite } from '../run.js';
import { parsePlantConfig } from '../../core/config/index.js';
import { qualityCodes, contractVersion } from '../../core/contract/index.js';
import { driverFactories } from '../../core/drivers/registry.js';
import { createRealClock } from '../../core/runtime/clock.js';
import { silentLogger } from '../../core/runtime/logger.js';
import { createRuntime, type Runtime } from '../../core/runtime/runtime.js';
import { startHeadlessServer } from '../../core/server/http-server.js';
import { createHmiService } from '../../core/service/hmi-service.js';
import { securedService } from '../../core/service/secured-service.js';
import { createAccounts, memoryAccountStore } from '../../core/security/accounts.js';
import { formatNumber } from '../stats.js';

const log = silentLogger();
const WARMUP_MS = 2_000;
const MEASURE_MS = 8_000;

/** A plant of N synthetic simulator tags, each updated `rateHz` times a second. */
function benchPlantYaml(tags: number, rateHz: number): string {
  const lines = [
    'version: 1',
    'site: Bench',
    'area: Bench',
    'devices:',
    '  - id: sim',
    '    driver: simulator',
    `    settings: { seed: 1, calendar: false, warmUpMin: 0, load: { tags: ${tags}, rateHz: ${rateHz} } }`,
    'lines:',
    '  - id: bench',
    '    name: Bench',
    '    assets:',
    '      - id: load',
    '        name: Load',
    '        kind: bench',
    '        device: sim',
    '        tags:',
  ];
  for (let i = 0; i < tags; i++) {
    lines.push(`          - { name: t${i}, address: load.${i}, type: float64, unit: "", description: bench load tag, sampleRateMs: ${Math.max(1, Math.round(1000 / rateHz))}, rateReason: bench }`);
  }
  return `${lines.join('\n')}\n`;
}

async function buildPage(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'lineside-bench-page-'));
  await build({ entryPoints: [new URL('./page.ts', import.meta.url).pathname], bundle: true, format: 'esm', target: 'es2022', outfile: join(dir, 'page.js'), logLevel: 'warning' });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>bench</title><script type="module" src="./page.js"></script>');
  return dir;
}

interface PathFigures {
  received: number;
  seconds: number;
  p50: number;
  p99: number;
  max: number;
}

/** Starts a core with the given load, serves both paths, and measures one of them in the page. */
async function measure(browser: Browser, pageDir: string, tags: number, rateHz: number, mode: 'batched' | 'baseline'): Promise<PathFigures & { offered: number }> {
  const plant = parsePlantConfig(benchPlantYaml(tags, rateHz), 'bench.yaml', driverFactories);
  const runtime: Runtime = createRuntime({ plant, drivers: driverFactories, clock: createRealClock(), log });
  // The same checked service the app serves (the page only views, as a viewer may).
  const service = securedService(createHmiService({ runtime, mode: 'live', transport: 'websocket', versions: { app: 'bench', node: process.versions.node, contract: contractVersion } }), {
    accounts: createAccounts(memoryAccountStore()),
    station: 'bench (browser)',
    idleLogoutMs: 60_000,
    tag: (path) => runtime.tags.get(path),
    currentValue: () => undefined,
  });
  const server = await startHeadlessServer({ service, rendererDir: pageDir, port: 0, log });

  // The baseline: every sample as its own JSON message, same bus, same socket library,
  // on its own small server (the real one's content security policy forbids other sockets).
  const baselineHttp = createServer((req, res) => {
    const file = req.url?.startsWith('/page.js') ? 'page.js' : 'index.html';
    res.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'text/html' });
    res.end(readFileSync(join(pageDir, file)));
  });
  await new Promise<void>((resolve) => baselineHttp.listen(0, '127.0.0.1', resolve));
  const baseline = new WebSocketServer({ server: baselineHttp });
  baseline.on('connection', (ws) => {
    const unsubscribe = runtime.bus.subscribe(runtime.bus.resolve(['bench']), (samples) => {
      for (const s of samples) {
        if (ws.bufferedAmount > 16 * 1024 * 1024) continue; // same guard as the real transport
        ws.send(JSON.stringify({ path: s.path, value: s.value, quality: qualityCodes[s.quality.status], sourceTs: s.sourceTs }));
      }
    });
    ws.on('close', unsubscribe);
  });
  const baselinePort = (baselineHttp.address() as { port: number }).port;

  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error(`bench page error: ${error.message}`));
  try {
    await runtime.start();
    const url = mode === 'batched' ? `${server.url}&mode=batched` : `http://127.0.0.1:${baselinePort}/?mode=baseline&port=${baselinePort}`;
    await page.goto(url);
    await page.waitForFunction(() => (window as unknown as { benchReady?: boolean }).benchReady === true, undefined, { timeout: 10_000 });
    await page.waitForTimeout(WARMUP_MS);
    await page.evaluate(() => (window as unknown as { benchStart(): void }).benchStart());
    await page.waitForTimeout(MEASURE_MS);
    const figures = await page.evaluate(() => (window as unknown as { benchStop(): PathFigures }).benchStop());
    return { ...figures, offered: tags * rateHz };
  } finally {
    await page.close();
    await runtime.stop();
    for (const client of baseline.clients) client.terminate();
    await new Promise((resolve) => baseline.close(resolve));
    baselineHttp.closeAllConnections();
    await new Promise((resolve) => baselineHttp.close(resolve));
    await server.close();
  }
}


export const livePathSuite: BenchSuite = {
  name: 'live-path',
  description: 'simulated source → tag bus → WebSocket → headless Chromium page store',
  async run(print) {
    const pageDir = await buildPage();
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      // 1. Latency at the load: 1,000 tags × 10 Hz = 10,000 updates/s.
      const batched = await measure(browser, pageDir, 1000, 10, 'batched');
      const baseline = await measure(browser, pageDir, 1000, 10, 'baseline');
      const rate = (f: PathFigures) => f.received / f.seconds;
      print(`at ${formatNumber(batched.offered, 0)} updates/s offered (${MEASURE_MS / 1000} s measured after ${WARMUP_MS / 1000} s warm-up):`);
      print(`  batched  : p50 ${formatNumber(batched.p50)} ms, p99 ${formatNumber(batched.p99)} ms, max ${formatNumber(batched.max)} ms, ${formatNumber(rate(batched), 0)} updates/s received   (goal p99 ≤ 50 ms)`);
      print(`  baseline : p50 ${formatNumber(baseline.p50)} ms, p99 ${formatNumber(baseline.p99)} ms, max ${formatNumber(baseline.max)} ms, ${formatNumber(rate(baseline), 0)} updates/s received   (one JSON message per sample)`);

      // 2. Sustained rate: offer far more than either path can carry and see what arrives.
      const batchedMax = await measure(browser, pageDir, 20_000, 10, 'batched');
      const baselineMax = await measure(browser, pageDir, 20_000, 10, 'baseline');
      const ratio = rate(batchedMax) / rate(baselineMax);
      print(`sustained, ${formatNumber(batchedMax.offered, 0)} updates/s offered:`);
      print(`  batched  : ${formatNumber(rate(batchedMax), 0)} updates/s received, p99 ${formatNumber(batchedMax.p99)} ms`);
      print(`  baseline : ${formatNumber(rate(baselineMax), 0)} updates/s received, p99 ${formatNumber(baselineMax.p99)} ms`);
      print(`  batched / baseline rate: ${formatNumber(ratio, 2)}×   (goal ≥ 5×)`);
      print(`  p99 at 10k/s, baseline / batched: ${formatNumber(baseline.p99 / batched.p99, 2)}×`);

      return {
        p50_ms: batched.p50,
        p99_ms: batched.p99,
        baseline_p50_ms: baseline.p50,
        baseline_p99_ms: baseline.p99,
        rate_at_10k_per_s: rate(batched),
        baseline_rate_at_10k_per_s: rate(baseline),
        sustained_rate_per_s: rate(batchedMax),
        baseline_sustained_rate_per_s: rate(baselineMax),
        sustained_rate_ratio: ratio,
        p99_baseline_over_batched_ratio: baseline.p99 / batched.p99,
      };
    } finally {
      await browser.close();
    }
  },
};
