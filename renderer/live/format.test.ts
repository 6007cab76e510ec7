import { describe, expect, it } from 'vitest';
import type { StateLabel, TagInfo } from '../../core/contract/index.js';
import { decimalsFor, faultDisplay, formatInterval, formatLiveValue, formatNumber, formatTimestamp, noValue, stateView } from './format.js';

const states: StateLabel[] = [
  { value: 1, label: 'Running', severity: 'normal' },
  { value: 3, label: 'Starved', severity: 'attention' },
  { value: 5, label: 'Down', severity: 'abnormal' },
  { value: 6, label: 'Planned stop', severity: 'planned' },
];

function info(partial: Partial<TagInfo>): TagInfo {
  return {
    path: 'l/a/t',
    name: 't',
    assetPath: 'l/a',
    dataType: 'float32',
    unit: '',
    description: '',
    sampleRateMs: 1000,
    rateReason: '',
    writable: false,
    ...partial,
  };
}

describe('format', () => {
  it('formats numbers with the tag decimals, integers without', () => {
    expect(decimalsFor(info({ decimals: 1 }))).toBe(1);
    expect(decimalsFor(info({ dataType: 'uint32' }))).toBe(0);
    expect(decimalsFor(info({}))).toBe(2);
    expect(formatNumber(Number.NaN, 1)).toBe(noValue);
    expect(formatLiveValue(9.84, info({ decimals: 1 }))).toBe(new Intl.NumberFormat(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(9.8));
    expect(formatLiveValue(null, info({}))).toBe(noValue);
  });

  it('shows state words as their labels with severity; unknown codes need attention', () => {
    expect(stateView(states, 5)).toEqual({ label: 'Down', severity: 'abnormal' });
    expect(stateView(states, 6)).toEqual({ label: 'Planned stop', severity: 'planned' });
    expect(stateView(states, 9)).toEqual({ label: 'State 9', severity: 'attention' });
    expect(stateView(states, null).label).toBe(noValue);
    expect(formatLiveValue(3, info({ dataType: 'int16', states }))).toBe('Starved');
  });

  it('shows a fault code with its text', () => {
    const texts = { F204: 'Fill valve fault' };
    expect(faultDisplay('F204', texts)).toBe('F204 Fill valve fault');
    expect(faultDisplay('X1', texts)).toBe('X1');
    expect(faultDisplay('', texts)).toBe('');
    expect(faultDisplay(null, texts)).toBe('');
    expect(formatLiveValue('F204', info({ dataType: 'string', role: 'fault' }), texts)).toBe('F204 Fill valve fault');
    expect(formatLiveValue('', info({ dataType: 'string', role: 'fault' }), texts)).toBe(noValue);
  });

  it('shows booleans as On/Off', () => {
    expect(formatLiveValue(1, info({ dataType: 'bool' }))).toBe('On');
    expect(formatLiveValue(0, info({ dataType: 'bool' }))).toBe('Off');
  });

  it('says intervals the way people do', () => {
    expect(formatInterval(250)).toBe('250 ms');
    expect(formatInterval(2_000)).toBe('2 s');
    expect(formatInterval(300_000)).toBe('5 min');
    expect(formatInterval(5_400_000)).toBe('1 h 30 min');
  });

  it('never says 60 of a unit: a figure that rounds up to the next unit is said in it', () => {
    expect(formatInterval(999.6)).toBe('1 s');
    expect(formatInterval(59_970)).toBe('1 min');
    expect(formatInterval(3_599_000)).toBe('1 h');
    expect(formatInterval(7_199_000)).toBe('2 h');
    expect(formatInterval(5_399_000)).toBe('1 h 30 min');
  });

  it('adds the date to timestamps from another day', () => {
    const now = new Date(2026, 10, 21, 14, 0, 0).getTime();
    const today = formatTimestamp(new Date(2026, 10, 21, 9, 5, 7).getTime(), now);
    const yesterday = formatTimestamp(new Date(2026, 10, 20, 9, 5, 7).getTime(), now);
    expect(today).toMatch(/09.05.07/);
    expect(yesterday.length).toBeGreaterThan(today.length);
    expect(formatTimestamp(Number.NaN, now)).toBe(noValue);
  });
});
