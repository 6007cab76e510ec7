import { describe, expect, it } from 'vitest';
import type { Tag } from '../../model/plant.js';
import { parseModbusAddress } from './address.js';
import { buildRegisterMap } from './register-map.js';

const tag = (name: string, dataType: Tag['dataType']): Tag => ({
  path: `l/a/${name}`,
  name,
  assetPath: 'l/a',
  deviceId: 'sim',
  address: name,
  dataType,
  unit: '',
  description: '',
  sampleRateMs: 1000,
  rateReason: 't',
  writable: false,
});

describe('register map of the simulated line', () => {
  it('packs registers in plant order, booleans as coils, and leaves waveforms out', () => {
    const map = buildRegisterMap([tag('state', 'int16'), tag('speed', 'float32'), tag('count', 'uint32'), tag('code', 'string'), tag('wave', 'waveform'), tag('run', 'bool'), tag('t', 'float32')]);
    expect(map.map((m) => m.address)).toEqual(['1:hr0:int16:ABCD', '1:hr1:float32:ABCD', '1:hr3:uint32:ABCD', '1:hr5:string10:ABCD', '1:co0:bit', '1:hr15:float32:ABCD']);
    for (const entry of map) expect(parseModbusAddress(entry.address, {})).toEqual(entry.point);
  });
});
