/** The ISA-18.2 state machine: delays, process states, latching, overlays and operator actions. */
import { describe, expect, it } from 'vitest';
import { LinesideError } from '../../model/errors.js';
import type { AlarmAction } from '../../model/alarm.js';
import { createAlarmEngine } from './engine.js';
import { AlarmActionError } from './errors.js';
import { alarm, brief, sample, series, TAG } from './testing/fixtures.js';

const H = `${TAG}:H`;
const STATE = 'line1/labeler/state';
const user = 'ann';

function refusal(fn: () => unknown): AlarmActionError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AlarmActionError);
    expect(error).toBeInstanceOf(LinesideError);
    return error as AlarmActionError;
  }
  throw new Error('expected the action to be refused');
}

describe('delays', () => {
  it('on-delay: a spike shorter than the delay raises nothing', () => {
    const engine = createAlarmEngine([alarm({ kind: 'H', limit: 185, onDelayMs: 2000 })]);
    expect(engine.onSamples(series([[0, 180], [1000, 190], [2500, 189], [2999, 184]]))).toEqual([]);
    expect(engine.tick(10_000)).toEqual([]);
    expect(engine.status(H)).toMatchObject({ state: 'normal', active: false });
  });

  it('on-delay: a longer one raises at first + delay, found by a later sample', () => {
    const engine = createAlarmEngine([alarm({ kind: 'H', limit: 185, onDelayMs: 2000 })]);
    const events = engine.onSamples(series([[0, 180], [1000, 190], [2000, 191.2], [4000, 192]]));
    expect(brief(events)).toEqual(['activated normal→unacknowledged @3000']);
    expect(events[0]).toMatchObject({ value: 191.2, cause: 'value 191.2 above limit 185 for 2 s' });
    expect(engine.status(H)).toMatchObject({ activatedAt: 3000, since: 3000, value: 191.2 });
  });

  it('on-delay: … or by tick, at first + delay, not before', () => {
    const engine = createAlarmEngine([alarm({ kind: 'H', limit: 185, onDelayMs: 2000 })]);
    expect(engine.onSamples(series([[1000, 190]]))).toEqual([]);
    expect(engine.tick(2999)).toEqual([]);
    expect(brief(engine.tick(5000))).toEqual(['activated normal→unacknowledged @3000']);
    expect(engine.tick(6000)).toEqual([]);
  });

  it('off-delay: the alarm returns only when the condition stayed gone for the delay', () => {
    const engine = createAlarmEngine([alarm({ kind: 'H', limit: 185, offDelayMs: 5000 })]);
    expect(brief(engine.onSamples(series([[0, 190]])))).toEqual(['activated normal→unacknowledged @0']);
    // Gone at 1000 but back at 3000: the off-delay starts over.
    expect(engine.onSamples(series([[1000, 180], [3000, 186], [4000, 180]]))).toEqual([]);
    expect(engine.tick(8999)).toEqual([]);
    const events = engine.tick(9000);
    expect(brief(events)).toEqual(['returned unacknowledged→rtn-unacknowledged @9000']);
    expect(events[0]?.cause).toBe('value 180 back below limit 185 for 5 s');
  });

  it('a bad-quality sample keeps a running on-delay going', () => {
    const engine = createAlarmEngine([alarm({ kind: 'H', limit: 185, onDelayMs: 2000 })]);
    const events = engine.onSamples([sample(190, 0), sample(0, 1000, TAG, { status: 'bad' }), sample(190, 2500)]);
    expect(brief(events)).toEqual(['activated normal→unacknowledged @2000']);
  });
});

