import { createServer, type Server } from 'node:net';
import { describe, expect, it } from 'vitest';
import { decodeAddress, describeSocket, isEstablishedTo, isListening, listenersAndUdp, ownSockets, parentPidOf, parseProcNet, readProcessSockets, socketInode } from './proc-sockets.js';

// Samples in the kernel's layout (the trailing columns vary by kernel; only the first ten are read).
const tcp = [
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode                                                     ',
  '   0: 0100007F:A1C3 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 516900 1 0000000034aedf47 100 0 0 10 0                      ',
  '   1: 0100007F:E490 0100007F:91EF 01 00000000:00000000 02:000009C4 00000000     0        0 516846 2 00000000a1b2c3d4 20 4 30 10 -1                   ',
  '   2: 0100007F:896E 0100007F:A183 01 00000000:00000000 02:000009C4 00000000     0        0 516845 2 00000000a1b2c3d5 20 4 30 10 -1                   ',
  '   3: 00000000:07E8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1072 1 0000000034aedf48 100 0 0 10 0                      ',
  '   4: 0100007F:896F 0100007F:A183 06 00000000:00000000 03:00001770 00000000     0        0 0 3 00000000a1b2c3d6                                     ',
  '',
].join('\n');
const tcp6 = [
  '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
  '   0: 00000000000000000000000000000000:20E4 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 700 1 0000000000000000 100 0 0 10 0',
  '   1: 00000000000000000000000001000000:C350 00000000000000000000000001000000:075B 01 00000000:00000000 00:00000000 00000000  1000        0 701 1 0000000000000000 20 4 30 10 -1',
  '   2: 0000000000000000FFFF00000100007F:1F90 0000000000000000FFFF00000100007F:D431 01 00000000:00000000 00:00000000 00000000  1000        0 702 1 0000000000000000 20 4 30 10 -1',
].join('\n');
const udp = [
  '   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops            ',
  '  123: 0100007F:E0B8 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 800 2 0000000000000000 0         ',
  '  124: 0100007F:E0B9 0100007F:0035 01 00000000:00000000 00:00000000 00000000     0        0 801 2 0000000000000000 0         ',
].join('\n');
const udp6Empty = '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n';

describe('/proc/<pid>/fd links', () => {
  it('gives the inode of a socket, and nothing for files, pipes or anonymous inodes', () => {
    expect(socketInode('socket:[516846]')).toBe(516846);
    expect(socketInode('pipe:[12]')).toBeUndefined();
    expect(socketInode('anon_inode:[eventpoll]')).toBeUndefined();
    expect(socketInode('/tmp/socket:[1]')).toBeUndefined();
    expect(socketInode('socket:[]')).toBeUndefined();
  });
});

describe('/proc/net addresses', () => {
  it('decodes IPv4 in the machine byte order', () => {
    expect(decodeAddress('0100007F', 'LE')).toBe('127.0.0.1');
    expect(decodeAddress('00000000', 'LE')).toBe('0.0.0.0');
    expect(decodeAddress('0A02A8C0', 'LE')).toBe('192.168.2.10');
    expect(decodeAddress('7F000001', 'BE')).toBe('127.0.0.1');
  });
  it('decodes IPv6, word by word, compressed as Node prints it', () => {
    expect(decodeAddress('00000000000000000000000000000000', 'LE')).toBe('::');
    expect(decodeAddress('00000000000000000000000001000000', 'LE')).toBe('::1');
    expect(decodeAddress('0000000000000000FFFF00000100007F', 'LE')).toBe('::ffff:127.0.0.1');
    expect(decodeAddress('000080FE000000000000000001000000', 'LE')).toBe('fe80::1');
    expect(decodeAddress('B80D0120000000000000000000000100', 'LE')).toBe('2001:db8::1:0');
    expect(decodeAddress('20010DB8000000010000000000000001', 'BE')).toBe('2001:db8:0:1::1');
  });
  it('refuses text that is not an address', () => {
    expect(() => decodeAddress('0100007', 'LE')).toThrow(/not a \/proc\/net address/);
    expect(() => decodeAddress('0100007G', 'LE')).toThrow(/not a \/proc\/net address/);
  });
});

