/** Alarms under a tag in the plant config: the demo's set, and each mistake named with file, line, path, value and what was expected. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, parsePlantConfig } from './index.js';
import { fakeSimulatorDriver } from './testing/fake-driver.js';

const file = 'plant.yaml';
const drivers = [fakeSimulatorDriver];

/** A one-asset plant; `alarms` is the YAML of the glue_temp tag's alarms (indented 8), `stateAlarms` the state tag's. */
function plant(alarms: string, stateAlarms = ''): string {
  return `version: 1
site: S
area: A
stateSets:
  machine:
    - { value: 1, label: Running, severity: normal }
    - { value: 5, label: Down, severity: abnormal }
    - { value: 6, label: Planned stop, severity: planned }
devices:
  - { id: sim, driver: simulator, settings: { seed: 1 } }
lines:
  - id: line1
    name: Line 1
    assets:
      - id: labeler
        name: Labeler
        kind: labeler
        device: sim
        tags:
          - name: state
            address: labeler.state
            type: int16
            unit: ""
            description: State word
            sampleRateMs: 250
            rateReason: events
            states: machine
${stateAlarms}
          - name: fault_code
            address: labeler.fault_code
            type: string
            unit: ""
            description: Fault code
            sampleRateMs: 250
            rateReason: events
          - name: glue_setpoint
            address: labeler.glue_setpoint
            type: float32
            unit: "°C"
            description: Setpoint
            sampleRateMs: 2000
            rateReason: written
          - name: glue_temp
            address: labeler.glue_temp
            type: float32
            unit: "°C"
            description: Glue temperature
            sampleRateMs: 2000
            rateReason: thermal
            alarms:
${alarms}
`;
}

function problems(text: string): string[] {
  try {
    parsePlantConfig(text, file, drivers);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((p) => p.message);
  }
  throw new Error('expected the config to be rejected');
}

function lineOf(text: string, needle: string): number {
  const index = text.indexOf(needle);
  expect(index).toBeGreaterThanOrEqual(0);
  return text.slice(0, index).split('\n').length;
}

const glue = 'lines[0].assets[0].tags[3].alarms';

