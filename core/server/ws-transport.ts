/**
 * The WebSocket transport of `lineside serve`: the same contract as Electron IPC, for the
 * renderer in an ordinary browser. Loopback only; every connection must carry this run's
 * random token, and a browser connection must come from our own origin (a page on
 * another site cannot drive the line). Calls are JSON text frames; sample batches are
 * binary frames (see core/contract/sample-batch.ts).
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { encodeSampleBatch, fail, wsClientMessageSchema, wsPath, describeIssues, type WsServerMessage } from '../contract/index.js';
import type { Logger } from '../runtime/logger.js';
import { dispatchCall } from '../service/dispatch.js';
import type { HmiService } from '../service/hmi-service.js';

/** A slow client that has this much unsent data gets batches dropped instead of buffered. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

export interface WsTransport {
  /** Handles an HTTP upgrade request; refuses it unless path, token, host and origin check out. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
}

export interface WsTransportOptions {
  service: HmiService;
  token: string;
  /** The port the server listens on, for the allowed Host and Origin values. */
  port: () => number;
  log: Logger;
}

export function isLoopbackAddress(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

/** Host and Origin values a page of ours may send: 127.0.0.1 or localhost on our port. */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
}

export function createWsTransport({ service, token, port, log }: WsTransportOptions): WsTransport {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 24 * 1024 * 1024 });
  const expectedToken = Buffer.from(token);

  const refuse = (socket: Duplex, status: number, reason: string, request: IncomingMessage) => {
    log.warn({ status, reason, remote: request.socket.remoteAddress, origin: request.headers.origin }, 'websocket connection refused');
    socket.end(`HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : 'Forbidden'}\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n${reason}\n`);
  };

  wss.on('connection', (ws: WebSocket) => {
    let sendFailures = 0;
    const session = service.openSession((batch) => {
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
        if (sendFailures++ % 100 === 0) log.warn({ bufferedAmount: ws.bufferedAmount }, 'client is not keeping up; sample batches dropped');
        return;
      }
      ws.send(encodeSampleBatch(batch), { binary: true });
    });
    const reply = (message: WsServerMessage) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    };
    const answer = async (data: Buffer, isBinary: boolean): Promise<WsServerMessage> => {
      if (isBinary) return { type: 'result', id: null, result: fail('invalid-request', 'binary frames are not accepted; send a JSON call') };
      let raw: unknown;
      try {
        raw = JSON.parse(data.toString());
      } catch {
        return { type: 'result', id: null, result: fail('invalid-request', 'the message is not JSON; expected {"type":"call","id":N,"method":"…","params":{…}}') };
      }
      const message = wsClientMessageSchema.safeParse(raw);
      if (!message.success) {
        const id = typeof (raw as { id?: unknown })?.id === 'number' ? (raw as { id: number }).id : null;
        return { type: 'result', id, result: fail('invalid-request', `not a valid call message: ${describeIssues(message.error, raw)}`) };
      }
      const { id, method, params } = message.data;
      return { type: 'result', id, result: await dispatchCall(session, method, params, log) };
    };
    ws.on('message', (data, isBinary) => {
      answer(data as Buffer, isBinary).then(reply, (error: unknown) => {
        // Nothing a client sends may take the server down: whatever slipped past is refused.
        log.warn({ err: error }, 'a websocket message could not be handled');
        reply({ type: 'result', id: null, result: fail('invalid-request', 'the message cannot be read; expected {"type":"call","id":N,"method":"…","params":{…}} of plain JSON values') });
      });
    });
    ws.on('close', () => session.close());
    ws.on('error', (error) => log.warn({ err: error }, 'websocket error'));
  });

  return {
    handleUpgrade(request, socket, head) {
      const url = new URL(request.url ?? '/', 'http://placeholder');
      if (url.pathname !== wsPath) return refuse(socket, 403, `no websocket endpoint at ${url.pathname}`, request);
      if (!isLoopbackAddress(request.socket.remoteAddress)) return refuse(socket, 403, 'only loopback connections are accepted', request);
      const hosts = allowedHosts(port());
      if (!hosts.includes(request.headers.host ?? '')) return refuse(socket, 403, `host ${request.headers.host} is not this server`, request);
      // Browsers always send Origin; a page from any other site is refused. Local tools send none.
      const origin = request.headers.origin;
      if (origin !== undefined && !hosts.some((host) => origin === `http://${host}`)) {
        return refuse(socket, 403, `origin ${origin} is not allowed`, request);
      }
      const given = Buffer.from(url.searchParams.get('token') ?? '');
      if (given.length !== expectedToken.length || !timingSafeEqual(given, expectedToken)) {
        return refuse(socket, 401, 'missing or wrong session token; open the link printed by lineside serve', request);
      }
      wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
    },
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
