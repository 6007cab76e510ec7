/**
 * A live value: rendered once by React, then painted by the frame loop whenever its tag
 * changes (value text, quality and staleness attributes, badges). Never re-renders per sample.
 */
import { useLayoutEffect, useRef } from 'react';
import type { TagInfo } from '../../core/contract/index.js';
import { useFaultTexts, useServices } from '../app-context.js';
import { formatLiveValue } from './format.js';
import { paintReading } from './paint.js';

export interface LiveValueProps {
  tag: TagInfo;
  /** Show the unit after the value (default true). */
  unit?: boolean;
  className?: string;
}

export function LiveValue({ tag, unit = true, className }: LiveValueProps) {
  const { frames } = useServices();
  const faultTexts = useFaultTexts();
  const root = useRef<HTMLSpanElement>(null);
  const value = useRef<HTMLSpanElement>(null);
  const quality = useRef<HTMLSpanElement>(null);
  const stale = useRef<HTMLSpanElement>(null);

  useLayoutEffect(() => {
    const parts = { root: root.current!, value: value.current!, quality: quality.current!, stale: stale.current! };
    return frames.watch(tag.path, (entry) => paintReading(parts, entry, formatLiveValue(entry.value, entry.info ?? tag, faultTexts)));
  }, [frames, tag, faultTexts]);

  return (
    <span ref={root} className={className === undefined ? 'reading' : `reading ${className}`}>
      <span ref={value} className="reading-value" data-testid="tag-value" data-tag={tag.path} />
      {unit && tag.unit !== '' ? <span className="reading-unit">{tag.unit}</span> : null}
      <span ref={quality} className="badge badge-quality" data-testid="quality-badge" />
      <span ref={stale} className="badge badge-stale" data-testid="stale-badge">
        STALE
      </span>
    </span>
  );
}
