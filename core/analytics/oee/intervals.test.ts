/** State samples → intervals: changes only or every second alike, fault codes, micro-stops, bad quality, order. */
import { describe, expect, it } from 'vitest';
import type { TimedValue } from './intervals.js';
import { OeeInputError } from './errors.js';
import { buildStateIntervals, StateIntervalBuilder } from './intervals.js';
import { at, brief, classify, code, MON_0600, timelineSamples, type Step } from './testing/fixtures.js';

const S = 1000;
const T = MON_0600;
const { running, idle, down, starved } = code;

interface Case {
  name: string;
  steps: Step[];
  microStopS?: number;
  expected: string[];
}

const cases: Case[] = [
  { name: 'one state', steps: [[running, 60]], expected: ['running 06:00–06:01 ongoing'] },
  {
    name: 'a stop with its fault code',
    steps: [[running, 60], [down, 120, 'F204'], [running, 60]],
    expected: ['running 06:00–06:01', 'down F204 06:01–06:03', 'running 06:03–06:04 ongoing'],
  },
  {
    name: 'micro-stops: down, idle, starved, blocked under the threshold; not running, not a long stop',
    steps: [[running, 60], [down, 20, 'F101'], [running, 60], [starved, 29], [running, 60], [down, 30, 'F101'], [idle, 10]],
    microStopS: 30,
    expected: [
      'running 06:00–06:01',
      'down F101 06:01–06:01:20 micro',
      'running 06:01:20–06:02:20',
      'starved 06:02:20–06:02:49 micro',
      'running 06:02:49–06:03:49',
      'down F101 06:03:49–06:04:19',
      'idle 06:04:19–06:04:29 micro ongoing',
    ],
  },
  {
    name: 'bad quality is unknown, with the reason, never running',
    steps: [[running, 60], ['bad', 30], [running, 60]],
    expected: ['running 06:00–06:01', 'unknown 06:01–06:01:30', 'running 06:01:30–06:02:30 ongoing'],
  },
  {
    name: 'two failures in a row with different codes are two intervals',
    steps: [[down, 60, 'C110'], [down, 60, 'C220']],
    expected: ['down C110 06:00–06:01', 'down C220 06:01–06:02 ongoing'],
  },
];

describe('buildStateIntervals', () => {
  it.each(cases)('$name', ({ steps, microStopS, expected }) => {
    const { states, faults, end } = timelineSamples(T, steps);
    expect(brief(buildStateIntervals(states, faults, { classify, microStopMs: (microStopS ?? 0) * S, until: end }))).toEqual(expected);
  });

  it('a 1 Hz feed gives the same intervals as the change list', () => {
    const steps: Step[] = [[running, 300], [down, 45, 'F101'], [running, 200], ['bad', 20], [idle, 600]];
    const changes = timelineSamples(T, steps);
    const dense: TimedValue[] = [];
    const denseFaults: TimedValue[] = [];
    for (let t = T; t < changes.end; t += S) {
      const i = changes.states.findLastIndex((s) => s.sourceTs <= t);
      dense.push({ ...changes.states[i]!, sourceTs: t });
      denseFaults.push({ ...changes.faults[i]!, sourceTs: t });
    }
    const options = { classify, microStopMs: 30 * S, until: changes.end };
    expect(buildStateIntervals(dense, denseFaults, options)).toEqual(buildStateIntervals(changes.states, changes.faults, options));
  });

  it('the unknown reason names the quality reason or the unmapped value', () => {
    const intervals = buildStateIntervals([at(T, 1), at(T + S, 0, { status: 'bad', reason: 'device not responding' }), at(T + 2 * S, 9), at(T + 3 * S, 1)], [], { classify, microStopMs: 0, until: T + 4 * S });
    expect(intervals.map((i) => i.reason)).toEqual([undefined, 'bad quality: device not responding', 'state value 9 is not mapped', undefined]);
  });

  it('uncertain quality is used as good', () => {
    const intervals = buildStateIntervals([at(T, 1, { status: 'uncertain', reason: 'value not changing' })], [], { classify, microStopMs: 0, until: T + S });
    expect(intervals[0]?.state).toBe('running');
  });

  it('the fault code arriving a poll after the state word still belongs to the stop; an empty code in between does not split it', () => {
    const states = [at(T, running), at(T + 60 * S, down), at(T + 180 * S, running)];
    const faults = [at(T, ''), at(T + 60 * S + 250, 'F204'), at(T + 100 * S, ''), at(T + 101 * S, 'F204'), at(T + 180 * S, '')];
    expect(brief(buildStateIntervals(states, faults, { classify, microStopMs: 0, until: T + 240 * S }))).toEqual([
      'running 06:00–06:01',
      'down F204 06:01–06:03',
      'running 06:03–06:04 ongoing',
    ]);
  });

  it('a numeric fault code tag: 0 is no fault', () => {
    const intervals = buildStateIntervals([at(T, down), at(T + S, down)], [at(T, 0), at(T + S / 2, 4711)], { classify, microStopMs: 0, until: T + 2 * S });
    expect(intervals).toMatchObject([{ state: 'down', faultCode: '4711' }]);
  });

  it('two changes at one timestamp leave no zero-length interval', () => {
    const intervals = buildStateIntervals([at(T, running), at(T + S, down), at(T + S, running)], [], { classify, microStopMs: 0, until: T + 2 * S });
    expect(brief(intervals)).toEqual(['running 06:00–06:00:02 ongoing']);
  });

  it('samples out of order are sorted; samples at or after `until` are ignored', () => {
    const intervals = buildStateIntervals([at(T + 60 * S, down), at(T, running), at(T + 120 * S, idle)], [], { classify, microStopMs: 0, until: T + 90 * S });
    expect(brief(intervals)).toEqual(['running 06:00–06:01', 'down 06:01–06:01:30 ongoing']);
  });

  it('with `from`: clipped there, and time before the first sample is unknown (no data)', () => {
    const intervals = buildStateIntervals([at(T + 60 * S, running)], [], { classify, microStopMs: 0, from: T, until: T + 120 * S });
    expect(intervals).toMatchObject([{ state: 'unknown', reason: 'no data', from: T, to: T + 60 * S }, { state: 'running' }]);
    const clipped = buildStateIntervals([at(T - 60 * S, down), at(T + 60 * S, running)], [], { classify, microStopMs: 30 * S, from: T, until: T + 120 * S });
    // The micro-stop flag is decided on the whole 2-minute stop, before clipping.
    expect(clipped).toMatchObject([{ state: 'down', from: T, to: T + 60 * S, microStop: false }, { state: 'running' }]);
  });

  it('the streaming builder refuses samples going back in time and a second finish', () => {
    const builder = new StateIntervalBuilder(classify, 0);
    builder.state(T + S, running, { status: 'good' });
    expect(() => builder.state(T, running, { status: 'good' })).toThrow(OeeInputError);
    builder.finish(T + 2 * S);
    expect(() => builder.finish(T + 3 * S)).toThrow('already finished');
  });
});
