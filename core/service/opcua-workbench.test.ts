// The OPC UA calls of the service with stand-in tools (the real ones are tested against the
// test server in core/drivers/opcua): an untrusted certificate is shown, not trusted; added
// variables become tags live and are saved; what cannot be a tag is refused with the reason.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parsePlantConfig } from '../config/index.js';
import type { DriverFactory } from '../drivers/driver.js';
import { OpcuaCertificateUntrustedError, type OpcuaCertificate, type OpcuaTools, type OpcuaVariable } from '../drivers/opcua/index.js';
import { driverFactories } from '../drivers/registry.js';
import { silentLogger } from '../runtime/logger.js';
import { createRuntime } from '../runtime/runtime.js';
import { createManualClock } from '../runtime/testing/manual-clock.js';
import { createOpcuaWorkbench } from './opcua-workbench.js';
import { createConfigKeeper } from './config-keeper.js';
import { memoryConfigVersions } from '../historian/config-versions.js';

const certificate: OpcuaCertificate = { subject: 'CN=plc', issuer: 'CN=plc', thumbprint: 'A'.repeat(40), validFrom: 0, validTo: 2e12, status: 'rejected' };
const variables: Record<string, OpcuaVariable> = {
  'ns=2;s=Speed': { nodeId: 'ns=2;s=Speed', browseName: 'Speed', displayName: 'Speed', description: 'Line speed', dataType: 'float64', dataTypeName: 'Double', unit: 'm/min', range: { min: 0, max: 300 }, writable: true },
  'ns=2;s=Count': { nodeId: 'ns=2;s=Count', browseName: 'Count', displayName: 'Count', description: '', dataType: 'uint32', dataTypeName: 'UInt32', unit: '', writable: false },
  'ns=2;s=Blob': { nodeId: 'ns=2;s=Blob', browseName: 'Blob', displayName: 'Blob', description: '', dataType: undefined, dataTypeName: 'ByteString', unit: '', writable: false },
};

function fakeTools(trusted: { value: boolean }): OpcuaTools {
  return {
    ownCertificate: async () => ({ ...certificate, subject: 'CN=lineside', status: 'trusted' }),
    discover: async () => [],
    certificates: async () => [{ ...certificate, status: trusted.value ? 'trusted' : 'rejected' }],
    trust: async () => void (trusted.value = true),
    reject: async () => void (trusted.value = false),
    openBrowser: async () => {
      if (!trusted.value) throw new OpcuaCertificateUntrustedError(certificate);
      return {
        securityMode: 'SignAndEncrypt',
        securityPolicy: 'Basic256Sha256',
        browse: async () => ({ nodes: [] }),
        search: async () => [],
        describe: async (ids: string[]) => ids.map((id) => variables[id]!),
        close: async () => undefined,
      };
    },
    close: async () => undefined,
  };
}

const idle: DriverFactory<unknown>[] = ['simulator', 'opcua'].map((kind) => ({
  kind,
  description: 'idle',
  configSchema: z.unknown(),
  checkAddress: () => undefined,
  create: () => ({ start: async () => undefined, stop: async () => undefined, write: async () => undefined, status: () => ({ state: 'running' as const, detail: '' }) }),
}));

function setup(readOnlyConfig?: string) {
  const file = join(mkdtempSync(join(tmpdir(), 'lineside-workbench-')), 'plant.yaml');
  writeFileSync(file, readFileSync(new URL('../../assets/demo/plant.yaml', import.meta.url), 'utf8'));
  const runtime = createRuntime({ plant: parsePlantConfig(readFileSync(file, 'utf8'), file, driverFactories), drivers: idle, clock: createManualClock(), log: silentLogger() });
  const trusted = { value: false };
  const versions = memoryConfigVersions();
  const config = createConfigKeeper({ runtime, drivers: driverFactories, versions, log: silentLogger(), ...(readOnlyConfig ? { readOnlyConfig } : {}) });
  const workbench = createOpcuaWorkbench({ runtime, tools: fakeTools(trusted), drivers: driverFactories, log: silentLogger(), config });
  const session = workbench.openSession();
  const opcuaAddVariables = (req: Omit<Parameters<typeof session.opcuaAddVariables>[0], 'author'>) => session.opcuaAddVariables({ ...req, author: 'eric' });
  return { file, runtime, versions, session: { ...session, opcuaAddVariables } };
}

