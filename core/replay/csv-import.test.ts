import { describe, expect, it } from 'vitest';
import { CsvImportError, parseTagCsv, previewTagCsv, type CsvImportOptions, type CsvTagTarget } from './csv-import.js';

const speed: CsvTagTarget = { path: 'line1/filler/speed', kind: 'f64' };
const count: CsvTagTarget = { path: 'line1/filler/count', kind: 'int' };
const running: CsvTagTarget = { path: 'line1/filler/running', kind: 'bool' };
const temp: CsvTagTarget = { path: 'line1/filler/temp', kind: 'f32' };
const recipe: CsvTagTarget = { path: 'line1/filler/recipe', kind: 'string' };
const targets = [speed, count, running, temp, recipe];

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const iso = (ms: number): string => new Date(ms).toISOString();
const at = (text: string): number => Date.parse(text);

function series(result: ReturnType<typeof parseTagCsv>, path: string) {
  const found = result.series.find((entry) => entry.path === path);
  if (found === undefined) throw new Error(`no series for ${path}`);
  return found.series;
}

/** The CsvImportError thrown by `run`, to assert on its message. */
function importError(run: () => unknown): CsvImportError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CsvImportError);
    expect((error as CsvImportError).code).toBe('csv-import-invalid');
    return error as CsvImportError;
  }
  throw new Error('expected a CsvImportError');
}

/** A small seeded generator (mulberry32), so the "random" bytes are the same on every run. */
function seededBytes(seed: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return out;
}

