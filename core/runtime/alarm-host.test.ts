// The alarm host on a runtime: samples raise alarms, the long poll answers at once, actions
// are journaled with the user, and the KPIs count what happened.
import { describe, expect, it } from 'vitest';
import type { AlarmEvent, AlarmJournalEntry } from '../contract/index.js';
import { pushDriver } from '../drivers/testing/push-driver.js';
import type { AlarmDefinition } from '../model/alarm.js';
import { testPlant } from '../service/testing/test-core.js';
import { startAlarmHost, type AlarmJournal } from './alarm-host.js';
import { silentLogger } from './logger.js';
import { createRuntime } from './runtime.js';
import { createManualClock } from './testing/manual-clock.js';

const high: AlarmDefinition = {
  id: 'line1/oven/temp:H',
  tag: 'line1/oven/temp',
  asset: 'line1/oven',
  kind: 'H',
  limit: 190,
  priority: 'high',
  deadband: 2,
  onDelayMs: 0,
  offDelayMs: 0,
  message: 'Oven too hot',
  latching: false,
};

function setup() {
  const plant = { ...testPlant(), alarms: [high] };
  const { factory, publish } = pushDriver();
  const clock = createManualClock();
  const runtime = createRuntime({ plant, drivers: [factory], clock, log: silentLogger() });
  const stored: AlarmJournalEntry[] = [];
  const journal: AlarmJournal = {
    append: (events: readonly AlarmEvent[]) => void stored.push(...events.map((e, i) => ({ ...e, id: stored.length + i + 1 }))),
    query: (q) => stored.filter((e) => e.at >= q.from && e.at < q.to && (!q.kinds || q.kinds.includes(e.kind))).slice(0, q.limit),
  };
  const host = startAlarmHost({ runtime, journal, log: silentLogger() });
  const temp = (value: number) => publish([{ path: 'line1/oven/temp', value, quality: { status: 'good' }, sourceTs: clock.now() }]);
  return { runtime, clock, host, stored, temp };
}

