// The shared driver contract, run against the OPC UA driver and its test server over real
// TCP on 127.0.0.1: once unsecured with an anonymous user, once SignAndEncrypt
// (Basic256Sha256) with a username. The secure run first meets the server's certificate as
// an unknown one (refused, nothing trusted silently) and trusts it through the tools, as a
// user would. The failure is the server going away; the recovery is its return on the same
// port with the same certificate.
import { afterAll } from 'vitest';
import { describeDriverContract, type ContractHarness } from '../testing/driver-contract.js';
import { opcuaDriver } from './index.js';
import { opcuaSettingsSchema, type OpcuaSettings } from './settings.js';
import { startOpcuaTestServer, type OpcuaTestServer, type OpcuaTestServerOptions } from './test-server.js';
import { AREA, opcuaPlant, opcuaTag, SITE, tempDir, trustServer, USER, variableFor } from './testing/plant.js';

const folders: { remove(): void }[] = [];
afterAll(() => folders.forEach((folder) => folder.remove()));

async function harness(security: Partial<OpcuaSettings>): Promise<ContractHarness> {
  const root = tempDir('contract');
  folders.push(root);
  const flow = opcuaTag('flow', 1);
  const setpoint = opcuaTag('setpoint', 1, { writable: true, range: { min: 0, max: 1000 } });
  const options = (port?: number): OpcuaTestServerOptions => ({
    pkiRoot: `${root.path}/server-pki`,
    site: SITE,
    area: AREA,
    variables: [variableFor(flow, 123.456), variableFor(setpoint, 0)],
    users: [USER],
    ...(port ? { port } : {}),
  });
  let server: OpcuaTestServer = await startOpcuaTestServer(options());
  const port = server.port;
  const tags = [flow, setpoint].map((tag) => ({ ...tag, address: server.nodeIdOf(tag.path) }));
  const settings = { endpointUrl: server.endpointUrl, keepAliveMs: 1000, requestTimeoutMs: 2000, reconnectMinMs: 100, reconnectMaxMs: 1000, ...security };
  const stateDir = `${root.path}/state`;
  if (settings.securityMode !== 'None') await trustServer(stateDir, opcuaSettingsSchema.parse(settings));
  return {
    plant: opcuaPlant(settings, tags),
    driver: opcuaDriver,
    stateDir,
    goodTag: flow.path,
    writableTag: { path: setpoint.path, value: 321 },
    readOnlyTag: flow.path,
    breakDevice: () => server.close(),
    restoreDevice: async () => {
      server = await startOpcuaTestServer(options(port));
    },
    close: () => server.close(),
  };
}

describeDriverContract('opcua, security None, anonymous', () => harness({ securityMode: 'None' }));
describeDriverContract('opcua, SignAndEncrypt Basic256Sha256, username', () =>
  harness({ securityMode: 'SignAndEncrypt', securityPolicy: 'Basic256Sha256', user: { kind: 'username', ...USER } }),
);
