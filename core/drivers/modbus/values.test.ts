import { describe, expect, it } from 'vitest';
import type { ByteOrder, ModbusPoint, ModbusType } from './point.js';
import { decodeBits, decodeRegisters, encodeRegisterBit, encodeValue, ModbusValueError } from './values.js';
import { prng } from '../../runtime/testing/prng.js';

const ORDERS: readonly ByteOrder[] = ['ABCD', 'CDAB', 'BADC', 'DCBA'];

function hr(type: ModbusType, order: ByteOrder = 'ABCD', extra: Partial<ModbusPoint> = {}): ModbusPoint {
  return { unit: 1, table: 'holding', address: 100, type, order, ...extra };
}

// Vectors computed independently with Node's Buffer (write*BE, then bytes rearranged per order).
const multiRegister: [ModbusType, number, Record<ByteOrder, number[]>][] = [
  ['int32', -123456789, { ABCD: [0xf8a4, 0x32eb], CDAB: [0x32eb, 0xf8a4], BADC: [0xa4f8, 0xeb32], DCBA: [0xeb32, 0xa4f8] }],
  ['int32', -1, { ABCD: [0xffff, 0xffff], CDAB: [0xffff, 0xffff], BADC: [0xffff, 0xffff], DCBA: [0xffff, 0xffff] }],
  ['int32', -2147483648, { ABCD: [0x8000, 0x0000], CDAB: [0x0000, 0x8000], BADC: [0x0080, 0x0000], DCBA: [0x0000, 0x0080] }],
  ['uint32', 305419896, { ABCD: [0x1234, 0x5678], CDAB: [0x5678, 0x1234], BADC: [0x3412, 0x7856], DCBA: [0x7856, 0x3412] }],
  ['uint32', 4294967295, { ABCD: [0xffff, 0xffff], CDAB: [0xffff, 0xffff], BADC: [0xffff, 0xffff], DCBA: [0xffff, 0xffff] }],
  ['float32', Math.fround(123.456), { ABCD: [0x42f6, 0xe979], CDAB: [0xe979, 0x42f6], BADC: [0xf642, 0x79e9], DCBA: [0x79e9, 0xf642] }],
  ['float32', -0.15625, { ABCD: [0xbe20, 0x0000], CDAB: [0x0000, 0xbe20], BADC: [0x20be, 0x0000], DCBA: [0x0000, 0x20be] }],
  ['int64', 5124095576030430, { ABCD: [0x0012, 0x3456, 0x789a, 0xbcde], CDAB: [0xbcde, 0x789a, 0x3456, 0x0012], BADC: [0x1200, 0x5634, 0x9a78, 0xdebc], DCBA: [0xdebc, 0x9a78, 0x5634, 0x1200] }],
  ['int64', -5124095576030430, { ABCD: [0xffed, 0xcba9, 0x8765, 0x4322], CDAB: [0x4322, 0x8765, 0xcba9, 0xffed], BADC: [0xedff, 0xa9cb, 0x6587, 0x2243], DCBA: [0x2243, 0x6587, 0xa9cb, 0xedff] }],
  ['int64', -9007199254740991, { ABCD: [0xffe0, 0x0000, 0x0000, 0x0001], CDAB: [0x0001, 0x0000, 0x0000, 0xffe0], BADC: [0xe0ff, 0x0000, 0x0000, 0x0100], DCBA: [0x0100, 0x0000, 0x0000, 0xe0ff] }],
  ['uint64', 9007199254740991, { ABCD: [0x001f, 0xffff, 0xffff, 0xffff], CDAB: [0xffff, 0xffff, 0xffff, 0x001f], BADC: [0x1f00, 0xffff, 0xffff, 0xffff], DCBA: [0xffff, 0xffff, 0xffff, 0x1f00] }],
  ['float64', 123.456, { ABCD: [0x405e, 0xdd2f, 0x1a9f, 0xbe77], CDAB: [0xbe77, 0x1a9f, 0xdd2f, 0x405e], BADC: [0x5e40, 0x2fdd, 0x9f1a, 0x77be], DCBA: [0x77be, 0x9f1a, 0x2fdd, 0x5e40] }],
  ['float64', -1e-300, { ABCD: [0x81a5, 0x6e1f, 0xc2f8, 0xf359], CDAB: [0xf359, 0xc2f8, 0x6e1f, 0x81a5], BADC: [0xa581, 0x1f6e, 0xf8c2, 0x59f3], DCBA: [0x59f3, 0xf8c2, 0x1f6e, 0xa581] }],
];

