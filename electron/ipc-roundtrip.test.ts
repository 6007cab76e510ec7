// The whole desktop path in one process: the renderer's IPC client → the preload's bridge →
// Electron IPC (an in-memory stand-in for ipcRenderer/ipcMain/webContents) → the main
// side's handlers → the core service, and sample batches back. The same calls and
// batches as over the WebSocket, so the renderer cannot tell the transports apart.
import { describe, expect, it, vi } from 'vitest';
import type { LinesideBridge, SampleBatch } from '../core/contract/index.js';
import { silentLogger } from '../core/runtime/logger.js';
import { startTestCore } from '../core/service/testing/test-core.js';
import { createIpcClient } from '../renderer/transport/ipc-client.js';

type Listener = (event: unknown, payload: unknown) => void;
const ipc = vi.hoisted(() => ({
  handlers: new Map<string, (event: unknown, params: unknown) => Promise<unknown>>(),
  rendererListeners: new Map<string, Set<Listener>>(),
  exposed: undefined as unknown,
}));

vi.mock('electron', () => {
  const contents = {
    id: 7,
    isDestroyed: () => false,
    once: () => {},
    // webContents.send → the renderer's ipcRenderer.on listeners (structured clone, as Electron does).
    send: (channel: string, payload: unknown) => {
      for (const listener of ipc.rendererListeners.get(channel) ?? []) listener({}, structuredClone(payload));
    },
  };
  return {
    ipcMain: { handle: (channel: string, handler: (event: unknown, params: unknown) => Promise<unknown>) => ipc.handlers.set(channel, handler) },
    ipcRenderer: {
      invoke: async (channel: string, params: unknown) => {
        const handler = ipc.handlers.get(channel);
        if (!handler) throw new Error(`No handler registered for '${channel}'`);
        return structuredClone(await handler({ senderFrame: { url: 'lineside://app/index.html' }, sender: contents }, structuredClone(params)));
      },
      on: (channel: string, listener: Listener) => {
        if (!ipc.rendererListeners.has(channel)) ipc.rendererListeners.set(channel, new Set());
        ipc.rendererListeners.get(channel)!.add(listener);
      },
      removeListener: (channel: string, listener: Listener) => ipc.rendererListeners.get(channel)?.delete(listener),
    },
    contextBridge: { exposeInMainWorld: (_key: string, api: unknown) => (ipc.exposed = api) },
  };
});

describe('IPC round trip', () => {
  it('calls, validation and live sample batches work end to end', async () => {
    const core = await startTestCore();
    const { registerIpcTransport } = await import('./ipc-main.js');
    registerIpcTransport(core.service, silentLogger());
    await import('./preload.js');
    const client = createIpcClient(ipc.exposed as LinesideBridge);

    const model = await client.getPlantModel({});
    expect(model.ok && model.value.lines[0]!.assets.length).toBe(2);
    const refused = await client.writeTag({ path: 'line1/oven/setpoint', value: { evil: 1 } as unknown as number });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(core.writes).toEqual([]);

    const batches: SampleBatch[] = [];
    client.onSamples((batch) => batches.push(batch));
    const sub = await client.subscribe({ paths: ['line1/oven/temp'] });
    expect(sub).toMatchObject({ ok: true, value: { tags: ['line1/oven/temp'] } });
    core.push([core.sample('line1/oven/temp', 176.25)]);
    for (let i = 0; i < 100 && batches.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    expect(batches).toHaveLength(1);
    expect(batches[0]!.value).toBeInstanceOf(Float64Array);
    expect(Array.from(batches[0]!.value)).toEqual([176.25]);
  });
});