describe('alarm host', () => {
  it('raises, answers a waiting watcher at once, journals actions with the user, and counts', async () => {
    const { runtime, clock, host, stored, temp } = setup();
    await runtime.start();
    temp(180);
    const first = host.snapshot();
    expect(first.alarms).toEqual([]);

    const waiting = host.watch(first.revision, 10_000);
    const asked = Date.now();
    temp(195);
    const next = await waiting;
    expect(Date.now() - asked).toBeLessThan(500);
    expect(next.revision).toBeGreaterThan(first.revision);
    expect(next.alarms).toMatchObject([{ id: high.id, state: 'unacknowledged', priority: 'high', value: 195 }]);
    expect(next.counts).toMatchObject({ unacknowledged: 1, active: 1, byPriority: { high: 1 } });

    clock.advance(1000);
    host.act({ kind: 'acknowledge', ids: [high.id], user: 'Ana', at: clock.now() });
    expect(host.snapshot().alarms[0]!.state).toBe('acknowledged');
    expect(() => host.act({ kind: 'reset', ids: [high.id], user: 'Ana', at: clock.now() })).toThrow(/active/);
    clock.advance(1000);
    temp(170);
    expect(host.snapshot().alarms).toEqual([]);
    expect(stored.map((e) => [e.kind, e.to, e.user])).toEqual([
      ['activated', 'unacknowledged', undefined],
      ['acknowledged', 'acknowledged', 'Ana'],
      ['returned', 'normal', undefined],
    ]);
    expect(host.journal({ from: 0, to: clock.now() + 1, limit: 10, kinds: ['acknowledged'] })[0]!.user).toBe('Ana');
    expect(host.kpis(clock.now() - 3_600_000, clock.now() + 1, 1)).toMatchObject({ activations: 1, top10: [{ alarmId: high.id, activations: 1 }] });

    // A watcher with an old revision is answered at once; one with the current revision waits its time.
    expect((await host.watch(0, 10_000)).revision).toBe(host.snapshot().revision);
    host.stop();
    await runtime.stop();
  });

  it('keeps the newest events in memory when the database cannot be written', async () => {
    const { runtime, host, temp } = setup();
    await runtime.start();
    const failing = startAlarmHost({
      runtime,
      journal: {
        append: () => {
          throw new Error('disk full');
        },
        query: () => {
          throw new Error('disk full');
        },
      },
      log: silentLogger(),
    });
    temp(200);
    expect(failing.journal({ from: 0, to: Number.MAX_SAFE_INTEGER, limit: 10 }).map((e) => e.kind)).toEqual(['activated']);
    failing.stop();
    host.stop();
    await runtime.stop();
  });

  it('after a restart, alarms out of service stay so and shelves that have not run out stay shelved', async () => {
    const { runtime, clock, host, stored, temp } = setup();
    await runtime.start();
    temp(195);
    host.act({ kind: 'shelve', id: high.id, user: 'Ana', at: clock.now(), reason: 'sensor swap', durationMs: 3_600_000 });
    host.act({ kind: 'out-of-service', id: high.id, user: 'Ben', at: clock.now(), reason: 'probe removed' });
    host.stop();
    clock.advance(600_000);
    const journal: AlarmJournal = { append: (events) => void stored.push(...events.map((e) => ({ ...e, id: 0 }))), query: (q) => stored.filter((e) => !q.kinds || q.kinds.includes(e.kind)) };
    const restarted = startAlarmHost({ runtime, journal, log: silentLogger() });
    const before = stored.length;
    expect(restarted.snapshot().alarms).toMatchObject([{ id: high.id, state: 'out-of-service' }]);
    restarted.act({ kind: 'in-service', id: high.id, user: 'Ben', at: clock.now() });
    expect(restarted.snapshot().alarms).toMatchObject([{ state: 'shelved', shelvedUntil: clock.now() - 600_000 + 3_600_000 }]);
    expect(stored.slice(before).map((e) => e.kind)).toEqual(['in-service']); // the restore itself is not journaled again
    restarted.stop();
    await runtime.stop();
  });

  it('after a restart, an alarm that returned unacknowledged still waits for its acknowledgement, and an acknowledged active one is not raised again', async () => {
    const { runtime, clock, host, stored, temp } = setup();
    await runtime.start();
    temp(195);
    host.act({ kind: 'acknowledge', ids: [high.id], user: 'Ana', at: clock.now() });
    host.stop();
    clock.advance(60_000);
    const count = stored.length;
    // Restarted while still hot: acknowledged and active, with no new activation in the journal.
    const again = startAlarmHost({ runtime, journal: { append: (events) => void stored.push(...events.map((e) => ({ ...e, id: 0 }))), query: (q) => stored.filter((e) => e.at >= q.from && e.at < q.to && (!q.kinds || q.kinds.includes(e.kind))) }, log: silentLogger() });
    expect(again.snapshot().alarms).toMatchObject([{ id: high.id, state: 'acknowledged', active: true }]);
    temp(196);
    expect(stored.length).toBe(count);
    // It cools down: normal (it was acknowledged). Raised again and cooled unacknowledged: rtn-unacknowledged …
    temp(150);
    temp(197);
    temp(150);
    expect(again.snapshot().alarms).toMatchObject([{ id: high.id, state: 'rtn-unacknowledged', active: false }]);
    again.stop();
    clock.advance(60_000);
    // … and so it stays across the next restart, until someone acknowledges it.
    const third = startAlarmHost({ runtime, journal: { append: (events) => void stored.push(...events.map((e) => ({ ...e, id: 0 }))), query: (q) => stored.filter((e) => e.at >= q.from && e.at < q.to && (!q.kinds || q.kinds.includes(e.kind))) }, log: silentLogger() });
    expect(third.snapshot().alarms).toMatchObject([{ id: high.id, state: 'rtn-unacknowledged', active: false }]);
    third.act({ kind: 'acknowledge', ids: [high.id], user: 'Ben', at: clock.now() });
    expect(third.snapshot().alarms).toEqual([]);
    third.stop();
    await runtime.stop();
  });
});
