// The IPC transport pair, with Electron's ipcMain/ipcRenderer/contextBridge replaced by
// in-memory fakes (the Electron binary cannot run in CI): the preload exposes exactly the
// contract, and the main side refuses untrusted senders and invalid payloads.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { callChannel, hmiMethods, type Result } from '../core/contract/index.js';
import { silentLogger } from '../core/runtime/logger.js';
import { startTestCore } from '../core/service/testing/test-core.js';

type Handler = (event: unknown, params: unknown) => Promise<Result<unknown>>;
const fakes = vi.hoisted(() => ({
  handlers: new Map<string, Handler>(),
  exposed: new Map<string, unknown>(),
  invoked: [] as [string, unknown][],
}));

vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, handler: Handler) => fakes.handlers.set(channel, handler) },
  ipcRenderer: {
    invoke: (channel: string, req: unknown) => {
      fakes.invoked.push([channel, req]);
      return Promise.resolve({ ok: true, value: null });
    },
    on: () => {},
    removeListener: () => {},
  },
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => fakes.exposed.set(key, api) },
}));

const fakeContents = { id: 1, isDestroyed: () => false, send: vi.fn(), once: () => {} };
const fromApp = { senderFrame: { url: 'lineside://app/index.html' }, sender: fakeContents };

describe('IPC transport', () => {
  beforeEach(() => fakes.handlers.clear());

  it('the preload exposes exactly the contract calls and the sample event', async () => {
    await import('./preload.js');
    const bridge = fakes.exposed.get('lineside') as Record<string, (req: unknown) => Promise<unknown>>;
    expect(Object.keys(bridge).sort()).toEqual([...hmiMethods, 'onSamples'].sort());
    await bridge.readCurrent!({ paths: ['a/b'] });
    expect(fakes.invoked).toEqual([[callChannel('readCurrent'), { paths: ['a/b'] }]]);
  });

  it('refuses calls from a page that is not the app', async () => {
    const core = await startTestCore();
    const { registerIpcTransport } = await import('./ipc-main.js');
    registerIpcTransport(core.service, silentLogger());
    expect([...fakes.handlers.keys()].sort()).toEqual(hmiMethods.map(callChannel).sort());
    const handler = fakes.handlers.get(callChannel('getPlantModel'))!;
    expect(await handler({ senderFrame: { url: 'https://evil.example/' }, sender: fakeContents }, {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await handler({ senderFrame: { url: 'file:///etc/passwd' }, sender: fakeContents }, {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await handler(fromApp, {})).toMatchObject({ ok: true, value: { site: 'Test site' } });
  });

  it('refuses invalid payloads and changes nothing', async () => {
    const core = await startTestCore();
    const { registerIpcTransport } = await import('./ipc-main.js');
    registerIpcTransport(core.service, silentLogger());
    const write = fakes.handlers.get(callChannel('writeTag'))!;
    expect(await write(fromApp, { path: 'line1/oven/setpoint', value: null })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await write(fromApp, { path: 'line1/oven/setpoint', value: 150, force: true })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await write(fromApp, 'line1/oven/setpoint=150')).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(core.writes).toEqual([]);
    // A window nobody signed in to is a viewer's; signed in as an operator, the write goes through.
    expect(await write(fromApp, { path: 'line1/oven/setpoint', value: 150 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await core.signedIn('operator');
    const signIn = fakes.handlers.get(callChannel('signIn'))!;
    expect(await signIn(fromApp, { name: 'operator-user', password: 'operator-password' })).toMatchObject({ ok: true, value: { role: 'operator' } });
    expect(await write(fromApp, { path: 'line1/oven/setpoint', value: 150 })).toMatchObject({ ok: true });
    expect(core.writes).toEqual([{ path: 'line1/oven/setpoint', value: 150 }]);
  });
});
