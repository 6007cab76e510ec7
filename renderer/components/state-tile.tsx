/**
 * An asset's machine state: the state word's label, big, with `data-severity` from the
 * plant's state labels (colour only for abnormal, ISA-101), and the active fault code with
 * its text while the machine is not running normally. Painted by the frame loop.
 */
import { useLayoutEffect, useRef } from 'react';
import type { TagInfo } from '../../core/contract/index.js';
import { useFaultTexts, useServices } from '../app-context.js';
import { faultDisplay, stateView } from '../live/format.js';
import { qualityNote } from '../live/paint.js';

export interface StateTileProps {
  state: TagInfo | undefined;
  fault: TagInfo | undefined;
  size: 'tile' | 'page';
}

export function StateTile({ state, fault, size }: StateTileProps) {
  const { frames, live } = useServices();
  const faultTexts = useFaultTexts();
  const box = useRef<HTMLDivElement>(null);
  const label = useRef<HTMLSpanElement>(null);
  const badge = useRef<HTMLSpanElement>(null);
  const faultLine = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    const boxEl = box.current!;
    const labelEl = label.current!;
    const badgeEl = badge.current!;
    const faultEl = faultLine.current!;
    if (state === undefined) {
      labelEl.textContent = 'No state signal';
      faultEl.hidden = true;
      badgeEl.hidden = true;
      return;
    }
    const paint = () => {
      const entry = live.entry(state.path);
      const view = stateView(state.states, entry.value);
      const hasValue = entry.receivedAt > -Infinity;
      if (labelEl.textContent !== view.label) labelEl.textContent = view.label;
      boxEl.dataset.severity = view.severity;
      boxEl.dataset.quality = hasValue ? entry.quality : 'uncertain';
      boxEl.dataset.stale = entry.stale ? 'true' : 'false';
      boxEl.dataset.hasValue = hasValue ? 'true' : 'false';
      boxEl.dataset.value = typeof entry.value === 'number' ? String(entry.value) : '';
      boxEl.title = qualityNote(entry, Date.now());
      const badgeText = entry.quality === 'bad' ? 'BAD' : entry.stale ? 'STALE' : entry.quality === 'uncertain' && hasValue ? 'UNCERTAIN' : '';
      badgeEl.textContent = badgeText;
      badgeEl.dataset.kind = badgeText.toLowerCase();
      badgeEl.hidden = badgeText === '';

      const code = fault === undefined ? null : live.entry(fault.path).value;
      // A fault code is shown while the machine is not in a normal state (a lingering code on a running machine is noise).
      const text = view.severity === 'normal' && hasValue ? '' : faultDisplay(code, faultTexts);
      if (faultEl.textContent !== text) faultEl.textContent = text;
      faultEl.dataset.code = typeof code === 'string' ? code : '';
      faultEl.hidden = text === '';
    };
    const stops = [frames.watch(state.path, paint)];
    if (fault !== undefined) stops.push(frames.watch(fault.path, paint));
    return () => stops.forEach((stop) => stop());
  }, [frames, live, state, fault, faultTexts]);

  return (
    <div className={`state-tile state-tile-${size}`}>
      <div ref={box} className="state" data-testid="asset-state" data-tag={state?.path} data-severity="normal">
        <span ref={label} className="state-label" />
        <span ref={badge} className="badge badge-quality" />
      </div>
      <div ref={faultLine} className="fault" data-testid="fault" />
    </div>
  );
}
