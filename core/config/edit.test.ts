import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { driverFactories } from '../drivers/registry.js';
import { addTagsToConfigText, type TagAddition } from './edit.js';
import { parsePlantConfig } from './load.js';

const demo = readFileSync(new URL('../../assets/demo/plant.yaml', import.meta.url), 'utf8');
const device = { id: 'opcua-plc', driver: 'opcua', settings: { endpointUrl: 'opc.tcp://127.0.0.1:4840', securityMode: 'auto', securityPolicy: 'auto', user: { kind: 'anonymous' } } };
const speed: TagAddition = { name: 'speed2', address: 'ns=1;s=line1/filler/speed', type: 'float32', unit: 'bottles/min', description: 'Speed', sampleRateMs: 500, rateReason: 'picked', writable: false, range: { min: 0, max: 240 } };

describe('config edits', () => {
  it('adds a device, a new asset and its tags, keeping the rest of the file as written', () => {
    const text = addTagsToConfigText(demo, { device, lineId: 'line1', asset: { id: 'plc', name: 'PLC', kind: 'opcua', description: 'x' }, tags: [speed] });
    expect(text.startsWith(demo.split('\ndevices:')[0]!)).toBe(true); // the header and its comments are untouched
    const plant = parsePlantConfig(text, 'plant.yaml', driverFactories);
    const tag = plant.lines[0]!.assets.find((a) => a.id === 'plc')!.tags[0]!;
    expect(tag).toMatchObject({ path: 'line1/plc/speed2', deviceId: 'opcua-plc', dataType: 'float32', range: { min: 0, max: 240 }, writable: false });
    expect(plant.devices.map((d) => d.id)).toContain('opcua-plc');
  });

  it('adds to an existing asset with a per-tag device, and reuses a device already there', () => {
    const once = addTagsToConfigText(demo, { device, lineId: 'line1', asset: { id: 'filler', name: 'Filler', kind: 'filler', description: '' }, tags: [speed] });
    const twice = addTagsToConfigText(once, { device, lineId: 'line1', asset: { id: 'filler', name: 'Filler', kind: 'filler', description: '' }, tags: [{ ...speed, name: 'speed3' }] });
    const plant = parsePlantConfig(twice, 'plant.yaml', driverFactories);
    const filler = plant.lines[0]!.assets.find((a) => a.id === 'filler')!;
    expect(filler.tags.filter((t) => t.deviceId === 'opcua-plc').map((t) => t.name)).toEqual(['speed2', 'speed3']);
    expect(filler.tags.find((t) => t.name === 'speed')!.deviceId).toBe('line1-sim');
    expect(plant.devices.filter((d) => d.id === 'opcua-plc')).toHaveLength(1);
  });

  it('an edit that makes the config invalid is refused by the loader with the field and why', () => {
    const text = addTagsToConfigText(demo, { device, lineId: 'line1', asset: { id: 'filler', name: 'Filler', kind: 'filler', description: '' }, tags: [{ ...speed, name: 'speed' }] });
    expect(() => parsePlantConfig(text, 'plant.yaml', driverFactories)).toThrow(/duplicates/);
    const badAddress = addTagsToConfigText(demo, { device, lineId: 'line1', asset: { id: 'plc', name: 'PLC', kind: 'opcua', description: '' }, tags: [{ ...speed, address: 'not a node id' }] });
    expect(() => parsePlantConfig(badAddress, 'plant.yaml', driverFactories)).toThrow(/address.*NodeId/s);
    expect(() => addTagsToConfigText(demo, { device, lineId: 'line9', asset: { id: 'x', name: 'X', kind: 'x', description: '' }, tags: [speed] })).toThrow(/no line "line9"/);
  });
});
