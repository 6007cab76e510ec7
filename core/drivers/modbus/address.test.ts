import { describe, expect, it } from 'vitest';
import { formatModbusAddress, parseModbusAddress } from './address.js';
import type { ModbusPoint } from './point.js';

describe('parseModbusAddress', () => {
  const good: [string, { unit?: number; order?: 'ABCD' | 'CDAB' | 'BADC' | 'DCBA' }, ModbusPoint][] = [
    ['hr100', {}, { unit: 1, table: 'holding', address: 100, type: 'uint16', order: 'ABCD' }],
    ['hr100', { unit: 7, order: 'CDAB' }, { unit: 7, table: 'holding', address: 100, type: 'uint16', order: 'CDAB' }],
    ['1:hr100', { unit: 7 }, { unit: 1, table: 'holding', address: 100, type: 'uint16', order: 'ABCD' }],
    ['0:HR0', {}, { unit: 0, table: 'holding', address: 0, type: 'uint16', order: 'ABCD' }],
    ['255:ir65535', {}, { unit: 255, table: 'input', address: 65535, type: 'uint16', order: 'ABCD' }],
    ['3:ir7:float32:CDAB', {}, { unit: 3, table: 'input', address: 7, type: 'float32', order: 'CDAB' }],
    ['ir7:FLOAT64:dcba', {}, { unit: 1, table: 'input', address: 7, type: 'float64', order: 'DCBA' }],
    ['hr40.3', {}, { unit: 1, table: 'holding', address: 40, type: 'bit', bit: 3, order: 'ABCD' }],
    ['ir40.15:bit', { order: 'BADC' }, { unit: 1, table: 'input', address: 40, type: 'bit', bit: 15, order: 'BADC' }],
    ['co12', { order: 'DCBA' }, { unit: 1, table: 'coil', address: 12, type: 'bit', order: 'ABCD' }],
    ['2:di65535:bit', {}, { unit: 2, table: 'discrete', address: 65535, type: 'bit', order: 'ABCD' }],
    ['hr200:string20', {}, { unit: 1, table: 'holding', address: 200, type: 'string', registers: 20, order: 'ABCD' }],
    ['hr10:int16:scale=0.1:offset=-40', {}, { unit: 1, table: 'holding', address: 10, type: 'int16', order: 'ABCD', scale: { factor: 0.1, offset: -40 } }],
    ['hr10:offset=5', {}, { unit: 1, table: 'holding', address: 10, type: 'uint16', order: 'ABCD', scale: { factor: 1, offset: 5 } }],
    ['hr10:scale=1:offset=0', {}, { unit: 1, table: 'holding', address: 10, type: 'uint16', order: 'ABCD' }],
    ['hr10:scale=2.5e-3:int32:BADC', {}, { unit: 1, table: 'holding', address: 10, type: 'int32', order: 'BADC', scale: { factor: 0.0025, offset: 0 } }],
    ['hr50:uint16:sf=52', {}, { unit: 1, table: 'holding', address: 50, type: 'uint16', order: 'ABCD', scaleRegister: 52 }],
    ['hr65534:int32', {}, { unit: 1, table: 'holding', address: 65534, type: 'int32', order: 'ABCD' }],
    ['hr65532:uint64', {}, { unit: 1, table: 'holding', address: 65532, type: 'uint64', order: 'ABCD' }],
  ];
  it.each(good)('parses %s with defaults %j', (address, defaults, expected) => {
    expect(parseModbusAddress(address, defaults)).toEqual(expected);
  });

  const bad: [string, string, RegExp][] = [
    ['unknown table', 'hx100', /unknown table 'hx'.*expected co \(coil\), di/],
    ['missing table', '100', /missing table.*expected co, di, hr or ir/],
    ['missing address', 'hr', /bad address 'hr'.*0-based address 0–65535/],
    ['address over 65535', 'hr65536', /address 65536 .* out of range: expected a 0-based address 0–65535/],
    ['non-numeric address', 'hr1x', /bad address 'hr1x'/],
    ['bit over 15', 'hr40.16', /bad bit '\.16'.*expected \.0 to \.15/],
    ['empty bit', 'hr40.', /bad bit '\.'.*expected \.0 to \.15/],
    ['bit on a coil', 'co4.1', /bit '\.1'.*\.BIT applies to hr and ir only/],
    ['bit on a float', 'hr40.3:float32', /bit \.3 .* with type float32: a bit in a register has type bit/],
    ['bit type without .BIT', 'hr40:bit', /type bit .* needs \.BIT: expected e\.g\. hr40\.0/],
    ['word type on a coil', 'co4:uint16', /type uint16 .* on co: .*expected type bit or none/],
    ['order on a coil', 'di4:CDAB', /byte order CDAB .* registers \(hr, ir\) only/],
    ['unknown type', 'hr1:float16', /unknown type 'float16'.*expected bit, int16, .*stringN/],
    ['string without length', 'hr1:string', /bad string length in type 'string'.*stringN/],
    ['string too long', 'hr1:string126', /bad string length.*1–125/],
    ['unknown order', 'hr1:float32:ABDC', /unknown byte order 'ABDC'.*expected ABCD, CDAB, BADC or DCBA/],
    ['type twice', 'hr1:int16:int32', /type given twice/],
    ['order twice', 'hr1:int32:ABCD:CDAB', /byte order given twice/],
    ['point past 65535 (float32)', 'hr65535:float32', /runs past address 65535: float32 at 65535 occupies 65535–65536; expected it to start at or before 65534/],
    ['point past 65535 (string)', 'ir65530:string10', /runs past address 65535: string10 at 65530 occupies 65530–65539; expected .* 65526/],
    ['point past 65535 (float64)', 'hr65533:float64', /runs past address 65535.*65533–65536/],
    ['unit over 255', '256:hr1', /bad unit '256'.*expected a unit id 0–255/],
    ['negative unit', '-1:hr1', /bad unit '-1'.*0–255/],
    ['non-numeric unit', 'x:hr1', /bad unit 'x'/],
    ['nothing after unit', '3:', /missing table and address after unit 3/],
    ['bad scale', 'hr1:scale=abc', /bad scale 'abc'.*decimal number/],
    ['zero scale', 'hr1:scale=0', /bad scale '0'.*non-zero/],
    ['bad offset', 'hr1:offset=1,5', /bad offset '1,5'/],
    ['bad sf', 'hr1:sf=70000', /bad sf '70000'.*0–65535/],
    ['unknown option', 'hr1:gain=2', /unknown option 'gain=2'.*scale=F, offset=O or sf=REG/],
    ['scale on a string', 'hr1:string4:scale=2', /scale\/offset .* on a string point/],
    ['scale on a coil', 'co1:scale=2', /scale\/offset .* on a bit point/],
    ['sf with scale', 'hr1:int16:sf=2:scale=0.1', /either a SunSpec scale factor or a linear scale/],
    ['sf on a bit', 'hr1.2:sf=3', /sf=3 .* on a bit point/],
  ];
  it.each(bad)('rejects %s (%s)', (_what, address, message) => {
    const result = parseModbusAddress(address, {});
    expect(typeof result).toBe('string');
    expect(result).toMatch(message);
    expect(result).toContain(`'${address}'`);
  });
});

