// The headless server over real sockets on 127.0.0.1: token, host and origin checks,
// validation of every call, and sample batches as binary frames.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { decodeSampleBatch, type SampleBatch, type WsServerMessage } from '../contract/index.js';
import { silentLogger } from '../runtime/logger.js';
import { startTestCore, type TestCore } from '../service/testing/test-core.js';
import { startHeadlessServer, type HeadlessServer } from './http-server.js';

let server: HeadlessServer | undefined;
let core: TestCore;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(): Promise<HeadlessServer> {
  const rendererDir = mkdtempSync(join(tmpdir(), 'lineside-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Lineside</title>');
  core = await startTestCore();
  server = await startHeadlessServer({ service: core.service, rendererDir, port: 0, log: silentLogger() });
  return server;
}

/** Opens a socket; resolves with it when open, or with the HTTP status of the refusal. */
function connect(url: string, headers: Record<string, string> = {}): Promise<WebSocket | number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', reject);
    setTimeout(() => reject(new Error('no answer within 3 s')), 3000).unref();
  });
}

function client(ws: WebSocket) {
  let nextId = 1;
  const batches: SampleBatch[] = [];
  const replies = new Map<number | null, WsServerMessage>();
  ws.on('message', (data, isBinary) => {
    if (isBinary) batches.push(decodeSampleBatch(new Uint8Array(data as Buffer)));
    else {
      const message = JSON.parse(String(data)) as WsServerMessage;
      replies.set(message.id, message);
    }
  });
  const waitReply = async (id: number | null) => {
    for (let i = 0; i < 300 && !replies.has(id); i++) await new Promise((r) => setTimeout(r, 10));
    return replies.get(id)?.result;
  };
  return {
    batches,
    waitReply,
    async call(method: string, params: unknown) {
      const id = nextId++;
      ws.send(JSON.stringify({ type: 'call', id, method, params }));
      return waitReply(id);
    },
  };
}

describe('headless server', () => {
  it('listens on loopback only and serves the UI with a content security policy', async () => {
    const { port } = await start();
    const res = await fetch(`http://127.0.0.1:${port}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(await res.text()).toMatch(/Lineside/);
  });

  it('refuses HTTP requests for another host name (DNS rebinding)', async () => {
    const { port } = await start();
    const status = await new Promise<number>((resolve) => {
      request({ host: '127.0.0.1', port, path: '/', headers: { host: `evil.example:${port}` } }, (res) => resolve(res.statusCode ?? 0)).end();
    });
    expect(status).toBe(403);
  });

  it('refuses a websocket without the token, with a wrong token, from another origin or host', async () => {
    const { port, token } = await start();
    const base = `ws://127.0.0.1:${port}/api`;
    expect(await connect(base)).toBe(401);
    expect(await connect(`${base}?token=${token.slice(0, -1)}x`)).toBe(401);
    expect(await connect(`${base}?token=${token}`, { origin: 'http://evil.example' })).toBe(403);
    expect(await connect(`${base}?token=${token}`, { origin: `http://127.0.0.1:${port + 1}` })).toBe(403);
    expect(await connect(`${base}?token=${token}`, { host: `evil.example:${port}` })).toBe(403);
    expect(await connect(`ws://127.0.0.1:${port}/other?token=${token}`)).toBe(403);
    const ok = await connect(`${base}?token=${token}`, { origin: `http://localhost:${port}` });
    expect(ok).toBeInstanceOf(WebSocket);
    (ok as WebSocket).close();
  });

  it('answers calls, refuses invalid payloads without changing anything, and streams binary batches', async () => {
    const { port, token } = await start();
    const ws = (await connect(`ws://127.0.0.1:${port}/api?token=${token}`)) as WebSocket;
    const c = client(ws);
    expect(await c.call('getPlantModel', {})).toMatchObject({ ok: true, value: { site: 'Test site' } });

    expect(await c.call('writeTag', { path: 'line1/oven/setpoint', value: [150] })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await c.call('writeTag', { path: 'line1/oven/temp', value: 150 })).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/sign in as operator/) } });
    await core.signedIn('operator');
    expect(await c.call('signIn', { name: 'operator-user', password: 'operator-password' })).toMatchObject({ ok: true, value: { user: { name: 'operator-user', role: 'operator' } } });
    expect(await c.call('writeTag', { path: 'line1/oven/temp', value: 150 })).toMatchObject({ ok: false, error: { code: 'write-disabled' } });
    expect(await c.call('nosuch', {})).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    ws.send('{not json');
    expect(await c.waitReply(null)).toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringMatching(/not JSON/) } });
    expect(core.writes).toEqual([]);

    const sub = await c.call('subscribe', { paths: ['line1/oven/temp'] });
    expect(sub).toMatchObject({ ok: true, value: { tags: ['line1/oven/temp'] } });
    core.push([core.sample('line1/oven/temp', 175.5)]);
    for (let i = 0; i < 200 && c.batches.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(Array.from(c.batches[0]!.value)).toEqual([175.5]);
    ws.close();
  });
});
