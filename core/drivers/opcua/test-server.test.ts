import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AttributeIds,
  BrowseDirection,
  DataType,
  MessageSecurityMode,
  OPCUACertificateManager,
  OPCUAClient,
  SecurityPolicy,
  StatusCodes,
  TimestampsToReturn,
  UserTokenType,
  type ClientSession,
  type DataValue,
  type UserIdentityInfo,
} from 'node-opcua';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScalarValue } from '../../contract/index.js';
import { startOpcuaTestServer, type OpcuaTestServer, type TestServerVariable } from './test-server.js';

const variables: TestServerVariable[] = [
  { path: 'line1/filler/speed', browseName: 'speed', dataType: 'float64', unit: 'bpm', range: { min: 0, max: 600 }, description: 'Filler speed', writable: false, initial: 412.5 },
  { path: 'line1/filler/glue_setpoint', browseName: 'glue_setpoint', dataType: 'float32', unit: '°C', range: { min: 120, max: 190 }, description: 'Glue setpoint', writable: true, initial: 160 },
  { path: 'line1/filler/count', browseName: 'count', dataType: 'uint32', unit: 'bottles', description: 'Bottles filled', writable: false, initial: 7 },
  { path: 'line1/filler/running', browseName: 'running', dataType: 'bool', unit: '', description: 'Running', writable: false, initial: true },
  { path: 'line1/filler/recipe', browseName: 'recipe', dataType: 'string', unit: '', description: 'Recipe', writable: true, initial: 'R1' },
];

const user = { username: 'operator', password: 'line-side-1' };
const writes: [string, ScalarValue][] = [];
let root: string;
let server: OpcuaTestServer;
let clientPki: OPCUACertificateManager;
const clients: OPCUAClient[] = [];

async function connect(security: { mode: MessageSecurityMode; policy: SecurityPolicy }, identity?: UserIdentityInfo): Promise<ClientSession> {
  const client = OPCUAClient.create({
    applicationName: 'lineside-test-client',
    clientCertificateManager: clientPki,
    securityMode: security.mode,
    securityPolicy: security.policy,
    endpointMustExist: false,
    connectionStrategy: { maxRetry: 0, initialDelay: 100, maxDelay: 200 },
    requestedSessionTimeout: 10_000,
  });
  clients.push(client);
  await client.connect(server.endpointUrl);
  return identity ? client.createSession(identity) : client.createSession();
}

const none = { mode: MessageSecurityMode.None, policy: SecurityPolicy.None };
const signAndEncrypt = { mode: MessageSecurityMode.SignAndEncrypt, policy: SecurityPolicy.Basic256Sha256 };

async function childByName(session: ClientSession, nodeId: string, name: string, referenceTypeId = 'HierarchicalReferences'): Promise<string> {
  const result = await session.browse({ nodeId, browseDirection: BrowseDirection.Forward, referenceTypeId, includeSubtypes: true, resultMask: 63 });
  const reference = result.references?.find((r) => r.browseName.name === name);
  if (!reference) throw new Error(`${nodeId} has no child "${name}" (has ${result.references?.map((r) => r.browseName.name).join(', ')})`);
  return reference.nodeId.toString();
}

