// Predictive maintenance end to end, the technician's flow: fleet health → the conveyor
// motor (Alert) → its envelope spectrum with the BPFO markers → its work request, which is
// acknowledged by the signed-in technician. Then the analyst's: a real CWRU inner-race recording through the
// app's waveform import is diagnosed as an inner-race defect.
//
// The test runs its own `lineside serve` on a fast-ageing copy of the demo plant: a snapshot
// every 0.5 s instead of every 5 min, one minute of warm-up history that the motor learns as
// its healthy baseline (baselineHours 1/60), and the demo's outer-race defect born at once and
// grown to zone D in about 90 s instead of 7 days. No random machine faults, calendar off.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import { serve, type Served } from './serve.js';
import { accounts, createAccounts, signIn } from './accounts.js';

const cwruInnerRace = 'core/analytics/pdm/testing/data/cwru-ir007-de-1797rpm-2s.csv';

let server: Served | null = null;

function fastAgeingConfig(): string {
  const doc = parseDocument(readFileSync('assets/demo/plant.yaml', 'utf8'));
  const sim = ['devices', 0, 'settings'];
  doc.setIn([...sim, 'calendar'], false);
  doc.setIn([...sim, 'warmUpMin'], 1);
  const machines = doc.getIn([...sim, 'machines']) as YAMLSeq;
  machines.items.forEach((_, i) => doc.setIn([...sim, 'machines', i, 'faults'], doc.createNode([])));
  doc.setIn([...sim, 'injectedFaults'], doc.createNode([{ kind: 'bearing', machine: 'motor', defect: 'outer-race', startAfterH: 0, growthDays: 0.001 }]));
  const assets = (doc.getIn(['lines', 0, 'assets']) as YAMLSeq<YAMLMap>).items;
  const motor = assets.findIndex((a) => a.get('id') === 'motor');
  doc.setIn(['lines', 0, 'assets', motor, 'pdm', 'baselineHours'], 1 / 60);
  const tags = (doc.getIn(['lines', 0, 'assets', motor, 'tags']) as YAMLSeq<YAMLMap>).items;
  doc.setIn(['lines', 0, 'assets', motor, 'tags', tags.findIndex((t) => t.get('name') === 'vibration_waveform'), 'sampleRateMs'], 500);
  const file = join(mkdtempSync(join(tmpdir(), 'lineside-e2e-pdm-')), 'fast-ageing-plant.yaml');
  writeFileSync(file, doc.toString());
  return file;
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  server = await serve(fastAgeingConfig());
  await createAccounts(server.url);
});

test.afterAll(() => {
  server?.child.kill('SIGTERM');
});

async function shot(page: Page, name: string, testInfo: TestInfo): Promise<void> {
  const body = await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  await testInfo.attach(name, { body, contentType: 'image/png' });
}

test('fleet health → motor → envelope spectrum with the BPFO markers → its work request, acknowledged', async ({ page }, testInfo) => {
  test.setTimeout(150_000);
  await page.goto(server!.url);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'connected');
  await page.getByTestId('nav-maintenance').click();
  await expect(page).toHaveURL(/#\/maintenance$/);

  // The motor's defect grows; the fleet (polled every 10 s) shows it at the top, in alert.
  const motorRow = page.locator('[data-testid="fleet-row"][data-asset="line1/motor"]');
  await expect(motorRow).toHaveAttribute('data-condition', 'alert', { timeout: 90_000 });
  await expect(page.getByTestId('fleet-row').first()).toHaveAttribute('data-asset', 'line1/motor');
  // The healthy machines raise nothing: no other asset has a vibration work request.
  await expect(page.locator('[data-testid="work-request"]')).toHaveCount(1);
  await shot(page, 'fleet health', testInfo);

  await motorRow.click();
  await expect(page).toHaveURL(/#\/maintenance\/asset\/line1\/motor$/);
  await expect(page.getByTestId('diagnosis')).toContainText(/outer-race defect/i, { timeout: 20_000 });
  const envelope = page.getByTestId('envelope-spectrum');
  await expect(envelope).toBeVisible();
  await expect(envelope.locator('[data-testid="defect-marker"][data-family="BPFO"][data-harmonic="1"]')).toHaveCount(1);
  expect(await envelope.locator('[data-testid="defect-marker"][data-family="BPFO"]').count()).toBeGreaterThanOrEqual(3);
  await shot(page, 'motor health', testInfo);

  // Its work request: the defect, the evidence, acknowledged by the signed-in technician.
  const technician = accounts().maintenance.name;
  await signIn(page, 'maintenance');
  const request = page.getByTestId('work-request').first();
  await expect(request).toHaveAttribute('data-status', 'open');
  await expect(request).toContainText(/outer-race defect on the SKF 6205/i);
  await expect(request).toContainText('BPFO');
  await request.getByTestId('work-request-ack').click();
  await expect(page.getByTestId('ack-user')).toHaveText(technician);
  await page.getByTestId('ack-comment').fill('Bearing ordered, change at the weekend');
  await page.getByTestId('ack-confirm').click();
  await expect(request.getByTestId('work-request-acked')).toContainText(technician);
  await expect(request).toHaveAttribute('data-status', 'acknowledged');

  // And the waveform behind it.
  await page.getByTestId('open-waveform').click();
  await expect(page.getByTestId('waveform-overview')).toBeVisible();
  await expect(page.getByTestId('waveform-detail')).toBeVisible();
  await shot(page, 'motor waveform', testInfo);
});

test('a CWRU inner-race recording through the waveform import is diagnosed as inner race', async ({ page }, testInfo) => {
  await page.goto(`${server!.url}#/maintenance/import`);
  await expect(page.getByTestId('import-view')).toBeVisible();
  await page.getByTestId('waveform-file').setInputFiles(cwruInnerRace);
  await page.getByTestId('import-fs').fill('12000');
  await page.getByTestId('import-rpm').fill('1797');
  await page.getByTestId('import-bearing').fill('SKF 6205');
  await page.getByTestId('import-analyze').click();
  await expect(page.getByTestId('diagnosis')).toContainText(/inner-race defect/i, { timeout: 20_000 });
  // The envelope spectrum's highest peak is BPFI (5.4152 × 1797/60 = 162.2 Hz), first in the list.
  await expect(page.getByTestId('peak-row').first()).toContainText('BPFI');
  await expect(page.getByTestId('peak-row').first()).toContainText(/16[12]\.\d Hz/);
  await expect(page.getByTestId('features')).toContainText('Kurtosis');
  await expect(page.getByTestId('features')).toContainText('RMS');
  await shot(page, 'import inner race', testInfo);
});
