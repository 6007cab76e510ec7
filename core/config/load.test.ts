import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allTags } from '../model/plant.js';
import { LinesideError } from '../model/errors.js';
import { ConfigError, loadPlantConfig, parsePlantConfig } from './index.js';
import { createFakeSimulatorDriver, fakeSimulatorDriver } from './testing/fake-driver.js';

const demoPath = fileURLToPath(new URL('../../assets/demo/plant.yaml', import.meta.url));
const demo = readFileSync(demoPath, 'utf8');
const file = 'assets/demo/plant.yaml';
const drivers = [fakeSimulatorDriver];

function lineAt(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/** Index of `needle` after `anchor` (each must exist). */
function find(text: string, anchor: string, needle: string): number {
  const start = text.indexOf(anchor);
  expect(start, `anchor ${JSON.stringify(anchor)} in the demo`).toBeGreaterThanOrEqual(0);
  const index = text.indexOf(needle, start);
  expect(index, `${JSON.stringify(needle)} after ${JSON.stringify(anchor)}`).toBeGreaterThanOrEqual(0);
  return index;
}

/** The 1-based line of `needle` after `anchor`. */
function lineOf(text: string, anchor: string, needle: string): number {
  return lineAt(text, find(text, anchor, needle));
}

/** Replaces the first `from` after `anchor` with `to`; returns the new text and the line of the edit. */
function edit(text: string, anchor: string, from: string, to: string): { text: string; line: number } {
  const index = find(text, anchor, from);
  return { text: text.slice(0, index) + to + text.slice(index + from.length), line: lineAt(text, index) };
}

function configError(text: string, driverList = drivers): ConfigError {
  try {
    parsePlantConfig(text, file, driverList);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toBeInstanceOf(LinesideError);
    expect((error as ConfigError).code).toBe('config-invalid');
    return error as ConfigError;
  }
  throw new Error('expected the config to be rejected');
}

/** Exactly one problem, one paragraph, and ConfigError's fields agree with it. */
function singleProblem(text: string): ConfigError {
  const error = configError(text);
  expect(error.problems).toHaveLength(1);
  expect(error.message.split('\n')).toHaveLength(1);
  expect(error.message).toBe(error.problems[0]?.message);
  expect(error.file).toBe(file);
  return error;
}

describe('the demo config', () => {
  it('loads into the plant model', async () => {
    const plant = await loadPlantConfig(demoPath, drivers);
    expect(plant.source).toBe(demoPath);
    expect(plant.site).toBe('North Brewery');
    expect(plant.area).toBe('Packaging');
    expect(plant.lines.map((line) => line.path)).toEqual(['line1']);
    expect(plant.lines[0]?.assets.map((asset) => asset.path)).toEqual([
      'line1/filler',
      'line1/capper',
      'line1/labeler',
      'line1/casepacker',
      'line1/motor',
    ]);
    expect(plant.faultTexts.F101).toBe('Infeed bottle jam');

    const tags = allTags(plant);
    expect(tags).toHaveLength(47);
    expect(new Set(tags.map((tag) => tag.path)).size).toBe(tags.length);
    const byPath = new Map(tags.map((tag) => [tag.path, tag]));

    const state = byPath.get('line1/filler/state');
    expect(state).toMatchObject({ name: 'state', assetPath: 'line1/filler', deviceId: 'line1-sim', address: 'filler.state', dataType: 'int16', unit: '', sampleRateMs: 250, writable: false, role: 'state' });
    expect(state?.states).toHaveLength(7);
    expect(state?.states?.[4]).toEqual({ value: 5, label: 'Down', severity: 'abnormal' });

    expect(byPath.get('line1/filler/speed')).toMatchObject({ range: { min: 0, max: 240 }, decimals: 0, unit: 'bottles/min' });
    expect(byPath.get('line1/labeler/glue_setpoint')?.writable).toBe(true);
    expect(byPath.get('line1/motor/vibration_waveform')).toMatchObject({ dataType: 'waveform', sampleRateMs: 300_000, writable: false });
    expect(tags.every((tag) => tag.rateReason.length > 0)).toBe(true);

    // The driver's settings come through whole (its schema passes unknown keys on).
    expect(plant.devices).toHaveLength(1);
    expect(plant.devices[0]).toMatchObject({ id: 'line1-sim', driver: 'simulator', settings: { seed: 20261121 } });
    expect((plant.devices[0]?.settings as { machines: unknown[] }).machines).toHaveLength(5);
  });

  it('reads per-tag storage compression, resolving a percent deadband against the range', () => {
    const withDeadband = edit(demo, 'address: motor.winding_temp', 'decimals: 1', 'decimals: 1\n            storage: { compression: deadband, deadbandPercent: 1 }').text;
    const winding = allTags(parsePlantConfig(withDeadband, file, drivers)).find((tag) => tag.path === 'line1/motor/winding_temp')!;
    expect(winding.storage).toEqual({ compression: 'deadband', deadband: 1.55, maxIntervalMs: 3_600_000 });
    const noRange = edit(demo, 'address: motor.energy', 'decimals: 1', 'decimals: 1\n            storage: { compression: deadband, deadbandPercent: 1 }');
    expect(configError(noRange.text).message).toMatch(/storage\.deadbandPercent is 1; expected a tag with a display range/);
    const noDeviation = edit(demo, 'address: motor.winding_temp', 'decimals: 1', 'decimals: 1\n            storage: { compression: swinging-door }');
    expect(configError(noDeviation.text).message).toMatch(/storage\.deviation .*expected a deviation for swinging-door compression/);
  });

  it('source is the file name given to parsePlantConfig', () => {
    expect(parsePlantConfig(demo, 'embedded:demo', drivers).source).toBe('embedded:demo');
  });
});

describe('the five typical faults', () => {
  it('1. a wrong type: sampleRateMs: "fast"', () => {
    const { text, line } = edit(demo, 'address: filler.speed', 'sampleRateMs: 1000', 'sampleRateMs: "fast"');
    const error = singleProblem(text);
    expect(error.message).toBe(
      `${file}:${line}: lines[0].assets[0].tags[2].sampleRateMs is "fast" (a string); expected a positive whole number of milliseconds.`,
    );
    expect(error.line).toBe(line);
    expect(error.path).toBe('lines[0].assets[0].tags[2].sampleRateMs');
  });

  it('2. an unknown driver, naming the known ones', () => {
    const { text, line } = edit(demo, 'devices:', 'driver: simulator', 'driver: modbuss');
    const error = singleProblem(text);
    expect(error.message).toBe(`${file}:${line}: devices[0].driver is "modbuss"; expected one of: simulator.`);
    expect(error.path).toBe('devices[0].driver');

    const two = configError(text, [fakeSimulatorDriver, createFakeSimulatorDriver('modbus-tcp')]);
    expect(two.message).toContain('expected one of: simulator, modbus-tcp.');
  });

  it('3. a duplicate tag path, naming both places', () => {
    const { text, line } = edit(demo, '- id: capper', '- name: head_temp', '- name: speed');
    const firstLine = lineOf(text, '- id: capper', '- name: speed');
    expect(firstLine).toBeLessThan(line);
    const error = singleProblem(text);
    expect(error.message).toBe(
      `${file}:${line}: lines[0].assets[1].tags[6].name is "speed"; expected a tag name unique in asset line1/capper, ` +
        `but tag path line1/capper/speed duplicates the tag at lines[0].assets[1].tags[2] (line ${firstLine}).`,
    );
    expect(error.path).toBe('lines[0].assets[1].tags[6].name');
  });

  it('4. a missing unit, pointing at the tag', () => {
    const { text } = edit(demo, 'address: labeler.motor_current', '            unit: "A"\n', '');
    const tagLine = lineOf(text, '- id: labeler', '- name: motor_current');
    const error = singleProblem(text);
    expect(error.message).toBe(
      `${file}:${tagLine}: lines[0].assets[2].tags[8].unit is missing; ` +
        `expected a string with the tag's engineering unit (use "" for a dimensionless value).`,
    );
    expect(error.line).toBe(tagLine);
    expect(error.path).toBe('lines[0].assets[2].tags[8].unit');
  });

  it('5. a YAML syntax error, with line, column and yaml\'s reason', () => {
    const { text, line } = edit(demo, '- id: filler', 'description: Rotary filler, 40 valves', 'description: Rotary filler: 40 valves');
    const lineText = text.split('\n')[line - 1] as string;
    const column = lineText.indexOf('Rotary') + 1;
    const error = singleProblem(text);
    expect(error.message).toBe(`${file}:${line}:${column}: YAML syntax error: Nested mappings are not allowed in compact mappings.`);
    expect(error.line).toBe(line);
    expect(error.problems[0]?.column).toBe(column);
    expect(error.path).toBe('');
  });
});

describe('more faults', () => {
  it('an unknown key (a typo) names the known keys and suggests the right one', () => {
    const { text, line } = edit(demo, 'address: filler.speed', 'unit: "bottles/min"', 'unti: "bottles/min"');
    const error = singleProblem(text);
    expect(error.message).toBe(
      `${file}:${line}: lines[0].assets[0].tags[2].unti is an unknown key (did you mean "unit"?); expected one of the keys of a tag: ` +
        'name, address, type, unit, description, sampleRateMs, rateReason, writable?, critical?, device?, role?, states?, range?, decimals?, storage?, alarms?.',
    );
  });

  it('an unknown state set name lists the defined ones', () => {
    const { text, line } = edit(demo, '- id: capper', 'states: machine', 'states: machin');
    expect(singleProblem(text).message).toBe(
      `${file}:${line}: lines[0].assets[1].tags[0].states is "machin"; expected the name of a state set under stateSets: machine.`,
    );
  });

  it("an address the driver refuses carries the driver's reason", () => {
    const { text, line } = edit(demo, '- id: filler', 'address: filler.state', 'address: fillerstate');
    expect(singleProblem(text).message).toBe(
      `${file}:${line}: lines[0].assets[0].tags[0].address is "fillerstate"; expected an address that the simulator driver ` +
        'of device line1-sim accepts: "fillerstate" is not of the form <machine>.<signal>.',
    );
  });

  it("a device's settings are checked by its driver, located inside the settings", () => {
    const { text, line } = edit(demo, 'devices:', 'seed: 20261121', 'seed: "x"');
    expect(singleProblem(text).message).toBe(`${file}:${line}: devices[0].settings.seed is "x" (a string); expected a number.`);
  });

  it('an asset naming an unknown device lists the devices', () => {
    const { text, line } = edit(demo, '- id: capper', 'device: line1-sim', 'device: line2-sim');
    expect(singleProblem(text).message).toBe(
      `${file}:${line}: lines[0].assets[1].device is "line2-sim"; expected the id of a device under devices: line1-sim.`,
    );
  });

  it('a writable waveform tag is refused', () => {
    const { text, line } = edit(demo, 'name: vibration_waveform', 'type: waveform\n', 'type: waveform\n            writable: true\n');
    expect(singleProblem(text).message).toBe(
      `${file}:${line + 1}: lines[0].assets[4].tags[7].writable is true; expected false for a waveform tag (only scalar tags can be written).`,
    );
  });

  it('a range with min above max, and decimals out of bounds', () => {
    const { text, line } = edit(demo, 'address: filler.speed', 'range: { min: 0, max: 240 }\n            decimals: 0', 'range: { min: 240, max: 0 }\n            decimals: 9');
    const error = configError(text);
    expect(error.message.split('\n')).toEqual([
      `${file}:${line}: lines[0].assets[0].tags[2].range is { min: 240, max: 0 }; expected a display range { min, max } with min below max.`,
      `${file}:${line + 1}: lines[0].assets[0].tags[2].decimals is 9; expected a whole number of decimals from 0 to 6.`,
    ]);
  });

  it('an empty unit value is shown as null', () => {
    const { text, line } = edit(demo, 'address: filler.cycle_time', 'unit: "s"', 'unit:');
    expect(singleProblem(text).message).toBe(
      `${file}:${line}: lines[0].assets[0].tags[5].unit is null (an empty value); ` +
        `expected a string with the tag's engineering unit (use "" for a dimensionless value).`,
    );
  });

  it('duplicate asset ids and device ids name both places', () => {
    const asset = edit(demo, 'lines:', '- id: capper', '- id: filler');
    expect(singleProblem(asset.text).message).toBe(
      `${file}:${asset.line}: lines[0].assets[1].id is "filler"; expected an asset id unique in line line1, ` +
        `but asset path line1/filler duplicates the asset at lines[0].assets[0] (line ${lineOf(demo, 'lines:', '- id: filler')}).`,
    );

    const device = edit(demo, 'devices:\n', 'devices:\n', 'devices:\n  - { id: line1-sim, driver: simulator, settings: { seed: 1 } }\n');
    const error = configError(device.text);
    expect(error.problems).toHaveLength(1);
    expect(error.message).toBe(
      `${file}:${lineOf(device.text, 'devices:', '- id: line1-sim')}: devices[1].id is "line1-sim"; expected a device id unique in the plant, ` +
        `but device line1-sim duplicates the device at devices[0] (line ${device.line + 1}).`,
    );
  });

  it('pdm settings: the baseline is 24 h of first snapshots unless a period is given; a bad period or length is named', async () => {
    const plant = await loadPlantConfig(demoPath, drivers);
    const motor = plant.lines[0]!.assets.find((a) => a.id === 'motor')!;
    expect(motor.pdm).toMatchObject({ waveformTag: 'line1/motor/vibration_waveform', machineGroup: 2, foundation: 'rigid', baselineMs: 24 * 3_600_000, bearing: { model: 'SKF 6205', balls: 9 } });
    const period = edit(demo, '- id: motor', 'baselineHours: 24 }', 'baseline: { from: 2026-11-02T06:00:00Z, to: 2026-11-03T06:00:00Z } }');
    const withPeriod = parsePlantConfig(period.text, file, drivers).lines[0]!.assets.find((a) => a.id === 'motor')!;
    expect(withPeriod.pdm!.baseline).toEqual({ from: Date.UTC(2026, 10, 2, 6), to: Date.UTC(2026, 10, 3, 6) });
    const backwards = edit(demo, '- id: motor', 'baselineHours: 24 }', 'baseline: { from: 2026-11-03T06:00:00Z, to: 2026-11-02T06:00:00Z } }');
    expect(singleProblem(backwards.text).message).toMatch(/pdm\.baseline\.to is "2026-11-02T06:00:00Z"; expected a time after baseline\.from/);
    const length = edit(demo, '- id: motor', 'baselineHours: 24', 'baselineHours: 0');
    expect(singleProblem(length.text).message).toMatch(/pdm\.baselineHours is 0; expected .*hours of snapshots learned as the healthy baseline/);
  });

  it('reports several problems, one paragraph each, in file order', () => {
    const a = edit(demo, 'address: filler.speed', 'sampleRateMs: 1000', 'sampleRateMs: "fast"');
    const b = edit(a.text, 'devices:', 'driver: simulator', 'driver: modbuss');
    const error = configError(b.text);
    expect(error.problems.map((problem) => problem.path)).toEqual(['devices[0].driver', 'lines[0].assets[0].tags[2].sampleRateMs']);
    expect(error.problems.map((problem) => problem.line)).toEqual([b.line, a.line]);
    expect(error.message.split('\n')).toEqual(error.problems.map((problem) => problem.message));
    expect(error.line).toBe(b.line);
    expect(error.path).toBe('devices[0].driver');
  });

  it('reports at most ten problems and says how many more there are', () => {
    const text = demo.replaceAll('rateReason: ', 'rateReasn: ');
    const error = configError(text);
    expect(error.problems).toHaveLength(10);
    expect(error.message.split('\n')).toHaveLength(11);
    expect(error.message.split('\n')[10]).toBe(`${file}: 37 more problems not shown.`);
  });

  it('an empty file and a wrong version', () => {
    expect(configError('').message).toBe(
      `${file}: the config is null (an empty value); expected a plant config, a mapping with the keys: version, site, area, stateSets?, faults?, devices, lines, historian?, oee?, uplink?.`,
    );
    const { text, line } = edit(demo, '', 'version: 1', 'version: 2');
    expect(singleProblem(text).message).toBe(`${file}:${line}: version is 2; expected 1, the config format version this Lineside reads.`);
  });

  it('a missing file names the file and the OS reason', async () => {
    const missing = fileURLToPath(new URL('./no-such-plant.yaml', import.meta.url));
    const error = await loadPlantConfig(missing, drivers).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe(`${missing}: cannot read the plant config: no such file or directory (ENOENT).`);
    expect((error as ConfigError).line).toBeUndefined();
    expect((error as ConfigError).file).toBe(missing);
  });
});
