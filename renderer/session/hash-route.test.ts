import { describe, expect, it } from 'vitest';
import { hashFromScreen, screenFromHash } from './hash-route.js';

describe('hash route', () => {
  it('round-trips screens through the address hash', () => {
    expect(screenFromHash('')).toEqual({ kind: 'overview' });
    expect(screenFromHash('#/asset/line1/filler')).toEqual({ kind: 'asset', path: 'line1/filler' });
    expect(screenFromHash('#/asset/line1%2Ffiller')).toEqual({ kind: 'asset', path: 'line1/filler' });
    expect(screenFromHash('#/asset/<script>')).toEqual({ kind: 'overview' });
    expect(hashFromScreen({ kind: 'asset', path: 'line1/motor' })).toBe('#/asset/line1/motor');
    expect(hashFromScreen({ kind: 'overview' })).toBe('');
    expect(screenFromHash('#/trends')).toEqual({ kind: 'trends' });
    expect(hashFromScreen({ kind: 'trends' })).toBe('#/trends');
  });
});
