// OEE end to end: an injected filler stop (F204) shows in the OEE screen's downtime list; an
// operator (signed in with their PIN) gives it a reason in two taps (the stop's "Give reason", then the first suggested
// reason); the stop shows the reason at once, the loss Pareto gains that reason's bar, the
// count of stops without a reason goes down, and the shift report lists the reason.
//
// The test runs its own `lineside serve` on a quiet copy of the demo plant: no random faults
// (only the injected stop, 40 s so that it is no micro-stop, and what it causes up- and
// downstream), the simulator's calendar off, and no breaks or planned stops in the OEE calendar, so that the stop is a loss whatever
// the day and hour the test runs (the demo's Sunday sanitation would make it planned time).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { parseDocument } from 'yaml';
import { serve, type Served } from './serve.js';
import { accounts, createAccounts, signIn } from './accounts.js';


let server: Served | null = null;

function quietConfig(): string {
  const doc = parseDocument(readFileSync('assets/demo/plant.yaml', 'utf8'));
  doc.setIn(['devices', 0, 'settings', 'calendar'], false);
  const machines = doc.getIn(['devices', 0, 'settings', 'machines']) as { items: unknown[] };
  machines.items.forEach((_, i) => doc.setIn(['devices', 0, 'settings', 'machines', i, 'faults'], doc.createNode([])));
  doc.setIn(['devices', 0, 'settings', 'injectedFaults'], doc.createNode([{ kind: 'stop', machine: 'filler', code: 'F204', atS: 3, durationS: 40 }]));
  doc.setIn(['oee', 'breaks'], doc.createNode([]));
  doc.setIn(['oee', 'plannedStops'], doc.createNode([]));
  const file = join(mkdtempSync(join(tmpdir(), 'lineside-e2e-oee-')), 'quiet-plant.yaml');
  writeFileSync(file, doc.toString());
  return file;
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  server = await serve(quietConfig());
  await createAccounts(server.url);
});

test.afterAll(() => {
  server?.child.kill('SIGTERM');
});

async function shot(page: Page, name: string, testInfo: import('@playwright/test').TestInfo): Promise<void> {
  const body = await page.screenshot({ path: testInfo.outputPath(`${name}.png`) });
  await testInfo.attach(name, { body, contentType: 'image/png' });
}

async function paretoKeys(pareto: Locator): Promise<string[]> {
  return pareto.getByTestId('pareto-bar').evaluateAll((bars) => bars.map((bar) => bar.getAttribute('data-key') ?? ''));
}

test('a stop gets its reason in two taps; the Pareto, the count and the shift report follow', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await page.goto(server!.url);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'connected');
  const operator = accounts().operator.name;
  await signIn(page, 'operator');
  await page.getByTestId('nav-oee').click();
  await expect(page).toHaveURL(/#\/oee$/);
  await expect(page.getByTestId('oee-line-view')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('oee-period-label')).toContainText(/\S/);

  // The injected filler stop, once it is over and what it caused up- and downstream has settled.
  const fillerStop = page.locator('[data-testid="stop-row"][data-stop-id^="line1/filler@"][data-assigned="false"]').filter({ hasText: 'F204' }).first();
  await expect(fillerStop).toBeVisible({ timeout: 45_000 });
  await expect(fillerStop).not.toContainText('still stopped', { timeout: 60_000 });
  await expect(page.locator('[data-testid="stop-row"]').filter({ hasText: 'still stopped' })).toHaveCount(0, { timeout: 30_000 });
  const stopId = (await fillerStop.getAttribute('data-stop-id'))!;
  const row = page.locator(`[data-testid="stop-row"][data-stop-id="${stopId}"]`);

  const pareto = page.getByTestId('oee-pareto');
  const count = page.getByTestId('unassigned-count');
  const barsBefore = await paretoKeys(pareto);
  const unassignedBefore = Number(await count.getAttribute('data-count'));
  expect(unassignedBefore).toBeGreaterThan(0);
  expect(barsBefore.some((key) => key.startsWith('unassigned:'))).toBe(true);
  await shot(page, 'oee line view before', testInfo);

  // Tap 1: the stop's "Give reason".
  const give = row.locator('[data-testid^="stop-reason-"]');
  await expect(give).toHaveAttribute('data-stop-id', stopId);
  await give.click();
  const panel = page.getByTestId('reason-panel');
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('reason-user')).toHaveText(operator);
  const first = panel.locator('[data-testid^="reason-choice-"]').first();
  await expect(first).toBeEnabled({ timeout: 10_000 });
  const box = await first.boundingBox();
  expect(box!.height).toBeGreaterThanOrEqual(56);
  const code = (await first.getAttribute('data-testid'))!.slice('reason-choice-'.length);
  const text = ((await first.locator('.oe-choice-text').textContent()) ?? '').trim();
  expect(text).not.toBe('');
  await shot(page, 'reason panel', testInfo);

  // Tap 2: the first suggested reason assigns it and closes the panel.
  await first.click();
  await expect(panel).toHaveCount(0, { timeout: 10_000 });
  await expect(row).toHaveAttribute('data-assigned', 'true', { timeout: 10_000 });
  await expect(row.getByTestId('stop-reason-text')).toContainText(text);
  await expect(row.getByTestId('stop-reason-text')).toContainText(operator);
  const bar = pareto.locator(`[data-testid="pareto-bar"][data-key="${code}"]`);
  await expect(bar).toHaveAttribute('data-assigned', 'true');
  await expect(bar).toContainText(text);
  expect(barsBefore).not.toContain(code);
  await expect.poll(async () => Number(await count.getAttribute('data-count')), { timeout: 10_000 }).toBeLessThan(unassignedBefore);
  await shot(page, 'oee line view after', testInfo);

  // The shift report of the same period lists the stop with its reason and who gave it.
  await page.getByTestId('oee-view-report').click();
  await expect(page).toHaveURL(/#\/oee\/report$/);
  const stops = page.getByTestId('report-stops');
  await expect(stops).toContainText(text, { timeout: 10_000 });
  await expect(stops.locator(`tr[data-stop-id="${stopId}"]`)).toContainText(operator);
  await expect(page.getByTestId('report-print')).toBeVisible();
  await shot(page, 'shift report', testInfo);
});
