// The Trends screen in Chromium: an 8-pen, 24-hour trend from request to painted chart,
// against `lineside serve` with a day of history for eight demo tags. Next to it, the
// naive design's cost measured over the same WebSocket: fetching the same 8 × 24 h as raw
// samples (before any drawing at all).
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import WebSocket from 'ws';
import { loadPlantConfig } from '../../core/config/index.js';
import { driverFactories } from '../../core/drivers/registry.js';
import { Historian } from '../../core/historian/index.js';
import { allTags } from '../../core/model/plant.js';
import { silentLogger } from '../../core/runtime/logger.js';
import { historianFile } from '../../core/service/start-core.js';
import { generate } from './dataset.js';

const PENS = [
  'line1/filler/speed',
  'line1/filler/product_temp',
  'line1/filler/motor_current',
  'line1/labeler/glue_temp',
  'line1/motor/winding_temp',
  'line1/motor/bearing_temp',
  'line1/motor/vibration_rms',
  'line1/motor/motor_current',
];
const DAY_MS = 86_400_000;

/** A data folder whose demo-plant database holds 24 h of 1 Hz history for the pens, ending before the simulator's warm-up hour. */
async function seedHistory(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lineside-bench-trend-'));
  const plant = await loadPlantConfig('assets/demo/plant.yaml', driverFactories);
  const historian = new Historian({ file: historianFile(dataDir, plant), tags: allTags(plant), log: silentLogger() });
  const end = Date.now() - 65 * 60_000;
  PENS.forEach((path, i) => historian.importSeries(path, generate('real-f32', 500 + i, end - DAY_MS, DAY_MS / 1000)));
  historian.close();
  return dataDir;
}

function serve(dataDir: string): Promise<{ url: string; stop: () => void }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/lineside.js', 'serve', '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no URL from lineside serve: ${out}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!, stop: () => child.kill('SIGTERM') });
      }
    });
  });
}

/** Milliseconds for one round of calls over the app's WebSocket, median of `runs`. */
async function timeCalls(url: string, calls: (now: number) => { method: string; params: unknown }[], runs: number): Promise<number> {
  const page = new URL(url);
  const ws = new WebSocket(`ws://${page.host}/api?token=${page.searchParams.get('token')}`);
  await new Promise((resolve) => ws.once('open', resolve));
  let id = 0;
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const batch = calls(Date.now());
    const started = performance.now();
    await new Promise<void>((resolve) => {
      let left = batch.length;
      const onMessage = (data: WebSocket.RawData, binary: boolean) => {
        if (!binary && JSON.parse(String(data)).type === 'result' && --left === 0) {
          ws.off('message', onMessage);
          resolve();
        }
      };
      ws.on('message', onMessage);
      for (const call of batch) ws.send(JSON.stringify({ type: 'call', id: ++id, ...call }));
    });
    times.push(performance.now() - started);
  }
  ws.close();
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

export async function measureTrendPaint(): Promise<{ paintMs: number; rawFetchMs: number; displayFetchMs: number }> {
  const dataDir = await seedHistory();
  const server = await serve(dataDir);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(server.url);
    await page.getByTestId('nav-trends').click();
    for (const path of PENS) await page.locator(`[data-testid="tag-option"][data-tag="${path}"]`).click();
    const chart = page.getByTestId('trend-chart');
    const paints: number[] = [];
    for (let run = 0; run < 7; run++) {
      await page.locator('[data-testid="range-preset"][data-range="7d"]').click();
      await page.waitForFunction(() => document.querySelector('[data-testid="trend-chart"]')?.getAttribute('data-loading') === 'false');
      await page.locator('[data-testid="range-preset"][data-range="24h"]').click();
      await page.waitForFunction(() => document.querySelector('[data-testid="trend-chart"]')?.getAttribute('data-loading') === 'false');
      await page.waitForTimeout(100);
      paints.push(await page.evaluate(() => (window as unknown as { __linesideTrendTiming: { lastRequestToPaintMs: number } }).__linesideTrendTiming.lastRequestToPaintMs));
    }
    if (Number(await chart.getAttribute('data-points')) === 0) throw new Error('the 24 h trend drew no points');
    const width = 1500;
    const displayFetchMs = await timeCalls(server.url, (now) => PENS.map((path) => ({ method: 'queryDisplay', params: { path, from: now - DAY_MS, to: now, width } })), 7);
    const rawFetchMs = await timeCalls(server.url, (now) => PENS.map((path) => ({ method: 'queryRaw', params: { path, from: now - DAY_MS, to: now, limit: 100_000 } })), 3);
    return { paintMs: paints.sort((a, b) => a - b)[Math.floor(paints.length / 2)]!, rawFetchMs, displayFetchMs };
  } finally {
    await browser.close();
    server.stop();
  }
}
