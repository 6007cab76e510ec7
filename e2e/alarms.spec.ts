// Alarms end to end: an injected filler stop raises "Filler down" (high) and an open-circuit glue
// sensor raises its bad-quality alarm; the banner and the list show the stop within one second
// of its activation; an operator acknowledges one and shelves the other under their name, and
// the journal shows both. The operator signs in with their PIN first (a viewer cannot act).
//
// These tests run their own `lineside serve` with the same faults as the shared faulty server,
// later (glue at 10 s, filler at 18 s, which leaves time to make the accounts and open the page
// on a machine still busy with the global setup): the shared server's faults fire a few seconds after
// global setup starts it, before any page can be watching, and a latency can only be measured
// by a page that is open when the alarm activates. Its line runs without the shift calendar
// and without the filler's random stops, so that the injected stop is the filler's only one
// (a random stop under way at 10 s, or a break, would leave no new activation to measure).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { parseDocument } from 'yaml';
import { serve, type Served } from './serve.js';
import { accounts, createAccounts, signIn } from './accounts.js';

const fillerDown = '[data-alarm-id^="line1/filler/state:"]';
const glueBad = 'line1/labeler/glue_temp:bad-quality';

let server: Served | null = null;

/** The demo plant with the e2e faults, fired `fillerAtS` and `glueAtS` seconds after the server starts. */
function faultyConfig(glueAtS: number, fillerAtS: number): string {
  const doc = parseDocument(readFileSync('assets/demo/plant.yaml', 'utf8'));
  doc.setIn(['devices', 0, 'settings', 'calendar'], false);
  if (doc.getIn(['devices', 0, 'settings', 'machines', 0, 'id']) !== 'filler') throw new Error('the demo config no longer lists the filler first');
  doc.setIn(['devices', 0, 'settings', 'machines', 0, 'faults'], doc.createNode([]));
  doc.setIn(
    ['devices', 0, 'settings', 'injectedFaults'],
    doc.createNode([
      { kind: 'stop', machine: 'filler', code: 'F204', atS: fillerAtS, durationS: 3600 },
      { kind: 'sensor', address: 'labeler.glue_temp', failure: 'open-circuit', atS: glueAtS },
    ]),
  );
  const file = join(mkdtempSync(join(tmpdir(), 'lineside-e2e-alarms-')), 'faulty-plant.yaml');
  writeFileSync(file, doc.toString());
  return file;
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  server = await serve(faultyConfig(10, 18));
  await createAccounts(server.url);
});

test.afterAll(() => {
  server?.child.kill('SIGTERM');
});

async function shot(page: Page, name: string, testInfo: import('@playwright/test').TestInfo): Promise<void> {
  const body = await page.screenshot({ path: testInfo.outputPath(`${name}.png`) });
  await testInfo.attach(name, { body, contentType: 'image/png' });
}

