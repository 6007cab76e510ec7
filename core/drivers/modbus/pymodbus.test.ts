// The Modbus driver against an implementation that is not ours: Debian's pymodbus, as a
// TCP device on 127.0.0.1 (scripts/ensure-test-deps.mjs installs it). The shared driver
// contract runs against it, the device stopped and restarted on the same port.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { describeDriverContract } from '../testing/driver-contract.js';
import { modbusDriver } from './index.js';
import { contractPlant, contractTag } from './testing/contract-plant.js';

const script = new URL('./testing/pymodbus-device.py', import.meta.url).pathname;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function startDevice(port: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/python3', [script, String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let errors = '';
    child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const timer = setTimeout(() => reject(new Error(`pymodbus device not ready within 10 s: ${errors}`)), 10_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code) => reject(new Error(`pymodbus device exited with ${code}: ${errors}`)));
  });
}

function stopDevice(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

describeDriverContract('modbus against pymodbus', async () => {
  const port = await freePort();
  let device = await startDevice(port);
  const plant = contractPlant(port, 500, [contractTag('temp', 'hr102:int16:scale=0.1')]);
  return {
    plant,
    driver: modbusDriver,
    goodTag: 'line1/plc/flow',
    writableTag: { path: 'line1/plc/setpoint', value: 456 },
    readOnlyTag: 'line1/plc/temp',
    breakDevice: () => stopDevice(device),
    restoreDevice: async () => {
      device = await startDevice(port);
    },
    close: () => stopDevice(device),
  };
});
