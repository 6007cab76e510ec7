/**
 * Named trend sets (pens and range preset) saved in the browser's localStorage under
 * `lineside.trend-sets.v1`, so that a technician can reopen "Motor M1 health" in one tap.
 * Anything unreadable in storage is skipped, never thrown. Pure apart from the storage
 * passed in.
 */
import { maxPens } from './pens.js';
import { isRangePresetId } from './time-range.js';
import type { RangePresetId } from './time-range.js';

export const trendSetsKey = 'lineside.trend-sets.v1';
export const maxTrendSetName = 60;

export interface TrendSet {
  name: string;
  pens: string[];
  range: RangePresetId;
  savedAt: number;
}

export type TrendSetStorage = Pick<Storage, 'getItem' | 'setItem'>;

function isTrendSet(value: unknown): value is TrendSet {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.name === 'string' &&
    v.name.trim() !== '' &&
    Array.isArray(v.pens) &&
    v.pens.every((p) => typeof p === 'string') &&
    isRangePresetId(v.range) &&
    typeof v.savedAt === 'number'
  );
}

const byName = (a: TrendSet, b: TrendSet) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base', numeric: true });

export function loadTrendSets(storage: TrendSetStorage | null): TrendSet[] {
  let text: string | null;
  try {
    text = storage?.getItem(trendSetsKey) ?? null;
  } catch {
    return [];
  }
  if (text === null) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.filter(isTrendSet).map((set) => ({ ...set, pens: set.pens.slice(0, maxPens) })).sort(byName);
}

function store(storage: TrendSetStorage | null, sets: TrendSet[]): { sets: TrendSet[]; error: string | null } {
  try {
    storage?.setItem(trendSetsKey, JSON.stringify(sets));
    return { sets, error: storage === null ? 'This browser keeps no local storage: the set lasts until the page is closed.' : null };
  } catch (error) {
    return { sets, error: `The trend set could not be saved: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** A name as it is saved: trimmed, inner whitespace collapsed, at most maxTrendSetName characters. */
export function cleanSetName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').slice(0, maxTrendSetName);
}

/** Saves a set, replacing one of the same name (case-insensitive). Returns the sets as now stored. */
export function saveTrendSet(storage: TrendSetStorage | null, set: TrendSet): { sets: TrendSet[]; error: string | null } {
  const name = cleanSetName(set.name);
  if (name === '') return { sets: loadTrendSets(storage), error: 'Give the trend set a name first.' };
  if (set.pens.length === 0) return { sets: loadTrendSets(storage), error: 'Add at least one pen before saving a trend set.' };
  const others = loadTrendSets(storage).filter((s) => s.name.toLowerCase() !== name.toLowerCase());
  return store(storage, [...others, { ...set, name, pens: set.pens.slice(0, maxPens) }].sort(byName));
}

export function deleteTrendSet(storage: TrendSetStorage | null, name: string): { sets: TrendSet[]; error: string | null } {
  return store(
    storage,
    loadTrendSets(storage).filter((s) => s.name !== name),
  );
}