describe('process states', () => {
  const transitions: { name: string; latching: boolean; steps: (number | AlarmAction['kind'])[]; expected: string[] }[] = [
    { name: 'activate, acknowledge, return', latching: false, steps: [190, 'acknowledge', 180], expected: ['activated normal→unacknowledged', 'acknowledged unacknowledged→acknowledged', 'returned acknowledged→normal'] },
    { name: 'return before acknowledge, then acknowledge', latching: false, steps: [190, 180, 'acknowledge'], expected: ['activated normal→unacknowledged', 'returned unacknowledged→rtn-unacknowledged', 'acknowledged rtn-unacknowledged→normal'] },
    { name: 're-activation from rtn-unacknowledged', latching: false, steps: [190, 180, 191], expected: ['activated normal→unacknowledged', 'returned unacknowledged→rtn-unacknowledged', 'activated rtn-unacknowledged→unacknowledged'] },
    { name: 'latching: return while acknowledged latches; reset', latching: true, steps: [190, 'acknowledge', 180, 'reset'], expected: ['activated normal→unacknowledged', 'acknowledged unacknowledged→acknowledged', 'returned acknowledged→latched', 'reset latched→normal'] },
    { name: 'latching: acknowledge of a returned alarm latches', latching: true, steps: [190, 180, 'acknowledge', 'reset'], expected: ['activated normal→unacknowledged', 'returned unacknowledged→rtn-unacknowledged', 'acknowledged rtn-unacknowledged→latched', 'reset latched→normal'] },
    { name: 'latching: re-activation from latched', latching: true, steps: [190, 'acknowledge', 180, 195], expected: ['activated normal→unacknowledged', 'acknowledged unacknowledged→acknowledged', 'returned acknowledged→latched', 'activated latched→unacknowledged'] },
  ];

  it.each(transitions)('$name', ({ latching, steps, expected }) => {
    const engine = createAlarmEngine([alarm({ kind: 'H', limit: 185, latching })]);
    const events = steps.flatMap((step, i) => {
      const at = i * 1000;
      if (typeof step === 'number') return engine.onSamples([sample(step, at)]);
      return engine.act({ kind: step, ids: [H], user, at } as AlarmAction);
    });
    expect(events.map((e) => `${e.kind} ${e.from}→${e.to}`)).toEqual(expected);
    expect(events.filter((e) => e.kind === 'acknowledged' || e.kind === 'reset').every((e) => e.user === user && e.cause === 'operator')).toBe(true);
  });

  it('reset is refused while the alarm is active, and when it is not latched', () => {
    const engine = createAlarmEngine([alarm({ kind: 'H', limit: 185, latching: true })]);
    engine.onSamples([sample(190, 0)]);
    engine.act({ kind: 'acknowledge', ids: [H], user, at: 1000 });
    const active = refusal(() => engine.act({ kind: 'reset', ids: [H], user, at: 2000 }));
    expect(active.code).toBe('alarm-action-refused');
    expect(active.message).toBe(`cannot reset ${H}: it is still active`);
    engine.onSamples([sample(180, 3000)]);
    engine.act({ kind: 'reset', ids: [H], user, at: 4000 });
    expect(refusal(() => engine.act({ kind: 'reset', ids: [H], user, at: 5000 })).message).toBe(`cannot reset ${H}: it is not latched (it is normal)`);
  });

  it('acknowledging a normal alarm is refused; an unknown id is named', () => {
    const engine = createAlarmEngine([alarm({ kind: 'H', limit: 185 })]);
    expect(refusal(() => engine.act({ kind: 'acknowledge', ids: [H], user, at: 0 })).message).toBe(`cannot acknowledge ${H}: it is normal, there is nothing to acknowledge`);
    const unknown = refusal(() => engine.act({ kind: 'acknowledge', ids: ['line1/x:H'], user, at: 0 }));
    expect(unknown.code).toBe('unknown-alarm');
    expect(unknown.message).toBe('unknown alarm line1/x:H');
  });

  it('acknowledges several ids at once, skipping those already acknowledged; one refusal refuses all', () => {
    const ids = ['a', 'b', 'c'].map((n) => `line1/m/${n}:H`);
    const engine = createAlarmEngine(ids.map((id, i) => alarm({ kind: 'H', id, tag: `line1/m/${'abc'[i]}`, limit: 10 })));
    engine.onSamples(['a', 'b', 'c'].map((n) => sample(11, 0, `line1/m/${n}`)));
    engine.act({ kind: 'acknowledge', ids: [ids[0]!], user, at: 1000 });
    engine.onSamples([sample(5, 1500, 'line1/m/b')]); // b returns unacknowledged
    const events = engine.act({ kind: 'acknowledge', ids, user, at: 2000 });
    expect(events.map((e) => `${e.alarmId} ${e.from}→${e.to}`)).toEqual([`${ids[1]} rtn-unacknowledged→normal`, `${ids[2]} unacknowledged→acknowledged`]);

    // Now b is normal: acknowledging the three is refused as a whole.
    engine.onSamples([sample(12, 3000, 'line1/m/c'), sample(5, 3000, 'line1/m/c'), sample(11, 3500, 'line1/m/c')]);
    expect(engine.status(ids[2]!)?.state).toBe('unacknowledged');
    expect(refusal(() => engine.act({ kind: 'acknowledge', ids, user, at: 4000 })).message).toBe(`cannot acknowledge ${ids[1]}: it is normal, there is nothing to acknowledge`);
    expect(engine.status(ids[2]!)?.state).toBe('unacknowledged');
  });

  it('a comment leaves the state as it is', () => {
    const engine = createAlarmEngine([alarm({ kind: 'H', limit: 185 })]);
    engine.onSamples([sample(190, 0)]);
    const [event] = engine.act({ kind: 'comment', id: H, user, at: 1000, text: 'Heater contactor checked' });
    expect(event).toMatchObject({ kind: 'comment', from: 'unacknowledged', to: 'unacknowledged', user, text: 'Heater contactor checked', at: 1000 });
    expect(engine.status(H)).toMatchObject({ state: 'unacknowledged', since: 0 });
    expect(refusal(() => engine.act({ kind: 'comment', id: H, user, at: 1000, text: ' ' })).message).toBe(`cannot comment on ${H}: the comment is empty`);
  });

  it('an action first catches up with its alarm\'s delays; a refused one hands those events to the next call', () => {
    const engine = createAlarmEngine([alarm({ kind: 'H', limit: 185, onDelayMs: 2000 })]);
    engine.onSamples([sample(190, 0)]);
    const events = engine.act({ kind: 'acknowledge', ids: [H], user, at: 2500 });
    expect(brief(events)).toEqual(['activated normal→unacknowledged @2000', 'acknowledged unacknowledged→acknowledged @2500']);

    const other = createAlarmEngine([alarm({ kind: 'H', limit: 185, offDelayMs: 1000 })]);
    other.onSamples([sample(190, 0)]);
    other.act({ kind: 'acknowledge', ids: [H], user, at: 100 });
    other.onSamples([sample(180, 200)]);
    expect(() => other.act({ kind: 'acknowledge', ids: [H], user, at: 5000 })).toThrow(/it is normal/);
    expect(brief(other.tick(5000))).toEqual(['returned acknowledged→normal @1200']);
  });
});

