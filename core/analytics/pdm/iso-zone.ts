/**
 * Vibration severity zones of ISO 10816-3:2009 (and ISO 20816-3:2022, which keeps the same
 * boundaries) on the broadband RMS velocity, mm/s, measured on the bearing housings in
 * 10–1000 Hz (the standard's band for machines above 600 rpm; below 600 rpm it asks for
 * 2–1000 Hz, which a 1 s snapshot cannot resolve anyway: we always use 10–1000 Hz).
 *
 *   zone A: newly commissioned machines        zone B: acceptable for unrestricted long-term operation
 *   zone C: unsatisfactory for long-term operation, plan a repair     zone D: damage likely
 *
 * Zone boundaries, mm/s RMS (ISO 10816-3 Annex A, Tables A.1 and A.2; ISO 20816-3 Annex A):
 *
 *   group                                               foundation   A/B   B/C   C/D
 *   1: large machines, 300 kW – 50 MW                   rigid        2.3   4.5   7.1
 *      (electrical machines, shaft height H ≥ 315 mm)   flexible     3.5   7.1   11.0
 *   2: medium machines, 15 – 300 kW                     rigid        1.4   2.8   4.5
 *      (electrical machines, 160 mm ≤ H < 315 mm)       flexible     2.3   4.5   7.1
 *
 * A foundation is rigid when the lowest natural frequency of machine and foundation in the
 * measuring direction is at least 25 % above the main excitation (usually running speed).
 *
 * Machines below 15 kW are outside ISO 10816-3's scope; they are commonly assessed with the
 * group 2 limits, and so do we: the default is group 2, rigid foundation (a small motor
 * bolted to a frame), and the result says when a group or foundation was assumed rather
 * than given. A velocity on a boundary belongs to the zone above it.
 */
import type { Foundation, IsoZone, IsoZoneResult, MachineGroup, ZoneBoundaries } from '../../contract/pdm.js';

export type { Foundation, IsoZone, IsoZoneResult, MachineGroup, ZoneBoundaries };

export const isoZoneBoundaries: Readonly<Record<MachineGroup, Readonly<Record<Foundation, ZoneBoundaries>>>> = {
  1: { rigid: { ab: 2.3, bc: 4.5, cd: 7.1 }, flexible: { ab: 3.5, bc: 7.1, cd: 11.0 } },
  2: { rigid: { ab: 1.4, bc: 2.8, cd: 4.5 }, flexible: { ab: 2.3, bc: 4.5, cd: 7.1 } },
};

export const ISO_VELOCITY_BAND_HZ: readonly [number, number] = [10, 1000];

const zoneMeaning: Record<IsoZone, string> = {
  A: 'newly commissioned condition',
  B: 'acceptable for unrestricted long-term operation',
  C: 'unsatisfactory for long-term continuous operation; plan a repair',
  D: 'severe enough to cause damage',
};

export function isoZone(velocityRmsMmS: number, options: { group?: MachineGroup; foundation?: Foundation; bandHz?: [number, number] } = {}): IsoZoneResult {
  const group = options.group ?? 2;
  const foundation = options.foundation ?? 'rigid';
  const boundaries = isoZoneBoundaries[group][foundation];
  const zone: IsoZone = velocityRmsMmS < boundaries.ab ? 'A' : velocityRmsMmS < boundaries.bc ? 'B' : velocityRmsMmS < boundaries.cd ? 'C' : 'D';
  return {
    zone,
    meaning: zoneMeaning[zone],
    velocityRmsMmS,
    group,
    foundation,
    boundaries: { ...boundaries },
    assumed: options.group === undefined || options.foundation === undefined,
    bandHz: options.bandHz ?? [...ISO_VELOCITY_BAND_HZ],
    standard: 'ISO 10816-3:2009 / ISO 20816-3:2022, Annex A',
  };
}
