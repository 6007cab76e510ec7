/**
 * A real MQTT broker for the uplink's tests: Debian's Mosquitto, started on free loopback
 * ports with a config file written here, and stopped, killed or restarted by the test (the
 * way a plant's broker goes away). With `tls`, a test certificate authority is made with
 * openssl for the run (CA, a server certificate for 127.0.0.1, a client certificate) and a
 * second listener speaks TLS with it; `requireClientCertificate` makes that listener refuse
 * clients without a certificate from the CA.
 *
 * Loopback only. Every wait is bounded and fails with what the broker printed.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const MOSQUITTO = '/usr/sbin/mosquitto';
export const mosquittoAvailable = existsSync(MOSQUITTO);

export interface TestPki {
  dir: string;
  caFile: string;
  serverCertFile: string;
  serverKeyFile: string;
  clientCertFile: string;
  clientKeyFile: string;
  /** A CA that did not sign the server's certificate (for the "refuses an unknown broker" test). */
  otherCaFile: string;
}

export interface TestBroker {
  /** mqtt://127.0.0.1:port */
  url: string;
  /** mqtts://127.0.0.1:port, when started with tls. */
  tlsUrl?: string;
  pki?: TestPki;
  running(): boolean;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL and wait for the exit. */
  kill(): Promise<void>;
  /** Starts again on the same ports with the same config (and the same persistence file). */
  start(): Promise<void>;
  /** Stops it and deletes its folder. */
  dispose(): Promise<void>;
  /** What the broker printed (for failure messages). */
  output(): string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function openssl(dir: string, args: string[]): void {
  execFileSync('/usr/bin/openssl', args, { cwd: dir, stdio: 'pipe' });
}

/** A CA, a server certificate for 127.0.0.1 and localhost, a client certificate, and an unrelated CA. */
export function makeTestPki(dir: string): TestPki {
  const days = '2';
  const ca = (name: string) => {
    openssl(dir, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.crt`, '-days', days, '-subj', `/CN=Lineside test ${name}`]);
  };
  const leaf = (name: string, subject: string, ext: string) => {
    writeFileSync(join(dir, `${name}.ext`), ext);
    openssl(dir, ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject]);
    openssl(dir, ['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.crt`, '-days', days, '-extfile', `${name}.ext`]);
  };
  ca('ca');
  ca('other-ca');
  leaf('server', '/CN=127.0.0.1', 'subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  leaf('client', '/CN=lineside-edge', 'extendedKeyUsage=clientAuth\n');
  return {
    dir,
    caFile: join(dir, 'ca.crt'),
    serverCertFile: join(dir, 'server.crt'),
    serverKeyFile: join(dir, 'server.key'),
    clientCertFile: join(dir, 'client.crt'),
    clientKeyFile: join(dir, 'client.key'),
    otherCaFile: join(dir, 'other-ca.crt'),
  };
}

async function waitForPort(port: number, ms: number, describe: () => string): Promise<void> {
  const until = Date.now() + ms;
  for (let attempt = 0; attempt < 500; attempt++) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > until) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`mosquitto did not listen on 127.0.0.1:${port} within ${ms} ms: ${describe()}`);
}

export async function startMosquitto(options: { tls?: boolean; requireClientCertificate?: boolean } = {}): Promise<TestBroker> {
  const dir = mkdtempSync(join(tmpdir(), 'lineside-mosquitto-'));
  const port = await freePort();
  const tlsPort = options.tls ? await freePort() : undefined;
  const pki = options.tls ? makeTestPki(dir) : undefined;
  const lines = [
    // Run as root (as these machines' tests do), Mosquitto would switch to its own user, which cannot read this folder.
    ...(process.getuid?.() === 0 ? ['user root'] : []),
    'per_listener_settings false',
    'allow_anonymous true',
    'persistence true',
    `persistence_location ${dir}/`,
    'autosave_interval 1',
    'log_dest stdout',
    'log_type error',
    'log_type warning',
    'max_inflight_messages 0',
    'max_queued_messages 0',
    `listener ${port} 127.0.0.1`,
  ];
  if (pki && tlsPort) {
    lines.push(`listener ${tlsPort} 127.0.0.1`, `cafile ${pki.caFile}`, `certfile ${pki.serverCertFile}`, `keyfile ${pki.serverKeyFile}`, `require_certificate ${options.requireClientCertificate ? 'true' : 'false'}`);
  }
  const configFile = join(dir, 'mosquitto.conf');
  writeFileSync(configFile, `${lines.join('\n')}\n`);

  let child: ChildProcess | undefined;
  let printed = '';
  const start = async () => {
    if (child) return;
    const started = spawn(MOSQUITTO, ['-c', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    started.stdout!.on('data', (chunk: Buffer) => (printed = (printed + chunk.toString()).slice(-4000)));
    started.stderr!.on('data', (chunk: Buffer) => (printed = (printed + chunk.toString()).slice(-4000)));
    started.once('exit', () => {
      if (child === started) child = undefined;
    });
    await waitForPort(port, 10_000, () => printed);
    if (tlsPort) await waitForPort(tlsPort, 10_000, () => printed);
  };
  const end = async (signal: NodeJS.Signals) => {
    const running = child;
    if (!running) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill(signal);
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    child = undefined;
  };
  await start();
  return {
    url: `mqtt://127.0.0.1:${port}`,
    ...(tlsPort ? { tlsUrl: `mqtts://127.0.0.1:${tlsPort}` } : {}),
    ...(pki ? { pki } : {}),
    running: () => child !== undefined,
    stop: () => end('SIGTERM'),
    kill: () => end('SIGKILL'),
    start,
    async dispose() {
      await end('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
    output: () => printed,
  };
}
