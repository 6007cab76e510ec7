import { describe, expect, it } from 'vitest';
import { exportAmounts, exportRequest, formatBytes, fromLocalInput, lineCheckState, presetRange, progressPercent, selectedPaths, selectionText, toLocalInput, toggleAsset, toggleLine } from './export-model.js';
import type { ExportForm, SelectableLine } from './export-model.js';

const lines: SelectableLine[] = [
  { path: 'line1', name: 'Line 1', assets: [{ path: 'line1/filler', name: 'Filler' }, { path: 'line1/capper', name: 'Capper' }] },
  { path: 'line2', name: 'Line 2', assets: [{ path: 'line2/packer', name: 'Packer' }] },
];

const now = Date.UTC(2025, 9, 14, 14, 30, 0);

function form(over: Partial<ExportForm> = {}): ExportForm {
  return { preset: 'hour', customFrom: '', customTo: '', checked: new Set(), name: '', ...over };
}

describe('range presets', () => {
  it('end now and reach back an hour, a shift of 8 h, a day', () => {
    expect(presetRange('hour', now + 0.4)).toEqual({ from: now - 3_600_000, to: now });
    expect(presetRange('shift', now)).toEqual({ from: now - 8 * 3_600_000, to: now });
    expect(presetRange('day', now)).toEqual({ from: now - 24 * 3_600_000, to: now });
    expect(presetRange('custom', now)).toBeNull();
  });
});

describe('local date and time fields', () => {
  it('round-trips to the second, in local time', () => {
    const at = new Date(2025, 9, 14, 6, 5, 9).getTime();
    expect(toLocalInput(at)).toBe('2025-10-14T06:05:09');
    expect(fromLocalInput('2025-10-14T06:05:09')).toBe(at);
    expect(fromLocalInput('2025-10-14T06:05')).toBe(new Date(2025, 9, 14, 6, 5, 0).getTime());
  });

  it('refuses what is not a date and time', () => {
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('2025-02-31T10:00')).toBeNull();
    expect(fromLocalInput('14.10.2025 06:00')).toBeNull();
  });
});

describe('lines and assets', () => {
  it('sends a line whose assets are all ticked as the line, else the assets; nothing ticked is the whole plant', () => {
    expect(selectedPaths(lines, new Set())).toBeUndefined();
    expect(selectedPaths(lines, new Set(['line1/filler', 'line1/capper', 'line2/packer']))).toEqual(['line1', 'line2']);
    expect(selectedPaths(lines, new Set(['line1/capper', 'line2/packer']))).toEqual(['line1/capper', 'line2']);
    expect(selectionText(lines, new Set())).toBe('Whole plant');
    expect(selectionText(lines, new Set(['line1/capper', 'line2/packer']))).toBe('Capper, Line 2');
    const many: SelectableLine[] = [{ path: 'l', name: 'L', assets: ['a', 'b', 'c', 'd', 'e'].map((id) => ({ path: `l/${id}`, name: id })) }];
    expect(selectionText(many, new Set(['l/a', 'l/b', 'l/c', 'l/d']))).toBe('4 assets');
    expect(selectionText([...many, ...lines], new Set(['l/a', 'l/b', 'l/c', 'line1/filler', 'line1/capper']))).toBe('1 line and 3 assets');
  });

  it('ticks a line as a whole and tells all, some or none', () => {
    let checked = toggleLine(lines[0]!, new Set());
    expect(lineCheckState(lines[0]!, checked)).toBe('all');
    checked = toggleAsset('line1/filler', checked);
    expect(lineCheckState(lines[0]!, checked)).toBe('some');
    checked = toggleLine(lines[0]!, checked);
    expect(lineCheckState(lines[0]!, checked)).toBe('all');
    expect(lineCheckState(lines[0]!, toggleLine(lines[0]!, checked))).toBe('none');
  });
});

describe('the request', () => {
  it('is made from a preset, with the selection and a name', () => {
    const check = exportRequest(form({ preset: 'shift', checked: new Set(['line1/filler']), name: 'night shift' }), lines, now);
    expect(check).toEqual({ ok: true, request: { from: now - 8 * 3_600_000, to: now, assets: ['line1/filler'], name: 'night shift' } });
  });

  it('is made from a custom range typed in local time', () => {
    const check = exportRequest(form({ preset: 'custom', customFrom: '2025-10-14T06:00', customTo: '2025-10-14T14:00:00' }), lines, now);
    expect(check).toEqual({ ok: true, request: { from: new Date(2025, 9, 14, 6).getTime(), to: new Date(2025, 9, 14, 14).getTime() } });
  });

  it('is refused with a reason: a missing time, an end before the start, a bad file name', () => {
    expect(exportRequest(form({ preset: 'custom', customTo: '2025-10-14T06:00' }), lines, now)).toEqual({ ok: false, message: 'Give the start as a date and a time.' });
    expect(exportRequest(form({ preset: 'custom', customFrom: '2025-10-14T06:00', customTo: '2025-10-14T06:00' }), lines, now)).toEqual({ ok: false, message: 'The end must be after the start.' });
    const bad = exportRequest(form({ name: '../etc/passwd' }), lines, now);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toMatch(/file name/);
  });
});

describe('progress', () => {
  it('reads in percent and amounts', () => {
    expect(progressPercent({ progress: 0.426, state: 'running' })).toBe(43);
    expect(progressPercent({ progress: 0.5, state: 'done' })).toBe(100);
    expect(progressPercent({ progress: Number.NaN, state: 'running' })).toBe(0);
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(13_000_000)).toBe('12 MB');
    expect(formatBytes(1_500_000)).toBe('1.4 MB');
    expect(exportAmounts({ samples: 1234, bytes: 2048 })).toMatch(/^1.?234 samples · 2\.0 kB$/);
  });
});
