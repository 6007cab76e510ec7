import { describe, expect, it } from 'vitest';
import { fakeConfigText } from '../testing/fake-engineering.js';
import { alarmLimits, lineCount, lineRange, plantOutline, setAlarmField } from './config-text.js';

/** The fake plant's config: written as the demo plant's (flow maps with long lines, block maps, comments). */
const demo = fakeConfigText;
const shipped = '              - { kind: H, limit: 65, deadband: 1, onDelayMs: 60000, priority: low, message: Capping head drive temperature high }';

const small = `# A small plant
version: 1
devices:
  - { id: sim, driver: simulator }
  - id: press-plc
    driver: modbus   # the press PLC
    settings: { host: 10.0.0.5, port: 502, unit: 1 }
lines:
  - id: line1
    assets:
      - id: press
        tags:
          - name: oil_temp
            unit: "°C"
            alarms:
              - kind: H
                limit: 70   # hot oil
                priority: medium
                message: Oil hot
              - { kind: discrete, name: down, states: [down], priority: high, message: Press down }
              - { kind: L, limit: 5, priority: low, message: Oil cold }
              - { kind: deviation, name: off_setpoint, limit: hot, priority: low, message: Off }
`;

/** The lines of `after` that differ from `before` (same line count assumed unless added). */
function changedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  return after.split('\n').filter((line, i) => line !== a[i]);
}

describe('the alarm limits in the config text', () => {
  it('lists every alarm with a limit, with the core id, defaults, and its line', () => {
    const result = alarmLimits(small);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.rows.map((row) => [row.id, row.limit, row.deadband, row.onDelayMs, row.priority, row.line, row.unit])).toEqual([
      ['line1/press/oil_temp:H', 70, 0, 0, 'medium', 16, '°C'],
      ['line1/press/oil_temp:L', 5, 0, 0, 'low', 21, '°C'],
      ['line1/press/oil_temp:off_setpoint', null, 0, 0, 'low', 22, '°C'],
    ]);
  });

  it('finds the capping head limit as the demo plant ships it', () => {
    const result = alarmLimits(demo);
    if (!result.ok) throw new Error(result.reason);
    const head = result.rows.find((row) => row.id === 'line1/capper/head_temp:H');
    expect(head).toMatchObject({ kind: 'H', limit: 65, deadband: 1, onDelayMs: 60000, priority: 'low', message: 'Capping head drive temperature high', unit: '°C' });
    expect(demo.split('\n')[head!.line - 1]).toBe(shipped);
    expect(result.rows.find((row) => row.id === 'line1/labeler/glue_temp:HH')).toMatchObject({ kind: 'HH', limit: 190, onDelayMs: 2000, priority: 'high' });
    expect(result.rows.some((row) => row.kind === 'discrete' || row.kind === 'bad-quality')).toBe(false);
  });

  it('says why when the text is not YAML', () => {
    expect(alarmLimits('lines: [\n  - x: {')).toMatchObject({ ok: false, reason: expect.stringMatching(/^the text is not valid YAML at line \d+/) });
  });
});

describe('changing one value in place', () => {
  it('changes only the value in a flow map: one line, nothing else moves', () => {
    const rows = alarmLimits(demo);
    if (!rows.ok) throw new Error(rows.reason);
    const head = rows.rows.find((row) => row.id === 'line1/capper/head_temp:H')!;
    const limit = setAlarmField(demo, head.path, 'limit', 20.5);
    if (!limit.ok) throw new Error(limit.reason);
    const delay = setAlarmField(limit.text, head.path, 'onDelayMs', 1000);
    if (!delay.ok) throw new Error(delay.reason);
    expect(changedLines(demo, delay.text)).toEqual([shipped.replace('limit: 65', 'limit: 20.5').replace('onDelayMs: 60000', 'onDelayMs: 1000')]);
    expect(delay.text.length).toBe(demo.length + 2 - 1);
  });

  it('keeps a block map\'s comment, and adds a missing key at the map\'s indent', () => {
    const path = ['lines', 0, 'assets', 0, 'tags', 0, 'alarms', 0];
    const limit = setAlarmField(small, path, 'limit', 72);
    expect(limit.ok && changedLines(small, limit.text)).toEqual(['                limit: 72   # hot oil']);
    const deadband = setAlarmField(small, path, 'deadband', 0.5);
    if (!deadband.ok) throw new Error(deadband.reason);
    expect(deadband.text).toContain('                message: Oil hot\n                deadband: 0.5\n              - { kind: discrete');
    expect(alarmLimits(deadband.text)).toMatchObject({ ok: true, rows: [{ deadband: 0.5 }, {}, {}] });
  });

  it('adds a missing key inside a flow map, and changes a priority word', () => {
    const path = ['lines', 0, 'assets', 0, 'tags', 0, 'alarms', 2];
    const delay = setAlarmField(small, path, 'onDelayMs', 5000);
    expect(delay.ok && changedLines(small, delay.text)).toEqual(['              - { kind: L, limit: 5, priority: low, message: Oil cold, onDelayMs: 5000 }']);
    const priority = setAlarmField(small, path, 'priority', 'high');
    expect(priority.ok && changedLines(small, priority.text)).toEqual(['              - { kind: L, limit: 5, priority: high, message: Oil cold }']);
  });

  it('refuses what it cannot write, leaving the text alone', () => {
    const path = ['lines', 0, 'assets', 0, 'tags', 0, 'alarms', 0];
    expect(setAlarmField(small, path, 'limit', Number.NaN)).toEqual({ ok: false, reason: 'limit must be a number' });
    expect(setAlarmField(small, path, 'priority', 'urgent')).toMatchObject({ ok: false, reason: expect.stringMatching(/^a priority is one of critical/) });
    expect(setAlarmField(small, ['lines', 0, 'assets', 0, 'tags', 0, 'alarms', 9], 'limit', 1)).toEqual({ ok: false, reason: 'the alarm is no longer where it was in the text' });
    expect(setAlarmField('lines: [', path, 'limit', 1)).toMatchObject({ ok: false });
  });
});

describe('the outline and the lines of the text', () => {
  it('names the Modbus devices, the lines and their assets', () => {
    expect(plantOutline(small)).toEqual({ modbusDevices: ['press-plc'], lines: [{ id: 'line1', assets: ['press'] }] });
    expect(plantOutline(demo)).toEqual({ modbusDevices: ['conveyor-plc'], lines: [{ id: 'line1', assets: ['capper', 'labeler', 'motor'] }] });
    expect(plantOutline('a: [')).toBeNull();
  });

  it('finds where a line starts and ends, and counts lines', () => {
    const text = 'a: 1\nbb: 2\nccc: 3\n';
    expect(lineRange(text, 2)).toEqual({ start: 5, end: 10 });
    expect(text.slice(lineRange(text, 3).start, lineRange(text, 3).end)).toBe('ccc: 3');
    expect(lineRange(text, 99).start).toBe(text.length);
    expect(lineCount(text)).toBe(3);
    expect(lineCount('a\nb')).toBe(2);
    expect(lineCount('')).toBe(1);
  });
});
