/**
 * The byte-aligned block header (see ../FORMAT.md):
 *
 *   0  'L' 'H'          magic
 *   2  u8 version       BLOCK_FORMAT_VERSION
 *   3  u8 kind          0 f64, 1 f32, 2 int, 3 bool, 4 string
 *   4  u8 encoding      how the values are stored (Encoding)
 *   5  u8 flags         Flag bits; bits 4..6 hold the decimal scale k
 *   6  uvar count       samples
 *      svar firstTs     first timestamp (0 when count is 0)
 *      svar lastTs      last timestamp (0 when count is 0)
 *
 * then the bit-packed body, then a CRC-32 (big-endian u32) of every byte before it.
 */
import type { ValueKind } from '../series.js';
import type { BitWriter } from './bits.js';
import { BlockCodecError, corrupt } from './errors.js';

export const BLOCK_FORMAT_VERSION = 1;

export const MAGIC_0 = 0x4c; // 'L'
export const MAGIC_1 = 0x48; // 'H'
export const CRC_BYTES = 4;

export const KINDS: readonly ValueKind[] = ['f64', 'f32', 'int', 'bool', 'string'];

export const Encoding = {
  /** Gorilla XOR on the 64-bit IEEE-754 pattern. */
  xor64: 0,
  /** Gorilla XOR on the 32-bit float32 pattern. */
  xor32: 1,
  /** Integers n = v·10^k, zigzag delta of previous in buckets. */
  scaled: 2,
  /** Booleans, one bit each. */
  boolBits: 3,
  /** Booleans, run lengths. */
  boolRuns: 4,
  /** Per-block dictionary + index runs. */
  stringDict: 5,
} as const;
export type Encoding = (typeof Encoding)[keyof typeof Encoding];

export const Flag = {
  /** Quality as 2 bits a sample instead of runs. */
  qualityPacked: 0x01,
  /** Some values are exceptions (NaN, -0, ±Infinity, off-scale), stored apart. */
  exceptions: 0x02,
  /** A string block whose numeric values are not all NaN: they follow, XOR64-coded. */
  stringValues: 0x04,
} as const;
/** The decimal scale k sits in flag bits 4..6. */
export const SCALE_SHIFT = 4;
const KNOWN_FLAGS = Flag.qualityPacked | Flag.exceptions | Flag.stringValues | (7 << SCALE_SHIFT);

/** Which value encodings each kind may use (the reader refuses any other pairing). */
const ALLOWED: Record<ValueKind, readonly Encoding[]> = {
  f64: [Encoding.xor64, Encoding.scaled],
  f32: [Encoding.xor32],
  int: [Encoding.scaled, Encoding.xor64],
  bool: [Encoding.boolBits, Encoding.boolRuns, Encoding.scaled, Encoding.xor64],
  string: [Encoding.stringDict],
};

export interface BlockHeader {
  version: number;
  kind: ValueKind;
  count: number;
  firstTs: number;
  lastTs: number;
}

export interface FullHeader extends BlockHeader {
  encoding: Encoding;
  flags: number;
  /** Decimal scale k (values stored as v·10^k), 0 unless the encoding is `scaled`. */
  scale: number;
  /** Byte offset where the body starts. */
  bodyStart: number;
}

export function writeHeader(w: BitWriter, kind: ValueKind, encoding: Encoding, flags: number, count: number, firstTs: number, lastTs: number): void {
  w.write(MAGIC_0, 8);
  w.write(MAGIC_1, 8);
  w.write(BLOCK_FORMAT_VERSION, 8);
  w.write(KINDS.indexOf(kind), 8);
  w.write(encoding, 8);
  w.write(flags, 8);
  w.writeUVar(count);
  writeSVar(w, firstTs);
  writeSVar(w, lastTs);
}

/**
 * Signed varint, sign-magnitude so that every safe integer fits: the first byte holds
 * more(1) sign(1) low-6-bits; the rest is the LEB128 varint of |v| / 64.
 */
