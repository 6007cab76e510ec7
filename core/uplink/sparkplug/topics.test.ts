import { describe, expect, it } from 'vitest';
import { assetPathOf, checkId, deviceCommandFilter, deviceIdOf, deviceTopic, isValidId, nodeTopic, parseTopic, stateTopic } from './topics.js';

describe('Sparkplug topics', () => {
  it('builds the node, device and STATE topics of §4', () => {
    expect(nodeTopic('Plant A', 'NBIRTH', 'lineside-1')).toBe('spBv1.0/Plant A/NBIRTH/lineside-1');
    expect(nodeTopic('g', 'NDEATH', 'n')).toBe('spBv1.0/g/NDEATH/n');
    expect(nodeTopic('g', 'NDATA', 'n')).toBe('spBv1.0/g/NDATA/n');
    expect(nodeTopic('g', 'NCMD', 'n')).toBe('spBv1.0/g/NCMD/n');
    expect(deviceTopic('g', 'DBIRTH', 'n', 'line1:filler')).toBe('spBv1.0/g/DBIRTH/n/line1:filler');
    expect(deviceTopic('g', 'DDEATH', 'n', 'd')).toBe('spBv1.0/g/DDEATH/n/d');
    expect(deviceTopic('g', 'DDATA', 'n', 'd')).toBe('spBv1.0/g/DDATA/n/d');
    expect(deviceTopic('g', 'DCMD', 'n', 'd')).toBe('spBv1.0/g/DCMD/n/d');
    expect(deviceCommandFilter('g', 'n')).toBe('spBv1.0/g/DCMD/n/+');
    expect(stateTopic('scada-1')).toBe('spBv1.0/STATE/scada-1');
  });

  it.each([
    ['', 'empty'],
    ['a/b', "'/'"],
    ['a+b', "'+'"],
    ['#', "'#'"],
    ['a\u0000b', 'NUL'],
    ['a\ud800b', 'surrogate'],
  ])('refuses the id %j (%s) with sparkplug-invalid-id', (id, why) => {
    expect(isValidId(id)).toBe(false);
    expect(() => nodeTopic(id, 'NDATA', 'n')).toThrowError(expect.objectContaining({ code: 'sparkplug-invalid-id', message: expect.stringContaining(why) }));
    expect(() => nodeTopic('g', 'NDATA', id)).toThrowError(expect.objectContaining({ code: 'sparkplug-invalid-id' }));
    expect(() => deviceTopic('g', 'DDATA', 'n', id)).toThrowError(expect.objectContaining({ code: 'sparkplug-invalid-id', message: expect.stringContaining('device id') }));
    expect(() => stateTopic(id)).toThrowError(expect.objectContaining({ code: 'sparkplug-invalid-id', message: expect.stringContaining('host id') }));
  });

  it('accepts UTF-8 ids with spaces, dots, colons and characters beyond the BMP', () => {
    for (const id of ['Plant A', 'line1:filler', 'v1.0', 'Füller', 'tank 𝄞']) expect(checkId(id, 'device id')).toBe(id);
  });

  it('refuses "STATE" as a group id: spBv1.0/STATE/… names host STATE topics', () => {
    expect(() => nodeTopic('STATE', 'NBIRTH', 'n')).toThrowError(expect.objectContaining({ code: 'sparkplug-invalid-id' }));
    expect(checkId('STATE', 'edge node id')).toBe('STATE');
  });

  it('parses what it builds', () => {
    expect(parseTopic('spBv1.0/g/NCMD/n')).toEqual({ kind: 'node', groupId: 'g', messageType: 'NCMD', edgeNodeId: 'n' });
    expect(parseTopic('spBv1.0/g/DCMD/n/line1:filler')).toEqual({ kind: 'device', groupId: 'g', messageType: 'DCMD', edgeNodeId: 'n', deviceId: 'line1:filler' });
    expect(parseTopic('spBv1.0/STATE/scada-1')).toEqual({ kind: 'state', hostId: 'scada-1' });
    for (const type of ['NBIRTH', 'NDEATH', 'NDATA'] as const) expect(parseTopic(nodeTopic('g', type, 'n'))).toMatchObject({ messageType: type });
    for (const type of ['DBIRTH', 'DDEATH', 'DDATA'] as const) expect(parseTopic(deviceTopic('g', type, 'n', 'd'))).toMatchObject({ messageType: type });
  });

  it.each([
    'spBv1.0/g/NCMD/n/d', // a device part on a node type
    'spBv1.0/g/DCMD/n', // no device on a device type
    'spBv1.0/g/NFOO/n',
    'spAv1.0/g/NCMD/n',
    'spBv1.0/g/NCMD/',
    'spBv1.0/STATE/a/b',
    'spBv1.0/STATE',
    'spBv1.0/g/DCMD/n/+',
    'spBv1.0/g/NCMD/n/#',
    'spBv1.0//NCMD/n',
    'random/topic',
    '',
  ])('does not read %j as a Sparkplug topic', (topic) => {
    expect(parseTopic(topic)).toBeNull();
  });

  describe('device ids for assets', () => {
    it('maps "line1/filler" to "line1:filler" and back', () => {
      expect(deviceIdOf('line1/filler')).toBe('line1:filler');
      expect(assetPathOf('line1:filler')).toBe('line1/filler');
      expect(deviceIdOf('press')).toBe('press');
      for (const path of ['line1/filler', 'line_2/cap-per', 'a/b/c']) expect(assetPathOf(deviceIdOf(path))).toBe(path);
    });

    it('refuses paths it could not reverse or that are not ids', () => {
      for (const path of ['', 'line1/', '/filler', 'line1//filler', 'line:1/filler', 'line1/fill+er', 'line#1/filler']) {
        expect(() => deviceIdOf(path), path).toThrowError(expect.objectContaining({ code: 'sparkplug-invalid-id' }));
      }
    });
  });
});
