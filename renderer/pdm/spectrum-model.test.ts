import { describe, expect, it } from 'vitest';
import type { DefectFrequencies } from '../../core/contract/index.js';
import { createFakePdm } from '../testing/fake-pdm.js';
import { decadeTicks, linearTicks, niceStep, reducedPath, stepDecimals, timeTicks } from './axis-model.js';
import { defectMarkers, formatG, formatHz, nearestLine, placeMarkerLabels, spectrumGeometry } from './spectrum-model.js';

// SKF 6205 at 1780 rpm: BPFO = 3.585 × shaft.
const shaftHz = 1780 / 60;
const frequencies: DefectFrequencies = { shaftHz, bpfo: 3.5848 * shaftHz, bpfi: 5.4152 * shaftHz, bsf: 2.3567 * shaftHz, ftf: 0.3983 * shaftHz };
const box = { width: 1100, height: 400, left: 90, right: 10, top: 20, bottom: 60 };

describe('axes', () => {
  it('makes nice linear ticks with the decimals their step needs', () => {
    expect(niceStep(860, 8)).toBe(200);
    expect(niceStep(860, 9)).toBe(100);
    expect(linearTicks(0, 860, 9).map((t) => t.label)).toEqual(['0', '100', '200', '300', '400', '500', '600', '700', '800']);
    expect(linearTicks(-0.6, 0.6, 4).map((t) => t.label)).toEqual(['-0.5', '0.0', '0.5']);
    expect(linearTicks(0, 0.03, 5).map((t) => t.label)).toEqual(['0.00', '0.01', '0.02', '0.03']);
    expect(linearTicks(0, 0.03, 6).map((t) => t.label)).toEqual(['0.000', '0.005', '0.010', '0.015', '0.020', '0.025', '0.030']);
    expect(stepDecimals(0.05)).toBe(2);
    expect(stepDecimals(200)).toBe(0);
    expect(decadeTicks(0.0001, 1).map((t) => t.label)).toEqual(['0.0001', '0.001', '0.01', '0.1', '1']);
  });

  it('puts time ticks on whole local hours or days', () => {
    const from = Date.UTC(2026, 11, 7, 5, 40);
    expect(timeTicks(from, from + 6 * 3_600_000, 4, 'UTC').map((t) => t.label)).toEqual(['06:00', '08:00', '10:00']);
    expect(timeTicks(from, from + 6 * 3_600_000, 4, 'Europe/Berlin').map((t) => t.label)).toEqual(['08:00', '10:00', '12:00']);
    expect(timeTicks(from - 14 * 86_400_000, from, 4, 'UTC').map((t) => t.label)).toEqual(['Mon 30 Nov', 'Mon 7 Dec']);
    expect(timeTicks(from - 14 * 86_400_000, from, 8, 'UTC').map((t) => t.label)).toEqual(['Wed 25 Nov', 'Fri 27 Nov', 'Sun 29 Nov', 'Tue 1 Dec', 'Thu 3 Dec', 'Sat 5 Dec', 'Mon 7 Dec']);
  });

  it('reduces a line to pixel columns without losing a peak', () => {
    const xs = [0, 0.1, 0.2, 0.3, 1, 1.1];
    const ys = [1, 9, 2, 3, 4, 5];
    expect(reducedPath(xs, ys, (x) => x * 10, (y) => 100 - y, 'max')).toBe('M0,99.0 L1,91.0 L2,98.0 L3,97.0 L10,96.0 L11,95.0');
    expect(reducedPath([0, 0.01, 0.02], [1, 9, 2], (x) => x * 10, (y) => 100 - y, 'max')).toBe('M0,91.0');
    expect(reducedPath([0, 0.01, 0.02, 0.03], [5, -3, 7, 1], (x) => x * 10, (y) => y, 'max')).toBe('M0,7.0');
    // min and max in the order they came: a downward spike then an upward one.
    expect(reducedPath([0, 0.01, 0.02, 0.03], [5, -3, 7, 1], (x) => x * 10, (y) => y, 'minmax')).toBe('M0,-3.0 L0,7.0');
    expect(reducedPath([0, 0.01], [5, -3], (x) => x * 10, (y) => y, 'minmax')).toBe('M0,5.0 L0,-3.0');
  });
});

