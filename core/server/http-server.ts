/**
 * The headless server of `lineside serve`: serves the built renderer and the WebSocket
 * transport on 127.0.0.1 only. Requests whose Host is not this server are refused (DNS
 * rebinding). The desktop app never starts this: it talks over IPC and listens on nothing.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { Logger } from '../runtime/logger.js';
import type { HmiService } from '../service/hmi-service.js';
import { allowedHosts, createWsTransport } from './ws-transport.js';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** The same policy as the Electron window, plus the WebSocket back to this server. */
export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

export interface HeadlessServer {
  readonly port: number;
  /** This run's session token: part of the URL printed to the user. */
  readonly token: string;
  readonly url: string;
  close(): Promise<void>;
}

export interface HeadlessServerOptions {
  service: HmiService;
  /** Folder with the built renderer (index.html). */
  rendererDir: string;
  /** 0 picks a free port. */
  port: number;
  log: Logger;
}

export async function startHeadlessServer({ service, rendererDir, port, log }: HeadlessServerOptions): Promise<HeadlessServer> {
  const token = randomBytes(24).toString('base64url');
  let boundPort = port;
  const ws = createWsTransport({ service, token, port: () => boundPort, log });
  const root = normalize(rendererDir);

  const server: Server = createServer(async (request, response) => {
    if (!allowedHosts(boundPort).includes(request.headers.host ?? '')) {
      response.writeHead(403, { 'content-type': 'text/plain' }).end('wrong host\n');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://placeholder').pathname);
    let file = normalize(join(root, pathname));
    if (file !== root && !file.startsWith(root + sep)) {
      response.writeHead(404).end();
      return;
    }
    const info = await stat(file).catch(() => undefined);
    // Unknown paths get the app itself, which has one page.
    if (!info || info.isDirectory()) file = join(root, 'index.html');
    const type = contentTypes[extname(file)] ?? 'application/octet-stream';
    const stream = createReadStream(file);
    stream.on('error', () => {
      if (!response.headersSent) response.writeHead(404, { 'content-type': 'text/plain' });
      response.end(`not found (is the renderer built? run "npm run build")\n`);
    });
    stream.once('open', () => {
      response.writeHead(200, {
        'content-type': type,
        'content-security-policy': contentSecurityPolicy(boundPort),
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': type.startsWith('text/html') ? 'no-store' : 'max-age=3600',
      });
      if (request.method === 'HEAD') {
        stream.destroy();
        response.end();
      } else stream.pipe(response);
    });
  });
  server.on('upgrade', (request, socket, head) => ws.handleUpgrade(request, socket, head));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  boundPort = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${boundPort}/?token=${token}`;
  log.info({ port: boundPort }, 'headless server listening on loopback');

  return {
    port: boundPort,
    token,
    url,
    async close() {
      await ws.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
