import { describe, expect, it } from 'vitest';
import { ok } from '../../core/contract/index.js';
import type { DisplaySeries, HmiRequest, Result } from '../../core/contract/index.js';
import { HistoryLoader } from './history-loader.js';
import type { LoadedHistory } from './history-loader.js';

/** A client whose answers the test releases by hand, and timers the test fires by hand. */
function setup() {
  const calls: { req: HmiRequest<'queryDisplay'>; answer: (r?: Result<DisplaySeries>) => void }[] = [];
  const client = {
    queryDisplay: (req: HmiRequest<'queryDisplay'>) =>
      new Promise<Result<DisplaySeries>>((resolve) => {
        calls.push({
          req,
          answer: (r) => resolve(r ?? ok({ path: req.path, from: req.from, to: req.to, width: req.width, source: 'raw', ts: [req.from], value: [1] })),
        });
      }),
  };
  let timer: (() => void) | null = null;
  const loaded: LoadedHistory[] = [];
  let clock = 100;
  const loader = new HistoryLoader({
    client,
    onLoaded: (l) => loaded.push(l),
    monotonicNow: () => clock,
    setTimer: (run) => {
      timer = run;
      return 1;
    },
    clearTimer: () => {
      timer = null;
    },
  });
  const fire = () => {
    const run = timer;
    timer = null;
    run?.();
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { loader, calls, loaded, fire, settle, tick: (ms: number) => (clock += ms) };
}

const pen = (path: string) => ({ path, maxGapMs: 15_000 });

describe('HistoryLoader', () => {
  it('debounces requests and queries every pen in parallel with the chart width', async () => {
    const { loader, calls, loaded, fire, settle } = setup();
    loader.request([pen('a'), pen('b')], { from: 0, to: 1_000 }, 800, true);
    loader.request([pen('a'), pen('b')], { from: 100, to: 1_100 }, 800.4, true);
    expect(calls).toHaveLength(0);
    expect(loader.busy).toBe(true);
    fire();
    expect(calls.map((c) => c.req)).toEqual([
      { path: 'a', from: 100, to: 1_100, width: 800, maxGapMs: 15_000 },
      { path: 'b', from: 100, to: 1_100, width: 800, maxGapMs: 15_000 },
    ]);
    calls[1]!.answer();
    await settle();
    expect(loaded).toHaveLength(0); // waits for all pens, to draw once
    calls[0]!.answer();
    await settle();
    expect(loaded).toHaveLength(1);
    expect(loaded[0]!.pens.map((p) => p.path)).toEqual(['a', 'b']);
    expect(loaded[0]!.issuedAt).toBe(100);
    expect(loader.busy).toBe(false);
  });

  it('drops answers for a view that has changed since', async () => {
    const { loader, calls, loaded, fire, settle } = setup();
    loader.request([pen('a')], { from: 0, to: 1_000 }, 500, true);
    fire();
    loader.request([pen('a')], { from: 5_000, to: 6_000 }, 500, true);
    fire();
    calls[1]!.answer();
    await settle();
    calls[0]!.answer();
    await settle();
    expect(loaded).toHaveLength(1);
    expect(loaded[0]!.range).toEqual({ from: 5_000, to: 6_000 });
  });

  it('adds a pen without invalidating the others, and forgets removed pens', async () => {
    const { loader, calls, loaded, fire, settle } = setup();
    loader.request([pen('a')], { from: 0, to: 1_000 }, 500, true);
    fire();
    loader.request([pen('b'), pen('c')], { from: 0, to: 1_000 }, 500, false);
    fire();
    loader.forget('c');
    for (const call of calls) call.answer();
    await settle();
    expect(loaded.flatMap((l) => l.pens.map((p) => p.path)).sort()).toEqual(['a', 'b']);
  });

  it('passes failures on as results and stops for good', async () => {
    const { loader, calls, loaded, fire, settle } = setup();
    loader.request([pen('a')], { from: 0, to: 1_000 }, 500, true);
    fire();
    calls[0]!.answer({ ok: false, error: { code: 'not-found', message: 'no historian' } });
    await settle();
    expect(loaded[0]!.pens[0]!.result).toEqual({ ok: false, error: { code: 'not-found', message: 'no historian' } });
    loader.request([pen('a')], { from: 0, to: 1_000 }, 500, true);
    loader.stop();
    fire();
    expect(calls).toHaveLength(1);
  });

  it('does not query an empty range or no pens', () => {
    const { loader, calls, fire } = setup();
    loader.request([], { from: 0, to: 1_000 }, 500, true);
    fire();
    loader.request([pen('a')], { from: 1_000, to: 1_000 }, 500, true);
    fire();
    expect(calls).toHaveLength(0);
  });
});
