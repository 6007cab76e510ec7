import { describe, expect, it } from 'vitest';
import { csvField, exportFileName, localIso, trendCsv } from './trend-csv.js';

describe('trend CSV', () => {
  it('writes times as local ISO 8601 with the UTC offset, which reads back to the same instant', () => {
    const ts = Date.UTC(2026, 10, 21, 9, 4, 5, 250);
    const iso = localIso(ts);
    expect(iso).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/);
    expect(Date.parse(iso)).toBe(ts);
    const d = new Date(ts);
    expect(iso.slice(11, 13)).toBe(String(d.getHours()).padStart(2, '0'));
  });

  it('quotes fields that need it', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
  });

  it('has a header with unit per pen and one row per time in range, empty cells for no point or a gap', () => {
    const columns = [
      { path: 'line1/filler/speed', unit: 'bottles/min' },
      { path: 'line1/filler/state', unit: '' },
    ];
    const x = [1_000, 2_000, 3_000, 4_000, 5_000];
    const csv = trendCsv(columns, [x, [1.5, null, undefined, 4, 5], [undefined, 2, 3, null, null]], 2_000, 4_000);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('time,line1/filler/speed [bottles/min],line1/filler/state');
    expect(lines.slice(1, -1).map((line) => line.split(',').slice(1).join(','))).toEqual([',2', ',3', '4,']);
    expect(lines.slice(1, -1).map((line) => Date.parse(line.split(',')[0]!))).toEqual([2_000, 3_000, 4_000]);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('names files so that they sort by time', () => {
    expect(exportFileName(new Date(2026, 0, 5, 7, 3).getTime(), 'csv')).toBe('lineside-trend-2026-01-05-0703.csv');
  });
});