describe('parseTagCsv: wide files', () => {
  it('imports one column per tag, with empty cells as no sample and every kind converted', () => {
    const csv = [
      'time,line1/filler/speed,line1/filler/count,line1/filler/running,line1/filler/temp,line1/filler/recipe',
      '2026-01-01T00:00:00Z,12.5,100,true,21.1,cola',
      '2026-01-01T00:00:01Z,,101,OFF,,',
      '2026-01-01T00:00:02Z,-3e2,102,on,21.2,water',
    ].join('\n');
    const result = parseTagCsv(utf8(csv), targets);
    expect(result.layout).toBe('wide');
    expect(result.delimiter).toBe(',');
    expect(result.rows).toBe(3);
    expect(result.samples).toBe(12);
    expect(result.badRowCount).toBe(0);
    expect(result.from).toBe(at('2026-01-01T00:00:00Z'));
    expect(result.to).toBe(at('2026-01-01T00:00:02Z'));
    expect(Array.from(series(result, speed.path).value)).toEqual([12.5, -300]);
    expect(Array.from(series(result, speed.path).ts)).toEqual([at('2026-01-01T00:00:00Z'), at('2026-01-01T00:00:02Z')]);
    expect(Array.from(series(result, count.path).value)).toEqual([100, 101, 102]);
    expect(Array.from(series(result, running.path).value)).toEqual([1, 0, 1]);
    expect(Array.from(series(result, temp.path).value)).toEqual([Math.fround(21.1), Math.fround(21.2)]);
    const text = series(result, recipe.path);
    expect(text.text).toEqual(['cola', 'water']);
    expect(Number.isNaN(text.value[0])).toBe(true);
    expect(Array.from(series(result, count.path).quality)).toEqual([0, 0, 0]);
  });

  it('leaves out tags without samples and sorts rows given out of order (stable for equal times)', () => {
    const csv = ['ts,line1/filler/speed,line1/filler/count', '2026-01-01T00:00:02Z,3,', '2026-01-01T00:00:00Z,1,', '2026-01-01T00:00:02Z,4,', '2026-01-01T00:00:01Z,2,'].join('\n');
    const result = parseTagCsv(utf8(csv), targets);
    expect(result.series.map((entry) => entry.path)).toEqual([speed.path]);
    expect(Array.from(series(result, speed.path).value)).toEqual([1, 2, 3, 4]);
    expect(result.from).toBe(at('2026-01-01T00:00:00Z'));
    expect(result.to).toBe(at('2026-01-01T00:00:02Z'));
  });

  it('maps CSV column names to tag paths with options.columns', () => {
    const csv = 'Timestamp (UTC),Speed,Count\n2026-01-01 00:00:00Z,5,7\n';
    const result = parseTagCsv(utf8(csv), targets, { columns: { Speed: speed.path, Count: count.path } });
    expect(series(result, speed.path).value[0]).toBe(5);
    expect(series(result, count.path).value[0]).toBe(7);
  });

  it('reads RFC 4180 quoted fields: delimiters, doubled quotes and line breaks inside, with line numbers counted from a record’s first line', () => {
    const csv = [
      'time,line1/filler/recipe,line1/filler/speed',
      '2026-01-01T00:00:00Z,"Cola, 0.5 l","1.5"',
      '2026-01-01T00:00:01Z,"say ""hi""',
      'on two lines",2',
      '2026-01-01T00:00:02Z,plain,oops',
      '"2026-01-01T00:00:03Z",,4',
    ].join('\r\n');
    const result = parseTagCsv(utf8(csv), targets);
    expect(series(result, recipe.path).text).toEqual(['Cola, 0.5 l', 'say "hi"\non two lines']);
    expect(Array.from(series(result, speed.path).value)).toEqual([1.5, 2, 4]);
    expect(result.rows).toBe(4);
    expect(result.badRows).toEqual([{ line: 5, reason: 'column "line1/filler/speed": "oops" is not a number; expected a number such as 12.5' }]);
  });

  it('tolerates a UTF-8 BOM, CRLF line ends and blank lines at the end', () => {
    const csv = '\uFEFFtime,line1/filler/speed\r\n2026-01-01T00:00:00Z,1\r\n2026-01-01T00:00:01Z,2\r\n\r\n  \r\n';
    const result = parseTagCsv(utf8(csv), targets);
    expect(result.rows).toBe(2);
    expect(result.badRowCount).toBe(0);
    expect(Array.from(series(result, speed.path).value)).toEqual([1, 2]);
  });

  it("reads ';' files with a decimal comma, and refuses a decimal point there", () => {
    const csv = 'Zeit;line1/filler/speed;line1/filler/temp\n2026-01-01T00:00:00Z;12,5;-0,25\n2026-01-01T00:00:01Z;1.5;3\n';
    const result = parseTagCsv(utf8(csv), targets, { decimal: ',' });
    expect(result.delimiter).toBe(';');
    expect(series(result, speed.path).value[0]).toBe(12.5);
    expect(series(result, temp.path).value[0]).toBe(-0.25);
    expect(result.badRows).toEqual([{ line: 3, reason: 'column "line1/filler/speed": "1.5" has a decimal point; expected a number with a decimal comma such as 12,5' }]);
  });

  it('hints at the decimal option when a decimal comma is read with decimal point', () => {
    const csv = 'time;line1/filler/speed\n2026-01-01T00:00:00Z;1\n2026-01-01T00:00:01Z;12,5\n';
    const result = parseTagCsv(utf8(csv), targets);
    expect(result.badRows[0]).toEqual({ line: 3, reason: `column "line1/filler/speed": "12,5" is not a number; expected a decimal point (12.5), or set decimal ','` });
  });

  it('sniffs a tab delimiter', () => {
    const csv = 'time\tline1/filler/speed\tline1/filler/count\n1767225600000\t1.25\t3\n';
    const result = parseTagCsv(utf8(csv), targets);
    expect(result.delimiter).toBe('\t');
    expect(series(result, speed.path).value[0]).toBe(1.25);
    expect(series(result, count.path).ts[0]).toBe(1767225600000);
  });

  it('prefers the delimiter that splits the data lines like the header', () => {
    // Both ',' and ';' split this header into 3 columns, but only ';' splits the data lines into 3.
    const csv = 'Zeit;Speed, m/min;Count, pcs\n2026-01-01T00:00:00Z;12,5;3\n2026-01-01T00:00:01Z;13;4\n';
    const result = parseTagCsv(utf8(csv), targets, { decimal: ',', columns: { 'Speed, m/min': speed.path, 'Count, pcs': count.path } });
    expect(result.delimiter).toBe(';');
    expect(Array.from(series(result, speed.path).value)).toEqual([12.5, 13]);
  });
});