describe('OPC UA test server', () => {
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'lineside-opcua-test-server-'));
    clientPki = new OPCUACertificateManager({ rootFolder: join(root, 'client-pki'), automaticallyAcceptUnknownCertificate: true });
    server = await startOpcuaTestServer({
      pkiRoot: join(root, 'server-pki'),
      site: 'Test Site',
      area: 'Packaging',
      variables,
      users: [user],
      onWrite: (path, value) => {
        if (typeof value === 'number' && value > 190) throw new RangeError('the glue setpoint goes up to 190 °C');
        writes.push([path, value]);
      },
    });
  }, 30_000);

  afterAll(async () => {
    for (const client of clients) await client.disconnect().catch(() => undefined);
    await server?.close();
    await clientPki?.dispose();
    if (root) rmSync(root, { recursive: true, force: true });
  }, 15_000);

  it('serves the hierarchy with engineering units and ranges over None / anonymous', async () => {
    expect(server.endpointUrl).toBe(`opc.tcp://127.0.0.1:${server.port}`);
    expect(server.certificateThumbprint).toMatch(/^[0-9A-F]{40}$/);
    expect(server.nodeIdOf('line1/filler/speed')).toBe(`ns=${server.namespaceIndex};s=line1/filler/speed`);

    const session = await connect(none);
    let node = 'ns=0;i=85'; // Objects
    for (const name of ['Test Site', 'Packaging', 'line1', 'filler', 'speed']) node = await childByName(session, node, name);
    expect(node).toBe(server.nodeIdOf('line1/filler/speed'));

    const [units, range] = await Promise.all(['EngineeringUnits', 'EURange'].map((name) => childByName(session, node, name, 'HasProperty')));
    const [unitValue, rangeValue, value, description] = await session.read([
      { nodeId: units!, attributeId: AttributeIds.Value },
      { nodeId: range!, attributeId: AttributeIds.Value },
      { nodeId: node, attributeId: AttributeIds.Value },
      { nodeId: node, attributeId: AttributeIds.Description },
    ]);
    expect(unitValue!.value.value.displayName.text).toBe('bpm');
    expect(rangeValue!.value.value).toMatchObject({ low: 0, high: 600 });
    expect(value!.statusCode).toBe(StatusCodes.Good);
    expect(value!.value).toMatchObject({ dataType: DataType.Double, value: 412.5 });
    expect(description!.value.value.text).toBe('Filler speed');

    // A unit with a UNECE code carries it; a unit without a range is still announced.
    const setpointUnits = await childByName(session, server.nodeIdOf('line1/filler/glue_setpoint'), 'EngineeringUnits', 'HasProperty');
    const countUnits = await childByName(session, server.nodeIdOf('line1/filler/count'), 'EngineeringUnits', 'HasProperty');
    const [celsius, bottles] = await session.read([
      { nodeId: setpointUnits, attributeId: AttributeIds.Value },
      { nodeId: countUnits, attributeId: AttributeIds.Value },
    ]);
    expect(celsius!.value.value).toMatchObject({ unitId: 4408652, displayName: { text: '°C' } }); // "CEL"
    expect(bottles!.value.value.displayName.text).toBe('bottles');
    await session.close();
  });

  it('takes a username login over SignAndEncrypt / Basic256Sha256 and refuses a wrong password', async () => {
    const session = await connect(signAndEncrypt, { type: UserTokenType.UserName, userName: user.username, password: user.password });
    const endpoints = await clients.at(-1)!.getEndpoints();
    const offered = new Set(endpoints.map((e) => `${MessageSecurityMode[e.securityMode]} ${e.securityPolicyUri?.split('#')[1]}`));
    for (const policy of ['Basic256Sha256', 'Aes128_Sha256_RsaOaep', 'Aes256_Sha256_RsaPss']) expect(offered).toContain(`SignAndEncrypt ${policy}`);
    expect(offered).toContain('None None');
    const value = await session.read({ nodeId: server.nodeIdOf('line1/filler/running'), attributeId: AttributeIds.Value });
    expect(value.value.value).toBe(true);
    await session.close();

    await expect(connect(signAndEncrypt, { type: UserTokenType.UserName, userName: user.username, password: 'wrong' })).rejects.toThrow(/BadUserAccessDenied/);
  }, 20_000);

  it('notifies a subscription of every sample at its sampling interval, with the source timestamp', async () => {
    const session = await connect(none);
    const subscription = await session.createSubscription2({ requestedPublishingInterval: 100, requestedMaxKeepAliveCount: 20, requestedLifetimeCount: 200, publishingEnabled: true });
    const item = await subscription.monitor(
      { nodeId: server.nodeIdOf('line1/filler/speed'), attributeId: AttributeIds.Value },
      { samplingInterval: 100, queueSize: 100, discardOldest: true },
      TimestampsToReturn.Both,
    );
    const changes: DataValue[] = [];
    item.on('changed', (dataValue: DataValue) => changes.push(dataValue));
    await until(() => changes.length >= 1, 3_000); // the initial value

    const base = Date.UTC(2026, 0, 1, 6, 0, 0);
    const sent = new Set<number>();
    const started = performance.now();
    for (let i = 0; i < 20; i++) {
      const sourceTs = base + i * 50;
      sent.add(sourceTs);
      server.setValue('line1/filler/speed', 400 + i, i === 19 ? { status: 'uncertain', reason: 'stale' } : { status: 'good' }, sourceTs);
      await sleep(50);
    }
    const seconds = (performance.now() - started) / 1000;
    await until(() => changes.at(-1)?.sourceTimestamp?.getTime() === base + 19 * 50, 2_000);
    const fresh = changes.filter((change) => sent.has(change.sourceTimestamp?.getTime() ?? 0));
    expect(fresh.length / seconds).toBeGreaterThanOrEqual(8);
    for (const change of fresh) expect(change.value.value).toBe(400 + ((change.sourceTimestamp!.getTime() - base) / 50));
    expect(fresh.at(-1)!.statusCode).toBe(StatusCodes.UncertainLastUsableValue);
    await subscription.terminate();
    await session.close();
  }, 20_000);

  it('hands a write of a writable variable to onWrite and refuses the others', async () => {
    const session = await connect(none);
    const setpoint = server.nodeIdOf('line1/filler/glue_setpoint');
    const write = (nodeId: string, dataType: DataType, value: ScalarValue) => session.write({ nodeId, attributeId: AttributeIds.Value, value: { value: { dataType, value } } });

    expect(await write(setpoint, DataType.Float, 175)).toBe(StatusCodes.Good);
    expect(await write(server.nodeIdOf('line1/filler/recipe'), DataType.String, 'R7')).toBe(StatusCodes.Good);
    expect(writes).toEqual([
      ['line1/filler/glue_setpoint', 175],
      ['line1/filler/recipe', 'R7'],
    ]);
    expect((await session.read({ nodeId: setpoint, attributeId: AttributeIds.Value })).value.value).toBe(175);

    // onWrite refuses: the status says why and the variable keeps its value.
    expect(await write(setpoint, DataType.Float, 250)).toBe(StatusCodes.BadOutOfRange);
    expect((await session.read({ nodeId: setpoint, attributeId: AttributeIds.Value })).value.value).toBe(175);
    // Wrong data type, and a read-only variable: onWrite is not asked.
    expect(await write(setpoint, DataType.String, 'hot')).toBe(StatusCodes.BadTypeMismatch);
    expect(await write(server.nodeIdOf('line1/filler/speed'), DataType.Double, 1)).toBe(StatusCodes.BadNotWritable);
    expect(writes).toHaveLength(2);
    await session.close();
  });

  it('refuses setValue for a path it does not serve', () => {
    expect(() => server.setValue('line1/filler/nope', 1)).toThrow(/no variable 'line1\/filler\/nope'/);
  });
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(20);
  }
}
