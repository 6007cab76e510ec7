import { describe, expect, it } from 'vitest';
import type { Result } from '../../core/contract/index.js';
import { createFakeClient } from './fake-client.js';
import { createFakeReplay } from './fake-replay.js';

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

describe('the fake replay', () => {
  const from = Date.UTC(2025, 9, 14, 6);
  const to = from + 2 * 3_600_000;

  it('plays at its speed, pauses, steps only while paused and ends at the capture end', () => {
    let real = 0;
    const replay = createFakeReplay({ realNow: () => real, from, to, speed: 10 });
    real = 1_000;
    expect(value(replay.status())).toMatchObject({ state: 'playing', at: from + 10_000, speed: 10 });
    expect(replay.control({ action: 'step', ms: 1000 })).toMatchObject({ ok: false, error: { code: 'action-refused' } });
    value(replay.control({ action: 'pause' }));
    real = 5_000;
    expect(value(replay.status())).toMatchObject({ state: 'paused', at: from + 10_000 });
    expect(value(replay.control({ action: 'step', ms: 60_000 })).at).toBe(from + 70_000);
    value(replay.control({ action: 'speed', speed: 1000 }));
    value(replay.control({ action: 'play' }));
    real += 10_000;
    expect(value(replay.status())).toMatchObject({ state: 'ended', at: to });
    expect(replay.control({ action: 'speed', speed: 5000 })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('catches up to a seek over its seek time, showing the progress, then plays on', () => {
    let real = 0;
    const replay = createFakeReplay({ realNow: () => real, from, to, seekMs: 1_000 });
    value(replay.control({ action: 'seek', at: from + 3_600_000 }));
    real = 500;
    expect(value(replay.status())).toMatchObject({ state: 'seeking', seekProgress: 0.5, at: from + 1_800_000 });
    real = 1_000;
    expect(value(replay.status())).toMatchObject({ state: 'playing', at: from + 3_600_000 });
    expect(replay.control({ action: 'seek', at: to + 1 })).toMatchObject({ ok: false });
  });

  it('has alarm marks of every priority and stops, one still open at the end', () => {
    const marks = value(createFakeReplay({ from, to }).marks());
    const priorities = new Set(marks.filter((m) => m.kind === 'alarm').map((m) => m.priority));
    expect(priorities).toEqual(new Set(['critical', 'high', 'medium', 'low', 'diagnostic']));
    expect(marks.filter((m) => m.kind === 'stop' && m.until === undefined)).toHaveLength(1);
    expect(marks.every((m) => m.at >= from && m.at <= to)).toBe(true);
  });
});

describe('the fake client in replay and live', () => {
  it('replays: the status says so, its clock is the replay clock, the writes are refused', async () => {
    const client = createFakeClient({ autoStart: false, replay: { playing: false } });
    const status = value(await client.getSystemStatus({}));
    const replay = value(await client.replayStatus({}));
    expect(status.mode).toBe('replay');
    expect(status.clockNow).toBe(replay.at);
    const refused = await client.alarmAction({ kind: 'acknowledge', ids: ['x'], user: 'Ann' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'write-disabled' } });
    expect(await client.acknowledgeWorkRequest({ id: 'wr-1', user: 'Ann' })).toMatchObject({ ok: false, error: { code: 'write-disabled' } });
    expect(await client.exportCapture({ from: 1, to: 2 })).toMatchObject({ ok: false, error: { code: 'action-refused' } });
    client.stop();
  });

  it('runs live: no replay, and a capture export runs to its file', async () => {
    let real = Date.UTC(2025, 9, 14, 12);
    const client = createFakeClient({ autoStart: false, now: () => real });
    expect(await client.replayStatus({})).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const job = value(await client.exportCapture({ from: real - 3_600_000, to: real, assets: ['line1/filler'], name: 'test run' }));
    expect(job).toMatchObject({ state: 'running', progress: 0 });
    real += 2_000;
    const half = value(await client.captureExportStatus({ id: job.id }));
    expect(half.state).toBe('running');
    expect(half.progress).toBeCloseTo(0.5);
    expect(half.detail).toMatch(/^line1\/filler\/.+: \d+ of \d+ tags$/);
    real += 2_000;
    expect(value(await client.captureExportStatus({ id: job.id }))).toMatchObject({ state: 'done', progress: 1, file: '/var/lib/lineside/captures/test run.lsc' });
    expect(await client.captureExportStatus({ id: 99 })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    client.stop();
  });
});
