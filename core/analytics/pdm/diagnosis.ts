/**
 * Bearing diagnosis from the envelope spectrum: which defect frequency family stands out.
 *
 * For each family (BPFO outer race, BPFI inner race, BSF ball, FTF cage) the fundamental is
 * searched within ± tolerance (2 % by default, at least 2 lines) of its kinematic frequency,
 * because slip puts the real one up to 1–2 % low and a speed reading may be off. Harmonics
 * 2–4 are then searched at whole multiples of the frequency found (± max(0.5 %, 2 lines)),
 * and the sidebands that belong to the defect at ± 1× and ± 2× their modulating frequency
 * (± 2 lines): the shaft frequency for the inner race (the defect turns with the shaft, in
 * and out of the load zone), the cage frequency for a ball (it travels with the cage). The
 * outer race is stationary: its impacts are not modulated, no sidebands are expected.
 *
 * A component stands out when it is at least 6 dB above its noise floor (peaks.ts) and
 * belongs to the family. A fundamental belongs when the family is its best explanation
 * (peak-match.ts: not a shaft harmonic, not another defect's harmonic that lies closer).
 * A harmonic or sideband found at a multiple of a fundamental that stands out belongs
 * unless it is a shaft harmonic: with slip, h × the measured fundamental is where it must
 * be, even when another defect's kinematic frequency happens to lie closer.
 *
 * A defect is named when its fundamental stands at least 10 dB above the floor (for a
 * ball, BSF or 2 × BSF, whichever is higher) and at least one more component of its family
 * (a harmonic or a sideband) stands out. One line above the floor is not enough: random
 * lines in a Welch spectrum reach 6–10 dB now and then, a harmonic family does not. When
 * several families qualify, the one with the largest total evidence (the sum of the dB of
 * its standing-out components) is named.
 *
 * A defect's envelope spectrum is a comb, m × f_defect + k × f_modulation (an inner-race
 * defect's impacts are modulated by the whole shaft turn, not by one sine), and some of its
 * teeth land near another family's lines (for the SKF 6205, BPFI + 4 × shaft lies within
 * 0.4 Hz of 4 × BSF). So once a defect is named, the other families are looked at again
 * with the lines of its comb (m = 1 … 8, |k| ≤ 6, from the fundamental as found, ± 2 lines
 * or 0.3 %) taken away; one that still qualifies is named too, as a second defect.
 */
import { defectNames, type BearingDiagnosis, type ComponentEvidence, type DefectEvidence, type DefectFrequencies, type DefectKind, type FamilyName } from '../../contract/pdm.js';
import { matchPeak } from './peak-match.js';
import { strongestIn, type SpectrumPeak, type SpectrumView } from './peaks.js';

export { defectNames };
export type { BearingDiagnosis, ComponentEvidence, DefectEvidence };

export const familyOf: Record<DefectKind, FamilyName> = { 'outer-race': 'BPFO', 'inner-race': 'BPFI', ball: 'BSF', cage: 'FTF' };

export interface DiagnosisOptions {
  /** Half-width of the fundamental's search window, % of the expected frequency (default 2). */
  tolerancePercent?: number;
  /** A fundamental must stand this far above its noise floor, dB (default 10). */
  fundamentalDb?: number;
  /** Any other component must stand this far above its floor to count, dB (default 6). */
  componentDb?: number;
  /** Highest harmonic searched (default 4). */
  harmonics?: number;
}

interface Context {
  view: SpectrumView;
  frequencies: DefectFrequencies;
  maxHz: number;
  options: Required<DiagnosisOptions>;
}

function component(
  ctx: Context,
  family: FamilyName,
  peak: SpectrumPeak | undefined,
  harmonic: number,
  sideband: number,
  expectedHz: number,
  threshold: number,
  anchored: boolean,
  claimed?: (frequencyHz: number) => boolean,
): ComponentEvidence | undefined {
  if (!peak) return undefined;
  const match = matchPeak(peak.frequencyHz, ctx.frequencies.shaftHz, ctx.frequencies, ctx.view.binHz, ctx.options);
  // Found at a multiple of the fundamental as measured: it is the family's unless it is a shaft harmonic.
  // Found near a kinematic frequency only: it is the family's when the family is its best explanation.
  const ours = anchored ? !isShaftHarmonic(ctx, peak.frequencyHz) : match?.family === family;
  return {
    harmonic,
    sideband,
    expectedHz,
    frequencyHz: peak.frequencyHz,
    amplitudeG: peak.amplitude,
    floorG: peak.floor,
    ratioDb: peak.ratioDb,
    explainedAs: match?.label ?? null,
    standsOut: peak.ratioDb >= threshold && ours && !(claimed?.(peak.frequencyHz) ?? false),
  };
}

