// The e2e accounts: made over the WebSocket contract from Node (as the first run and an admin
// would make them in the UI) on every server the tests act on, and signed in through the UI by
// `signIn(page, role)`. The global setup picks fresh passwords and hands them to the specs in
// LINESIDE_E2E_ACCOUNTS (JSON), as it hands over the servers' URLs.
import { randomBytes } from 'node:crypto';
import { expect, type Page } from '@playwright/test';
import WebSocket from 'ws';

export type E2eRole = 'admin' | 'operator' | 'maintenance' | 'engineer';

export interface E2eAccount {
  name: string;
  role: E2eRole;
  password: string;
  /** Operators sign in with it at the shared line PC. */
  pin?: string;
}

export type E2eAccounts = Record<E2eRole, E2eAccount>;

/** New accounts with random passwords (called once, by the global setup). */
export function makeAccounts(): E2eAccounts {
  const password = () => `e2e-${randomBytes(9).toString('base64url')}`;
  return {
    admin: { name: 'admin', role: 'admin', password: password() },
    operator: { name: 'anna.schmidt', role: 'operator', password: password(), pin: '4711' },
    maintenance: { name: 'jonas.weber', role: 'maintenance', password: password() },
    engineer: { name: 'eva.meyer', role: 'engineer', password: password() },
  };
}

/** The accounts the global setup made, from the environment. */
export function accounts(): E2eAccounts {
  const json = process.env.LINESIDE_E2E_ACCOUNTS;
  if (json === undefined) throw new Error('LINESIDE_E2E_ACCOUNTS is not set: the global setup makes the accounts');
  return JSON.parse(json) as E2eAccounts;
}

interface Reply {
  type: 'result';
  id: number | null;
  result: { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };
}

/** The served page's URL (http://127.0.0.1:PORT/?token=…) as the contract's WebSocket URL. */
export function apiUrl(pageUrl: string): string {
  const url = new URL(pageUrl);
  return `ws://${url.host}/api?token=${url.searchParams.get('token')}`;
}

/** Makes the admin (first run) and the other accounts on a server, over one WebSocket session. */
export async function createAccounts(pageUrl: string, made: E2eAccounts = accounts()): Promise<void> {
  const ws = new WebSocket(apiUrl(pageUrl));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let nextId = 1;
  const waiting = new Map<number, (reply: Reply) => void>();
  ws.on('message', (data, isBinary) => {
    if (isBinary) return;
    const reply = JSON.parse(String(data)) as Reply;
    if (reply.id !== null) waiting.get(reply.id)?.(reply);
  });
  const call = (method: string, params: unknown) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => reject(new Error(`${method}: no answer within 10 s`)), 10_000);
      waiting.set(id, (reply) => {
        clearTimeout(timer);
        if (reply.result.ok) resolve(reply.result.value);
        else reject(new Error(`${method} refused: ${reply.result.error.code}: ${reply.result.error.message}`));
      });
      ws.send(JSON.stringify({ type: 'call', id, method, params }));
    });
  try {
    await call('setupAdmin', { name: made.admin.name, password: made.admin.password });
    for (const account of [made.operator, made.maintenance, made.engineer]) {
      await call('saveUser', { name: account.name, role: account.role, password: account.password, ...(account.pin ? { pin: account.pin } : {}) });
    }
  } finally {
    ws.close();
  }
}

/**
 * Signs in through the status bar's control: a quick user's PIN on the pad when the account has
 * one, else name and password. A role names the global setup's account of that role.
 */
export async function signIn(page: Page, who: E2eRole | E2eAccount): Promise<void> {
  const account = typeof who === 'string' ? accounts()[who] : who;
  const role = account.role;
  const control = page.getByTestId('session-control');
  await expect(control).toBeVisible({ timeout: 15_000 });
  await control.click();
  await signInInDialog(page, account);
  await expect(control).toHaveAttribute('data-user', account.name);
  await expect(control).toHaveAttribute('data-role', role);
}

/** Fills the open sign-in dialog (opened from the status bar or from an action). */
export async function signInInDialog(page: Page, account: E2eAccount): Promise<void> {
  const dialog = page.getByTestId('sign-in-dialog');
  await expect(dialog).toBeVisible();
  if (account.pin !== undefined) {
    await dialog.locator(`[data-testid="quick-user"][data-name="${account.name}"]`).click();
    for (const digit of account.pin) await dialog.getByTestId(`pin-key-${digit}`).click();
    await dialog.getByTestId('pin-sign-in').click();
  } else {
    await dialog.getByTestId('sign-in-name').fill(account.name);
    await dialog.getByTestId('sign-in-password').fill(account.password);
    await dialog.getByTestId('sign-in-submit').click();
  }
  await expect(dialog).toHaveCount(0);
}
