import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Tag } from '../model/plant.js';
import { silentLogger } from '../runtime/logger.js';
import { Historian } from './historian.js';
import { appendEvent, queryEvents } from './journal.js';
import { HistorianReader } from './reader.js';
import { applyRetention, ruleFor } from './retention.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);

function tag(path: string): Tag {
  return { path, name: path.split('/').at(-1)!, assetPath: 'l/a', deviceId: 'd', address: 'x', dataType: 'float64', unit: '', description: '', sampleRateMs: 60_000, rateReason: 't', writable: false };
}

function minutes(start: number, count: number) {
  return {
    ts: Float64Array.from({ length: count }, (_, k) => start + k * 60_000),
    value: Float64Array.from({ length: count }, (_, k) => k % 100),
    quality: new Uint8Array(count),
  };
}

describe('retention and the event journal', () => {
  it('deletes raw blocks and rollups past their group limits, per tag group, first matching rule', async () => {
    const historian = new Historian({ file: join(mkdtempSync(join(tmpdir(), 'lineside-ret-')), 'p.db'), tags: [tag('l/motor/temp'), tag('l/filler/temp')], log: silentLogger() });
    const reader = new HistorianReader(historian);
    for (const path of ['l/motor/temp', 'l/filler/temp']) historian.importSeries(path, minutes(T0, 200 * 1440), 1440); // 200 days, a block a day
    const rules = [
      { prefix: 'l/motor', rawDays: 30, rollupDays: 180 },
      { prefix: '', rawDays: 90, rollupDays: 365 },
    ];
    expect(ruleFor('l/motor/temp', rules).rawDays).toBe(30);
    expect(ruleFor('l/filler/temp', [rules[0]!]).rawDays).toBe(90); // the default
    const now = T0 + 200 * DAY;
    expect(await applyRetention(historian, rules, now)).toBeGreaterThan(0);
    const firstRaw = (path: string) => reader.raw(path, 0, now).ts[0]!;
    expect(firstRaw('l/motor/temp')).toBeGreaterThanOrEqual(now - 31 * DAY);
    expect(firstRaw('l/motor/temp')).toBeLessThan(now - 29 * DAY);
    expect(firstRaw('l/filler/temp')).toBeLessThan(now - 89 * DAY);
    // Rollups outlive raw data: 180 days of hours for the motor, all 200 for the filler.
    const hours = (path: string) => reader.aggregates(path, T0, now, 3_600_000).filter((row) => row.count > 0).length;
    expect(hours('l/motor/temp')).toBeGreaterThanOrEqual(179 * 24);
    expect(hours('l/motor/temp')).toBeLessThanOrEqual(181 * 24);
    expect(hours('l/filler/temp')).toBe(200 * 24);
  });

  it('journals events and finds them by time, source (or below it) and kind', () => {
    const historian = new Historian({ file: join(mkdtempSync(join(tmpdir(), 'lineside-ev-')), 'p.db'), tags: [], log: silentLogger() });
    appendEvent(historian, { ts: T0, kind: 'state-change', source: 'line1/filler', data: { from: 1, to: 5, fault: 'F204' } });
    appendEvent(historian, { ts: T0 + 1000, kind: 'downtime-reason', source: 'line1/filler', data: { reason: 'fill valve', user: 'op1' } });
    appendEvent(historian, { ts: T0 + 2000, kind: 'state-change', source: 'line1/capper', data: { from: 1, to: 3 } });
    expect(queryEvents(historian, { from: T0, to: T0 + 5000, source: 'line1/filler' }).map((e) => e.kind)).toEqual(['state-change', 'downtime-reason']);
    expect(queryEvents(historian, { from: T0, to: T0 + 5000, source: 'line1', kind: 'state-change' }).map((e) => e.source)).toEqual(['line1/filler', 'line1/capper']);
    expect(queryEvents(historian, { from: T0 + 500, to: T0 + 5000 })[0]!.data).toEqual({ reason: 'fill valve', user: 'op1' });
  });
});
