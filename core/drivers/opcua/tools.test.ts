// The OPC UA tools for the UI against the test server over real TCP on 127.0.0.1: our own
// certificate, discovery, the trust list, and browsing (pages, search, describe).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../runtime/logger.js';
import { opcuaSettingsSchema } from './settings.js';
import { startOpcuaTestServer, type OpcuaTestServer, type TestServerVariable } from './test-server.js';
import { AREA, SITE, tempDir, USER } from './testing/plant.js';
import { createOpcuaTools } from './tools.js';
import { OpcuaCertificateUntrustedError, type OpcuaBrowser, type OpcuaNode, type OpcuaTools } from './types.js';

const variables: TestServerVariable[] = [
  { path: 'line1/filler/speed', browseName: 'speed', dataType: 'float64', unit: 'bpm', range: { min: 0, max: 600 }, description: 'Filler speed', writable: false, initial: 412.5 },
  { path: 'line1/filler/glue_setpoint', browseName: 'glue_setpoint', dataType: 'float32', unit: '°C', range: { min: 120, max: 190 }, description: 'Glue setpoint', writable: true, initial: 160 },
  { path: 'line1/filler/count', browseName: 'count', dataType: 'uint32', unit: 'bottles', description: 'Bottles filled', writable: false, initial: 7 },
  { path: 'line1/filler/running', browseName: 'running', dataType: 'bool', unit: '', description: 'Running', writable: false, initial: true },
  { path: 'line1/filler/recipe', browseName: 'recipe', dataType: 'string', unit: '', description: 'Recipe', writable: true, initial: 'R1' },
  { path: 'line2/capper/torque', browseName: 'torque', dataType: 'float64', unit: '', description: 'Capper torque', writable: false, initial: 1 },
];

const root = tempDir('tools');
let server: OpcuaTestServer;
let tools: OpcuaTools;
let browser: OpcuaBrowser;

beforeAll(async () => {
  server = await startOpcuaTestServer({ pkiRoot: `${root.path}/server-pki`, site: SITE, area: AREA, variables, users: [USER] });
  tools = createOpcuaTools({ stateDir: `${root.path}/state`, log: silentLogger() });
  browser = await tools.openBrowser(opcuaSettingsSchema.parse({ endpointUrl: server.endpointUrl, securityMode: 'None' }));
}, 30_000);

afterAll(async () => {
  await tools?.close();
  await server?.close();
  root.remove();
});

async function child(nodeId: string | undefined, browseName: string): Promise<OpcuaNode> {
  const { nodes } = await browser.browse(nodeId);
  const node = nodes.find((n) => n.browseName === browseName);
  if (!node) throw new Error(`no ${browseName} under ${nodeId ?? 'Objects'}: ${nodes.map((n) => n.browseName).join(', ')}`);
  return node;
}

