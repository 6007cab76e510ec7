// The PdM benchmark: the full analysis of a vibration snapshot (core/analytics/pdm
// analyzeSnapshot: features, Welch spectrum, velocity and ISO zone, spectral-kurtosis band
// search, envelope spectrum, peaks and bearing diagnosis) on 1 s snapshots at 25.6 kHz of
// the simulated conveyor motor (core/drivers/simulator/bearing-waveform.ts, seeded: healthy,
// and outer-race, inner-race and ball defects at several stages), SKF 6205 at 1780 rpm.
// Goal: at most 10 ms per snapshot on one core.
//
// The baseline, in the same run: the spectrum (Welch, 3 Hann segments of 12,800 samples on
// a 16,384-point grid) by a naive O(n²) DFT (twiddles from a table) instead of the FFT. It is far slower, so it runs
// on the first DFT_LINES lines of each segment and its time is scaled to all 8,193 lines;
// its power on those lines must equal the FFT's.
import type { BenchSuite } from '../run.js';
import { analyzeSnapshot, catalogueBearing, welch } from '../../core/analytics/pdm/index.js';
import { hann, welchSegmentLength } from '../../core/analytics/pdm/spectrum.js';
import { nextPowerOfTwo } from '../../core/analytics/pdm/fft.js';
import { defectCondition } from '../../core/drivers/simulator/bearing.js';
import { generateWaveform, WAVEFORM_RATE_HZ, type DefectKind } from '../../core/drivers/simulator/bearing-waveform.js';
import { Random } from '../../core/drivers/simulator/random.js';
import { formatNumber, median } from '../stats.js';

const RPM = 1780;
const RUNS = 7;
const DFT_LINES = 512;
const bearing = catalogueBearing('SKF 6205');

const fmt = (n: number, digits = 0) => formatNumber(n, digits);

function snapshots(): { samples: Float32Array; label: string }[] {
  const cases: [DefectKind | null, number][] = [
    [null, 0],
    ['outer-race', 0.2],
    ['outer-race', 0.7],
    ['inner-race', 0.3],
    ['inner-race', 0.9],
    ['ball', 0.4],
  ];
  const out: { samples: Float32Array; label: string }[] = [];
  for (const [kind, life] of cases) {
    for (let seed = 1; seed <= 4; seed++) {
      const defects = kind ? [{ kind, condition: defectCondition(life, 1.1) }] : [];
      const waveform = generateWaveform({ shaftRpm: RPM, healthyMmS: 1.1, vibrationFactor: 1, bearing: { ...bearing, contactAngleDeg: 0 }, defects }, new Random(20261122 + seed));
      out.push({ samples: waveform.samples, label: kind ?? 'healthy' });
    }
  }
  return out;
}

/** Welch power on the first `lines` lines by a direct DFT per segment, as welch() lays the segments out. */
function naiveWelch(x: Float32Array, fs: number, lines: number): { power: Float64Array; ms: number } {
  const length = welchSegmentLength(x.length, fs);
  const size = nextPowerOfTwo(length);
  const window = hann(length);
  const hop = Math.floor(length / 2);
  const segments = Math.floor((x.length - length) / hop) + 1;
  const power = new Float64Array(lines);
  const frame = new Float64Array(length);
  // A fair naive DFT: the twiddles come from a table (index k·n mod size), not from cos/sin per term.
  const mask = size - 1;
  const cos = Float64Array.from({ length: size }, (_, i) => Math.cos((2 * Math.PI * i) / size));
  const sin = Float64Array.from({ length: size }, (_, i) => Math.sin((2 * Math.PI * i) / size));
  const t0 = performance.now();
  for (let s = 0; s < segments; s++) {
    let mean = 0;
    for (let i = 0; i < length; i++) mean += x[s * hop + i]!;
    mean /= length;
    for (let i = 0; i < length; i++) frame[i] = (x[s * hop + i]! - mean) * window[i]!;
    for (let k = 0; k < lines; k++) {
      let re = 0;
      let im = 0;
      for (let n = 0, at = 0; n < length; n++, at = (at + k) & mask) {
        re += frame[n]! * cos[at]!;
        im -= frame[n]! * sin[at]!;
      }
      power[k]! += (re * re + im * im) / segments;
    }
  }
  return { power, ms: performance.now() - t0 };
}

