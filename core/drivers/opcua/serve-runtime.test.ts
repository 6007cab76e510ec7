import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AttributeIds, DataType, OPCUACertificateManager, OPCUAClient, StatusCodes, type ClientSession } from 'node-opcua';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ScalarValue } from '../../contract/index.js';
import type { Plant } from '../../model/plant.js';
import type { Sample } from '../../model/sample.js';
import { silentLogger } from '../../runtime/logger.js';
import { createRuntime, type Runtime } from '../../runtime/runtime.js';
import { createManualClock } from '../../runtime/testing/manual-clock.js';
import { testPlant } from '../../service/testing/test-core.js';
import type { DriverFactory } from '../driver.js';
import { opcuaPlantConfig, serveRuntimeOverOpcua, type RuntimeOverOpcua } from './serve-runtime.js';

const configText = `# a plant fed by the simulator
version: 1
site: Test site
area: Test area
devices:
  - id: dev1
    driver: fake
    settings: { seed: 1 }
lines:
  - id: line1
    name: Line 1
    assets:
      - id: oven
        name: Oven
        device: dev1
        tags:
          - { name: temp, address: oven.temp, type: float64, unit: "°C" }
          - { name: setpoint, address: oven.setpoint, type: float64, unit: "°C", writable: true }
      - id: fan
        name: Fan
        device: dev1
        tags:
          - { name: speed, address: fan.speed, type: float64, unit: rpm }
          - { name: vibration, address: fan.vibration, type: waveform, unit: g }
`;

function withWaveform(plant: Plant): Plant {
  const fan = plant.lines[0]!.assets[1]!;
  fan.tags.push({ ...fan.tags[0]!, path: 'line1/fan/vibration', name: 'vibration', dataType: 'waveform', unit: 'g' });
  return plant;
}

describe('serving a runtime over OPC UA', () => {
  let root: string;
  let runtime: Runtime;
  let served: RuntimeOverOpcua;
  let publish: (samples: Sample[]) => void = () => undefined;
  const writes: [string, ScalarValue][] = [];
  let clientPki: OPCUACertificateManager;
  let client: OPCUAClient;
  let session: ClientSession;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'lineside-opcua-serve-runtime-'));
    const fake: DriverFactory<unknown> = {
      kind: 'fake',
      description: 'test',
      configSchema: z.unknown(),
      checkAddress: () => undefined,
      create: (context) => ({
        async start() {
          publish = context.publish;
        },
        async stop() {},
        async write(tag, value) {
          writes.push([tag.path, value]);
        },
        status: () => ({ state: 'running', detail: 'ok' }),
      }),
    };
    runtime = createRuntime({ plant: withWaveform(testPlant()), drivers: [fake], clock: createManualClock(), log: silentLogger() });
    served = await serveRuntimeOverOpcua(runtime, { host: '127.0.0.1', port: 0, pkiRoot: join(root, 'server-pki'), log: silentLogger() });
    await runtime.start();
    clientPki = new OPCUACertificateManager({ rootFolder: join(root, 'client-pki'), automaticallyAcceptUnknownCertificate: true });
    client = OPCUAClient.create({ clientCertificateManager: clientPki, endpointMustExist: false, connectionStrategy: { maxRetry: 0, initialDelay: 100, maxDelay: 200 } });
    await client.connect(served.server.endpointUrl);
    session = await client.createSession();
  }, 30_000);

  afterAll(async () => {
    await session?.close().catch(() => undefined);
    await client?.disconnect().catch(() => undefined);
    await served?.close();
    await runtime?.stop();
    await clientPki?.dispose();
    if (root) rmSync(root, { recursive: true, force: true });
  }, 15_000);

  const read = (path: string) => session.read({ nodeId: served.server.nodeIdOf(path), attributeId: AttributeIds.Value });

  it('serves every scalar tag, and each sample with its quality and source timestamp', async () => {
    expect(served.tags.map((tag) => tag.path)).toEqual(['line1/oven/temp', 'line1/oven/setpoint', 'line1/oven/code', 'line1/fan/speed']);
    expect((await read('line1/oven/temp')).statusCode).toBe(StatusCodes.BadCommunicationError); // no value yet

    const sourceTs = Date.UTC(2026, 2, 1, 8, 0, 0);
    publish([
      { path: 'line1/oven/temp', value: 181.5, quality: { status: 'good' }, sourceTs },
      { path: 'line1/oven/code', value: 'F1', quality: { status: 'good' }, sourceTs },
      { path: 'line1/fan/speed', value: 1450, quality: { status: 'uncertain', reason: 'stale' }, sourceTs },
    ]);
    const [temp, code, speed] = await Promise.all([read('line1/oven/temp'), read('line1/oven/code'), read('line1/fan/speed')]);
    expect(temp).toMatchObject({ statusCode: StatusCodes.Good, value: { value: 181.5 } });
    expect(temp.sourceTimestamp?.getTime()).toBe(sourceTs);
    expect(code.value.value).toBe('F1');
    expect(speed).toMatchObject({ statusCode: StatusCodes.UncertainLastUsableValue, value: { value: 1450 } });
  });

  it('passes a client write to the runtime, and refuses a value outside the tag range', async () => {
    const nodeId = served.server.nodeIdOf('line1/oven/setpoint');
    const write = (value: number) => session.write({ nodeId, attributeId: AttributeIds.Value, value: { value: { dataType: DataType.Float, value } } }); // a float32 tag
    expect(await write(150)).toBe(StatusCodes.Good);
    expect(await write(250)).toBe(StatusCodes.BadOutOfRange);
    expect(writes).toEqual([['line1/oven/setpoint', 150]]);
  });

  it('rewrites a plant config to read the same tags through one OPC UA device', () => {
    const user = { username: 'op', password: 'secret' };
    const text = opcuaPlantConfig(configText, served.server, 'opc.tcp://127.0.0.1:4840', user);
    expect(text).toContain('# a plant fed by the simulator');
    const config = parse(text);
    expect(config.devices).toEqual([
      {
        id: 'dev1',
        driver: 'opcua',
        settings: { endpointUrl: 'opc.tcp://127.0.0.1:4840', securityMode: 'SignAndEncrypt', securityPolicy: 'Basic256Sha256', user: { kind: 'username', ...user } },
      },
    ]);
    expect(config.lines[0].assets[1].tags.map((tag: { name: string; address: string }) => [tag.name, tag.address])).toEqual([['speed', served.server.nodeIdOf('line1/fan/speed')]]);
    expect(parse(opcuaPlantConfig(configText, served.server, 'opc.tcp://127.0.0.1:4840')).devices[0].settings).toEqual({ endpointUrl: 'opc.tcp://127.0.0.1:4840' });
  });
});
