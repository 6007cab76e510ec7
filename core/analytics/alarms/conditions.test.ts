/** Each condition kind through the engine, table-driven: values in, the transitions they cause. */
import { describe, expect, it } from 'vitest';
import type { TagValueData } from '../../contract/index.js';
import type { AlarmDefinition } from '../../model/alarm.js';
import { createAlarmEngine } from './engine.js';
import { alarm, brief, sample, TAG } from './testing/fixtures.js';
import { formatDuration, formatNumber } from './text.js';

const SP = 'line1/labeler/glue_setpoint';

interface Case {
  name: string;
  def: Partial<AlarmDefinition> & Pick<AlarmDefinition, 'kind'>;
  /** Values at 0, 1000, 2000, … ms. */
  values: TagValueData[];
  /** [index of the value, 'activated' | 'returned'] */
  expected: [number, 'activated' | 'returned'][];
}

const cases: Case[] = [
  { name: 'H: at the limit activates (≥)', def: { kind: 'H', limit: 185 }, values: [180, 185, 184.9], expected: [[1, 'activated'], [2, 'returned']] },
  {
    name: 'H with deadband: hovering just inside the limit does not return; below limit − deadband does',
    def: { kind: 'H', limit: 185, deadband: 1 },
    values: [180, 186, 184.5, 184.01, 184, 185.5, 183.99],
    expected: [[1, 'activated'], [6, 'returned']],
  },
  { name: 'HH', def: { kind: 'HH', limit: 190, deadband: 2 }, values: [191, 189, 187.9], expected: [[0, 'activated'], [2, 'returned']] },
  { name: 'L with deadband mirrors H', def: { kind: 'L', limit: 155, deadband: 1 }, values: [160, 155, 155.9, 156, 156.01], expected: [[1, 'activated'], [4, 'returned']] },
  { name: 'LL', def: { kind: 'LL', limit: 140 }, values: [139, 140, 140.1], expected: [[0, 'activated'], [2, 'returned']] },
  { name: 'rate: |Δvalue/Δt| per second between consecutive samples', def: { kind: 'rate', limit: 2 }, values: [100, 101, 103, 104, 101, 101], expected: [[2, 'activated'], [3, 'returned'], [4, 'activated'], [5, 'returned']] },
  { name: 'rate with deadband', def: { kind: 'rate', limit: 4, deadband: 1 }, values: [0, 4, 7, 10, 12], expected: [[1, 'activated'], [4, 'returned']] },
  { name: 'discrete: the value is one of the states', def: { kind: 'discrete', states: [5, 7] }, values: [1, 5, 7, 2, 7], expected: [[1, 'activated'], [3, 'returned'], [4, 'activated']] },
  { name: 'discrete on strings and booleans', def: { kind: 'discrete', states: ['F204', true] }, values: ['', 'F204', false, true], expected: [[1, 'activated'], [2, 'returned'], [3, 'activated']] },
];

