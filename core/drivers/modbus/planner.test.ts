import { describe, expect, it } from 'vitest';
import { LinesideError } from '../../model/errors.js';
import { planBlocks, splitBlock, type PlanItem, type ReadBlock } from './planner.js';
import { widthOf, type ModbusPoint, type ModbusTable, type ModbusType } from './point.js';

function item(key: string, address: number, type: ModbusType = 'int16', extra: Partial<ModbusPoint> = {}): PlanItem {
  return { key, point: { unit: 1, table: 'holding', address, type, order: 'ABCD', ...extra } };
}

/** `n` points of `type` back to back from `from`. */
function run(n: number, type: ModbusType, from = 0, extra: Partial<ModbusPoint> = {}): PlanItem[] {
  const out: PlanItem[] = [];
  let address = from;
  for (let i = 0; i < n; i++) {
    const it = item(`t${i}`, address, type, extra);
    out.push(it);
    address += widthOf(it.point);
  }
  return out;
}

/** Every item is in exactly one block, and the block covers its whole width. */
function expectCovered(blocks: readonly ReadBlock[], items: readonly PlanItem[]): void {
  for (const { key, point } of items) {
    const holders = blocks.filter((b) => b.items.some((i) => i.key === key));
    expect(holders, key).toHaveLength(1);
    const block = holders[0]!;
    expect(block.unit).toBe(point.unit);
    expect(block.table).toBe(point.table);
    expect(block.items.find((i) => i.key === key)!.offset).toBe(point.address - block.start);
    expect(point.address).toBeGreaterThanOrEqual(block.start);
    expect(point.address + widthOf(point)).toBeLessThanOrEqual(block.start + block.count);
  }
}

