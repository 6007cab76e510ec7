import { describe, expect, it } from 'vitest';
import { RingBuffer } from './ring-buffer.js';

describe('RingBuffer', () => {
  it('returns points oldest-first before it wraps', () => {
    const ring = new RingBuffer(4);
    ring.push(1, 10);
    ring.push(2, 20);
    const [t, v] = ring.columns();
    expect([...t]).toEqual([1, 2]);
    expect([...v]).toEqual([10, 20]);
    expect(ring.length).toBe(2);
    expect(ring.lastTime).toBe(2);
  });

  it('overwrites the oldest points when full and keeps them in order', () => {
    const ring = new RingBuffer(3);
    for (let i = 1; i <= 5; i++) ring.push(i, i * 10);
    const [t, v] = ring.columns();
    expect([...t]).toEqual([3, 4, 5]);
    expect([...v]).toEqual([30, 40, 50]);
    expect(ring.length).toBe(3);
  });

  it('ignores points that are not newer than the last one (uPlot needs ascending x)', () => {
    const ring = new RingBuffer(3);
    expect(ring.push(5, 1)).toBe(true);
    expect(ring.push(5, 2)).toBe(false);
    expect(ring.push(4, 3)).toBe(false);
    expect([...ring.columns()[1]]).toEqual([1]);
  });

  it('reuses its output memory instead of allocating per call', () => {
    const ring = new RingBuffer(2);
    ring.push(1, 1);
    ring.push(2, 2);
    ring.push(3, 3);
    const first = ring.columns()[0];
    ring.push(4, 4);
    const second = ring.columns()[0];
    expect(second.buffer).toBe(first.buffer);
    expect([...second]).toEqual([3, 4]);
  });

  it('is empty after clear and rejects a silly capacity', () => {
    const ring = new RingBuffer(2);
    ring.push(1, 1);
    ring.clear();
    expect(ring.length).toBe(0);
    expect(ring.lastTime).toBe(-Infinity);
    expect(() => new RingBuffer(1)).toThrow(/capacity/);
  });
});
