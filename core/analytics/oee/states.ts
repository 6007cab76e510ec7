/**
 * The machine state model: a state tag's value → running, idle, starved, blocked, down,
 * planned-stop or changeover, by the asset's configured matches. An exact value match
 * wins; otherwise a set bit of an integer state word matches, and when several bits are
 * set the most severe state wins, in this order: down, changeover, planned-stop, blocked,
 * starved, idle, running (a word with "running" and "fault" set is down). A value that
 * matches nothing is no state: the caller records it as unknown, never as running.
 */
import type { OeeState, ScalarValue } from '../../contract/index.js';
import type { MachineState, StateMatch } from '../../model/plant.js';

/** Everything an interval can be: a machine state, or unknown (bad quality, unmapped value, no data). */
export type { OeeState };

/** Stop states that count as a micro-stop (performance loss) when shorter than the threshold. */
export const microStopStates: ReadonlySet<OeeState> = new Set<OeeState>(['down', 'idle', 'starved', 'blocked']);

const bitPrecedence: readonly MachineState[] = ['down', 'changeover', 'planned-stop', 'blocked', 'starved', 'idle', 'running'];

export type StateClassifier = (value: ScalarValue) => MachineState | undefined;

/** A classifier for the matches of one asset (`AssetOeeSettings.states`). */
export function stateClassifier(states: Partial<Record<MachineState, readonly StateMatch[]>>): StateClassifier {
  const exact = new Map<ScalarValue, MachineState>();
  const bits: { mask: number; state: MachineState }[] = [];
  for (const state of bitPrecedence) {
    for (const match of states[state] ?? []) {
      if ('value' in match) {
        if (!exact.has(match.value)) exact.set(match.value, state);
      } else bits.push({ mask: 2 ** match.bit, state });
    }
  }
  return (value) => {
    const found = exact.get(value);
    if (found !== undefined || bits.length === 0) return found;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) return undefined;
    // Bits first by precedence (they were pushed in that order).
    for (const { mask, state } of bits) if (Math.floor(value / mask) % 2 === 1) return state;
    return undefined;
  };
}
