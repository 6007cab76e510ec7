/**
 * The register map of `lineside sim --modbus`: every scalar tag of a plant gets a place in
 * unit 1 of a Modbus device — holding registers from 0 up in plant order (float32 and
 * 32-bit counters two registers, int16 one, fault codes ten registers of text), booleans
 * coils. Waveform tags have no Modbus form and are left out. The same map writes the ready
 * driver config, so the demo can read the simulated line over the real protocol.
 */
import type { Tag } from '../../model/plant.js';
import { formatModbusAddress } from './address.js';
import type { ModbusPoint, ModbusType } from './point.js';
import { widthOf } from './point.js';

/** Characters of a string tag served over Modbus (two a register). */
export const STRING_REGISTERS = 10;

export interface MappedTag {
  tag: Tag;
  point: ModbusPoint;
  /** The tag's address in the Modbus driver's grammar. */
  address: string;
}

const typeFor: Partial<Record<Tag['dataType'], ModbusType>> = {
  int16: 'int16',
  uint16: 'uint16',
  int32: 'int32',
  uint32: 'uint32',
  float32: 'float32',
  float64: 'float64',
  string: 'string',
};

export function buildRegisterMap(tags: readonly Tag[]): MappedTag[] {
  const mapped: MappedTag[] = [];
  let register = 0;
  let coil = 0;
  for (const tag of tags) {
    let point: ModbusPoint;
    if (tag.dataType === 'bool') point = { unit: 1, table: 'coil', address: coil++, type: 'bit', order: 'ABCD' };
    else {
      const type = typeFor[tag.dataType];
      if (!type) continue; // waveforms
      point = { unit: 1, table: 'holding', address: register, type, order: 'ABCD', ...(type === 'string' ? { registers: STRING_REGISTERS } : {}) };
      register += widthOf(point);
    }
    mapped.push({ tag, point, address: formatModbusAddress(point) });
  }
  return mapped;
}
