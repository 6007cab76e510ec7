/**
 * Read planning for Modbus: turns the points a scan needs into as few read requests as
 * possible. Pure: no I/O, no clock; the same input always gives the same plan.
 *
 * planBlocks groups points by unit and table, sorts them by address and coalesces them
 * greedily into blocks. A block ends when the next point would push it past the request
 * limit (125 registers for holding/input, 2,000 bits for coil/discrete; options may lower
 * them) or when the unread addresses between the block's end and the next point's start
 * exceed `maxGap` (a smaller gap is read through, which is cheaper than another request).
 * A point is never split across blocks; points on the same register (two bits of one word)
 * share it. A point with a SunSpec `scaleRegister` is read in the same request as its scale
 * register whenever both fit in one request (so value and scale are consistent), even when
 * the distance between them is larger than `maxGap`; if they cannot fit, the scale register
 * is planned on its own. Every block lists every register it must read as an item: when no
 * tag occupies a needed scale register, an item `scale:<register>` stands for it. Decoders
 * find a scale value at offset `scaleRegister - block.start` of the block that holds it.
 *
 * splitBlock is for a block the device answered with a Modbus exception (typically 0x02,
 * illegal data address: one address in the range does not exist). The intended caller loop
 * is a binary search, so one bad tag does not blank its neighbours:
 *
 *   const queue = [...plan];
 *   while (queue.length > 0) {
 *     const block = queue.shift()!;
 *     try { deliver(block, await read(block)); }
 *     catch (e) {
 *       if (!isModbusException(e)) { markBad(block.items, e); continue; } // timeout: device down
 *       const halves = splitBlock(block, items);
 *       if (halves.length === 0) markBad(block.items, e); // the single bad point, with the exception
 *       else queue.unshift(...halves);
 *     }
 *   }
 *
 * Each level costs at most two reads, so one bad address among n points is isolated in
 * about 2·log2(n) reads. A bad address that lies in a read-through gap (not under any tag)
 * simply drops out: the halves no longer cover it and every tag reads good. The caller
 * should keep the blocks that succeeded (and the isolated bad point as a block of its own)
 * as the plan for later scans instead of searching again every scan. When an isolated
 * `scale:<register>` item is bad, the points scaled by it are bad too.
 */

import { LinesideError } from '../../model/errors.js';
import { widthOf, type ModbusPoint, type ModbusTable } from './point.js';

export interface PlanItem {
  /** The tag path. */
  key: string;
  point: ModbusPoint;
}

export interface ReadBlock {
  unit: number;
  table: ModbusTable;
  /** First register (or bit) read, 0-based protocol address. */
  start: number;
  /** Number of registers (or bits) read. */
  count: number;
  /** What the block holds: offset = the item's address − start. Sorted by offset, then key. */
  items: { key: string; offset: number }[];
}

export interface PlanOptions {
  /** Largest run of unread addresses between two points that is read through (≥ 0). */
  maxGap: number;
  /** Registers per holding/input read, 1–125 (default 125, the protocol maximum). */
  maxRegisters?: number;
  /** Bits per coil/discrete read, 1–2000 (default 2000, the protocol maximum). */
  maxBits?: number;
}

/** The protocol limits of one read request (FC 3/4 and FC 1/2). */
export const MAX_READ_REGISTERS = 125;
export const MAX_READ_BITS = 2000;

const TABLE_ORDER: readonly ModbusTable[] = ['coil', 'discrete', 'holding', 'input'];
const SCALE_PREFIX = 'scale:';

/** One thing to read: a tag (with its own range) or a standalone scale register. */
interface Span {
  key: string;
  /** The item's own address and width (a scale register has width 1). */
  address: number;
  width: number;
  /** The range that must be read in one request: the item plus an attached scale register. */
  start: number;
  end: number;
  /** The scale register read together with this item, if any. */
  scaleRegister?: number;
}

