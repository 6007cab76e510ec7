/**
 * Rolling-element bearing defect frequencies from the geometry, and a small built-in
 * catalogue. With n rolling elements, ball diameter d, pitch diameter D, contact angle α,
 * shaft (inner-ring) frequency fr and a stationary outer ring, and r = (d/D)·cos α:
 *
 *   FTF  = fr/2 · (1 − r)               fundamental train (cage) frequency
 *   BPFO = n·fr/2 · (1 − r)  = n·FTF     ball pass frequency, outer race
 *   BPFI = n·fr/2 · (1 + r)  = n·(fr − FTF)  ball pass frequency, inner race
 *   BSF  = D·fr/(2d) · (1 − r²)         ball spin frequency (one turn of a ball about its axis)
 *
 * A spalled ball strikes the inner and the outer race once each per spin revolution, so a
 * ball defect shows at 2 × BSF: that is the "rolling element" multiplier some tables list
 * (CWRU lists 4.7135 for the SKF 6205, which is 2 × 2.3568). Here `bsf` is the kinematic
 * spin frequency; the diagnosis looks for a ball defect at BSF and its harmonics, 2 × BSF
 * among them.
 *
 * These are kinematic figures for pure rolling; real bearings slip, so measured defect
 * frequencies run 1–2 % below them (the diagnosis allows for it).
 *
 * The geometry type fits the plant config's `bearing:` block (the simulator settings):
 * `{ model, balls, ballDiameterMm, pitchDiameterMm, contactAngleDeg }`.
 */
import type { BearingGeometry, DefectFrequencies, DefectKind } from '../../contract/pdm.js';
import { PdmInputError } from './errors.js';

export type { BearingGeometry, DefectFrequencies, DefectKind };

/** Defect frequencies as multiples of shaft speed (the figures of a catalogue's table). */
export type DefectMultipliers = Omit<DefectFrequencies, 'shaftHz'>;

export function checkBearing(bearing: BearingGeometry): void {
  const where = bearing.model ? `bearing ${bearing.model}` : 'bearing';
  if (!(Number.isInteger(bearing.balls) && bearing.balls >= 3)) throw new PdmInputError(`${where}: balls is ${bearing.balls}; expected a whole number of at least 3`);
  if (!(bearing.ballDiameterMm > 0)) throw new PdmInputError(`${where}: ballDiameterMm is ${bearing.ballDiameterMm}; expected a positive number`);
  if (!(bearing.pitchDiameterMm > bearing.ballDiameterMm)) {
    throw new PdmInputError(`${where}: pitchDiameterMm is ${bearing.pitchDiameterMm}; expected more than the ball diameter (${bearing.ballDiameterMm} mm)`);
  }
  const angle = bearing.contactAngleDeg ?? 0;
  if (!(angle >= 0 && angle < 90)) throw new PdmInputError(`${where}: contactAngleDeg is ${angle}; expected 0 … 90 (not 90)`);
}

/** Defect frequencies per unit shaft frequency. */
export function defectMultipliers(bearing: BearingGeometry): DefectMultipliers {
  checkBearing(bearing);
  const r = (bearing.ballDiameterMm / bearing.pitchDiameterMm) * Math.cos(((bearing.contactAngleDeg ?? 0) * Math.PI) / 180);
  const n = bearing.balls;
  return {
    bpfo: (n / 2) * (1 - r),
    bpfi: (n / 2) * (1 + r),
    bsf: (bearing.pitchDiameterMm / (2 * bearing.ballDiameterMm)) * (1 - r * r),
    ftf: (1 - r) / 2,
  };
}

/** Defect frequencies, Hz, at a shaft speed in rpm. */
export function defectFrequencies(bearing: BearingGeometry, shaftRpm: number): DefectFrequencies {
  if (!(shaftRpm > 0)) throw new PdmInputError(`shaft speed ${shaftRpm} rpm: expected a positive speed`);
  const m = defectMultipliers(bearing);
  const fr = shaftRpm / 60;
  return { shaftHz: fr, bpfo: m.bpfo * fr, bpfi: m.bpfi * fr, bsf: m.bsf * fr, ftf: m.ftf * fr };
}

/**
 * Built-in bearings. Geometry from the Case Western Reserve University Bearing Data Center
 * ("Bearing information" page), which lists both of its test-rig bearings in inches:
 * SKF 6205-2RS JEM (drive end) 9 balls, d 0.3126 in, D 1.537 in;
 * SKF 6203-2RS JEM (fan end) 8 balls, d 0.2656 in, D 1.122 in; both deep-groove, α = 0.
 */
export const bearingCatalogue: readonly (BearingGeometry & { model: string })[] = [
  { model: 'SKF 6205', balls: 9, ballDiameterMm: 7.94, pitchDiameterMm: 39.04, contactAngleDeg: 0 },
  { model: 'SKF 6203', balls: 8, ballDiameterMm: 6.746, pitchDiameterMm: 28.499, contactAngleDeg: 0 },
];

const normalise = (name: string) => name.toUpperCase().replace(/[\s_-]+/g, '');

/**
 * The catalogue bearing called `name`: case and spaces do not matter, the maker may be left
 * out ("6205") and a seal/clearance suffix is ignored ("SKF 6205-2RS JEM"). Throws naming the known ones.
 */
export function catalogueBearing(name: string): BearingGeometry & { model: string } {
  const wanted = normalise(name);
  const found = bearingCatalogue.find((b) => {
    const model = normalise(b.model);
    const number = normalise(b.model.replace(/^\S+\s+/, ''));
    return [model, number].some((key) => wanted === key || (wanted.startsWith(key) && /^(2RS|2Z|ZZ|RS|Z|C3|JEM|N)+$/.test(wanted.slice(key.length))));
  });
  if (!found) throw new PdmInputError(`bearing "${name}" is not in the catalogue; expected one of: ${bearingCatalogue.map((b) => b.model).join(', ')}`);
  return found;
}
