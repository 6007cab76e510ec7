/**
 * What a peak of the envelope spectrum is. The candidates: each defect frequency and its
 * harmonics (up to 6×; the cage frequency up to 4×, its harmonics are a dense comb), the
 * shaft harmonics 1–10×, and the sidebands a defect makes: h × BPFI ± 1–3 × shaft and
 * h × BSF ± 1–3 × cage. Each candidate has a tolerance, and a peak is matched in three
 * tiers, the first tier with a candidate within its tolerance deciding:
 *
 *   1. precise: the shaft harmonics, and the harmonics and sidebands of a defect whose
 *      fundamental has been found in this spectrum (an "anchor": with slip the real defect
 *      frequency is known, so h × f ± k × f_mod is where its lines are), within
 *      ± max(0.5 %, 2 lines);
 *   2. the defect frequencies and harmonics from the kinematics, and the shaft harmonics,
 *      within ± tolerance (2 % by default, at least 2 lines) of h × f, for slip and speed error;
 *   3. the sidebands from the kinematics, within the tolerance of their harmonic (they are
 *      many, and with slip a sideband of one defect can lie closer to a line than another
 *      defect's own kinematic frequency does, so they come last).
 *
 * Within a tier the candidate closest in units of its own tolerance wins (on a tie: a
 * defect harmonic, then a shaft harmonic, then a sideband); no candidate: null. The
 * diagnosis counts a fundamental as a defect's only when the defect is its best
 * explanation, so that, say, a shaft harmonic near 3 × BSF is not taken for a ball defect.
 */
import type { DefectFrequencies, FamilyName, PeakMatch } from '../../contract/pdm.js';

export type { FamilyName, PeakMatch };

/** Highest harmonic of each family that a peak is matched against. */
const maxHarmonic: Record<FamilyName, number> = { BPFI: 6, BPFO: 6, BSF: 6, FTF: 4 };

export interface MatchOptions {
  /** Tier 2 and 3 tolerance, % of the expected harmonic (default 2). */
  tolerancePercent?: number;
  /** Fundamentals as found in this spectrum, Hz, of the defects that were found. */
  anchors?: Partial<Record<FamilyName, number>>;
}

interface Candidate {
  tier: 1 | 2 | 3;
  score: number;
  rank: number;
  family: FamilyName | 'shaft';
  harmonic: number;
  sideband: number;
  /** From the kinematics (for a tier-1 match too: the report is against what the geometry predicts). */
  expectedHz: number;
}

/** The best explanation of a peak at `frequencyHz` (see the header), or null. */
export function matchPeak(frequencyHz: number, shaftHz: number, frequencies: DefectFrequencies | null, binHz: number, options: MatchOptions = {}): PeakMatch | null {
  const tolerance = (options.tolerancePercent ?? 2) / 100;
  const lines2 = 2 * binHz;
  let best: Candidate | undefined;
  const consider = (tier: 1 | 2 | 3, relative: number, family: FamilyName | 'shaft', harmonic: number, sideband: number, atHz: number, scaleHz: number, rank: number, expectedHz = atHz) => {
    if (!(atHz > 0)) return;
    const score = Math.abs(frequencyHz - atHz) / Math.max(relative * scaleHz, lines2);
    if (score > 1) return;
    const better = !best || tier < best.tier || (tier === best.tier && (score < best.score - 1e-9 || (Math.abs(score - best.score) <= 1e-9 && rank < best.rank)));
    if (better) best = { tier, score, rank, family, harmonic, sideband, expectedHz };
  };
  for (let k = 1; k <= 10; k++) {
    consider(1, 0.005, 'shaft', k, 0, k * shaftHz, k * shaftHz, 1);
    consider(2, tolerance, 'shaft', k, 0, k * shaftHz, k * shaftHz, 1);
  }
  if (frequencies) {
    const families: [FamilyName, number, number | undefined][] = [
      ['BPFI', frequencies.bpfi, shaftHz],
      ['BPFO', frequencies.bpfo, undefined],
      ['BSF', frequencies.bsf, frequencies.ftf],
      ['FTF', frequencies.ftf, undefined],
    ];
    for (const [family, kinematic, modulation] of families) {
      const anchor = options.anchors?.[family];
      for (let h = 1; h <= maxHarmonic[family]; h++) {
        if (anchor !== undefined) consider(1, 0.005, family, h, 0, h * anchor, h * anchor, 0, h * kinematic);
        consider(2, tolerance, family, h, 0, h * kinematic, h * kinematic, 0);
        if (modulation === undefined) continue;
        for (const k of [-3, -2, -1, 1, 2, 3]) {
          if (anchor !== undefined) consider(1, 0.005, family, h, k, h * anchor + k * modulation, h * anchor, 2, h * kinematic + k * modulation);
          consider(3, tolerance, family, h, k, h * kinematic + k * modulation, h * kinematic, 2);
        }
      }
    }
  }
  if (!best) return null;
  const { family, harmonic, sideband, expectedHz } = best as Candidate;
  const modulationName = family === 'BSF' ? 'cage' : 'shaft';
  const label =
    family === 'shaft'
      ? `${harmonic}×shaft`
      : `${harmonic === 1 ? '' : `${harmonic}×`}${family}${sideband === 0 ? '' : ` ${sideband < 0 ? '−' : '+'} ${Math.abs(sideband)}×${modulationName}`}`;
  return { family, harmonic, sideband, expectedHz, errorPercent: ((frequencyHz - expectedHz) / expectedHz) * 100, label };
}
