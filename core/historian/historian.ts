/**
 * The historian: every sample from the tag bus, stored compactly in one SQLite file.
 *
 * Write path. `append` puts samples into per-tag open series in memory and a pending list;
 * `commit` (every 900 ms) writes the pending samples as one head-log record in a durable
 * transaction, so a crash loses at most the last second. When the newest sample is a seal
 * interval past the last seal, `seal` cuts every open series at a minute boundary (a late
 * window behind the newest sample), encodes the older part into one block per tag,
 * writes its 1-minute rollups and refreshes the hours they touch, rewrites the head log
 * with what stays open, and moves `sealed_until` on — all in one transaction, and the
 * memory is changed only once that transaction has committed.
 *
 * Late samples: anything older than `sealed_until` is refused and counted (sealed blocks
 * and rollups are never rewritten); out-of-order samples newer than it are accepted.
 *
 * Failure. A full disk or a read-only file makes commit fail; the historian then reports
 * `stopped` with the reason, keeps what it has in memory, and retries on every commit, so
 * ingest resumes by itself when space returns. Nothing already stored is touched.
 */
import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { qualityCodes, type HistorianStatus, type TagDataType, type TagValueData } from '../contract/index.js';
import type { Tag } from '../model/plant.js';
import type { Sample } from '../model/sample.js';
import type { Logger } from '../runtime/logger.js';
import { decodeBlock, encodeBlock } from './codec/index.js';
import { createStorageFilter, type StorageFilter } from './compression.js';
import { mergeMinutes, rollupInsert, toDbRow } from './rollup-store.js';
import { decodeHeadRecord, encodeHeadRecord, type HeadSample } from './head-log.js';
import { OpenSeries } from './open-series.js';
import { computeRollups, mergeRollups, type RollupRow } from './query/index.js';
import { packRollups, unpackRollups } from './rollup-pack.js';
import { checkSchemaVersion, openSchema } from './schema.js';
import type { Series, ValueKind } from './series.js';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;

export interface HistorianOptions {
  file: string;
  tags: readonly Tag[];
  log: Logger;
  /** How far behind the newest sample a sample may still arrive, ms (default 1 min). */
  lateWindowMs?: number;
  /** How much data stays in the head before it is sealed into blocks, ms (default 10 min). */
  sealIntervalMs?: number;
  /**
   * Opens the file read-only (a capture being replayed): nothing is ever written, the
   * stored tags are the file's own (`tags` is ignored), and append/commit are refused.
   */
  readonly?: boolean;
}


export interface HistorianTag {
  id: number;
  path: string;
  kind: ValueKind;
  open: OpenSeries;
  /** The last sealed sample, which holds into the open part for rollups and value-at. */
  lastSealed: { ts: number; value: number; quality: number } | undefined;
}

interface PendingWaveform {
  tag: number;
  ts: number;
  sampleRate: number;
  unit: string;
  shaftRpm: number | null;
  data: Uint8Array;
}

/** How a tag data type is stored. */
export function valueKindOf(dataType: TagDataType): ValueKind | undefined {
  switch (dataType) {
    case 'float64':
      return 'f64';
    case 'float32':
      return 'f32';
    case 'bool':
      return 'bool';
    case 'string':
      return 'string';
    case 'waveform':
      return undefined;
    default:
      return 'int';
  }
}




export class Historian {
  readonly db: Database.Database;
  readonly tags = new Map<string, HistorianTag>();
  private readonly tagsById = new Map<number, HistorianTag>();
  /** Deadband / swinging-door filters of the tags configured for lossy storage. */
  private readonly filters = new Map<number, StorageFilter>();
  private pending: HeadSample[] = [];
  private pendingWaveforms: PendingWaveform[] = [];
  private sealedUntil: number;
  private newestTs = Number.NEGATIVE_INFINITY;
  private state: HistorianStatus['state'] = 'ok';
  private detail = '';
  private lateRefused = 0;
  private readonly lateWindowMs: number;
  private readonly sealIntervalMs: number;
  private readonly log: Logger;
  private readonly file: string;
  readonly readonly: boolean;

