// Register map import: a realistic map with both address styles, scales and bad rows; the
// delimiters and decimal comma; the whole-file errors; and the import end to end through
// addTagsToConfigText and parsePlantConfig.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { driverFactories } from '../drivers/registry.js';
import { LinesideError } from '../model/errors.js';
import { addTagsToConfigText } from './edit.js';
import { parsePlantConfig } from './index.js';
import { modbusMapAddition, readModbusMapCsv, type ModbusMapRow } from './modbus-map.js';

// Line numbers are in the comments; line 1 is the header.
const driveMap = [
  'Address,Type,Name,Unit,Scale,Description', //                                      1
  '40001,uint16,status_word,,,Drive status word', //                                 2
  '40002,int16,motor_temp,°C,0.1,Motor winding temperature', //                      3
  '40003,float32,speed_actual,rpm,,Actual speed', //                                 4
  'hr4:uint32,uint32,run_hours,h,,Running hours', //                                 5
  '1:hr6:float32:CDAB,float32,flow_rate,m³/h,,"Flow, word-swapped"', //              6
  '30001,int16,current_l1,A,0.01,Phase current L1', //                               7
  '30002,int16,current_l2,A,0.01,', //                                               8
  'ir2,int16,current_l3,A,0.01,Phase current L3', //                                 9
  '10001,bool,door_closed,,,Guard door closed', //                                   10
  '00001,bit,run_cmd,,,Run command', //                                              11
  'hr0.3,bool,fault_bit,,,Status word bit 3: fault', //                              12
  'hr20,string8,serial_no,,,Serial number', //                                       13
  'hr30:int16:scale=0.5,int16,outlet_pressure,bar,,Outlet pressure', //              14
  '2:hr100,float64,energy,kWh,,Energy counter of unit 2', //                         15
  'hr5,uint16,run_hours_low,h,,Low word of the running hours', //                    16 overlaps line 5
  'hr200,int16,motor_temp,°C,,Second motor temperature', //                          17 duplicates line 3
  'hx10,uint16,bad_address,,,', //                                                  18 bad address
  'hr50,real,bad_type,,,', //                                                        19 unknown type
  'hr51,int16,,,,No name', //                                                        20 missing name
  'hr52,int16,bad_scale,,abc,', //                                                   21 bad scale
].join('\n');

function thrown(action: () => unknown): LinesideError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(LinesideError);
    return error as LinesideError;
  }
  throw new Error('expected a LinesideError, but nothing was thrown');
}

