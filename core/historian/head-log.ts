/**
 * The durable head: samples not yet sealed into blocks are appended, once a second, as one
 * compact record per commit to the head_log table, so a crash loses at most the last
 * second. On open the records are replayed into memory; a seal turns them into blocks and
 * deletes them. Record layout (version 1), little-endian:
 *   u8 version | varint count | f64 base ts |
 *   per sample: varint tag id | zigzag varint (ts − previous ts) | u8 quality | value
 *   value by kind: f64 8 bytes, f32 4 bytes, int zigzag varint, bool u8, string varint length + UTF-8.
 * Written by hand because it is part of the storage format (see FORMAT.md).
 */
import type { ValueKind } from './series.js';

const HEAD_VERSION = 1;

export interface HeadSample {
  tag: number;
  ts: number;
  quality: number;
  value: number;
  text?: string | undefined;
}

class ByteWriter {
  bytes = new Uint8Array(4096);
  view = new DataView(this.bytes.buffer);
  at = 0;

  private ensure(n: number): void {
    if (this.at + n <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.at + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.bytes.subarray(0, this.at));
    this.bytes = next;
    this.view = new DataView(next.buffer);
  }
  u8(v: number): void {
    this.ensure(1);
    this.bytes[this.at++] = v;
  }
  f64(v: number): void {
    this.ensure(8);
    this.view.setFloat64(this.at, v, true);
    this.at += 8;
  }
  f32(v: number): void {
    this.ensure(4);
    this.view.setFloat32(this.at, v, true);
    this.at += 4;
  }
  /** Unsigned varint of a whole number up to 2^53 (arithmetic, not bitwise, so no 32-bit limit). */
  varint(v: number): void {
    this.ensure(8);
    while (v >= 128) {
      this.bytes[this.at++] = (v % 128) | 128;
      v = Math.floor(v / 128);
    }
    this.bytes[this.at++] = v;
  }
  zigzag(v: number): void {
    this.varint(v < 0 ? -2 * v - 1 : 2 * v);
  }
  raw(data: Uint8Array): void {
    this.ensure(data.length);
    this.bytes.set(data, this.at);
    this.at += data.length;
  }
  done(): Uint8Array {
    return this.bytes.slice(0, this.at);
  }
}

export function encodeHeadRecord(samples: readonly HeadSample[], kindOf: (tag: number) => ValueKind): Uint8Array {
  const w = new ByteWriter();
  const encoder = new TextEncoder();
  w.u8(HEAD_VERSION);
  w.varint(samples.length);
  let prevTs = samples.length > 0 ? samples[0]!.ts : 0;
  w.f64(prevTs);
  for (const s of samples) {
    w.varint(s.tag);
    w.zigzag(s.ts - prevTs);
    prevTs = s.ts;
    w.u8(s.quality);
    switch (kindOf(s.tag)) {
      case 'f64':
        w.f64(s.value);
        break;
      case 'f32':
        w.f32(s.value);
        break;
      case 'int':
        w.zigzag(s.value);
        break;
      case 'bool':
        w.u8(s.value ? 1 : 0);
        break;
      case 'string': {
        const bytes = encoder.encode(s.text ?? '');
        w.varint(bytes.length);
        w.raw(bytes);
        break;
      }
    }
  }
  return w.done();
}

export function decodeHeadRecord(bytes: Uint8Array, kindOf: (tag: number) => ValueKind | undefined): HeadSample[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const decoder = new TextDecoder();
  let at = 0;
  const need = (n: number) => {
    if (at + n > bytes.length) throw new Error(`head record truncated at byte ${at} of ${bytes.length}`);
  };
  const varint = () => {
    let value = 0;
    let scale = 1;
    for (;;) {
      need(1);
      const b = bytes[at++]!;
      value += (b & 127) * scale;
      if (b < 128) return value;
      scale *= 128;
      if (scale > 2 ** 56) throw new Error(`head record has an overlong varint at byte ${at}`);
    }
  };
  const zigzag = () => {
    const v = varint();
    return v % 2 === 0 ? v / 2 : -(v + 1) / 2;
  };
  need(1);
  const version = bytes[at++];
  if (version !== HEAD_VERSION) throw new Error(`head record version ${version} is not supported (expected ${HEAD_VERSION})`);
  const count = varint();
  need(8);
  let ts = view.getFloat64(at, true);
  at += 8;
  const out: HeadSample[] = [];
  for (let i = 0; i < count; i++) {
    const tag = varint();
    ts += zigzag();
    need(1);
    const quality = bytes[at++]!;
    const kind = kindOf(tag);
    if (kind === undefined) throw new Error(`head record names tag id ${tag}, which the database does not know`);
    let value = Number.NaN;
    let text: string | undefined;
    switch (kind) {
      case 'f64':
        need(8);
        value = view.getFloat64(at, true);
        at += 8;
        break;
      case 'f32':
        need(4);
        value = view.getFloat32(at, true);
        at += 4;
        break;
      case 'int':
        value = zigzag();
        break;
      case 'bool':
        need(1);
        value = bytes[at++]!;
        break;
      case 'string': {
        const length = varint();
        need(length);
        text = decoder.decode(bytes.subarray(at, at + length));
        at += length;
        break;
      }
    }
    out.push({ tag, ts, quality, value, ...(text !== undefined ? { text } : {}) });
  }
  if (at !== bytes.length) throw new Error(`head record has ${bytes.length - at} bytes after its last sample`);
  return out;
}