describe('shelving', () => {
  const shelve = (at: number, durationMs = 1_800_000): Extract<AlarmAction, { kind: 'shelve' }> => ({ kind: 'shelve', id: H, user, at, reason: 'Sensor being replaced', durationMs });

  it('shelved from any state; the process is tracked underneath without showing', () => {
    const engine = createAlarmEngine([alarm({ kind: 'H', limit: 185 })]);
    const [shelved] = engine.act(shelve(0));
    expect(shelved).toMatchObject({ kind: 'shelved', from: 'normal', to: 'shelved', user, text: 'Sensor being replaced', cause: 'operator, for 30 min' });
    expect(engine.status(H)).toMatchObject({ state: 'shelved', shelvedUntil: 1_800_000 });
    const events = engine.onSamples(series([[1000, 190], [2000, 180]]));
    expect(brief(events)).toEqual(['activated shelved→shelved @1000', 'returned shelved→shelved @2000']);
    expect(engine.active().map((s) => s.state)).toEqual(['shelved']);
  });

  it('expiry while the condition is present shows it unacknowledged, at the exact expiry time, via tick', () => {
    const engine = createAlarmEngine([alarm({ kind: 'H', limit: 185 })]);
    engine.act(shelve(0));
    engine.onSamples([sample(190, 60_000)]);
    expect(engine.tick(1_799_999)).toEqual([]);
    const [expired] = engine.tick(1_800_500);
    expect(expired).toMatchObject({ kind: 'unshelved', from: 'shelved', to: 'unacknowledged', at: 1_800_000, cause: 'shelf time of 30 min ran out' });
    expect(expired?.user).toBeUndefined();
    expect(engine.status(H)).toMatchObject({ state: 'unacknowledged', active: true, activatedAt: 60_000, since: 1_800_000 });
    expect(engine.status(H)?.shelvedUntil).toBeUndefined();
  });

  it('expiry found by the alarm\'s next sample; an alarm that came and went while shelved is normal after', () => {
    const engine = createAlarmEngine([alarm({ kind: 'H', limit: 185 })]);
    engine.act(shelve(0, 60_000));
    const events = engine.onSamples(series([[10_000, 190], [20_000, 180], [70_000, 181]]));
    expect(brief(events)).toEqual(['activated shelved→shelved @10000', 'returned shelved→shelved @20000', 'unshelved shelved→normal @60000']);
  });

  it('an alarm acknowledged before it was shelved shows acknowledged after, if still present', () => {
    const engine = createAlarmEngine([alarm({ kind: 'H', limit: 185 })]);
    engine.onSamples([sample(190, 0)]);
    engine.act({ kind: 'acknowledge', ids: [H], user, at: 1000 });
    engine.act(shelve(2000, 60_000));
    expect(brief(engine.tick(100_000))).toEqual(['unshelved shelved→acknowledged @62000']);
  });

  it('unshelved by hand; acknowledge and a second shelve are refused while shelved', () => {
    const engine = createAlarmEngine([alarm({ kind: 'H', limit: 185 })]);
    engine.onSamples([sample(190, 0)]);
    engine.act(shelve(1000));
    expect(refusal(() => engine.act({ kind: 'acknowledge', ids: [H], user, at: 2000 })).message).toBe(`cannot acknowledge ${H}: it is shelved`);
    expect(refusal(() => engine.act(shelve(2000))).message).toBe(`cannot shelve ${H}: it is already shelved (for another 30 min)`);
    const [unshelved] = engine.act({ kind: 'unshelve', id: H, user, at: 3000 });
    expect(unshelved).toMatchObject({ kind: 'unshelved', from: 'shelved', to: 'unacknowledged', user, cause: 'operator' });
    expect(engine.tick(10_000_000)).toEqual([]); // the old shelf time is gone
    expect(refusal(() => engine.act({ kind: 'unshelve', id: H, user, at: 4000 })).message).toBe(`cannot unshelve ${H}: it is not shelved`);
    expect(refusal(() => engine.act({ ...shelve(5000), durationMs: 0 })).message).toMatch(/shelf time must be a positive number/);
    expect(refusal(() => engine.act({ ...shelve(5000), reason: '' })).message).toBe(`cannot shelve ${H}: a reason is required`);
  });
});

