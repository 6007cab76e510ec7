/**
 * Small live texts painted by the frame loop: a tag's source timestamp and its quality
 * note. Like LiveValue, React renders them once.
 */
import { useCallback, useLayoutEffect, useRef } from 'react';
import { useServices } from '../app-context.js';
import { formatTimestamp } from './format.js';
import type { LiveEntry } from './live-store.js';

function useLiveText(path: string, text: (entry: LiveEntry) => string, extra?: (el: HTMLElement, entry: LiveEntry) => void) {
  const { frames } = useServices();
  const ref = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    const el = ref.current!;
    return frames.watch(path, (entry) => {
      const next = text(entry);
      if (el.textContent !== next) el.textContent = next;
      extra?.(el, entry);
    });
  }, [frames, path, text, extra]);
  return ref;
}

const timestampText = (entry: LiveEntry) => formatTimestamp(entry.sourceTs, Date.now());

/** Source timestamp of the latest sample, local time (with the date when not today). */
export function LiveTimestamp({ path, prefix = '' }: { path: string; prefix?: string }) {
  const text = useCallback((entry: LiveEntry) => `${prefix}${timestampText(entry)}`, [prefix]);
  const ref = useLiveText(path, text);
  return <span ref={ref} className="live-ts" data-testid="tag-ts" data-tag={path} />;
}

function qualityText(entry: LiveEntry): string {
  if (entry.receivedAt === -Infinity) return 'No value yet';
  const parts: string[] = [];
  if (entry.quality === 'bad') parts.push(entry.reason ? `Bad: ${entry.reason}` : 'Bad');
  else if (entry.quality === 'uncertain') parts.push(entry.reason ? `Uncertain: ${entry.reason}` : 'Uncertain');
  else parts.push('Good');
  if (entry.stale) parts.push('stale');
  return parts.join(' · ');
}

function qualityAttrs(el: HTMLElement, entry: LiveEntry): void {
  el.dataset.quality = entry.quality;
  el.dataset.stale = entry.stale ? 'true' : 'false';
}

/** The quality of a tag in words, with the source's reason. */
export function LiveQuality({ path }: { path: string }) {
  const ref = useLiveText(path, qualityText, qualityAttrs);
  return <span ref={ref} className="live-quality" data-testid="tag-quality" data-tag={path} />;
}
