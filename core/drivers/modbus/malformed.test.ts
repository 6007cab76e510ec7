// The Modbus driver against a device that answers badly: a raw TCP fake on 127.0.0.1
// answers each request with a malformed response picked by a seeded PRNG (wrong length
// field, wrong transaction id, wrong function code, truncated frame, short byte count,
// garbage, oversized length, unknown exception code, silence) and sometimes a correct one.
// After at least 10,000 malformed responses the process is still up, the driver still
// reports its status, every bad sample says why in one of a few clear categories, and some
// correct answers came through as good samples (good samples with a wrong value are
// counted and printed, not asserted: see the end of the test).
import { createServer, type Server, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { Tag } from '../../model/plant.js';
import type { Sample } from '../../model/sample.js';
import { createRealClock } from '../../runtime/clock.js';
import { silentLogger } from '../../runtime/logger.js';
import { modbusDriver } from './index.js';
import { modbusSettingsSchema } from './settings.js';
import { prng } from '../../runtime/testing/prng.js';

const TARGET_MALFORMED = 10_000;
const TIME_LIMIT_MS = 90_000;

const kinds = [
  ['wrong-length', 10],
  ['wrong-transaction-id', 10],
  ['wrong-function-code', 10],
  ['truncated', 10],
  ['short-byte-count', 10],
  ['garbage', 10],
  ['oversized-length', 6],
  ['unknown-exception', 10],
  ['silence', 2],
  ['correct', 22],
] as const;
type Kind = (typeof kinds)[number][0];
const totalWeight = kinds.reduce((n, [, w]) => n + w, 0);

/** The fake device's holding registers: every tag below decodes to a known value. */
const registers = new Uint16Array(128);
registers.set([0x4148, 0x0000], 0); // hr0 float32 12.5
registers[10] = 1234; // hr10 uint16
registers[20] = 0xff9c; // hr20 int16 -100
registers.set([0x4050, 0x0000], 30); // hr30 float32 3.25
registers[40] = 40; // hr40 uint16
const expected: Record<string, number> = { f0: 12.5, u10: 1234, i20: -100, f30: 3.25, u40: 40 };

interface Fake {
  server: Server;
  port: number;
  sent: Record<Kind, number>;
  malformed: () => number;
  connections: () => number;
  close: () => Promise<void>;
}

async function startFake(seed: number): Promise<Fake> {
  const random = prng(seed);
  const int = (n: number): number => Math.floor(random() * n);
  const sent = Object.fromEntries(kinds.map(([k]) => [k, 0])) as Record<Kind, number>;
  const sockets = new Set<Socket>();
  let connections = 0;

  const pick = (): Kind => {
    let r = random() * totalWeight;
    for (const [kind, weight] of kinds) if ((r -= weight) < 0) return kind;
    return 'correct';
  };

  const frame = (tid: number, length: number, unit: number, pdu: Buffer): Buffer => {
    const header = Buffer.alloc(7);
    header.writeUInt16BE(tid & 0xffff, 0);
    header.writeUInt16BE(0, 2);
    header.writeUInt16BE(length & 0xffff, 4);
    header.writeUInt8(unit, 6);
    return Buffer.concat([header, pdu]);
  };

  const readPdu = (fc: number, start: number, count: number): Buffer => {
    const data = Buffer.alloc(count * 2);
    for (let i = 0; i < count; i++) data.writeUInt16BE(registers[(start + i) % registers.length]!, i * 2);
    return Buffer.concat([Buffer.from([fc, data.length & 0xff]), data]);
  };

  const answer = (socket: Socket, tid: number, unit: number, pdu: Buffer): void => {
    const fc = pdu[0] ?? 0;
    const start = pdu.length >= 5 ? pdu.readUInt16BE(1) : 0;
    const count = pdu.length >= 5 ? Math.min(125, pdu.readUInt16BE(3)) : 1;
    const good = readPdu(fc, start, count);
    const kind = pick();
    sent[kind]++;
    let out: Buffer | undefined;
    switch (kind) {
      case 'correct':
        out = frame(tid, good.length + 1, unit, good);
        break;
      case 'wrong-length': {
        let delta = 1 + int(6);
        if (random() < 0.5) delta = -Math.min(delta, good.length);
        out = frame(tid, good.length + 1 + delta, unit, good);
        break;
      }
      case 'wrong-transaction-id':
        // 256 and up: modbus-serial numbers its transactions 0–255, so this never matches one.
        out = frame(256 + int(65_280), good.length + 1, unit, good);
        break;
      case 'wrong-function-code': {
        const candidates = [1, 2, 4, 5, 6, 15, 16, 17, 43, 0x7f].filter((c) => c !== fc);
        const wrong = Buffer.from(good);
        wrong[0] = candidates[int(candidates.length)]!;
        out = frame(tid, good.length + 1, unit, wrong);
        break;
      }
      case 'truncated': {
        const whole = frame(tid, good.length + 1, unit, good);
        out = whole.subarray(0, 1 + int(whole.length - 1)); // then carry on with the next request
        break;
      }
      case 'short-byte-count': {
        const short = Buffer.from(good);
        short[1] = int(Math.max(1, good[1]!)); // fewer bytes than asked for
        // Either the frame is as long as asked with a short count, or cut to the short count.
        out = random() < 0.5 ? frame(tid, short.length + 1, unit, short) : frame(tid, short[1]! + 3, unit, short.subarray(0, short[1]! + 2));
        break;
      }
      case 'garbage': {
        const bytes = Buffer.alloc(1 + int(64));
        for (let i = 0; i < bytes.length; i++) bytes[i] = int(256);
        out = bytes;
        break;
      }
      case 'oversized-length':
        out = frame(tid, good.length + 2 + int(random() < 0.8 ? 64 : 65_000), unit, good);
        break;
      case 'unknown-exception': {
        const known = new Set([1, 2, 3, 4, 5, 6, 8, 10, 11]);
        let code = int(256);
        while (known.has(code)) code = int(256);
        out = frame(tid, 3, unit, Buffer.from([fc | 0x80, code]));
        break;
      }
      case 'silence':
        break;
    }
    if (out && !socket.destroyed) socket.write(out);
  };

  const server = createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.setNoDelay(true);
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      while (buffer.length >= 7) {
        const length = buffer.readUInt16BE(4);
        if (buffer.length < 6 + length) return;
        answer(socket, buffer.readUInt16BE(0), buffer.readUInt8(6), buffer.subarray(7, 6 + length));
        buffer = buffer.subarray(6 + length);
      }
    });
    socket.on('error', () => {}); // the driver resets connections; that is its business
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the fake device has no TCP port');
  return {
    server,
    port: address.port,
    sent,
    malformed: () => Object.entries(sent).reduce((n, [kind, count]) => (kind === 'correct' ? n : n + count), 0),
    connections: () => connections,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function tag(unit: number, name: keyof typeof expected, address: string, dataType: Tag['dataType'], sampleRateMs: number): Tag {
  const n = `u${unit}_${name}`;
  return { path: `l/plc/${n}`, name: n, assetPath: 'l/plc', deviceId: 'plc', address: `${unit}:${address}`, dataType, unit: '', description: '', sampleRateMs, rateReason: 't', writable: false };
}

/** Bad-quality reasons, reduced to their category. */
const categories: [string, RegExp][] = [
  ['timeout', /^timeout after \d+ ms \(unit \d+\)$/],
  ['exception', /^exception \d+ \S/],
  ['connection lost', /^connection lost: \S/],
  ['cannot decode', /^cannot decode: \S/],
  ['stale', /^stale: poll overdue, no answer for \d+ ms \(poll every \d+ ms\)$/],
];

describe('Modbus driver against a device that answers with malformed responses', () => {
  it(`survives ${TARGET_MALFORMED} malformed responses with clear bad-quality reasons`, { timeout: 100_000 }, async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown): void => void uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    process.on('unhandledRejection', onUncaught);
    const fake = await startFake(0x11e51de);
    // Twelve units, a connection each, with five poll groups each: every broken answer costs
    // a reconnect, so many units keep the fake busy enough to send 10,000 in time.
    const units = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    const tags = units.flatMap((u) => [
      tag(u, 'f0', 'hr0:float32', 'float32', 10),
      tag(u, 'u10', 'hr10:uint16', 'uint16', 12),
      tag(u, 'i20', 'hr20:int16', 'int16', 15),
      tag(u, 'f30', 'hr30:float32', 'float32', 18),
      tag(u, 'u40', 'hr40:uint16', 'uint16', 20),
    ]);
    const settings = modbusSettingsSchema.parse({ host: '127.0.0.1', port: fake.port, timeoutMs: 50, reconnectMinMs: 10, reconnectMaxMs: 100 });
    const samples: Sample[] = [];
    const driver = modbusDriver.create({ deviceId: 'plc', settings, tags, clock: createRealClock(), publish: (s) => void samples.push(...s), log: silentLogger(), stateDir: '/tmp' });
    const started = Date.now();
    let status: ReturnType<typeof driver.status> | undefined;
    try {
      await driver.start();
      while (fake.malformed() < TARGET_MALFORMED && Date.now() - started < TIME_LIMIT_MS && uncaught.length === 0) {
        await new Promise((r) => setTimeout(r, 50));
      }
      status = driver.status();
    } finally {
      await driver.stop();
      await fake.close();
      await new Promise((r) => setTimeout(r, 100)); // late timers and socket events land while the collectors listen
      process.off('uncaughtException', onUncaught);
      process.off('unhandledRejection', onUncaught);
    }
    const elapsed = Date.now() - started;

    const reasons = new Map<string, number>();
    const byCategory = new Map<string, number>();
    const uncategorised: string[] = [];
    const wrongValues: Sample[] = [];
    let good = 0;
    for (const sample of samples) {
      expect(['good', 'uncertain', 'bad']).toContain(sample.quality.status);
      if (sample.quality.status === 'good') {
        good++;
        const name = sample.path.split('_').at(-1)!;
        if (sample.value !== expected[name]) wrongValues.push(sample);
        continue;
      }
      const reason = sample.quality.reason ?? '';
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
      const category = categories.find(([, pattern]) => pattern.test(reason))?.[0];
      if (category) byCategory.set(category, (byCategory.get(category) ?? 0) + 1);
      else uncategorised.push(reason);
    }

    // eslint-disable-next-line no-console
    console.log(
      [
        `malformed responses sent: ${fake.malformed()} in ${elapsed} ms over ${fake.connections()} connections; by kind: ${JSON.stringify(fake.sent)}`,
        `samples: ${samples.length}, good ${good}, good with a wrong value ${wrongValues.length}${wrongValues.length ? ` e.g. ${JSON.stringify(wrongValues.slice(0, 3))}` : ''}`,
        `bad by category: ${JSON.stringify(Object.fromEntries(byCategory))}`,
        `status at the end: ${JSON.stringify(status)}`,
        `distinct bad reasons (${reasons.size}):`,
        ...[...reasons].sort((a, b) => b[1] - a[1]).map(([reason, count]) => `  ${String(count).padStart(6)}  ${reason}`),
      ].join('\n'),
    );

    expect(uncaught).toEqual([]);
    expect(fake.malformed()).toBeGreaterThanOrEqual(TARGET_MALFORMED);
    expect(status).toBeDefined();
    expect(['running', 'degraded', 'failed']).toContain(status!.state);
    expect(status!.detail).toMatch(/^127\.0\.0\.1:\d+, \d+\/12 units up/);
    for (const reason of reasons.keys()) expect(reason.trim()).not.toBe('');
    expect(uncategorised).toEqual([]);
    expect(fake.sent.correct).toBeGreaterThan(0);
    expect(good).toBeGreaterThan(0);
    // Modbus TCP has no checksum: a broken answer glued to another request's answer would
    // pass every check. One request at a time per unit, and a new connection after any
    // broken or late answer, make that impossible: no wrong value may arrive as good.
    expect(wrongValues).toEqual([]);
  });
});
