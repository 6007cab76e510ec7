/**
 * The plant config's versions in the historian's file (table `config_versions`): every
 * config applied in the app, numbered from 1, with author, time and comment, the text exactly
 * as applied. The newest is the running one. Kept beside the history, so a rollback and the
 * history it explains travel together; capture exports do not copy it.
 */
import type { Historian } from './historian.js';

export interface StoredConfigVersion {
  version: number;
  ts: number;
  author: string;
  comment: string;
  yaml: string;
}

export interface ConfigVersionStore {
  latest(): StoredConfigVersion | undefined;
  get(version: number): StoredConfigVersion | undefined;
  /** Newest first, without the text. */
  list(): (Omit<StoredConfigVersion, 'yaml'> & { bytes: number })[];
  /** Stores the next version and returns its number. */
  add(entry: Omit<StoredConfigVersion, 'version'>): number;
}

type Row = StoredConfigVersion;

export function historianConfigVersions(historian: () => Pick<Historian, 'db' | 'sql'>): ConfigVersionStore {
  return {
    latest: () => historian().sql('SELECT * FROM config_versions ORDER BY version DESC LIMIT 1').get() as Row | undefined,
    get: (version) => historian().sql('SELECT * FROM config_versions WHERE version = ?').get(version) as Row | undefined,
    list: () =>
      historian().sql('SELECT version, ts, author, comment, length(CAST(yaml AS BLOB)) AS bytes FROM config_versions ORDER BY version DESC').all() as (Omit<Row, 'yaml'> & { bytes: number })[],
    add(entry) {
      const h = historian();
      return h.db.transaction(() => {
        const next = ((h.sql('SELECT MAX(version) FROM config_versions').pluck().get() as number | null) ?? 0) + 1;
        h.sql('INSERT INTO config_versions (version, ts, author, comment, yaml) VALUES (?, ?, ?, ?, ?)').run(next, entry.ts, entry.author, entry.comment, entry.yaml);
        return next;
      })();
    },
  };
}

/** The same in memory, where the app runs without a historian (versions last until it stops). */
export function memoryConfigVersions(): ConfigVersionStore {
  const versions: StoredConfigVersion[] = [];
  return {
    latest: () => versions.at(-1),
    get: (version) => versions[version - 1],
    list: () => versions.map(({ yaml, ...info }) => ({ ...info, bytes: Buffer.byteLength(yaml) })).reverse(),
    add(entry) {
      versions.push({ version: versions.length + 1, ...entry });
      return versions.length;
    },
  };
}
