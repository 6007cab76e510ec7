/**
 * The engine's timetable: a binary min-heap of (due time, alarm index), popped in time
 * order with ties broken by alarm index, so that `tick` emits events in a deterministic
 * order. Entries are never removed early: a stale one (its delay was cancelled or already
 * fired by a sample) pops later and finds nothing due.
 */
export class Timetable {
  private readonly due: number[] = [];
  private readonly slot: number[] = [];

  get size(): number {
    return this.due.length;
  }

  push(due: number, slot: number): void {
    const d = this.due;
    const s = this.slot;
    let i = d.length;
    d.push(due);
    s.push(slot);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(due, slot, d[parent]!, s[parent]!)) break;
      d[i] = d[parent]!;
      s[i] = s[parent]!;
      i = parent;
    }
    d[i] = due;
    s[i] = slot;
  }

  /** The earliest due time, or Infinity when empty. */
  peekDue(): number {
    return this.due.length > 0 ? this.due[0]! : Infinity;
  }

  /** Removes the earliest entry and returns its alarm index (the heap must not be empty). */
  pop(): number {
    const d = this.due;
    const s = this.slot;
    const top = s[0]!;
    const lastDue = d.pop()!;
    const lastSlot = s.pop()!;
    const n = d.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= n) break;
        const right = left + 1;
        const child = right < n && this.before(d[right]!, s[right]!, d[left]!, s[left]!) ? right : left;
        if (!this.before(d[child]!, s[child]!, lastDue, lastSlot)) break;
        d[i] = d[child]!;
        s[i] = s[child]!;
        i = child;
      }
      d[i] = lastDue;
      s[i] = lastSlot;
    }
    return top;
  }

  private before(dueA: number, slotA: number, dueB: number, slotB: number): boolean {
    return dueA < dueB || (dueA === dueB && slotA < slotB);
  }
}
