/**
 * The replay timeline: the capture from its start (left edge) to its end (right edge), the
 * part replayed filled, the replay clock as a thumb, the recorded stops as grey spans and
 * the recorded alarms as ticks (critical and high full height, on top). Tap or drag to seek:
 * the time under the finger shows while dragging and the seek is sent on release. Hovering
 * names the mark under the pointer. Keys: ← → 1 % of the capture, Page Up/Down 10 %, Home/End.
 * The thumb is painted from the replay clock outside React (like the status bar's clock).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent, PointerEvent } from 'react';
import type { ReplayMark, ReplayStatus } from '../../core/contract/index.js';
import { useServices } from '../app-context.js';
import { formatClockTime } from '../live/format.js';
import { runtimeClockAt } from '../stores/runtime-clock.js';
import { formatReplayDate, formatReplayTime } from './replay-model.js';
import { fractionOf, layoutMarks, markAt, markTitle, nudgeTime, timeAtX } from './timeline-model.js';
import type { HoveredMark, TimelineMarks } from './timeline-model.js';

export interface ReplayTimelineProps {
  status: ReplayStatus;
  marks: readonly ReplayMark[] | null;
  onSeek(at: number): void;
}

/** Pixels either side of the pointer that still name a tick. */
const hoverPixels = 8;

function hoverText(hovered: HoveredMark): string {
  if (hovered.kind === 'alarm') return markTitle(formatClockTime(hovered.tick.at), hovered.tick);
  const { stop } = hovered;
  const until = stop.until === undefined ? 'still stopped at the end' : `to ${formatClockTime(stop.until)}`;
  return `${formatClockTime(stop.at)} ${until} · ${stop.source} · ${stop.label}`;
}

function MarkLayer({ layout }: { layout: TimelineMarks }) {
  return (
    <>
      {layout.stops.map((stop) => (
        <span
          key={stop.key}
          className="rp-stop"
          data-testid="replay-mark"
          data-kind="stop"
          data-at={stop.at}
          data-until={stop.until}
          data-open={stop.until === undefined ? 'true' : 'false'}
          style={{ left: `${stop.left}%`, width: `${stop.width}%` }}
        />
      ))}
      {layout.ticks.map((tick) => (
        <span
          key={tick.key}
          className="rp-tick"
          data-testid="replay-mark"
          data-kind="alarm"
          data-at={tick.at}
          data-priority={tick.priority}
          data-count={tick.count}
          style={{ left: `${tick.left}%` }}
        />
      ))}
    </>
  );
}

export function ReplayTimeline({ status, marks, onSeek }: ReplayTimelineProps) {
  const { store } = useServices();
  const bar = useRef<HTMLDivElement>(null);
  const thumb = useRef<HTMLDivElement>(null);
  const fill = useRef<HTMLDivElement>(null);
  const [drag, setDrag] = useState<{ at: number; pointer: number } | null>(null);
  const [hover, setHover] = useState<{ at: number; mark: HoveredMark | null } | null>(null);
  const dragAt = useRef<number | null>(null);
  const { from, to } = status;
  const layout = useMemo(() => layoutMarks(marks ?? [], from, to), [marks, from, to]);
  const markLayer = useMemo(() => <MarkLayer layout={layout} />, [layout]);

  // The thumb follows the replay clock (or the finger while dragging), painted every 100 ms.
  useEffect(() => {
    const paint = () => {
      const state = store.getState();
      const replay = state.replay;
      if (replay === null) return;
      const at = dragAt.current ?? runtimeClockAt(state, performance.now()) ?? replay.at;
      const left = `${fractionOf(at, replay.from, replay.to) * 100}%`;
      if (thumb.current !== null && thumb.current.style.left !== left) thumb.current.style.left = left;
      if (fill.current !== null && fill.current.style.width !== left) fill.current.style.width = left;
    };
    paint();
    const timer = setInterval(paint, 100);
    const off = store.subscribe((s, prev) => {
      if (s.replay !== prev.replay || s.connection !== prev.connection) paint();
    });
    return () => {
      clearInterval(timer);
      off();
    };
  }, [store]);

  const timeAt = (clientX: number): number => {
    const rect = bar.current!.getBoundingClientRect();
    return timeAtX(clientX - rect.left, rect.width, from, to);
  };

  const setDragAt = (at: number | null, pointer = 0) => {
    dragAt.current = at;
    setDrag(at === null ? null : { at, pointer });
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    bar.current?.focus();
    setDragAt(timeAt(event.clientX), event.pointerId);
  };

  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const at = timeAt(event.clientX);
    if (drag !== null && drag.pointer === event.pointerId) {
      setDragAt(at, event.pointerId);
      return;
    }
    if (event.pointerType !== 'mouse') return;
    const width = bar.current!.getBoundingClientRect().width;
    setHover({ at, mark: width > 0 ? markAt(layout, fractionOf(at, from, to), hoverPixels / width) : null });
  };

  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    if (drag === null || drag.pointer !== event.pointerId) return;
    const at = timeAt(event.clientX);
    setDragAt(null);
    onSeek(at);
  };

  const cancel = () => {
    if (dragAt.current !== null) setDragAt(null);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const at = runtimeClockAt(store.getState(), performance.now()) ?? from;
    const steps: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, PageDown: -10, PageUp: 10 };
    if (event.key in steps) onSeek(nudgeTime(at, steps[event.key]!, from, to));
    else if (event.key === 'Home') onSeek(from);
    else if (event.key === 'End') onSeek(to);
    else return;
    event.preventDefault();
  };

  const shownAt = drag?.at ?? status.at;
  const label = drag !== null ? `Seek to ${formatReplayTime(drag.at)}` : hover?.mark ? hoverText(hover.mark) : null;
  const labelAt = drag?.at ?? hover?.at ?? status.at;

  return (
    <div className="rp-timeline-row">
      <span className="rp-edge" title={`${formatReplayDate(from)} ${formatReplayTime(from)}`}>
        {formatReplayTime(from)}
      </span>
      <div
        ref={bar}
        className="rp-timeline"
        data-testid="replay-timeline"
        data-from={from}
        data-to={to}
        data-dragging={drag === null ? 'false' : 'true'}
        role="slider"
        tabIndex={0}
        aria-label="Replay position"
        aria-valuemin={from}
        aria-valuemax={to}
        aria-valuenow={Math.round(shownAt)}
        aria-valuetext={`${formatReplayDate(shownAt)} ${formatReplayTime(shownAt)}`}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={cancel}
        onLostPointerCapture={cancel}
        onPointerLeave={() => setHover(null)}
        onKeyDown={onKeyDown}
      >
        <div className="rp-track" aria-hidden="true">
          <div ref={fill} className="rp-fill" />
          {markLayer}
        </div>
        <div ref={thumb} className="rp-thumb" aria-hidden="true" />
        {drag !== null ? <div className="rp-drag-mark" style={{ left: `${fractionOf(drag.at, from, to) * 100}%` }} aria-hidden="true" /> : null}
        {label !== null ? (
          <div className="rp-label" data-testid="replay-timeline-label" style={{ left: `${fractionOf(labelAt, from, to) * 100}%` }} data-side={fractionOf(labelAt, from, to) > 0.5 ? 'left' : 'right'}>
            {label}
          </div>
        ) : null}
      </div>
      <span className="rp-edge" title={`${formatReplayDate(to)} ${formatReplayTime(to)}`}>
        {formatReplayTime(to)}
      </span>
    </div>
  );
}
