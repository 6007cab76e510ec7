/**
 * Serves a running plant over OPC UA: `lineside sim --opcua HOST:PORT` uses it to put the
 * simulated line behind the real protocol. Every scalar tag becomes a variable of the test
 * server (unit, range, description, writable as in the plant model); every sample on the
 * tag bus is set on it with its quality and source timestamp; a client's write to a
 * writable tag goes to the runtime's write path and is answered with its outcome. It also
 * rewrites a plant config so that it reads the same tags through the OPC UA driver.
 */
import { parseDocument, isMap, isSeq, type YAMLMap, type YAMLSeq } from 'yaml';
import type { ScalarValue, TagDataType } from '../../contract/index.js';
import { allTags, type Tag } from '../../model/plant.js';
import type { Logger } from '../../runtime/logger.js';
import type { Runtime } from '../../runtime/runtime.js';
import { startOpcuaTestServer, type OpcuaTestServer } from './test-server.js';

export interface RuntimeOverOpcua {
  server: OpcuaTestServer;
  /** The tags served (all but waveforms). */
  tags: Tag[];
  close(): Promise<void>;
}

export interface OpcuaUser {
  username: string;
  password: string;
}

const emptyValues: Record<Exclude<TagDataType, 'waveform'>, ScalarValue> = {
  bool: false,
  int16: 0,
  uint16: 0,
  int32: 0,
  uint32: 0,
  float32: 0,
  float64: 0,
  string: '',
};

function isScalar(value: unknown): value is ScalarValue {
  return typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string';
}

export async function serveRuntimeOverOpcua(
  runtime: Runtime,
  options: { host: string; port: number; pkiRoot: string; users?: OpcuaUser[]; log: Logger },
): Promise<RuntimeOverOpcua> {
  const tags = allTags(runtime.plant).filter((tag) => tag.dataType !== 'waveform');
  const byPath = new Map(tags.map((tag) => [tag.path, tag]));
  const emptyOf = (tag: Tag) => emptyValues[tag.dataType as Exclude<TagDataType, 'waveform'>];

  const server = await startOpcuaTestServer({
    host: options.host,
    port: options.port,
    pkiRoot: options.pkiRoot,
    ...(options.users ? { users: options.users } : {}),
    site: runtime.plant.site,
    area: runtime.plant.area,
    variables: tags.map((tag) => {
      const current = runtime.bus.current(tag.path)?.value;
      return {
        path: tag.path,
        browseName: tag.name,
        dataType: tag.dataType,
        unit: tag.unit,
        ...(tag.range ? { range: tag.range } : {}),
        description: tag.description,
        writable: tag.writable,
        initial: isScalar(current) ? current : emptyOf(tag),
      };
    }),
    onWrite: async (path, value) => {
      const tag = byPath.get(path)!;
      if (typeof value === 'number' && tag.range && (value < tag.range.min || value > tag.range.max)) {
        throw new RangeError(`${path} accepts ${tag.range.min} to ${tag.range.max} ${tag.unit}; got ${value}`);
      }
      try {
        await runtime.write(tag, value);
      } catch (error) {
        options.log.warn({ path, err: error }, 'an OPC UA write was refused by the device');
        throw error;
      }
    },
  });

  const serve = (path: string) => {
    const current = runtime.bus.current(path);
    if (!current) return;
    const tag = byPath.get(path)!;
    const value = isScalar(current.value) ? current.value : emptyOf(tag);
    server.setValue(path, value, current.quality, current.sourceTs || Date.now());
  };
  const unsubscribe = runtime.bus.subscribe([...byPath.keys()], (samples) => {
    for (const sample of samples) {
      if (!isScalar(sample.value)) continue;
      try {
        server.setValue(sample.path, sample.value, sample.quality, sample.sourceTs);
      } catch (error) {
        options.log.debug({ path: sample.path, err: error }, 'a sample could not be set on its OPC UA variable');
      }
    }
  });
  // Samples published while the server was starting, and the quality of tags with no value yet.
  for (const path of byPath.keys()) serve(path);

  return {
    server,
    tags,
    async close() {
      unsubscribe();
      await server.close();
    },
  };
}

/**
 * The plant config text, changed to read the served tags through the OPC UA test server
 * instead of the simulator: each device with a served tag becomes an OPC UA device at
 * endpointUrl (same id, so assets keep pointing at it), each tag's address becomes its
 * NodeId, and tags with no OPC UA form (waveforms) are left out. With a user, the devices
 * log in with it over SignAndEncrypt / Basic256Sha256. Comments and layout elsewhere are kept.
 */
export function opcuaPlantConfig(configText: string, server: OpcuaTestServer, endpointUrl: string, user?: OpcuaUser): string {
  const doc = parseDocument(configText);
  const devices = doc.get('devices') as YAMLSeq;
  const servedDevices = new Set<string>();
  for (const line of (doc.get('lines') as YAMLSeq).items as YAMLMap[]) {
    for (const asset of (line.get('assets') as YAMLSeq).items as YAMLMap[]) {
      const tags = asset.get('tags');
      if (!isSeq(tags)) continue;
      tags.items = tags.items.filter((item) => {
        if (!isMap(item)) return true;
        if (item.get('type') === 'waveform') return false;
        item.set('address', server.nodeIdOf(`${line.get('id')}/${asset.get('id')}/${item.get('name')}`));
        servedDevices.add(String(item.get('device') ?? asset.get('device')));
        return true;
      });
    }
  }
  const settings = user
    ? { endpointUrl, securityMode: 'SignAndEncrypt', securityPolicy: 'Basic256Sha256', user: { kind: 'username', username: user.username, password: user.password } }
    : { endpointUrl };
  for (const device of devices.items as YAMLMap[]) {
    if (!servedDevices.has(String(device.get('id')))) continue;
    device.set('driver', 'opcua');
    const node = doc.createNode(settings);
    node.commentBefore = ` lineside sim --opcua; server certificate SHA-1 ${server.certificateThumbprint}`;
    device.set('settings', node);
  }
  return doc.toString();
}