const connection = { endpointUrl: 'opc.tcp://10.0.0.5:4840', securityMode: 'auto', securityPolicy: 'auto', user: { kind: 'anonymous' } } as const;

describe('OPC UA workbench', () => {
  it('shows an untrusted certificate instead of trusting it; connects once the user trusts it', async () => {
    const { session } = setup();
    const first = await session.opcuaConnect(connection);
    expect(first).toEqual({ ok: true, value: { state: 'untrusted', certificate } });
    expect(await session.opcuaTrust({ thumbprint: 'B'.repeat(40), trust: true })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await session.opcuaTrust({ thumbprint: certificate.thumbprint, trust: true })).toEqual({ ok: true, value: null });
    expect(await session.opcuaConnect(connection)).toMatchObject({ ok: true, value: { state: 'connected', securityMode: 'SignAndEncrypt' } });
  });

  it('adds variables as read-only tags of a new asset, live, and saves the config', async () => {
    const { session, runtime, file, versions } = setup();
    await session.opcuaTrust({ thumbprint: certificate.thumbprint, trust: true });
    const connected = await session.opcuaConnect(connection);
    if (!connected.ok || connected.value.state !== 'connected') throw new Error('not connected');
    const browserId = connected.value.browserId;
    const added = await session.opcuaAddVariables({
      browserId,
      line: 'line1',
      asset: 'press',
      assetName: 'Press',
      variables: [
        { nodeId: 'ns=2;s=Speed', name: 'speed', sampleRateMs: 500 },
        { nodeId: 'ns=2;s=Count', name: 'count', sampleRateMs: 1000 },
      ],
    });
    expect(added).toEqual({ ok: true, value: { deviceId: 'opcua-10-0-0-5-4840', assetPath: 'line1/press', tags: ['line1/press/speed', 'line1/press/count'], savedTo: file } });
    expect(runtime.plantRevision).toBe(1);
    expect(runtime.tags.get('line1/press/speed')).toMatchObject({ unit: 'm/min', range: { min: 0, max: 300 }, writable: false, sampleRateMs: 500, address: 'ns=2;s=Speed' });
    expect(readFileSync(file, 'utf8')).toMatch(/id: press[\s\S]*name: speed[\s\S]*address: ns=2;s=Speed/);
    // It is the config's second version, by whoever added the variables.
    expect(versions.list().map(({ version, author }) => `${version} ${author}`)).toEqual(['2 eric', '1 the config file']);

    // A type Lineside cannot hold, and a name already taken, are refused with the reason; nothing changes.
    const blob = await session.opcuaAddVariables({ browserId, line: 'line1', asset: 'press', variables: [{ nodeId: 'ns=2;s=Blob', name: 'blob', sampleRateMs: 1000 }] });
    expect(blob).toMatchObject({ ok: false, error: { code: 'config-invalid', message: expect.stringMatching(/OPC UA type ByteString, which Lineside cannot hold/) } });
    const twice = await session.opcuaAddVariables({ browserId, line: 'line1', asset: 'press', variables: [{ nodeId: 'ns=2;s=Count', name: 'speed', sampleRateMs: 1000 }] });
    expect(twice).toMatchObject({ ok: false, error: { code: 'config-invalid', message: expect.stringMatching(/duplicates/) } });
    expect(runtime.plantRevision).toBe(1);
  });

  it('applies live but does not save when the config is read-only (the built-in demo)', async () => {
    const { session, runtime, file } = setup('the built-in demo config is not changed');
    await session.opcuaTrust({ thumbprint: certificate.thumbprint, trust: true });
    const connected = await session.opcuaConnect(connection);
    if (!connected.ok || connected.value.state !== 'connected') throw new Error('not connected');
    const before = readFileSync(file, 'utf8');
    const added = await session.opcuaAddVariables({ browserId: connected.value.browserId, line: 'line1', asset: 'filler', variables: [{ nodeId: 'ns=2;s=Speed', name: 'speed_opcua', sampleRateMs: 500 }] });
    expect(added).toMatchObject({ ok: true, value: { notSaved: 'the built-in demo config is not changed' } });
    expect(runtime.tags.get('line1/filler/speed_opcua')?.deviceId).toBe('opcua-10-0-0-5-4840');
    expect(readFileSync(file, 'utf8')).toBe(before);
  });
});
