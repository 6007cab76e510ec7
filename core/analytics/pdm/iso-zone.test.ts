/** ISO 10816-3 zones: every boundary of both groups and foundations, and the defaults. */
import { describe, expect, it } from 'vitest';
import { isoZone, type Foundation, type IsoZone, type MachineGroup } from './iso-zone.js';

describe('isoZone', () => {
  it.each<[MachineGroup, Foundation, number, IsoZone]>([
    [2, 'rigid', 1.39, 'A'],
    [2, 'rigid', 1.4, 'B'],
    [2, 'rigid', 2.79, 'B'],
    [2, 'rigid', 2.8, 'C'],
    [2, 'rigid', 4.49, 'C'],
    [2, 'rigid', 4.5, 'D'],
    [2, 'flexible', 2.29, 'A'],
    [2, 'flexible', 2.3, 'B'],
    [2, 'flexible', 4.5, 'C'],
    [2, 'flexible', 7.1, 'D'],
    [1, 'rigid', 2.29, 'A'],
    [1, 'rigid', 2.3, 'B'],
    [1, 'rigid', 4.5, 'C'],
    [1, 'rigid', 7.1, 'D'],
    [1, 'flexible', 3.49, 'A'],
    [1, 'flexible', 3.5, 'B'],
    [1, 'flexible', 7.1, 'C'],
    [1, 'flexible', 10.99, 'C'],
    [1, 'flexible', 11.0, 'D'],
  ])('group %s, %s, %s mm/s → zone %s', (group, foundation, v, zone) => {
    const r = isoZone(v, { group, foundation });
    expect(r.zone).toBe(zone);
    expect(r.assumed).toBe(false);
  });

  it('defaults to group 2, rigid (also for motors below 15 kW) and says it assumed them', () => {
    const r = isoZone(3.2);
    expect(r).toMatchObject({ zone: 'C', group: 2, foundation: 'rigid', assumed: true, boundaries: { ab: 1.4, bc: 2.8, cd: 4.5 }, bandHz: [10, 1000] });
    expect(r.meaning).toMatch(/unsatisfactory/);
  });
});
