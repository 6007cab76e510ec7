// Engineering mode end to end (issue 12), on a server of its own (its config is changed and rolled
// back, which would disturb the specs that share the demo server): an engineer opens Engineering,
// sees a typo named with its line (tapping it puts the cursor there) and discards it; lowers the H
// limit of the capping head's drive temperature below where the head runs and its on-delay to 1 s
// in the Alarm limits table; reviews the diff (the − and + lines) and "No device reconnects";
// applies with a comment; sees "Capping head drive temperature high" in the alarm list within
// seconds; then rolls back to version 1 from the Versions list, and the running text is the
// original again, in the editor and in the file, and the alarm returns to normal.
// The config is the demo plant as shipped, but for the simulator's shift calendar (off, so that
// the line runs whatever the day and hour), added as one line so that the rest is byte for byte.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { createAccounts, signIn } from './accounts.js';
import { serve, type Served } from './serve.js';

const H = 'line1/capper/head_temp:H';
const shipped = '- { kind: H, limit: 65, deadband: 1, onDelayMs: 60000, priority: low, message: Capping head drive temperature high }';
const message = 'Capping head drive temperature high';

let server: Served | null = null;
let configFile = '';
let original = '';

function lineWithoutCalendar(): string {
  const demo = readFileSync('assets/demo/plant.yaml', 'utf8');
  const seed = '      seed: 20261121\n';
  if (demo.split(seed).length !== 2 || demo.split(shipped).length !== 2) throw new Error('the demo config no longer has the seed line or the shipped head temperature alarm this test edits');
  const file = join(mkdtempSync(join(tmpdir(), 'lineside-e2e-engineering-')), 'plant.yaml');
  writeFileSync(file, demo.replace(seed, `${seed}      calendar: false\n`));
  return file;
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  configFile = lineWithoutCalendar();
  original = readFileSync(configFile, 'utf8');
  server = await serve(configFile);
  await createAccounts(server.url);
});

test.afterAll(() => {
  server?.child.kill('SIGTERM');
});

async function shot(page: Page, name: string, testInfo: TestInfo): Promise<void> {
  const body = await page.screenshot({ path: testInfo.outputPath(`${name}.png`) });
  await testInfo.attach(name, { body, contentType: 'image/png' });
}

/** The capping head's H alarm in the active list, filtered to the capper (other alarms may fill a page). */
async function capperAlarmRow(page: Page) {
  await page.getByTestId('nav-alarms').click();
  await expect(page.getByTestId('alarm-list')).toBeVisible();
  await page.getByTestId('filter-asset').selectOption('line1/capper');
  return page.locator(`[data-testid="alarm-row"][data-alarm-id="${H}"]`);
}

