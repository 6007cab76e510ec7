import { describe, expect, it } from 'vitest';
import { nodeIdText, parseOpcuaAddress, type OpcuaAddress } from './address.js';
import { opcuaDriver } from './index.js';
import { opcuaSettingsSchema } from './settings.js';

describe('parseOpcuaAddress', () => {
  const good: [string, OpcuaAddress][] = [
    ['ns=2;s=Line1.Filler.Speed', { identifier: 's=Line1.Filler.Speed', namespaceIndex: 2 }],
    ['i=2258', { identifier: 'i=2258', namespaceIndex: 0 }],
    ['ns=0;i=007', { identifier: 'i=7', namespaceIndex: 0 }],
    ['ns=65535;i=4294967295', { identifier: 'i=4294967295', namespaceIndex: 65535 }],
    ['ns=1;g=72962B91-FA75-4AE6-8D28-B404DC7DAF63', { identifier: 'g=72962B91-FA75-4AE6-8D28-B404DC7DAF63', namespaceIndex: 1 }],
    ['ns=1;b=M/RbKBsRVkePCePcx24oRA==', { identifier: 'b=M/RbKBsRVkePCePcx24oRA==', namespaceIndex: 1 }],
    ['nsu=urn:acme:plc;s=Speed', { identifier: 's=Speed', namespaceIndex: 0, namespaceUri: 'urn:acme:plc' }],
    ['nsu=http://acme.com/UA/;i=12', { identifier: 'i=12', namespaceIndex: 0, namespaceUri: 'http://acme.com/UA/' }],
    ['ns=2;s=line1/filler/speed', { identifier: 's=line1/filler/speed', namespaceIndex: 2 }],
    ['ns=2;s=a;b=c with spaces', { identifier: 's=a;b=c with spaces', namespaceIndex: 2 }],
    ['ns=2;s=A|B', { identifier: 's=A|B', namespaceIndex: 2 }],
    ['ns=2;s=X|deadband=abs:0.5', { identifier: 's=X', namespaceIndex: 2, deadband: { type: 'absolute', value: 0.5 } }],
    ['ns=2;s=X|deadband=pct:2', { identifier: 's=X', namespaceIndex: 2, deadband: { type: 'percent', value: 2 } }],
    ['ns=2;s=X|queue=5', { identifier: 's=X', namespaceIndex: 2, queueSize: 5 }],
    ['ns=2;s=X|queue=5|DEADBAND=ABS:1e-3', { identifier: 's=X', namespaceIndex: 2, queueSize: 5, deadband: { type: 'absolute', value: 0.001 } }],
    ['ns=2;s=A|B|queue=1', { identifier: 's=A|B', namespaceIndex: 2, queueSize: 1 }],
  ];
  it.each(good)('parses %s', (address, expected) => {
    expect(parseOpcuaAddress(address)).toEqual(expected);
  });

  const bad: [string, RegExp][] = [
    ['', /empty address: expected a NodeId such as ns=2;s=Line1\.Speed or i=2258/],
    ['Line1.Speed', /'Line1\.Speed' is not a NodeId in 'Line1\.Speed': expected a NodeId such as ns=2;s=Line1\.Speed or i=2258/],
    ['ns=x;i=1', /bad namespace index 'ns=x': expected 0–65535/],
    ['ns=70000;i=1', /bad namespace index 'ns=70000': expected 0–65535/],
    ['i=abc', /bad numeric identifier 'i=abc': expected 0–4294967295/],
    ['i=4294967296', /bad numeric identifier/],
    ['ns=2;i=-1', /bad numeric identifier 'i=-1'/],
    ['ns=2;s=', /empty string identifier 's='/],
    ['ns=1;g=not-a-guid', /bad GUID 'g=not-a-guid': expected 8-4-4-4-12 hex digits/],
    ['ns=1;b=***', /bad opaque identifier 'b=\*\*\*': expected base64/],
    ['ns=1;x=12', /unknown identifier type 'x=': expected i=, s=, g= or b=/],
    ['nsu=;s=X', /empty namespace URI/],
    ['ns=2;s=X|deadband=0.5', /bad deadband '0\.5' in 'ns=2;s=X\|deadband=0\.5': expected abs:V or pct:V/],
    ['ns=2;s=X|deadband=pct:150', /a percent deadband is 0–100/],
    ['ns=2;s=X|deadband=abs:-1', /bad deadband 'abs:-1'/],
    ['ns=2;s=X|queue=0', /bad queue '0'.*expected a queue size 1–10000/],
    ['ns=2;s=X|queue=many', /bad queue 'many'/],
    ['ns=2;s=X|queu=5', /unknown option 'queu' in 'ns=2;s=X\|queu=5': expected \|deadband=abs:V, \|deadband=pct:V or \|queue=N after the NodeId/],
    ['ns=2;s=X|queue=1|queue=2', /option 'queue' given twice/],
  ];
  it.each(bad)('refuses %j', (address, message) => {
    const result = parseOpcuaAddress(address);
    expect(typeof result).toBe('string');
    expect(result).toMatch(message);
  });

  it('gives node-opcua a NodeId once the namespace is known', () => {
    expect(nodeIdText(parseOpcuaAddress('i=2258') as OpcuaAddress)).toBe('i=2258');
    expect(nodeIdText(parseOpcuaAddress('ns=2;s=X|queue=3') as OpcuaAddress)).toBe('ns=2;s=X');
    expect(nodeIdText(parseOpcuaAddress('nsu=urn:acme;s=X') as OpcuaAddress, 4)).toBe('ns=4;s=X');
  });

  it('is the driver factory’s address check', () => {
    const settings = opcuaSettingsSchema.parse({ endpointUrl: 'opc.tcp://plc:4840' });
    expect(opcuaDriver.checkAddress('ns=2;s=Line1.Speed', settings)).toBeUndefined();
    expect(opcuaDriver.checkAddress('Line1.Speed', settings)).toMatch(/expected a NodeId/);
  });
});

