/**
 * Turns a simulated value into what a tag of a given declared data type carries (integer
 * state words, wrapping uint32 counters, strings, floats, waveforms), and applies an
 * injected sensor failure (open circuit, stuck, noisy) to a sample's value and quality.
 */
import type { Quality, TagDataType, TagValueData, Waveform } from '../../contract/index.js';
import { bad, GOOD, uncertain } from '../../model/sample.js';
import type { SignalValue } from './bindings.js';
import type { Random } from './random.js';

const INT_RANGES: Partial<Record<TagDataType, [number, number]>> = {
  int16: [-32768, 32767],
  uint16: [0, 65535],
  int32: [-2147483648, 2147483647],
};

function isWaveform(value: SignalValue | TagValueData): value is Waveform {
  return typeof value === 'object';
}

/** A neutral value of a data type, carried by bad-quality samples that have no real value. */
export function placeholder(dataType: TagDataType): TagValueData {
  if (dataType === 'string') return '';
  if (dataType === 'bool') return false;
  if (dataType === 'waveform') return { sampleRateHz: 1, unit: '', samples: new Float32Array(0) };
  return 0;
}

/** The value as the declared data type carries it, or undefined when it cannot carry it. */
export function coerce(value: SignalValue, dataType: TagDataType): TagValueData | undefined {
  if (dataType === 'waveform') return isWaveform(value) ? value : undefined;
  if (isWaveform(value)) return undefined;
  if (dataType === 'string') return typeof value === 'string' ? value : String(value);
  if (typeof value === 'string') return undefined;
  if (!Number.isFinite(value)) return undefined;
  switch (dataType) {
    case 'bool':
      return value !== 0;
    case 'float32':
      // What a float32 register of a real device holds (and what the historian keeps), so
      // that a replay of the stored samples sees the values the live analytics saw.
      return Math.fround(value);
    case 'float64':
      return value;
    case 'uint32': {
      const n = Math.round(value);
      return n < 0 ? 0 : n % 4294967296;
    }
    default: {
      const [lo, hi] = INT_RANGES[dataType]!;
      return Math.max(lo, Math.min(hi, Math.round(value)));
    }
  }
}

export type SensorFailure = 'open-circuit' | 'stuck' | 'noisy';

/** A sensor failure applied to one measured value; `held` is the last value before it failed. */
export function applySensorFailure(
  failure: SensorFailure,
  measured: SignalValue,
  held: SignalValue | undefined,
  range: { min: number; max: number } | undefined,
  rng: Random,
): { value: SignalValue; quality: Quality } {
  switch (failure) {
    case 'open-circuit':
      return { value: held ?? measured, quality: bad('sensor open circuit') };
    case 'stuck':
      return { value: held ?? measured, quality: uncertain('value not changing') };
    case 'noisy': {
      if (typeof measured !== 'number') return { value: measured, quality: GOOD };
      const span = range ? range.max - range.min : 0;
      const sd = 0.06 * Math.abs(measured) + 0.03 * span + 0.05;
      return { value: Math.round((measured + rng.normal(0, sd)) * 100) / 100, quality: GOOD };
    }
  }
}