describe('known vectors, every multi-register type × every order', () => {
  for (const [type, value, byOrder] of multiRegister) {
    for (const order of ORDERS) {
      const registers = byOrder[order];
      it(`${type} ${value} ${order} = ${registers.map((r) => r.toString(16)).join(' ')}`, () => {
        expect(decodeRegisters(hr(type, order), registers, 0)).toBe(value);
        expect(decodeRegisters(hr(type, order), Uint16Array.from([0xdead, ...registers, 0xbeef]), 1)).toBe(value);
        expect(encodeValue(hr(type, order), value)).toEqual(registers);
      });
    }
  }
});

describe('16-bit types', () => {
  const cases: [ModbusType, number, number][] = [
    ['int16', 0x0000, 0],
    ['int16', 0x7fff, 32767],
    ['int16', 0xffff, -1],
    ['int16', 0xff85, -123],
    ['int16', 0x8000, -32768],
    ['uint16', 0x8000, 32768],
    ['uint16', 0xffff, 65535],
  ];
  it.each(cases)('%s 0x%s = %i in every order (the register as delivered)', (type, register, value) => {
    for (const order of ORDERS) {
      expect(decodeRegisters(hr(type, order), [register], 0)).toBe(value);
      expect(encodeValue(hr(type, order), value)).toEqual([register]);
    }
  });
  it('masks number[] registers to 16 bits', () => {
    expect(decodeRegisters(hr('int16'), [0x1ffff], 0)).toBe(-1);
  });
});

describe('64-bit integers beyond 2^53 decode to the nearest double', () => {
  const cases: [ModbusType, number[], number][] = [
    ['uint64', [0x0123, 0x4567, 0x89ab, 0xcdef], 81985529216486896], // 0x0123456789ABCDEF
    ['uint64', [0xffff, 0xffff, 0xffff, 0xffff], 18446744073709551616], // 2^64 − 1 → 2^64
    ['uint64', [0x0020, 0x0000, 0x0000, 0x0001], 9007199254740992], // 2^53 + 1 → 2^53 (ties to even)
    ['uint64', [0x0020, 0x0000, 0x0000, 0x0003], 9007199254740996], // 2^53 + 3 → 2^53 + 4 (ties to even)
    ['int64', [0x8000, 0x0000, 0x0000, 0x0000], -9223372036854775808],
    ['int64', [0x7fff, 0xffff, 0xffff, 0xffff], 9223372036854775808],
    ['int64', [0xffff, 0xffff, 0xffff, 0xffff], -1],
  ];
  it.each(cases)('%s %j = %d', (type, registers, value) => {
    expect(decodeRegisters(hr(type), registers, 0)).toBe(value);
  });
  it('encodes integral doubles above 2^53 exactly', () => {
    expect(encodeValue(hr('uint64'), 2 ** 60 + 2 ** 12)).toEqual([0x1000, 0x0000, 0x0000, 0x1000]);
    expect(encodeValue(hr('int64'), -(2 ** 63))).toEqual([0x8000, 0, 0, 0]);
  });
});