describe('suppression by design', () => {
  const suppressed = () =>
    createAlarmEngine([alarm({ kind: 'L', limit: 155, suppressWhen: { tag: STATE, values: [2, 6, 7] } })]);
  const L = `${TAG}:L`;

  it('suppression while active, and its end shows the current process state', () => {
    const engine = suppressed();
    expect(brief(engine.onSamples([sample(1, 0, STATE), sample(150, 1000)]))).toEqual(['activated normal→unacknowledged @1000']);
    const events = engine.onSamples([sample(6, 2000, STATE), sample(140, 3000), sample(1, 4000, STATE)]);
    expect(brief(events)).toEqual(['suppressed unacknowledged→suppressed @2000', 'unsuppressed suppressed→unacknowledged @4000']);
    expect(events[0]?.cause).toBe(`${STATE} is 6, a suppressing state`);
    expect(events[1]?.cause).toBe(`${STATE} is 1, no longer a suppressing state`);
  });

  it('an alarm raised and cleared while suppressed leaves nothing to acknowledge; a bad sample of the state changes nothing', () => {
    const engine = suppressed();
    const events = engine.onSamples([
      sample(2, 0, STATE),
      sample(140, 1000),
      sample(0, 1500, STATE, { status: 'bad', reason: 'device not responding' }),
      sample(170, 2000),
      sample(1, 3000, STATE),
    ]);
    expect(brief(events)).toEqual(['suppressed normal→suppressed @0', 'activated suppressed→suppressed @1000', 'returned suppressed→suppressed @2000', 'unsuppressed suppressed→normal @3000']);
    expect(refusal(() => engine.act({ kind: 'acknowledge', ids: [L], user, at: 4000 })).message).toMatch(/it is normal/);
  });
});