test('a fault shows in the banner and the list within a second; acknowledge, shelve, and the journal says who', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  await page.goto(server!.url);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'connected');
  await page.getByTestId('nav-alarms').click();
  await expect(page).toHaveURL(/#\/alarms$/);
  await expect(page.getByTestId('alarm-list')).toBeVisible();
  const banner = page.getByTestId('alarm-banner');
  await expect(banner).toBeVisible();
  // The page must be watching before the stop: otherwise there is no latency to measure.
  expect(Date.now() - server!.startedAt, 'the page was open before the filler stop').toBeLessThan(17_000);

  // Checked every frame: the first frame that shows an activation after this moment in both places, and how long after it.
  const watchingSince = await page.evaluate(() => Date.now());
  const seen = await page.waitForFunction(
    ({ selector, since }) => {
      const inBanner = document.querySelector(`[data-testid="alarm-banner"]${selector}`);
      const inList = document.querySelector(`[data-testid="alarm-row"]${selector}`);
      const activatedAt = Number(inBanner?.getAttribute('data-activated-at'));
      if (inBanner === null || inList === null || !(activatedAt >= since)) return false;
      return { latencyMs: Date.now() - activatedAt, state: inList.getAttribute('data-state') };
    },
    { selector: fillerDown, since: watchingSince },
    { polling: 'raf', timeout: 30_000 },
  );
  const { latencyMs, state } = (await seen.jsonValue()) as { latencyMs: number; state: string };
  testInfo.annotations.push({ type: 'alarm latency', description: `${latencyMs} ms from activation to banner and list` });
  console.log(`Filler down: in the banner and the list ${latencyMs} ms after its activation`);
  expect(latencyMs).toBeGreaterThanOrEqual(0);
  expect(latencyMs).toBeLessThanOrEqual(1_000);
  expect(state).toBe('unacknowledged');

  await expect(banner).toHaveAttribute('data-priority', 'high');
  await expect(banner.getByTestId('alarm-banner-message')).toHaveText(/Filler down/);
  await expect(banner).toContainText('Filler');
  await expect(banner).toContainText(/high/i);
  const fillerRow = page.locator(`[data-testid="alarm-row"]${fillerDown}`);
  await expect(fillerRow).toContainText('Unacknowledged');
  const glueRow = page.locator(`[data-testid="alarm-row"][data-alarm-id="${glueBad}"]`);
  await expect(glueRow).toBeVisible();
  await shot(page, 'alarm banner and list', testInfo);

  // Signed out, nothing can be acknowledged; signed in, the journal records the account's name.
  await expect(page.getByTestId('alarm-permission-hint')).toContainText('Sign in as operator');
  const operator = accounts().operator.name;
  await signIn(page, 'operator');
  await expect(page.getByTestId('acting-user')).toContainText(operator);
  await fillerRow.click();
  await expect(fillerRow).toHaveAttribute('aria-selected', 'true');
  await page.getByTestId('ack-selected').click();
  await expect(fillerRow).toHaveAttribute('data-state', 'acknowledged');
  await expect(fillerRow).toContainText('Acknowledged');

  await glueRow.click();
  await page.getByTestId('action-shelve').click();
  const dialog = page.getByTestId('shelve-dialog');
  await expect(dialog.getByTestId('dialog-confirm')).toBeDisabled();
  await dialog.getByTestId('shelve-reason').fill('Glue sensor cable being replaced');
  await dialog.locator('[data-testid="shelve-duration"][data-duration="30 min"]').click();
  await dialog.getByTestId('dialog-confirm').click();
  await expect(dialog).toHaveCount(0);
  await expect(glueRow).toHaveAttribute('data-state', 'shelved');
  await expect(glueRow).toContainText(/Shelved until \d{2}:\d{2}/);
  await expect(page.getByTestId('alarm-message')).toHaveCount(0);
  await shot(page, 'alarm list after acknowledge and shelve', testInfo);

  await page.getByTestId('alarm-view-journal').click();
  await expect(page).toHaveURL(/#\/alarms\/journal$/);
  const acknowledged = page.locator(`[data-testid="journal-row"][data-kind="acknowledged"]${fillerDown}`);
  const shelved = page.locator(`[data-testid="journal-row"][data-kind="shelved"][data-alarm-id="${glueBad}"]`);
  await expect(acknowledged).toHaveCount(1);
  await expect(shelved).toHaveCount(1);
  for (const row of [acknowledged, shelved]) {
    await expect(row.getByTestId('journal-user')).toHaveText(operator);
    await expect(row.locator('td').first()).toHaveText(/\d{2}:\d{2}:\d{2}/);
  }
  await expect(shelved).toContainText('Glue sensor cable being replaced');
  // The stop's activation is there too (the simulated line may have stopped the filler before).
  await expect(page.locator(`[data-testid="journal-row"][data-kind="activated"]${fillerDown}`).first()).toBeVisible();
  await shot(page, 'alarm journal', testInfo);

  // The trend of the filler's state word carries a flag where its alarm activated.
  await page.getByTestId('nav-trends').click();
  await page.locator('[data-testid="tag-option"][data-tag="line1/filler/state"]').click();
  const marker = page.locator(`[data-testid="alarm-marker"][data-kind="activated"]${fillerDown}`).last();
  await expect(marker).toBeVisible({ timeout: 10_000 });
  await expect(marker).toHaveAttribute('title', /Filler down — activated \(High\)[\s\S]*Acknowledged .* by anna\.schmidt/);
  await shot(page, 'trend with alarm markers', testInfo);
});
