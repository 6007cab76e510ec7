// The historian benchmark: storage size, bytes written with a durable commit a second,
// batched ingest rate and display-query time, each next to the naive design measured in
// the same run — one SQLite row per sample `(tag, ts, value)`, committed once per scan.
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { BenchSuite } from '../run.js';
import { Historian, HistorianReader } from '../../core/historian/index.js';
import { silentLogger } from '../../core/runtime/logger.js';
import { benchTags, generate, type BenchTag } from './dataset.js';
import { measureTrendPaint } from './trend-paint.js';
import { formatNumber, median } from '../stats.js';

const TAGS = 1000;
const HOUR_SAMPLES = 3600;
const LIVE_SECONDS = 15 * 60; // long enough for one seal of the head into blocks
const LONG_TAGS = 10;
const LONG_DAYS = 30;
const START = Date.UTC(2026, 9, 1);
const log = silentLogger();

/** Bytes this process has handed to write(2) so far (Linux /proc/self/io). */
function bytesWritten(): number {
  const match = /wchar: (\d+)/.exec(readFileSync('/proc/self/io', 'utf8'));
  return match ? Number(match[1]) : Number.NaN;
}

function fileBytes(file: string): number {
  let total = 0;
  for (const suffix of ['', '-wal']) {
    try {
      total += statSync(file + suffix).size;
    } catch {
      /* no such file */
    }
  }
  return total;
}

function openBaseline(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE IF NOT EXISTS samples (tag INTEGER NOT NULL, ts INTEGER NOT NULL, value REAL, PRIMARY KEY (tag, ts)) WITHOUT ROWID');
  return db;
}