describe('parseTagCsv: long files', () => {
  it('imports time,tag,value,quality rows with quality words and 0/1/2 codes', () => {
    const csv = [
      'Timestamp,Tag,Value,Quality',
      '2026-01-01T00:00:01Z,line1/filler/speed,2.5,good',
      '2026-01-01T00:00:00Z,line1/filler/speed,1.5,UNCERTAIN',
      '2026-01-01T00:00:00Z,line1/filler/running,off,2',
      '2026-01-01T00:00:02Z,line1/filler/recipe,"a, b",',
      '2026-01-01T00:00:03Z,line9/ghost,1,good',
      '2026-01-01T00:00:04Z,line1/filler/speed,3,perfect',
    ].join('\n');
    const result = parseTagCsv(utf8(csv), targets);
    expect(result.layout).toBe('long');
    expect(result.rows).toBe(6);
    expect(result.samples).toBe(4);
    expect(Array.from(series(result, speed.path).value)).toEqual([1.5, 2.5]);
    expect(Array.from(series(result, speed.path).quality)).toEqual([1, 0]);
    expect(Array.from(series(result, running.path).quality)).toEqual([2]);
    expect(series(result, recipe.path).text).toEqual(['a, b']);
    expect(result.badRows).toEqual([
      { line: 6, reason: 'column "Tag": "line9/ghost" is not a known tag; expected tag paths such as "line1/filler/speed", "line1/filler/count", "line1/filler/running"' },
      { line: 7, reason: 'column "Quality": "perfect" is not a quality; expected good, uncertain or bad, 0/1/2, or OPC quality 192/64/0' },
    ]);
  });

  it('reads OPC quality 192/64/0 when the file uses it, and maps tag names with options.columns', () => {
    const csv = 'ts,name,value,quality\n0,Speed,1,192\n1000,Speed,2,64\n2000,Speed,3,0\n';
    const result = parseTagCsv(utf8(csv), targets, { columns: { Speed: speed.path } });
    expect(Array.from(series(result, speed.path).quality)).toEqual([0, 1, 2]);
    expect(Array.from(series(result, speed.path).ts)).toEqual([0, 1_000_000, 2_000_000]); // auto: small numbers are epoch seconds
  });

  it("is wide when forced with layout: 'wide', and refuses layout: 'long' without a long header", () => {
    const longCsv = 'time,tag,value\n2026-01-01T00:00:00Z,line1/filler/speed,1\n';
    expect(importError(() => parseTagCsv(utf8(longCsv), targets, { layout: 'wide' })).message).toContain('"tag", "value"');
    const wideCsv = 'time,line1/filler/speed\n2026-01-01T00:00:00Z,1\n';
    expect(importError(() => parseTagCsv(utf8(wideCsv), targets, { layout: 'long' })).message).toBe(
      `layout 'long' needs the columns time, tag, value and optionally quality; the header has "time", "line1/filler/speed"`,
    );
  });
});

