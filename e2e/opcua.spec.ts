// Connecting to an OPC UA server from the UI, as an engineer would: the server (`lineside
// sim --opcua`, the simulated line over OPC UA) offers SignAndEncrypt with a user login; its
// certificate is not trusted yet (changing the plant's connections needs an engineer, signed in), so the app shows it and waits; once trusted, the engineer
// browses to an asset, adds three variables to a new asset and sees them live on the overview.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './accounts.js';

const appUrl = () => process.env.LINESIDE_OPCUA_APP_URL!;

/** Opens the tree folder by folder; each name is the folder's display name. */
async function openFolders(page: Page, names: string[]): Promise<void> {
  for (const name of names) {
    const toggle = page.getByRole('button', { name: `Open ${name}`, exact: true });
    await expect(toggle).toBeVisible({ timeout: 10_000 });
    await toggle.click();
  }
}

test('connect from the UI, trust the server certificate, browse to an asset, add three variables, see them live', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  await page.goto(appUrl());
  await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'connected');
  await page.getByTestId('nav-connections').click();
  await expect(page.getByTestId('connections-sign-in')).toContainText('Sign in as engineer');
  await signIn(page, 'engineer');

  await page.getByTestId('endpoint-url').fill(process.env.LINESIDE_OPCUA_ENDPOINT!);
  await page.getByTestId('discover').click();
  await expect(page.getByTestId('endpoints')).toContainText('SignAndEncrypt, Basic256Sha256');
  await page.getByTestId('endpoint-SignAndEncrypt-Basic256Sha256').check();
  await page.getByTestId('user-username').check();
  await page.getByTestId('username').fill('engineer');
  await page.getByTestId('password').fill('line-side-42');
  await page.getByTestId('connect').click();

  // Nothing is trusted silently: the prompt shows the certificate, to compare with what the server printed.
  const prompt = page.getByTestId('certificate-prompt');
  await expect(prompt).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('cert-thumbprint')).toHaveText(process.env.LINESIDE_OPCUA_THUMBPRINT!.replace(/(.{4})(?=.)/g, '$1 '));
  const promptShot = await page.screenshot({ path: testInfo.outputPath('certificate-prompt.png') });
  await testInfo.attach('certificate prompt', { body: promptShot, contentType: 'image/png' });
  await page.getByTestId('trust-certificate').click();
  await expect(page.getByTestId('connection-state')).toHaveText('Connected: SignAndEncrypt, Basic256Sha256', { timeout: 20_000 });
  await expect(page.getByTestId('certificates')).toContainText('Trusted');

  // Objects / site / area / line / asset.
  await openFolders(page, ['North Brewery', 'Packaging', 'line1', 'filler']);
  for (const name of ['speed', 'count_total', 'product_temp']) {
    await page.locator(`[data-testid="as-row"][data-name$="${name}"]`).getByTestId('as-pick').check();
  }
  await expect(page.getByTestId('picked-row')).toHaveCount(3);
  await expect(page.getByTestId('picked-row').first()).toContainText('bottles/min');
  await page.getByTestId('new-asset-id').fill('filler_opcua');
  await page.getByTestId('new-asset-name').fill('Filler over OPC UA');
  const browseShot = await page.screenshot({ path: testInfo.outputPath('browse.png') });
  await testInfo.attach('browse and pick', { body: browseShot, contentType: 'image/png' });
  await page.getByTestId('add-to-plant').click();
  await expect(page.getByTestId('add-outcome')).toContainText('Saved to', { timeout: 20_000 });

  // Live on the overview, read through the new OPC UA device.
  await page.getByTestId('show-overview').click();
  const tile = page.locator('[data-testid="asset-tile"][data-asset="line1/filler_opcua"]');
  await expect(tile).toContainText('Filler over OPC UA', { timeout: 15_000 });
  const values = tile.getByTestId('tag-value');
  await expect(values).toHaveCount(3);
  for (const value of await values.all()) {
    await expect(value).toHaveAttribute('data-has-value', 'true', { timeout: 20_000 });
    await expect(value).toHaveAttribute('data-quality', 'good');
  }
  // Which values move depends on the shift calendar (in a break the counters stand still).
  const before = await values.allTextContents();
  await expect.poll(async () => (await values.allTextContents()).filter((text, i) => text !== before[i]).length, { timeout: 15_000 }).toBeGreaterThan(0);
  const overviewShot = await page.screenshot({ path: testInfo.outputPath('overview-opcua.png') });
  await testInfo.attach('overview with the OPC UA asset', { body: overviewShot, contentType: 'image/png' });

  // The engineer's config file now holds the device and the tags.
  const saved = readFileSync(process.env.LINESIDE_OPCUA_APP_CONFIG!, 'utf8');
  expect(saved).toContain('driver: opcua');
  expect(saved).toContain('id: filler_opcua');
  expect(saved).toMatch(/address: ns=1;s=line1\/filler\/count_total/);
});