describe('conditions', () => {
  it.each(cases)('$name', ({ def, values, expected }) => {
    const engine = createAlarmEngine([alarm(def)]);
    const events = engine.onSamples(values.map((v, i) => sample(v, i * 1000)));
    expect(events.map((e) => [e.at / 1000, e.kind])).toEqual(expected);
  });

  it('deviation follows a moving setpoint: a setpoint step re-evaluates the last value at once', () => {
    const engine = createAlarmEngine([alarm({ kind: 'deviation', limit: 5, deadband: 1, setpointTag: SP })]);
    // No setpoint yet: nothing can be judged.
    expect(engine.onSamples([sample(150, 0)])).toEqual([]);
    expect(brief(engine.onSamples([sample(170, 1000, SP)]))).toEqual(['activated normal→unacknowledged @1000']);
    expect(brief(engine.onSamples([sample(166, 2000)]))).toEqual([]); // |166 − 170| = 4: inside limit, not below limit − deadband
    const back = engine.onSamples([sample(167, 3000)]);
    expect(back.map((e) => e.cause)).toEqual(['deviation 3 from setpoint 170 (value 167) back within 4 (limit 5, deadband 1)']);
    // The setpoint moves away from the value: the alarm comes back without a new value.
    const moved = engine.onSamples([sample(175, 4000, SP)]);
    expect(brief(moved)).toEqual(['activated rtn-unacknowledged→unacknowledged @4000']);
    expect(moved[0]).toMatchObject({ value: 167, cause: 'deviation 8 from setpoint 175 (value 167) beyond limit 5' });
    // A bad setpoint sample keeps the last setpoint.
    expect(engine.onSamples([sample(0, 5000, SP, { status: 'bad', reason: 'x' }), sample(172, 6000)]).map((e) => e.kind)).toEqual(['returned']);
  });

  it('bad-quality: bad activates, good or uncertain returns; the reason is the cause, no value', () => {
    const engine = createAlarmEngine([alarm({ kind: 'bad-quality', priority: 'medium' })]);
    const events = engine.onSamples([
      sample(170, 0),
      sample(170, 1000, TAG, { status: 'bad', reason: 'sensor open circuit' }),
      sample(170, 2000, TAG, { status: 'bad', reason: 'sensor open circuit' }),
      sample(171, 3000, TAG, { status: 'uncertain', reason: 'last usable value' }),
    ]);
    expect(events.map((e) => [e.kind, e.at, e.cause, e.value])).toEqual([
      ['activated', 1000, 'quality bad: sensor open circuit', undefined],
      ['returned', 3000, 'quality uncertain again (last usable value)', undefined],
    ]);
  });

  it('a bad sample does not change an analogue condition, nor is it a rate\'s previous sample', () => {
    const bad = { status: 'bad', reason: 'sensor open circuit' } as const;
    const h = createAlarmEngine([alarm({ kind: 'H', limit: 185 })]);
    expect(h.onSamples([sample(190, 0), sample(0, 1000, TAG, bad), sample(0, 2000, TAG, bad)]).map((e) => e.kind)).toEqual(['activated']);
    expect(h.status(`${TAG}:H`)).toMatchObject({ active: true, value: 190 });
    const rate = createAlarmEngine([alarm({ kind: 'rate', limit: 2 })]);
    // 100 → (bad) → 103 over 2 s is 1.5/s: no alarm (against the bad placeholder it would be 103/s).
    expect(rate.onSamples([sample(100, 0), sample(0, 1000, TAG, bad), sample(103, 2000)])).toEqual([]);
  });

  it('an uncertain sample is evaluated like a good one, and the cause says so', () => {
    const engine = createAlarmEngine([alarm({ kind: 'H', limit: 185 })]);
    const [event] = engine.onSamples([sample(191.2, 0, TAG, { status: 'uncertain', reason: 'sensor drifting' })]);
    expect(event).toMatchObject({ kind: 'activated', value: 191.2, cause: 'value 191.2 above limit 185 (quality uncertain: sensor drifting)' });
  });

  it('causes name the value and the limit', () => {
    const engine = createAlarmEngine([alarm({ kind: 'H', limit: 185, deadband: 1 }), alarm({ kind: 'L', limit: 155 })]);
    const events = engine.onSamples([sample(191.2, 0), sample(183.5, 1000), sample(150, 2000), sample(160, 3000)]);
    expect(events.map((e) => e.cause)).toEqual([
      'value 191.2 above limit 185',
      'value 183.5 back below 184 (limit 185, deadband 1)',
      'value 150 below limit 155',
      'value 160 back above limit 155',
    ]);
  });

  it('formats numbers and durations for people', () => {
    expect([0.1 + 0.2, 191.2, 1234567.25, 1234567.123456, 3, -0.000123456789].map(formatNumber)).toEqual(['0.3', '191.2', '1234567.25', '1234567', '3', '-0.000123457']);
    expect([500, 2000, 2500, 1_800_000, 7_200_000, 5_400_000, 90_000_000].map(formatDuration)).toEqual(['500 ms', '2 s', '2.5 s', '30 min', '2 h', '1 h 30 min', '25 h']);
  });
});
