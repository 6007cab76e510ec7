import { describe, expect, it } from 'vitest';
import { groupedThumbprint, nameProblem, tagNameFrom } from './names.js';

describe('OPC UA names', () => {
  it('makes tag names from browse names that the config accepts, unique among those taken', () => {
    expect(tagNameFrom('2:Motor Temp (°C)')).toBe('Motor_Temp_C');
    expect(tagNameFrom('speed')).toBe('speed');
    expect(tagNameFrom('speed', new Set(['speed', 'speed_2']))).toBe('speed_3');
    expect(tagNameFrom('°°°')).toBe('value');
    expect(nameProblem(tagNameFrom('x'.repeat(100)))).toBeUndefined();
  });

  it('says what is wrong with a typed name', () => {
    expect(nameProblem('')).toBe('a name is needed');
    expect(nameProblem('bad name')).toMatch(/letters, digits/);
    expect(nameProblem('-x')).toMatch(/not starting/);
    expect(nameProblem('motor_temp')).toBeUndefined();
  });

  it('groups a thumbprint in fours', () => {
    expect(groupedThumbprint('AB12CD34EF56')).toBe('AB12 CD34 EF56');
  });
});