describe('parseTagCsv: times', () => {
  const berlin: CsvImportOptions = { timeZone: 'Europe/Berlin' };
  // The time under test, then a later good row so that the file never has only bad rows.
  const one = (time: string, options: CsvImportOptions, later = '2030-01-01T00:00:00Z') =>
    parseTagCsv(utf8(`time,line1/filler/speed\n${time},1\n${later},2\n`), targets, options);
  const firstTime = (time: string, options: CsvImportOptions) => series(one(time, options), speed.path).ts[0];

  it('reads local times in the time zone, on both sides of the spring change (2026-03-29)', () => {
    expect(iso(firstTime('2026-03-29 01:30:00', berlin)!)).toBe('2026-03-29T00:30:00.000Z'); // CET, +01:00
    expect(iso(firstTime('2026-03-29T03:30:00', berlin)!)).toBe('2026-03-29T01:30:00.000Z'); // CEST, +02:00
    expect(iso(firstTime('2026-01-15T12:00:00.250', berlin)!)).toBe('2026-01-15T11:00:00.250Z');
  });

  it('reads times with Z or an offset as absolute, whatever the time zone (other ISO forms through luxon)', () => {
    expect(iso(firstTime('2026-01-01T00:00:00+05:30', berlin)!)).toBe('2025-12-31T18:30:00.000Z');
    expect(iso(firstTime('2026-01-01 00:00:00 -03', berlin)!)).toBe('2026-01-01T03:00:00.000Z');
    expect(iso(firstTime('2026-03-29T02:30:00Z', berlin)!)).toBe('2026-03-29T02:30:00.000Z');
    expect(iso(firstTime('20260115T120000', berlin)!)).toBe('2026-01-15T11:00:00.000Z'); // basic format, local
  });

  it('reports a local time skipped by the spring change as a bad row instead of shifting it', () => {
    const result = one('2026-03-29 02:30:00', berlin);
    expect(result.badRows).toEqual([{ line: 2, reason: 'column "time": "2026-03-29 02:30:00" does not exist in Europe/Berlin (clocks go forward)' }]);
    expect(result.samples).toBe(1);
  });

  it('takes the earlier instant (still summer time) for a local time repeated by the autumn change (2026-10-25)', () => {
    expect(iso(firstTime('2026-10-25 01:30:00', berlin)!)).toBe('2026-10-24T23:30:00.000Z');
    expect(iso(firstTime('2026-10-25 02:30:00', berlin)!)).toBe('2026-10-25T00:30:00.000Z'); // +02:00, not +01:00
    expect(iso(firstTime('2026-10-25T02:30:00+01:00', berlin)!)).toBe('2026-10-25T01:30:00.000Z'); // the second pass, given explicitly
    expect(iso(firstTime('2026-10-25 03:30:00', berlin)!)).toBe('2026-10-25T02:30:00.000Z');
  });

  it('reads a luxon pattern, with the same DST rules', () => {
    const options: CsvImportOptions = { ...berlin, timeFormat: 'dd.MM.yyyy HH:mm:ss', delimiter: ';' };
    const csv = 'Zeit;line1/filler/speed\n25.10.2026 02:30:00;1\n29.03.2026 02:30:00;2\n2026-03-29 04:00:00;3\n31.12.2026 23:59:59;4\n';
    const result = parseTagCsv(utf8(csv), targets, options);
    expect(Array.from(series(result, speed.path).ts).map(iso)).toEqual(['2026-10-25T00:30:00.000Z', '2026-12-31T22:59:59.000Z']);
    expect(result.badRows).toEqual([
      { line: 3, reason: 'column "Zeit": "29.03.2026 02:30:00" does not exist in Europe/Berlin (clocks go forward)' },
      { line: 4, reason: 'column "Zeit": "2026-03-29 04:00:00" does not match the time format "dd.MM.yyyy HH:mm:ss"' },
    ]);
  });

  it('reads epoch seconds and milliseconds, given or detected (≥ 1e11 is ms), rounded to whole ms', () => {
    expect(firstTime('1774794600', {})).toBe(1774794600000);
    expect(firstTime('1774794600123', {})).toBe(1774794600123);
    expect(firstTime('1774794600.0126', { timeFormat: 'epoch-s' })).toBe(1774794600013);
    expect(firstTime('1774794600', { timeFormat: 'epoch-ms' })).toBe(1774794600);
    expect(firstTime('2026-01-01T00:00:00.1236Z', {})).toBe(at('2026-01-01T00:00:00.124Z'));
    expect(one('2026-01-01T00:00:00Z', { timeFormat: 'epoch-s' }, '1893456000').badRows[0]?.reason).toBe(
      'column "time": "2026-01-01T00:00:00Z" is not an epoch time in seconds; expected digits such as 1774794600',
    );
  });

  it('refuses impossible dates as bad rows', () => {
    expect(one('2026-02-30T00:00:00Z', {}).badRows[0]?.reason).toMatch(/^column "time": "2026-02-30T00:00:00Z" is not a valid time; expected ISO 8601/);
    expect(one('2026-13-01', { timeFormat: 'iso' }).badRows[0]?.reason).toContain('"2026-13-01" is not a valid time');
  });

  it('throws for an unknown time zone before reading the file', () => {
    const error = importError(() => parseTagCsv(utf8('time,line1/filler/speed\n2026-01-01T00:00:00,1\n'), targets, { timeZone: 'Europe/Berln' }));
    expect(error.message).toBe('unknown time zone "Europe/Berln"; expected an IANA name such as "Europe/Berlin" or "UTC"');
  });
});

