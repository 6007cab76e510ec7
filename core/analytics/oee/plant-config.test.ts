/**
 * OEE settings in the plant config (core/config): the demo's, read into the plant model,
 * and each mistake named with file, line, path, the value found and what was expected.
 * (It tests core/config; it sits here beside the OEE module it feeds.)
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, parsePlantConfig } from '../../config/index.js';
import { fakeSimulatorDriver } from '../../config/testing/fake-driver.js';
import { reasonLeaves } from './reasons.js';

const file = 'plant.yaml';
const drivers = [fakeSimulatorDriver];

const calendar = `oee:
  timeZone: Europe/Berlin
  shifts:
    - { name: Early, start: "06:00", end: "14:00", days: [mon, tue, wed, thu, fri] }
    - { name: Late, start: "14:00", end: "22:00", days: [mon, tue, wed, thu, fri] }
    - { name: Night, start: "22:00", end: "06:00", days: [sun, mon, tue, wed, thu] }
  breaks: [{ shift: Early, start: "09:00", minutes: 15 }, { shift: Night, start: "02:00", minutes: 30 }]
  plannedStops: [{ name: Sanitation, start: "2026-11-25T06:00", minutes: 120 }, { name: Cleaning, start: "05:00", minutes: 60, days: [sat] }]
  holidays: ["2026-12-25"]
  microStopSeconds: 30
  reasons:
    - { code: MECH, text: Mechanical, children: [{ code: MECH-JAM, text: Bottle jam, faults: [F101, F204] }, { code: MECH-WEAR, text: Wear }] }
    - { code: MAT, text: Materials, children: [{ code: MAT-CAPS, text: No caps }] }
`;

const assetOee = `        oee:
          stateTag: state
          states: { running: [Running], idle: [2], down: [Down], planned-stop: [6], changeover: [{ bit: 6 }] }
          faultTag: fault_code
          totalCounter: count_total
          rejectCounter: count_reject
          counterModulus: 65536
          idealRatePerMin: 200
`;

/** A one-asset plant; `oee` is the top-level block, `asset` the filler's oee block, `line` extra line keys. */
function plant(oee = calendar, asset = assetOee, line = '    constraint: filler\n'): string {
  return `version: 1
site: S
area: A
stateSets:
  machine:
    - { value: 1, label: Running, severity: normal }
    - { value: 2, label: Idle, severity: normal }
    - { value: 5, label: Down, severity: abnormal }
    - { value: 6, label: Planned stop, severity: planned }
faults: { F101: Infeed bottle jam, F204: Fill valve fault }
devices:
  - { id: sim, driver: simulator, settings: { seed: 1 } }
lines:
  - id: line1
    name: Line 1
${line}    assets:
      - id: filler
        name: Filler
        kind: filler
        device: sim
${asset}        tags:
          - { name: state, address: filler.state, type: int16, unit: "", description: State word, sampleRateMs: 250, rateReason: events, states: machine }
          - { name: fault_code, address: filler.fault_code, type: string, unit: "", description: Fault code, sampleRateMs: 250, rateReason: events }
          - { name: count_total, address: filler.count_total, type: uint32, unit: "", description: Total, sampleRateMs: 1000, rateReason: counter }
          - { name: count_reject, address: filler.count_reject, type: uint32, unit: "", description: Rejects, sampleRateMs: 1000, rateReason: counter }
${oee}`;
}

function problems(text: string): string[] {
  try {
    parsePlantConfig(text, file, drivers);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((p) => p.message.replace(/^plant\.yaml:\d+: /, ''));
  }
  throw new Error('expected the config to be rejected');
}

