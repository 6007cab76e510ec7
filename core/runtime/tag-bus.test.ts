import { describe, expect, it } from 'vitest';
import { bad, GOOD } from '../model/sample.js';
import { silentLogger } from './logger.js';
import { createTagBus } from './tag-bus.js';

const paths = ['l1/a/x', 'l1/a/y', 'l1/b/x', 'l2/c/x'];

describe('tag bus', () => {
  it('keeps the current value with quality and source timestamp', () => {
    const bus = createTagBus(paths, silentLogger());
    expect(bus.current('l1/a/x')?.quality.status).toBe('bad');
    bus.publish([{ path: 'l1/a/x', value: 3, quality: GOOD, sourceTs: 10 }]);
    bus.publish([{ path: 'l1/a/x', value: 4, quality: bad('sensor open circuit'), sourceTs: 20 }]);
    expect(bus.current('l1/a/x')).toEqual({ path: 'l1/a/x', value: 4, quality: { status: 'bad', reason: 'sensor open circuit' }, sourceTs: 20 });
    expect(bus.current('nope')).toBeUndefined();
  });

  it('resolves asset and line paths to the tags below them, not to look-alike prefixes', () => {
    const bus = createTagBus([...paths, 'l1/ab/x'], silentLogger());
    expect(bus.resolve(['l1/a'])).toEqual(['l1/a/x', 'l1/a/y']);
    expect(bus.resolve(['l1'])).toEqual(['l1/a/x', 'l1/a/y', 'l1/b/x', 'l1/ab/x']);
    expect(bus.resolve(['l2/c/x'])).toEqual(['l2/c/x']);
  });

  it('hands each subscriber one batch per publish with only its tags', () => {
    const bus = createTagBus(paths, silentLogger());
    const got: string[][] = [];
    const stop = bus.subscribe(['l1/a/x', 'l1/b/x'], (samples) => got.push(samples.map((s) => s.path)));
    bus.publish(paths.map((path) => ({ path, value: 1, quality: GOOD, sourceTs: 1 })));
    expect(got).toEqual([['l1/a/x', 'l1/b/x']]);
    stop();
    bus.publish(paths.map((path) => ({ path, value: 2, quality: GOOD, sourceTs: 2 })));
    expect(got).toHaveLength(1);
  });

  it('drops samples of unknown tags and survives a subscriber that throws', () => {
    const bus = createTagBus(paths, silentLogger());
    let calls = 0;
    bus.subscribe(['l1/a/x'], () => {
      calls++;
      throw new Error('boom');
    });
    bus.publish([{ path: 'ghost', value: 1, quality: GOOD, sourceTs: 1 }, { path: 'l1/a/x', value: 1, quality: GOOD, sourceTs: 1 }]);
    bus.publish([{ path: 'l1/a/x', value: 2, quality: GOOD, sourceTs: 2 }]);
    expect(calls).toBe(2);
    expect(bus.current('l1/a/x')?.value).toBe(2);
  });
});
