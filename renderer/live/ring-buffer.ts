/**
 * A fixed-size columnar ring buffer of (time, value) points for sparklines and short
 * trends. Appending never allocates; `columns()` returns the points oldest-first as
 * Float64Array views that uPlot takes as they are. It does not decimate, interpolate or
 * hold more than `capacity` points: older points are overwritten.
 */
export class RingBuffer {
  readonly capacity: number;
  private readonly time: Float64Array;
  private readonly value: Float64Array;
  /** Index where the next point goes. */
  private head = 0;
  private count = 0;
  /** Oldest-first copies for `columns()` when the ring has wrapped; reused, never reallocated. */
  private readonly outTime: Float64Array;
  private readonly outValue: Float64Array;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 2) throw new Error(`ring buffer capacity must be an integer ≥ 2, got ${capacity}`);
    this.capacity = capacity;
    this.time = new Float64Array(capacity);
    this.value = new Float64Array(capacity);
    this.outTime = new Float64Array(capacity);
    this.outValue = new Float64Array(capacity);
  }

  get length(): number {
    return this.count;
  }

  /** Time of the newest point, or -Infinity when empty. */
  get lastTime(): number {
    return this.count === 0 ? -Infinity : this.time[(this.head - 1 + this.capacity) % this.capacity]!;
  }

  /**
   * Appends a point. Time must increase (uPlot needs ascending x): a point not newer than
   * the last one is ignored and `false` returned.
   */
  push(t: number, v: number): boolean {
    if (!(t > this.lastTime)) return false;
    this.time[this.head] = t;
    this.value[this.head] = v;
    this.head = (this.head + 1) % this.capacity;
    if (this.count < this.capacity) this.count += 1;
    return true;
  }

  clear(): void {
    this.head = 0;
    this.count = 0;
  }

  /**
   * The points oldest-first. The arrays are views into memory this buffer reuses: they
   * are valid until the next `push`, which is what a once-per-frame `setData` needs.
   */
  columns(): [time: Float64Array, value: Float64Array] {
    const n = this.count;
    if (n < this.capacity) {
      // Not wrapped yet: points 0..n-1 are already in order.
      return [this.time.subarray(0, n), this.value.subarray(0, n)];
    }
    const tail = this.capacity - this.head; // points from head to the end are the oldest
    this.outTime.set(this.time.subarray(this.head), 0);
    this.outTime.set(this.time.subarray(0, this.head), tail);
    this.outValue.set(this.value.subarray(this.head), 0);
    this.outValue.set(this.value.subarray(0, this.head), tail);
    return [this.outTime, this.outValue];
  }
}