/** Plans the reads for `items`; see the header. Throws LinesideError for bad options or points. */
export function planBlocks(items: readonly PlanItem[], options: PlanOptions): ReadBlock[] {
  const { maxGap } = options;
  const maxRegisters = options.maxRegisters ?? MAX_READ_REGISTERS;
  const maxBits = options.maxBits ?? MAX_READ_BITS;
  checkLimit('maxGap', maxGap, 0, Number.MAX_SAFE_INTEGER);
  checkLimit('maxRegisters', maxRegisters, 1, MAX_READ_REGISTERS);
  checkLimit('maxBits', maxBits, 1, MAX_READ_BITS);

  const groups = new Map<string, { unit: number; table: ModbusTable; items: PlanItem[] }>();
  for (const item of items) {
    const { unit, table } = item.point;
    const id = `${unit}/${table}`;
    let group = groups.get(id);
    if (group === undefined) {
      group = { unit, table, items: [] };
      groups.set(id, group);
    }
    group.items.push(item);
  }

  const blocks: ReadBlock[] = [];
  for (const { unit, table, items: groupItems } of groups.values()) {
    const limit = isBitTable(table) ? maxBits : maxRegisters;
    const spans = spansOf(groupItems, limit);
    let current: Span[] = [];
    let start = 0;
    let end = 0;
    for (const span of spans) {
      if (current.length > 0 && (span.start - end > maxGap || Math.max(end, span.end) - start > limit)) {
        blocks.push(buildBlock(unit, table, current));
        current = [];
      }
      if (current.length === 0) {
        start = span.start;
        end = span.end;
      } else {
        end = Math.max(end, span.end);
      }
      current.push(span);
    }
    if (current.length > 0) blocks.push(buildBlock(unit, table, current));
  }
  return blocks.sort(compareBlocks);
}

/**
 * Splits a block the device rejected into two blocks, the first and the second half of its
 * points (a point, with an attached scale register, is never cut; tags on the same range
 * stay together). Returns [] when the block holds a single point: that point is the bad
 * address. `items` are the plan's items (those of other units and tables are ignored).
 */
export function splitBlock(block: ReadBlock, items: readonly PlanItem[]): ReadBlock[] {
  const byKey = new Map<string, PlanItem>();
  for (const item of items) {
    if (item.point.unit === block.unit && item.point.table === block.table) byKey.set(item.key, item);
  }
  const blockEnd = block.start + block.count;
  const spans: Span[] = [];
  const attached = new Set<number>();
  const scaleKeys: string[] = [];
  const seen = new Set<string>();
  for (const { key } of block.items) {
    if (seen.has(key)) continue;
    seen.add(key);
    const item = byKey.get(key);
    if (item === undefined) {
      if (!key.startsWith(SCALE_PREFIX)) {
        throw new LinesideError('modbus_unknown_item', `block item "${key}" is not among the plan's items for unit ${block.unit} ${block.table}`);
      }
      scaleKeys.push(key);
      continue;
    }
    // The block covered the scale register, so the point and its register fit in one request.
    const span = spanOf(item, blockEnd - block.start, (register) => register >= block.start && register < blockEnd);
    if (span.scaleRegister !== undefined) attached.add(span.scaleRegister);
    spans.push(span);
  }
  for (const key of scaleKeys) {
    const register = Number(key.slice(SCALE_PREFIX.length));
    if (!attached.has(register)) spans.push(scaleSpan(register));
  }

  const units = new Map<string, Span[]>();
  for (const span of spans.sort(compareSpans)) {
    const id = `${span.start}:${span.end}`;
    const unit = units.get(id);
    if (unit === undefined) units.set(id, [span]);
    else unit.push(span);
  }
  if (units.size <= 1) return [];
  const ordered = [...units.values()];
  const half = Math.ceil(ordered.length / 2);
  return [buildBlock(block.unit, block.table, ordered.slice(0, half).flat()), buildBlock(block.unit, block.table, ordered.slice(half).flat())];
}