test('an engineer lowers an alarm limit live with a diff, sees the alarm, and rolls back to the original', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await page.goto(server!.url);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'connected');
  await expect(page.getByTestId('nav-engineering')).toHaveCount(0);
  await signIn(page, 'engineer');
  await page.getByTestId('nav-engineering').click();
  await expect(page).toHaveURL(/#\/engineering$/);

  // The running config: version 1, the file as found, saved to that file.
  const running = page.getByTestId('config-running');
  await expect(running).toHaveAttribute('data-version', '1');
  await expect(running).toContainText('Running version 1, by the config file');
  await expect(page.getByTestId('config-saved')).toHaveText(`Applied changes are saved to ${configFile}`);
  const text = page.getByTestId('config-text');
  expect(await text.inputValue()).toBe(original);
  await expect(page.getByTestId('config-review-open')).toBeDisabled();

  // A typo is named with its line; tapping the problem puts the cursor on that line. Then it is discarded.
  const typoLine = original.split('\n').findIndex((line) => line.includes(shipped)) + 1;
  await text.fill(original.replace(shipped, shipped.replace('limit: 65', 'limit: hot')));
  const problem = page.getByTestId('config-problem').first();
  await expect(problem).toContainText('expected a number', { timeout: 5_000 });
  await expect(problem).toHaveAttribute('data-line', String(typoLine));
  await expect(page.getByTestId('config-state')).toHaveAttribute('data-state', 'invalid');
  await expect(page.getByTestId('config-review-open')).toBeDisabled();
  await problem.click();
  const cursorLine = await text.evaluate((area: HTMLTextAreaElement) => area.value.slice(0, area.selectionStart).split('\n').length);
  expect(cursorLine).toBe(typoLine);
  await page.getByTestId('config-discard').click();
  expect(await text.inputValue()).toBe(original);

  // The H limit below where the head runs (well above 10 °C), its on-delay 1 s, in the Alarm limits table.
  const row = page.locator(`[data-testid="limit-row"][data-alarm-id="${H}"]`);
  await expect(row.getByTestId('limit-limit')).toHaveValue('65');
  await row.getByTestId('limit-limit').fill('10');
  await row.getByTestId('limit-onDelayMs').fill('1000');
  await expect(row).toContainText('was 65');
  await expect(row).toContainText('was 60000');
  const changed = shipped.replace('limit: 65', 'limit: 10').replace('onDelayMs: 60000', 'onDelayMs: 1000');
  expect(await text.inputValue()).toBe(original.replace(shipped, changed));
  await expect(page.getByTestId('config-state')).toHaveAttribute('data-state', 'valid', { timeout: 5_000 });

  // Review: the removed and added lines with their signs, and no device reconnects.
  await page.getByTestId('config-review-open').click();
  const review = page.getByTestId('config-review');
  await expect(review).toBeVisible();
  const removed = review.locator('[data-testid="diff-line"][data-kind="removed"]');
  const added = review.locator('[data-testid="diff-line"][data-kind="added"]');
  await expect(removed).toHaveCount(1);
  await expect(added).toHaveCount(1);
  await expect(removed.getByTestId('diff-sign')).toHaveText('−');
  await expect(removed.getByTestId('diff-text')).toContainText(shipped);
  await expect(added.getByTestId('diff-sign')).toHaveText('+');
  await expect(added.getByTestId('diff-text')).toContainText(changed);
  await expect(review.getByTestId('config-effect').first()).toContainText('No device reconnects');
  await expect(review.getByTestId('config-effects')).toContainText(`Alarms changed: ${H}`);
  await expect(review.getByTestId('config-not-live')).toHaveCount(0);
  await expect(review.getByTestId('config-apply')).toBeDisabled();
  await review.getByTestId('config-comment').fill('head temperature limit for the new caps');
  await shot(page, 'engineering-review', testInfo);
  await review.getByTestId('config-apply').click();
  await expect(review.getByTestId('config-applied')).toHaveAttribute('data-version', '2');
  await expect(review.getByTestId('config-applied')).toContainText(`Saved to ${configFile}`);
  await review.getByTestId('review-close').click();
  await expect(running).toHaveAttribute('data-version', '2');
  await expect(running).toContainText('head temperature limit for the new caps');
  expect(readFileSync(configFile, 'utf8')).toBe(original.replace(shipped, changed));

  // The alarm acts by its new limit: it shows within seconds (a 2 s sample, a 1 s on-delay).
  const alarm = await capperAlarmRow(page);
  await expect(alarm).toBeVisible({ timeout: 10_000 });
  await expect(alarm).toContainText(message);
  await expect(alarm).toHaveAttribute('data-state', 'unacknowledged');
  await shot(page, 'engineering-alarm', testInfo);

  // Roll back to version 1 from the Versions list: the same review first, then a comment.
  await page.getByTestId('nav-engineering').click();
  await page.getByTestId('eng-tab-versions').click();
  const versions = page.getByTestId('version-row');
  await expect(versions).toHaveCount(2);
  await expect(versions.first()).toHaveAttribute('data-current', 'true');
  await page.locator('[data-testid="version-row"][data-version="1"]').getByTestId('version-rollback').click();
  await expect(review).toBeVisible();
  await expect(review).toContainText('Roll back to version 1');
  await expect(review.locator('[data-testid="diff-line"][data-kind="removed"]').getByTestId('diff-text')).toContainText(changed);
  await expect(review.locator('[data-testid="diff-line"][data-kind="added"]').getByTestId('diff-text')).toContainText(shipped);
  await expect(review.getByTestId('config-effect').first()).toContainText('No device reconnects');
  await review.getByTestId('config-comment').fill('back to the shipped limits');
  await shot(page, 'engineering-rollback', testInfo);
  await review.getByTestId('config-apply').click();
  await expect(review.getByTestId('config-applied')).toHaveAttribute('data-version', '3');
  await review.getByTestId('review-close').click();
  await expect(running).toHaveAttribute('data-version', '3');
  await expect(running).toContainText('rollback to version 1: back to the shipped limits');
  expect(await text.inputValue()).toBe(original);
  expect(readFileSync(configFile, 'utf8')).toBe(original);
  await expect(page.locator('[data-testid="version-row"][data-version="3"]')).toHaveAttribute('data-current', 'true');
  await shot(page, 'engineering-versions', testInfo);

  // The alarm returns to normal by the shipped limit (returned unacknowledged, or gone when it was normal).
  const back = await capperAlarmRow(page);
  await expect(async () => {
    const state = (await back.count()) === 0 ? 'normal' : await back.getAttribute('data-state');
    expect(['rtn-unacknowledged', 'normal']).toContain(state);
  }).toPass({ timeout: 10_000 });
});
