/** The plant config's `uplink:` section: defaults, resolved paths, and each mistake named with file, line, path, value and what was expected. */
import { describe, expect, it } from 'vitest';
import { ConfigError, parsePlantConfig } from './index.js';
import { fakeSimulatorDriver } from './testing/fake-driver.js';

const file = '/etc/lineside/plant.yaml';
const drivers = [fakeSimulatorDriver];

/** A one-line plant; `uplink` is the YAML of the uplink section (indented 2 under `uplink:`), or none. */
function plant(uplink?: string): string {
  return `version: 1
site: S
area: A
devices:
  - { id: sim, driver: simulator, settings: { seed: 1 } }
lines:
  - id: line1
    name: Line 1
    assets:
      - id: filler
        name: Filler
        kind: filler
        device: sim
        tags:
          - { name: speed, address: filler.speed, type: float32, unit: bottles/min, description: Speed, sampleRateMs: 1000, rateReason: trend }
          - { name: fault, address: filler.fault, type: string, unit: "", description: Fault, sampleRateMs: 1000, rateReason: events }
      - id: motor
        name: Motor
        kind: motor
        device: sim
        tags:
          - { name: winding_temp, address: motor.temp, type: float32, unit: °C, description: Winding temperature, sampleRateMs: 5000, rateReason: slow }
${uplink === undefined ? '' : `uplink:\n${uplink}`}`;
}

const minimal = `  broker: mqtts://broker.plant.local
  groupId: North Brewery
  edgeNodeId: line1-pc
`;

function problemOf(text: string): { message: string; line: number | undefined; path: string } {
  try {
    parsePlantConfig(text, file, drivers);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems, (error as ConfigError).message).toHaveLength(1);
    return problems[0]!;
  }
  throw new Error('expected the config to be rejected');
}

/** The 1-based line of the first line of `text` that holds `needle`. */
function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  expect(index, needle).toBeGreaterThanOrEqual(0);
  return index + 1;
}

/** Rejects `minimal` plus `extra` lines and returns the problem's message; checks the line of `needle`. */
function rejected(extra: string, needle: string, base = minimal): string {
  const text = plant(base + extra);
  const problem = problemOf(text);
  expect(problem.line).toBe(lineOf(text, needle));
  return problem.message;
}