describe('parseProcNet', () => {
  it('reads every TCP socket with its endpoints, state and inode, skipping the header', () => {
    const sockets = parseProcNet(tcp, 'tcp', 'LE');
    expect(sockets).toHaveLength(5);
    expect(sockets[0]).toEqual({ protocol: 'tcp', localAddress: '127.0.0.1', localPort: 0xa1c3, remoteAddress: '0.0.0.0', remotePort: 0, state: '0A', stateName: 'LISTEN', inode: 516900 });
    expect(sockets[1]).toMatchObject({ localPort: 58512, remoteAddress: '127.0.0.1', remotePort: 37359, state: '01', stateName: 'ESTABLISHED', inode: 516846 });
    expect(sockets[3]).toMatchObject({ localAddress: '0.0.0.0', localPort: 2024, stateName: 'LISTEN', inode: 1072 });
    expect(sockets[4]).toMatchObject({ stateName: 'TIME_WAIT', inode: 0 });
  });
  it('reads IPv6 tables', () => {
    const sockets = parseProcNet(tcp6, 'tcp6', 'LE');
    expect(sockets.map(describeSocket)).toEqual([
      'tcp6 [::]:8420 -> [::]:0 LISTEN (inode 700)',
      'tcp6 [::1]:50000 -> [::1]:1883 ESTABLISHED (inode 701)',
      'tcp6 [::ffff:127.0.0.1]:8080 -> [::ffff:127.0.0.1]:54321 ESTABLISHED (inode 702)',
    ]);
  });
  it('names UDP states as connected or not', () => {
    expect(parseProcNet(udp, 'udp', 'LE').map(describeSocket)).toEqual(['udp 127.0.0.1:57528 -> 0.0.0.0:0 UNCONNECTED (inode 800)', 'udp 127.0.0.1:57529 -> 127.0.0.1:53 CONNECTED (inode 801)']);
    expect(parseProcNet(udp6Empty, 'udp6', 'LE')).toEqual([]);
    expect(parseProcNet('', 'udp6', 'LE')).toEqual([]);
  });
});

describe('the checks on a process', () => {
  const tables = { tcp, tcp6, udp, udp6: udp6Empty };

  it('keeps only the sockets whose inode the process holds', () => {
    const own = ownSockets(new Set([516846, 516845, 999_999]), tables, 'LE');
    expect(own.map((s) => s.inode)).toEqual([516846, 516845]);
    expect(listenersAndUdp(own)).toEqual([]);
    expect(own.some((s) => isEstablishedTo(s, 37359))).toBe(true);
    expect(own.some((s) => isEstablishedTo(s, 41347))).toBe(true);
    expect(own.some((s) => isEstablishedTo(s, 1883))).toBe(false);
  });
  it('finds a listening TCP socket (IPv4 or IPv6) and any UDP socket of the process', () => {
    const own = ownSockets(new Set([516846, 700, 800, 1072]), tables, 'LE');
    expect(listenersAndUdp(own).map(describeSocket)).toEqual(['tcp 0.0.0.0:2024 -> 0.0.0.0:0 LISTEN (inode 1072)', 'tcp6 [::]:8420 -> [::]:0 LISTEN (inode 700)', 'udp 127.0.0.1:57528 -> 0.0.0.0:0 UNCONNECTED (inode 800)']);
    expect(own.filter(isListening).map((s) => s.localPort)).toEqual([2024, 8420]);
  });
  it('an established connection is not one in TIME_WAIT, nor a listener on that port', () => {
    const all = parseProcNet(tcp, 'tcp', 'LE');
    expect(all.filter((s) => isEstablishedTo(s, 41347)).map((s) => s.inode)).toEqual([516845]);
    expect(all.some((s) => isEstablishedTo(s, 0))).toBe(false);
  });
});

describe('/proc/<pid>/stat', () => {
  it('gives the parent pid, whatever the command name holds', () => {
    expect(parentPidOf('2562 (node) S 2550 2550 1528 0 -1 4194304 …')).toBe(2550);
    expect(parentPidOf('77 (a (b) c) R 1 77 77 0 -1')).toBe(1);
    expect(parentPidOf('garbage')).toBeUndefined();
  });
});

describe.skipIf(process.platform !== 'linux')('readProcessSockets on this process', () => {
  it('sees a server this process listens with, and loses it once closed', async () => {
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const read = readProcessSockets(process.pid);
      expect(read.pid).toBe(process.pid);
      const listening = read.sockets.filter((s) => isListening(s) && s.localPort === port);
      expect(listening, read.sockets.map(describeSocket).join('\n')).toHaveLength(1);
      expect(listening[0]).toMatchObject({ protocol: 'tcp', localAddress: '127.0.0.1' });
      expect(read.inodes.has(listening[0]!.inode)).toBe(true);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(readProcessSockets(process.pid).sockets.some((s) => isListening(s) && s.localPort === port)).toBe(false);
  });
});