describe('OEE settings in the plant config', () => {
  it('are read into the plant model: calendar, thresholds, reasons, each asset and the constraint', () => {
    const model = parsePlantConfig(plant(), file, drivers);
    expect(model.oee?.calendar.timeZone).toBe('Europe/Berlin');
    expect(model.oee?.calendar.shifts.map((s) => `${s.name} ${s.start}-${s.end}`)).toEqual(['Early 06:00-14:00', 'Late 14:00-22:00', 'Night 22:00-06:00']);
    expect(model.oee?.calendar.plannedStops).toEqual([
      { name: 'Sanitation', start: '2026-11-25T06:00', minutes: 120 },
      { name: 'Cleaning', start: '05:00', minutes: 60, days: ['sat'] },
    ]);
    expect(model.oee).toMatchObject({ microStopMs: 30_000, startupMs: 0 });
    expect(reasonLeaves(model.oee!.reasons).map((r) => r.code)).toEqual(['MECH-JAM', 'MECH-WEAR', 'MAT-CAPS']);
    expect(model.oee!.targets).toEqual({ oee: 0.85, availability: 0.9, performance: 0.95, quality: 0.999 });
    expect(model.lines[0]!.constraint).toBe('line1/filler');
    expect(model.lines[0]!.assets[0]!.oee).toEqual({
      stateTag: 'line1/filler/state',
      faultTag: 'line1/filler/fault_code',
      totalCounter: 'line1/filler/count_total',
      rejectCounter: 'line1/filler/count_reject',
      states: { running: [{ value: 1 }], idle: [{ value: 2 }], down: [{ value: 5 }], 'planned-stop': [{ value: 6 }], changeover: [{ bit: 6 }] },
      counterModulus: 65_536,
      idealCycleTimeS: 0.3,
      productCycleTimesS: {},
    });
  });

  it('the demo plant: the simulator calendar, every asset with OEE, every fault code mapped to a reason', () => {
    const demo = parsePlantConfig(readFileSync(new URL('../../../assets/demo/plant.yaml', import.meta.url), 'utf8'), file, drivers);
    const oee = demo.oee!;
    expect(oee.calendar.timeZone).toBe('UTC');
    expect(oee.calendar.shifts.map((s) => [s.name, s.start, s.end, s.days.length])).toEqual([
      ['Early', '06:00', '14:00', 7],
      ['Late', '14:00', '22:00', 7],
      ['Night', '22:00', '06:00', 7],
    ]);
    expect(oee.calendar.plannedStops).toEqual([{ name: 'Sanitation', start: '06:00', minutes: 240, days: ['sun'] }]);
    expect(demo.lines[0]!.constraint).toBe('line1/filler');
    const assets = demo.lines[0]!.assets;
    expect(assets.every((a) => a.oee !== undefined)).toBe(true);
    expect(assets.map((a) => a.oee!.idealCycleTimeS)).toEqual([0.3, 60 / 230, 60 / 240, 60 / 20, undefined]);
    expect(assets[0]!.oee!.states.down).toEqual([{ value: 5 }]);
    expect(assets[4]!.oee!.energyCounter).toBe('line1/motor/energy');
    expect(assets[4]!.pdm).toEqual({
      waveformTag: 'line1/motor/vibration_waveform',
      bearing: { model: 'SKF 6205', balls: 9, ballDiameterMm: 7.94, pitchDiameterMm: 39.04, contactAngleDeg: 0 },
      machineGroup: 2,
      foundation: 'rigid',
      baselineMs: 86_400_000,
    });
    expect(assets[0]!.spc).toEqual([{ tag: 'line1/filler/fill_volume', subgroupSize: 5, intervalMs: 300_000, lsl: 327, usl: 334, target: 330.5 }]);
    const mapped = new Set<string>();
    const walk = (nodes: typeof oee.reasons) => nodes.forEach((n) => (n.faults.forEach((f) => mapped.add(f)), walk(n.children)));
    walk(oee.reasons);
    expect([...Object.keys(demo.faultTexts)].filter((code) => !mapped.has(code))).toEqual([]);
  });

  it('a bearing not in the catalogue is named with the catalogue', () => {
    expect(problems(plant(calendar, assetOee + '        pdm: { waveformTag: state, bearing: SKF 9999 }\n'))).toContain(
      'lines[0].assets[0].pdm.bearing is "SKF 9999"; expected a bearing of the catalogue (SKF 6205, SKF 6203), or its geometry { balls, ballDiameterMm, pitchDiameterMm, contactAngleDeg }.',
    );
  });

  it.each([
    ['an unknown time zone', plant(calendar.replace('Europe/Berlin', 'Europe/Berln')), 'oee.timeZone is "Europe/Berln"; expected an IANA time zone such as Europe/Berlin or UTC.'],
    ['a time not on the 24-hour clock', plant(calendar.replace('start: "06:00", end: "14:00"', 'start: "6:00", end: "14:00"')), 'oee.shifts[0].start is "6:00"; expected a local time "HH:MM" on the 24-hour clock, e.g. "06:00".'],
    ['a misspelt day', plant(calendar.replace('days: [sun, mon', 'days: [sunday, mon')), 'oee.shifts[2].days[0] is "sunday"; expected a day of the week: mon, tue, wed, thu, fri, sat, sun.'],
    ['a break of an unknown shift', plant(calendar.replace('{ shift: Early, start: "09:00"', '{ shift: Erly, start: "09:00"')), 'oee.breaks[0].shift is "Erly"; expected the name of a shift under oee.shifts: Early, Late, Night.'],
    ['a break after its shift', plant(calendar.replace('{ shift: Night, start: "02:00", minutes: 30 }', '{ shift: Night, start: "05:45", minutes: 30 }')), 'oee.breaks[1].start is "05:45"; expected a break inside shift Night (22:00–06:00), but 30 min from 05:45 ends after it.'],
    ['overlapping shifts', plant(calendar.replace('{ name: Late, start: "14:00"', '{ name: Late, start: "13:30"')), 'oee.shifts[1].start is "13:30"; expected a shift that overlaps no other shift, but Late overlaps Early (oee.shifts[0] (line 38)) on mon at 13:30.'],
    ['a one-off planned stop with a time only', plant(calendar.replace('start: "2026-11-25T06:00"', 'start: "06:00"')), 'oee.plannedStops[0].start is "06:00"; expected a local date and time "YYYY-MM-DDTHH:MM" (or a time "HH:MM" with days for a weekly stop).'],
    ['a date that does not exist', plant(calendar.replace('"2026-12-25"', '"2026-02-30"')), 'oee.holidays[0] is "2026-02-30"; expected a date "YYYY-MM-DD" that exists.'],
    ['a reason code twice', plant(calendar.replace('code: MAT-CAPS', 'code: MECH-JAM')), 'oee.reasons[1].children[0].code is "MECH-JAM"; expected a reason code used once in the reason tree, but MECH-JAM duplicates the reason at oee.reasons[0].children[0] (line 46).'],
    ['a reason naming an unknown fault', plant(calendar.replace('faults: [F101, F204]', 'faults: [F101, F999]')), 'oee.reasons[0].children[0].faults[1] is "F999"; expected a fault code listed under faults: F101, F204.'],
    ['a state tag the asset does not have', plant(calendar, assetOee.replace('stateTag: state', 'stateTag: status')), 'lines[0].assets[0].oee.stateTag is "status"; expected the name of a tag of asset line1/filler: state, fault_code, count_total, count_reject.'],
    ['a state label not in the state set', plant(calendar, assetOee.replace('running: [Running]', 'running: [Runing]')), 'lines[0].assets[0].oee.states.running[0] is "Runing"; expected a value or label of state set machine: 1 Running, 2 Idle, 5 Down, 6 Planned stop.'],
    ['a value in two states', plant(calendar, assetOee.replace('idle: [2]', 'idle: [Running]')), 'lines[0].assets[0].oee.states.idle[0] is "Running"; expected a value in one state only, but 1 is also at lines[0].assets[0].oee.states.running[0] (line 24).'],
    ['no running state', plant(calendar, assetOee.replace('running: [Running], ', '')), 'lines[0].assets[0].oee.states.running is missing; expected the values that mean running, e.g. running: [1] or running: [Running].'],
    ['a counter that is not numeric', plant(calendar, assetOee.replace('totalCounter: count_total', 'totalCounter: fault_code')), 'lines[0].assets[0].oee.totalCounter is "fault_code"; expected a numeric tag (fault_code is string).'],
    ['both a cycle time and a rate', plant(calendar, assetOee.replace('idealRatePerMin: 200', 'idealRatePerMin: 200\n          idealCycleTimeS: 0.3')), 'lines[0].assets[0].oee.idealRatePerMin is 200; expected no idealRatePerMin beside idealCycleTimeS (give one of them).'],
    ['a counter without an ideal cycle time', plant(calendar, assetOee.replace('          idealRatePerMin: 200\n', '')), 'lines[0].assets[0].oee.idealCycleTimeS is missing; expected the ideal cycle time in seconds per unit (or idealRatePerMin): an asset with a totalCounter needs it for performance.'],
    ['a constraint that is not an asset of the line', plant(calendar, assetOee, '    constraint: capper\n'), 'lines[0].constraint is "capper"; expected the id of an asset of line line1: filler.'],
    ['a constraint without OEE settings', plant(calendar, ''), 'lines[0].constraint is "filler"; expected an asset with oee settings; line1/filler has none.'],
    ['a target above 1', plant(calendar + '  targets: { oee: 85, availability: 0.9, performance: 0.95, quality: 0.99 }\n'), 'oee.targets.oee is 85; expected the OEE target: a fraction from 0 to 1, e.g. 0.85 for 85 %.'],
    ['an SPC tag the asset does not have', plant(calendar, assetOee + '        spc: [{ tag: fill_weight }]\n'), 'lines[0].assets[0].spc[0].tag is "fill_weight"; expected the name of a tag of asset line1/filler: state, fault_code, count_total, count_reject.'],
    ['an SPC tag that is not numeric', plant(calendar, assetOee + '        spc: [{ tag: fault_code }]\n'), 'lines[0].assets[0].spc[0].tag is "fault_code"; expected a numeric tag holding the measured value (fault_code is string).'],
    ['SPC limits the wrong way round', plant(calendar, assetOee + '        spc: [{ tag: count_total, lsl: 10, usl: 5 }]\n'), 'lines[0].assets[0].spc[0].usl is 5; expected a USL above the LSL (10).'],
    ['a subgroup of 12', plant(calendar, assetOee + '        spc: [{ tag: count_total, subgroupSize: 12 }]\n'), 'lines[0].assets[0].spc[0].subgroupSize is 12; expected a subgroup size from 1 (individuals) to 10.'],
    ['a PdM waveform tag that is not a waveform', plant(calendar, assetOee + '        pdm: { waveformTag: state }\n'), 'lines[0].assets[0].pdm.waveformTag is "state"; expected the name of a waveform tag of asset line1/filler: (it has none).'],
    ['asset OEE settings without the plant calendar', plant(''), "lines[0].assets[0].oee is a mapping with 7 keys; expected an oee block at the top level too (timeZone, shifts): an asset's OEE settings need the plant's shift calendar."],
  ])('%s', (_name, text, expected) => {
    expect(problems(text)).toEqual([expected]);
  });
});
