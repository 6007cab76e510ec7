/**
 * The asset health page's and the analysis panels' pure parts: the baseline in words, the
 * ISO zone scale (zones A–D as stretches of a bar with the velocity marked on it), the
 * remaining life as a headline and its honest detail, the open anomalies, the diagnosis
 * with its evidence lines, the waveform features as table rows, and the envelope peaks
 * with what each one is. No React.
 */
import { defectNames } from '../../core/contract/index.js';
import type {
  AnomalyEvent,
  BaselineInfo,
  DefectEvidence,
  EnvelopePeak,
  FamilyName,
  IsoZone,
  RulEstimate,
  SnapshotAnalysis,
  WaveformFeatures,
  ZoneBoundaries,
} from '../../core/contract/index.js';
import { formatZoneDateTime } from '../oee/oee-model.js';
import { defectFamilies, formatAgo, zoneLevels, zoneMeanings } from './fleet-model.js';
import type { Level } from './fleet-model.js';
import { formatG, formatHz } from './spectrum-model.js';

/** "Learning the healthy baseline: 12 of 30 snapshots, until Tue 9 Dec, 14:00", or where a learned one came from. */
export function baselineText(baseline: BaselineInfo, timeZone: string): string {
  const when = (ms: number | null) => (ms === null ? '' : formatZoneDateTime(ms, timeZone));
  if (baseline.status === 'learning') {
    const until = baseline.until === null ? '' : `, until ${when(baseline.until)}`;
    const from = baseline.source === 'config' ? ' (the period given in the configuration)' : ' (the first running hours)';
    return `Learning the healthy baseline: ${baseline.points} of ${baseline.needed} snapshots${until}${from}. Until then only the ISO zone judges this asset.`;
  }
  const period = baseline.from !== null && baseline.to !== null ? `, ${when(baseline.from)} – ${when(baseline.to)}` : '';
  return `Healthy baseline learned from ${baseline.points} snapshots${period} (${baseline.source === 'config' ? 'the period given in the configuration' : 'the first running hours'}).`;
}

export interface ZoneSegment {
  zone: IsoZone;
  /** Start and end along the bar, % of its width. */
  from: number;
  to: number;
  meaning: string;
  level: Level;
}

export interface ZoneScale {
  segments: ZoneSegment[];
  /** The boundaries along the bar, % and label ("B/C 2.8"). */
  marks: { at: number; label: string }[];
  /** The velocity along the bar (%), or null without one; `beyond` when it is off the bar's end. */
  velocity: { at: number; beyond: boolean } | null;
  /** The bar's end, mm/s. */
  maxMmS: number;
}

/** The bar runs from 0 to 1.4 × the C/D boundary (further when the velocity is further, to 2 × C/D at most). */
export function zoneScale(boundaries: ZoneBoundaries, velocity: number | null): ZoneScale {
  const natural = boundaries.cd * 1.4;
  const maxMmS = velocity !== null && Number.isFinite(velocity) ? Math.min(boundaries.cd * 2, Math.max(natural, velocity * 1.1)) : natural;
  const at = (v: number) => (Math.min(v, maxMmS) / maxMmS) * 100;
  const edges: [IsoZone, number, number][] = [
    ['A', 0, boundaries.ab],
    ['B', boundaries.ab, boundaries.bc],
    ['C', boundaries.bc, boundaries.cd],
    ['D', boundaries.cd, maxMmS],
  ];
  return {
    segments: edges.map(([zone, lo, hi]) => ({ zone, from: at(lo), to: at(hi), meaning: zoneMeanings[zone], level: zoneLevels[zone] })),
    marks: [
      { at: at(boundaries.ab), label: `A/B ${boundaries.ab}` },
      { at: at(boundaries.bc), label: `B/C ${boundaries.bc}` },
      { at: at(boundaries.cd), label: `C/D ${boundaries.cd}` },
    ],
    velocity: velocity === null || !Number.isFinite(velocity) ? null : { at: at(Math.max(0, velocity)), beyond: velocity > maxMmS },
    maxMmS,
  };
}

export interface RulView {
  verdict: RulEstimate['verdict'] | 'not-asked';
  /** Big and short: "≈ 12 days", "Zone D now", "No estimate". */
  headline: string;
  /** The core's sentence, whole. */
  detail: string;
  level: Level;
}

export function rulView(rul: RulEstimate | null): RulView {
  if (rul === null) return { verdict: 'not-asked', headline: 'Not needed', detail: 'No remaining-life estimate: the velocity trend is not anomalous.', level: 'normal' };
  if (rul.verdict === 'in-zone-d') return { verdict: rul.verdict, headline: 'In zone D now', detail: rul.text, level: 'abnormal' };
  if (rul.verdict === 'not-enough-evidence') return { verdict: rul.verdict, headline: 'No estimate yet', detail: rul.text, level: 'pending' };
  const days = rul.days < 10 ? rul.days.toFixed(1) : rul.days.toFixed(0);
  return { verdict: rul.verdict, headline: `≈ ${days} days to zone D`, detail: rul.text, level: rul.days < 7 ? 'abnormal' : 'attention' };
}

export interface AnomalyRow {
  key: string;
  label: string;
  open: boolean;
  statusText: string;
  directionText: string;
  whenText: string;
  evidence: string;
}