describe('strings', () => {
  const cases: [ByteOrder, number[], string][] = [
    ['ABCD', [0x4142, 0x4344], 'ABCD'],
    ['CDAB', [0x4142, 0x4344], 'ABCD'],
    ['BADC', [0x4241, 0x4443], 'ABCD'],
    ['DCBA', [0x4241, 0x4443], 'ABCD'],
    ['ABCD', [0x4142, 0x4300, 0x0000], 'ABC'],
    ['ABCD', [0x4142, 0x2020, 0x2000], 'AB'],
    ['ABCD', [0x2041, 0x2042, 0x0020], ' A B'],
    ['ABCD', [0x0000, 0x0000, 0x0000], ''],
    ['ABCD', [0xe96c, 0xe800, 0x0000], 'élè'],
    ['BADC', [0x6ce9, 0x00e8, 0x0000], 'élè'],
  ];
  it.each(cases)('%s %j = %j', (order, registers, text) => {
    const point = hr('string', order, { registers: registers.length });
    expect(decodeRegisters(point, registers, 0)).toBe(text);
  });
  it('encodes with NUL padding, in each order', () => {
    expect(encodeValue(hr('string', 'ABCD', { registers: 3 }), 'ABC')).toEqual([0x4142, 0x4300, 0x0000]);
    expect(encodeValue(hr('string', 'CDAB', { registers: 3 }), 'ABC')).toEqual([0x4142, 0x4300, 0x0000]);
    expect(encodeValue(hr('string', 'BADC', { registers: 3 }), 'ABC')).toEqual([0x4241, 0x0043, 0x0000]);
    expect(encodeValue(hr('string', 'DCBA', { registers: 2 }), 'élè')).toEqual([0x6ce9, 0x00e8]);
  });
  it('rejects strings that are too long or not Latin-1', () => {
    expect(() => encodeValue(hr('string', 'ABCD', { registers: 2 }), 'ABCDE')).toThrow(/"ABCDE" has 5 characters.*holds at most 4/);
    expect(() => encodeValue(hr('string', 'ABCD', { registers: 2 }), 'A€')).toThrow(/character "€" at index 1.*Latin-1/);
    expect(() => encodeValue(hr('string', 'ABCD', { registers: 2 }), 12)).toThrow(/value 12 \(number\).*expected a string/);
  });
});

describe('bits', () => {
  it('reads a bit in a register', () => {
    const cases: [number, number, number][] = [
      [0, 0x0001, 1],
      [0, 0xfffe, 0],
      [3, 0x0008, 1],
      [3, 0xfff7, 0],
      [15, 0x8000, 1],
      [15, 0x7fff, 0],
    ];
    for (const [bit, register, value] of cases) {
      expect(decodeRegisters(hr('bit', 'ABCD', { bit }), [0, register], 1)).toBe(value);
    }
  });
  it('sets and clears a bit in a register', () => {
    expect(encodeRegisterBit(hr('bit', 'ABCD', { bit: 3 }), 0x1230, true)).toBe(0x1238);
    expect(encodeRegisterBit(hr('bit', 'ABCD', { bit: 15 }), 0xffff, false)).toBe(0x7fff);
    expect(encodeRegisterBit(hr('bit', 'ABCD', { bit: 0 }), 0x0000, 1)).toBe(0x0001);
    expect(() => encodeValue(hr('bit', 'ABCD', { bit: 3 }), true)).toThrow(/bit in a register.*encodeRegisterBit/);
  });
  it('reads coils and discrete inputs', () => {
    expect(decodeBits([false, true, false], 1)).toBe(true);
    expect(decodeBits(Uint8Array.from([0, 1, 0]), 2)).toBe(false);
    expect(decodeBits(Uint8Array.from([0, 1, 0]), 1)).toBe(true);
    expect(() => decodeBits([true], 1)).toThrow(/bit offset 1 is outside the block of 1 bit\(s\): expected 0–0/);
  });
  it('encodes coils', () => {
    const coil: ModbusPoint = { unit: 1, table: 'coil', address: 4, type: 'bit', order: 'ABCD' };
    expect(encodeValue(coil, true)).toBe(true);
    expect(encodeValue(coil, 0)).toBe(false);
    expect(() => encodeValue(coil, 2)).toThrow(/value 2 \(number\).*expected true\/false or 0\/1/);
    expect(() => decodeRegisters(coil, [1], 0)).toThrow(/expected decodeBits/);
  });
});

