/**
 * The unsealed samples of one tag, in memory, in time order. Appends are O(1); a sample
 * older than the newest is inserted in place (out-of-order within the late window).
 */
import type { Series, ValueKind } from './series.js';

export class OpenSeries {
  ts: number[] = [];
  value: number[] = [];
  quality: number[] = [];
  text: string[] | undefined;

  constructor(readonly kind: ValueKind) {
    if (kind === 'string') this.text = [];
  }

  get length(): number {
    return this.ts.length;
  }

  add(ts: number, value: number, quality: number, text: string | undefined): void {
    let at = this.ts.length;
    // Equal timestamps keep arrival order; an older sample goes before the first newer one.
    while (at > 0 && this.ts[at - 1]! > ts) at--;
    if (at === this.ts.length) {
      this.ts.push(ts);
      this.value.push(value);
      this.quality.push(quality);
      this.text?.push(text ?? '');
    } else {
      this.ts.splice(at, 0, ts);
      this.value.splice(at, 0, value);
      this.quality.splice(at, 0, quality);
      this.text?.splice(at, 0, text ?? '');
    }
  }

  /** Index of the first sample at or after `ts`. */
  indexAt(ts: number): number {
    let lo = 0;
    let hi = this.ts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ts[mid]! < ts) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Samples in [from, to) as a Series. */
  slice(from: number, to: number): Series {
    return this.toSeries(this.indexAt(from), this.indexAt(to));
  }

  toSeries(start = 0, end = this.ts.length): Series {
    return {
      ts: Float64Array.from(this.ts.slice(start, end)),
      value: Float64Array.from(this.value.slice(start, end)),
      quality: Uint8Array.from(this.quality.slice(start, end)),
      ...(this.text ? { text: this.text.slice(start, end) } : {}),
    };
  }

  /** Removes the samples before `cut` (once they are sealed). */
  dropBefore(cut: number): void {
    const end = this.indexAt(cut);
    this.ts.splice(0, end);
    this.value.splice(0, end);
    this.quality.splice(0, end);
    this.text?.splice(0, end);
  }
}