describe('out of service', () => {
  it('no activation shows meanwhile; back in service shows the current state', () => {
    const engine = createAlarmEngine([alarm({ kind: 'H', limit: 185 })]);
    const [out] = engine.act({ kind: 'out-of-service', id: H, user, at: 0, reason: 'Heater replaced' });
    expect(out).toMatchObject({ from: 'normal', to: 'out-of-service', text: 'Heater replaced', user });
    const events = engine.onSamples([sample(190, 1000)]);
    expect(brief(events)).toEqual(['activated out-of-service→out-of-service @1000']);
    expect(refusal(() => engine.act({ kind: 'shelve', id: H, user, at: 1500, reason: 'x', durationMs: 1000 })).message).toBe(`cannot shelve ${H}: it is out of service`);
    expect(brief(engine.act({ kind: 'in-service', id: H, user, at: 2000 }))).toEqual(['in-service out-of-service→unacknowledged @2000']);
    expect(refusal(() => engine.act({ kind: 'in-service', id: H, user, at: 3000 })).message).toBe(`cannot put ${H} back in service: it is not out of service`);
  });

  it('precedence: out of service over shelved over suppressed', () => {
    const engine = createAlarmEngine([alarm({ kind: 'H', limit: 185, suppressWhen: { tag: STATE, values: [6] } })]);
    const events = [
      ...engine.onSamples([sample(6, 0, STATE)]),
      ...engine.act({ kind: 'shelve', id: H, user, at: 1000, reason: 'nuisance', durationMs: 10_000 }),
      ...engine.act({ kind: 'out-of-service', id: H, user, at: 2000, reason: 'repair' }),
      ...engine.onSamples([sample(190, 3000)]),
      ...engine.tick(11_000), // the shelf runs out underneath
      ...engine.act({ kind: 'in-service', id: H, user, at: 12_000 }),
      ...engine.onSamples([sample(1, 13_000, STATE)]),
    ];
    expect(brief(events)).toEqual([
      'suppressed normal→suppressed @0',
      'shelved suppressed→shelved @1000',
      'out-of-service shelved→out-of-service @2000',
      'activated out-of-service→out-of-service @3000',
      'unshelved out-of-service→out-of-service @11000',
      'in-service out-of-service→suppressed @12000',
      'unsuppressed suppressed→unacknowledged @13000',
    ]);
  });
});