  private readonly statements = new Map<string, Database.Statement>();
  /** Samples in sealed blocks: counted once at open, then kept up to date. */
  private sealedSamples = 0;

  /** A prepared statement, prepared once per text (preparing is not free on hot paths). */
  sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) this.statements.set(text, (statement = this.db.prepare(text)));
    return statement;
  }

  constructor(options: HistorianOptions) {
    this.file = options.file;
    this.log = options.log;
    this.lateWindowMs = options.lateWindowMs ?? MINUTE_MS;
    this.sealIntervalMs = options.sealIntervalMs ?? 10 * MINUTE_MS;
    this.readonly = options.readonly ?? false;
    this.db = new Database(options.file, { readonly: this.readonly, fileMustExist: this.readonly });
    if (this.readonly) checkSchemaVersion(this.db);
    else openSchema(this.db);
    this.addTags(this.readonly ? [] : options.tags);
    const row = this.sql("SELECT value FROM meta WHERE key = 'sealed_until'").get() as { value: string } | undefined;
    this.sealedUntil = row ? Number(row.value) : Number.NEGATIVE_INFINITY;
    this.loadLastSealed();
    this.replayHead();
    this.sealedSamples = this.sql('SELECT COALESCE(SUM(count), 0) FROM blocks').pluck().get() as number;
  }

  /** Registers tags to store (at open, and when the plant gains tags while running); known paths keep their series. */
  addTags(tags: readonly Tag[]): void {
    const known = new Map((this.sql('SELECT id, path, kind FROM tags').all() as { id: number; path: string; kind: ValueKind }[]).map((t) => [t.path, t]));
    for (const row of known.values()) {
      if (this.tagsById.has(row.id)) continue;
      const entry: HistorianTag = { id: row.id, path: row.path, kind: row.kind, open: new OpenSeries(row.kind), lastSealed: undefined };
      this.tagsById.set(row.id, entry);
      if (this.readonly) this.tags.set(row.path, entry);
    }
    if (this.readonly) return;
    const insert = this.sql('INSERT INTO tags (path, kind) VALUES (?, ?)');
    for (const tag of tags) {
      if (this.tags.has(tag.path)) continue;
      const kind = valueKindOf(tag.dataType) ?? 'f64';
      const storage = tag.storage;
      let entry = known.has(tag.path) ? this.tagsById.get(known.get(tag.path)!.id)! : undefined;
      if (!entry) {
        const id = Number(insert.run(tag.path, kind).lastInsertRowid);
        entry = { id, path: tag.path, kind, open: new OpenSeries(kind), lastSealed: undefined };
        this.tagsById.set(id, entry);
      }
      this.tags.set(tag.path, entry);
      if (storage) this.filters.set(entry.id, createStorageFilter(storage));
    }
  }

  private loadLastSealed(): void {
    const lastBlock = this.sql('SELECT data FROM blocks WHERE tag = ? ORDER BY start DESC LIMIT 1').pluck();
    for (const entry of this.tagsById.values()) {
      if (entry.kind === 'string') continue;
      const data = lastBlock.get(entry.id) as Uint8Array | undefined;
      if (!data) continue;
      entry.lastSealed = lastSampleOf(data);
    }
  }

  /** After a crash or a restart: the head log's samples go back into the open series. */
  private replayHead(): void {
    const kindOf = (id: number) => this.tagsById.get(id)?.kind;
    for (const data of this.sql('SELECT data FROM head_log ORDER BY id').pluck().all() as Uint8Array[]) {
      for (const s of decodeHeadRecord(data, kindOf)) {
        if (s.ts < this.sealedUntil) continue;
        this.tagsById.get(s.tag)!.open.add(s.ts, s.value, s.quality, s.text);
        if (s.ts > this.newestTs) this.newestTs = s.ts;
      }
    }
  }

  /** Takes samples from the tag bus. Cheap: memory only; `commit` makes them durable. */
  append(samples: readonly Sample[]): void {
    if (this.readonly) throw new Error(`the historian file ${this.file} is open read-only`);
    for (const sample of samples) {
      const entry = this.tags.get(sample.path);
      if (!entry) continue;
      const ts = Math.round(sample.sourceTs);
      if (ts < this.sealedUntil) {
        this.lateRefused++;
        continue;
      }
      const quality = qualityCodes[sample.quality.status];
      const stored = this.toStored(entry, ts, sample.value);
      if (stored === undefined) continue;
      const filter = this.filters.get(entry.id);
      if (filter) for (const point of filter.offer({ ts, value: stored.value, quality })) this.keep(entry, point.ts, point.value, point.quality, undefined);
      else this.keep(entry, ts, stored.value, quality, stored.text);
      if (ts > this.newestTs) this.newestTs = ts;
    }
  }

  private keep(entry: HistorianTag, ts: number, value: number, quality: number, text: string | undefined): void {
    entry.open.add(ts, value, quality, text);
    this.pending.push({ tag: entry.id, ts, quality, value, text });
  }

  /** Stores what the lossy filters hold (before a seal, so that nothing held falls behind the cut). */
  private flushFilters(): void {
    for (const [id, filter] of this.filters) {
      const entry = this.tagsById.get(id)!;
      for (const point of filter.flush()) this.keep(entry, point.ts, point.value, point.quality, undefined);
    }
  }

  private toStored(entry: HistorianTag, ts: number, value: TagValueData): { value: number; text?: string | undefined } | undefined {
    if (typeof value === 'object') {
      const bytes = new Uint8Array(value.samples.buffer.slice(value.samples.byteOffset, value.samples.byteOffset + value.samples.byteLength));
      this.pendingWaveforms.push({ tag: entry.id, ts, sampleRate: value.sampleRateHz, unit: value.unit, shaftRpm: value.shaftRpm ?? null, data: bytes });
      return undefined;
    }
    if (entry.kind === 'string') return { value: Number.NaN, text: String(value) };
    const number = typeof value === 'boolean' ? Number(value) : typeof value === 'number' ? value : Number(value);
    if (entry.kind === 'f32') return { value: Math.fround(number) };
    if (entry.kind === 'int' || entry.kind === 'bool') return { value: Number.isFinite(number) ? Math.round(number) : 0 };
    return { value: number };
  }

  /** Makes the pending samples durable, and seals when a seal interval has filled. Never throws. */
  commit(): void {
    if (this.readonly) return;
    try {
      const cut = Math.floor((this.newestTs - this.lateWindowMs) / MINUTE_MS) * MINUTE_MS;
      const sealDue = Number.isFinite(cut) && cut - (Number.isFinite(this.sealedUntil) ? this.sealedUntil : cut - this.sealIntervalMs) >= this.sealIntervalMs;
      if (sealDue) this.flushFilters();
      if (this.pending.length > 0 || this.pendingWaveforms.length > 0) {
        const kindOf = (id: number) => this.tagsById.get(id)!.kind;
        const insertHead = this.sql('INSERT INTO head_log (data) VALUES (?)');
        const insertWaveform = this.sql('INSERT INTO waveforms (tag, ts, sample_rate, unit, shaft_rpm, data) VALUES (?, ?, ?, ?, ?, ?)');
        this.db.transaction(() => {
          if (this.pending.length > 0) insertHead.run(encodeHeadRecord(this.pending, kindOf));
          for (const w of this.pendingWaveforms) insertWaveform.run(w.tag, w.ts, w.sampleRate, w.unit, w.shaftRpm, w.data);
        })();
        this.pending = [];
        this.pendingWaveforms = [];
      }
      if (sealDue) this.seal(cut);
      this.resume();
    } catch (error) {
      this.halt(error as Error);
    }
  }

  /** Seals every open series before `cut` into blocks and rollups (one transaction). */
  seal(cut: number): void {
    const sealed: { entry: HistorianTag; series: ReturnType<OpenSeries['toSeries']> }[] = [];
    for (const entry of this.tagsById.values()) sealed.push({ entry, series: entry.open.toSeries(0, entry.open.indexAt(cut)) });
    const from = this.sealedUntil;
    const insertBlock = this.sql('INSERT INTO blocks (tag, start, end, count, data) VALUES (?, ?, ?, ?, ?)');
    const rest: HeadSample[] = [];
    const lastSealed = new Map<HistorianTag, HistorianTag['lastSealed']>();

    this.db.transaction(() => {
      for (const { entry, series } of sealed) {
        const n = series.ts.length;
        if (n > 0) insertBlock.run(entry.id, series.ts[0], series.ts[n - 1], n, encodeBlock(entry.kind, series));
        if (entry.kind !== 'string' && (n > 0 || entry.lastSealed)) {
          const rows = computeRollups(series, MINUTE_MS, { ...(entry.lastSealed ? { prev: entry.lastSealed } : {}), from: Number.isFinite(from) ? from : undefined, until: cut });
          this.storeMinutes(entry.id, rows, true);
        }
        if (n > 0) lastSealed.set(entry, { ts: series.ts[n - 1]!, value: series.value[n - 1]!, quality: series.quality[n - 1]! });
        const open = entry.open;
        for (let i = n; i < open.length; i++) rest.push({ tag: entry.id, ts: open.ts[i]!, quality: open.quality[i]!, value: open.value[i]!, text: open.text?.[i] });
      }
      rest.sort((a, b) => a.ts - b.ts);
      this.sql('DELETE FROM head_log').run();
      if (rest.length > 0) this.sql('INSERT INTO head_log (data) VALUES (?)').run(encodeHeadRecord(rest, (id) => this.tagsById.get(id)!.kind));
      this.sql("INSERT OR REPLACE INTO meta (key, value) VALUES ('sealed_until', ?)").run(String(cut));
    })();

    // Committed: now, and only now, the memory follows.
    for (const { entry } of sealed) entry.open.dropBefore(cut);
    for (const [entry, last] of lastSealed) entry.lastSealed = last;
    this.sealedSamples += sealed.reduce((total, { series }) => total + series.ts.length, 0);
    this.sealedUntil = cut;
    this.pending = [];
  }

  /**
   * Bulk ingest (capture import, backfill, benchmarks): writes one tag's series straight
   * into blocks of at most `blockSize` samples with their rollups, in one transaction,
   * bypassing the head. The span must lie wholly before the sealed boundary's current
   * open data and must not overlap blocks the tag already has.
   */
  importSeries(path: string, series: Series, blockSize = 3600): void {
    const entry = this.tags.get(path);
    if (!entry) throw new Error(`cannot import into ${path}: it is not a stored tag`);
    const n = series.ts.length;
    if (n === 0) return;
    const first = series.ts[0]!;
    const last = series.ts[n - 1]!;
    const overlap = this.sql('SELECT COUNT(*) FROM blocks WHERE tag = ? AND start <= ? AND end >= ?').pluck().get(entry.id, last, first) as number;
    if (overlap > 0 || (entry.open.length > 0 && entry.open.ts[0]! <= last)) {
      throw new Error(`cannot import ${path} from ${new Date(first).toISOString()} to ${new Date(last).toISOString()}: the tag already has data in that span`);
    }
    const insertBlock = this.sql('INSERT INTO blocks (tag, start, end, count, data) VALUES (?, ?, ?, ?, ?)');
    this.db.transaction(() => {
      for (let at = 0; at < n; at += blockSize) {
        const end = Math.min(n, at + blockSize);
        const part: Series = {
          ts: series.ts.subarray(at, end),
          value: series.value.subarray(at, end),
          quality: series.quality.subarray(at, end),
          ...(series.text ? { text: series.text.slice(at, end) } : {}),
        };
        insertBlock.run(entry.id, part.ts[0], part.ts[end - at - 1], end - at, encodeBlock(entry.kind, part));
      }
      if (entry.kind !== 'string') this.storeMinutes(entry.id, computeRollups(series, MINUTE_MS, { until: last }), false);
    })();
    this.sealedSamples += n;
    if (!entry.lastSealed || entry.lastSealed.ts < last) entry.lastSealed = { ts: last, value: series.value[n - 1]!, quality: series.quality[n - 1]! };
    if (!(this.sealedUntil > last)) this.sealedUntil = Math.floor(last / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
    this.sql("INSERT OR REPLACE INTO meta (key, value) VALUES ('sealed_until', ?)").run(String(this.sealedUntil));
  }

  /** Bulk ingest of many tags' series in one durable transaction (one sync, not one per tag). */
  importMany(items: readonly { path: string; series: Series }[]): void {
    this.db.transaction(() => {
      for (const { path, series } of items) this.importSeries(path, series);
    })();
  }

  /**
   * Writes 1-minute rows into their hours' packed blobs (merging with what an hour already
   * holds when `merge`), and refreshes each touched hour's 1-hour row. Inside a transaction.
   */
  private storeMinutes(tag: number, rows: readonly RollupRow[], merge: boolean): void {
    const byHour = new Map<number, RollupRow[]>();
    for (const row of rows) {
      const hour = Math.floor(row.bucket / HOUR_MS) * HOUR_MS;
      let list = byHour.get(hour);
      if (!list) byHour.set(hour, (list = []));
      list.push(row);
    }
    const select = this.sql('SELECT data FROM rollup_1m WHERE tag = ? AND hour = ?').pluck();
    const upsert = this.sql('INSERT OR REPLACE INTO rollup_1m (tag, hour, data) VALUES (?, ?, ?)');
    const insertHour = this.sql(rollupInsert('rollup_1h'));
    for (const [hour, fresh] of byHour) {
      const existing = merge ? (select.get(tag, hour) as Uint8Array | undefined) : undefined;
      const minutes = existing ? mergeMinutes(unpackRollups(existing), fresh) : fresh;
      upsert.run(tag, hour, packRollups(minutes));
      for (const row of mergeRollups(minutes, HOUR_MS)) insertHour.run(toDbRow(tag, row));
    }
  }

  private halt(error: Error): void {
    const code = (error as { code?: string }).code ?? '';
    const reason = /FULL/.test(code)
      ? 'the disk is full'
      : /READONLY|PERM|ACCESS/.test(code)
        ? 'the database file is read-only'
        : `the database cannot be written (${code || error.message})`;
    if (this.state !== 'stopped') this.log.error({ err: error, file: this.file }, `historian stopped storing: ${reason}`);
    this.state = 'stopped';
    this.detail = `Storing stopped: ${reason}. Values are kept in memory and storing resumes by itself when the file can be written again.`;
  }

  private resume(): void {
    if (this.state === 'ok') return;
    this.log.warn({ file: this.file }, 'historian storing resumed');
    this.state = 'ok';
    this.detail = '';
  }

  /** The sealed boundary: samples before it are in blocks, after it in the open series. */
  get sealedBoundary(): number {
    return this.sealedUntil;
  }

  get refusedLate(): number {
    return this.lateRefused;
  }

  status(): HistorianStatus {
    const size = (path: string) => {
      try {
        return statSync(path).size;
      } catch {
        return 0;
      }
    };
    const stored = this.sealedSamples + [...this.tagsById.values()].reduce((n, t) => n + t.open.length, 0);
    return {
      file: this.file,
      bytes: size(this.file) + size(`${this.file}-wal`),
      state: this.state,
      detail: this.state === 'ok' ? `${this.tagsById.size} tags${this.lateRefused > 0 ? `, ${this.lateRefused} late samples refused` : ''}` : this.detail,
      samplesStored: stored,
    };
  }

  close(): void {
    if (!this.readonly) {
      this.flushFilters();
      this.commit();
    }
    this.db.close();
  }
}



function lastSampleOf(data: Uint8Array): { ts: number; value: number; quality: number } | undefined {
  const { series } = decodeBlock(data);
  const n = series.ts.length;
  return n > 0 ? { ts: series.ts[n - 1]!, value: series.value[n - 1]!, quality: series.quality[n - 1]! } : undefined;
}

