import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { parse } from 'yaml';

interface DemoConfig {
  lines: { id: string; assets: { id: string; name: string }[] }[];
}
const demo = parse(readFileSync('assets/demo/plant.yaml', 'utf8')) as DemoConfig;
const demoAssets = demo.lines.flatMap((line) => line.assets.map((asset) => ({ path: `${line.id}/${asset.id}`, name: asset.name })));

const demoUrl = () => process.env.LINESIDE_DEMO_URL!;
const faultyUrl = () => process.env.LINESIDE_FAULTY_URL!;

test('the overview shows every asset of the demo config, live, and looks like an operator screen', async ({ page }, testInfo) => {
  await page.goto(demoUrl());
  await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'connected');
  const tiles = page.getByTestId('asset-tile');
  await expect(tiles).toHaveCount(demoAssets.length);
  for (const asset of demoAssets) {
    const tile = page.locator(`[data-testid="asset-tile"][data-asset="${asset.path}"]`);
    await expect(tile).toContainText(asset.name);
    await expect(tile.getByTestId('asset-state')).not.toHaveText('');
  }
  // The token leaves the address bar once the page has it.
  expect(page.url()).not.toContain('token=');

  // Values change over time. Which ones move depends on the shift calendar (in a break the
  // counters stand still), so watch the live values of the whole screen.
  const values = page.getByTestId('tag-value');
  await expect(values.first()).toHaveAttribute('data-has-value', 'true');
  const before = await values.allTextContents();
  await expect.poll(async () => (await values.allTextContents()).filter((text, i) => text !== before[i]).length, { timeout: 10_000 }).toBeGreaterThan(3);

  const shot = await page.screenshot({ path: testInfo.outputPath('overview.png') });
  await testInfo.attach('overview', { body: shot, contentType: 'image/png' });
});

test('an injected fault shows the asset down with its fault code; a bad sensor is marked', async ({ page }, testInfo) => {
  await page.goto(faultyUrl());
  const filler = page.locator('[data-testid="asset-tile"][data-asset="line1/filler"]');
  await expect(filler.getByTestId('asset-state')).toHaveAttribute('data-severity', 'abnormal', { timeout: 20_000 });
  await expect(filler.getByTestId('asset-state')).toHaveText(/down/i);
  await expect(filler.getByTestId('fault')).toContainText('F204');
  await expect(filler.getByTestId('fault')).toContainText('Fill valve fault');

  const glue = page.locator('[data-testid="tag-value"][data-tag="line1/labeler/glue_temp"]');
  await expect(glue).toHaveAttribute('data-quality', 'bad', { timeout: 10_000 });
  // Visibly marked, not only an attribute: the marked value carries a visible "BAD" sign.
  await expect(page.locator('[data-asset="line1/labeler"]')).toContainText(/bad/i);
  const shot = await page.screenshot({ path: testInfo.outputPath('overview-fault.png') });
  await testInfo.attach('overview with a fault', { body: shot, contentType: 'image/png' });
});

test('tapping an asset opens its page with every tag and live sparklines', async ({ page }, testInfo) => {
  await page.goto(demoUrl());
  await page.locator('[data-testid="asset-tile"][data-asset="line1/motor"]').click();
  const assetPage = page.getByTestId('asset-page');
  await expect(assetPage).toBeVisible();
  for (const tag of ['state', 'speed', 'motor_current', 'winding_temp', 'bearing_temp', 'vibration_rms', 'vibration_waveform']) {
    await expect(assetPage.locator(`[data-tag="line1/motor/${tag}"]`).first()).toBeVisible();
  }
  await expect(assetPage.locator('canvas').first()).toBeVisible({ timeout: 10_000 });
  const shot = await page.screenshot({ path: testInfo.outputPath('asset-motor.png') });
  await testInfo.attach('motor asset page', { body: shot, contentType: 'image/png' });
});

test('without the session token the page says how to get in and shows no plant data', async ({ page }) => {
  const url = new URL(demoUrl());
  url.search = '';
  await page.goto(url.toString());
  await expect(page.getByText(/lineside serve/)).toBeVisible();
  await expect(page.getByTestId('overview')).toHaveCount(0);
});
