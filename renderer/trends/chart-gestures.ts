/**
 * Pan and zoom on the trend chart, for mouse and touch alike (pointer events):
 * - drag: select a time range to zoom into (zoom mode), or move the range (pan mode, or
 *   with Shift held, or with the middle button);
 * - wheel: zoom around the time under the pointer;
 * - two fingers: pinch to zoom, move to pan; one tap places the cursor.
 * While a gesture runs the chart follows at once (`preview`); the resulting range is
 * `commit`ted, which leaves live mode and loads history. No React, no uPlot internals
 * beyond its public position/value helpers.
 */
import type uPlot from 'uplot';
import { panBy, zoomAround } from './time-range.js';
import type { TimeRange } from './time-range.js';

export type GestureMode = 'zoom' | 'pan';

export interface GestureTarget {
  plot(): uPlot | null;
  mode(): GestureMode;
  /** The range shown now. */
  range(): TimeRange;
  preview(range: TimeRange): void;
  commit(range: TimeRange): void;
  /** A tap without movement at `left` CSS px into the plot (touch has no hover). */
  tap(left: number, top: number): void;
}

interface Pointer {
  x: number;
  y: number;
}

type Drag =
  | { kind: 'select'; startX: number; x: number }
  | { kind: 'pan'; startX: number; range: TimeRange; moved: boolean; last: TimeRange }
  | { kind: 'pinch'; range: TimeRange; distance: number; middle: number; last: TimeRange };

const minSelectPx = 10;
const tapSlopPx = 6;

export function attachGestures(host: HTMLElement, target: GestureTarget): () => void {
  const pointers = new Map<number, Pointer>();
  let drag: Drag | null = null;

  function plotBox(): { u: uPlot; rect: DOMRect } | null {
    const u = target.plot();
    if (u === null) return null;
    return { u, rect: u.over.getBoundingClientRect() };
  }

  /** Time at `left` CSS px into the plot of the range `range`. */
  function timeAt(left: number, width: number, range: TimeRange): number {
    return range.from + (left / Math.max(1, width)) * (range.to - range.from);
  }

  function clearSelect(u: uPlot): void {
    u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
  }

  function startPinch(box: { rect: DOMRect }): void {
    const [a, b] = [...pointers.values()];
    if (a === undefined || b === undefined) return;
    const range = target.range();
    drag = { kind: 'pinch', range, distance: Math.max(20, Math.abs(a.x - b.x)), middle: (a.x + b.x) / 2 - box.rect.left, last: range };
  }

  const onPointerDown = (event: PointerEvent) => {
    const box = plotBox();
    if (box === null || !box.u.over.contains(event.target as Node)) return;
    if (event.pointerType === 'mouse' && event.button !== 0 && event.button !== 1) return;
    pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    try {
      host.setPointerCapture(event.pointerId);
    } catch {
      // Not an active pointer (synthetic events): the gesture still works while over the chart.
    }
    if (pointers.size === 2) {
      clearSelect(box.u);
      startPinch(box);
      return;
    }
    if (pointers.size > 2) return;
    const x = event.clientX - box.rect.left;
    const pan = event.shiftKey || event.button === 1 || target.mode() === 'pan';
    const range = target.range();
    drag = pan ? { kind: 'pan', startX: x, range, moved: false, last: range } : { kind: 'select', startX: x, x };
    if (event.pointerType !== 'mouse') event.preventDefault();
  };

  const onPointerMove = (event: PointerEvent) => {
    const known = pointers.get(event.pointerId);
    if (known === undefined || drag === null) return;
    known.x = event.clientX;
    known.y = event.clientY;
    const box = plotBox();
    if (box === null) return;
    const width = box.rect.width;
    if (drag.kind === 'pinch') {
      const [a, b] = [...pointers.values()];
      if (a === undefined || b === undefined) return;
      const distance = Math.max(20, Math.abs(a.x - b.x));
      const middle = (a.x + b.x) / 2 - box.rect.left;
      const anchor = timeAt(drag.middle, width, drag.range);
      const zoomed = zoomAround(drag.range, anchor, drag.distance / distance);
      const shifted = panBy(zoomed, -((middle - drag.middle) / width) * (zoomed.to - zoomed.from));
      drag.last = shifted;
      target.preview(shifted);
      return;
    }
    const x = Math.min(width, Math.max(0, event.clientX - box.rect.left));
    if (drag.kind === 'pan') {
      if (Math.abs(x - drag.startX) > tapSlopPx) drag.moved = true;
      if (!drag.moved) return;
      const next = panBy(drag.range, -((x - drag.startX) / width) * (drag.range.to - drag.range.from));
      drag.last = next;
      target.preview(next);
      return;
    }
    drag.x = x;
    const left = Math.min(drag.startX, x);
    box.u.setSelect({ left, top: 0, width: Math.abs(x - drag.startX), height: box.rect.height }, false);
  };

  const onPointerEnd = (event: PointerEvent) => {
    if (!pointers.has(event.pointerId)) return;
    pointers.delete(event.pointerId);
    if (host.hasPointerCapture(event.pointerId)) host.releasePointerCapture(event.pointerId);
    const box = plotBox();
    const ended = drag;
    if (ended?.kind === 'pinch') {
      // Lifting one finger ends the pinch; the other does nothing more until lifted.
      drag = null;
      target.commit(ended.last);
      return;
    }
    if (pointers.size > 0) return;
    drag = null;
    if (ended === null || box === null) return;
    if (ended.kind === 'pan') {
      if (ended.moved) target.commit(ended.last);
      else if (event.type === 'pointerup') target.tap(ended.startX, event.clientY - box.rect.top);
      return;
    }
    clearSelect(box.u);
    const width = Math.abs(ended.x - ended.startX);
    if (event.type !== 'pointerup') return;
    if (width >= minSelectPx) {
      const range = target.range();
      const a = timeAt(Math.min(ended.x, ended.startX), box.rect.width, range);
      const b = timeAt(Math.max(ended.x, ended.startX), box.rect.width, range);
      target.commit({ from: a, to: b });
    } else if (width <= tapSlopPx && event.pointerType !== 'mouse') {
      target.tap(ended.startX, event.clientY - box.rect.top);
    }
  };

  const onWheel = (event: WheelEvent) => {
    const box = plotBox();
    if (box === null || !box.u.over.contains(event.target as Node)) return;
    event.preventDefault();
    const lines = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? 400 : 1;
    const delta = Math.max(-600, Math.min(600, event.deltaY * lines));
    if (delta === 0) return;
    const range = target.range();
    const anchor = timeAt(event.clientX - box.rect.left, box.rect.width, range);
    const next = zoomAround(range, anchor, Math.pow(1.0018, delta));
    target.preview(next);
    target.commit(next);
  };

  host.addEventListener('pointerdown', onPointerDown, true);
  host.addEventListener('pointermove', onPointerMove);
  host.addEventListener('pointerup', onPointerEnd);
  host.addEventListener('pointercancel', onPointerEnd);
  host.addEventListener('wheel', onWheel, { passive: false });
  return () => {
    host.removeEventListener('pointerdown', onPointerDown, true);
    host.removeEventListener('pointermove', onPointerMove);
    host.removeEventListener('pointerup', onPointerEnd);
    host.removeEventListener('pointercancel', onPointerEnd);
    host.removeEventListener('wheel', onWheel);
  };
}
