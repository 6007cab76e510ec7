// The bandwidth arithmetic on a small plant, byte by byte: one filler with two numeric tags,
// OEE and one alarm, one driver; MQTT 3.1.1 at QoS 1, group "G", edge node "E".
import { describe, expect, it } from 'vitest';
import { parsePlantConfig } from '../config/index.js';
import { pushDriver } from '../drivers/testing/push-driver.js';
import type { UplinkSettings } from '../model/plant.js';
import { birthMetricBytes, dataMetricBytes, describeBandwidth, estimateBandwidth, formatBytes, publishBytes, varintSize } from './bandwidth.js';
import { metricCatalogue } from './metrics.js';

const config = (broker: string) => `version: 1
site: S
area: A
devices:
  - { id: plc, driver: fake, settings: {} }
lines:
  - id: line1
    name: Line 1
    assets:
      - id: filler
        name: Filler
        kind: filler
        device: plc
        oee: { stateTag: state, states: { running: [Running] }, totalCounter: total, idealCycleTimeS: 1 }
        tags:
          - { name: state, address: s, type: string, unit: "", description: State, sampleRateMs: 1000, rateReason: events }
          - { name: total, address: t, type: uint32, unit: "", description: Total, sampleRateMs: 1000, rateReason: counter }
          - { name: speed, address: v, type: float32, unit: bpm, description: Speed, sampleRateMs: 1000, rateReason: trend, alarms: [{ kind: H, limit: 150, priority: high, message: Speed high }] }
oee:
  timeZone: UTC
  shifts: [{ name: Early, start: "06:00", end: "14:00", days: [mon, tue, wed, thu, fri] }]
uplink: { broker: "${broker}", groupId: G, edgeNodeId: E }
`;

const plantOf = (broker = 'mqtt://broker') => {
  const plant = parsePlantConfig(config(broker), 'plant.yaml', [pushDriver().factory]);
  return { plant, settings: plant.uplink as UplinkSettings };
};