/** Open anomalies first, then the ones that ended; newest first within each. */
export function anomalyRows(anomalies: readonly (AnomalyEvent & { open: boolean })[], now: number, timeZone: string): AnomalyRow[] {
  return [...anomalies]
    .sort((a, b) => Number(b.open) - Number(a.open) || b.startT - a.startT)
    .map((a) => ({
      key: `${a.feature}@${a.startT}`,
      label: a.label,
      open: a.open,
      statusText: a.open ? 'Open' : 'Ended',
      directionText: a.direction === 'up' ? 'Rising' : 'Falling',
      whenText:
        a.open || a.endT === null
          ? `Since ${formatZoneDateTime(a.startT, timeZone)} (${formatAgo(a.startT, now)})`
          : `${formatZoneDateTime(a.startT, timeZone)} – ${formatZoneDateTime(a.endT, timeZone)}`,
      evidence: a.evidence,
    }));
}

export interface DiagnosisView {
  status: SnapshotAnalysis['diagnosis']['status'];
  /** "Outer-race defect", "No bearing defect found", "No bearing given". */
  headline: string;
  level: Level;
  text: string;
  /** One line for each component that stands out, of the named defect first. */
  evidence: string[];
}

function componentLine(e: DefectEvidence, c: DefectEvidence['harmonics'][number]): string {
  const name = c.sideband === 0 ? (c.harmonic === 1 ? e.family : `${c.harmonic}×${e.family}`) : `${c.harmonic === 1 ? '' : `${c.harmonic}×`}${e.family} ${c.sideband < 0 ? '−' : '+'} ${Math.abs(c.sideband)}×${e.family === 'BSF' ? 'cage' : 'shaft'}`;
  return `${name} at ${formatHz(c.frequencyHz)} (expected ${formatHz(c.expectedHz)}): ${Math.round(c.ratioDb)} dB above the noise floor, ${formatG(c.amplitudeG)}`;
}

export function diagnosisView(diagnosis: SnapshotAnalysis['diagnosis']): DiagnosisView {
  if (diagnosis.status === 'no-bearing') return { status: diagnosis.status, headline: 'No bearing given', level: 'pending', text: diagnosis.text, evidence: [] };
  if (diagnosis.status === 'no-defect' || diagnosis.defect === null) {
    return { status: diagnosis.status, headline: 'No bearing defect found', level: 'normal', text: diagnosis.text, evidence: [] };
  }
  const named = diagnosis.evidence.filter((e) => e.detected);
  const evidence = named.flatMap((e) => [...e.harmonics, ...e.sidebands].filter((c) => c.standsOut).map((c) => componentLine(e, c)));
  return { status: diagnosis.status, headline: defectNames[diagnosis.defect], level: 'abnormal', text: diagnosis.text, evidence };
}

/** The family the diagnosis names (drawn strongest in the envelope spectrum), or null. */
export function diagnosedFamily(diagnosis: SnapshotAnalysis['diagnosis']): FamilyName | null {
  return diagnosis.status === 'defect' && diagnosis.defect !== null ? defectFamilies[diagnosis.defect] : null;
}

export interface FeatureRow {
  key: keyof WaveformFeatures;
  label: string;
  text: string;
  /** What the figure says, in words (for a healthy machine, what to expect). */
  note: string;
}

/** RMS, peak, peak-to-peak (g), crest factor, kurtosis, skewness: the waveform features as the table lists them. */
export function featureRows(features: WaveformFeatures): FeatureRow[] {
  const g = (v: number) => formatG(v);
  const n = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '—');
  return [
    { key: 'rms', label: 'RMS', text: g(features.rms), note: 'Overall acceleration level' },
    { key: 'peak', label: 'Peak', text: g(features.peak), note: 'Largest excursion from the mean' },
    { key: 'peakToPeak', label: 'Peak-to-peak', text: g(features.peakToPeak), note: 'Greatest minus least' },
    { key: 'crestFactor', label: 'Crest factor', text: n(features.crestFactor), note: features.crestFactor > 5 ? 'High: short impacts in the signal' : 'About 3–5 for a smooth machine' },
    { key: 'kurtosis', label: 'Kurtosis', text: n(features.kurtosis), note: features.kurtosis > 4 ? 'Above 4: impacts (bearing damage?)' : 'About 3 for a healthy machine' },
    { key: 'skewness', label: 'Skewness', text: n(features.skewness), note: Math.abs(features.skewness) > 0.5 ? 'Lopsided: knocks one way, looseness?' : 'Near 0: symmetric' },
  ];
}

export interface PeakRow {
  key: string;
  frequencyText: string;
  amplitudeText: string;
  ratioText: string;
  /** "2×BPFO (+0.4 % of expected)", or "Not a known frequency". */
  matchText: string;
  family: string | null;
  /** The diagnosed family's peaks stand out in the list. */
  strong: boolean;
}

export function peakRows(peaks: readonly EnvelopePeak[], strongFamily: string | null): PeakRow[] {
  return peaks.map((p) => ({
    key: `${p.frequencyHz}`,
    frequencyText: formatHz(p.frequencyHz),
    amplitudeText: formatG(p.amplitudeG),
    ratioText: `${Math.round(p.ratioDb)} dB`,
    matchText: p.match === null ? 'Not a known frequency' : `${p.match.label} (${p.match.errorPercent >= 0 ? '+' : '−'}${Math.abs(p.match.errorPercent).toFixed(1)} % from expected ${formatHz(p.match.expectedHz)})`,
    family: p.match?.family ?? null,
    strong: p.match !== null && p.match.family === strongFamily,
  }));
}