describe('spectrum chart', () => {
  it('scales frequency from 0 to the top and amplitude from 0 or over four decades', () => {
    const spectrum = { frequencyHz: [0, 100, 200, 300, 400], amplitude: [0.001, 0.024, 0.002, 0.05, 0.003] };
    const linear = spectrumGeometry(spectrum, box, { maxHz: 200, scale: 'linear' });
    expect(linear.x(0)).toBe(90);
    expect(linear.x(200)).toBe(1090);
    // The 0.05 line is outside the range: the axis fits the 0.024 one.
    expect(linear.yTicks.at(-1)!.value).toBeCloseTo(0.025);
    expect(linear.y(0)).toBe(340);
    expect(linear.path.split(' ')).toHaveLength(3);
    const log = spectrumGeometry(spectrum, box, { scale: 'log' });
    expect(log.maxHz).toBe(400);
    expect(log.yTicks.map((t) => t.label)).toEqual(['0.00001', '0.0001', '0.001', '0.01', '0.1']);
    expect(log.y(0.1)).toBe(20);
    expect(log.y(0)).toBe(340);
  });

  it('marks BPFO, BPFI, BSF, FTF with harmonics 1×–5× within the plotted range, and 1× shaft', () => {
    const markers = defectMarkers(frequencies, { maxHz: 500 }, { strong: 'BPFO' });
    const bpfo = markers.filter((m) => m.family === 'BPFO');
    expect(bpfo.map((m) => m.label)).toEqual(['BPFO', '2×BPFO', '3×BPFO', '4×BPFO']);
    expect(bpfo[0]!.hz).toBeCloseTo(106.35, 1);
    expect(bpfo.every((m) => m.strong)).toBe(true);
    expect(markers[0]!.family).toBe('BPFO');
    expect(markers.filter((m) => m.family === 'BPFI').map((m) => m.harmonic)).toEqual([1, 2, 3]);
    expect(markers.filter((m) => m.family === 'FTF').map((m) => m.label)).toEqual(['FTF', '2×FTF', '3×FTF', '4×FTF', '5×FTF']);
    expect(markers.filter((m) => m.family === 'shaft')).toEqual([{ family: 'shaft', harmonic: 1, hz: shaftHz, label: '1×shaft', strong: false }]);
    expect(markers.filter((m) => m.strong && m.family !== 'BPFO')).toEqual([]);
    expect(defectMarkers(frequencies, { maxHz: 500 }, { families: new Set(['BSF']) }).map((m) => m.label)).toEqual(['BSF', '2×BSF', '3×BSF', '4×BSF', '5×BSF']);
    expect(defectMarkers(frequencies, { minHz: 20, maxHz: 60 }).map((m) => m.label)).toEqual(['2×FTF', '1×shaft', '3×FTF', '4×FTF', '5×FTF']);
    expect(defectMarkers(null, { maxHz: 500 })).toEqual([]);
  });

  it('puts marker labels in rows so that they never overlap, the strong family first', () => {
    const markers = defectMarkers(frequencies, { maxHz: 500 }, { strong: 'BPFO' });
    const x = (hz: number) => 90 + hz * 2;
    const placed = placeMarkerLabels(markers, x, { rows: 3, charPx: 10 });
    expect(placed.map((m) => m.label)).toEqual(markers.map((m) => m.label));
    expect(placed.filter((m) => m.strong).every((m) => m.row === 0)).toBe(true);
    for (let row = 0; row < 3; row++) {
      const spans = placed.filter((m) => m.row === row).map((m) => [m.x - (m.label.length * 10) / 2, m.x + (m.label.length * 10) / 2] as const).sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < spans.length; i++) expect(spans[i]![0]).toBeGreaterThanOrEqual(spans[i - 1]![1]);
    }
    // With no room left a label is dropped, not overlapped.
    expect(placeMarkerLabels(markers, () => 500, { rows: 2, charPx: 10 }).filter((m) => m.row !== null)).toHaveLength(2);
  });

  it('finds the line under a finger and formats the readout', () => {
    const spectrum = { frequencyHz: [0, 0.5, 1, 1.5, 2] };
    expect(nearestLine(spectrum, 1.2)).toBe(2);
    expect(nearestLine(spectrum, 1.3)).toBe(3);
    expect(nearestLine(spectrum, -4)).toBe(0);
    expect(nearestLine(spectrum, 40)).toBe(4);
    expect(nearestLine({ frequencyHz: [] }, 1)).toBe(-1);
    expect(formatHz(106.35)).toBe('106.3 Hz');
    expect(formatHz(3600)).toBe('3.60 kHz');
    expect(formatG(0.02516)).toBe('0.0252 g');
    expect(formatG(1.234)).toBe('1.23 g');
  });

  it('finds the fake motor’s BPFO comb where the markers are', () => {
    const analysis = createFakePdm({ now: () => Date.UTC(2026, 11, 7, 12) }).analysisOf('line1/motor')!;
    const f = analysis.defectFrequencies!;
    expect(f.bpfo / f.shaftHz).toBeCloseTo(3.585, 3);
    expect(f.bpfo).toBeGreaterThan(105);
    expect(f.bpfo).toBeLessThan(107);
    const markers = defectMarkers(f, { maxHz: analysis.envelope.maxHz }, { strong: 'BPFO' });
    const strong = markers.filter((m) => m.strong);
    expect(strong.map((m) => m.label)).toEqual(['BPFO', '2×BPFO', '3×BPFO', '4×BPFO', '5×BPFO']);
    // Each of the strong markers has an envelope peak within 1 % of it, matched to it.
    for (const m of strong) {
      const peak = analysis.peaks.find((p) => Math.abs(p.frequencyHz - m.hz) / m.hz < 0.01);
      expect(peak?.match?.label).toBe(m.label);
    }
    expect(analysis.diagnosis).toMatchObject({ status: 'defect', defect: 'outer-race' });
  });
});