describe('linear scale and offset', () => {
  const cases: [ModbusType, { factor: number; offset: number }, number[], number][] = [
    ['int16', { factor: 0.1, offset: -40 }, [0x0190], 0], // 400 × 0.1 − 40
    ['int16', { factor: 0.1, offset: -40 }, [0xff9c], -50], // −100 × 0.1 − 40
    ['uint16', { factor: 2, offset: 0 }, [1234], 2468],
    ['uint16', { factor: 1, offset: 273.15 }, [0], 273.15],
    ['int32', { factor: -0.5, offset: 10 }, [0x0000, 0x0014], 0], // 20 × −0.5 + 10
    ['float32', { factor: 10, offset: 1 }, [0x3fc0, 0x0000], 16], // 1.5 × 10 + 1
  ];
  it.each(cases)('%s %j: %j → %d and back', (type, scale, registers, value) => {
    const point = hr(type, 'ABCD', { scale });
    expect(decodeRegisters(point, registers, 0)).toBeCloseTo(value, 9);
    expect(encodeValue(point, value)).toEqual(registers);
  });
  it('rounds to the nearest raw step for integer types', () => {
    const point = hr('int16', 'ABCD', { scale: { factor: 0.1, offset: -40 } });
    expect(encodeValue(point, 12.34)).toEqual([523]); // (12.34 + 40) / 0.1 = 523.4 → 523
    expect(encodeValue(point, 12.36)).toEqual([524]); // 523.6 → 524
  });
});

