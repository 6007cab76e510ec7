/**
 * Strings: a per-block dictionary, then (index, run length) pairs.
 *
 *   uvar size; per entry: uvar (length·2 + form), then the units:
 *       form 0: UTF-8, `length` bytes of 8 bits
 *       form 1: UTF-16 code units, `length` units of 16 bits (only for strings with lone
 *               surrogates, which UTF-8 cannot carry)
 *   runs until they cover every sample: index (ceil(log2(size)) bits, none when size is 1),
 *   uvar run length
 */
import type { BitReader, BitWriter } from './bits.js';
import { corrupt, invalidSeries } from './errors.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function indexBits(size: number): number {
  return size <= 1 ? 0 : 32 - Math.clz32(size - 1);
}

export function encodeStrings(w: BitWriter, text: readonly string[] | undefined, n: number): void {
  if (n === 0) {
    w.writeUVar(0);
    return;
  }
  if (!Array.isArray(text) || text.length !== n) {
    throw invalidSeries(`a string series needs \`text\` with one string per sample (${n}); got ${Array.isArray(text) ? `${text.length} entries` : typeof text}`);
  }
  const dict = new Map<string, number>();
  const entries: string[] = [];
  const runIndex: number[] = [];
  const runLength: number[] = [];
  let i = 0;
  while (i < n) {
    const s = text[i];
    if (typeof s !== 'string') throw invalidSeries(`text[${i}] is ${s === null ? 'null' : typeof s}, not a string`);
    let j = i + 1;
    while (j < n && text[j] === s) j++;
    let index = dict.get(s);
    if (index === undefined) {
      index = entries.length;
      dict.set(s, index);
      entries.push(s);
    }
    runIndex.push(index);
    runLength.push(j - i);
    i = j;
  }
  w.writeUVar(entries.length);
  for (const s of entries) {
    const bytes = encoder.encode(s);
    if (decoder.decode(bytes) === s) {
      w.writeUVar(bytes.length * 2);
      for (let k = 0; k < bytes.length; k++) w.write(bytes[k]!, 8);
    } else {
      w.writeUVar(s.length * 2 + 1);
      for (let k = 0; k < s.length; k++) w.write(s.charCodeAt(k), 16);
    }
  }
  const bits = indexBits(entries.length);
  for (let r = 0; r < runIndex.length; r++) {
    if (bits > 0) w.write(runIndex[r]!, bits);
    w.writeUVar(runLength[r]!);
  }
}

export function decodeStrings(r: BitReader, n: number): string[] {
  const size = r.readUVar('the dictionary size');
  if (size > n || (n > 0 && size === 0)) throw corrupt(`dictionary of ${size} strings for ${n} samples`);
  const entries: string[] = [];
  for (let e = 0; e < size; e++) {
    const head = r.readUVar('a dictionary entry length');
    const length = Math.floor(head / 2);
    const utf16 = head % 2 === 1;
    if (length * (utf16 ? 16 : 8) > r.bitsLeft) throw corrupt(`dictionary entry ${e} is longer (${length}) than the block`);
    if (utf16) {
      let s = '';
      for (let k = 0; k < length; k++) s += String.fromCharCode(r.read(16));
      entries.push(s);
    } else {
      const bytes = new Uint8Array(length);
      for (let k = 0; k < length; k++) bytes[k] = r.read(8);
      try {
        entries.push(decoder.decode(bytes));
      } catch {
        throw corrupt(`dictionary entry ${e} is not valid UTF-8`);
      }
    }
  }
  const text = new Array<string>(n);
  const bits = indexBits(size);
  let i = 0;
  while (i < n) {
    const index = bits > 0 ? r.read(bits) : 0;
    if (index >= size) throw corrupt(`string index ${index} at sample ${i} is outside the dictionary (${size})`);
    const len = r.readUVar('a string run length');
    if (len === 0 || len > n - i) throw corrupt(`string run of ${len} at sample ${i} of ${n}`);
    text.fill(entries[index]!, i, i + len);
    i += len;
  }
  return text;
}
