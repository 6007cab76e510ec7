/**
 * Saved trend sets: save the current pens and range preset under a name, reopen a set with
 * one tap (live, with its preset), delete one. Kept in localStorage (trend-sets.ts).
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useAppState, useServices } from '../app-context.js';
import { allTags } from '../plant/plant-lookup.js';
import { pensFromPaths } from './pens.js';
import { defaultPreset, liveView, presetForSpan, presetMs, rangePresets } from './time-range.js';
import { deleteTrendSet, loadTrendSets, maxTrendSetName, saveTrendSet } from './trend-sets.js';
import type { TrendSet, TrendSetStorage } from './trend-sets.js';

function localStorageOrNull(): TrendSetStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function TrendSetsPanel() {
  const { store } = useServices();
  const pens = useAppState((s) => s.trendPens);
  const view = useAppState((s) => s.trendView);
  const setTrendMessage = useAppState((s) => s.setTrendMessage);
  const [storage] = useState(localStorageOrNull);
  const [sets, setSets] = useState<TrendSet[]>(() => loadTrendSets(storage));
  const [name, setName] = useState('');

  const save = (event: FormEvent) => {
    event.preventDefault();
    const range = presetForSpan(view.spanMs) ?? defaultPreset;
    const outcome = saveTrendSet(storage, { name, pens: pens.map((pen) => pen.path), range, savedAt: Date.now() });
    setSets(outcome.sets);
    setTrendMessage(outcome.error);
    if (outcome.error === null) setName('');
  };

  const open = (set: TrendSet) => {
    const plant = store.getState().plant;
    const tags = new Map(plant === null ? [] : allTags(plant).map((tag) => [tag.path, tag]));
    const opened = pensFromPaths(set.pens, (path) => tags.get(path));
    const state = store.getState();
    state.setTrendPens(opened);
    state.setTrendView(liveView(presetMs(set.range)));
    const missing = set.pens.length - opened.length;
    if (missing > 0) state.setTrendMessage(`${missing} pen${missing === 1 ? '' : 's'} of "${set.name}" ${missing === 1 ? 'is' : 'are'} no longer in the plant model.`);
  };

  const remove = (set: TrendSet) => {
    const outcome = deleteTrendSet(storage, set.name);
    setSets(outcome.sets);
    setTrendMessage(outcome.error);
  };

  return (
    <section className="trend-sets" data-testid="trend-sets" aria-label="Saved trend sets">
      <h2 className="side-title">Saved trend sets</h2>
      <form className="ts-save" onSubmit={save}>
        <input
          type="text"
          className="text-input"
          data-testid="trend-set-name"
          placeholder="Name for these pens"
          aria-label="Trend set name"
          maxLength={maxTrendSetName}
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
        <button type="submit" className="button" data-testid="trend-set-save" disabled={pens.length === 0 || name.trim() === ''}>
          Save
        </button>
      </form>
      <ul className="ts-list">
        {sets.map((set) => (
          <li key={set.name} className="ts-item">
            <button type="button" className="ts-open" data-testid="trend-set" data-name={set.name} onClick={() => open(set)} title={set.pens.join('\n')}>
              <span className="ts-name">{set.name}</span>
              <span className="ts-meta">
                {set.pens.length} pen{set.pens.length === 1 ? '' : 's'} · {rangePresets.find((p) => p.id === set.range)?.label}
              </span>
            </button>
            <button type="button" className="ts-delete" data-testid="trend-set-delete" data-name={set.name} aria-label={`Delete the trend set ${set.name}`} onClick={() => remove(set)}>
              ×
            </button>
          </li>
        ))}
        {sets.length === 0 ? <li className="ts-empty">No saved sets yet.</li> : null}
      </ul>
    </section>
  );
}
