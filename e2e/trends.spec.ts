import { expect, test } from '@playwright/test';

const demoUrl = () => process.env.LINESIDE_DEMO_URL!;

test('Trends: add pens, switch to 30 days and back to live; the chart shows data without gaps', async ({ page }, testInfo) => {
  await page.goto(demoUrl());
  await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'connected');
  await page.getByTestId('nav-trends').click();
  await expect(page.getByTestId('trends')).toBeVisible();

  await page.getByTestId('tag-search').fill('winding');
  await page.locator('[data-testid="tag-option"][data-tag="line1/motor/winding_temp"]').click();
  await page.getByTestId('tag-search').fill('');
  await page.locator('[data-testid="tag-option"][data-tag="line1/filler/speed"]').click();
  await page.locator('[data-testid="tag-option"][data-tag="line1/motor/motor_current"]').click();
  await expect(page.getByTestId('pen')).toHaveCount(3);

  const chart = page.getByTestId('trend-chart');
  await expect(chart).toHaveAttribute('data-live', 'true');
  // Live data arrives and the history part is drawn without gaps.
  await expect.poll(async () => Number(await chart.getAttribute('data-points')), { timeout: 15_000 }).toBeGreaterThan(10);
  await expect(chart).toHaveAttribute('data-gaps', '0');

  await page.locator('[data-testid="range-preset"][data-range="30d"]').click();
  await expect(chart).toHaveAttribute('data-loading', 'false', { timeout: 10_000 });
  await expect.poll(async () => Number(await chart.getAttribute('data-points')), { timeout: 10_000 }).toBeGreaterThan(0);
  await expect(chart).toHaveAttribute('data-gaps', '0');
  await testInfo.attach('trends 30 days', { body: await page.screenshot({ path: testInfo.outputPath('trends-30d.png') }), contentType: 'image/png' });

  await page.locator('[data-testid="range-preset"][data-range="10m"]').click();
  const live = page.getByTestId('live-button');
  if ((await live.getAttribute('data-live')) !== 'true') await live.click();
  await expect(chart).toHaveAttribute('data-live', 'true');
  const lastTs = Number(await chart.getAttribute('data-last-ts'));
  await expect.poll(async () => Number(await chart.getAttribute('data-last-ts')), { timeout: 10_000 }).toBeGreaterThan(lastTs);
  await expect(chart).toHaveAttribute('data-gaps', '0');
  await testInfo.attach('trends live', { body: await page.screenshot({ path: testInfo.outputPath('trends-live.png') }), contentType: 'image/png' });
});