describe('lists and definitions', () => {
  it('active() holds every alarm that is not normal, newest activation first; all() every alarm', () => {
    const defs = ['a', 'b', 'c', 'd'].map((n) => alarm({ kind: 'H', id: `m/${n}:H`, tag: `m/${n}`, limit: 10 }));
    const engine = createAlarmEngine(defs, { start: 500 });
    engine.onSamples([sample(11, 1000, 'm/a'), sample(11, 3000, 'm/b'), sample(11, 2000, 'm/c')]);
    engine.act({ kind: 'out-of-service', id: 'm/d:H', user, at: 4000, reason: 'r' });
    expect(engine.active().map((s) => s.id)).toEqual(['m/b:H', 'm/c:H', 'm/a:H', 'm/d:H']);
    expect(engine.all().map((s) => [s.id, s.since])).toEqual([['m/a:H', 1000], ['m/b:H', 3000], ['m/c:H', 2000], ['m/d:H', 4000]]);
    expect(engine.status('m/x')).toBeUndefined();
    expect(engine.status('m/a:H')).toEqual({
      id: 'm/a:H', tag: 'm/a', asset: 'm', kind: 'H', priority: 'high', message: 'Glue tank temperature',
      state: 'unacknowledged', active: true, acknowledged: false, activatedAt: 1000, since: 1000, value: 11,
    });
  });

  it('returns the events of a batch in time order, whatever the order of the tags', () => {
    const engine = createAlarmEngine([alarm({ kind: 'H', id: 'a:H', tag: 'a', limit: 10 }), alarm({ kind: 'H', id: 'b:H', tag: 'b', limit: 10 })]);
    expect(engine.onSamples([sample(11, 2000, 'a'), sample(11, 1000, 'b')]).map((e) => e.alarmId)).toEqual(['b:H', 'a:H']);
  });

  it('keeps working when it is never ticked and delays keep being cancelled', () => {
    const engine = createAlarmEngine([alarm({ kind: 'H', limit: 185, onDelayMs: 1000 })]);
    // 5,000 spikes, each starting an on-delay that the next sample cancels.
    const spikes = Array.from({ length: 10_000 }, (_, i) => sample(i % 2 === 0 ? 190 : 180, i * 100));
    expect(engine.onSamples(spikes)).toEqual([]);
    engine.onSamples([sample(190, 1_000_000)]);
    expect(brief(engine.tick(1_000_999))).toEqual([]);
    expect(brief(engine.tick(1_001_000))).toEqual(['activated normal→unacknowledged @1001000']);
  });

  it('refuses definitions it cannot evaluate', () => {
    expect(() => createAlarmEngine([alarm({ kind: 'H' })])).toThrow(/needs a finite limit/);
    expect(() => createAlarmEngine([alarm({ kind: 'H', limit: 1 }), alarm({ kind: 'H', limit: 2 })])).toThrow(/defined twice/);
    expect(() => createAlarmEngine([alarm({ kind: 'deviation', limit: 1 })])).toThrow(/needs a setpointTag/);
  });
});

describe('a plant changed live (carryFrom)', () => {
  it('keeps every alarm that keeps its definition exactly as it was, and judges a changed limit on the next sample', () => {
    const hh = alarm({ kind: 'HH', limit: 190 });
    const before = [alarm({ kind: 'H', limit: 185, offDelayMs: 5000 }), hh, alarm({ kind: 'L', limit: 120 })];
    const engine = createAlarmEngine(before);
    expect(brief(engine.onSamples(series([[0, 195]])))).toEqual(['activated normal→unacknowledged @0', 'activated normal→unacknowledged @0']);
    engine.act({ kind: 'acknowledge', ids: [`${TAG}:HH`], user, at: 1000 });
    engine.act({ kind: 'shelve', id: `${TAG}:L`, user, reason: 'tank refilling', durationMs: 600_000, at: 1000 });
    const after = [alarm({ kind: 'H', limit: 200, offDelayMs: 5000 }), hh, alarm({ kind: 'L', limit: 120 })];
    const next = createAlarmEngine(after, { start: 2000, carryFrom: engine });
    for (const id of [`${TAG}:HH`, `${TAG}:L`]) expect(next.status(id)).toEqual(engine.status(id));
    // The H alarm keeps its state until a sample is judged by its new limit of 200.
    expect(next.status(`${TAG}:H`)).toMatchObject({ state: 'unacknowledged', active: true, activatedAt: 0 });
    expect(next.onSamples(series([[3000, 195]]))).toEqual([]);
    expect(brief(next.tick(8000))).toEqual(['returned unacknowledged→rtn-unacknowledged @8000']);
    expect(next.status(`${TAG}:HH`)).toMatchObject({ state: 'acknowledged', active: true });
    // The shelf runs out when it would have.
    expect(brief(next.tick(601_000))).toEqual(['unshelved shelved→normal @601000']);
  });
});