describe('planBlocks', () => {
  it('merges contiguous registers into one block', () => {
    const items = run(10, 'uint16', 100);
    const blocks = planBlocks(items, { maxGap: 0 });
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toMatchObject({ unit: 1, table: 'holding', start: 100, count: 10 });
    expect(blocks[0]!.items.map((i) => i.offset)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it.each([
    { gap: 0, maxGap: 0, blocks: 1 },
    { gap: 3, maxGap: 3, blocks: 1 },
    { gap: 4, maxGap: 3, blocks: 2 },
    { gap: 1, maxGap: 0, blocks: 2 },
    { gap: 10, maxGap: 20, blocks: 1 },
  ])('a gap of $gap with maxGap $maxGap gives $blocks block(s)', ({ gap, maxGap, blocks }) => {
    // float32 at 0–1, then a uint16 after `gap` unread registers.
    const items = [item('a', 0, 'float32'), item('b', 2 + gap, 'uint16')];
    const plan = planBlocks(items, { maxGap });
    expect(plan).toHaveLength(blocks);
    expectCovered(plan, items);
    if (blocks === 1) expect(plan[0]).toMatchObject({ start: 0, count: 3 + gap });
  });

  it('never splits float32, float64 or string points across blocks', () => {
    const types: { type: ModbusType; registers?: number }[] = [{ type: 'int16' }, { type: 'float32' }, { type: 'float64' }, { type: 'string', registers: 10 }];
    for (const maxRegisters of [10, 11, 13, 17, 20, 31, 125]) {
      const items: PlanItem[] = [];
      let address = 0;
      for (let i = 0; i < 200; i++) {
        const t = types[i % types.length]!;
        const it = item(`p${i}`, address, t.type, t.registers === undefined ? {} : { registers: t.registers });
        items.push(it);
        address += widthOf(it.point) + (i % 3 === 0 ? 1 : 0);
      }
      const plan = planBlocks(items, { maxGap: 2, maxRegisters });
      expectCovered(plan, items);
      for (const block of plan) expect(block.count).toBeLessThanOrEqual(maxRegisters);
    }
  });

  it.each([
    { n: 125, blocks: [125] },
    { n: 126, blocks: [125, 1] },
    { n: 250, blocks: [125, 125] },
  ])('$n consecutive registers give blocks of $blocks', ({ n, blocks }) => {
    const plan = planBlocks(run(n, 'int16'), { maxGap: 0 });
    expect(plan.map((b) => b.count)).toEqual(blocks);
  });

  it.each([
    { table: 'coil' as const, n: 2000, blocks: [2000] },
    { table: 'coil' as const, n: 2001, blocks: [2000, 1] },
    { table: 'discrete' as const, n: 2000, blocks: [2000] },
    { table: 'discrete' as const, n: 2001, blocks: [2000, 1] },
  ])('$n consecutive $table bits give blocks of $blocks', ({ table, n, blocks }) => {
    const plan = planBlocks(run(n, 'bit', 0, { table }), { maxGap: 0 });
    expect(plan.map((b) => b.count)).toEqual(blocks);
    expect(plan.every((b) => b.table === table)).toBe(true);
  });

  it('honours lower limits from options', () => {
    expect(planBlocks(run(20, 'int16'), { maxGap: 0, maxRegisters: 10 }).map((b) => b.count)).toEqual([10, 10]);
    expect(planBlocks(run(20, 'bit', 0, { table: 'coil' }), { maxGap: 0, maxBits: 8 }).map((b) => b.count)).toEqual([8, 8, 4]);
  });

  it('never puts different units or tables in one block, and orders by unit, table, start', () => {
    const tables: ModbusTable[] = ['input', 'holding', 'discrete', 'coil'];
    const items: PlanItem[] = [];
    for (const unit of [2, 1]) {
      for (const table of tables) {
        for (const address of [5, 0]) items.push(item(`u${unit}/${table}/${address}`, address, table === 'coil' || table === 'discrete' ? 'bit' : 'int16', { unit, table }));
      }
    }
    const plan = planBlocks(items, { maxGap: 10 });
    expect(plan.map((b) => `${b.unit}/${b.table}/${b.start}+${b.count}`)).toEqual([
      '1/coil/0+6',
      '1/discrete/0+6',
      '1/holding/0+6',
      '1/input/0+6',
      '2/coil/0+6',
      '2/discrete/0+6',
      '2/holding/0+6',
      '2/input/0+6',
    ]);
    expectCovered(plan, items);
  });

  it('lets two bits of the same register share it', () => {
    const items = [item('a.bit3', 40, 'bit', { bit: 3 }), item('a.bit7', 40, 'bit', { bit: 7 }), item('b', 41, 'uint16')];
    const plan = planBlocks(items, { maxGap: 0 });
    expect(plan).toEqual([
      {
        unit: 1,
        table: 'holding',
        start: 40,
        count: 2,
        items: [
          { key: 'a.bit3', offset: 0 },
          { key: 'a.bit7', offset: 0 },
          { key: 'b', offset: 1 },
        ],
      },
    ]);
  });

  it('is deterministic whatever the input order', () => {
    const items = [...run(50, 'float32', 0), ...run(30, 'bit', 0, { table: 'coil', unit: 3 }), item('x', 300, 'int16', { bit: 1 }), item('y', 300, 'int16')];
    const expected = planBlocks(items, { maxGap: 4 });
    // A fixed pseudo-random permutation per round (bounded loop).
    for (let round = 1; round <= 5; round++) {
      const shuffled = [...items].sort((a, b) => ((hash(a.key) * round) % 97) - ((hash(b.key) * round) % 97) || (a.key < b.key ? -1 : 1));
      expect(planBlocks(shuffled, { maxGap: 4 })).toEqual(expected);
    }
  });

  it('packs 1,000 consecutive float32 points into at most 17 blocks, none split', () => {
    const items = run(1000, 'float32');
    const plan = planBlocks(items, { maxGap: 0 });
    expect(plan.length).toBeLessThanOrEqual(17);
    expect(plan.map((b) => b.count).slice(0, 2)).toEqual([124, 124]);
    expectCovered(plan, items);
  });

  describe('SunSpec scale registers', () => {
    it('reads a nearby scale register in the same block, as a scale: item', () => {
      const items = [item('w', 10, 'int16', { scaleRegister: 14 }), item('va', 11, 'int16', { scaleRegister: 14 })];
      const plan = planBlocks(items, { maxGap: 0 });
      expect(plan).toEqual([
        {
          unit: 1,
          table: 'holding',
          start: 10,
          count: 5,
          items: [
            { key: 'w', offset: 0 },
            { key: 'va', offset: 1 },
            { key: 'scale:14', offset: 4 },
          ],
        },
      ]);
    });

    it('adds no scale: item when a tag already occupies the register', () => {
      const items = [item('w', 10, 'int16', { scaleRegister: 11 }), item('w_sf', 11, 'int16')];
      expect(planBlocks(items, { maxGap: 0 })[0]!.items).toEqual([
        { key: 'w', offset: 0 },
        { key: 'w_sf', offset: 1 },
      ]);
    });

    it('covers a scale register below the value and beyond maxGap in the same request', () => {
      const items = [item('hz', 100, 'uint16', { scaleRegister: 60 }), item('other', 0, 'int16')];
      const plan = planBlocks(items, { maxGap: 0 });
      expect(plan).toEqual([
        { unit: 1, table: 'holding', start: 0, count: 1, items: [{ key: 'other', offset: 0 }] },
        {
          unit: 1,
          table: 'holding',
          start: 60,
          count: 41,
          items: [
            { key: 'scale:60', offset: 0 },
            { key: 'hz', offset: 40 },
          ],
        },
      ]);
    });

    it('plans a scale register too far to share a request on its own', () => {
      const items = [item('e', 1000, 'uint32', { scaleRegister: 10 })];
      const plan = planBlocks(items, { maxGap: 0 });
      expect(plan).toEqual([
        { unit: 1, table: 'holding', start: 10, count: 1, items: [{ key: 'scale:10', offset: 0 }] },
        { unit: 1, table: 'holding', start: 1000, count: 2, items: [{ key: 'e', offset: 0 }] },
      ]);
    });
  });

  it.each([
    { name: 'negative maxGap', items: run(1, 'int16'), options: { maxGap: -1 }, code: 'modbus_bad_plan_options' },
    { name: 'maxRegisters above 125', items: run(1, 'int16'), options: { maxGap: 0, maxRegisters: 126 }, code: 'modbus_bad_plan_options' },
    { name: 'maxBits above 2000', items: run(1, 'int16'), options: { maxGap: 0, maxBits: 2001 }, code: 'modbus_bad_plan_options' },
    { name: 'a string wider than a request', items: [item('s', 0, 'string', { registers: 126 })], options: { maxGap: 0 }, code: 'modbus_point_too_wide' },
    { name: 'a point past 65535', items: [item('f', 65535, 'float32')], options: { maxGap: 0 }, code: 'modbus_bad_point' },
  ])('rejects $name', ({ items, options, code }) => {
    expect(() => planBlocks(items, options)).toThrow(LinesideError);
    expect(() => planBlocks(items, options)).toThrow(expect.objectContaining({ code }));
  });

  it('returns no blocks for no items', () => {
    expect(planBlocks([], { maxGap: 0 })).toEqual([]);
  });
});

describe('splitBlock', () => {
  it('halves a block by points, keeping multi-register points whole', () => {
    const items = [item('a', 0, 'int16'), item('b', 1, 'float64'), item('c', 5, 'float32'), item('d', 7, 'string', { registers: 3 })];
    const [block] = planBlocks(items, { maxGap: 0 });
    expect(block).toMatchObject({ start: 0, count: 10 });
    const halves = splitBlock(block!, items);
    expect(halves).toEqual([
      {
        unit: 1,
        table: 'holding',
        start: 0,
        count: 5,
        items: [
          { key: 'a', offset: 0 },
          { key: 'b', offset: 1 },
        ],
      },
      {
        unit: 1,
        table: 'holding',
        start: 5,
        count: 5,
        items: [
          { key: 'c', offset: 0 },
          { key: 'd', offset: 2 },
        ],
      },
    ]);
  });

  it('returns [] for a single point, also when several tags share it', () => {
    const single = [item('x', 3, 'float32')];
    expect(splitBlock(planBlocks(single, { maxGap: 0 })[0]!, single)).toEqual([]);
    const shared = [item('x.b0', 3, 'bit', { bit: 0 }), item('x.b1', 3, 'bit', { bit: 1 })];
    expect(splitBlock(planBlocks(shared, { maxGap: 0 })[0]!, shared)).toEqual([]);
  });

  it('keeps a point with its attached scale register', () => {
    const items = [item('a', 0, 'int16'), item('w', 1, 'int16', { scaleRegister: 3 }), item('b', 2, 'int16'), item('c', 4, 'int16')];
    const [block] = planBlocks(items, { maxGap: 0 });
    const halves = splitBlock(block!, items);
    const withW = halves.find((h) => h.items.some((i) => i.key === 'w'))!;
    expect(withW.items).toContainEqual({ key: 'scale:3', offset: 3 - withW.start });
    expect(halves.flatMap((h) => h.items.map((i) => i.key)).sort()).toEqual(['a', 'b', 'c', 'scale:3', 'w']);
  });

  it('rejects a block item that is not in the plan', () => {
    const block: ReadBlock = { unit: 1, table: 'holding', start: 0, count: 2, items: [{ key: 'ghost', offset: 0 }] };
    expect(() => splitBlock(block, [])).toThrow(expect.objectContaining({ code: 'modbus_unknown_item' }));
  });

  /** The caller loop of the planner's header, against a device where `bad` does not exist. */
  function scan(items: readonly PlanItem[], bad: number, maxGap: number): { reads: number; badKeys: string[]; goodKeys: string[] } {
    const queue = planBlocks(items, { maxGap });
    const badKeys: string[] = [];
    const goodKeys: string[] = [];
    let reads = 0;
    while (queue.length > 0) {
      if (reads > 1000) throw new Error('split loop did not terminate');
      const block = queue.shift()!;
      reads++;
      if (bad >= block.start && bad < block.start + block.count) {
        const halves = splitBlock(block, items);
        if (halves.length === 0) badKeys.push(...block.items.map((i) => i.key));
        else queue.unshift(...halves);
      } else {
        goodKeys.push(...block.items.map((i) => i.key));
      }
    }
    return { reads, badKeys, goodKeys };
  }

  it('isolates one bad address among 100 points in at most 1 + 2·⌈log2 100⌉ reads', () => {
    const items = run(100, 'int16');
    const limit = 1 + 2 * Math.ceil(Math.log2(100));
    for (let bad = 0; bad < 100; bad++) {
      const { reads, badKeys, goodKeys } = scan(items, bad, 0);
      expect(badKeys).toEqual([`t${bad}`]);
      expect(goodKeys).toHaveLength(99);
      expect(reads).toBeLessThanOrEqual(limit);
    }
  });

  it('isolates a bad register inside a multi-register point', () => {
    const items = run(40, 'float32');
    for (const bad of [0, 1, 33, 79]) {
      const { badKeys, goodKeys } = scan(items, bad, 0);
      expect(badKeys).toEqual([`t${Math.floor(bad / 2)}`]);
      expect(goodKeys).toHaveLength(39);
    }
  });

  it('reads every tag good when the bad address is only in a read-through gap', () => {
    const items = [item('a', 0), item('b', 1), item('c', 5), item('d', 6)];
    const { badKeys, goodKeys } = scan(items, 3, 5);
    expect(badKeys).toEqual([]);
    expect(goodKeys.sort()).toEqual(['a', 'b', 'c', 'd']);
  });
});

function hash(text: string): number {
  let h = 7;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) % 1_000_003;
  return h;
}