describe('alarms in the plant config', () => {
  it('the demo plant defines its alarms, labels resolved to values', () => {
    const text = readFileSync(new URL('../../assets/demo/plant.yaml', import.meta.url), 'utf8');
    const demo = parsePlantConfig(text, file, drivers);
    expect(demo.alarms.length).toBeGreaterThanOrEqual(15);
    expect(demo.alarms.length).toBeLessThanOrEqual(25);
    expect(new Set(demo.alarms.map((a) => a.id)).size).toBe(demo.alarms.length);
    const byId = new Map(demo.alarms.map((a) => [a.id, a]));
    expect(byId.get('line1/filler/state:down')).toEqual({
      id: 'line1/filler/state:down', tag: 'line1/filler/state', asset: 'line1/filler', kind: 'discrete', states: [5], priority: 'high',
      deadband: 0, onDelayMs: 0, offDelayMs: 0, message: 'Filler down', latching: false,
    });
    expect(byId.get('line1/labeler/glue_temp:bad-quality')).toMatchObject({ kind: 'bad-quality', priority: 'medium', onDelayMs: 0 });
    expect(byId.get('line1/labeler/glue_temp:L')?.suppressWhen).toEqual({ tag: 'line1/labeler/state', values: [2, 6, 7] });
    expect(byId.get('line1/labeler/glue_temp:off_setpoint')).toMatchObject({ kind: 'deviation', setpointTag: 'line1/labeler/glue_setpoint', limit: 15 });
    for (const machine of ['filler', 'capper', 'labeler', 'casepacker', 'motor']) expect(byId.get(`line1/${machine}/state:down`)?.states).toEqual([5]);
  });

  it('reads every field, with defaults, the name in the id and an asset override', () => {
    const text = plant(
      `              - { kind: H, limit: 180, priority: medium, message: Glue high }
              - kind: deviation
                name: off_sp
                limit: 10
                deadband: 1
                onDelayMs: 60000
                offDelayMs: 5000
                latching: true
                priority: low
                message: Glue off setpoint
                setpointTag: line1/labeler/glue_setpoint
                suppressWhen: { tag: line1/labeler/state, states: [planned_stop, 1] }
                asset: line1/labeler`,
      `            alarms:
              - { kind: discrete, states: [down], priority: high, message: Labeler down }`,
    );
    const { alarms } = parsePlantConfig(text, file, drivers);
    expect(alarms.map((a) => a.id)).toEqual(['line1/labeler/state:discrete', 'line1/labeler/glue_temp:H', 'line1/labeler/glue_temp:off_sp']);
    expect(alarms[1]).toEqual({ id: 'line1/labeler/glue_temp:H', tag: 'line1/labeler/glue_temp', asset: 'line1/labeler', kind: 'H', limit: 180, priority: 'medium', deadband: 0, onDelayMs: 0, offDelayMs: 0, message: 'Glue high', latching: false });
    expect(alarms[2]).toMatchObject({ deadband: 1, onDelayMs: 60000, offDelayMs: 5000, latching: true, suppressWhen: { tag: 'line1/labeler/state', values: [6, 1] } });
  });

  it('a limit is needed for H/HH/L/LL/deviation/rate and refused for discrete and bad-quality', () => {
    const text = plant(`              - { kind: H, priority: high, message: Glue high }
              - { kind: bad-quality, limit: 3, priority: high, message: Glue sensor }
              - { kind: rate, limit: 0, priority: high, message: Glue rate }`);
    expect(problems(text)).toEqual([
      `${file}:${lineOf(text, '- { kind: H,')}: ${glue}[0].limit is missing; expected a limit for a H alarm (in the tag unit).`,
      `${file}:${lineOf(text, '- { kind: bad-quality')}: ${glue}[1].limit is 3; expected no limit for a bad-quality alarm (only HH, H, L, LL, deviation, rate alarms have one).`,
      `${file}:${lineOf(text, '- { kind: rate')}: ${glue}[2].limit is 0; expected a number above 0 for a rate alarm (the allowed change per second).`,
    ]);
  });

  it('an unknown kind or priority lists the known ones', () => {
    const text = plant('              - { kind: HI, limit: 1, priority: urgent, message: x }');
    expect(problems(text)).toEqual([
      `${file}:${lineOf(text, '- { kind: HI')}: ${glue}[0].kind is "HI"; expected one of: HH, H, L, LL, deviation, rate, discrete, bad-quality.`,
      `${file}:${lineOf(text, '- { kind: HI')}: ${glue}[0].priority is "urgent"; expected one of: critical, high, medium, low, diagnostic.`,
    ]);
  });

  it('tags and assets named by an alarm must exist; a setpoint must be numeric', () => {
    const text = plant(`              - { kind: deviation, limit: 5, setpointTag: line1/labeler/glue_sp, priority: low, message: a }
              - { kind: deviation, name: d2, limit: 5, setpointTag: line1/labeler/fault_code, priority: low, message: b }
              - { kind: H, limit: 9, priority: low, message: c, suppressWhen: { tag: line1/filler/state, states: [6] } }
              - { kind: L, limit: 1, priority: low, message: d, asset: line1/glue }`);
    const line = (needle: string) => lineOf(text, needle);
    expect(problems(text)).toEqual([
      `${file}:${line('setpointTag: line1/labeler/glue_sp')}: ${glue}[0].setpointTag is "line1/labeler/glue_sp"; expected the path of a tag in the plant, line/asset/tag, such as line1/labeler/state, line1/labeler/fault_code, line1/labeler/glue_setpoint, line1/labeler/glue_temp.`,
      `${file}:${line('setpointTag: line1/labeler/fault_code')}: ${glue}[1].setpointTag is "line1/labeler/fault_code"; expected a numeric tag (line1/labeler/fault_code is string).`,
      `${file}:${line('suppressWhen')}: ${glue}[2].suppressWhen.tag is "line1/filler/state"; expected the path of a tag in the plant, line/asset/tag, such as line1/labeler/state, line1/labeler/fault_code, line1/labeler/glue_setpoint, line1/labeler/glue_temp.`,
      `${file}:${line('asset: line1/glue')}: ${glue}[3].asset is "line1/glue"; expected the path of an asset, line/asset: line1/labeler.`,
    ]);
  });

  it('discrete states given as labels must be in the tag\'s state set; values must fit the tag', () => {
    const text = plant(
      `              - { kind: H, limit: 9, priority: low, message: c, suppressWhen: { tag: line1/labeler/fault_code, states: [7] } }`,
      `            alarms:
              - { kind: discrete, states: [down, broken], priority: high, message: Labeler down }`,
    );
    expect(problems(text)).toEqual([
      `${file}:${lineOf(text, '[down, broken]')}: lines[0].assets[0].tags[0].alarms[0].states[1] is "broken"; expected a value or label of state set machine: 1 Running, 5 Down, 6 Planned stop.`,
      `${file}:${lineOf(text, 'states: [7]')}: ${glue}[0].suppressWhen.states[0] is 7; expected a text, a value of the string tag fault_code (it has no state set, so labels cannot be used).`,
    ]);
  });

  it('ids are unique (a second alarm of a kind needs a name); H below HH and L above LL, naming both limits', () => {
    const text = plant(`              - { kind: HH, limit: 185, priority: high, message: a }
              - { kind: H, limit: 190, priority: high, message: b }
              - { kind: H, limit: 170, priority: high, message: c }
              - { kind: LL, limit: 140, priority: high, message: d }
              - { kind: L, limit: 140, priority: high, message: e }`);
    const line = (needle: string) => lineOf(text, needle);
    const hh = `${glue}[0].limit (line ${line('kind: HH')})`;
    expect(problems(text)).toEqual([
      `${file}:${line('limit: 190')}: ${glue}[1].limit is 190; expected an H limit below the HH limit 185 of the same tag (${hh}).`,
      `${file}:${line('limit: 170')}: ${glue}[2].kind is "H"; expected an alarm id unique in the plant, but alarm line1/labeler/glue_temp:H duplicates the alarm at ${glue}[1] (line ${line('limit: 190')}) (give one of them a name).`,
      `${file}:${line('kind: L,')}: ${glue}[4].limit is 140; expected an L limit above the LL limit 140 of the same tag (${glue}[3].limit (line ${line('kind: LL')})).`,
    ]);
  });

  it('a limit alarm on a string tag, and keys a kind does not take, are refused', () => {
    const text = plant(
      '              - { kind: H, limit: 9, priority: low, message: c, states: [1], setpointTag: line1/labeler/glue_setpoint }',
      `            alarms: []
          - name: code2
            address: labeler.code2
            type: string
            unit: ""
            description: Another code
            sampleRateMs: 250
            rateReason: events
            alarms:
              - { kind: H, limit: 1, priority: low, message: x }`,
    );
    const line = lineOf(text, 'states: [1]');
    expect(problems(text)).toEqual([
      `${file}:${lineOf(text, '- { kind: H, limit: 1,')}: lines[0].assets[0].tags[1].alarms[0].kind is "H"; expected discrete or bad-quality for a string tag (HH, H, L, LL, deviation, rate alarms need a numeric tag).`,
      `${file}:${line}: ${glue.replace('tags[3]', 'tags[4]')}[0].setpointTag is "line1/labeler/glue_setpoint"; expected no setpointTag for a H alarm (only deviation alarms have one).`,
      `${file}:${line}: ${glue.replace('tags[3]', 'tags[4]')}[0].states is [1]; expected no states for a H alarm (only discrete alarms have them).`,
    ]);
  });
});
