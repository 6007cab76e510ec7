/**
 * The WebSocket transport of the HmiClient, for `lineside serve`: calls go out as text
 * JSON `{type:'call', id, method, params}` and come back as `{type:'result', id, result}`;
 * sample batches arrive as binary frames. When the socket closes the pending calls fail
 * with `disconnected`, the state goes to 'disconnected' and the client reconnects with
 * backoff (1 s doubling to 10 s). It does not re-subscribe by itself: subscriptions belong
 * to a socket, so the app re-subscribes when it sees 'connected' again.
 */
import { decodeSampleBatch, fail, hmiMethods, wsPath } from '../../core/contract/index.js';
import type {
  ConnectionState,
  HmiApi,
  HmiClient,
  HmiMethod,
  HmiRequest,
  Result,
  SampleBatch,
  WsClientMessage,
} from '../../core/contract/index.js';

/** The part of the browser's WebSocket this client uses, so that tests can pass a fake. */
export interface WebSocketLike {
  binaryType: string;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface WsClientOptions {
  /** Opens a socket; the browser's WebSocket by default. */
  createSocket?: (url: string) => WebSocketLike;
  /** First reconnect delay; doubles per failed attempt up to `maxBackoffMs`. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

export interface WsClient extends HmiClient {
  readonly connection: ConnectionState;
  /** Closes the socket for good: no reconnect, pending calls fail. */
  close(): void;
}

/** `ws(s)://host/api?token=…` from a page or server address (http(s) or ws(s)). */
export function endpointUrl(base: string, token: string): string {
  const url = new URL(base);
  if (url.protocol === 'http:') url.protocol = 'ws:';
  else if (url.protocol === 'https:') url.protocol = 'wss:';
  if (url.pathname === '' || url.pathname === '/') url.pathname = wsPath;
  url.searchParams.set('token', token);
  url.hash = '';
  return url.toString();
}

function isResult(value: unknown): value is Result<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

export function createWsClient(url: string, token: string, options: WsClientOptions = {}): WsClient {
  const endpoint = endpointUrl(url, token);
  const createSocket = options.createSocket ?? ((address: string) => new WebSocket(address) as unknown as WebSocketLike);
  const minBackoffMs = options.minBackoffMs ?? 1_000;
  const maxBackoffMs = options.maxBackoffMs ?? 10_000;

  let socket: WebSocketLike | null = null;
  let state: ConnectionState = 'connecting';
  let failedAttempts = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let closedForGood = false;
  let nextId = 1;
  const pending = new Map<number, { method: string; resolve: (result: Result<unknown>) => void }>();
  const sampleListeners = new Set<(batch: SampleBatch) => void>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();

  function setState(next: ConnectionState): void {
    if (next === state) return;
    state = next;
    for (const listener of [...connectionListeners]) {
      try {
        listener(next);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  function failPending(): void {
    const calls = [...pending.values()];
    pending.clear();
    for (const call of calls) call.resolve(fail('disconnected', `the connection closed before "${call.method}" was answered`));
  }

  function scheduleReconnect(): void {
    if (closedForGood || retryTimer !== null) return;
    const delay = Math.min(maxBackoffMs, minBackoffMs * 2 ** failedAttempts);
    failedAttempts += 1;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      open();
    }, delay);
  }

  function handleMessage(data: unknown): void {
    if (typeof data === 'string') {
      let message: unknown;
      try {
        message = JSON.parse(data);
      } catch {
        return; // not ours to answer; a malformed frame must not break the stream
      }
      if (typeof message !== 'object' || message === null) return;
      const { type, id, result } = message as { type?: unknown; id?: unknown; result?: unknown };
      if (type !== 'result' || typeof id !== 'number') return;
      const call = pending.get(id);
      if (call === undefined) return;
      pending.delete(id);
      call.resolve(isResult(result) ? result : fail('internal', `the server answered "${call.method}" with something that is not a result`));
      return;
    }
    let batch: SampleBatch;
    try {
      if (data instanceof ArrayBuffer) batch = decodeSampleBatch(data);
      else if (data instanceof Uint8Array) batch = decodeSampleBatch(data);
      else return;
    } catch {
      return; // a frame that does not decode is dropped; the next one carries fresh values
    }
    for (const listener of [...sampleListeners]) {
      try {
        listener(batch);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  function open(): void {
    if (closedForGood) return;
    setState('connecting');
    let s: WebSocketLike;
    try {
      s = createSocket(endpoint);
    } catch {
      setState('disconnected');
      scheduleReconnect();
      return;
    }
    socket = s;
    s.binaryType = 'arraybuffer';
    s.onopen = () => {
      if (socket !== s) return;
      failedAttempts = 0;
      setState('connected');
    };
    s.onmessage = (event) => {
      if (socket === s) handleMessage(event.data);
    };
    s.onerror = () => {
      // A close event always follows an error; the reconnect is handled there.
    };
    s.onclose = () => {
      if (socket !== s) return;
      socket = null;
      failPending();
      setState('disconnected');
      scheduleReconnect();
    };
  }

  function call<M extends HmiMethod, T>(method: M, params: HmiRequest<M>): Promise<Result<T>> {
    const s = socket;
    if (s === null || state !== 'connected') {
      return Promise.resolve(fail('disconnected', `not connected to the runtime; "${method}" was not sent`));
    }
    const id = nextId++;
    const message: WsClientMessage = { type: 'call', id, method, params };
    return new Promise<Result<T>>((resolve) => {
      pending.set(id, { method, resolve: resolve as (result: Result<unknown>) => void });
      try {
        s.send(JSON.stringify(message));
      } catch (error) {
        pending.delete(id);
        resolve(fail('disconnected', `"${method}" could not be sent: ${error instanceof Error ? error.message : String(error)}`));
      }
    });
  }

  // Every contract call takes the same path; the method list comes from the contract itself.
  const calls = Object.fromEntries(hmiMethods.map((method) => [method, (req: HmiRequest<typeof method>) => call(method, req)])) as unknown as HmiApi;

  open();

  return {
    transport: 'websocket',
    get connection() {
      return state;
    },
    ...calls,
    onSamples(listener) {
      sampleListeners.add(listener);
      return () => sampleListeners.delete(listener);
    },
    /** Also calls the listener at once with the current state. */
    onConnection(listener) {
      connectionListeners.add(listener);
      listener(state);
      return () => connectionListeners.delete(listener);
    },
    close() {
      closedForGood = true;
      if (retryTimer !== null) clearTimeout(retryTimer);
      retryTimer = null;
      const s = socket;
      socket = null;
      failPending();
      setState('disconnected');
      s?.close(1000, 'client closed');
    },
  };
}
