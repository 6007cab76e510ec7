/**
 * Debian's pymodbus as a Modbus device for the driver's tests (pymodbus-device.py), and a
 * socat pty pair standing in for a serial cable. scripts/ensure-test-deps.mjs installs
 * python3-pymodbus, python3-serial and socat.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

const script = new URL('./pymodbus-device.py', import.meta.url).pathname;

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts pymodbus: `tcp` or `rtu-over-tcp` on 127.0.0.1:where, or `serial` on the port at where. */
export function startPymodbus(mode: 'tcp' | 'rtu-over-tcp' | 'serial', where: number | string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/python3', [script, mode, String(where)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let errors = '';
    child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const timer = setTimeout(() => reject(new Error(`pymodbus device not ready within 10 s: ${errors}`)), 10_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`pymodbus device exited with ${code}: ${errors}`));
    });
  });
}

export function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** Two linked ptys (a null-modem cable): what is written to one end is read at the other. */
export async function startPtyPair(dir: string): Promise<{ device: string; host: string; process: ChildProcess }> {
  const device = `${dir}/device-end`;
  const host = `${dir}/host-end`;
  const child = spawn('/usr/bin/socat', [`pty,raw,echo=0,link=${device}`, `pty,raw,echo=0,link=${host}`], { stdio: 'ignore' });
  const end = Date.now() + 5000;
  while (!(existsSync(device) && existsSync(host))) {
    if (Date.now() > end || child.exitCode !== null) throw new Error('socat did not create the pty pair within 5 s');
    await new Promise((r) => setTimeout(r, 20));
  }
  return { device, host, process: child };
}