/** The spans to plan for one unit and table, sorted: tags plus standalone scale registers. */
function spansOf(items: readonly PlanItem[], limit: number): Span[] {
  const spans = items.map((item) => spanOf(item, limit, () => true));
  const standalone = new Set<number>();
  spans.forEach((span, i) => {
    const register = items[i]!.point.scaleRegister;
    if (register === undefined || span.scaleRegister !== undefined || isBitTable(items[i]!.point.table)) return;
    // A tag already on that register reads it; otherwise read it on its own.
    if (!spans.some((other) => register >= other.address && register < other.address + other.width)) standalone.add(register);
  });
  for (const register of standalone) spans.push(scaleSpan(register));
  return spans.sort(compareSpans);
}

/** A tag's span; its scale register is attached when the whole range fits and `attach` agrees. */
function spanOf(item: PlanItem, limit: number, attach: (register: number) => boolean): Span {
  const { key, point } = item;
  const width = widthOf(point);
  const { address } = point;
  if (!Number.isInteger(address) || address < 0 || !Number.isInteger(width) || width < 1 || address + width > 65536) {
    throw new LinesideError('modbus_bad_point', `tag "${key}": address ${address} with width ${width} is outside 0–65535`);
  }
  if (width > limit) {
    throw new LinesideError('modbus_point_too_wide', `tag "${key}": ${width} ${isBitTable(point.table) ? 'bits' : 'registers'} exceed the ${limit} one request can read`);
  }
  const span: Span = { key, address, width, start: address, end: address + width };
  const register = point.scaleRegister;
  if (register === undefined || isBitTable(point.table)) return span;
  if (!Number.isInteger(register) || register < 0 || register > 65535) {
    throw new LinesideError('modbus_bad_point', `tag "${key}": scale register ${register} is outside 0–65535`);
  }
  const start = Math.min(address, register);
  const end = Math.max(address + width, register + 1);
  if (end - start <= limit && attach(register)) return { ...span, start, end, scaleRegister: register };
  return span;
}

function scaleSpan(register: number): Span {
  return { key: `${SCALE_PREFIX}${register}`, address: register, width: 1, start: register, end: register + 1 };
}

/** A block over `spans` (non-empty), with `scale:` items for attached registers no tag occupies. */
function buildBlock(unit: number, table: ModbusTable, spans: readonly Span[]): ReadBlock {
  let start = Infinity;
  let end = -Infinity;
  for (const span of spans) {
    start = Math.min(start, span.start);
    end = Math.max(end, span.end);
  }
  const items = spans.map((span) => ({ key: span.key, offset: span.address - start }));
  const keys = new Set(items.map((item) => item.key));
  const registers = [...new Set(spans.flatMap((span) => (span.scaleRegister === undefined ? [] : [span.scaleRegister])))];
  for (const register of registers) {
    const key = `${SCALE_PREFIX}${register}`;
    const occupied = spans.some((span) => !span.key.startsWith(SCALE_PREFIX) && register >= span.address && register < span.address + span.width);
    if (!occupied && !keys.has(key)) {
      keys.add(key);
      items.push({ key, offset: register - start });
    }
  }
  items.sort((a, b) => a.offset - b.offset || compareText(a.key, b.key));
  return { unit, table, start, count: end - start, items };
}

function isBitTable(table: ModbusTable): boolean {
  return table === 'coil' || table === 'discrete';
}

function checkLimit(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new LinesideError('modbus_bad_plan_options', `${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
}

function compareSpans(a: Span, b: Span): number {
  return a.start - b.start || a.end - b.end || compareText(a.key, b.key);
}

function compareBlocks(a: ReadBlock, b: ReadBlock): number {
  return a.unit - b.unit || TABLE_ORDER.indexOf(a.table) - TABLE_ORDER.indexOf(b.table) || a.start - b.start;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
