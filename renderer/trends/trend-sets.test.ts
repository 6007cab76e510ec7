import { describe, expect, it } from 'vitest';
import { cleanSetName, deleteTrendSet, loadTrendSets, saveTrendSet, trendSetsKey } from './trend-sets.js';

function memory(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { data, getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
}

const set = (name: string, pens = ['line1/motor/speed']) => ({ name, pens, range: '1h' as const, savedAt: 1 });

describe('trend sets', () => {
  it('saves under the lineside.trend-sets key, sorted by name, and loads them back', () => {
    const storage = memory();
    saveTrendSet(storage, set('Motor M1'));
    const { sets, error } = saveTrendSet(storage, set('filler', ['line1/filler/speed', 'line1/filler/state']));
    expect(error).toBeNull();
    expect(trendSetsKey.startsWith('lineside.trend-sets')).toBe(true);
    expect(storage.data.has(trendSetsKey)).toBe(true);
    expect(sets.map((s) => s.name)).toEqual(['filler', 'Motor M1']);
    expect(loadTrendSets(storage)).toEqual(sets);
  });

  it('replaces a set of the same name (whatever the case) and deletes by name', () => {
    const storage = memory();
    saveTrendSet(storage, set('Motor'));
    const { sets } = saveTrendSet(storage, set('  MOTOR ', ['a/b/c', 'a/b/d']));
    expect(sets).toEqual([{ name: 'MOTOR', pens: ['a/b/c', 'a/b/d'], range: '1h', savedAt: 1 }]);
    expect(deleteTrendSet(storage, 'MOTOR').sets).toEqual([]);
    expect(loadTrendSets(storage)).toEqual([]);
  });

  it('refuses a set without a name or without pens', () => {
    const storage = memory();
    expect(saveTrendSet(storage, set('   ')).error).toMatch(/name/);
    expect(saveTrendSet(storage, set('x', [])).error).toMatch(/pen/);
    expect(storage.data.size).toBe(0);
  });

  it('skips what it cannot read and survives a storage that throws', () => {
    const storage = memory({ [trendSetsKey]: JSON.stringify([set('ok'), { name: 'bad', pens: 'x' }, null, { ...set('bad range'), range: '2h' }]) });
    expect(loadTrendSets(storage).map((s) => s.name)).toEqual(['ok']);
    expect(loadTrendSets(memory({ [trendSetsKey]: '{not json' }))).toEqual([]);
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota exceeded');
      },
    };
    expect(loadTrendSets(broken)).toEqual([]);
    expect(saveTrendSet(broken, set('x')).error).toMatch(/quota exceeded/);
    expect(loadTrendSets(null)).toEqual([]);
  });

  it('cleans names', () => {
    expect(cleanSetName('  Motor \n  M1  ')).toBe('Motor M1');
    expect(cleanSetName('x'.repeat(100))).toHaveLength(60);
  });
});
