/**
 * One animation-frame loop for every live element on screen. Elements (values, state
 * tiles, sparklines) register a paint function for a tag path; when samples arrive the
 * live store marks tags dirty and asks for a frame, and in that frame only the paint
 * functions of the dirty tags run, each at most once. Nothing here goes through React.
 */
import type { LiveEntry, LiveStore } from './live-store.js';

export type Paint = (entry: LiveEntry) => void;

export interface FrameScheduler {
  request(callback: () => void): number;
  cancel(handle: number): void;
}

const browserScheduler: FrameScheduler = {
  request: (callback) => requestAnimationFrame(() => callback()),
  cancel: (handle) => cancelAnimationFrame(handle),
};

export class FrameLoop {
  private readonly watchers = new Map<string, Set<Paint>>();
  private pending: number | null = null;
  private staleTimer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly store: LiveStore,
    private readonly scheduler: FrameScheduler = browserScheduler,
  ) {
    store.onDirty = () => this.schedule();
  }

  /**
   * Paints `path` now with its current entry, then again in every frame where it changed.
   * Returns the function that stops watching.
   */
  watch(path: string, paint: Paint): () => void {
    let set = this.watchers.get(path);
    if (set === undefined) {
      set = new Set();
      this.watchers.set(path, set);
    }
    set.add(paint);
    paint(this.store.entry(path));
    return () => {
      const current = this.watchers.get(path);
      if (current === undefined) return;
      current.delete(paint);
      if (current.size === 0) this.watchers.delete(path);
    };
  }

  /** Number of paint functions registered (for tests and diagnostics). */
  get watcherCount(): number {
    let n = 0;
    for (const set of this.watchers.values()) n += set.size;
    return n;
  }

  /** One frame's work: paints every watched tag that changed since the last frame. */
  flush(): void {
    this.pending = null;
    const dirty = this.store.drainDirty();
    for (const path of dirty) {
      const set = this.watchers.get(path);
      if (set === undefined) continue;
      const entry = this.store.entry(path);
      for (const paint of set) {
        try {
          paint(entry);
        } catch (error) {
          // One broken element must not stop the others from updating; surface it asynchronously.
          queueMicrotask(() => {
            throw error;
          });
        }
      }
    }
  }

  /** Starts re-checking staleness every `intervalMs` (changes are painted in the next frame). */
  startStaleChecks(intervalMs = 1_000): void {
    if (this.staleTimer !== null) return;
    this.staleTimer = setInterval(() => this.store.refreshStale(), intervalMs);
  }

  stop(): void {
    if (this.staleTimer !== null) clearInterval(this.staleTimer);
    this.staleTimer = null;
    if (this.pending !== null) this.scheduler.cancel(this.pending);
    this.pending = null;
  }

  private schedule(): void {
    if (this.pending !== null) return;
    this.pending = this.scheduler.request(() => this.flush());
  }
}
