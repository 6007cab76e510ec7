/**
 * A Modbus point: where one tag's value lives in a device and how it is encoded. Parsed
 * from the tag's `address` (see address.ts for the grammar); planned into read blocks by
 * planner.ts; decoded and encoded by values.ts.
 */

/** The four Modbus tables. Coils and holding registers are writable. */
export type ModbusTable = 'coil' | 'discrete' | 'holding' | 'input';

export type ModbusType = 'bit' | 'int16' | 'uint16' | 'int32' | 'uint32' | 'float32' | 'int64' | 'uint64' | 'float64' | 'string';

/**
 * Byte order of multi-register values, by the order of the bytes A (most significant) …:
 * ABCD big-endian (Modbus standard), CDAB word-swapped, BADC byte-swapped, DCBA little-endian.
 * For 64-bit values the same pattern extends over four registers.
 */
export type ByteOrder = 'ABCD' | 'CDAB' | 'BADC' | 'DCBA';

export interface ModbusPoint {
  /** Unit (slave) id, 0–255. */
  unit: number;
  table: ModbusTable;
  /** Protocol (0-based) address of the first register or bit. */
  address: number;
  type: ModbusType;
  /** For a bit inside a holding/input register: bit 0 (least significant) to 15. */
  bit?: number;
  /** For strings: the number of registers (two characters each). */
  registers?: number;
  order: ByteOrder;
  /** Engineering value = raw × factor + offset. */
  scale?: { factor: number; offset: number };
  /** SunSpec-style scale factor: engineering value = raw × 10^(int16 at this register of the same table). */
  scaleRegister?: number;
}

/** How many registers (or bits, for coils and discrete inputs) the point occupies. */
export function widthOf(point: ModbusPoint): number {
  if (point.table === 'coil' || point.table === 'discrete') return 1;
  switch (point.type) {
    case 'bit':
    case 'int16':
    case 'uint16':
      return 1;
    case 'int32':
    case 'uint32':
    case 'float32':
      return 2;
    case 'int64':
    case 'uint64':
    case 'float64':
      return 4;
    case 'string':
      return point.registers ?? 1;
  }
}