describe('formatModbusAddress', () => {
  const canonical: [string, string][] = [
    ['hr100', '1:hr100:uint16:ABCD'],
    ['3:ir7:float32:cdab', '3:ir7:float32:CDAB'],
    ['hr40.3', '1:hr40.3:bit:ABCD'],
    ['CO12', '1:co12:bit'],
    ['hr200:string20', '1:hr200:string20:ABCD'],
    ['hr10:int16:scale=0.1:offset=-40', '1:hr10:int16:ABCD:scale=0.1:offset=-40'],
    ['hr10:offset=-40:scale=0.1:int16', '1:hr10:int16:ABCD:scale=0.1:offset=-40'],
    ['hr50:uint16:sf=52', '1:hr50:uint16:ABCD:sf=52'],
  ];
  it.each(canonical)('formats %s as %s', (address, expected) => {
    const point = parseModbusAddress(address, {});
    if (typeof point === 'string') throw new Error(point);
    expect(formatModbusAddress(point)).toBe(expected);
  });

  const addresses = [
    'hr100',
    '0:hr0',
    '255:ir65535',
    '3:ir7:float32:CDAB',
    'hr0:int64:BADC',
    'hr9:uint64:DCBA',
    'ir1:float64:CDAB',
    'hr40.3',
    'ir1.0',
    'co12',
    'di7',
    'hr200:string20:BADC',
    'hr10:int16:scale=0.1:offset=-40',
    'hr10:int32:scale=1e-7',
    'hr10:uint32:scale=-3.5:offset=1e+21',
    'hr50:uint16:sf=52',
    'hr50:int32:CDAB:sf=0',
  ];
  const defaultsList = [{}, { unit: 9, order: 'DCBA' as const }];
  it.each(addresses)('round-trips %s: parse(format(p)) = p whatever the defaults', (address) => {
    for (const defaults of defaultsList) {
      const point = parseModbusAddress(address, defaults);
      if (typeof point === 'string') throw new Error(point);
      const text = formatModbusAddress(point);
      for (const other of defaultsList) expect(parseModbusAddress(text, other)).toEqual(point);
      expect(formatModbusAddress(parseModbusAddress(text, {}) as ModbusPoint)).toBe(text);
    }
  });
});
