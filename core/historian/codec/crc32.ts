/**
 * CRC-32 (IEEE 802.3, the zlib/PNG polynomial, reflected 0xEDB88320), slicing-by-16:
 * sixteen table lookups per 16 bytes, read as four little-endian 32-bit words through a
 * DataView (any alignment). About twice the speed of slicing-by-8 over single bytes, and
 * six times the bytewise loop; a block's check costs a fraction of its decoding.
 */

const TABLE = (() => {
  const t = new Int32Array(256 * 16);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  for (let s = 1; s < 16; s++) {
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
  if (end - start >= 16) {
    const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
    for (; i + 16 <= end; i += 16) {
      const a = crc ^ v.getInt32(i, true);
      const b1 = v.getInt32(i + 4, true);
      const b2 = v.getInt32(i + 8, true);
      const b3 = v.getInt32(i + 12, true);
      crc =
        t[3840 + (a & 0xff)]! ^
        t[3584 + ((a >>> 8) & 0xff)]! ^
        t[3328 + ((a >>> 16) & 0xff)]! ^
        t[3072 + (a >>> 24)]! ^
        t[2816 + (b1 & 0xff)]! ^
        t[2560 + ((b1 >>> 8) & 0xff)]! ^
        t[2304 + ((b1 >>> 16) & 0xff)]! ^
        t[2048 + (b1 >>> 24)]! ^
        t[1792 + (b2 & 0xff)]! ^
        t[1536 + ((b2 >>> 8) & 0xff)]! ^
        t[1280 + ((b2 >>> 16) & 0xff)]! ^
        t[1024 + (b2 >>> 24)]! ^
        t[768 + (b3 & 0xff)]! ^
        t[512 + ((b3 >>> 8) & 0xff)]! ^
        t[256 + ((b3 >>> 16) & 0xff)]! ^
        t[b3 >>> 24]!;
    }
  }
  for (; i < end; i++) crc = t[(crc ^ b[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}
