/** The width of an element in CSS pixels, followed as it changes: charts draw at it so that their text keeps its size. */
import { useEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';

export function useWidth<T extends HTMLElement = HTMLElement>(fallback: number, min = 320): [RefObject<T | null>, number] {
  const ref = useRef<T | null>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const element = ref.current;
    if (element === null || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setWidth(Math.max(min, Math.round(element.clientWidth))));
    observer.observe(element);
    return () => observer.disconnect();
  }, [min]);
  return [ref, width];
}
