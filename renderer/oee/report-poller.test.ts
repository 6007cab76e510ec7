import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OeeReport, Result } from '../../core/contract/index.js';
import { makeReport } from '../testing/oee-fixtures.js';
import { startReportPoller } from './report-poller.js';

function fakeClient(answers: (() => Result<OeeReport>)[]) {
  const calls: unknown[] = [];
  let i = 0;
  return {
    calls,
    oeeReport: vi.fn(async (req: unknown) => {
      calls.push(req);
      return answers[Math.min(i++, answers.length - 1)]!();
    }),
  };
}

describe('OEE report poller', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('polls every 5 s while the period is under way and stops when told', async () => {
    const client = fakeClient([() => ({ ok: true, value: makeReport({ nextAt: null }) })]);
    const reports: OeeReport[] = [];
    const poller = startReportPoller({ client, request: { line: 'line1', span: 'shift' }, onReport: (r) => reports.push(r), onError: () => {} });
    await vi.advanceTimersByTimeAsync(0);
    expect(reports).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(client.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(client.calls).toHaveLength(2);
    poller.stop();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(client.calls).toHaveLength(2);
  });

  it('asks once for a closed period; reload asks again at once', async () => {
    const client = fakeClient([() => ({ ok: true, value: makeReport() })]);
    const poller = startReportPoller({ client, request: { line: 'line1', span: 'shift', at: 1 }, onReport: () => {}, onError: () => {} });
    await vi.advanceTimersByTimeAsync(30_000);
    expect(client.calls).toHaveLength(1);
    poller.reload();
    await vi.advanceTimersByTimeAsync(0);
    expect(client.calls).toHaveLength(2);
    poller.stop();
  });

  it('drops an answer that a newer request overtook, and reports errors in words', async () => {
    let release: (r: Result<OeeReport>) => void = () => {};
    const slow = new Promise<Result<OeeReport>>((resolve) => (release = resolve));
    const client = { oeeReport: vi.fn().mockReturnValueOnce(slow).mockResolvedValue({ ok: false, error: { code: 'disconnected', message: 'x' } }) };
    const reports: OeeReport[] = [];
    const errors: (string | null)[] = [];
    const poller = startReportPoller({ client, request: { line: 'line1', span: 'shift' }, onReport: (r) => reports.push(r), onError: (e) => errors.push(e) });
    poller.reload();
    await vi.advanceTimersByTimeAsync(0);
    release({ ok: true, value: makeReport() });
    await vi.advanceTimersByTimeAsync(0);
    expect(reports).toEqual([]);
    expect(errors).toEqual(['No connection to the runtime.']);
    // The period under way is asked for again after a failure.
    await vi.advanceTimersByTimeAsync(5_000);
    expect(client.oeeReport).toHaveBeenCalledTimes(3);
    poller.stop();
  });
});
