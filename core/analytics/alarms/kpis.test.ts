/**
 * EEMUA 191 KPIs on a generated four-hour alarm history whose figures are known in advance:
 * 6 activations per 10 min for 2 h, then a 20-minute burst of 30, one alarm activating 5
 * times in 40 s, one alarm standing for 25 h.
 */
import { describe, expect, it } from 'vitest';
import type { AlarmEvent, AlarmPriority, AlarmState, AlarmStatus } from '../../contract/index.js';
import { createAlarmEngine } from './engine.js';
import { alarmKpis } from './kpis.js';
import { alarm, sample } from './testing/fixtures.js';

const MIN = 60_000;
const H = 60 * MIN;
const T0 = Date.UTC(2026, 2, 2, 6, 0, 0);

function activation(alarmId: string, at: number, priority: AlarmPriority, to: AlarmState = 'unacknowledged'): AlarmEvent[] {
  const base = { alarmId, priority, asset: 'line1/m', tag: 'line1/m/t', message: `Message of ${alarmId}` };
  return [
    { ...base, at, kind: 'activated', from: to === 'unacknowledged' ? 'normal' : to, to, cause: 'value above limit', value: 1 },
    { ...base, at: at + 5_000, kind: 'returned', from: to, to: to === 'unacknowledged' ? 'rtn-unacknowledged' : to, cause: 'value back below limit', value: 0 },
  ];
}

/** The history; shuffled a little (journals are not always in time order). */
function history(): AlarmEvent[] {
  const events: AlarmEvent[] = [];
  // 0–2 h: every 100 s, six background alarms in turn (72 activations, 12 each, low).
  for (let k = 0; k < 72; k++) events.push(...activation(`bg${k % 6}`, T0 + k * 100_000, 'low'));
  // 2 h–2 h 20: a burst of 30, every 40 s, ten alarms in turn (3 each, medium).
  for (let j = 0; j < 30; j++) events.push(...activation(`burst${j % 10}`, T0 + 2 * H + j * 40_000, 'medium'));
  // 3 h: one alarm chattering, 5 activations in 40 s (high).
  for (let c = 0; c < 5; c++) events.push(...activation('chatter', T0 + 3 * H + c * 10_000, 'high'));
  // Standing since 25 h before the end of the range (outside it), never returned.
  events.push(activation('standing', T0 + 4 * H - 25 * H, 'critical')[0]!);
  // Activations under a shelf or out of service are journalled but not shown: not counted.
  events.push(...activation('hidden', T0 + 3.5 * H, 'low', 'shelved'), ...activation('oos', T0 + 3.6 * H, 'low', 'out-of-service'));
  // An activation after the range.
  events.push(...activation('late', T0 + 4 * H, 'low'));
  return events.reverse();
}

describe('alarmKpis', () => {
  const options = { from: T0, to: T0 + 4 * H };

  it('counts activations, rates, the flood and its share of time', () => {
    const kpis = alarmKpis(history(), options);
    expect(kpis.activations).toBe(72 + 30 + 5);
    expect(kpis.averagePer10MinPerOperator).toBeCloseTo(107 / 24, 10);
    expect(kpis.peak10MinRate).toBe(15);
    expect(kpis.peak10MinAt).toBe(T0 + 2 * H);
    expect(kpis.floodPeriods).toEqual([{ from: T0 + 2 * H, to: T0 + 2 * H + 20 * MIN, count: 30 }]);
    expect(kpis.timeInFloodFraction).toBeCloseTo(20 / 240, 10);
    expect(kpis.priorityDistribution).toEqual({ critical: 0, high: 5, medium: 30, low: 72, diagnostic: 0 });
  });

  it('per operator position: two operators halve the rates and double the flood threshold', () => {
    const kpis = alarmKpis(history(), { ...options, operatorPositions: 2 });
    expect(kpis.averagePer10MinPerOperator).toBeCloseTo(107 / 24 / 2, 10);
    expect(kpis.peak10MinRate).toBe(7.5);
    expect(kpis.floodPeriods).toEqual([]);
    expect(kpis.timeInFloodFraction).toBe(0);
  });

  it('finds the chattering alarm, the stale one and the top ten bad actors', () => {
    const kpis = alarmKpis(history(), options);
    expect(kpis.chattering).toEqual([{ alarmId: 'chatter', activations: 5, message: 'Message of chatter' }]);
    expect(kpis.stale).toEqual([{ alarmId: 'standing', since: T0 - 21 * H, message: 'Message of standing' }]);
    expect(kpis.top10.map((t) => [t.alarmId, t.activations, t.priority])).toEqual([
      ['bg0', 12, 'low'],
      ['bg1', 12, 'low'],
      ['bg2', 12, 'low'],
      ['bg3', 12, 'low'],
      ['bg4', 12, 'low'],
      ['bg5', 12, 'low'],
      ['chatter', 5, 'high'],
      ['burst0', 3, 'medium'],
      ['burst1', 3, 'medium'],
      ['burst2', 3, 'medium'],
    ]);
    // Judged a day earlier, nothing had stood for 24 h yet.
    expect(alarmKpis(history(), { ...options, now: T0 + 2 * H }).stale).toEqual([]);
  });

  it('counts shelved, out-of-service and suppressed alarms from the current statuses, or else from the last events', () => {
    const fromEvents = alarmKpis(history(), options);
    expect([fromEvents.shelvedCount, fromEvents.outOfServiceCount, fromEvents.suppressedCount]).toEqual([1, 1, 0]);
    const status = (id: string, state: AlarmState, active = false, activatedAt?: number): AlarmStatus => ({
      id, tag: 't', asset: 'a', kind: 'H', priority: 'low', message: id, state, active, acknowledged: true, since: T0, ...(activatedAt === undefined ? {} : { activatedAt }),
    });
    const current = [status('a', 'shelved'), status('b', 'suppressed'), status('c', 'suppressed'), status('d', 'out-of-service'), status('e', 'acknowledged', true, T0 - 30 * H), status('f', 'normal')];
    const kpis = alarmKpis(history(), options, current);
    expect([kpis.shelvedCount, kpis.outOfServiceCount, kpis.suppressedCount]).toEqual([1, 1, 2]);
    expect(kpis.stale).toEqual([{ alarmId: 'e', since: T0 - 30 * H, message: 'e' }]);
  });

  it('an empty range gives zeros', () => {
    const kpis = alarmKpis([], options);
    expect(kpis).toMatchObject({ activations: 0, averagePer10MinPerOperator: 0, peak10MinRate: 0, timeInFloodFraction: 0, floodPeriods: [], chattering: [], stale: [], top10: [] });
    expect(kpis.peak10MinAt).toBeUndefined();
  });

  it('works on what the engine journals', () => {
    const engine = createAlarmEngine([alarm({ kind: 'H', limit: 10 })]);
    const events = engine.onSamples(Array.from({ length: 24 }, (_, i) => sample(i % 2 === 0 ? 11 : 0, T0 + i * 10_000)));
    const kpis = alarmKpis(events, { from: T0, to: T0 + 10 * MIN }, engine.all());
    expect(kpis).toMatchObject({ activations: 12, peak10MinRate: 12, timeInFloodFraction: 1, chattering: [{ activations: 12 }] });
  });
});