export const pdmSuite: BenchSuite = {
  name: 'pdm',
  description: `vibration snapshot analysis (1 s at ${fmt(WAVEFORM_RATE_HZ)} Hz, SKF 6205): the whole analysis per snapshot, and its spectrum by FFT vs a naive O(n²) DFT`,
  async run(print) {
    const shots = snapshots();
    const input = (samples: Float32Array) => ({ samples, sampleRateHz: WAVEFORM_RATE_HZ, unit: 'g' as const, shaftRpm: RPM, bearing });

    // Warm-up (JIT), then RUNS passes over all snapshots; the figure is per snapshot.
    for (const s of shots) analyzeSnapshot(input(s.samples));
    const passes: number[] = [];
    let diagnoses = '';
    for (let run = 0; run < RUNS; run++) {
      const t0 = performance.now();
      const found = shots.map((s) => analyzeSnapshot(input(s.samples)).diagnosis.defect ?? 'none');
      passes.push((performance.now() - t0) / shots.length);
      diagnoses = found.join(',');
    }
    const msPerSnapshot = median(passes);
    const bestMs = Math.min(...passes);
    const expected = shots.map((s) => (s.label === 'healthy' ? 'none' : s.label)).join(',');
    const correct = diagnoses.split(',').filter((d, i) => d === expected.split(',')[i]).length;

    // The spectrum alone: FFT (welch) against the naive DFT on the first DFT_LINES lines, scaled to all lines.
    const x = shots[1]!.samples;
    for (let i = 0; i < 20; i++) welch(x, WAVEFORM_RATE_HZ);
    const fftTimes: number[] = [];
    let ps = welch(x, WAVEFORM_RATE_HZ);
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      ps = welch(x, WAVEFORM_RATE_HZ);
      fftTimes.push(performance.now() - t0);
    }
    const fftMs = median(fftTimes);
    const naive = naiveWelch(x, WAVEFORM_RATE_HZ, DFT_LINES);
    const allLines = ps.power.length;
    const dftMs = (naive.ms * allLines) / DFT_LINES;
    let worst = 0;
    const top = Math.max(...ps.power.subarray(0, DFT_LINES));
    for (let k = 0; k < DFT_LINES; k++) worst = Math.max(worst, Math.abs(naive.power[k]! - ps.power[k]!) / top);
    if (worst > 1e-9) throw new Error(`the DFT and the FFT spectra differ by ${worst} of the largest line`);

    print(`analysis: ${fmt(msPerSnapshot, 2)} ms per snapshot (${fmt(1000 / msPerSnapshot)} snapshots/s; median of ${RUNS} passes over ${shots.length} snapshots, best ${fmt(bestMs, 2)} ms)   (goal ≤ 10 ms)`);
    print(`diagnoses: ${correct} of ${shots.length} name the defect the simulator put in (healthy: none)`);
    print(`spectrum by FFT: ${fmt(fftMs, 2)} ms (${ps.segments} segments of ${fmt(ps.segmentLength)} samples, ${fmt(ps.fftSize)}-point FFTs)`);
    print(`spectrum by naive DFT: ${fmt(dftMs)} ms (timed on ${DFT_LINES} of ${fmt(allLines)} lines, scaled; same power to ${worst.toExponential(1)}) → FFT ${fmt(dftMs / fftMs)}× faster, whole analysis ${fmt(dftMs / msPerSnapshot)}× faster than that spectrum alone`);

    return {
      analysis_ms_per_snapshot: msPerSnapshot,
      analysis_best_ms_per_snapshot: bestMs,
      snapshots_per_s: 1000 / msPerSnapshot,
      diagnoses_correct_count: correct,
      snapshots_count: shots.length,
      spectrum_fft_ms: fftMs,
      spectrum_naive_dft_ms: dftMs,
      dft_over_fft_ratio: dftMs / fftMs,
    };
  },
};