describe('uplink settings', () => {
  it('are absent without an uplink section', () => {
    expect(parsePlantConfig(plant(), file, drivers).uplink).toBeUndefined();
  });

  it('get their defaults: QoS 1, 20 in flight, 200 backlog messages a second, 256 MB, the usual summaries', () => {
    expect(parsePlantConfig(plant(minimal), file, drivers).uplink).toEqual({
      brokerUrl: 'mqtts://broker.plant.local:8883',
      groupId: 'North Brewery',
      edgeNodeId: 'line1-pc',
      qos: 1,
      inFlight: 20,
      backlogPerSecond: 200,
      queueMaxBytes: 256_000_000,
      summaries: { tagAggregatesMs: 60_000, oee: true, alarms: true, healthMs: 15 * 60_000, systemMs: 60_000 },
    });
    const plain = parsePlantConfig(plant(minimal.replace('mqtts://broker.plant.local', 'mqtt://10.0.0.5')), file, drivers).uplink;
    expect(plain?.brokerUrl).toBe('mqtt://10.0.0.5:1883');
  });

  it('take every setting; TLS files resolve against the config file', () => {
    const full = `  broker: mqtts://broker.plant.local:9883
  groupId: North Brewery
  edgeNodeId: line1-pc
  primaryHostId: scada-1
  username: line1
  password: s3cret
  tls: { ca: certs/ca.pem, cert: /opt/pki/line1.pem, key: certs/line1.key }
  qos: 0
  inFlight: 50
  backlogPerSecond: 20
  queueMaxMegabytes: 0.5
  summaries:
    tagAggregatesMinutes: 5
    tags: [line1/filler, line1/motor/winding_temp, line1/filler]
    oee: false
    alarms: false
    healthMinutes: 60
    systemMinutes: 10
`;
    expect(parsePlantConfig(plant(full), file, drivers).uplink).toEqual({
      brokerUrl: 'mqtts://broker.plant.local:9883',
      groupId: 'North Brewery',
      edgeNodeId: 'line1-pc',
      primaryHostId: 'scada-1',
      username: 'line1',
      password: 's3cret',
      tls: { caFile: '/etc/lineside/certs/ca.pem', certFile: '/opt/pki/line1.pem', keyFile: '/etc/lineside/certs/line1.key' },
      qos: 0,
      inFlight: 50,
      backlogPerSecond: 20,
      queueMaxBytes: 500_000,
      summaries: { tagAggregatesMs: 300_000, tags: ['line1/filler', 'line1/motor/winding_temp'], oee: false, alarms: false, healthMs: 3_600_000, systemMs: 600_000 },
    });
  });

  it('need a broker, a group id and an edge node id', () => {
    const text = plant('  qos: 1\n');
    try {
      parsePlantConfig(text, file, drivers);
      expect.unreachable();
    } catch (error) {
      const line = lineOf(text, 'uplink:');
      expect((error as ConfigError).message.split('\n')).toEqual([
        `${file}:${line}: uplink.broker is missing; expected the broker URL, mqtt://host:port or mqtts://host:port (TLS), e.g. mqtts://broker.plant.local:8883.`,
        `${file}:${line}: uplink.groupId is missing; expected the Sparkplug group id: a non-empty Sparkplug id without "/", "+", "#" or spaces at either end.`,
        `${file}:${line}: uplink.edgeNodeId is missing; expected the Sparkplug edge node id of this PC: a non-empty Sparkplug id without "/", "+", "#" or spaces at either end.`,
      ]);
    }
  });

  it('refuse a broker that is not mqtt:// or mqtts://, or carries credentials or a path', () => {
    const expected = 'expected the broker URL, mqtt://host:port or mqtts://host:port (TLS), e.g. mqtts://broker.plant.local:8883.';
    for (const broker of ['tcp://broker:1883', 'broker.plant.local', 'mqtt://user:pw@broker', 'mqtts://broker/plant']) {
      const text = plant(minimal.replace('mqtts://broker.plant.local', broker));
      expect(problemOf(text).message).toBe(`${file}:${lineOf(text, 'broker:')}: uplink.broker is "${broker}"; ${expected}`);
    }
  });

  it('refuse Sparkplug ids with "/", "+", "#" or surrounding spaces', () => {
    for (const [key, value] of [['groupId', 'plant/north'], ['edgeNodeId', 'line+1'], ['edgeNodeId', "'#'"], ['groupId', "' north'"]] as const) {
      const text = plant(minimal.replace(new RegExp(`${key}: .*`), `${key}: ${value}`));
      expect(problemOf(text).message).toMatch(new RegExp(`^${file}:${lineOf(text, `${key}:`)}: uplink\\.${key} is ".*"; expected the Sparkplug .*: a non-empty Sparkplug id without "/", "\\+", "#" or spaces at either end\\.$`));
    }
    expect(rejected('  primaryHostId: scada/1\n', 'primaryHostId')).toContain('uplink.primaryHostId is "scada/1"; expected the Sparkplug host id of the primary host application');
  });

  it('refuse a password without a user name', () => {
    expect(rejected('  password: s3cret\n', 'uplink:')).toBe(
      `${file}:${lineOf(plant(minimal), 'uplink:')}: uplink.username is missing; expected a username beside the password (MQTT sends a password only with a user name).`,
    );
  });

  it('refuse TLS files with a plain mqtt:// broker, and a client certificate without its key (and the other way round)', () => {
    const plainBroker = minimal.replace('mqtts://', 'mqtt://');
    expect(rejected('  tls: { ca: ca.pem }\n', 'broker:', plainBroker)).toBe(
      `${file}:${lineOf(plant(plainBroker), 'broker:')}: uplink.broker is "mqtt://broker.plant.local"; expected an mqtts:// broker: tls files are given ` +
        '(the broker URL, mqtt://host:port or mqtts://host:port (TLS), e.g. mqtts://broker.plant.local:8883).',
    );
    expect(rejected('  tls: { cert: client.pem }\n', 'tls:')).toMatch(/: uplink\.tls\.key is missing; expected the client's private key beside its certificate \(tls\.cert and tls\.key go together\)\.$/);
    expect(rejected('  tls: { key: client.key }\n', 'tls:')).toMatch(/: uplink\.tls\.cert is missing; expected the client's certificate beside its private key/);
    expect(rejected('  tls: { ca: "" }\n', 'tls:')).toMatch(/: uplink\.tls\.ca is ""; expected the path of the CA certificate that signed the broker's certificate \(PEM\), relative to the config file or absolute\.$/);
  });

  it('refuse out-of-range numbers: QoS, in-flight, backlog rate, queue size', () => {
    expect(rejected('  qos: 2\n', 'qos:')).toMatch(/: uplink\.qos is 2; expected 0 \(at most once\) or 1 \(at least once\)\.$/);
    expect(rejected('  inFlight: 0\n', 'inFlight:')).toMatch(/: uplink\.inFlight is 0; expected a whole number from 1 to 65535: messages published and not yet acknowledged\.$/);
    expect(rejected('  backlogPerSecond: 2.5\n', 'backlogPerSecond:')).toMatch(/: uplink\.backlogPerSecond is 2\.5 \(a number\); expected a positive whole number of messages a second for the backlog\.$/);
    expect(rejected('  queueMaxMegabytes: 0\n', 'queueMaxMegabytes:')).toMatch(/: uplink\.queueMaxMegabytes is 0; expected a positive number, the most megabytes the store-and-forward queue holds, e.g\. 256\.$/);
  });

  it('refuse summary intervals that do not divide an hour, or are not whole minutes', () => {
    expect(rejected('  summaries: { tagAggregatesMinutes: 7 }\n', 'summaries:')).toMatch(
      /: uplink\.summaries\.tagAggregatesMinutes is 7; expected a whole number of minutes that divides an hour \(1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60\): the length of each tag aggregate\.$/,
    );
    expect(rejected('  summaries: { healthMinutes: 0 }\n', 'summaries:')).toMatch(/: uplink\.summaries\.healthMinutes is 0; expected a whole number of minutes from 1 to 1440: how often asset health goes up\.$/);
    expect(rejected('  summaries: { systemMinutes: 0.5 }\n', 'summaries:')).toMatch(/: uplink\.summaries\.systemMinutes is 0\.5 \(a number\); expected a whole number of minutes from 1 to 1440: how often driver and system health goes up\.$/);
    expect(rejected('  summaries: { oee: yes please }\n', 'summaries:')).toMatch(/: uplink\.summaries\.oee is "yes please" \(a string\); expected true or false: OEE per asset per hour and per shift\.$/);
  });

  it('name an unknown key and suggest the right one', () => {
    expect(rejected('  summaries: { healthMinuts: 5 }\n', 'summaries:')).toMatch(
      /: uplink\.summaries\.healthMinuts is an unknown key \(did you mean "healthMinutes"\?\); expected one of the keys of the uplink summaries: tagAggregatesMinutes\?, tagAggregatesSeconds\?, tags\?, oee\?, alarms\?, healthMinutes\?, systemMinutes\?\.$/,
    );
    expect(rejected('  brokr: mqtt://x\n', 'brokr:')).toMatch(/: uplink\.brokr is an unknown key \(did you mean "broker"\?\)/);
  });

  it('check that summaries.tags name lines, assets or numeric tags of the plant', () => {
    const text = plant(`${minimal}  summaries:\n    tags:\n      - line1\n      - line1/filler/speed\n      - line1/filler/sped\n      - line1/filler/fault\n      - line2\n`);
    try {
      parsePlantConfig(text, file, drivers);
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).message.split('\n')).toEqual([
        `${file}:${lineOf(text, 'sped')}: uplink.summaries.tags[2] is "line1/filler/sped"; expected the path of a line, an asset or a numeric tag of the plant, such as line1/filler/speed.`,
        `${file}:${lineOf(text, 'filler/fault')}: uplink.summaries.tags[3] is "line1/filler/fault"; expected a numeric tag (line1/filler/fault is string; only numeric tags have minimum, maximum and mean).`,
        `${file}:${lineOf(text, 'line2')}: uplink.summaries.tags[4] is "line2"; expected the path of a line, an asset or a numeric tag of the plant, such as line1, line1/filler, line1/motor.`,
      ]);
    }
    expect(parsePlantConfig(plant(`${minimal}  summaries: { tags: [] }\n`), file, drivers).uplink?.summaries.tags).toEqual([]);
  });
});