describe('parseTagCsv: acceptance, 10,000 rows with 1 % malformed', () => {
  const tags = [speed, count, running];
  const start = at('2026-01-01T00:00:00Z');
  const kinds = ['bad time', 'word for a number', 'too many columns', 'too few columns', 'not an integer', 'bool maybe'] as const;
  // Rows 37, 137, 237, …: 100 of the 10,000 are malformed, cycling through the six kinds.
  const badKind = (row: number) => (row % 100 === 37 ? kinds[Math.floor(row / 100) % kinds.length] : undefined);
  const lineOf = (row: number) => row + 2; // header = line 1

  function generate(): Uint8Array {
    const lines = ['time,line1/filler/speed,line1/filler/count,line1/filler/running'];
    for (let row = 0; row < 10_000; row++) {
      const cells = [iso(start + row * 1000), (row / 10).toFixed(1), String(row), row % 2 === 0 ? 'true' : 'false'];
      switch (badKind(row)) {
        case 'bad time': cells[0] = `2026-01-01T25:${row % 60}:00Z`; break;
        case 'word for a number': cells[1] = 'fast'; break;
        case 'too many columns': cells.push('extra'); break;
        case 'too few columns': cells.pop(); break;
        case 'not an integer': cells[2] = '12.5'; break;
        case 'bool maybe': cells[3] = 'maybe'; break;
      }
      lines.push(cells.join(','));
    }
    return utf8(lines.join('\n') + '\n');
  }

  it('imports the 9,900 good rows and lists each bad row by its line with the problem', () => {
    const result = parseTagCsv(generate(), tags);
    expect(result.rows).toBe(10_000);
    expect(result.badRowCount).toBe(100);
    expect(result.badRows).toHaveLength(100);
    expect(result.samples).toBe(9_900 * 3);
    for (const tag of tags) expect(series(result, tag.path).ts).toHaveLength(9_900);
    const expectedLines = Array.from({ length: 100 }, (_, k) => lineOf(k * 100 + 37));
    expect(result.badRows.map((bad) => bad.line)).toEqual(expectedLines);
    const reasonAt = (row: number) => result.badRows.find((bad) => bad.line === lineOf(row))?.reason;
    expect(reasonAt(37)).toMatch(/^column "time": "2026-01-01T25:37:00Z" is not a valid time/); // kind 0
    expect(reasonAt(137)).toBe('column "line1/filler/speed": "fast" is not a number; expected a number such as 12.5');
    expect(reasonAt(237)).toBe('has 5 columns; expected 4 as in the header');
    expect(reasonAt(337)).toBe('has 3 columns; expected 4 as in the header');
    expect(reasonAt(437)).toBe('column "line1/filler/count": "12.5" is not an integer; expected a whole number');
    expect(reasonAt(537)).toBe('column "line1/filler/running": "maybe" is not a boolean; expected true/false, 1/0 or on/off');
    expect(reasonAt(9937)).toBe(reasonAt(337)); // row 9937: 99 % 6 = 3, too few columns
    // Rows around a bad one are there, whole: the bad row's time is missing from every series.
    const speedTimes = new Set(series(result, speed.path).ts);
    expect(speedTimes.has(start + 136 * 1000) && speedTimes.has(start + 138 * 1000)).toBe(true);
    expect(speedTimes.has(start + 137 * 1000)).toBe(false);
    expect(new Set(series(result, count.path).ts).has(start + 437 * 1000)).toBe(false);
    expect(result.from).toBe(start);
    expect(result.to).toBe(start + 9_999 * 1000);
  });
});

