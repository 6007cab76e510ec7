/**
 * The tag bus: the current value of every tag, and subscriptions by tag or by hierarchy
 * path (a line or asset path means every tag below it). Drivers publish batches; each
 * subscriber gets one call per published batch with only the samples it asked for.
 */
import type { TagValue } from '../contract/index.js';
import type { Sample } from '../model/sample.js';
import type { Logger } from './logger.js';

export type SampleListener = (samples: readonly Sample[]) => void;

export interface TagBus {
  /** Stores the samples as current values and hands them to the matching subscribers. */
  publish(samples: readonly Sample[]): void;
  /** Current value of one tag; undefined for a path that is not a tag. */
  current(path: string): TagValue | undefined;
  /** Every tag below (or equal to) the given hierarchy paths, in plant order. */
  resolve(paths: readonly string[]): string[];
  /** Calls the listener with every future sample of the given tags; returns an unsubscribe function. */
  subscribe(tagPaths: readonly string[], listener: SampleListener): () => void;
  /** Adds tags (a plant reconfigured live); they start with no value. Known paths are ignored. */
  addTags(paths: readonly string[]): void;
  /** Every tag back to "no value yet", telling no one (a replay seeking back starts over). */
  reset(): void;
}

interface Subscriber {
  listener: SampleListener;
  pending: Sample[];
}

export function createTagBus(initialPaths: readonly string[], log: Logger): TagBus {
  const tagPaths = [...initialPaths];
  const current = new Map<string, TagValue>();
  for (const path of tagPaths) current.set(path, { path, value: null, quality: { status: 'bad', reason: 'no value yet' }, sourceTs: 0 });
  const subscribersByTag = new Map<string, Set<Subscriber>>();
  const warnedUnknown = new Set<string>();

  return {
    publish(samples) {
      const touched = new Set<Subscriber>();
      for (const sample of samples) {
        const entry = current.get(sample.path);
        if (!entry) {
          if (!warnedUnknown.has(sample.path)) {
            warnedUnknown.add(sample.path);
            log.warn({ path: sample.path }, 'sample for a tag that is not in the plant model was dropped');
          }
          continue;
        }
        entry.value = sample.value;
        entry.quality = sample.quality;
        entry.sourceTs = sample.sourceTs;
        const subscribers = subscribersByTag.get(sample.path);
        if (!subscribers) continue;
        for (const subscriber of subscribers) {
          subscriber.pending.push(sample);
          touched.add(subscriber);
        }
      }
      for (const subscriber of touched) {
        const batch = subscriber.pending;
        subscriber.pending = [];
        try {
          subscriber.listener(batch);
        } catch (error) {
          log.error({ err: error }, 'a tag bus subscriber threw; it stays subscribed');
        }
      }
    },
    current(path) {
      const entry = current.get(path);
      return entry ? { ...entry } : undefined;
    },
    resolve(paths) {
      return tagPaths.filter((tag) => paths.some((path) => tag === path || tag.startsWith(`${path}/`)));
    },
    addTags(paths) {
      for (const path of paths) {
        if (current.has(path)) continue;
        tagPaths.push(path);
        current.set(path, { path, value: null, quality: { status: 'bad', reason: 'no value yet' }, sourceTs: 0 });
        warnedUnknown.delete(path);
      }
    },
    reset() {
      for (const path of tagPaths) current.set(path, { path, value: null, quality: { status: 'bad', reason: 'no value yet' }, sourceTs: 0 });
    },
    subscribe(paths, listener) {
      const subscriber: Subscriber = { listener, pending: [] };
      for (const path of paths) {
        let set = subscribersByTag.get(path);
        if (!set) subscribersByTag.set(path, (set = new Set()));
        set.add(subscriber);
      }
      return () => {
        for (const path of paths) subscribersByTag.get(path)?.delete(subscriber);
      };
    },
  };
}
