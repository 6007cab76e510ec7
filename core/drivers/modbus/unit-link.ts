/**
 * One link to a Modbus device: over TCP, one unit (slave) with its own connection (so a
 * unit that never answers cannot hold up a healthy one on the same gateway); on a serial
 * bus (RTU, or RTU over TCP through a transparent serial server), where one line is all
 * there is, every unit on it (`unit` is then the first). It owns the poll groups by sample
 * rate, the read plan, and reconnection with exponential backoff and jitter after any link
 * loss. Reads are sequential per link; a block that answers an exception is split until
 * the bad address is isolated, and the split plan is kept, so one bad tag does not blank
 * its neighbours. Every affected tag gets bad quality with the reason; a poll two periods
 * overdue turns the last good values uncertain ("stale: …"); nothing throws.
 */
import ModbusRTU from 'modbus-serial';
import type { Tag } from '../../model/plant.js';
import { bad, GOOD, uncertain, type Sample } from '../../model/sample.js';
import type { DriverContext } from '../driver.js';
import { planBlocks, splitBlock, type PlanItem, type ReadBlock } from './planner.js';
import type { ModbusPoint } from './point.js';
import type { ModbusSettings } from './settings.js';
import { decodeBits, decodeRegisters, encodeRegisterBit, encodeValue } from './values.js';

/** Names of the Modbus exception codes, for quality reasons. */
const exceptionNames: Record<number, string> = {
  1: 'illegal function',
  2: 'illegal data address',
  3: 'illegal data value',
  4: 'server device failure',
  5: 'acknowledge',
  6: 'server device busy',
  10: 'gateway path unavailable',
  11: 'gateway target device failed to respond',
};

/** How many recent response times the statistics keep. */
const TIMES_KEPT = 1000;

/** Thrown inside the queue for a request whose connection has been replaced. */
const staleRequest = new Error('stale request');

export interface LinkStats {
  requests: number;
  errors: number;
  /** Response times of recent requests, ms (a bounded window). */
  times: number[];
}

interface DecodeEntry {
  path: string;
  point: ModbusPoint;
  /** Offset of the value in the block's answer. */
  offset: number;
  /** Offset of its SunSpec scale factor register in the block's answer, if it has one. */
  scaleAt: number | undefined;
  /** A bool tag read from a register: non-zero is true. */
  bool: boolean;
  /** The last good value, to hold while a poll is overdue. */
  last?: number | string | boolean;
}

interface PollGroup {
  rateMs: number;
  items: PlanItem[];
  blocks: ReadBlock[];
  running: boolean;
  /** When the poll in progress started (clock ms). */
  startedAt: number;
  /** The group's tags have been marked stale for the poll in progress. */
  markedStale: boolean;
  stop?: () => void;
}

export class UnitLink {
  private client = new ModbusRTU();
  private connected = false;
  private stopped = false;
  private failures = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly groups: PollGroup[] = [];
  private readonly tagsByKey = new Map<string, { tag: Tag; point: ModbusPoint }>();
  private readonly decodeLists = new WeakMap<ReadBlock, DecodeEntry[]>();
  readonly stats: LinkStats = { requests: 0, errors: 0, times: [] };
  /** The unit's request queue: one request on the wire at a time, polls and writes alike. */
  private queue: Promise<unknown> = Promise.resolve();
  lastError = '';

  constructor(
    readonly unit: number,
    private readonly points: readonly { tag: Tag; point: ModbusPoint }[],
    private readonly settings: ModbusSettings,
    private readonly context: DriverContext<ModbusSettings>,
  ) {
    const byRate = new Map<number, PlanItem[]>();
    for (const entry of points) {
      this.tagsByKey.set(entry.tag.path, entry);
      const list = byRate.get(entry.tag.sampleRateMs) ?? [];
      list.push({ key: entry.tag.path, point: entry.point });
      byRate.set(entry.tag.sampleRateMs, list);
    }
    for (const [rateMs, items] of byRate) this.groups.push({ rateMs, items, blocks: planBlocks(items, { maxGap: settings.maxGap }), running: false, startedAt: 0, markedStale: false });
  }

