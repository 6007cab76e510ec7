/**
 * DOM painting for live elements, called by the frame loop (never by React renders).
 * Attributes are what tests and CSS read: `data-quality`, `data-stale`, `data-severity`.
 */
import type { LiveEntry } from './live-store.js';
import { formatTimestamp } from './format.js';

function setAttr(el: Element, name: string, value: string): void {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

function setText(el: Element, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

/** A person-readable account of the value's quality and age ("" when good and fresh). */
export function qualityNote(entry: LiveEntry, now: number): string {
  const notes: string[] = [];
  if (entry.quality === 'bad') notes.push(`Bad quality${entry.reason ? `: ${entry.reason}` : ''}`);
  else if (entry.quality === 'uncertain') notes.push(`Uncertain${entry.reason ? `: ${entry.reason}` : ''}`);
  if (entry.stale) notes.push(`Stale: no update since ${formatTimestamp(entry.receivedAt, now)}`);
  return notes.join(' · ');
}

export interface ReadingParts {
  /** Wrapper of value, unit and badges (styled by its attributes). */
  root: HTMLElement;
  /** The value text (`data-testid="tag-value"`). */
  value: HTMLElement;
  /** The quality badge ("BAD", "UNCERTAIN"). */
  quality: HTMLElement;
  /** The stale badge. */
  stale: HTMLElement;
}

export function paintReading(parts: ReadingParts, entry: LiveEntry, text: string): void {
  const hasValue = entry.receivedAt > -Infinity;
  const quality = hasValue ? entry.quality : 'uncertain';
  const stale = entry.stale ? 'true' : 'false';
  setText(parts.value, text);
  for (const el of [parts.root, parts.value]) {
    setAttr(el, 'data-quality', quality);
    setAttr(el, 'data-stale', stale);
    setAttr(el, 'data-has-value', hasValue ? 'true' : 'false');
  }
  const note = hasValue ? qualityNote(entry, Date.now()) : 'No value received yet';
  setAttr(parts.root, 'title', note);
  setText(parts.quality, quality === 'bad' ? 'BAD' : quality === 'uncertain' && hasValue ? 'UNCERTAIN' : '');
  parts.quality.hidden = parts.quality.textContent === '';
  parts.stale.hidden = !entry.stale;
}
