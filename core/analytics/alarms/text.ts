/**
 * The words of alarm events: why an alarm activated or returned ("value 191.2 above limit
 * 185"), durations ("30 min") and values as people read them. Pure string building.
 */
import type { Quality, ScalarValue } from '../../contract/index.js';
import { BAD_QUALITY, DEVIATION, DISCRETE, HIGH, LOW, RATE, type Condition, type ConditionState } from './conditions.js';

/** A number as it prints when that is short (191.2); otherwise with every integer digit and 6 significant ones, without float noise (0.3, 1234567). */
export function formatNumber(x: number): string {
  const plain = String(x);
  // Most readings print short (191.2); only float noise (0.30000000000000004) needs rounding.
  if (plain.length <= 10 || !Number.isFinite(x) || Number.isInteger(x)) return plain;
  const magnitude = Math.floor(Math.log10(Math.abs(x))) + 1;
  return String(Number(x.toPrecision(Math.min(21, Math.max(6, magnitude)))));
}

export function formatValue(value: ScalarValue | undefined): string {
  if (value === undefined) return '(none)';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

/** "500 ms", "2 s", "2.5 s", "30 min", "2 h", "1 h 30 min", "2 d 1 h". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${formatNumber(ms)} ms`;
  if (ms < 60_000) return `${formatNumber(Math.round(ms / 100) / 10)} s`;
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}

function qualityNote(quality: Quality | undefined): string {
  if (!quality || quality.status !== 'uncertain') return '';
  return quality.reason ? ` (quality uncertain: ${quality.reason})` : ' (quality uncertain)';
}

/** The words of a condition's limits, made once per alarm (its first transition) rather than per event. */
export interface CauseWords {
  /** "limit 185", "limit 2/s" */
  limit: string;
  /** What the measure must come back past: "184 (limit 185, deadband 1)", or the limit without a deadband. */
  back: string;
  /** discrete: "5, 7" */
  states: string;
}

export function causeWords(c: Condition): CauseWords {
  const unit = c.code === RATE ? '/s' : '';
  const limit = `limit ${formatNumber(c.limit)}${unit}`;
  const back = c.deadband > 0 ? `${formatNumber(c.off)}${unit} (${limit}, deadband ${formatNumber(c.deadband)}${unit})` : limit;
  return { limit, back, states: c.code === DISCRETE ? c.states.map(formatValue).join(', ') : '' };
}

/**
 * Why the condition became present (`activating`) or went away, from what the state
 * remembers of the last sample; `delayMs` is the on- or off-delay it waited for.
 */
export function conditionCause(
  c: Condition,
  words: CauseWords,
  state: ConditionState,
  value: ScalarValue | undefined,
  quality: Quality | undefined,
  activating: boolean,
  delayMs: number,
): string {
  const held = delayMs > 0 ? ` for ${formatDuration(delayMs)}` : '';
  const m = (c.code === HIGH || c.code === LOW) && typeof value === 'number' ? value : state.measure;
  let text: string;
  switch (c.code) {
    case HIGH:
      text = activating ? `value ${formatNumber(m)} ${m > c.limit ? 'above' : 'at'} ${words.limit}` : `value ${formatNumber(m)} back below ${words.back}`;
      break;
    case LOW:
      text = activating ? `value ${formatNumber(m)} ${m < c.limit ? 'below' : 'at'} ${words.limit}` : `value ${formatNumber(m)} back above ${words.back}`;
      break;
    case DEVIATION: {
      const from = `from setpoint ${formatNumber(state.setpoint)} (value ${formatValue(value)})`;
      text = activating
        ? `deviation ${formatNumber(m)} ${from} ${m > c.limit ? 'beyond' : 'at'} ${words.limit}`
        : `deviation ${formatNumber(m)} ${from} back within ${words.back}`;
      break;
    }
    case RATE:
      text = activating ? `rate ${formatNumber(m)}/s ${m > c.limit ? 'beyond' : 'at'} ${words.limit}` : `rate ${formatNumber(m)}/s back below ${words.back}`;
      break;
    case DISCRETE:
      text = activating ? `value ${formatValue(value)}, an alarm state (${words.states})` : `value ${formatValue(value)}, no longer an alarm state`;
      break;
    case BAD_QUALITY:
    default:
      if (activating) return `quality bad${quality?.reason ? `: ${quality.reason}` : ''}${held}`;
      return `quality ${quality?.status ?? 'good'} again${quality?.status === 'uncertain' && quality.reason ? ` (${quality.reason})` : ''}${held}`;
  }
  return `${text}${held}${qualityNote(quality)}`;
}
