import { describe, expect, it } from 'vitest';
import { testTag } from '../testing/test-tags.js';
import { readingOf } from './readout.js';

const speed = testTag('l/a/speed', { decimals: 1, unit: 'rpm' });
const state = testTag('l/a/state', { dataType: 'int16', states: [{ value: 5, label: 'Down', severity: 'abnormal' }] });

describe('readingOf', () => {
  it('formats values like the live screens, with the quality as a badge', () => {
    expect(readingOf({ value: 1778.04, quality: 'good' }, speed)).toEqual({ text: new Intl.NumberFormat(undefined, { minimumFractionDigits: 1 }).format(1778.0), quality: 'good', badge: '' });
    expect(readingOf({ value: 5, quality: 'good' }, state).text).toBe('Down');
    expect(readingOf({ value: 2, quality: 'uncertain' }, speed)).toMatchObject({ quality: 'uncertain', badge: 'UNCERTAIN' });
  });

  it('says why there is no value: a bad sample, a gap, nothing at all, or a stale latest value', () => {
    expect(readingOf({ value: null, quality: 'bad' }, speed)).toEqual({ text: '—', quality: 'bad', badge: 'BAD' });
    expect(readingOf({ value: null, quality: 'gap' }, speed)).toEqual({ text: '—', quality: 'gap', badge: 'NO DATA' });
    expect(readingOf(null, speed)).toEqual({ text: '—', quality: 'none', badge: 'NO DATA' });
    expect(readingOf({ value: 3, quality: 'good' }, speed, true)).toMatchObject({ quality: 'stale', badge: 'STALE' });
  });
});
