/**
 * Retention: raw blocks and rollups older than their group's limits are deleted, one tag
 * at a time in small transactions with a yield in between, so ingest never waits for it.
 * A tag takes the first rule whose prefix matches its path; the last rule should match all.
 */
import type { RetentionRule } from '../model/plant.js';
import type { Historian } from './historian.js';

/** What applies to a tag no configured rule matches. */
export const defaultRetention: RetentionRule = { prefix: '', rawDays: 90, rollupDays: 5 * 365 };

const DAY_MS = 86_400_000;

export function ruleFor(path: string, rules: readonly RetentionRule[]): RetentionRule {
  return rules.find((rule) => rule.prefix === '' || path === rule.prefix || path.startsWith(`${rule.prefix}/`)) ?? defaultRetention;
}

/** Deletes what is past retention; resolves with the number of rows deleted. */
export async function applyRetention(historian: Historian, rules: readonly RetentionRule[], now: number): Promise<number> {
  const db = historian.db;
  const blocks = db.prepare('DELETE FROM blocks WHERE tag = ? AND end < ?');
  const minutes = db.prepare('DELETE FROM rollup_1m WHERE tag = ? AND hour < ?');
  const hours = db.prepare('DELETE FROM rollup_1h WHERE tag = ? AND bucket < ?');
  const waveforms = db.prepare('DELETE FROM waveforms WHERE tag = ? AND ts < ?');
  let deleted = 0;
  for (const entry of historian.tags.values()) {
    const rule = ruleFor(entry.path, rules);
    const rawBefore = now - rule.rawDays * DAY_MS;
    const rollupBefore = now - rule.rollupDays * DAY_MS;
    db.transaction(() => {
      deleted += blocks.run(entry.id, rawBefore).changes;
      deleted += waveforms.run(entry.id, rawBefore).changes;
      deleted += minutes.run(entry.id, rollupBefore).changes;
      deleted += hours.run(entry.id, rollupBefore).changes;
    })();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return deleted;
}