describe('readModbusMapCsv', () => {
  it('reads a 20-row drive map: good rows with canonical addresses, bad rows as errors with their line', () => {
    const { rows, errors } = readModbusMapCsv(driveMap, {});
    const byName = new Map(rows.map((row) => [row.name, row]));
    expect(rows.map((row) => row.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    expect(byName.get('status_word')).toEqual({ line: 2, name: 'status_word', address: '1:hr0:uint16:ABCD', type: 'uint16', unit: '', scale: 1, description: 'Drive status word' });
    expect(byName.get('motor_temp')).toEqual({ line: 3, name: 'motor_temp', address: '1:hr1:int16:ABCD:scale=0.1', type: 'int16', unit: '°C', scale: 0.1, description: 'Motor winding temperature' });
    expect(byName.get('speed_actual')).toMatchObject({ address: '1:hr2:float32:ABCD', type: 'float32', unit: 'rpm' });
    expect(byName.get('run_hours')).toMatchObject({ address: '1:hr4:uint32:ABCD', type: 'uint32' });
    expect(byName.get('flow_rate')).toMatchObject({ address: '1:hr6:float32:CDAB', description: 'Flow, word-swapped', unit: 'm³/h' });
    expect(byName.get('current_l1')).toMatchObject({ address: '1:ir0:int16:ABCD:scale=0.01', scale: 0.01 });
    expect(byName.get('current_l2')).toMatchObject({ address: '1:ir1:int16:ABCD:scale=0.01', description: 'current_l2' });
    expect(byName.get('current_l3')).toMatchObject({ address: '1:ir2:int16:ABCD:scale=0.01' });
    expect(byName.get('door_closed')).toMatchObject({ address: '1:di0:bit', type: 'bool' });
    expect(byName.get('run_cmd')).toMatchObject({ address: '1:co0:bit', type: 'bool' });
    expect(byName.get('fault_bit')).toMatchObject({ address: '1:hr0.3:bit:ABCD', type: 'bool' }); // a bit of status_word: no overlap
    expect(byName.get('serial_no')).toMatchObject({ address: '1:hr20:string8:ABCD', type: 'string' });
    expect(byName.get('outlet_pressure')).toMatchObject({ address: '1:hr30:int16:ABCD:scale=0.5', scale: 0.5 });
    expect(byName.get('energy')).toMatchObject({ address: '2:hr100:float64:ABCD', type: 'float64' });

    expect(errors.map((error) => error.line)).toEqual([16, 17, 18, 19, 20, 21]);
    const message = (line: number): string => errors.find((error) => error.line === line)!.message;
    expect(message(16)).toBe('column "address": 1:hr5:uint16:ABCD (unit 1 holding register 5) overlaps line 5 (run_hours at 1:hr4:uint32:ABCD); expected each register used by one row');
    expect(message(17)).toBe('column "name": "motor_temp" is used on line 3 already; expected a name unique in the map');
    expect(message(18)).toMatch(/^column "address": "hx10" is not a Modbus address: unknown table 'hx' .*expected co \(coil\), di \(discrete input\), hr \(holding register\) or ir/);
    expect(message(19)).toBe('column "type": "real" is not a register type; expected int16, uint16, int32, uint32, float32, float64, int64, uint64, stringN (N registers) or bit/bool');
    expect(message(20)).toBe('column "name": empty; expected a tag name');
    expect(message(21)).toBe('column "scale": "abc" is not a number; expected a factor such as 0.1, or empty for 1');
  });

  it('reports every bad column of a row, and checks type and scale against the address', () => {
    const csv = [
      'name,address,type,scale',
      'a.b,40001,float32,0', // 2: name with '.', zero scale
      'c,co3,int16,', // 3: a coil is one bit
      'd,hr10:int32,float32,', // 4: the address names another type
      'e,hr11:int16:scale=2,int16,0.5', // 5: scale twice
      'f,40021,bool,2', // 6: a register bit needs .BIT, and a bool does not scale
      'g,hr65535,float32,', // 7: runs past 65535
      'h,20001,int16,', // 8: 2xxxx is no Modicon table
      'i,hr12:sf=13,int16,10', // 9: scale with a SunSpec factor
      'j,1,string,', // 10: string without its length
      'k,40001.3,bool,', // 11: Modicon with a bit → fine
    ].join('\n');
    const { rows, errors } = readModbusMapCsv(csv, {});
    expect(rows).toEqual([{ line: 11, name: 'k', address: '1:hr0.3:bit:ABCD', type: 'bool', unit: '', scale: 1, description: 'k' }]);
    const at = (line: number): string[] => errors.filter((error) => error.line === line).map((error) => error.message);
    expect(at(2)).toEqual([
      'column "name": "a.b" is not a tag name; expected letters, digits, _ and - only, at most 64 characters',
      'column "scale": "0" is zero; expected a non-zero factor such as 0.1, or empty for 1',
    ]);
    expect(at(3)).toEqual(['column "type": "int16" on coil "co3", which holds one bit; expected bit or bool']);
    expect(at(4)).toEqual(['column "type": "float32" differs from the type int32 in address "hr10:int32"; expected the same type in both, or the type in the type column only']);
    expect(at(5)).toEqual(['column "scale": "0.5" and scale=2 in the address; expected the scale in one place']);
    expect(at(6)).toEqual([expect.stringMatching(/^columns "address" and "type": "40021" \(hr20\) as bool: type bit .* needs \.BIT/)]);
    expect(at(7)).toEqual([expect.stringMatching(/runs past address 65535/)]);
    expect(at(8)).toEqual([expect.stringMatching(/^column "address": "20001" is not a Modicon register number; expected Modicon numbering 40001–49999/)]);
    expect(at(9)).toEqual(['column "scale": "10" with sf=13 in the address (a SunSpec scale factor); expected 1 or empty, or no sf=']);
    expect(at(10)).toEqual([expect.stringMatching(/^column "type": "string" needs its length; expected stringN/)]);
  });

  it('accepts both Modicon widths, the unit default and the byte order default', () => {
    const csv = 'address,type,name\n400001,uint16,a\n465536,uint16,b\n9999,bool,c\n31000,float32,d\n';
    const { rows, errors } = readModbusMapCsv(csv, { unitDefault: 3, byteOrderDefault: 'CDAB' });
    expect(errors).toEqual([]);
    expect(rows.map((row) => row.address)).toEqual(['3:hr0:uint16:CDAB', '3:hr65535:uint16:CDAB', '3:co9998:bit', '3:ir999:float32:CDAB']);
    const bad = readModbusMapCsv('address,type,name\n465537,uint16,a\n0,bool,b\n', {});
    expect(bad.errors.map((error) => error.message)).toEqual([
      expect.stringContaining('"465537" is out of range for 6-digit Modicon numbering (400001–465536)'),
      expect.stringContaining('"0" is not a Modicon number (they start at 1)'),
    ]);
  });

  it('finds overlaps across address styles and units, and not between different units or bits', () => {
    const csv = [
      'address,type,name',
      'hr10,float64,big', // 2: hr10–13
      '40014,uint16,inside', // 3: hr13 → overlaps line 2
      '2:hr13,uint16,other_unit', // 4: unit 2: fine
      'ir13,uint16,other_table', // 5: input register: fine
      'hr20.1,bit,bit1', // 6
      'hr20.2,bit,bit2', // 7
      '40021.1,bool,bit1_again', // 8: hr20.1 → overlaps line 6
    ].join('\n');
    const { rows, errors } = readModbusMapCsv(csv, {});
    expect(rows.map((row) => row.name)).toEqual(['big', 'other_unit', 'other_table', 'bit1', 'bit2']);
    expect(errors).toEqual([
      { line: 3, message: 'column "address": 1:hr13:uint16:ABCD (unit 1 holding register 13) overlaps line 2 (big at 1:hr10:float64:ABCD); expected each register used by one row' },
      { line: 8, message: 'column "address": 1:hr20.1:bit:ABCD (unit 1 holding register 20 bit 1) overlaps line 6 (bit1 at 1:hr20.1:bit:ABCD); expected each register used by one row' },
    ]);
  });

  it('reads semicolons with decimal commas, and tabs; counts lines across blank lines and quoted line breaks', () => {
    const semicolon = '\uFEFFNAME;ADDRESS;TYPE;UNIT;SCALE\r\ntemp;40011;int16;°C;0,1\r\n\r\nlevel;hr12;float32;%;1,5\r\nflow;hr14;float32;l/min;2.5\r\n';
    const read = readModbusMapCsv(semicolon, {});
    expect(read.errors).toEqual([]);
    expect(read.rows.map(({ line, name, address, scale }) => ({ line, name, address, scale }))).toEqual([
      { line: 2, name: 'temp', address: '1:hr10:int16:ABCD:scale=0.1', scale: 0.1 },
      { line: 4, name: 'level', address: '1:hr12:float32:ABCD:scale=1.5', scale: 1.5 },
      { line: 5, name: 'flow', address: '1:hr14:float32:ABCD:scale=2.5', scale: 2.5 },
    ]);

    const tab = 'address\ttype\tname\tdescription\nhr1\tuint16\ta\t"two\nlines"\nhr1\tuint16\tb\t\n';
    const tabbed = readModbusMapCsv(tab, {});
    expect(tabbed.rows).toEqual([{ line: 2, name: 'a', address: '1:hr1:uint16:ABCD', type: 'uint16', unit: '', scale: 1, description: 'two\nlines' }]);
    expect(tabbed.errors).toEqual([{ line: 4, message: expect.stringContaining('overlaps line 2') }]);

    const comma = readModbusMapCsv('address,type,name,scale\nhr1,int16,a,"0,1"\nhr2,int16,b,1,5\n', {});
    expect(comma.errors).toEqual([
      { line: 2, message: `column "scale": "0,1" is not a number; expected a factor such as 0.1, or empty for 1 (a decimal comma only with delimiter ';' or tab; here 0.1)` },
      { line: 3, message: `has 5 columns; expected 4 as in the header (a ',' inside a value needs double quotes)` },
    ]);
  });

  it('throws invalid-request for an empty, binary or header-only file and for missing or repeated columns', () => {
    for (const empty of ['', ' \n\r\n\t', '\uFEFF']) {
      expect(thrown(() => readModbusMapCsv(empty, {}))).toMatchObject({ code: 'invalid-request', message: 'the register map is empty; expected a header line such as address,type,name,unit,scale,description' });
    }
    const binary = thrown(() => readModbusMapCsv('PK\u0003\u0004\u0014\u0000\u0008', {}));
    expect(binary.code).toBe('invalid-request');
    expect(binary.message).toBe('the register map is not a text file: character U+0003 at offset 2 does not occur in CSV text; expected UTF-8 text with a header line such as address,type,name,unit,scale,description');
    expect(thrown(() => readModbusMapCsv('address,type\n\uFFFD\uFFFD,x', {})).message).toMatch(/not a text file: character U\+FFFD at offset 13/);

    const missing = thrown(() => readModbusMapCsv('Register;Datatype;Name\n40001;uint16;a\n', {}));
    expect(missing.code).toBe('invalid-request');
    expect(missing.message).toBe(
      'the register map has no "address", "type" columns; the header has "Register", "Datatype", "Name"; expected the columns address, type and name (any order, any case), optionally unit, scale and description, e.g. address,type,name,unit,scale,description',
    );
    expect(thrown(() => readModbusMapCsv('address,type,name,Name\nhr1,uint16,a,b\n', {})).message).toBe('the header has the column "name" twice (columns 3 and 4); expected each column once');
    expect(thrown(() => readModbusMapCsv('address,type,name\n', {})).message).toMatch(/^the register map has a header but no rows/);
    expect(thrown(() => readModbusMapCsv('address,type,name\nhr1,uint16,"open\n', {})).message).toMatch(/^the register map is not readable CSV: .*Quote Not Closed/i);
  });
});

describe('modbusMapAddition into the plant config', () => {
  const asset = { id: 'drive', name: 'Conveyor drive', kind: 'vfd', description: 'Conveyor VFD registers' };

  it('adds a new Modbus device and asset to the demo plant; the loaded tags have the addresses, types and units', () => {
    const { rows } = readModbusMapCsv(driveMap, {});
    const addition = modbusMapAddition(rows, { deviceId: 'drive-plc', lineId: 'line1', asset, sampleRateMs: 1000, settings: { host: '10.0.0.21' } });
    expect(addition.device).toEqual({ id: 'drive-plc', driver: 'modbus', settings: { host: '10.0.0.21' } });
    expect(addition.tags[0]).toEqual({ name: 'status_word', address: '1:hr0:uint16:ABCD', type: 'uint16', unit: '', description: 'Drive status word', sampleRateMs: 1000, rateReason: 'from the register map import', writable: false });

    const demo = readFileSync(new URL('../../assets/demo/plant.yaml', import.meta.url), 'utf8');
    const plant = parsePlantConfig(addTagsToConfigText(demo, addition), 'plant.yaml', driverFactories);
    expect(plant.devices.find((device) => device.id === 'drive-plc')).toMatchObject({ driver: 'modbus', settings: { host: '10.0.0.21', transport: 'tcp', port: 502, unit: 1 } });
    const drive = plant.lines[0]!.assets.find((a) => a.id === 'drive')!;
    expect(drive.tags.map((tag) => tag.name)).toEqual(rows.map((row: ModbusMapRow) => row.name));
    expect(drive.tags.find((tag) => tag.name === 'motor_temp')).toMatchObject({ path: 'line1/drive/motor_temp', deviceId: 'drive-plc', address: '1:hr1:int16:ABCD:scale=0.1', dataType: 'int16', unit: '°C', writable: false });
    expect(drive.tags.find((tag) => tag.name === 'energy')).toMatchObject({ address: '2:hr100:float64:ABCD', dataType: 'float64', unit: 'kWh' });
    expect(drive.tags.find((tag) => tag.name === 'door_closed')).toMatchObject({ address: '1:di0:bit', dataType: 'bool', unit: '' });
    expect(drive.tags.find((tag) => tag.name === 'serial_no')).toMatchObject({ address: '1:hr20:string8:ABCD', dataType: 'string' });
  });

  it('adds to an existing asset of an existing Modbus device, leaving the device as written', () => {
    const config = [
      'version: 1',
      'site: Test site',
      'area: Test area',
      'devices:',
      '  # the press PLC, on its own network segment',
      '  - { id: press-plc, driver: modbus, settings: { host: 192.168.10.5, unit: 2, byteOrder: CDAB } }',
      'lines:',
      '  - id: press',
      '    name: Press line',
      '    assets:',
      '      - id: press1',
      '        name: Press 1',
      '        kind: press',
      '        device: press-plc',
      '        tags:',
      '          - { name: stroke_count, address: "hr0:uint32", type: uint32, unit: "", description: Strokes, sampleRateMs: 1000, rateReason: counter }',
      '',
    ].join('\n');
    const { rows, errors } = readModbusMapCsv('address;type;name;unit;scale\n40003;int16;oil_temp;°C;0,1\nhr4;float32;force;kN;\n', { unitDefault: 2, byteOrderDefault: 'CDAB' });
    expect(errors).toEqual([]);
    const addition = modbusMapAddition(rows, { deviceId: 'press-plc', lineId: 'press', asset: { id: 'press1', name: 'Press 1', kind: 'press', description: '' }, sampleRateMs: 500 });
    const text = addTagsToConfigText(config, addition);
    expect(text).toContain('  # the press PLC, on its own network segment\n  - { id: press-plc, driver: modbus, settings: { host: 192.168.10.5, unit: 2, byteOrder: CDAB } }\n');
    const press = parsePlantConfig(text, 'plant.yaml', driverFactories).lines[0]!.assets[0]!;
    expect(press.tags.map(({ name, address, dataType, unit, sampleRateMs, rateReason }) => ({ name, address, dataType, unit, sampleRateMs, rateReason }))).toEqual([
      { name: 'stroke_count', address: 'hr0:uint32', dataType: 'uint32', unit: '', sampleRateMs: 1000, rateReason: 'counter' },
      { name: 'oil_temp', address: '2:hr2:int16:CDAB:scale=0.1', dataType: 'int16', unit: '°C', sampleRateMs: 500, rateReason: 'from the register map import' },
      { name: 'force', address: '2:hr4:float32:CDAB', dataType: 'float32', unit: 'kN', sampleRateMs: 500, rateReason: 'from the register map import' },
    ]);
  });

  it('refuses no rows and a bad sample period', () => {
    const options = { deviceId: 'd', lineId: 'l', asset, sampleRateMs: 1000 };
    expect(thrown(() => modbusMapAddition([], options))).toMatchObject({ code: 'invalid-request', message: 'the register map has no good rows to add; expected at least one row without errors' });
    const { rows } = readModbusMapCsv('address,type,name\nhr1,uint16,a\n', {});
    expect(thrown(() => modbusMapAddition(rows, { ...options, sampleRateMs: 0.5 })).message).toBe('sampleRateMs 0.5 is not a sample period; expected a whole number of milliseconds above 0');
  });
});
