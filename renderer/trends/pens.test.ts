import { describe, expect, it } from 'vitest';
import type { TagInfo } from '../../core/contract/index.js';
import { addPen, isStepped, isTrendable, matchesSearch, maxPens, nextColour, penPalette, pensFromPaths, removePen, unitAxes } from './pens.js';
import type { TrendPen } from './pens.js';
import { testTag } from '../testing/test-tags.js';

const states = [
  { value: 1, label: 'Running', severity: 'normal' as const },
  { value: 5, label: 'Down', severity: 'abnormal' as const },
];
const tags: TagInfo[] = [
  testTag('l/filler/speed', { unit: 'bottles/min', description: 'Actual output rate' }),
  testTag('l/filler/temp', { unit: '°C', description: 'Product temperature' }),
  testTag('l/motor/winding_temp', { unit: '°C' }),
  testTag('l/filler/state', { dataType: 'int16', states }),
  testTag('l/capper/state', { dataType: 'int16', states: [...states, { value: 7, label: 'Changeover', severity: 'planned' }] }),
  testTag('l/filler/fault_code', { dataType: 'string' }),
  testTag('l/motor/waveform', { dataType: 'waveform' }),
  testTag('l/motor/running', { dataType: 'bool' }),
];
const lookup = (path: string) => tags.find((t) => t.path === path);

describe('pens', () => {
  it('trends numeric tags only; state words and booleans as steps', () => {
    expect(tags.filter(isTrendable).map((t) => t.name)).toEqual(['speed', 'temp', 'winding_temp', 'state', 'state', 'running']);
    expect(isStepped(lookup('l/filler/state'))).toBe(true);
    expect(isStepped(lookup('l/motor/running'))).toBe(true);
    expect(isStepped(lookup('l/filler/speed'))).toBe(false);
  });

  it('has eight distinct colours, none of them alarm red or attention amber', () => {
    const colours = penPalette.map((p) => p.colour.toLowerCase());
    expect(colours).toHaveLength(maxPens);
    expect(new Set(colours).size).toBe(maxPens);
    expect(colours).not.toContain('#c0281f');
    expect(colours).not.toContain('#e9b000');
  });

  it('adds up to eight pens and refuses a ninth with a message', () => {
    let pens: TrendPen[] = [];
    for (let i = 0; i < maxPens; i++) {
      const outcome = addPen(pens, testTag(`l/a/t${i}`));
      expect(outcome.ok).toBe(true);
      if (outcome.ok) pens = outcome.pens;
    }
    expect(pens.map((p) => p.colour)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const ninth = addPen(pens, testTag('l/a/t8'));
    expect(ninth).toEqual({ ok: false, message: expect.stringMatching(/at most 8 pens/) });
    expect(addPen(pens.slice(0, 2), testTag('l/a/t0'))).toMatchObject({ ok: false, message: expect.stringMatching(/already/) });
    expect(addPen([], lookup('l/filler/fault_code')!)).toMatchObject({ ok: false, message: expect.stringMatching(/not a numeric tag/) });
  });

  it('keeps colours when a pen goes and gives the freed colour to the next one', () => {
    const pens: TrendPen[] = [0, 1, 2].map((colour) => ({ path: `p${colour}`, colour }));
    const left = removePen(pens, 'p1');
    expect(left.map((p) => p.colour)).toEqual([0, 2]);
    expect(nextColour(left)).toBe(1);
  });

  it('rebuilds pens from saved paths, skipping tags that are gone or not numeric', () => {
    const pens = pensFromPaths(['l/filler/speed', 'l/gone/x', 'l/filler/fault_code', 'l/filler/temp'], lookup);
    expect(pens).toEqual([
      { path: 'l/filler/speed', colour: 0 },
      { path: 'l/filler/temp', colour: 1 },
    ]);
  });

  it('gives one axis per unit, alternating sides, and one state axis with every state label', () => {
    const paths = ['l/filler/speed', 'l/filler/temp', 'l/filler/state', 'l/motor/winding_temp', 'l/capper/state', 'l/motor/running'];
    const axes = unitAxes(
      paths.map((path, colour) => ({ path, colour })),
      lookup,
    );
    expect(axes.map((a) => [a.unit, a.pens, a.side])).toEqual([
      ['bottles/min', [0], 'left'],
      ['°C', [1, 3], 'right'],
      ['', [2, 4], 'left'],
      ['', [5], 'right'],
    ]);
    expect(axes[2]!.states?.map((s) => s.label)).toEqual(['Running', 'Down', 'Changeover']);
    expect(axes[3]!.states).toBeNull();
    expect(new Set(axes.map((a) => a.scale)).size).toBe(4);
  });

  it('searches every word in path, name, description, unit and asset name', () => {
    const speed = lookup('l/filler/speed')!;
    expect(matchesSearch(speed, '')).toBe(true);
    expect(matchesSearch(speed, 'OUTPUT rate')).toBe(true);
    expect(matchesSearch(speed, 'bottles')).toBe(true);
    expect(matchesSearch(speed, 'rotary', 'Rotary filler')).toBe(true);
    expect(matchesSearch(speed, 'filler temp')).toBe(false);
    expect(matchesSearch(lookup('l/motor/winding_temp')!, 'winding temp')).toBe(true);
  });
});
