/**
 * A process's TCP and UDP sockets, read from Linux's /proc: the proof that desktop mode
 * listens on no port (core/service/desktop-sockets.alone.test.ts).
 *
 * /proc/<pid>/fd/* are symlinks; a socket's reads "socket:[INODE]". /proc/<pid>/net/tcp,
 * tcp6, udp and udp6 list every socket of the process's network namespace, one a line,
 * with its inode: matching the inodes keeps only the process's own. Sockets that are in
 * none of the four tables (Unix sockets, netlink) are counted, not described.
 *
 * The parsing is pure (parseProcNet, socketInode, decodeAddress) and tested on fixed text;
 * readProcessSockets does the reads.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { endianness } from 'node:os';
import { join } from 'node:path';

export type SocketProtocol = 'tcp' | 'tcp6' | 'udp' | 'udp6';
export const socketProtocols: readonly SocketProtocol[] = ['tcp', 'tcp6', 'udp', 'udp6'];

/** The kernel's TCP states (include/net/tcp_states.h), by the hex code in the `st` column. */
export const tcpStates: Readonly<Record<string, string>> = {
  '01': 'ESTABLISHED',
  '02': 'SYN_SENT',
  '03': 'SYN_RECV',
  '04': 'FIN_WAIT1',
  '05': 'FIN_WAIT2',
  '06': 'TIME_WAIT',
  '07': 'CLOSE',
  '08': 'CLOSE_WAIT',
  '09': 'LAST_ACK',
  '0A': 'LISTEN',
  '0B': 'CLOSING',
  '0C': 'NEW_SYN_RECV',
};
export const TCP_LISTEN = '0A';
export const TCP_ESTABLISHED = '01';

export interface ProcSocket {
  protocol: SocketProtocol;
  localAddress: string;
  localPort: number;
  remoteAddress: string;
  remotePort: number;
  /** The `st` column, upper-case hex: "0A" is LISTEN for TCP ("07", CLOSE, is an unconnected UDP socket). */
  state: string;
  /** The TCP state's name; for UDP "UNCONNECTED" (07) or "CONNECTED" (01). */
  stateName: string;
  inode: number;
}

/** The inode of an fd symlink's target "socket:[12345]"; undefined for anything else (files, pipes, anon_inode:…). */
export function socketInode(linkTarget: string): number | undefined {
  const match = /^socket:\[(\d+)\]$/.exec(linkTarget);
  return match ? Number(match[1]) : undefined;
}

/**
 * An address as /proc/net prints it: IPv4 as 8 hex digits, IPv6 as 32, each 32-bit word in
 * the machine's byte order ("0100007F" is 127.0.0.1 on little-endian x86 and arm64).
 */
export function decodeAddress(hex: string, byteOrder: 'LE' | 'BE' = endianness()): string {
  if (!/^[0-9A-Fa-f]+$/.test(hex) || (hex.length !== 8 && hex.length !== 32)) throw new Error(`not a /proc/net address: "${hex}"`);
  const bytes: number[] = [];
  for (let word = 0; word < hex.length; word += 8) {
    const wordBytes = [0, 2, 4, 6].map((at) => parseInt(hex.slice(word + at, word + at + 2), 16));
    bytes.push(...(byteOrder === 'LE' ? wordBytes.reverse() : wordBytes));
  }
  if (bytes.length === 4) return bytes.join('.');
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  // IPv4-mapped (::ffff:a.b.c.d): as Node prints it.
  if (groups.slice(0, 5).every((g) => g === '0') && groups[5] === 'ffff') return `::ffff:${bytes.slice(12).join('.')}`;
  return compressIpv6(groups);
}

/** RFC 5952: the longest run (two or more) of zero groups becomes "::". */
function compressIpv6(groups: string[]): string {
  let best = { at: -1, length: 0 };
  for (let i = 0; i < groups.length; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < groups.length && groups[j] === '0') j++;
    if (j - i > best.length) best = { at: i, length: j - i };
    i = j;
  }
  if (best.length < 2) return groups.join(':');
  return `${groups.slice(0, best.at).join(':')}::${groups.slice(best.at + best.length).join(':')}`;
}

function splitEndpoint(text: string, byteOrder: 'LE' | 'BE'): { address: string; port: number } {
  const colon = text.indexOf(':');
  if (colon < 0) throw new Error(`not a /proc/net endpoint: "${text}"`);
  return { address: decodeAddress(text.slice(0, colon), byteOrder), port: parseInt(text.slice(colon + 1), 16) };
}

/**
 * The sockets in the text of /proc/<pid>/net/{tcp,tcp6,udp,udp6}: a header line, then
 * "sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode …".
 */
export function parseProcNet(text: string, protocol: SocketProtocol, byteOrder: 'LE' | 'BE' = endianness()): ProcSocket[] {
  const sockets: ProcSocket[] = [];
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 10 || !/^\d+:$/.test(fields[0]!)) continue; // the header, or a blank line
    const local = splitEndpoint(fields[1]!, byteOrder);
    const remote = splitEndpoint(fields[2]!, byteOrder);
    const state = fields[3]!.toUpperCase();
    const udp = protocol.startsWith('udp');
    sockets.push({
      protocol,
      localAddress: local.address,
      localPort: local.port,
      remoteAddress: remote.address,
      remotePort: remote.port,
      state,
      stateName: udp ? (state === '01' ? 'CONNECTED' : state === '07' ? 'UNCONNECTED' : `state ${state}`) : (tcpStates[state] ?? `state ${state}`),
      inode: Number(fields[9]),
    });
  }
  return sockets;
}

