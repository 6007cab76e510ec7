/** The reason tree: leaves in order, and the likely reasons for a fault code first (configured, then learned). */
import { describe, expect, it } from 'vitest';
import type { ReasonNode } from '../../model/plant.js';
import { likelyReasons, reasonLeaves } from './reasons.js';

const node = (code: string, faults: string[] = [], children: ReasonNode[] = []): ReasonNode => ({ code, text: `Text of ${code}`, faults, children });
const tree: ReasonNode[] = [
  node('MECH', [], [node('MECH-JAM', ['F101']), node('MECH-VALVE', ['F204']), node('MECH-PART', ['P330', 'F101'])]),
  node('ELEC', ['M301'], [node('ELEC-DRIVE'), node('ELEC-SENSOR', ['F101'])]),
  node('MAT', [], [node('MAT-CAPS', ['C110']), node('MAT-BOTTLES')]),
];
const codes = (list: { code: string }[]) => list.map((r) => r.code);

describe('reasons', () => {
  it('leaves in tree order with their paths', () => {
    const leaves = reasonLeaves(tree);
    expect(codes(leaves)).toEqual(['MECH-JAM', 'MECH-VALVE', 'MECH-PART', 'ELEC-DRIVE', 'ELEC-SENSOR', 'MAT-CAPS', 'MAT-BOTTLES']);
    expect(leaves[0]).toEqual({ code: 'MECH-JAM', text: 'Text of MECH-JAM', path: ['MECH', 'MECH-JAM'], texts: ['Text of MECH', 'Text of MECH-JAM'], suggested: false });
  });

  it.each([
    ['F101: reasons listing it first (by the code position), then the rest of the best group, then the others', 'F101', ['MECH-JAM', 'ELEC-SENSOR', 'MECH-PART', 'MECH-VALVE', 'ELEC-DRIVE', 'MAT-CAPS', 'MAT-BOTTLES'], 3],
    ['M301 on a group: every leaf below it is suggested', 'M301', ['ELEC-DRIVE', 'ELEC-SENSOR', 'MECH-JAM', 'MECH-VALVE', 'MECH-PART', 'MAT-CAPS', 'MAT-BOTTLES'], 2],
    ['C110', 'C110', ['MAT-CAPS', 'MAT-BOTTLES', 'MECH-JAM', 'MECH-VALVE', 'MECH-PART', 'ELEC-DRIVE', 'ELEC-SENSOR'], 1],
    ['an unknown code: tree order, nothing suggested', 'X999', ['MECH-JAM', 'MECH-VALVE', 'MECH-PART', 'ELEC-DRIVE', 'ELEC-SENSOR', 'MAT-CAPS', 'MAT-BOTTLES'], 0],
    ['no code', undefined, ['MECH-JAM', 'MECH-VALVE', 'MECH-PART', 'ELEC-DRIVE', 'ELEC-SENSOR', 'MAT-CAPS', 'MAT-BOTTLES'], 0],
  ])('%s', (_name, fault, expected, suggested) => {
    const list = likelyReasons(tree, fault);
    expect(codes(list)).toEqual(expected);
    expect(list.filter((r) => r.suggested)).toHaveLength(suggested);
  });

  it('what was assigned before for this code comes first, even a reason not configured for it', () => {
    const list = likelyReasons(tree, 'F101', { history: { 'MECH-PART': 7, 'MAT-BOTTLES': 3, 'MECH-JAM': 1 } });
    expect(codes(list).slice(0, 5)).toEqual(['MECH-PART', 'MECH-JAM', 'ELEC-SENSOR', 'MAT-BOTTLES', 'MECH-VALVE']);
  });
});
