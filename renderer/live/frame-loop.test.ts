import { describe, expect, it } from 'vitest';
import { FrameLoop } from './frame-loop.js';
import type { FrameScheduler } from './frame-loop.js';
import { LiveStore } from './live-store.js';
import { makeBatch } from '../testing/make-batch.js';

function manualScheduler() {
  const queue: (() => void)[] = [];
  const scheduler: FrameScheduler = {
    request: (callback) => queue.push(callback),
    cancel: () => {},
  };
  return {
    scheduler,
    get requested() {
      return queue.length;
    },
    runFrame() {
      const callbacks = queue.splice(0);
      callbacks.forEach((callback) => callback());
    },
  };
}

const tags = ['a/x', 'a/y'];

describe('FrameLoop', () => {
  it('paints a watcher at once with the current entry', () => {
    const live = new LiveStore();
    const frames = new FrameLoop(live, manualScheduler().scheduler);
    const seen: unknown[] = [];
    frames.watch('a/x', (entry) => seen.push(entry.value));
    expect(seen).toEqual([null]);
  });

  it('requests one frame for many batches and paints each changed tag once in it', () => {
    const live = new LiveStore();
    const raf = manualScheduler();
    const frames = new FrameLoop(live, raf.scheduler);
    const paints: string[] = [];
    frames.watch('a/x', (entry) => paints.push(`x=${entry.value}`));
    frames.watch('a/y', (entry) => paints.push(`y=${entry.value}`));
    paints.length = 0;
    for (let i = 1; i <= 10; i++) live.applyBatch(makeBatch(1, [{ tag: 0, ts: i, value: i }]), tags);
    expect(raf.requested).toBe(1);
    expect(paints).toEqual([]);
    raf.runFrame();
    expect(paints).toEqual(['x=10']); // y did not change: not touched
    raf.runFrame();
    expect(paints).toEqual(['x=10']);
  });

  it('stops painting after unwatch, and one failing watcher does not stop the others', async () => {
    const live = new LiveStore();
    const raf = manualScheduler();
    const frames = new FrameLoop(live, raf.scheduler);
    const paints: number[] = [];
    let calls = 0;
    const stopBroken = frames.watch('a/x', () => {
      calls += 1;
      if (calls > 1) throw new Error('broken element');
    });
    const stop = frames.watch('a/x', (entry) => paints.push(entry.value as number));
    const errors: unknown[] = [];
    const onError = (error: unknown) => errors.push(error);
    process.on('uncaughtException', onError);
    try {
      live.applyBatch(makeBatch(1, [{ tag: 0, ts: 1, value: 5 }]), tags);
      raf.runFrame();
      await new Promise((resolve) => setTimeout(resolve, 0));
    } finally {
      process.off('uncaughtException', onError);
    }
    expect(paints).toEqual([null, 5]);
    expect(errors).toHaveLength(1);
    stop();
    stopBroken();
    expect(frames.watcherCount).toBe(0);
    live.applyBatch(makeBatch(1, [{ tag: 0, ts: 2, value: 6 }]), tags);
    raf.runFrame();
    expect(paints).toEqual([null, 5]);
  });
});