describe('SunSpec scale factor', () => {
  const sf = (type: ModbusType): ModbusPoint => hr(type, 'ABCD', { scaleRegister: 102 });
  it('scales by 10^sf', () => {
    expect(decodeRegisters(sf('uint16'), [2305], 0, -1)).toBe(230.5);
    expect(decodeRegisters(sf('int16'), [0xfffe], 0, 2)).toBe(-200);
    expect(decodeRegisters(sf('uint32'), [0x0001, 0x0000], 0, -3)).toBe(65.536);
    expect(decodeRegisters(sf('uint16'), [123], 0, 0)).toBe(123);
    expect(encodeValue(sf('uint16'), 230.5, -1)).toEqual([2305]);
    expect(encodeValue(sf('int16'), -200, 2)).toEqual([0xfffe]);
  });
  const sentinels: [ModbusType, number[]][] = [
    ['int16', [0x8000]],
    ['uint16', [0xffff]],
    ['int32', [0x8000, 0x0000]],
    ['uint32', [0xffff, 0xffff]],
  ];
  it.each(sentinels)('%s sentinel %j decodes to NaN, and NaN encodes to it', (type, registers) => {
    expect(decodeRegisters(sf(type), registers, 0, 0)).toBeNaN();
    expect(encodeValue(sf(type), NaN, 0)).toEqual(registers);
  });
  it('has no sentinels without sf', () => {
    expect(decodeRegisters(hr('uint16'), [0xffff], 0)).toBe(65535);
    expect(decodeRegisters(hr('int16'), [0x8000], 0)).toBe(-32768);
  });
  it('decodes to NaN when sf is not implemented or out of −10…10', () => {
    expect(decodeRegisters(sf('uint16'), [5], 0, -32768)).toBeNaN();
    expect(decodeRegisters(sf('uint16'), [5], 0, 11)).toBeNaN();
    expect(() => encodeValue(sf('uint16'), 5, -32768)).toThrow(/scale factor is -32768, expected a SunSpec scale factor −10…10/);
  });
  it('rejects a raw that would be the sentinel, and a missing sf', () => {
    expect(() => encodeValue(sf('uint16'), 6553.5, -1)).toThrow(/value 6553\.5 \(raw 65535\).*uint16 holds raw 0–65534 \(SunSpec reserves 65535/);
    expect(() => decodeRegisters(sf('uint16'), [1], 0)).toThrow(/SunSpec scale factor at register 102, but no scale exponent/);
    expect(() => encodeValue(sf('uint16'), 1)).toThrow(ModbusValueError);
  });
});

describe('encode ∘ decode round trip on random values (seeded)', () => {
  const random = prng(0x5eed);
  const randomInt = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
  const generators: [ModbusType, () => number][] = [
    ['int16', () => randomInt(-32768, 32767)],
    ['uint16', () => randomInt(0, 65535)],
    ['int32', () => randomInt(-2147483648, 2147483647)],
    ['uint32', () => randomInt(0, 4294967295)],
    ['int64', () => randomInt(-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)],
    ['uint64', () => randomInt(0, Number.MAX_SAFE_INTEGER)],
    ['float32', () => Math.fround((random() - 0.5) * 10 ** randomInt(-30, 30))],
    ['float64', () => (random() - 0.5) * 10 ** randomInt(-300, 300)],
  ];
  for (const [type, next] of generators) {
    for (const order of ORDERS) {
      it(`${type} ${order}`, () => {
        const point = hr(type, order);
        for (let i = 0; i < 200; i++) {
          const value = next();
          const registers = encodeValue(point, value) as number[];
          expect(registers.every((r) => Number.isInteger(r) && r >= 0 && r <= 0xffff)).toBe(true);
          expect(decodeRegisters(point, registers, 0)).toBe(value);
          expect(encodeValue(point, decodeRegisters(point, registers, 0))).toEqual(registers);
        }
      });
    }
  }
  it('strings in every order', () => {
    for (const order of ORDERS) {
      const point = hr('string', order, { registers: 5 });
      for (let i = 0; i < 100; i++) {
        const length = randomInt(0, 10);
        let text = '';
        for (let c = 0; c < length; c++) text += String.fromCharCode(randomInt(0x21, 0xff));
        expect(decodeRegisters(point, encodeValue(point, text) as number[], 0)).toBe(text);
      }
    }
  });
  it('scaled int16 recovers the value to within half a step', () => {
    const point = hr('int16', 'ABCD', { scale: { factor: 0.1, offset: -40 } });
    for (let i = 0; i < 200; i++) {
      const value = -40 + randomInt(-32768, 32767) * 0.1;
      expect(decodeRegisters(point, encodeValue(point, value) as number[], 0)).toBeCloseTo(value, 6);
    }
  });
});

describe('out-of-range and wrong values', () => {
  const cases: [string, ModbusPoint, number, RegExp][] = [
    ['int16 over', hr('int16'), 32768, /value 32768 does not fit point 1:hr100:int16:ABCD: int16 holds raw -32768–32767/],
    ['int16 under', hr('int16'), -32769, /value -32769 .* int16 holds raw -32768–32767/],
    ['uint16 negative', hr('uint16'), -1, /value -1 .* uint16 holds raw 0–65535/],
    ['uint32 over', hr('uint32', 'CDAB'), 4294967296, /value 4294967296 .* uint32 holds raw 0–4294967295/],
    ['int32 over', hr('int32'), 2147483648, /int32 holds raw -2147483648–2147483647/],
    ['int64 at 2^63', hr('int64'), 2 ** 63, /int64 holds raw -9223372036854775808–9223372036854775807/],
    ['uint64 negative', hr('uint64'), -1, /uint64 holds raw 0–18446744073709551615/],
    ['float32 over', hr('float32'), 1e39, /value 1e\+39 .* float32 holds raw ±3\.4028234663852886e\+38/],
    ['scaled int16', hr('int16', 'ABCD', { scale: { factor: 0.1, offset: -40 } }), 4000, /value 4000 \(raw 40400\) .* int16 holds raw -32768–32767, i\.e\. -3316\.8.*–3236\.7.* in engineering units/],
    ['NaN', hr('int16'), NaN, /value NaN .* expected a finite number/],
    ['Infinity', hr('float64'), Infinity, /value Infinity .* expected a finite number/],
  ];
  it.each(cases)('%s', (_what, point, value, message) => {
    expect(() => encodeValue(point, value)).toThrow(message);
    try {
      encodeValue(point, value);
    } catch (error) {
      expect(error).toBeInstanceOf(ModbusValueError);
    }
  });
  it('rejects writes to inputs and the wrong kind of value', () => {
    expect(() => encodeValue({ ...hr('uint16'), table: 'input' }, 1)).toThrow(/is read-only/);
    expect(() => encodeValue({ unit: 1, table: 'discrete', address: 0, type: 'bit', order: 'ABCD' }, true)).toThrow(/is read-only/);
    expect(() => encodeValue(hr('uint16'), '12')).toThrow(/value "12" \(string\).*expected a number/);
    expect(() => encodeValue(hr('uint16'), true)).toThrow(/value true \(boolean\).*expected a number/);
  });
  it('rejects a block too short for the point', () => {
    expect(() => decodeRegisters(hr('float32'), [1, 2, 3], 2)).toThrow(/needs 2 register\(s\) from offset 2, but the block has 3: expected an offset 0–1/);
    expect(() => decodeRegisters(hr('uint16'), [1], -1)).toThrow(/from offset -1/);
  });
});
