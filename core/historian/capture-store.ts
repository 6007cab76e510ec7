/**
 * The parts of a capture file that are copied table to table (see core/replay/capture-export.ts
 * for the whole export): the capture's description in `meta`, and the journals and waveform
 * snapshots of a time range and a selection of assets, read from the source historian's file
 * through ATTACH, so that the rows never pass through JavaScript. Tag ids differ between the
 * two files; waveforms are matched by tag path.
 */
import type { Historian } from './historian.js';

/** What a capture file says about itself, in its `meta` table under "capture.*" keys. */
export interface CaptureMeta {
  version: number;
  from: number;
  to: number;
  /** The plant config (YAML) as it was when the capture was made. */
  configYaml: string;
  /** The config file's name, without folder. */
  configName: string;
  site: string;
  area: string;
  /** The lines or assets exported; empty for the whole plant. */
  assets: string[];
  createdAt: number;
  createdBy: string;
}

export function writeCaptureMeta(capture: Historian, meta: CaptureMeta): void {
  const put = capture.sql('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
  const entries: [string, string][] = [
    ['capture.version', String(meta.version)],
    ['capture.from', String(meta.from)],
    ['capture.to', String(meta.to)],
    ['capture.config', meta.configYaml],
    ['capture.config_name', meta.configName],
    ['capture.site', meta.site],
    ['capture.area', meta.area],
    ['capture.assets', JSON.stringify(meta.assets)],
    ['capture.created_at', String(meta.createdAt)],
    ['capture.created_by', meta.createdBy],
  ];
  capture.db.transaction(() => entries.forEach(([key, value]) => put.run(key, value)))();
}

/** The capture's description; undefined when the file is a historian but not a capture. */
export function readCaptureMeta(file: Historian): Partial<Record<keyof CaptureMeta, string>> | undefined {
  const rows = file.sql("SELECT key, value FROM meta WHERE key LIKE 'capture.%'").all() as { key: string; value: string }[];
  if (rows.length === 0) return undefined;
  const byKey = new Map(rows.map((row) => [row.key, row.value]));
  const keys: [keyof CaptureMeta, string][] = [
    ['version', 'capture.version'],
    ['from', 'capture.from'],
    ['to', 'capture.to'],
    ['configYaml', 'capture.config'],
    ['configName', 'capture.config_name'],
    ['site', 'capture.site'],
    ['area', 'capture.area'],
    ['assets', 'capture.assets'],
    ['createdAt', 'capture.created_at'],
    ['createdBy', 'capture.created_by'],
  ];
  const out: Partial<Record<keyof CaptureMeta, string>> = {};
  for (const [name, key] of keys) {
    const value = byKey.get(key);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/**
 * Copies the source file's journals and waveforms in [from, to) about the given assets (all
 * when empty) into the capture. Downtime reasons are stored at their stop's start, so the
 * reasons of the range's stops come along whenever they were given. Returns rows copied.
 */
export function copyJournals(capture: Historian, sourceFile: string, range: { from: number; to: number; assets: readonly string[] }): number {
  const about = (column: string) =>
    range.assets.length === 0 ? '1 = 1' : `(${range.assets.map((_, i) => `${column} = @a${i} OR ${column} LIKE @b${i}`).join(' OR ')})`;
  const params: Record<string, string | number> = { from: range.from, to: range.to };
  range.assets.forEach((asset, i) => {
    params[`a${i}`] = asset;
    params[`b${i}`] = `${asset}/%`;
  });
  capture.db.prepare('ATTACH DATABASE ? AS src').run(sourceFile);
  try {
    let rows = 0;
    capture.db.transaction(() => {
      rows += capture.db
        .prepare(`INSERT INTO main.events (ts, kind, source, data) SELECT ts, kind, source, data FROM src.events WHERE ts >= @from AND ts < @to AND ${about('source')} ORDER BY id`)
        .run(params).changes;
      rows += capture.db
        .prepare(
          `INSERT INTO main.alarm_journal (ts, alarm, kind, from_state, to_state, priority, asset, tag, message, cause, user, value, text, until)
           SELECT ts, alarm, kind, from_state, to_state, priority, asset, tag, message, cause, user, value, text, until FROM src.alarm_journal
           WHERE ts >= @from AND ts < @to AND ${about('asset')} ORDER BY id`,
        )
        .run(params).changes;
      rows += capture.db
        .prepare(
          `INSERT INTO main.waveforms (tag, ts, sample_rate, unit, shaft_rpm, data)
           SELECT ct.id, w.ts, w.sample_rate, w.unit, w.shaft_rpm, w.data FROM src.waveforms w
           JOIN src.tags st ON st.id = w.tag JOIN main.tags ct ON ct.path = st.path
           WHERE w.ts >= @from AND w.ts < @to ORDER BY w.id`,
        )
        .run({ from: range.from, to: range.to }).changes;
    })();
    return rows;
  } finally {
    capture.db.prepare('DETACH DATABASE src').run();
  }
}

/** Copies every event of one kind from another file (a replay takes the capture's downtime reasons into its working file). */
export function copyEventsOfKind(target: Historian, sourceFile: string, kind: string): number {
  target.db.prepare('ATTACH DATABASE ? AS src').run(sourceFile);
  try {
    return target.db.prepare('INSERT INTO main.events (ts, kind, source, data) SELECT ts, kind, source, data FROM src.events WHERE kind = ? ORDER BY id').run(kind).changes;
  } finally {
    target.db.prepare('DETACH DATABASE src').run();
  }
}