describe('OPC UA tools', () => {
  it('makes our own certificate once, for this application', async () => {
    const own = await tools.ownCertificate();
    expect(own).toMatchObject({ subject: expect.stringMatching(/(^|, )CN=Lineside@/), applicationUri: expect.stringMatching(/^urn:.+:lineside$/), thumbprint: expect.stringMatching(/^[0-9A-F]{40}$/) });
    expect(own.validTo).toBeGreaterThan(Date.now() + 4 * 365 * 86_400_000);
    expect((await tools.ownCertificate()).thumbprint).toBe(own.thumbprint);
  });

  it('discovers the endpoints, most secure first', async () => {
    const endpoints = await tools.discover(server.endpointUrl);
    const modes = endpoints.map((e) => e.securityMode);
    expect(modes[0]).toBe('SignAndEncrypt');
    expect(modes.at(-1)).toBe('None');
    const rank = { SignAndEncrypt: 2, Sign: 1, None: 0 };
    expect(modes.map((m) => rank[m])).toEqual([...modes.map((m) => rank[m])].sort((a, b) => b - a));
    expect(endpoints.find((e) => e.securityMode === 'SignAndEncrypt' && e.securityPolicy === 'Basic256Sha256')).toMatchObject({ userTokens: expect.arrayContaining(['anonymous', 'username']) });
    await expect(tools.discover('http://127.0.0.1:1')).rejects.toThrow(/opc\.tcp/);
  });

  it('refuses an untrusted server with its certificate, then trusts and rejects it on request', async () => {
    const secure = opcuaSettingsSchema.parse({ endpointUrl: server.endpointUrl, securityMode: 'SignAndEncrypt', securityPolicy: 'Basic256Sha256', user: { kind: 'username', ...USER } });
    const refusal = await tools.openBrowser(secure).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(OpcuaCertificateUntrustedError);
    const certificate = (refusal as OpcuaCertificateUntrustedError).certificate;
    expect(certificate).toMatchObject({ thumbprint: server.certificateThumbprint, status: 'rejected', applicationUri: 'urn:lineside:opcua-test-server' });
    expect((refusal as Error).message).toMatch(/^server certificate not trusted: CN=.+, thumbprint [0-9A-F]{40}; trust it under Connections$/);
    expect(await tools.certificates()).toEqual([expect.objectContaining({ thumbprint: server.certificateThumbprint, status: 'rejected' })]);

    await tools.trust(certificate.thumbprint.toLowerCase());
    expect(await tools.certificates()).toEqual([expect.objectContaining({ thumbprint: server.certificateThumbprint, status: 'trusted' })]);
    const secureBrowser = await tools.openBrowser(secure);
    expect([secureBrowser.securityMode, secureBrowser.securityPolicy]).toEqual(['SignAndEncrypt', 'Basic256Sha256']);
    expect((await secureBrowser.browse()).nodes.some((n) => n.browseName === SITE)).toBe(true);
    await secureBrowser.close();

    await tools.reject(certificate.thumbprint);
    expect(await tools.certificates()).toEqual([expect.objectContaining({ thumbprint: server.certificateThumbprint, status: 'rejected' })]);
    await expect(tools.openBrowser(secure)).rejects.toBeInstanceOf(OpcuaCertificateUntrustedError);
    await expect(tools.trust('00'.repeat(20))).rejects.toThrow(/no server certificate with thumbprint 0{40}/);
    await expect(tools.trust('nope')).rejects.toThrow(/not a certificate thumbprint/);
  });

  it('browses from Objects down the site, area, line and asset folders', async () => {
    const site = await child(undefined, SITE);
    expect(site).toMatchObject({ nodeClass: 'Object', hasChildren: true });
    const area = await child(site.nodeId, AREA);
    const line = await child(area.nodeId, 'line1');
    const filler = await child(line.nodeId, 'filler');
    const { nodes } = await browser.browse(filler.nodeId);
    expect(nodes.map((n) => n.browseName).sort()).toEqual(['count', 'glue_setpoint', 'recipe', 'running', 'speed']);
    expect(nodes.find((n) => n.browseName === 'speed')).toMatchObject({ nodeId: server.nodeIdOf('line1/filler/speed'), nodeClass: 'Variable', displayName: 'speed', hasChildren: true });
    expect(nodes.find((n) => n.browseName === 'running')).toMatchObject({ nodeClass: 'Variable', hasChildren: false });
  });

  it('pages with continuation points', async () => {
    const filler = (await browser.search('filler'))[0]!;
    const seen: string[] = [];
    let page = await browser.browse(filler.nodeId, undefined, 2);
    const sizes = [page.nodes.length];
    seen.push(...page.nodes.map((n) => n.browseName));
    while (page.continuationPoint) {
      page = await browser.browse(filler.nodeId, page.continuationPoint);
      sizes.push(page.nodes.length);
      seen.push(...page.nodes.map((n) => n.browseName));
    }
    expect(sizes).toEqual([2, 2, 1]);
    expect(seen.sort()).toEqual(['count', 'glue_setpoint', 'recipe', 'running', 'speed']);
  });

  it('searches by browse name, case-insensitively, with the path from the start', async () => {
    expect(await browser.search('SPEED')).toEqual([expect.objectContaining({ nodeId: server.nodeIdOf('line1/filler/speed'), browseName: 'speed', path: [SITE, AREA, 'line1', 'filler', 'speed'] })]);
    const line2 = (await browser.search('line2'))[0]!;
    expect(await browser.search('E', { under: line2.nodeId })).toEqual([
      expect.objectContaining({ browseName: 'capper', path: ['capper'] }),
      expect.objectContaining({ browseName: 'torque', path: ['capper', 'torque'] }),
    ]);
    expect(await browser.search('e', { limit: 3 })).toHaveLength(3);
    expect(await browser.search('no-such-name')).toEqual([]);
  });

  it('describes variables: data type, unit, EURange, access', async () => {
    const described = await browser.describe(['line1/filler/speed', 'line1/filler/glue_setpoint', 'line1/filler/count', 'line1/filler/running', 'line1/filler/recipe'].map((p) => server.nodeIdOf(p)));
    expect(described).toEqual([
      { nodeId: server.nodeIdOf('line1/filler/speed'), browseName: 'speed', displayName: 'speed', description: 'Filler speed', dataType: 'float64', dataTypeName: 'Double', unit: 'bpm', range: { min: 0, max: 600 }, writable: false, minimumSamplingIntervalMs: 50 },
      expect.objectContaining({ dataType: 'float32', dataTypeName: 'Float', unit: '°C', range: { min: 120, max: 190 }, writable: true }),
      expect.objectContaining({ dataType: 'uint32', dataTypeName: 'UInt32', unit: 'bottles', writable: false }),
      expect.objectContaining({ dataType: 'bool', dataTypeName: 'Boolean', unit: '', writable: false }),
      expect.objectContaining({ dataType: 'string', dataTypeName: 'String', unit: '', writable: true }),
    ]);
    expect(described[2]!.range).toBeUndefined();
    const line = (await browser.search('line1'))[0]!;
    await expect(browser.describe([line.nodeId])).rejects.toThrow(/is not a variable \(it is Object\)/);
    await expect(browser.describe(['ns=1;s=nothing/here'])).rejects.toThrow(/no node ns=1;s=nothing\/here on the server \(BadNodeIdUnknown\)/);
    await expect(browser.describe(['rubbish'])).rejects.toThrow(/'rubbish' is not a NodeId/);
  });
});