  get isConnected(): boolean {
    return this.connected;
  }

  get requestCount(): number {
    return this.groups.reduce((n, g) => n + g.blocks.length, 0);
  }

  async start(): Promise<void> {
    this.stopped = false;
    for (const group of this.groups) group.stop = this.context.clock.every(group.rateMs, () => void this.poll(group));
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const group of this.groups) group.stop?.();
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    await new Promise<void>((resolve) => (this.client.isOpen ? this.client.close(() => resolve()) : resolve()));
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const { settings } = this;
    this.client = new ModbusRTU();
    const client = this.client;
    try {
      const opening =
        settings.transport === 'tcp'
          ? client.connectTCP(settings.host!, { port: settings.port })
          : settings.transport === 'rtu-over-tcp'
            ? // modbus-serial's "telnet" port passes RTU frames (with their CRC) over a plain
              // TCP socket, as serial gateways expect; its TcpRTUBuffered port sends MBAP frames.
              client.connectTelnet(settings.host!, { port: settings.port })
            : client.connectRTUBuffered(settings.serialPath!, { baudRate: settings.baudRate, parity: settings.parity });
      // A host that drops the connection attempt silently would hold it for the OS TCP timeout (minutes): bound it.
      let timer: ReturnType<typeof setTimeout> | undefined;
      const limit = Math.max(1000, 2 * settings.timeoutMs);
      await Promise.race([
        opening,
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no connection within ${limit} ms`)), limit))),
      ]).finally(() => clearTimeout(timer));
      this.client.setID(this.unit);
      this.client.setTimeout(settings.timeoutMs);
      this.connected = true;
      this.failures = 0;
      this.lastError = '';
      // A reset socket reports 'error' and no 'close'; an orderly close only 'close'.
      client.on('close', () => {
        if (client === this.client && this.connected) this.lost('connection lost: connection closed by the device');
      });
      client.on('error', (error: unknown) => {
        if (client === this.client && this.connected) this.lost(`connection lost: ${(error as Error).message}`);
      });
      this.context.log.info({ unit: this.unit }, 'modbus unit connected');
    } catch (error) {
      this.lost(`connection lost: cannot connect: ${(error as Error).message}`);
    }
  }

  /**
   * Marks every tag of the unit bad with the reason and reconnects with backoff and jitter.
   * A timeout counts too: Modbus TCP has no checksum, so after a late or broken answer the
   * only safe receive buffer is an empty one on a new connection.
   */
  private lost(reason: string): void {
    if (this.stopped) return;
    const wasConnected = this.connected;
    this.connected = false;
    this.lastError = reason;
    if (wasConnected || this.failures === 0) this.publishBad(this.points.map((p) => p.tag.path), reason);
    if (this.reconnectTimer) return;
    const base = Math.min(this.settings.reconnectMaxMs, this.settings.reconnectMinMs * 2 ** this.failures);
    const delay = base / 2 + Math.random() * (base / 2); // jitter: devices rebooting together are not hammered together
    this.failures++;
    try {
      this.client.close(() => {});
    } catch {
      /* already closed */
    }
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.connect();
    }, delay);
  }

  private publishBad(paths: readonly string[], reason: string): void {
    const now = this.context.clock.now();
    this.context.publish(paths.map((path): Sample => ({ path, value: 0, quality: bad(reason), sourceTs: now })));
  }

  private async poll(group: PollGroup): Promise<void> {
    // A reset connection is not always announced by an event; the port knows.
    if (this.connected && !this.client.isOpen) this.lost('connection lost: connection closed by the device');
    if (!this.connected) return;
    if (group.running) {
      // An overdue poll is skipped, not queued; once the one in progress is two periods
      // late, its tags keep their last value as uncertain, so nobody takes it for fresh.
      const late = this.context.clock.now() - group.startedAt;
      if (!group.markedStale && late >= 2 * group.rateMs) {
        group.markedStale = true;
        this.publishStale(group, late);
      }
      return;
    }
    group.running = true;
    group.startedAt = this.context.clock.now();
    group.markedStale = false;
    try {
      const next: ReadBlock[] = [];
      for (const block of group.blocks) {
        if (!this.connected) break;
        next.push(...(await this.readBlock(block, group.items)));
      }
      if (this.connected) group.blocks = next;
    } finally {
      group.running = false;
    }
  }

  /** The group's tags that read good last time, again with their last value, as uncertain: stale. */
  private publishStale(group: PollGroup, lateMs: number): void {
    const now = this.context.clock.now();
    const quality = uncertain(`stale: poll overdue, no answer for ${Math.round(lateMs)} ms (poll every ${group.rateMs} ms)`);
    const samples: Sample[] = [];
    for (const block of group.blocks) {
      for (const entry of this.decodeListOf(block)) {
        if (entry.last !== undefined) samples.push({ path: entry.path, value: entry.last, quality, sourceTs: now });
      }
    }
    if (samples.length > 0) this.context.publish(samples);
  }

  /**
   * Runs one request after those queued before it. Modbus TCP matches answers by
   * transaction id only, and a broken answer to one request could otherwise swallow the
   * start of the next one's: with one request at a time, it cannot.
   */
  private enqueue<T>(request: () => Promise<T>): Promise<T> {
    const run = this.queue.then(request, request);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Reads one block; returns the blocks to use next time (the block, or its split parts). */
  private async readBlock(block: ReadBlock, items: readonly PlanItem[]): Promise<ReadBlock[]> {
    if (!this.connected) return [block];
    const client = this.client;
    let started = 0;
    try {
      const result = await this.enqueue<{ data: number[] | boolean[] }>(() => {
        // Queued behind a request that broke the connection: this one belongs to the old link.
        if (client !== this.client || !this.connected) throw staleRequest;
        started = performance.now();
        this.stats.requests++;
        client.setID(block.unit); // a serial bus link serves several units
        if (block.table === 'holding') return client.readHoldingRegisters(block.start, block.count);
        if (block.table === 'input') return client.readInputRegisters(block.start, block.count);
        if (block.table === 'coil') return client.readCoils(block.start, block.count);
        return client.readDiscreteInputs(block.start, block.count);
      });
      this.recordTime(performance.now() - started);
      this.publishBlock(block, result.data as number[] | boolean[]);
      return [block];
    } catch (error) {
      // The link went down meanwhile: its tags are already bad with the reason.
      if (error === staleRequest || client !== this.client || !this.connected) return [block];
      this.stats.errors++;
      const e = error as { modbusCode?: number; message?: string; errno?: string };
      // A bad scale-factor register makes every point scaled by it bad too.
      const scaleRegisters = new Set(block.items.filter((item) => item.key.startsWith('scale:')).map((item) => Number(item.key.slice(6))));
      const blockPaths = [
        ...block.items.map((item) => item.key).filter((key) => this.tagsByKey.has(key)),
        ...this.points.filter((p) => p.point.scaleRegister !== undefined && scaleRegisters.has(p.point.scaleRegister)).map((p) => p.tag.path),
      ].filter((path, i, all) => all.indexOf(path) === i);
      if (typeof e.modbusCode === 'number') {
        const parts = splitBlock(block, items);
        if (parts.length === 0) {
          this.publishBad(blockPaths, `exception ${String(e.modbusCode).padStart(2, '0')} ${exceptionNames[e.modbusCode] ?? 'unknown exception'}`);
          return [block];
        }
        const out: ReadBlock[] = [];
        for (const part of parts) out.push(...(await this.readBlock(part, items)));
        return out;
      }
      const timedOut = /timed out|ETIMEDOUT/i.test(`${e.message} ${e.errno}`);
      this.lost(timedOut ? `timeout after ${this.settings.timeoutMs} ms (unit ${block.unit})` : `connection lost: ${e.message ?? 'read failed'}`);
      return [block];
    }
  }

  /**
   * What to decode from a block's answer, worked out once per block (a plan's blocks live
   * for many scans): the tag, where its value starts, and where its scale factor is.
   */
  private decodeListOf(block: ReadBlock): DecodeEntry[] {
    let list = this.decodeLists.get(block);
    if (list) return list;
    list = [];
    for (const { key, offset } of block.items) {
      const entry = this.tagsByKey.get(key);
      if (!entry) continue; // a scale-factor register read along
      const scaleAt = entry.point.scaleRegister === undefined ? undefined : entry.point.scaleRegister - block.start;
      list.push({ path: key, point: entry.point, offset, scaleAt, bool: entry.tag.dataType === 'bool' });
    }
    this.decodeLists.set(block, list);
    return list;
  }

  private publishBlock(block: ReadBlock, data: readonly number[] | readonly boolean[]): void {
    const now = this.context.clock.now();
    const samples: Sample[] = [];
    const registers = block.table === 'holding' || block.table === 'input' ? (data as number[]) : undefined;
    for (const entry of this.decodeListOf(block)) {
      const { path, point, offset, scaleAt, bool } = entry;
      try {
        let value: number | string | boolean;
        if (registers) {
          if (scaleAt !== undefined && (scaleAt < 0 || scaleAt >= registers.length)) throw new Error(`scale factor register ${point.scaleRegister} was not read with it`);
          const exponent = scaleAt === undefined ? undefined : (registers[scaleAt]! << 16) >> 16;
          value = decodeRegisters(point, registers, offset, exponent);
          if (bool && typeof value === 'number') value = value !== 0;
        } else value = decodeBits(data as boolean[], offset);
        samples.push({ path, value, quality: GOOD, sourceTs: now });
        entry.last = value;
      } catch (error) {
        entry.last = undefined;
        samples.push({ path, value: 0, quality: bad(`cannot decode: ${(error as Error).message}`), sourceTs: now });
      }
    }
    this.context.publish(samples);
  }

  private recordTime(ms: number): void {
    const { times } = this.stats;
    if (times.length < TIMES_KEPT) times.push(ms);
    else times[this.stats.requests % TIMES_KEPT] = ms; // a ring: the oldest is overwritten
  }

  async write(tag: Tag, value: number | boolean | string): Promise<void> {
    const entry = this.tagsByKey.get(tag.path);
    if (!entry) throw new Error(`${tag.path} is not served by this link (unit ${this.unit})`);
    if (!this.connected) throw new Error(`unit ${entry.point.unit} is not connected (${this.lastError || 'connecting'})`);
    const { point } = entry;
    if (point.table === 'input' || point.table === 'discrete') throw new Error(`${tag.address} is in the ${point.table} table, which Modbus cannot write`);
    const client = this.client;
    if (point.table === 'holding' && point.bit !== undefined) {
      // A bit inside a register: read the register, change the one bit, write it back (FC3
      // then FC6), both in this unit's queue so no poll or write of ours comes between.
      // The PLC's own logic can still change the register's other bits in between; a tag
      // that needs that guarantee belongs in a coil.
      await this.enqueue(async () => {
        client.setID(point.unit);
        const current = await client.readHoldingRegisters(point.address, 1);
        await client.writeRegister(point.address, encodeRegisterBit(point, current.data[0]!, value));
      });
      return;
    }
    const encoded = encodeValue(point, value);
    await this.enqueue(async () => {
      client.setID(point.unit);
      if (point.table === 'coil') await client.writeCoil(point.address, Boolean(encoded));
      else if (Array.isArray(encoded) && encoded.length === 1) await client.writeRegister(point.address, encoded[0]!);
      else await client.writeRegisters(point.address, encoded as number[]);
    });
  }
}
