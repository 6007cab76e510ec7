import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fail, ok } from '../../core/contract/index.js';
import type { ReplayMark, ReplayStatus, Result } from '../../core/contract/index.js';
import { createFakeClient } from '../testing/fake-client.js';
import { startReplayPoller } from './replay-poller.js';
import type { ReplayPollerOptions } from './replay-poller.js';

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

function recorder() {
  const statuses: (ReplayStatus | null)[] = [];
  const marks: ReplayMark[][] = [];
  const errors: (string | null)[] = [];
  return {
    statuses,
    marks,
    errors,
    onStatus: (status: ReplayStatus | null) => void statuses.push(status),
    onMarks: (m: ReplayMark[]) => void marks.push(m),
    onError: (message: string | null) => void errors.push(message),
  };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('the replay poller', () => {
  it('asks at once, then every 500 ms after each answer, and loads the marks once per capture', async () => {
    let real = Date.UTC(2025, 9, 14, 12);
    const client = createFakeClient({ autoStart: false, now: () => real, replay: true });
    const replayStatus = vi.spyOn(client, 'replayStatus');
    const replayMarks = vi.spyOn(client, 'replayMarks');
    const seen = recorder();
    const poller = startReplayPoller({ client, ...seen });
    await vi.advanceTimersByTimeAsync(0);
    expect(seen.statuses).toHaveLength(1);
    real += 1_000;
    await vi.advanceTimersByTimeAsync(1_600);
    expect(replayStatus).toHaveBeenCalledTimes(4);
    expect(seen.statuses[3]!.at - seen.statuses[0]!.at).toBe(1_000);
    expect(replayMarks).toHaveBeenCalledTimes(1);
    expect(seen.marks[0]!.length).toBeGreaterThan(5);
    poller.stop();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(replayStatus).toHaveBeenCalledTimes(4);
    client.stop();
  });

  it('takes a control’s answer and drops a poll answer sent before it', async () => {
    const playing = { state: 'playing', at: 1 } as ReplayStatus;
    const paused = { state: 'paused', at: 2 } as ReplayStatus;
    const poll = deferred<Result<ReplayStatus>>();
    const client: ReplayPollerOptions['client'] = {
      replayStatus: vi.fn(() => poll.promise),
      replayControl: vi.fn(() => Promise.resolve(ok(paused))),
      replayMarks: vi.fn(() => Promise.resolve(ok([]))),
    };
    const seen = recorder();
    const poller = startReplayPoller({ client, ...seen });
    await expect(poller.control({ action: 'pause' })).resolves.toBe(true);
    poll.resolve(ok(playing));
    await vi.advanceTimersByTimeAsync(0);
    expect(seen.statuses).toEqual([paused]);
    poller.stop();
  });

  it('says when a control is refused, and when the app runs live', async () => {
    const client: ReplayPollerOptions['client'] = {
      replayStatus: vi.fn(() => Promise.resolve(fail<ReplayStatus>('not-found', 'live'))),
      replayControl: vi.fn(() => Promise.resolve(fail<ReplayStatus>('action-refused', 'pause it first'))),
      replayMarks: vi.fn(() => Promise.resolve(ok([]))),
    };
    const seen = recorder();
    const poller = startReplayPoller({ client, ...seen });
    await vi.advanceTimersByTimeAsync(0);
    expect(seen.statuses).toEqual([null]);
    await expect(poller.control({ action: 'step', ms: 1000 })).resolves.toBe(false);
    expect(seen.errors).toEqual(['Could not step: pause it first']);
    poller.stop();
  });

  it('reports a failing poll once and clears it when the polls work again; a lost connection is not its to say', async () => {
    const answers: Result<ReplayStatus>[] = [fail('internal', 'boom'), fail('internal', 'boom'), fail('disconnected', 'down'), ok({ state: 'paused' } as ReplayStatus)];
    const client: ReplayPollerOptions['client'] = {
      replayStatus: vi.fn(() => Promise.resolve(answers.shift() ?? ok({ state: 'paused' } as ReplayStatus))),
      replayControl: vi.fn(),
      replayMarks: vi.fn(() => Promise.resolve(ok([]))),
    };
    const seen = recorder();
    const poller = startReplayPoller({ client, ...seen });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(seen.errors).toEqual(['The replay status could not be read: boom', 'The replay status could not be read: boom', null]);
    poller.stop();
  });
});