function familyEvidence(ctx: Context, defect: DefectKind, claimed?: (frequencyHz: number) => boolean): DefectEvidence {
  const baseHz = baseOf(ctx.frequencies, defect);
  const modulationHz = defect === 'inner-race' ? ctx.frequencies.shaftHz : defect === 'ball' ? ctx.frequencies.ftf : undefined;
  const { view, maxHz, options } = ctx;
  const family = familyOf[defect];
  const lines2 = 2 * view.binHz;
  const window = Math.max((options.tolerancePercent / 100) * baseHz, lines2);
  const fundamental = component(ctx, family, strongestIn(view, baseHz - window, baseHz + window), 1, 0, baseHz, options.fundamentalDb, false, claimed);
  const harmonics: ComponentEvidence[] = fundamental ? [fundamental] : [];
  // Harmonics sit at multiples of the fundamental as found when it stands out; else of the expected one, with the wider window.
  const anchored = fundamental?.standsOut === true;
  const anchor = anchored ? fundamental.frequencyHz : baseHz;
  for (let h = 2; h <= options.harmonics; h++) {
    const expected = h * anchor;
    const w = Math.max((anchored ? 0.005 : options.tolerancePercent / 100) * expected, lines2);
    if (expected + w > maxHz) break;
    const found = component(ctx, family, strongestIn(view, expected - w, expected + w), h, 0, h * baseHz, options.componentDb, anchored, claimed);
    if (found) harmonics.push(found);
  }
  const sidebands: ComponentEvidence[] = [];
  if (modulationHz !== undefined) {
    for (const h of harmonics.filter((c) => c.standsOut)) {
      for (const k of [-2, -1, 1, 2]) {
        const expected = h.frequencyHz + k * modulationHz;
        if (expected - lines2 <= 0 || expected + lines2 > maxHz) continue;
        const found = component(ctx, family, strongestIn(view, expected - lines2, expected + lines2), h.harmonic, k, h.harmonic * baseHz + k * modulationHz, options.componentDb, anchored, claimed);
        if (found) sidebands.push(found);
      }
    }
  }
  const leading = defect === 'ball' ? harmonics.slice(0, 2) : harmonics.slice(0, 1);
  const own = leading.filter((c) => c.explainedAs !== null && matchFamily(c.explainedAs) === family && !(claimed?.(c.frequencyHz) ?? false));
  const fundamentalDb = own.length > 0 ? Math.max(...own.map((c) => c.ratioDb)) : null;
  const standing = [...harmonics, ...sidebands].filter((c) => c.standsOut);
  const detected = fundamentalDb !== null && fundamentalDb >= options.fundamentalDb && standing.length >= 2;
  const score = standing.reduce((sum, c) => sum + c.ratioDb, 0);
  const lead = harmonics.length > 0 ? leadOf({ defect, harmonics }) : undefined;
  const measuredHz = detected && lead ? lead.frequencyHz / lead.harmonic : null;
  return { defect, family, expectedHz: baseHz, harmonics, sidebands, measuredHz, fundamentalDb, score, detected };
}

function isShaftHarmonic(ctx: Context, f: number): boolean {
  const k = Math.round(f / ctx.frequencies.shaftHz);
  return k >= 1 && Math.abs(f - k * ctx.frequencies.shaftHz) <= Math.max(2 * ctx.view.binHz, 0.005 * f);
}

function baseOf(f: DefectFrequencies, defect: DefectKind): number {
  return defect === 'inner-race' ? f.bpfi : defect === 'outer-race' ? f.bpfo : defect === 'ball' ? f.bsf : f.ftf;
}