/** Whether the socket is a TCP socket in LISTEN. */
export function isListening(socket: ProcSocket): boolean {
  return socket.protocol.startsWith('tcp') && socket.state === TCP_LISTEN;
}

/** Whether the socket is a TCP connection in ESTABLISHED to that remote port. */
export function isEstablishedTo(socket: ProcSocket, remotePort: number): boolean {
  return socket.protocol.startsWith('tcp') && socket.state === TCP_ESTABLISHED && socket.remotePort === remotePort;
}

/** The sockets of the tables whose inode is one of the process's own. */
export function ownSockets(inodes: ReadonlySet<number>, tables: Readonly<Partial<Record<SocketProtocol, string>>>, byteOrder: 'LE' | 'BE' = endianness()): ProcSocket[] {
  return socketProtocols.flatMap((protocol) => {
    const text = tables[protocol];
    return text === undefined ? [] : parseProcNet(text, protocol, byteOrder).filter((s) => inodes.has(s.inode));
  });
}

/** One line a socket: "tcp 127.0.0.1:40312 -> 127.0.0.1:1883 ESTABLISHED (inode 123)". */
export function describeSocket(socket: ProcSocket): string {
  const endpoint = (address: string, port: number) => (address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`);
  return `${socket.protocol} ${endpoint(socket.localAddress, socket.localPort)} -> ${endpoint(socket.remoteAddress, socket.remotePort)} ${socket.stateName} (inode ${socket.inode})`;
}

export interface ProcessSockets {
  pid: number;
  /** Inodes of every socket the process holds open (TCP, UDP, Unix, netlink, …). */
  inodes: Set<number>;
  /** Its TCP and UDP sockets. */
  sockets: ProcSocket[];
  /** The fds of its sockets in none of the four tables (Unix sockets, e.g. stdio pipes from a parent; netlink). */
  otherSocketFds: number[];
}

/**
 * Reads the process's open sockets now. An fd closed between the listing and the readlink is
 * skipped; a socket opened after the fd listing is not seen (the caller reads again if it cares).
 */
export function readProcessSockets(pid: number): ProcessSockets {
  const fdDir = `/proc/${pid}/fd`;
  const inodes = new Set<number>();
  const fdsOf = new Map<number, number[]>();
  for (const fd of readdirSync(fdDir)) {
    let target: string;
    try {
      target = readlinkSync(join(fdDir, fd));
    } catch {
      continue; // closed meanwhile
    }
    const inode = socketInode(target);
    if (inode === undefined) continue;
    inodes.add(inode);
    fdsOf.set(inode, [...(fdsOf.get(inode) ?? []), Number(fd)]);
  }
  const tables: Partial<Record<SocketProtocol, string>> = {};
  for (const protocol of socketProtocols) {
    try {
      tables[protocol] = readFileSync(`/proc/${pid}/net/${protocol}`, 'utf8');
    } catch {
      // No IPv6 in this kernel or namespace: that table is absent.
    }
  }
  const sockets = ownSockets(inodes, tables);
  const known = new Set(sockets.map((s) => s.inode));
  const otherSocketFds = [...fdsOf].filter(([inode]) => !known.has(inode)).flatMap(([, fds]) => fds);
  return { pid, inodes, sockets, otherSocketFds: otherSocketFds.sort((a, b) => a - b) };
}

/** The parent pid in the text of /proc/<pid>/stat ("pid (comm) state ppid …"; comm may hold spaces and parentheses). */
export function parentPidOf(statText: string): number | undefined {
  const close = statText.lastIndexOf(')');
  if (close < 0) return undefined;
  const ppid = Number(statText.slice(close + 1).trim().split(/\s+/)[1]);
  return Number.isInteger(ppid) ? ppid : undefined;
}

/**
 * The process's children, grandchildren, …: from every /proc/<pid>/stat (the kernel here may
 * lack /proc/<pid>/task/<tid>/children). Empty when it has none.
 */
export function descendantPids(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = parentPidOf(readFileSync(`/proc/${entry}/stat`, 'utf8'));
      if (ppid !== undefined) parentOf.set(Number(entry), ppid);
    } catch {
      // exited meanwhile
    }
  }
  const found: number[] = [];
  for (let added = true, rounds = 0; added && rounds < 1000; rounds++) {
    added = false;
    for (const [child, parent] of parentOf) {
      if ((parent === pid || found.includes(parent)) && !found.includes(child)) {
        found.push(child);
        added = true;
      }
    }
  }
  return found;
}

/** What desktop mode must not have: TCP sockets in LISTEN, and any UDP socket. */
export function listenersAndUdp(sockets: readonly ProcSocket[]): ProcSocket[] {
  return sockets.filter((s) => isListening(s) || s.protocol.startsWith('udp'));
}
