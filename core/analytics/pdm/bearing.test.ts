/** Defect frequencies of the SKF 6205 against CWRU's published multipliers; the catalogue; geometry checks. */
import { describe, expect, it } from 'vitest';
import type { BearingGeometry as SimulatorBearing } from '../../drivers/simulator/settings.js';
import { catalogueBearing, defectFrequencies, defectMultipliers, type BearingGeometry } from './bearing.js';
import { PdmInputError } from './errors.js';

const skf6205: BearingGeometry = { model: 'SKF 6205', balls: 9, ballDiameterMm: 7.94, pitchDiameterMm: 39.04, contactAngleDeg: 0 };

/** Equal to `digits` significant digits. */
const sig = (x: number, digits = 3) => Number(x.toPrecision(digits));

describe('defect frequencies', () => {
  it("SKF 6205 from geometry vs CWRU's multipliers: BPFI 5.4152, BPFO 3.5848, FTF 0.39828, 2 × BSF 4.7135", () => {
    const m = defectMultipliers(skf6205);
    expect(sig(m.bpfi)).toBe(sig(5.4152));
    expect(sig(m.bpfo)).toBe(sig(3.5848));
    expect(sig(m.ftf)).toBe(sig(0.39828));
    // CWRU's "rolling element" figure is twice the kinematic ball spin frequency.
    expect(sig(2 * m.bsf)).toBe(sig(4.7135));
    expect(sig(m.bsf)).toBe(2.36);
    // Closer than 3 digits: d/D is 0.20338 in mm (7.94 / 39.04) and in CWRU's inches
    // (0.3126 / 1.537); the last digit of FTF differs (0.39831 against 0.39828), which is
    // within the rounding of those diameters.
    expect(Math.abs(m.bpfi / 5.4152 - 1)).toBeLessThan(1e-4);
    expect(Math.abs(m.bpfo / 3.5848 - 1)).toBeLessThan(1e-4);
    expect(Math.abs((2 * m.bsf) / 4.7135 - 1)).toBeLessThan(1e-4);
    expect(Math.abs(m.ftf / 0.39828 - 1)).toBeLessThan(1e-4);
  });

  it('the identities BPFO = n·FTF and BPFI = n·(fr − FTF) hold', () => {
    const f = defectFrequencies(skf6205, 1797);
    expect(f.shaftHz).toBeCloseTo(29.95, 10);
    expect(f.bpfo).toBeCloseTo(9 * f.ftf, 10);
    expect(f.bpfi).toBeCloseTo(9 * (f.shaftHz - f.ftf), 10);
  });

  it('at 1797 rpm BPFI is 162.19 Hz (5.4152 × 29.95)', () => {
    expect(defectFrequencies(skf6205, 1797).bpfi).toBeCloseTo(162.19, 1);
  });

  it('a contact angle lowers d/D·cos α: BPFO rises, BPFI falls', () => {
    const angular = defectMultipliers({ ...skf6205, contactAngleDeg: 40 });
    expect(angular.bpfo).toBeGreaterThan(defectMultipliers(skf6205).bpfo);
    expect(angular.bpfi).toBeLessThan(defectMultipliers(skf6205).bpfi);
  });

  it('refuses impossible geometry and speed, naming the field', () => {
    expect(() => defectMultipliers({ ...skf6205, balls: 2 })).toThrow('balls is 2');
    expect(() => defectMultipliers({ ...skf6205, pitchDiameterMm: 7 })).toThrow(/pitchDiameterMm is 7; expected more than the ball diameter/);
    expect(() => defectMultipliers({ ...skf6205, contactAngleDeg: 90 })).toThrow(PdmInputError);
    expect(() => defectFrequencies(skf6205, 0)).toThrow('shaft speed 0 rpm');
  });

  it("takes the plant config's bearing block as it is (the simulator's parsed settings type)", () => {
    const fromConfig: SimulatorBearing = { model: 'SKF 6205', balls: 9, ballDiameterMm: 7.94, pitchDiameterMm: 39.04, contactAngleDeg: 0 };
    const ours: BearingGeometry = fromConfig;
    expect(defectMultipliers(ours)).toEqual(defectMultipliers(skf6205));
  });
});

describe('catalogue', () => {
  it.each(['SKF 6205', 'skf 6205', '6205', 'SKF 6205-2RS JEM', 'SKF6205'])('"%s" is the SKF 6205', (name) => {
    expect(catalogueBearing(name)).toMatchObject({ model: 'SKF 6205', balls: 9, ballDiameterMm: 7.94, pitchDiameterMm: 39.04 });
  });

  it('an unknown bearing is refused with the list of known ones', () => {
    expect(() => catalogueBearing('SKF 6310')).toThrow('bearing "SKF 6310" is not in the catalogue; expected one of: SKF 6205, SKF 6203');
    expect(() => catalogueBearing('62050')).toThrow(PdmInputError);
  });
});