describe('the bandwidth estimate', () => {
  it('counts varints, metrics and MQTT packets byte by byte', () => {
    expect([0, 127, 128, 16_383, 16_384, 1.8e12].map(varintSize)).toEqual([1, 1, 2, 2, 3, 6]);
    // A Double by alias: alias 1+1, timestamp 1+6, datatype 1+1, value 1+8 = 20, delimited 22.
    expect(dataMetricBytes(35, 'Double', 8)).toBe(22);
    // A null String: is_null instead of the value (2): 13, delimited 15.
    expect(dataMetricBytes(35, 'String', null)).toBe(15);
    // A 14-character String: 1 + 1 + 14 = 16; 27, delimited 29.
    expect(dataMetricBytes(35, 'String', 14)).toBe(29);
    // PUBLISH: header 1, remaining length 1 (2 + 3 + 2 + 100 = 107), topic length 2, topic 3, packet id 2, payload 100.
    expect(publishBytes('a/b', 100, 1, false)).toBe(1 + 1 + 107);
    expect(publishBytes('a/b', 100, 0, true)).toBe(1 + 1 + 105 + 22);
    // In a birth, with its name: "Tags/speed/Min" (14) 1+1+14, alias 2, timestamp 7, datatype 2, null 2, and
    // the property set { engUnit: "bpm" }: keys 1+1+7, values 1+1+(type 2 + string 1+1+3) = 18, delimited 20.
    const withUnit = { name: 'Tags/speed/Min', dataType: 'Double' as const, properties: { engUnit: { dataType: 'String' as const, value: 'bpm' } } };
    expect(birthMetricBytes(35, withUnit)).toBe(2 + (16 + 2 + 7 + 2 + 2 + 20));
  });

  it('adds up a line: aggregates each minute, OEE each hour and shift, alarms at the assumed rate; the node apart', () => {
    const { plant, settings } = plantOf();
    const catalogue = metricCatalogue(plant, settings);
    // 2 numeric tags × 5 + OEE 8 + 8 + name + 2 alarm metrics = 29 device metrics; 6 node metrics; aliases fit in one byte.
    expect(catalogue.devices[0]!.metrics).toHaveLength(29);
    expect(catalogue.node).toHaveLength(6);
    const estimate = estimateBandwidth(plant, settings, { catalogue });
    const line = estimate.lines[0]!;

    // Topic "spBv1.0/G/DDATA/E/line1:filler" is 30 bytes; a payload adds timestamp 7 and seq 2.5.
    const dData = (payload: number) => {
      const remaining = 2 + 30 + 2 + payload;
      return 1 + varintSize(remaining) + remaining;
    };
    const aggregates = dData(9.5 + 10 * 22); // 266.5
    // OEE: 4 ratios and the downtime (Double, 22), 2 counts (Int64 3 bytes: 17), the period start (DateTime 6 bytes: 20).
    const oeeHour = dData(9.5 + 5 * 22 + 2 * 17 + 20); // 210.5
    // The shift adds its name "Early" (1 + 1 + 5: 20); 5 shifts a week.
    const oeeShift = dData(9.5 + 5 * 22 + 2 * 17 + 20 + 20);
    // An alarm transition: State (14 characters: 29) and Priority (6: 21); 6 activations × 3 transitions an hour.
    const alarm = dData(9.5 + 29 + 21);
    expect([aggregates, oeeHour, oeeShift, alarm]).toEqual([266.5, 210.5, 230.5, 95.5]);
    expect(line.items.map((i) => [i.what, i.count, i.messagesPerHour, i.metricsPerHour, i.bytesPerHour])).toEqual([
      ['tag aggregates', 2, 60, 600, 60 * aggregates],
      ['OEE per hour', 1, 1, 8, oeeHour],
      ['OEE per shift', 1, 5 / 168, (9 * 5) / 168, (oeeShift * 5) / 168],
      ['alarm transitions', 1, 18, 36, 18 * alarm],
    ]);
    expect(line.bytesPerHour).toBeCloseTo(15_990 + 210.5 + (230.5 * 5) / 168 + 1719, 9);

    // The node: "spBv1.0/G/NDATA/E" (17): driver state (7 characters: 22), historian state (2: 17),
    // queue depth (3-byte varint: 17), queue bytes (4: 18), dropped (1: 15), uptime (4: 18).
    const system = 1 + 2 + (2 + 17 + 2 + 9.5 + 22 + 17 + 17 + 18 + 15 + 18);
    expect(system).toBe(140.5);
    expect(estimate.node.items).toEqual([{ what: 'system health', count: 1, everyMinutes: 1, messagesPerHour: 60, metricsPerHour: 360, bytesPerHour: 60 * system }]);
    expect(estimate.totalBytesPerHour).toBeCloseTo(line.bytesPerHour + 8430, 9);
    expect(line.birthBytes).toBeGreaterThan(29 * 20);
    expect(estimate.node.birthBytes).toBeGreaterThan(8 * 20);

    // Over TLS each message costs a 22-byte record more.
    const tls = estimateBandwidth(plantOf('mqtts://broker').plant, plantOf('mqtts://broker').settings);
    const messages = line.items.reduce((n, i) => n + i.messagesPerHour, 0) + 60;
    expect(tls.totalBytesPerHour - estimate.totalBytesPerHour).toBeCloseTo(22 * messages, 9);
  });

  it('says it in one paragraph', () => {
    const { plant, settings } = plantOf('mqtts://broker');
    const text = describeBandwidth(estimateBandwidth(plant, settings));
    expect(text).toMatch(
      /^≈ 20 kB\/h for line1: 2 tags × 5 aggregates each minute \(17 kB\/h\), OEE of 1 asset each hour \(233 B\/h\), and each shift \(8 B\/h\), ~18 alarm transitions an hour over 1 alarm \(assumed\) \(2\.1 kB\/h\); plus the edge node's system health with 1 driver each minute \(9\.8 kB\/h\)\. In all ≈ 29 kB\/h \(706 kB a day\) of MQTT over TLS, TCP\/IP headers not counted; each \(re\)connect adds ≈ 1\.5 kB of birth certificates\./,
    );
    expect(text).toContain("6 activations an hour per line (EEMUA 191's manageable rate), 3 transitions each");
    expect(text.split('\n')).toHaveLength(1);
    expect([formatBytes(999), formatBytes(1_500), formatBytes(15_000), formatBytes(1_900_000), formatBytes(46_000_000)]).toEqual(['999 B', '1.5 kB', '15 kB', '1.9 MB', '46 MB']);
  });
});
