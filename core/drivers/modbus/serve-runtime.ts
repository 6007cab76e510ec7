/**
 * Serves a running plant over Modbus TCP: `lineside sim --modbus HOST:PORT` uses it to put
 * the simulated line behind the real protocol. Every sample of a mapped tag is written
 * into the test device's registers (a bad sample leaves the last value, as a PLC holds its
 * registers); a client's write to a writable tag goes to the runtime's write path. It also
 * rewrites a plant config so that it reads the same tags through the Modbus driver.
 */
import { parseDocument, isMap, isSeq, type YAMLMap, type YAMLSeq } from 'yaml';
import { allTags } from '../../model/plant.js';
import type { Logger } from '../../runtime/logger.js';
import type { Runtime } from '../../runtime/runtime.js';
import { widthOf } from './point.js';
import { buildRegisterMap, type MappedTag } from './register-map.js';
import { createUnit, startModbusTcpServer, type ModbusTcpServer } from './tcp-server.js';
import { decodeRegisters, encodeValue } from './values.js';

export interface RuntimeOverModbus {
  server: ModbusTcpServer;
  mapped: MappedTag[];
  close(): Promise<void>;
}

export async function serveRuntimeOverModbus(runtime: Runtime, options: { host: string; port: number; log: Logger }): Promise<RuntimeOverModbus> {
  const mapped = buildRegisterMap(allTags(runtime.plant));
  const byPath = new Map(mapped.map((entry) => [entry.tag.path, entry]));
  const unit = createUnit();

  const unsubscribe = runtime.bus.subscribe([...byPath.keys()], (samples) => {
    for (const sample of samples) {
      const entry = byPath.get(sample.path);
      if (!entry || sample.quality.status === 'bad' || typeof sample.value === 'object') continue;
      try {
        const encoded = encodeValue(entry.point, entry.point.type === 'string' ? String(sample.value).slice(0, 20) : sample.value);
        if (typeof encoded === 'boolean') unit.coils[entry.point.address] = encoded ? 1 : 0;
        else unit.holding.set(encoded, entry.point.address);
      } catch (error) {
        options.log.debug({ path: sample.path, err: error }, 'value does not fit its Modbus register');
      }
    }
  });

  unit.onWrite = (table, address, count) => {
    for (const entry of mapped) {
      const { point, tag } = entry;
      if (!tag.writable || (table === 'coil') !== (point.table === 'coil') || point.address >= address + count || point.address + widthOf(point) <= address) continue;
      const value = point.table === 'coil' ? unit.coils[point.address] === 1 : decodeRegisters(point, unit.holding, point.address);
      runtime.write(tag, value).catch((error: unknown) => options.log.warn({ path: tag.path, err: error }, 'a Modbus write was refused by the device'));
    }
  };

  const server = await startModbusTcpServer({ host: options.host, port: options.port, units: new Map([[1, unit]]) });
  return {
    server,
    mapped,
    async close() {
      unsubscribe();
      await server.close();
    },
  };
}

/**
 * The plant config text, changed to read the mapped tags through one Modbus device at
 * host:port instead of the simulator: the devices list becomes that device (same id, so
 * assets keep pointing at it), each tag's address becomes its register, and tags with no
 * Modbus form (waveforms) are left out. Comments and layout elsewhere are kept.
 */
export function modbusPlantConfig(configText: string, mapped: readonly MappedTag[], host: string, port: number): string {
  const doc = parseDocument(configText);
  const byPath = new Map(mapped.map((entry) => [entry.tag.path, entry.address]));
  const devices = doc.get('devices') as YAMLSeq;
  const deviceIds = new Set(mapped.map((entry) => entry.tag.deviceId));
  for (const device of devices.items as YAMLMap[]) {
    if (!deviceIds.has(String(device.get('id')))) continue;
    device.set('driver', 'modbus');
    device.set('settings', doc.createNode({ host, port, unit: 1 }));
  }
  for (const line of (doc.get('lines') as YAMLSeq).items as YAMLMap[]) {
    for (const asset of (line.get('assets') as YAMLSeq).items as YAMLMap[]) {
      const tags = asset.get('tags');
      if (!isSeq(tags)) continue;
      tags.items = tags.items.filter((item) => {
        if (!isMap(item)) return true;
        const address = byPath.get(`${line.get('id')}/${asset.get('id')}/${item.get('name')}`);
        if (address === undefined) return false;
        item.set('address', address);
        return true;
      });
      // Vibration monitoring needs its waveform tag, which Modbus cannot carry: without it, no `pdm:`.
      const pdm = asset.get('pdm');
      if (isMap(pdm) && !tags.items.some((item) => isMap(item) && item.get('name') === pdm.get('waveformTag'))) asset.delete('pdm');
    }
  }
  return doc.toString({ lineWidth: 0 });
}
