import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { encodeSampleBatch } from '../../core/contract/index.js';
import type { ConnectionState, WsClientMessage } from '../../core/contract/index.js';
import { makeBatch } from '../testing/make-batch.js';
import { createWsClient, endpointUrl } from './ws-client.js';
import type { WebSocketLike } from './ws-client.js';

class FakeSocket implements WebSocketLike {
  binaryType = 'blob';
  onopen: ((event: unknown) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  sent: WsClientMessage[] = [];
  closed = false;
  constructor(readonly url: string) {}
  send(data: string): void {
    this.sent.push(JSON.parse(data) as WsClientMessage);
  }
  close(): void {
    this.closed = true;
  }
  // Server side of the fake:
  open(): void {
    this.onopen?.({});
  }
  drop(): void {
    this.onerror?.({});
    this.onclose?.({ code: 1006 });
  }
  answer(id: number, result: unknown): void {
    this.onmessage?.({ data: JSON.stringify({ type: 'result', id, result }) });
  }
}

function setup() {
  const sockets: FakeSocket[] = [];
  const client = createWsClient('ws://127.0.0.1:8080', 's3cret', {
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
  });
  const states: ConnectionState[] = [];
  client.onConnection((state) => states.push(state));
  return { client, sockets, states, last: () => sockets[sockets.length - 1]! };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('endpointUrl', () => {
  it('puts the contract path and the token on the page host', () => {
    expect(endpointUrl('ws://127.0.0.1:8080', 'a b')).toBe('ws://127.0.0.1:8080/api?token=a+b');
    expect(endpointUrl('https://host:9000/', 't')).toBe('wss://host:9000/api?token=t');
    expect(endpointUrl('ws://host/api?token=old', 'new')).toBe('ws://host/api?token=new');
  });
});

describe('createWsClient', () => {
  it('connects to the endpoint with the token and binary frames as ArrayBuffer', () => {
    const { sockets, states, last } = setup();
    expect(sockets).toHaveLength(1);
    expect(last().url).toBe('ws://127.0.0.1:8080/api?token=s3cret');
    expect(last().binaryType).toBe('arraybuffer');
    expect(states).toEqual(['connecting']);
    last().open();
    expect(states).toEqual(['connecting', 'connected']);
  });

  it('sends calls as JSON and resolves them with the matching result', async () => {
    const { client, last } = setup();
    last().open();
    const status = client.getSystemStatus({});
    const model = client.getPlantModel({});
    const [first, second] = last().sent;
    expect(first).toEqual({ type: 'call', id: first!.id, method: 'getSystemStatus', params: {} });
    expect(second!.method).toBe('getPlantModel');
    last().answer(second!.id, { ok: false, error: { code: 'internal', message: 'boom' } });
    last().answer(first!.id, { ok: true, value: { mode: 'live' } });
    expect(await status).toEqual({ ok: true, value: { mode: 'live' } });
    expect(await model).toEqual({ ok: false, error: { code: 'internal', message: 'boom' } });
  });

  it('decodes binary frames into sample batches', () => {
    const { client, last } = setup();
    last().open();
    const got: number[] = [];
    client.onSamples((batch) => got.push(batch.subscriptionId, batch.value[0]!));
    const frame = encodeSampleBatch(makeBatch(7, [{ tag: 0, ts: 1, value: 42.5 }]));
    last().onmessage?.({ data: frame.buffer.slice(frame.byteOffset, frame.byteOffset + frame.byteLength) });
    last().onmessage?.({ data: new ArrayBuffer(3) }); // garbage is dropped, not thrown
    expect(got).toEqual([7, 42.5]);
  });

  it('fails calls made while disconnected at once, without sending', async () => {
    const { client, last } = setup();
    const result = await client.readCurrent({});
    expect(result).toMatchObject({ ok: false, error: { code: 'disconnected' } });
    expect(last().sent).toHaveLength(0);
  });

  it('fails pending calls when the socket closes and reconnects with backoff 1 s … 10 s', async () => {
    const { client, sockets, states, last } = setup();
    last().open();
    const pending = client.subscribe({ paths: ['line1'] });
    last().drop();
    expect(await pending).toMatchObject({ ok: false, error: { code: 'disconnected' } });
    expect(states).toEqual(['connecting', 'connected', 'disconnected']);

    const delays: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      const before = sockets.length;
      let waited = 0;
      while (sockets.length === before) {
        vi.advanceTimersByTime(100);
        waited += 100;
      }
      delays.push(waited);
      last().drop();
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 10000, 10000]);

    // A successful connection resets the backoff.
    vi.advanceTimersByTime(10_000);
    last().open();
    expect(states[states.length - 1]).toBe('connected');
    last().drop();
    const before = sockets.length;
    vi.advanceTimersByTime(1_000);
    expect(sockets.length).toBe(before + 1);
  });

  it('ignores events from a socket it has replaced', () => {
    const { client, sockets, last } = setup();
    const old = last();
    old.open();
    old.drop();
    vi.advanceTimersByTime(1_000);
    expect(sockets).toHaveLength(2);
    old.onopen?.({});
    expect(client.connection).toBe('connecting');
  });

  it('close() stops for good', () => {
    const { client, sockets, last } = setup();
    last().open();
    client.close();
    expect(last().closed).toBe(true);
    expect(client.connection).toBe('disconnected');
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
  });
});

describe('createWsClient history calls', () => {
  it('sends every contract method through the same call path, the history calls included', async () => {
    const { client, last } = setup();
    last().open();
    const display = client.queryDisplay({ path: 'line1/filler/speed', from: 1_000, to: 2_000, width: 100 });
    const aggregates = client.queryAggregates({ path: 'line1/filler/speed', from: 0, to: 60_000, intervalMs: 10_000 });
    const [first, second] = last().sent;
    expect(first).toEqual({ type: 'call', id: first!.id, method: 'queryDisplay', params: { path: 'line1/filler/speed', from: 1_000, to: 2_000, width: 100 } });
    expect(second!.method).toBe('queryAggregates');
    const series = { path: 'line1/filler/speed', from: 1_000, to: 2_000, width: 100, source: 'raw', ts: [1_500], value: [null] };
    last().answer(first!.id, { ok: true, value: series });
    last().answer(second!.id, { ok: true, value: [] });
    expect(await display).toEqual({ ok: true, value: series });
    expect(await aggregates).toEqual({ ok: true, value: [] });
    expect(typeof client.queryRaw).toBe('function');
    expect(typeof client.valueAt).toBe('function');
  });
});