function writeSVar(w: BitWriter, v: number): void {
  const m = Math.abs(v);
  const rest = Math.floor(m / 64);
  w.write((rest > 0 ? 0x80 : 0) | (v < 0 ? 0x40 : 0) | (m % 64), 8);
  if (rest > 0) w.writeUVar(rest);
}

/** Parses and checks the header; does not look at the body or the checksum. */
export function parseHeader(bytes: Uint8Array): FullHeader {
  if (!(bytes instanceof Uint8Array)) throw corrupt('expected a Uint8Array');
  if (bytes.length < 3) throw corrupt(`only ${bytes.length} bytes, too short for a block header (truncated?)`);
  if (bytes[0] !== MAGIC_0 || bytes[1] !== MAGIC_1) throw corrupt(`bad magic 0x${hex(bytes[0]!)}${hex(bytes[1]!)} (expected 0x4c48, "LH"): not a historian block`);
  const version = bytes[2]!;
  if (version !== BLOCK_FORMAT_VERSION) {
    throw new BlockCodecError('historian-block-unsupported-version', `historian block format version ${version} is not supported (this build reads version ${BLOCK_FORMAT_VERSION})`);
  }
  const cursor = { bytes, pos: 3 };
  const kindCode = byteAt(cursor, 'kind');
  const kind = KINDS[kindCode];
  if (kind === undefined) throw corrupt(`unknown value kind code ${kindCode}`);
  const encoding = byteAt(cursor, 'encoding') as Encoding;
  if (!ALLOWED[kind].includes(encoding)) throw corrupt(`value encoding ${encoding} is not valid for kind '${kind}'`);
  const flags = byteAt(cursor, 'flags');
  if ((flags & ~KNOWN_FLAGS) !== 0) throw corrupt(`unknown flag bits 0x${hex(flags)}`);
  const scale = (flags >> SCALE_SHIFT) & 7;
  if (scale > 6 || (scale > 0 && encoding !== Encoding.scaled)) throw corrupt(`decimal scale ${scale} is not valid here`);
  if ((flags & Flag.exceptions) !== 0 && encoding !== Encoding.scaled && encoding !== Encoding.boolBits && encoding !== Encoding.boolRuns) throw corrupt('exception flag on an encoding without exceptions');
  if ((flags & Flag.stringValues) !== 0 && encoding !== Encoding.stringDict) throw corrupt('string-values flag on a non-string block');
  const count = uvarAt(cursor, 'count');
  const firstTs = svarAt(cursor, 'firstTs');
  const lastTs = svarAt(cursor, 'lastTs');
  if (lastTs < firstTs) throw corrupt(`lastTs ${lastTs} is before firstTs ${firstTs}`);
  if (count === 0 && (firstTs !== 0 || lastTs !== 0)) throw corrupt('an empty block with timestamps');
  if (cursor.pos + CRC_BYTES > bytes.length) throw corrupt(`${bytes.length} bytes end before the body (truncated?)`);
  return { version, kind, count, firstTs, lastTs, encoding, flags, scale, bodyStart: cursor.pos };
}

interface Cursor {
  bytes: Uint8Array;
  pos: number;
}

function byteAt(c: Cursor, what: string): number {
  if (c.pos >= c.bytes.length) throw corrupt(`the header ends before ${what} (truncated?)`);
  return c.bytes[c.pos++]!;
}

function uvarAt(c: Cursor, what: string): number {
  let v = 0;
  let scale = 1;
  for (let i = 0; i < 8; i++) {
    const b = byteAt(c, what);
    v += (b & 127) * scale;
    if (b < 128) {
      if (v > Number.MAX_SAFE_INTEGER) break;
      return v;
    }
    scale *= 128;
  }
  throw corrupt(`${what} is not a valid varint`);
}

function svarAt(c: Cursor, what: string): number {
  const first = byteAt(c, what);
  const m = (first & 0x80 ? uvarAt(c, what) * 64 : 0) + (first & 63);
  if (m > Number.MAX_SAFE_INTEGER) throw corrupt(`${what} is out of range`);
  return first & 0x40 ? -m : m;
}

function hex(b: number): string {
  return b.toString(16).padStart(2, '0');
}
