/**
 * CRC-32 (IEEE 802.3, the zlib/PNG polynomial, reflected 0xEDB88320), slicing-by-8:
 * eight table lookups per 8 bytes, about three times faster than the bytewise loop.
 */

const TABLE = (() => {
  const t = new Int32Array(256 * 8);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  for (let s = 1; s < 8; s++) {
    for (let n = 0; n < 256; n++) {
      const c = t[(s - 1) * 256 + n]!;
      t[s * 256 + n] = (c >>> 8) ^ t[c & 0xff]!;
    }
  }
  return t;
})();

export function crc32(b: Uint8Array, start: number, end: number): number {
  const t = TABLE;
  let crc = -1;
  let i = start;
  for (; i + 8 <= end; i += 8) {
    const a = crc ^ (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24));
    crc =
      t[1792 + (a & 0xff)]! ^
      t[1536 + ((a >>> 8) & 0xff)]! ^
      t[1280 + ((a >>> 16) & 0xff)]! ^
      t[1024 + (a >>> 24)]! ^
      t[768 + b[i + 4]!]! ^
      t[512 + b[i + 5]!]! ^
      t[256 + b[i + 6]!]! ^
      t[b[i + 7]!]!;
  }
  for (; i < end; i++) crc = t[(crc ^ b[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}
