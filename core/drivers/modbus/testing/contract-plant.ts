/** The plant of the Modbus driver-contract tests: one PLC with a float32 flow and a writable setpoint. */
import type { Plant, Tag } from '../../../model/plant.js';
import { modbusSettingsSchema } from '../settings.js';

export function contractTag(name: string, address: string, extra: Partial<Tag> = {}): Tag {
  return { path: `line1/plc/${name}`, name, assetPath: 'line1/plc', deviceId: 'plc', address, dataType: 'float32', unit: '', description: '', sampleRateMs: 100, rateReason: 'test', writable: false, ...extra };
}

export function contractPlant(port: number, timeoutMs: number, extraTags: Tag[] = []): Plant {
  const tags = [contractTag('flow', 'hr100:float32'), contractTag('setpoint', 'hr200:uint16', { dataType: 'uint16', writable: true, range: { min: 0, max: 1000 } }), ...extraTags];
  return {
    site: 's',
    area: 'a',
    faultTexts: {},
    retention: [],
    alarms: [],
    source: 'contract test',
    devices: [{ id: 'plc', driver: 'modbus', settings: modbusSettingsSchema.parse({ host: '127.0.0.1', port, timeoutMs, reconnectMinMs: 100, reconnectMaxMs: 1000 }) }],
    lines: [{ path: 'line1', id: 'line1', name: 'Line 1', assets: [{ path: 'line1/plc', id: 'plc', name: 'PLC', kind: 'plc', description: '', tags }] }],
  };
}
