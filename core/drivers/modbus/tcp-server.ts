/**
 * A Modbus TCP server that answers at once: the test device of the Modbus driver and the
 * server of `lineside sim --modbus`. Written here rather than taken from modbus-serial,
 * whose ServerTCP replies on a timer (about 1 ms a request, too slow for benchmarks) and
 * answers reads over 125 registers that a real device refuses.
 *
 * Function codes 1, 2 (read coils / discrete inputs), 3, 4 (read holding / input
 * registers), 5, 6 (write single coil / register), 15, 16 (write multiple). Exceptions as
 * the specification requires: 01 illegal function, 02 illegal data address (outside the
 * unit's map, or an address listed as illegal), 03 illegal data value (a quantity of 0 or
 * over 125 registers / 2,000 bits, or 123 registers / 1,968 bits for writes).
 * A unit that is not configured gets no answer at all, like a gateway with no device.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { ModbusTable } from './point.js';

export interface ModbusUnit {
  coils: Uint8Array;
  discrete: Uint8Array;
  holding: Uint16Array;
  input: Uint16Array;
  /** Addresses (per table) that answer exception 02, to test exception handling. */
  illegal?: Partial<Record<ModbusTable, ReadonlySet<number>>>;
  /** Answer this many ms late, like a slow device or a busy gateway (default: at once). */
  delayMs?: number;
  /** Called after a write from a client changed registers or coils. */
  onWrite?: (table: 'coil' | 'holding', address: number, count: number) => void;
}

export function createUnit(size = 65_536): ModbusUnit {
  return { coils: new Uint8Array(size), discrete: new Uint8Array(size), holding: new Uint16Array(size), input: new Uint16Array(size) };
}

export interface ModbusTcpServer {
  readonly port: number;
  readonly units: Map<number, ModbusUnit>;
  /** Requests answered so far (for tests and benchmarks). */
  readonly requests: number;
  /** Client connections accepted so far (a client that reconnects counts again). */
  readonly connections: number;
  close(): Promise<void>;
}

const MAX_READ_REGISTERS = 125;
const MAX_READ_BITS = 2000;
const MAX_WRITE_REGISTERS = 123;
const MAX_WRITE_BITS = 1968;

export async function startModbusTcpServer(options: { host?: string; port?: number; units: Map<number, ModbusUnit> }): Promise<ModbusTcpServer> {
  const sockets = new Set<Socket>();
  let requests = 0;
  let connections = 0;
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    connections++;
    socket.setNoDelay(true);
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
      // MBAP header: transaction id (2), protocol 0 (2), length (2), then unit + PDU.
      while (buffer.length >= 7) {
        const length = buffer.readUInt16BE(4);
        if (buffer.readUInt16BE(2) !== 0 || length < 2 || length > 254) {
          socket.destroy(); // not Modbus: drop the connection, as devices do
          return;
        }
        if (buffer.length < 6 + length) break;
        const frame = buffer.subarray(0, 6 + length);
        buffer = buffer.subarray(6 + length);
        const unitId = frame[6]!;
        const unit = options.units.get(unitId);
        if (!unit) continue;
        requests++;
        const reply = answer(unit, frame.subarray(7));
        const out = Buffer.alloc(7 + reply.length);
        frame.copy(out, 0, 0, 4);
        out.writeUInt16BE(reply.length + 1, 4);
        out[6] = unitId;
        reply.copy(out, 7);
        if (unit.delayMs) setTimeout(() => socket.writable && socket.write(out), unit.delayMs);
        else socket.write(out);
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  return {
    port,
    units: options.units,
    get requests() {
      return requests;
    },
    get connections() {
      return connections;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function exception(fc: number, code: number): Buffer {
  return Buffer.from([fc | 0x80, code]);
}

function isIllegal(unit: ModbusUnit, table: ModbusTable, start: number, count: number, size: number): boolean {
  if (start + count > size) return true;
  const illegal = unit.illegal?.[table];
  if (!illegal) return false;
  for (let a = start; a < start + count; a++) if (illegal.has(a)) return true;
  return false;
}

/** The response PDU for a request PDU. */
export function answer(unit: ModbusUnit, pdu: Buffer): Buffer {
  const fc = pdu[0] ?? 0;
  if (pdu.length < 5) return exception(fc, [1, 2, 3, 4, 5, 6, 15, 16].includes(fc) ? 3 : 1);
  const start = pdu.readUInt16BE(1);
  const count = pdu.readUInt16BE(3);
  switch (fc) {
    case 1:
    case 2: {
      const table: ModbusTable = fc === 1 ? 'coil' : 'discrete';
      const bits = fc === 1 ? unit.coils : unit.discrete;
      if (count < 1 || count > MAX_READ_BITS) return exception(fc, 3);
      if (isIllegal(unit, table, start, count, bits.length)) return exception(fc, 2);
      const bytes = Math.ceil(count / 8);
      const out = Buffer.alloc(2 + bytes);
      out[0] = fc;
      out[1] = bytes;
      for (let i = 0; i < count; i++) if (bits[start + i]) out[2 + (i >> 3)]! |= 1 << (i & 7);
      return out;
    }
    case 3:
    case 4: {
      const table: ModbusTable = fc === 3 ? 'holding' : 'input';
      const registers = fc === 3 ? unit.holding : unit.input;
      if (count < 1 || count > MAX_READ_REGISTERS) return exception(fc, 3);
      if (isIllegal(unit, table, start, count, registers.length)) return exception(fc, 2);
      const out = Buffer.alloc(2 + count * 2);
      out[0] = fc;
      out[1] = count * 2;
      for (let i = 0; i < count; i++) out.writeUInt16BE(registers[start + i]!, 2 + i * 2);
      return out;
    }
    case 5: {
      if (count !== 0xff00 && count !== 0) return exception(fc, 3);
      if (isIllegal(unit, 'coil', start, 1, unit.coils.length)) return exception(fc, 2);
      unit.coils[start] = count === 0xff00 ? 1 : 0;
      unit.onWrite?.('coil', start, 1);
      return Buffer.from(pdu.subarray(0, 5));
    }
    case 6: {
      if (isIllegal(unit, 'holding', start, 1, unit.holding.length)) return exception(fc, 2);
      unit.holding[start] = count;
      unit.onWrite?.('holding', start, 1);
      return Buffer.from(pdu.subarray(0, 5));
    }
    case 15:
    case 16: {
      const table = fc === 15 ? 'coil' : 'holding';
      const byteCount = pdu[5] ?? 0;
      const limit = fc === 15 ? MAX_WRITE_BITS : MAX_WRITE_REGISTERS;
      const needed = fc === 15 ? Math.ceil(count / 8) : count * 2;
      if (count < 1 || count > limit || byteCount !== needed || pdu.length < 6 + byteCount) return exception(fc, 3);
      if (isIllegal(unit, table, start, count, fc === 15 ? unit.coils.length : unit.holding.length)) return exception(fc, 2);
      for (let i = 0; i < count; i++) {
        if (fc === 15) unit.coils[start + i] = (pdu[6 + (i >> 3)]! >> (i & 7)) & 1;
        else unit.holding[start + i] = pdu.readUInt16BE(6 + i * 2);
      }
      unit.onWrite?.(table, start, count);
      return Buffer.from(pdu.subarray(0, 5));
    }
    default:
      return exception(fc, 1);
  }
}