export const historianSuite: BenchSuite = {
  name: 'historian',
  description: `storage, durable writes, ingest and display queries on ${TAGS} tags × 1 Hz (±20 ms jitter) and ${LONG_TAGS} tags × ${LONG_DAYS} days`,
  async run(print) {
    const dir = mkdtempSync(join(tmpdir(), 'lineside-bench-historian-'));
    const tags = benchTags(TAGS);
    const hour = tags.map((t, i) => generate(t.mix, i + 1, START, HOUR_SAMPLES));
    const samples = TAGS * HOUR_SAMPLES;

    // 1. Batched ingest and bytes on disk: one hour of the whole plant. Both designs first
    // run a tenth of the work on a scratch file, so neither is timed with a cold JIT.
    const warm = new Historian({ file: join(dir, 'warm-up.db'), tags: tags.map((t) => t.tag), log });
    warm.importMany(tags.slice(0, 100).map((t, i) => ({ path: t.tag.path, series: hour[i]! })));
    warm.close();
    const warmBase = openBaseline(join(dir, 'warm-up-baseline.db'));
    const warmInsert = warmBase.prepare('INSERT INTO samples (tag, ts, value) VALUES (?, ?, ?)');
    for (let k = 0; k < HOUR_SAMPLES / 10; k++) warmBase.transaction(() => tags.forEach((_, i) => warmInsert.run(i, hour[i]!.ts[k], hour[i]!.value[k])))();
    warmBase.close();

    const file = join(dir, 'plant.db');
    const historian = new Historian({ file, tags: tags.map((t) => t.tag), log });
    let t0 = performance.now();
    historian.importMany(tags.map((t, i) => ({ path: t.tag.path, series: hour[i]! })));
    const ingestS = (performance.now() - t0) / 1000;
    historian.db.pragma('wal_checkpoint(TRUNCATE)');
    const blockBytes = historian.db.prepare('SELECT SUM(LENGTH(data)) FROM blocks').pluck().get() as number;
    const diskBytes = fileBytes(file);
    historian.close();

    const baseFile = join(dir, 'baseline.db');
    const base = openBaseline(baseFile);
    const insert = base.prepare('INSERT INTO samples (tag, ts, value) VALUES (?, ?, ?)');
    const scan = base.transaction((k: number) => {
      for (let i = 0; i < TAGS; i++) insert.run(i, hour[i]!.ts[k], hour[i]!.value[k]);
    });
    t0 = performance.now();
    for (let k = 0; k < HOUR_SAMPLES; k++) scan(k); // one commit per scan, as a naive logger does
    const baseIngestS = (performance.now() - t0) / 1000;
    base.pragma('wal_checkpoint(TRUNCATE)');
    const baseDisk = fileBytes(baseFile);

    const rate = samples / ingestS;
    const baseRate = samples / baseIngestS;
    print(`bytes on disk per sample: ${formatNumber(diskBytes / samples, 2)} (blocks alone ${formatNumber(blockBytes / samples, 2)}), baseline ${formatNumber(baseDisk / samples, 2)}   (goal ≤ 2.5 lossless)`);
    print(`batched ingest: ${formatNumber(rate / 1e6, 2)} M samples/s, baseline ${formatNumber(baseRate / 1e6, 3)} M samples/s → ${formatNumber(rate / baseRate, 1)}×   (goal ≥ 5 M/s and ≥ 50×)`);

    // 2. Bytes written with a durable commit every second, live, at 1,000 tags × 1 Hz.
    const liveFile = join(dir, 'live.db');
    const live = new Historian({ file: liveFile, tags: tags.map((t) => t.tag), log });
    const liveStart = START + 86_400_000;
    let before = bytesWritten();
    for (let s = 0; s < LIVE_SECONDS; s++) {
      live.append(tags.map((t, i) => ({ path: t.tag.path, value: hour[i]!.value[s % HOUR_SAMPLES]!, quality: { status: 'good' as const }, sourceTs: liveStart + s * 1000 + ((s * 7 + i) % 41) - 20 })));
      live.commit();
    }
    const liveWritten = bytesWritten() - before;
    live.close();
    const baseLive = openBaseline(join(dir, 'baseline-live.db'));
    const liveInsert = baseLive.prepare('INSERT INTO samples (tag, ts, value) VALUES (?, ?, ?)');
    const liveScan = baseLive.transaction((s: number) => {
      for (let i = 0; i < TAGS; i++) liveInsert.run(i, liveStart + s * 1000 + i, hour[i]!.value[s % HOUR_SAMPLES]);
    });
    before = bytesWritten();
    for (let s = 0; s < LIVE_SECONDS; s++) liveScan(s);
    const baseLiveWritten = bytesWritten() - before;
    baseLive.close();
    const liveSamples = LIVE_SECONDS * TAGS;
    print(
      `bytes written per sample, durable commit every second: ${formatNumber(liveWritten / liveSamples, 1)}, baseline ${formatNumber(baseLiveWritten / liveSamples, 1)} → ${formatNumber(baseLiveWritten / liveWritten, 1)}× less   (goal ≤ 50)`,
    );

    // 3. Display queries on 10 tags × 30 days.
    const longFile = join(dir, 'long.db');
    const longTags: BenchTag[] = benchTags(LONG_TAGS, 'bench/long');
    const long = new Historian({ file: longFile, tags: longTags.map((t) => t.tag), log });
    const daySamples = 86_400;
    longTags.forEach((t, i) => {
      for (let d = 0; d < LONG_DAYS; d++) long.importSeries(t.tag.path, generate(t.mix, 1000 + i * 100 + d, START + d * 86_400_000, daySamples));
    });
    const reader = new HistorianReader(long);
    const path = longTags[0]!.tag.path;
    const dayFrom = START + 10 * 86_400_000;
    const time = (fn: () => unknown) => {
      const runs: number[] = [];
      for (let i = 0; i < 15; i++) {
        const t = performance.now();
        fn();
        runs.push(performance.now() - t);
      }
      return median(runs);
    };
    const dayMs = time(() => reader.display(path, dayFrom, dayFrom + 86_400_000, 1000));
    const monthMs = time(() => reader.display(path, START, START + LONG_DAYS * 86_400_000, 1000));
    const daySource = reader.display(path, dayFrom, dayFrom + 86_400_000, 1000).source;
    const monthSource = reader.display(path, START, START + LONG_DAYS * 86_400_000, 1000).source;
    long.close();

    const baseQuery = openBaseline(join(dir, 'baseline-long.db'));
    const qInsert = baseQuery.prepare('INSERT INTO samples (tag, ts, value) VALUES (?, ?, ?)');
    const oneDay = generate(longTags[0]!.mix, 1010, dayFrom, daySamples);
    baseQuery.transaction(() => {
      for (let k = 0; k < daySamples; k++) qInsert.run(0, oneDay.ts[k], oneDay.value[k]);
    })();
    const select = baseQuery.prepare('SELECT ts, value FROM samples WHERE tag = ? AND ts >= ? AND ts < ?');
    const baseDayMs = time(() => select.all(0, dayFrom, dayFrom + 86_400_000));
    baseQuery.close();
    print(`display query, 1 day of one tag at 1,000 px: ${formatNumber(dayMs, 2)} ms (${daySource}), baseline (raw rows) ${formatNumber(baseDayMs, 2)} ms → ${formatNumber(baseDayMs / dayMs, 1)}×   (goal ≤ 5 ms)`);
    print(`display query, 30 days of one tag at 1,000 px: ${formatNumber(monthMs, 2)} ms (${monthSource})   (goal ≤ 20 ms)`);

    // 4. In Chromium: the Trends screen, 8 pens, 24 hours, request to painted chart.
    const trend = await measureTrendPaint();
    print(`8-pen 24 h trend in Chromium, request to painted chart: ${formatNumber(trend.paintMs, 1)} ms   (goal ≤ 100 ms)`);
    print(`  the 8 display queries alone over the WebSocket: ${formatNumber(trend.displayFetchMs, 1)} ms; baseline, the same 8 × 24 h as raw samples: ${formatNumber(trend.rawFetchMs, 1)} ms → ${formatNumber(trend.rawFetchMs / trend.displayFetchMs, 1)}×`);

    return {
      trend_paint_ms: trend.paintMs,
      trend_display_fetch_ms: trend.displayFetchMs,
      baseline_trend_raw_fetch_ms: trend.rawFetchMs,
      disk_bytes_per_sample_ratio: diskBytes / samples,
      block_bytes_per_sample_ratio: blockBytes / samples,
      baseline_disk_bytes_per_sample_ratio: baseDisk / samples,
      ingest_per_s: rate,
      baseline_ingest_per_s: baseRate,
      ingest_vs_baseline_ratio: rate / baseRate,
      written_bytes_per_sample_ratio: liveWritten / liveSamples,
      baseline_written_bytes_per_sample_ratio: baseLiveWritten / liveSamples,
      display_1d_ms: dayMs,
      display_30d_ms: monthMs,
      baseline_1d_raw_ms: baseDayMs,
    };
  },
};
