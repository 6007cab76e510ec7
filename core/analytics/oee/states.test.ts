/** The state model: values, labels already resolved by the config, bits of a state word, booleans; what matches nothing. */
import { describe, expect, it } from 'vitest';
import type { ScalarValue } from '../../contract/index.js';
import type { MachineState, StateMatch } from '../../model/plant.js';
import { stateClassifier } from './states.js';

interface Case {
  name: string;
  states: Partial<Record<MachineState, StateMatch[]>>;
  values: [ScalarValue, MachineState | undefined][];
}

const cases: Case[] = [
  {
    name: 'the demo state word: one value per state, anything else unmapped',
    states: { running: [{ value: 1 }], idle: [{ value: 2 }], starved: [{ value: 3 }], blocked: [{ value: 4 }], down: [{ value: 5 }], 'planned-stop': [{ value: 6 }], changeover: [{ value: 7 }] },
    values: [[1, 'running'], [5, 'down'], [7, 'changeover'], [0, undefined], [8, undefined], ['1', undefined]],
  },
  {
    name: 'several values for one state',
    states: { running: [{ value: 10 }, { value: 11 }], down: [{ value: 90 }, { value: 91 }, { value: 92 }] },
    values: [[11, 'running'], [92, 'down'], [12, undefined]],
  },
  {
    name: 'bits of a status word: the most severe set bit wins (running + fault = down)',
    states: { running: [{ bit: 0 }], down: [{ bit: 1 }], blocked: [{ bit: 2 }], 'planned-stop': [{ bit: 3 }] },
    values: [[0b0001, 'running'], [0b0011, 'down'], [0b0101, 'blocked'], [0b1101, 'planned-stop'], [0, undefined], [-1, undefined], [1.5, undefined]],
  },
  {
    name: 'an exact value beats the bits',
    states: { running: [{ bit: 0 }], idle: [{ value: 0 }], changeover: [{ value: 3 }], down: [{ bit: 1 }] },
    values: [[0, 'idle'], [3, 'changeover'], [2, 'down'], [1, 'running']],
  },
  {
    name: 'a boolean run signal',
    states: { running: [{ value: true }], idle: [{ value: false }] },
    values: [[true, 'running'], [false, 'idle'], [1, undefined]],
  },
  {
    name: 'a text state',
    states: { running: [{ value: 'RUN' }], down: [{ value: 'FAULT' }] },
    values: [['RUN', 'running'], ['FAULT', 'down'], ['run', undefined]],
  },
];

describe('stateClassifier', () => {
  it.each(cases)('$name', ({ states, values }) => {
    const classify = stateClassifier(states);
    expect(values.map(([value]) => classify(value))).toEqual(values.map(([, state]) => state));
  });
});