describe('parseTagCsv: whole-file errors', () => {
  it('throws for an empty file: no bytes, only a BOM, only blank lines', () => {
    for (const bytes of [new Uint8Array(0), utf8('\uFEFF'), utf8('\n\r\n  \n')]) {
      expect(importError(() => parseTagCsv(bytes, targets)).message).toBe('the file is empty; expected a header line such as time,line1/filler/speed,…');
    }
  });

  it('throws for a header without data rows', () => {
    expect(importError(() => parseTagCsv(utf8('time,line1/filler/speed\n'), targets)).message).toContain('no data rows');
  });

  it('throws for a wrong delimiter, naming the one that fits', () => {
    const csv = 'time;line1/filler/speed;line1/filler/count;line1/filler/running\n2026-01-01T00:00:00Z;1;2;true\n';
    expect(importError(() => parseTagCsv(utf8(csv), targets, { delimiter: ',' })).message).toBe(
      "with delimiter ',' the header has 1 column; with ';' it has 4: is the delimiter ';'?",
    );
  });

  it('throws for a one-column file', () => {
    const message = importError(() => parseTagCsv(utf8('time\n2026-01-01T00:00:00Z\n'), targets)).message;
    expect(message).toContain('found only one column');
    expect(message).toContain('expected a time column and at least one tag column (wide) or time,tag,value (long)');
  });

  it("throws for decimal ',' with delimiter ','", () => {
    expect(importError(() => parseTagCsv(utf8('time,a\n'), targets, { decimal: ',', delimiter: ',' })).message).toContain("decimal ',' cannot go with delimiter ','");
    expect(importError(() => parseTagCsv(utf8('time,line1/filler/speed\n0,1\n'), targets, { decimal: ',' })).message).toContain("decimal ',' cannot go with delimiter ','");
  });

  it('throws for binary files: a PNG header, a ZIP header, seeded random bytes', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    expect(importError(() => parseTagCsv(png, targets)).message).toBe(
      'this is not a CSV text file: byte 0x89 at offset 0 is not valid UTF-8; expected UTF-8 text with a header line such as time,line1/filler/speed,…',
    );
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00]);
    expect(importError(() => parseTagCsv(zip, targets)).message).toContain('byte 0x00 at offset 5 is a NUL byte');
    expect(importError(() => parseTagCsv(seededBytes(42, 4096), targets)).message).toMatch(/^this is not a CSV text file: byte 0x[0-9a-f]{2} at offset \d+ /);
    // A 2-byte sequence cut short by a letter names its lead byte.
    expect(importError(() => parseTagCsv(new Uint8Array([...utf8('time,Gr'), 0xc3, 0x41]), targets)).message).toContain('byte 0xc3 at offset 7 is not valid UTF-8');
  });

  it('throws for a UTF-16 file', () => {
    expect(importError(() => parseTagCsv(new Uint8Array([0xff, 0xfe, 0x74, 0x00]), targets)).message).toContain('UTF-16');
  });

  it('throws for header columns that are not known tags, listing up to 10 with an example of the expected names', () => {
    const csv = 'time,line1/filler/speed,speed,temp\n2026-01-01T00:00:00Z,1,2,3\n';
    expect(importError(() => parseTagCsv(utf8(csv), targets)).message).toBe(
      'the header has 2 column(s) that are not known tags: "speed", "temp"; expected tag paths such as "line1/filler/speed", "line1/filler/count", "line1/filler/running", or a mapping in options.columns',
    );
    const many = ['time', ...Array.from({ length: 12 }, (_, i) => `col${i}`)].join(',');
    const message = importError(() => parseTagCsv(utf8(`${many}\n`), targets)).message;
    expect(message).toContain('"col8", "col9" and 2 more; expected');
    expect(message).not.toContain('"col10"');
  });

  it('throws for a header without a time column', () => {
    expect(importError(() => parseTagCsv(utf8('line1/filler/speed,line1/filler/count\n1,2\n'), targets)).message).toBe(
      'the first column "line1/filler/speed" is a tag: the header has no time column; expected the time first, under a name such as time, timestamp, ts or date',
    );
    expect(importError(() => parseTagCsv(utf8('when,line1/filler/speed\n1,2\n'), targets)).message).toContain('the first column "when" is not a time column');
  });

  it('throws for two columns naming the same tag', () => {
    const error = importError(() => parseTagCsv(utf8('time,Speed,line1/filler/speed\n0,1,2\n'), targets, { columns: { Speed: speed.path } }));
    expect(error.message).toBe('columns "Speed" and "line1/filler/speed" both name the tag "line1/filler/speed"; expected one column per tag');
  });

  it('throws when every data row is bad, with the first reasons', () => {
    const csv = 'time,line1/filler/speed\nnow,1\n2026-01-01T00:00:00Z,fast\n2026-01-01T00:00:01Z,1,2\n2026-01-01T00:00:02Z,x\n';
    const message = importError(() => parseTagCsv(utf8(csv), targets)).message;
    expect(message).toMatch(/^nothing to import: all 4 data rows are bad; line 2: column "time": "now" is not a valid time/);
    expect(message).toContain('line 3: column "line1/filler/speed": "fast" is not a number');
    expect(message).toContain('line 4: has 3 columns; expected 2 as in the header');
    expect(message).not.toContain('line 5');
  });

  it('throws for a quoted field that is never closed, naming the line where it opens', () => {
    const csv = 'time,line1/filler/recipe\n2026-01-01T00:00:00Z,ok\n\n2026-01-01T00:00:01Z,"open\n2026-01-01T00:00:02Z,x\n';
    expect(importError(() => parseTagCsv(utf8(csv), targets)).message).toBe(
      'line 4: a quoted field opens here and is never closed; expected a closing double quote (") before the end of the file',
    );
  });

  it('caps the stored bad rows at 1,000 but counts them all', () => {
    const lines = ['time,line1/filler/speed', '2026-01-01T00:00:00Z,1', ...Array.from({ length: 1500 }, () => 'never,1')];
    const result = parseTagCsv(utf8(lines.join('\n')), targets);
    expect(result.badRowCount).toBe(1500);
    expect(result.badRows).toHaveLength(1000);
    expect(result.badRows[999]!.line).toBe(1002);
    expect(result.samples).toBe(1);
  });
});

