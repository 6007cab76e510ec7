/**
 * The pen readouts: each pen's value at the cursor (or the latest / at the view's end when
 * there is no cursor) with its quality, painted straight into the pen list's elements by
 * the trend controller — never through React state. `readingOf` is the pure part.
 */
import type { QualityStatus, TagInfo } from '../../core/contract/index.js';
import { formatLiveValue, noValue } from '../live/format.js';
import type { PointQuality } from './pen-series.js';

export type ReadingQuality = PointQuality | 'stale' | 'none';

export interface Reading {
  text: string;
  quality: ReadingQuality;
  /** The badge beside the value: "" when good. */
  badge: string;
}

const badges: Record<ReadingQuality, string> = {
  good: '',
  uncertain: 'UNCERTAIN',
  bad: 'BAD',
  gap: 'NO DATA',
  stale: 'STALE',
  none: 'NO DATA',
};

/** How a point reads: the formatted value (state labels, On/Off, decimals), or a dash with why there is none. */
export function readingOf(point: { value: number | null; quality: PointQuality | QualityStatus } | null, info: TagInfo | undefined, stale = false): Reading {
  if (point === null) return { text: noValue, quality: 'none', badge: badges.none };
  if (point.value === null) {
    const quality: ReadingQuality = point.quality === 'bad' ? 'bad' : 'gap';
    return { text: noValue, quality, badge: badges[quality] };
  }
  const quality: ReadingQuality = stale ? 'stale' : point.quality === 'uncertain' ? 'uncertain' : point.quality === 'bad' ? 'bad' : 'good';
  const text = formatLiveValue(point.value, info);
  return { text, quality, badge: stale && point.quality === 'uncertain' ? 'UNCERTAIN · STALE' : badges[quality] };
}

export interface ReadoutParts {
  root: HTMLElement;
  value: HTMLElement;
  badge: HTMLElement;
}

/** Where the controller paints readouts; the pen list binds its elements here. */
export class ReadoutBoard {
  private readonly parts = new Map<string, ReadoutParts>();
  private cursor: HTMLElement | null = null;

  bind(path: string, parts: ReadoutParts): () => void {
    this.parts.set(path, parts);
    return () => {
      if (this.parts.get(path) === parts) this.parts.delete(path);
    };
  }

  bindCursor(el: HTMLElement): () => void {
    this.cursor = el;
    return () => {
      if (this.cursor === el) this.cursor = null;
    };
  }

  paint(path: string, reading: Reading): void {
    const parts = this.parts.get(path);
    if (parts === undefined) return;
    if (parts.value.textContent !== reading.text) parts.value.textContent = reading.text;
    if (parts.badge.textContent !== reading.badge) parts.badge.textContent = reading.badge;
    parts.badge.hidden = reading.badge === '';
    if (parts.root.dataset.quality !== reading.quality) parts.root.dataset.quality = reading.quality;
  }

  paintCursor(text: string, active: boolean): void {
    const el = this.cursor;
    if (el === null) return;
    if (el.textContent !== text) el.textContent = text;
    el.dataset.active = active ? 'true' : 'false';
  }
}
