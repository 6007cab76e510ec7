// Users, roles and the audit trail end to end (issue 11), on servers of their own:
// (a) a fresh `lineside serve` has no account: the first run asks for the admin, who then adds
//     an operator with a PIN on the Users screen;
// (b) a viewer cannot acknowledge; the operator signs in with the PIN on the pad and can;
// (c) the operator sets the glue setpoint through the confirmation (limits shown, out of range
//     refused before it is sent) and the value changes;
// (d) the admin reads the audit trail (the sign-in, the write with old → new) and exports it;
// (e) with `--idle-logout 5` a signed-in station goes back to viewer by itself.
// The line has one injected filler stop (at 3 s) so that there is an alarm to acknowledge.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { parseDocument } from 'yaml';
import { createAccounts, signIn, type E2eAccount } from './accounts.js';
import { serve, type Served } from './serve.js';

const admin: E2eAccount = { name: 'chief', role: 'admin', password: 'first-run-admin-42' };
const operator: E2eAccount = { name: 'lena.operator', role: 'operator', password: 'lena-password-1', pin: '2580' };
const setpoint = 'line1/labeler/glue_setpoint';
const fillerDown = '[data-alarm-id^="line1/filler/state:"]';

let server: Served | null = null;
let idleServer: Served | null = null;

function lineWithAStop(): string {
  const doc = parseDocument(readFileSync('assets/demo/plant.yaml', 'utf8'));
  doc.setIn(['devices', 0, 'settings', 'calendar'], false);
  doc.setIn(['devices', 0, 'settings', 'injectedFaults'], doc.createNode([{ kind: 'stop', machine: 'filler', code: 'F204', atS: 3, durationS: 3600 }]));
  const file = join(mkdtempSync(join(tmpdir(), 'lineside-e2e-security-')), 'plant.yaml');
  writeFileSync(file, doc.toString());
  return file;
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  const config = lineWithAStop();
  [server, idleServer] = await Promise.all([serve(config), serve(config, ['--idle-logout', '5'])]);
  await createAccounts(idleServer.url);
});

test.afterAll(() => {
  server?.child.kill('SIGTERM');
  idleServer?.child.kill('SIGTERM');
});

async function shot(page: Page, name: string, testInfo: TestInfo): Promise<void> {
  const body = await page.screenshot({ path: testInfo.outputPath(`${name}.png`) });
  await testInfo.attach(name, { body, contentType: 'image/png' });
}