describe('previewTagCsv', () => {
  const csv = [
    'time,line1/filler/speed,line1/filler/running,line1/filler/recipe',
    '   ',
    ...Array.from({ length: 50 }, (_, i) => `${iso(at('2026-01-01T00:00:00Z') + i * 1000)},${i === 2 ? 'x' : i},${i % 2 === 0 ? 'on' : 'off'},r${i}`),
  ].join('\n');

  it('returns at most maxRows rows, with the bad ones among them listed', () => {
    const preview = previewTagCsv(utf8(csv), targets, {}, 5);
    expect(preview.layout).toBe('wide');
    expect(preview.delimiter).toBe(',');
    expect(preview.columns).toEqual([speed.path, running.path, recipe.path]);
    expect(preview.rows).toHaveLength(4);
    expect(preview.badRows).toEqual([{ line: 5, reason: 'column "line1/filler/speed": "x" is not a number; expected a number such as 12.5' }]);
    expect(preview.rows[0]).toEqual({ line: 3, time: at('2026-01-01T00:00:00Z'), values: { [speed.path]: 0, [running.path]: true, [recipe.path]: 'r0' } });
    expect(preview.rows.map((row) => row.line)).toEqual([3, 4, 6, 7]);
    expect(previewTagCsv(utf8(csv), targets, {}, 100).rows).toHaveLength(49);
    expect(previewTagCsv(utf8(csv), targets, {}, 0).rows).toHaveLength(0);
  });

  it('lists the tags of a long file in order of appearance', () => {
    const long = 'time,tag,value\n0,line1/filler/count,3\n1,line1/filler/speed,2.5\n2,line1/filler/count,4\n';
    const preview = previewTagCsv(utf8(long), targets);
    expect(preview.columns).toEqual([count.path, speed.path]);
    expect(preview.rows.map((row) => row.values)).toEqual([{ [count.path]: 3 }, { [speed.path]: 2.5 }, { [count.path]: 4 }]);
  });

  it('throws the same whole-file errors as the import', () => {
    expect(importError(() => previewTagCsv(new Uint8Array(0), targets)).message).toContain('the file is empty');
  });
});

describe('parseTagCsv: performance', () => {
  it('parses 200,000 rows × 5 tags well within the time budget', () => {
    const tags: CsvTagTarget[] = [speed, count, running, temp, { path: 'line1/filler/pressure', kind: 'f64' }];
    const start = at('2026-01-01T00:00:00Z');
    const lines = [`time,${tags.map((tag) => tag.path).join(',')}`];
    for (let row = 0; row < 200_000; row++) lines.push(`${iso(start + row * 100)},${(row * 0.01).toFixed(2)},${row},${row % 3 === 0 ? 'true' : 'false'},${(20 + (row % 50) / 10).toFixed(1)},${row % 7}.5`);
    const bytes = utf8(lines.join('\n'));
    const began = performance.now();
    const result = parseTagCsv(bytes, tags);
    const seconds = (performance.now() - began) / 1000;
    expect(result.rows).toBe(200_000);
    expect(result.samples).toBe(1_000_000);
    expect(result.badRowCount).toBe(0);
    expect(seconds).toBeLessThan(20);
  }, 60_000);
});
