// Replay end to end: an engineer opens a capture of three hours of the simulated line (made by
// `lineside capture simulate` from a quiet copy of the demo plant: no random faults, the
// calendar off, and one injected filler stop, F204, 90 minutes in), plays it at 100×, seeks
// to just before the injected fault by the timeline, and sees "Filler down" appear, with the
// REPLAY bar and the replayed time on screen throughout.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { parseDocument } from 'yaml';
import { replay, type Served } from './serve.js';

const FROM = Date.UTC(2026, 10, 23, 6, 0, 0);
const HOURS = 3;
const FAULT_AT = FROM + 90 * 60_000;
const fillerDown = '[data-alarm-id="line1/filler/state:down"]';

let server: Served | null = null;

function captureOfQuietLine(): string {
  const doc = parseDocument(readFileSync('assets/demo/plant.yaml', 'utf8'));
  doc.setIn(['devices', 0, 'settings', 'calendar'], false);
  doc.setIn(['devices', 0, 'settings', 'warmUpMin'], 0);
  const machines = doc.getIn(['devices', 0, 'settings', 'machines']) as { items: unknown[] };
  machines.items.forEach((_, i) => doc.setIn(['devices', 0, 'settings', 'machines', i, 'faults'], doc.createNode([])));
  doc.setIn(['devices', 0, 'settings', 'injectedFaults'], doc.createNode([{ kind: 'stop', machine: 'filler', code: 'F204', atS: (FAULT_AT - FROM) / 1000, durationS: 600 }]));
  const dir = mkdtempSync(join(tmpdir(), 'lineside-e2e-replay-'));
  const config = join(dir, 'quiet-plant.yaml');
  writeFileSync(config, doc.toString());
  const file = join(dir, 'quiet-line.lsc');
  const made = spawnSync(process.execPath, ['bin/lineside.js', 'capture', 'simulate', '--config', config, '--from', String(FROM), '--hours', String(HOURS), '--out', file], { encoding: 'utf8', timeout: 120_000 });
  if (made.status !== 0) throw new Error(`capture simulate failed (${made.status}): ${made.stderr}`);
  return file;
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  server = await replay(captureOfQuietLine());
});

test.afterAll(() => {
  server?.child.kill('SIGTERM');
});

async function shot(page: Page, name: string, testInfo: import('@playwright/test').TestInfo): Promise<void> {
  const body = await page.screenshot({ path: testInfo.outputPath(`${name}.png`) });
  await testInfo.attach(name, { body, contentType: 'image/png' });
}

/** The replayed time the bar shows. */
async function replayedAt(page: Page): Promise<number> {
  return Number((await page.getByTestId('replay-time').getAttribute('data-at')) || Number.NaN);
}

test('open a capture, play at 100×, seek to the injected fault, see the alarm appear', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await page.goto(server!.url);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'connected');
  const banner = page.getByTestId('replay-banner');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('REPLAY');
  await expect(page.getByTestId('replay-capture')).toContainText('quiet-line.lsc');
  await expect(page.getByTestId('replay-state')).toHaveAttribute('data-state', 'paused');

  // The timeline shows the recorded stop of the filler where the fault was injected.
  const stopMark = page.locator('[data-testid="replay-mark"][data-kind="stop"]').first();
  await expect(stopMark).toBeAttached({ timeout: 15_000 });
  const stopAt = Number(await stopMark.getAttribute('data-at'));
  expect(Math.abs(stopAt - FAULT_AT)).toBeLessThan(5_000);
  await expect(page.locator(`[data-testid="alarm-banner"]${fillerDown}`)).toHaveCount(0);

  // Play at 100×: the replayed time moves on.
  await page.getByTestId('replay-speed').selectOption('100');
  await page.getByTestId('replay-play').click();
  await expect(page.getByTestId('replay-state')).toHaveAttribute('data-state', 'playing');
  await expect(page.getByTestId('replay-play')).toHaveAttribute('aria-label', 'Pause');
  await expect.poll(() => replayedAt(page), { timeout: 10_000 }).toBeGreaterThan(FROM + 60_000);
  await shot(page, 'replay playing', testInfo);

  // Seek on the timeline to 20 s before the fault; the replay catches up, plays on, and the alarm comes.
  const timeline = page.getByTestId('replay-timeline');
  const box = (await timeline.boundingBox())!;
  const fraction = (FAULT_AT - 20_000 - FROM) / (HOURS * 3_600_000);
  await timeline.click({ position: { x: box.width * fraction, y: box.height / 2 } });
  await expect.poll(() => replayedAt(page), { timeout: 20_000 }).toBeGreaterThan(FAULT_AT - 5 * 60_000);
  const alarm = page.locator(`[data-testid="alarm-banner"]${fillerDown}`);
  await expect(alarm).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('alarm-banner-message')).toHaveText(/Filler down/);
  const activatedAt = Number(await alarm.getAttribute('data-activated-at'));
  expect(Math.abs(activatedAt - FAULT_AT)).toBeLessThan(5_000);
  await expect(banner).toContainText('REPLAY');
  await shot(page, 'replay alarm after seek', testInfo);

  // Writes are refused in replay: the acknowledge is disabled and says why.
  await expect(page.getByTestId('alarm-banner-ack')).toBeDisabled();
  // Nobody signs in to a replay: no sign-in control at all.
  await expect(page.getByTestId('session-control')).toHaveCount(0);
});
