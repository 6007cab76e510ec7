/**
 * The replay bar, directly under the status bar on every screen while the app replays a
 * capture: a deep blue band that cannot be taken for live, with REPLAY, the replayed date
 * and time (local, with seconds, moving smoothly between the 500 ms polls), play/pause,
 * the speed, steps of 1 s and 1 min while paused, the state, the capture's name and range,
 * the timeline with the recorded alarms and stops, and "Compare" (recorded vs replayed).
 * Space plays and pauses (unless a field, a dialog or another control has the key).
 * Live, it renders nothing.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { HmiRequest } from '../../core/contract/index.js';
import { useAppState, useServices } from '../app-context.js';
import { runtimeClockAt } from '../stores/runtime-clock.js';
import { ReplayCompare } from './replay-compare.js';
import { canStep, captureDetail, captureKey, formatCaptureRange, formatReplayDate, formatReplayTime, replayJumped, replayStateText, speedChoices, speedLabel, toggleAction } from './replay-model.js';
import { startReplayPoller } from './replay-poller.js';
import type { ReplayPoller } from './replay-poller.js';
import { ReplayTimeline } from './replay-timeline.js';
import './replay.css';

/** The replayed date and time, painted from the replay clock every 100 ms (not re-rendered). */
function ReplayClock() {
  const { store } = useServices();
  const time = useRef<HTMLSpanElement>(null);
  const date = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const paint = () => {
      const state = store.getState();
      const at = state.replay === null ? Number.NaN : (runtimeClockAt(state, performance.now()) ?? Number.NaN);
      const t = formatReplayTime(at);
      const d = formatReplayDate(at);
      if (time.current !== null && time.current.textContent !== t) time.current.textContent = t;
      // The shown time as a number, for tests and tools that read the page.
      if (time.current !== null) time.current.dataset.at = Number.isFinite(at) ? String(Math.round(at)) : '';
      if (date.current !== null && date.current.textContent !== d) date.current.textContent = d;
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
  return (
    <div className="rp-clock" title="Replayed time (local)">
      <span ref={time} className="rp-time" data-testid="replay-time" />
      <span ref={date} className="rp-date" data-testid="replay-date" />
    </div>
  );
}

/** Whether Space on `target` is ours: not while a dialog is open, not in a field, not another control's own key (those outside the bar). */
function spaceIsOurs(target: EventTarget | null, bar: HTMLElement | null): boolean {
  if (document.querySelector('[aria-modal="true"]') !== null) return false;
  if (!(target instanceof Element)) return true;
  if (target.closest('input, textarea, select, [contenteditable="true"]') !== null) return false;
  if (bar !== null && bar.contains(target)) return true;
  return target.closest('button, a, [role="grid"], [role="slider"], [tabindex]') === null;
}

/** Polls the replay into the store while mounted; the returned poller sends the controls. */
function useReplayPoller(): ReplayPoller | null {
  const { client, store, live } = useServices();
  const [poller, setPoller] = useState<ReplayPoller | null>(null);
  useEffect(() => {
    // Values are stale by the replay clock, not by this machine's: paused, they show as they were.
    live.setStaleClock(() => runtimeClockAt(store.getState(), performance.now()) ?? Number.NaN);
    const started = startReplayPoller({
      client,
      onStatus(next, receivedAt) {
        const state = store.getState();
        const prev = state.replay;
        if (next !== null && prev !== null && captureKey(prev) !== captureKey(next)) state.setReplayMarks(null);
        if (next !== null && replayJumped(prev, next, receivedAt - state.replayReceivedAt)) {
          live.clearHistory();
          state.noteReplayJump();
        }
        state.setReplay(next, receivedAt);
      },
      onMarks: (marks) => store.getState().setReplayMarks(marks),
      onError: (message) => store.getState().setReplayError(message),
    });
    setPoller(started);
    return () => {
      started.stop();
      live.setStaleClock(null);
      const state = store.getState();
      state.setReplay(null, 0);
      state.setReplayMarks(null);
      state.setReplayError(null);
    };
  }, [client, store, live]);
  return poller;
}

function ReplayBand() {
  const poller = useReplayPoller();
  const status = useAppState((s) => s.replay);
  const marks = useAppState((s) => s.replayMarks);
  const error = useAppState((s) => s.replayError);
  const setReplayError = useAppState((s) => s.setReplayError);
  const [comparing, setComparing] = useState(false);
  const band = useRef<HTMLElement>(null);

  const send = useCallback((request: HmiRequest<'replayControl'>) => poller?.control(request) ?? Promise.resolve(false), [poller]);

  const toggle = useCallback(() => {
    if (status === null) return;
    const action = toggleAction(status.state);
    // At the end: back to the start, and play from there.
    if (action === 'restart') void send({ action: 'seek', at: status.from }).then((done) => done && send({ action: 'play' }));
    else void send({ action });
  }, [send, status]);

  // Space plays and pauses; on a button of the bar it does only that (not also the button's own click).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== ' ' || event.ctrlKey || event.altKey || event.metaKey || event.defaultPrevented) return;
      if (!spaceIsOurs(event.target, band.current)) return;
      event.preventDefault();
      if (event.type === 'keydown' && !event.repeat) toggle();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('keyup', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('keyup', onKey);
    };
  }, [toggle]);

  // A refused control stays readable for 8 s.
  useEffect(() => {
    if (error === null) return;
    const timer = setTimeout(() => setReplayError(null), 8_000);
    return () => clearTimeout(timer);
  }, [error, setReplayError]);

  if (status === null) {
    return (
      <section ref={band} className="replay-bar" data-testid="replay-banner" data-state="loading" aria-label="Replay">
        <div className="rp-row">
          <div className="rp-word">REPLAY</div>
          <div className="rp-waiting" data-testid="replay-state" data-state="loading">
            {error ?? 'Loading the capture…'}
          </div>
        </div>
      </section>
    );
  }

  const playing = status.state === 'playing' || status.state === 'seeking';
  const stepOk = canStep(status.state);
  return (
    <section ref={band} className="replay-bar" data-testid="replay-banner" data-state={status.state} aria-label="Replay">
      <div className="rp-row">
        <div className="rp-word" title="This is a replay of a capture, not the live plant">
          REPLAY
        </div>
        <ReplayClock />
        <div className="rp-controls" role="group" aria-label="Replay controls">
          <button type="button" className="rp-button rp-play" data-testid="replay-play" data-playing={playing ? 'true' : 'false'} aria-label={playing ? 'Pause' : 'Play'} onClick={toggle}>
            <span className="rp-glyph" aria-hidden="true">
              {playing ? '❚❚' : '▶'}
            </span>
            <span className="rp-play-word">{playing ? 'Pause' : 'Play'}</span>
          </button>
          <label className="rp-speed" title="Replay speed (× real time)">
            <span className="rp-speed-word">Speed</span>
            <select className="rp-select" data-testid="replay-speed" value={String(status.speed)} onChange={(event) => void send({ action: 'speed', speed: Number(event.target.value) })}>
              {speedChoices(status.speed).map((choice) => (
                <option key={choice.value} value={String(choice.value)}>
                  {choice.label}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="rp-button" data-testid="replay-step-1s" disabled={!stepOk} title={stepOk ? 'Step on 1 second' : 'Pause to step'} onClick={() => void send({ action: 'step', ms: 1_000 })}>
            +1 s
          </button>
          <button type="button" className="rp-button" data-testid="replay-step-1m" disabled={!stepOk} title={stepOk ? 'Step on 1 minute' : 'Pause to step'} onClick={() => void send({ action: 'step', ms: 60_000 })}>
            +1 min
          </button>
        </div>
        <div className="rp-status">
          <span className="rp-state" data-testid="replay-state" data-state={status.state}>
            {replayStateText(status)}
          </span>
          <span className="rp-speed-text" data-testid="replay-speed-text">
            {speedLabel(status.speed)}
          </span>
        </div>
        <div className="rp-spacer" />
        {error !== null ? (
          <div className="rp-error" role="alert" data-testid="replay-error">
            {error}
          </div>
        ) : null}
        <button type="button" className="rp-button rp-compare-open" data-testid="replay-compare-open" aria-haspopup="dialog" onClick={() => setComparing(true)}>
          Compare
        </button>
      </div>
      <div className="rp-row rp-row-timeline">
        <div className="rp-capture" data-testid="replay-capture" title={captureDetail(status)}>
          <span className="rp-file">{status.file}</span>
          <span className="rp-range" data-testid="replay-range">
            {formatCaptureRange(status.from, status.to)}
            {status.config === 'capture' ? '' : ` · what-if config ${status.config}`}
          </span>
        </div>
        <ReplayTimeline status={status} marks={marks} onSeek={(at) => void send({ action: 'seek', at })} />
      </div>
      {comparing ? <ReplayCompare onClose={() => setComparing(false)} /> : null}
    </section>
  );
}

/** The replay bar in replay mode; nothing live. */
export function ReplayBar() {
  const mode = useAppState((s) => s.mode);
  return mode === 'replay' ? <ReplayBand /> : null;
}