test('(a) the first run asks for the admin, who adds an operator with a PIN', async ({ page }, testInfo) => {
  await page.goto(server!.url);
  const setup = page.getByTestId('setup-dialog');
  await expect(setup).toBeVisible({ timeout: 15_000 });
  await setup.getByTestId('setup-name').fill(admin.name);
  await setup.getByTestId('setup-password').fill('short');
  await setup.getByTestId('setup-repeat').fill('short');
  await expect(setup.getByTestId('setup-problem')).toContainText('at least 8 characters');
  await expect(setup.getByTestId('setup-create')).toBeDisabled();
  await setup.getByTestId('setup-password').fill(admin.password);
  await setup.getByTestId('setup-repeat').fill(admin.password);
  await shot(page, 'first-run admin', testInfo);
  await setup.getByTestId('setup-create').click();
  await expect(setup).toHaveCount(0);
  await expect(page.getByTestId('session-control')).toHaveAttribute('data-role', 'admin');

  await page.getByTestId('nav-users').click();
  await expect(page).toHaveURL(/#\/users$/);
  await page.getByTestId('user-add').click();
  const dialog = page.getByTestId('user-dialog');
  await dialog.getByTestId('user-name').fill(operator.name);
  await dialog.getByTestId('user-role').selectOption('operator');
  await dialog.getByTestId('user-password').fill(operator.password);
  await dialog.getByTestId('user-pin').fill(operator.pin!);
  await shot(page, 'add user', testInfo);
  await dialog.getByTestId('user-save').click();
  await expect(dialog).toHaveCount(0);
  const row = page.locator(`[data-testid="user-row"][data-name="${operator.name}"]`);
  await expect(row).toHaveAttribute('data-role', 'operator');
  await expect(row.getByTestId('user-has-pin')).toHaveText('Yes');
  await expect(page.locator(`[data-testid="user-row"][data-name="${admin.name}"]`)).toBeVisible();
  await shot(page, 'users screen', testInfo);
});

test('(b) a viewer cannot acknowledge; the operator signs in by PIN and can', async ({ page }, testInfo) => {
  await page.goto(`${server!.url}#/alarms`);
  const control = page.getByTestId('session-control');
  await expect(control).toHaveAttribute('data-role', 'viewer');
  await expect(control).toContainText('Viewer — sign in');
  const fillerRow = page.locator(`[data-testid="alarm-row"]${fillerDown}`).first();
  await expect(fillerRow).toHaveAttribute('data-state', 'unacknowledged', { timeout: 20_000 });
  await fillerRow.click();
  await expect(page.getByTestId('ack-selected')).toBeDisabled();
  await expect(page.getByTestId('alarm-permission-hint')).toContainText('Sign in as operator or above to respond to alarms');
  const bannerAck = page.getByTestId('alarm-banner-ack');
  await expect(bannerAck).toHaveText('Sign in to acknowledge');
  await shot(page, 'viewer alarms', testInfo);

  // The banner's button opens the sign-in dialog with the reason; the operator is a quick user.
  await bannerAck.click();
  const dialog = page.getByTestId('sign-in-dialog');
  await expect(dialog.getByTestId('sign-in-reason')).toContainText('Sign in as operator');
  await dialog.locator(`[data-testid="quick-user"][data-name="${operator.name}"]`).click();
  for (const digit of '0000') await dialog.getByTestId(`pin-key-${digit}`).click();
  await dialog.getByTestId('pin-sign-in').click();
  await expect(dialog.getByTestId('sign-in-error')).toContainText(/wrong|failed|PIN/i);
  for (const digit of operator.pin!) await dialog.getByTestId(`pin-key-${digit}`).click();
  await shot(page, 'pin pad', testInfo);
  await dialog.getByTestId('pin-sign-in').click();
  await expect(dialog).toHaveCount(0);
  await expect(control).toHaveAttribute('data-user', operator.name);
  await expect(bannerAck).toHaveText('Acknowledge');

  await expect(fillerRow).toHaveAttribute('aria-selected', 'true');
  await page.getByTestId('ack-selected').click();
  await expect(fillerRow).toHaveAttribute('data-state', 'acknowledged');
  await shot(page, 'operator acknowledged', testInfo);
});

test('(c) the operator sets the glue setpoint through the confirmation', async ({ page }, testInfo) => {
  await page.goto(`${server!.url}#/asset/line1/labeler`);
  await signIn(page, operator);
  const row = page.locator(`[data-testid="tag-row"][data-tag="${setpoint}"]`);
  await row.getByTestId('tag-set').click();
  const dialog = page.getByTestId('write-dialog');
  await expect(dialog.getByTestId('write-path')).toHaveText(setpoint);
  await expect(dialog.getByTestId('write-limits')).toHaveText('120 to 190 °C');
  await expect(dialog.getByTestId('write-current')).toContainText(/\d/);
  await dialog.getByTestId('write-value').fill('250');
  await expect(dialog.getByTestId('write-problem')).toHaveText('Above the limit: at most 190 °C.');
  await expect(dialog.getByTestId('write-confirm')).toBeDisabled();
  await shot(page, 'write out of range', testInfo);
  await dialog.getByTestId('write-value').fill('175');
  await expect(dialog.getByTestId('write-confirm')).toBeEnabled();
  await shot(page, 'write confirmation', testInfo);
  await dialog.getByTestId('write-confirm').click();
  await expect(dialog).toHaveCount(0);
  await expect(row.locator(`[data-testid="tag-value"][data-tag="${setpoint}"]`)).toContainText('175', { timeout: 10_000 });
});

test('(d) the admin reads the audit trail and exports it as CSV', async ({ page }, testInfo) => {
  await page.goto(server!.url);
  await signIn(page, admin);
  await page.getByTestId('nav-audit').click();
  await expect(page).toHaveURL(/#\/audit$/);
  const signInRow = page.locator(`[data-testid="audit-row"][data-action="sign-in"][data-user="${operator.name}"]`).first();
  await expect(signInRow).toBeVisible();
  await expect(signInRow.getByTestId('audit-detail')).toContainText('by: pin');
  await expect(page.locator(`[data-testid="audit-row"][data-action="sign-in-failed"][data-user="${operator.name}"]`)).toHaveCount(1);
  const write = page.locator(`[data-testid="audit-row"][data-action="write"][data-user="${operator.name}"]`);
  await expect(write).toHaveCount(1);
  await expect(write.getByTestId('audit-target')).toHaveText(setpoint);
  await expect(write.getByTestId('audit-detail')).toHaveText(/^\d+(\.\d+)? → 175 °C$/);
  await expect(page.locator(`[data-testid="audit-row"][data-action="account-setup"][data-user="${admin.name}"]`)).toHaveCount(1);
  await shot(page, 'audit screen', testInfo);

  // The filter narrows to the writes.
  await page.getByTestId('audit-action').selectOption('write');
  await page.getByTestId('audit-search').click();
  await expect(page.getByTestId('audit-row')).toHaveCount(1);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
  expect(download.suggestedFilename()).toMatch(/^lineside-audit-\d{8}-\d{4}\.csv$/);
  const csv = readFileSync((await download.path())!, 'utf8');
  const lines = csv.trim().split(/\r?\n/);
  expect(lines[0]).toBe('seq,time,user,station,action,target,outcome,detail');
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(`${operator.name},`);
  expect(lines[1]).toContain(`,write,${setpoint},ok,`);
  expect(lines[1]).toContain('175');
  await expect(page.getByTestId('audit-exported')).toContainText('1 records saved as lineside-audit-');
});

test('(e) with --idle-logout 5 a signed-in station goes back to viewer by itself', async ({ page }, testInfo) => {
  await page.goto(idleServer!.url);
  await signIn(page, 'operator');
  const control = page.getByTestId('session-control');
  await expect(page.getByTestId('idle-warning')).toBeVisible({ timeout: 5_000 });
  await expect(page.getByTestId('idle-countdown')).toHaveText(/^\d s$/);
  await shot(page, 'idle warning', testInfo);
  await expect(control).toHaveAttribute('data-role', 'viewer', { timeout: 10_000 });
  await expect(page.getByTestId('idle-warning')).toHaveCount(0);
});
