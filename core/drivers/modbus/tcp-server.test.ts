// The test device over real TCP on 127.0.0.1, checked with an independent client
// (modbus-serial) and with raw frames for what a client library would not send.
import { connect } from 'node:net';
import ModbusRTU from 'modbus-serial';
import { afterEach, describe, expect, it } from 'vitest';
import { createUnit, startModbusTcpServer, type ModbusTcpServer } from './tcp-server.js';

let server: ModbusTcpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start() {
  const unit = createUnit();
  unit.holding.set([1, 2, 3, 0x42f6, 0xe979], 100);
  unit.coils.set([1, 0, 1], 10);
  unit.illegal = { holding: new Set([500]) };
  server = await startModbusTcpServer({ units: new Map([[1, unit]]) });
  const client = new ModbusRTU();
  await client.connectTCP('127.0.0.1', { port: server.port });
  client.setID(1);
  client.setTimeout(1000);
  return { unit, client };
}

/** Sends one raw frame and resolves with the raw answer (or null after 300 ms). */
function raw(port: number, frame: number[]): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(Buffer.from(frame)));
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(null);
    }, 300);
    socket.once('data', (data) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(data);
    });
    socket.once('error', () => resolve(null));
  });
}

describe('Modbus TCP test device', () => {
  it('answers reads and writes of every table', async () => {
    const { unit, client } = await start();
    expect((await client.readHoldingRegisters(100, 5)).data).toEqual([1, 2, 3, 0x42f6, 0xe979]);
    expect((await client.readCoils(10, 3)).data.slice(0, 3)).toEqual([true, false, true]);
    await client.writeRegisters(200, [7, 8]);
    await client.writeRegister(202, 9);
    await client.writeCoil(20, true);
    expect(Array.from(unit.holding.subarray(200, 203))).toEqual([7, 8, 9]);
    expect(unit.coils[20]).toBe(1);
    client.close(() => {});
  });

  it('refuses reads over 125 registers or 2,000 bits with exception 03, and illegal addresses with 02', async () => {
    const { client } = await start();
    expect((await client.readHoldingRegisters(0, 125)).data).toHaveLength(125);
    await expect(client.readHoldingRegisters(0, 126)).rejects.toMatchObject({ modbusCode: 3 });
    expect((await client.readCoils(0, 2000)).data.length).toBeGreaterThanOrEqual(2000);
    await expect(client.readCoils(0, 2001)).rejects.toMatchObject({ modbusCode: 3 });
    await expect(client.readHoldingRegisters(490, 20)).rejects.toMatchObject({ modbusCode: 2 });
    await expect(client.readHoldingRegisters(65_530, 10)).rejects.toMatchObject({ modbusCode: 2 });
    client.close(() => {});
  });

  it('answers an unknown function with exception 01, ignores unknown units, and drops non-Modbus input', async () => {
    await start();
    const port = server!.port;
    expect(Array.from((await raw(port, [0, 7, 0, 0, 0, 2, 1, 0x2b]))!)).toEqual([0, 7, 0, 0, 0, 3, 1, 0xab, 1]);
    expect(await raw(port, [0, 8, 0, 0, 0, 6, 9, 3, 0, 0, 0, 1])).toBeNull(); // unit 9: no answer
    expect(await raw(port, [0x47, 0x45, 0x54, 0x20, 0x2f, 0x20, 0x48, 0x54, 0x54, 0x50])).toBeNull(); // "GET / HTTP"
  });
});