describe('opcuaSettingsSchema', () => {
  it('defaults to the most secure endpoint, anonymous, and the documented timings', () => {
    expect(opcuaSettingsSchema.parse({ endpointUrl: 'opc.tcp://10.0.0.5:4840' })).toEqual({
      endpointUrl: 'opc.tcp://10.0.0.5:4840',
      securityMode: 'auto',
      securityPolicy: 'auto',
      user: { kind: 'anonymous' },
      queueSize: 10,
      discardOldest: true,
      keepAliveMs: 5000,
      requestTimeoutMs: 5000,
      reconnectMinMs: 500,
      reconnectMaxMs: 5_000,
    });
  });

  it.each([
    [{ endpointUrl: 'http://plc:4840' }, /endpointUrl.*opc\.tcp:\/\//s],
    [{ endpointUrl: 'opc.tcp://plc:4840', securityMode: 'SignAndEncrypt', securityPolicy: 'None' }, /securityPolicy.*other than None for securityMode SignAndEncrypt/s],
    [{ endpointUrl: 'opc.tcp://plc:4840', securityMode: 'None', securityPolicy: 'Basic256Sha256' }, /securityPolicy None \(or auto\) with securityMode None/],
    [{ endpointUrl: 'opc.tcp://plc:4840', user: { kind: 'username', password: 'x' } }, /username/],
    [{ endpointUrl: 'opc.tcp://plc:4840', deadband: { type: 'percent', value: 120 } }, /percent deadband 0–100/],
    [{ endpointUrl: 'opc.tcp://plc:4840', pollMs: 100 }, /pollMs/],
  ])('refuses %j', (settings, message) => {
    const result = opcuaSettingsSchema.safeParse(settings);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toMatch(message);
  });
});
