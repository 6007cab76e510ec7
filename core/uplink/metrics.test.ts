// The metric catalogue of a small plant (a filler with OEE and an alarm, a motor under
// vibration monitoring, a conveyor with nothing selected), and every record kind turned
// into metrics against it.
import { describe, expect, it } from 'vitest';
import { parsePlantConfig } from '../config/index.js';
import { pushDriver } from '../drivers/testing/push-driver.js';
import type { UplinkSettings } from '../model/plant.js';
import { alarmMetricName, deviceIdOf, metricCatalogue, recordToMetrics, selectedTags, UplinkRecordError, type QueuedRecord } from './metrics.js';

const tag = (name: string, type: string, unit = '', extra = '') =>
  `          - { name: ${name}, address: ${name}, type: ${type}, unit: "${unit}", description: ${name}, sampleRateMs: 1000, rateReason: test${extra} }`;

const config = (uplink = '') => `version: 1
site: S
area: A
devices:
  - { id: plc1, driver: fake, settings: {} }
  - { id: gw, driver: fake, settings: {} }
lines:
  - id: line1
    name: Line 1
    assets:
      - id: filler
        name: Filler
        kind: filler
        device: plc1
        oee: { stateTag: state, states: { running: [1], down: [5] }, totalCounter: total, idealCycleTimeS: 1 }
        tags:
${tag('state', 'int16')}
${tag('total', 'uint16')}
${tag('speed', 'float32', 'bottles/min', ', alarms: [{ kind: H, limit: 150, priority: high, message: Speed high }]')}
${tag('recipe', 'string')}
      - id: motor
        name: Motor
        kind: motor
        device: gw
        pdm: { waveformTag: vib, bearing: SKF 6205 }
        tags:
${tag('temp', 'float64', '°C')}
${tag('vib', 'waveform', 'g')}
${tag('running', 'bool')}
      - id: conveyor
        name: Conveyor
        kind: conveyor
        device: gw
        tags:
${tag('current', 'float32', 'A')}
oee:
  timeZone: UTC
  shifts: [{ name: Early, start: "06:00", end: "14:00", days: [mon, tue, wed, thu, fri] }]
uplink:
  broker: mqtts://broker:8883
  groupId: G
  edgeNodeId: E
${uplink}`;

const plantOf = (uplink = '') => {
  const plant = parsePlantConfig(config(uplink), 'plant.yaml', [pushDriver().factory]);
  return { plant, settings: plant.uplink as UplinkSettings };
};

describe('the metric catalogue', () => {
  const { plant, settings } = plantOf();
  const catalogue = metricCatalogue(plant, settings);
  const names = (id: string) => catalogue.devices.find((d) => d.id === id)?.metrics.map((m) => `${m.name}:${m.dataType}`);

  it('has a device per asset with something to send, named by its path with ":"', () => {
    expect(deviceIdOf('line1/filler')).toBe('line1:filler');
    expect(catalogue.devices.map((d) => [d.id, d.asset])).toEqual([
      ['line1:filler', 'line1/filler'],
      ['line1:motor', 'line1/motor'],
      ['line1:conveyor', 'line1/conveyor'],
    ]);
  });

  it('gives the filler its numeric tags, its OEE per hour and shift, and its alarm', () => {
    const agg = (t: string) => ['Min', 'Max', 'Mean', 'Last', 'GoodFraction'].map((f) => `Tags/${t}/${f}:Double`);
    const oee = (span: string) => [
      `OEE/${span}/Availability:Double`,
      `OEE/${span}/Performance:Double`,
      `OEE/${span}/Quality:Double`,
      `OEE/${span}/OEE:Double`,
      `OEE/${span}/GoodCount:Int64`,
      `OEE/${span}/TotalCount:Int64`,
      `OEE/${span}/DowntimeSeconds:Double`,
      `OEE/${span}/PeriodStart:DateTime`,
    ];
    expect(names('line1:filler')).toEqual([...agg('state'), ...agg('total'), ...agg('speed'), ...oee('Hour'), ...oee('Shift'), 'OEE/Shift/Name:String', 'Alarms/speed:H/State:String', 'Alarms/speed:H/Priority:String']);
    const speedMean = catalogue.devices[0]!.metrics.find((m) => m.name === 'Tags/speed/Mean');
    expect(speedMean?.properties).toEqual({ engUnit: { dataType: 'String', value: 'bottles/min' } });
    expect(catalogue.devices[0]!.metrics.find((m) => m.name === 'Tags/state/Mean')?.properties).toBeUndefined();
  });

  it('gives the motor its health and maintenance metrics (no waveform or bool aggregates)', () => {
    expect(names('line1:motor')).toEqual([
      'Tags/temp/Min:Double',
      'Tags/temp/Max:Double',
      'Tags/temp/Mean:Double',
      'Tags/temp/Last:Double',
      'Tags/temp/GoodFraction:Double',
      'Health/Index:Double',
      'Health/Status:String',
      'Health/Zone:String',
      'Health/VelocityRmsMmS:Double',
      'Health/Defect:String',
      'Health/RemainingLife:String',
      'Maintenance/WorkRequest:String',
      'Maintenance/WorkRequestAck:String',
    ]);
  });

  it('has the node metrics: each driver, the historian, the queue, the uptime', () => {
    expect(catalogue.node.map((m) => `${m.name}:${m.dataType}`)).toEqual([
      'System/Drivers/plc1/State:String',
      'System/Drivers/gw/State:String',
      'System/Historian/State:String',
      'System/Uplink/QueueDepth:Int64',
      'System/Uplink/QueueBytes:Int64',
      'System/Uplink/QueueDropped:Int64',
      'System/Uptime:Int64',
    ]);
  });

  it('follows summaries: tags by line, asset or tag path; OEE and alarms switched off', () => {
    const some = plantOf('  summaries: { tags: [line1/filler/speed, line1/motor], oee: false, alarms: false }\n');
    expect(selectedTags(some.plant, some.settings).map((t) => t.path)).toEqual(['line1/filler/speed', 'line1/motor/temp']);
    const c = metricCatalogue(some.plant, some.settings);
    expect(c.devices.map((d) => d.id)).toEqual(['line1:filler', 'line1:motor']);
    expect(c.devices[0]!.metrics.map((m) => m.name)).toEqual(['Tags/speed/Min', 'Tags/speed/Max', 'Tags/speed/Mean', 'Tags/speed/Last', 'Tags/speed/GoodFraction']);
    const wholeLine = plantOf('  summaries: { tags: [line1] }\n');
    expect(selectedTags(wholeLine.plant, wholeLine.settings)).toHaveLength(5);
  });

  it('names an alarm by its id within the asset, or by its whole id when its tag is elsewhere', () => {
    expect(alarmMetricName('line1/filler/speed:H', 'line1/filler')).toBe('speed:H');
    expect(alarmMetricName('line1/capper/speed:H', 'line1/filler')).toBe('line1/capper/speed:H');
  });
});