/** The lines of a named defect's comb, m × f + k × f_mod, as a test on a frequency. */
function combOf(ctx: Context, e: DefectEvidence): (frequencyHz: number) => boolean {
  const lead = leadOf(e);
  const base = lead.frequencyHz / lead.harmonic;
  const modulation = e.defect === 'ball' ? ctx.frequencies.ftf : ctx.frequencies.shaftHz;
  const lines2 = 2 * ctx.view.binHz;
  return (f) => {
    for (let m = 1; m <= 8; m++) {
      const k = Math.round((f - m * base) / modulation);
      if (Math.abs(k) <= 6 && Math.abs(f - m * base - k * modulation) <= Math.max(lines2, 0.003 * m * base)) return true;
    }
    return false;
  };
}

/** The component a family is named by: its fundamental; for a ball, BSF or 2 × BSF, whichever stands higher. */
function leadOf(e: Pick<DefectEvidence, 'defect' | 'harmonics'>): ComponentEvidence {
  const [first, second] = e.harmonics;
  return e.defect === 'ball' && second && second.ratioDb > (first?.ratioDb ?? -Infinity) ? second : first!;
}

/** The family named in a match label ("2×BPFI − 1×shaft" → BPFI). */
function matchFamily(label: string): string | undefined {
  return /(BPFO|BPFI|BSF|FTF|shaft)/.exec(label)?.[1];
}

const hz = (f: number) => `${f.toFixed(1)} Hz`;
const db = (d: number) => `${Math.round(d)} dB`;

function describe(e: DefectEvidence): string {
  const lead = leadOf(e);
  const name = lead.harmonic === 1 ? e.family : `${lead.harmonic}×${e.family}`;
  const more = e.harmonics.filter((c) => c.standsOut && c !== lead).length;
  const orders = [...new Set(e.sidebands.filter((c) => c.standsOut).map((c) => Math.abs(c.sideband)))].sort();
  const modulation = e.defect === 'ball' ? 'cage' : 'shaft';
  const extras = [
    ...(more > 0 ? [`${more} harmonic${more === 1 ? '' : 's'}`] : []),
    ...(orders.length > 0 ? [`${orders.map((k) => `±${k}×`).join(' and ')} ${modulation} sidebands`] : []),
  ];
  return `${defectNames[e.defect]}: ${name} at ${hz(lead.frequencyHz)} (expected ${hz(lead.harmonic * e.expectedHz)}) stands ${db(lead.ratioDb)} above the noise floor` + (extras.length > 0 ? `, with ${extras.join(' and ')}` : '');
}

/** The diagnosis from an envelope spectrum (g) and the bearing's defect frequencies, looking up to `maxHz`. */
export function diagnoseBearing(view: SpectrumView, frequencies: DefectFrequencies, maxHz: number, options: DiagnosisOptions = {}): BearingDiagnosis {
  const ctx: Context = { view, frequencies, maxHz, options: { tolerancePercent: 2, fundamentalDb: 10, componentDb: 6, harmonics: 4, ...options } };
  const kinds: DefectKind[] = ['inner-race', 'outer-race', 'ball', 'cage'];
  const byScore = (a: DefectEvidence, b: DefectEvidence) => Number(b.detected) - Number(a.detected) || b.score - a.score || (b.fundamentalDb ?? -999) - (a.fundamentalDb ?? -999);
  let evidence = kinds.map((kind) => familyEvidence(ctx, kind)).sort(byScore);
  const winner = evidence[0]!;
  if (winner.detected) {
    const claimed = combOf(ctx, winner);
    evidence = [winner, ...evidence.slice(1).map((e) => familyEvidence(ctx, e.defect, claimed)).sort(byScore)];
  }
  const best = evidence[0]!;
  if (best.detected) {
    const others = evidence.slice(1).filter((e) => e.detected);
    return { status: 'defect', defect: best.defect, text: [best, ...others].map(describe).join('; also '), evidence };
  }
  const strongest = [...evidence].sort((a, b) => (b.harmonics[0]?.ratioDb ?? -Infinity) - (a.harmonics[0]?.ratioDb ?? -Infinity))[0]!;
  const at = strongest.harmonics[0];
  const o = ctx.options;
  return {
    status: 'no-defect',
    text:
      'No bearing defect: no defect frequency stands out with its harmonics in the envelope spectrum' +
      (at ? ` (the highest line near one, ${strongest.family} at ${hz(at.frequencyHz)}, is ${db(at.ratioDb)} above the noise floor; a defect needs ${o.fundamentalDb} dB and a harmonic or sideband at ${o.componentDb} dB)` : ''),
    evidence,
  };
}
