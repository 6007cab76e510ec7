/**
 * Lossy storage filters, chosen per tag in the config (lossless is the default): a
 * deadband keeps a value only when it moved more than the deadband from the last kept
 * value; the swinging door (after Bristol 1990) keeps a point only when the straight line
 * between kept points would no longer stay within ±deviation of every dropped one. (The
 * textbook door only tests that the door is still open, which lets the stored line stray
 * beyond the deviation; this variant also checks the line to the new point, so the bound
 * holds for every dropped value.) Both always keep a
 * quality change, the first value, and a value at least every maxIntervalMs.
 * Pure and streaming: `offer` returns the points to store now (the swinging door stores a
 * point only once a later one shows it was a turning point); `flush` returns what is held.
 */
import type { StorageSettings } from '../model/plant.js';

export interface Point {
  ts: number;
  value: number;
  quality: number;
}

export interface StorageFilter {
  offer(point: Point): Point[];
  /** The held point not yet stored (the swinging door's latest), for shutdown or a seal. */
  flush(): Point[];
}

export function createStorageFilter(settings: StorageSettings): StorageFilter {
  return settings.compression === 'deadband' ? deadbandFilter(settings.deadband, settings.maxIntervalMs) : swingingDoorFilter(settings.deviation, settings.maxIntervalMs);
}

function deadbandFilter(deadband: number, maxIntervalMs: number): StorageFilter {
  let kept: Point | undefined;
  return {
    offer(point) {
      const keep =
        !kept || point.quality !== kept.quality || !(Math.abs(point.value - kept.value) <= deadband) || point.ts - kept.ts >= maxIntervalMs;
      if (!keep) return [];
      kept = point;
      return [point];
    },
    flush: () => [],
  };
}

function swingingDoorFilter(deviation: number, maxIntervalMs: number): StorageFilter {
  let archived: Point | undefined; // the last stored point: the hinge of the door
  let held: Point | undefined; // the latest point, not yet stored
  let upper = Infinity; // the narrowest slopes so far from the hinge's ±deviation
  let lower = -Infinity;

  const restart = (hinge: Point) => {
    archived = hinge;
    upper = Infinity;
    lower = -Infinity;
  };

  return {
    offer(point) {
      if (!archived) {
        restart(point);
        return [point];
      }
      const out: Point[] = [];
      const breaks = point.quality !== archived.quality || !Number.isFinite(point.value) || point.ts - archived.ts >= maxIntervalMs || point.ts <= archived.ts;
      if (!breaks) {
        const dt = point.ts - archived.ts;
        // The line from the hinge to this point must pass within ±deviation of every point
        // since the hinge: its slope must lie within the slopes those points allow.
        const slope = (point.value - archived.value) / dt;
        if (slope >= lower && slope <= upper) {
          lower = Math.max(lower, (point.value - deviation - archived.value) / dt);
          upper = Math.min(upper, (point.value + deviation - archived.value) / dt);
          held = point;
          return out;
        }
      }
      // The door opened (or a break): the held point was a turning point; the new one starts a new door.
      if (held && held !== archived) {
        out.push(held);
        restart(held);
      }
      if (breaks || !held) {
        out.push(point);
        restart(point);
        held = undefined;
        return out;
      }
      // Re-offer the new point against the door hinged on the point just stored.
      held = undefined;
      return [...out, ...this.offer(point)];
    },
    flush() {
      if (!held) return [];
      const out = [held];
      restart(held);
      held = undefined;
      return out;
    },
  };
}