describe('recordToMetrics', () => {
  const { plant, settings } = plantOf();
  const catalogue = metricCatalogue(plant, settings);
  const T = Date.UTC(2026, 10, 23, 6, 1);
  const convert = (record: QueuedRecord) => recordToMetrics(record, catalogue);

  it('tag aggregates: five metrics per tag, at the end of the interval', () => {
    const { deviceId, metrics, skipped } = convert({
      ts: T,
      kind: 'tag-aggregates',
      source: 'line1/filler',
      payload: { from: T - 60_000, to: T, tags: { speed: { count: 60, min: 100, max: 159, mean: 129.5, last: 159, goodFraction: 1 }, total: { count: 0, min: null, max: null, mean: null, last: null, goodFraction: 0 } } },
    });
    expect(deviceId).toBe('line1:filler');
    expect(skipped).toEqual([]);
    expect(metrics.slice(0, 5)).toEqual([
      { name: 'Tags/speed/Min', dataType: 'Double', value: 100, timestamp: T },
      { name: 'Tags/speed/Max', dataType: 'Double', value: 159, timestamp: T },
      { name: 'Tags/speed/Mean', dataType: 'Double', value: 129.5, timestamp: T },
      { name: 'Tags/speed/Last', dataType: 'Double', value: 159, timestamp: T },
      { name: 'Tags/speed/GoodFraction', dataType: 'Double', value: 1, timestamp: T },
    ]);
    expect(metrics.slice(5).map((m) => m.value)).toEqual([null, null, null, null, 0]);
  });

  it('OEE per hour and per shift (the shift with its name)', () => {
    const figures = { from: T - 3_600_000, to: T, availability: 0.9, performance: 0.8, quality: null, oee: null, goodCount: null, totalCount: 2880, downtimeSeconds: 360 };
    const hour = convert({ ts: T, kind: 'oee', source: 'line1/filler', payload: { span: 'hour', shift: null, ...figures } });
    expect(hour.metrics.map((m) => [m.name, m.value])).toEqual([
      ['OEE/Hour/Availability', 0.9],
      ['OEE/Hour/Performance', 0.8],
      ['OEE/Hour/Quality', null],
      ['OEE/Hour/OEE', null],
      ['OEE/Hour/GoodCount', null],
      ['OEE/Hour/TotalCount', 2880],
      ['OEE/Hour/DowntimeSeconds', 360],
      ['OEE/Hour/PeriodStart', T - 3_600_000],
    ]);
    const shift = convert({ ts: T, kind: 'oee', source: 'line1/filler', payload: { span: 'shift', shift: 'Early', ...figures } });
    expect(shift.metrics.at(-1)).toEqual({ name: 'OEE/Shift/Name', dataType: 'String', value: 'Early', timestamp: T });
    expect(shift.metrics.find((m) => m.name === 'OEE/Shift/PeriodStart')?.dataType).toBe('DateTime');
  });

  it('an alarm transition: its ISA-18.2 state and priority, at its time', () => {
    const at = T + 1234;
    const { metrics } = convert({ ts: at, kind: 'alarm', source: 'line1/filler', payload: { journalId: 7, at, alarmId: 'line1/filler/speed:H', kind: 'activated', from: 'normal', to: 'unacknowledged', priority: 'high', message: 'Speed high' } });
    expect(metrics).toEqual([
      { name: 'Alarms/speed:H/State', dataType: 'String', value: 'unacknowledged', timestamp: at },
      { name: 'Alarms/speed:H/Priority', dataType: 'String', value: 'high', timestamp: at },
    ]);
  });

  it('asset health, and the work request and its acknowledgement as JSON', () => {
    const health = convert({ ts: T, kind: 'health', source: 'line1/motor', payload: { condition: 'watch', health: 71.5, zone: 'B', velocityRmsMmS: 2.3, defect: 'outer-race', remainingLife: null } });
    expect(health.metrics.map((m) => [m.name, m.value])).toEqual([
      ['Health/Index', 71.5],
      ['Health/Status', 'watch'],
      ['Health/Zone', 'B'],
      ['Health/VelocityRmsMmS', 2.3],
      ['Health/Defect', 'outer-race'],
      ['Health/RemainingLife', null],
    ]);
    const request = { id: 'line1/motor@1', asset: 'line1/motor', raisedAt: T - 5, status: 'open', title: 'Outer-race defect' };
    const wr = convert({ ts: T - 5, kind: 'work-request', source: 'line1/motor', payload: request });
    expect(wr).toEqual({ deviceId: 'line1:motor', skipped: [], metrics: [{ name: 'Maintenance/WorkRequest', dataType: 'String', value: JSON.stringify(request), timestamp: T - 5 }] });
    const ack = convert({ ts: T, kind: 'work-request-ack', source: 'line1/motor', payload: { id: request.id, user: 'tech', at: T } });
    expect(JSON.parse(ack.metrics[0]!.value as string)).toEqual({ id: request.id, user: 'tech', at: T });
  });

  it('system health goes to the node (device null)', () => {
    const { deviceId, metrics } = convert({
      ts: T,
      kind: 'system',
      source: '',
      payload: { drivers: [{ deviceId: 'plc1', state: 'running' }, { deviceId: 'gw', state: 'failed' }], historian: 'ok', queueRecords: 12, queueBytes: 3456, queueDropped: 0, uptimeS: 3600.7 },
    });
    expect(deviceId).toBeNull();
    expect(metrics.map((m) => [m.name, m.dataType, m.value])).toEqual([
      ['System/Drivers/plc1/State', 'String', 'running'],
      ['System/Drivers/gw/State', 'String', 'failed'],
      ['System/Historian/State', 'String', 'ok'],
      ['System/Uplink/QueueDepth', 'Int64', 12],
      ['System/Uplink/QueueBytes', 'Int64', 3456],
      ['System/Uplink/QueueDropped', 'Int64', 0],
      ['System/Uptime', 'Int64', 3600],
    ]);
  });

  it('leaves out metrics the catalogue does not hold, and refuses what cannot be sent', () => {
    const partial = convert({ ts: T, kind: 'tag-aggregates', source: 'line1/filler', payload: { from: T - 60_000, to: T, tags: { gone: { count: 1, min: 1, max: 1, mean: 1, last: 1, goodFraction: 1 }, speed: { count: 1, min: 1, max: 1, mean: 1, last: 1, goodFraction: 1 } } } });
    expect(partial.skipped).toEqual(['Tags/gone/Min', 'Tags/gone/Max', 'Tags/gone/Mean', 'Tags/gone/Last', 'Tags/gone/GoodFraction']);
    expect(partial.metrics).toHaveLength(5);

    const refused = (record: QueuedRecord) => {
      try {
        convert(record);
      } catch (error) {
        expect(error).toBeInstanceOf(UplinkRecordError);
        expect((error as UplinkRecordError).code).toBe('uplink-invalid-record');
        return (error as Error).message;
      }
      throw new Error('expected the record to be refused');
    };
    expect(refused({ ts: T, kind: 'raw-scan', source: 'line1/filler', payload: {} })).toBe(
      'an outbox record of kind "raw-scan" (source line1/filler) cannot be sent: the uplink knows the kinds tag-aggregates, oee, alarm, health, system, work-request, work-request-ack',
    );
    expect(refused({ ts: T, kind: 'oee', source: 'line1/filler', payload: { span: 'week' } })).toMatch(/^the oee record of line1\/filler has a payload that is not of its kind's shape: span: /);
    expect(refused({ ts: T, kind: 'health', source: 'line2/press', payload: { condition: 'good', health: 90, zone: 'A', velocityRmsMmS: 1, defect: null, remainingLife: null } })).toMatch(/device line2:press is not in the metric catalogue/);
    expect(refused({ ts: T, kind: 'health', source: 'line1/filler', payload: { condition: 'good', health: 90, zone: 'A', velocityRmsMmS: 1, defect: null, remainingLife: null } })).toMatch(/none of its metrics \(Health\/Index, .*\) is in the metric catalogue/);
  });
});
