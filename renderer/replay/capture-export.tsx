/**
 * Export a capture (live mode), from the Trends screen's toolbar: a time range (last hour,
 * last 8 h shift, last 24 h, or from/to typed in local time; a trend showing a fixed range
 * offers that range) and, if not the whole plant, the lines and assets to take. The core
 * writes the file in the background on the machine it runs on; the dialog follows the job
 * every 500 ms (a progress bar with what is being done) and ends with the file's path. The
 * job lives in the store, so closing the dialog does not lose it. Maintenance and above export;
 * others get the sign-in dialog from the button.
 */
import { useEffect, useRef, useState } from 'react';
import { useAppState, useServices } from '../app-context.js';
import { formatTimestamp } from '../live/format.js';
import { runtimeClockNow } from '../stores/runtime-clock.js';
import { exportAmounts, exportPresets, exportRequest, lineCheckState, presetRange, progressPercent, selectableLines, selectionText, toLocalInput, toggleAsset, toggleLine } from './export-model.js';
import type { ExportPresetId, SelectableLine } from './export-model.js';
import { readOnlyHint } from './read-only.js';
import { useGate } from '../accounts/gate.js';
import './replay.css';
import './replay-dialogs.css';

export const exportPollMs = 500;

/** Follows a running export in the store until it is done or failed (run by the button, which outlives its dialog). */
function useExportPolling(): void {
  const { client, store } = useServices();
  const job = useAppState((s) => s.captureExport);
  const id = job?.id;
  const running = job?.state === 'running';
  useEffect(() => {
    if (id === undefined || !running) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const poll = () => {
      void client.captureExportStatus({ id }).then((result) => {
        if (stopped) return;
        if (result.ok) store.getState().setCaptureExport(result.value);
        // A failed poll (a connection loss) is tried again; the job runs on in the core.
        if (!result.ok || result.value.state === 'running') timer = setTimeout(poll, exportPollMs);
      });
    };
    timer = setTimeout(poll, exportPollMs);
    return () => {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
    };
  }, [client, store, id, running]);
}

function LineChoice({ line, checked, onChange }: { line: SelectableLine; checked: ReadonlySet<string>; onChange(next: Set<string>): void }) {
  const box = useRef<HTMLInputElement>(null);
  const state = lineCheckState(line, checked);
  useEffect(() => {
    if (box.current !== null) box.current.indeterminate = state === 'some';
  }, [state]);
  return (
    <div className="ce-line">
      <label className="ce-check ce-check-line">
        <input ref={box} type="checkbox" data-testid="capture-export-line" data-path={line.path} checked={state === 'all'} onChange={() => onChange(toggleLine(line, checked))} />
        <span>{line.name}</span>
      </label>
      <div className="ce-assets">
        {line.assets.map((asset) => (
          <label key={asset.path} className="ce-check">
            <input type="checkbox" data-testid="capture-export-asset" data-path={asset.path} checked={checked.has(asset.path)} onChange={() => onChange(toggleAsset(asset.path, checked))} />
            <span>{asset.name}</span>
          </label>
        ))}
      </div>
    </div>
  );
}

function ExportForm({ onStarted }: { onStarted(): void }) {
  const { client, store } = useServices();
  const plant = useAppState((s) => s.plant);
  const trendView = useAppState((s) => s.trendView);
  const lines = selectableLines(plant);
  const now = runtimeClockNow(store.getState());
  const [preset, setPreset] = useState<ExportPresetId>(trendView.live ? 'hour' : 'custom');
  const [customFrom, setCustomFrom] = useState(() => toLocalInput(trendView.live ? now - 3_600_000 : trendView.from));
  const [customTo, setCustomTo] = useState(() => toLocalInput(trendView.live ? now : trendView.to));
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const [name, setName] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const range = presetRange(preset, now);
  const start = () => {
    const check = exportRequest({ preset, customFrom, customTo, checked, name }, lines, runtimeClockNow(store.getState()));
    if (!check.ok) {
      setMessage(check.message);
      return;
    }
    setBusy(true);
    setMessage(null);
    void client.exportCapture(check.request).then((result) => {
      setBusy(false);
      if (!result.ok) {
        setMessage(`The export could not start: ${result.error.message}`);
        return;
      }
      store.getState().setCaptureExport(result.value);
      onStarted();
    });
  };

  return (
    <>
      <div className="ce-field">
        <span className="field-label">Time range</span>
        <div className="ce-presets" role="group" aria-label="Time range">
          {exportPresets.map((choice) => (
            <button key={choice.id} type="button" className="ce-preset" data-testid="capture-export-preset" data-preset={choice.id} aria-pressed={preset === choice.id} onClick={() => setPreset(choice.id)}>
              {choice.label}
            </button>
          ))}
        </div>
        {range !== null ? (
          <p className="ce-range" data-testid="capture-export-range">
            {formatTimestamp(range.from, 0)} – {formatTimestamp(range.to, range.from)}
          </p>
        ) : (
          <div className="ce-custom">
            <label className="ce-field">
              <span className="field-label">From (local time)</span>
              <input type="datetime-local" step={1} className="ce-input" data-testid="capture-export-from" value={customFrom} onChange={(e) => setCustomFrom(e.target.value)} />
            </label>
            <label className="ce-field">
              <span className="field-label">To (local time)</span>
              <input type="datetime-local" step={1} className="ce-input" data-testid="capture-export-to" value={customTo} onChange={(e) => setCustomTo(e.target.value)} />
            </label>
          </div>
        )}
      </div>
      <div className="ce-field">
        <span className="field-label">Lines and assets: {selectionText(lines, checked)}</span>
        <div className="ce-lines" data-testid="capture-export-assets">
          {lines.map((line) => (
            <LineChoice key={line.path} line={line} checked={checked} onChange={setChecked} />
          ))}
        </div>
        {checked.size === 0 ? <p className="ce-hint">Nothing ticked: the whole plant.</p> : null}
      </div>
      <label className="ce-field">
        <span className="field-label">File name (optional)</span>
        <input className="ce-input" data-testid="capture-export-name" value={name} maxLength={100} autoComplete="off" placeholder="chosen by the app" onChange={(e) => setName(e.target.value)} />
      </label>
      {message !== null ? (
        <p className="rp-modal-error" role="alert" data-testid="capture-export-error">
          {message}
        </p>
      ) : null}
      <div className="rp-modal-actions">
        <button type="button" className="rp-modal-button rp-primary" data-testid="capture-export-start" disabled={busy} onClick={start}>
          {busy ? 'Starting…' : 'Export'}
        </button>
      </div>
    </>
  );
}

function ExportProgress({ onAnother }: { onAnother(): void }) {
  const job = useAppState((s) => s.captureExport);
  if (job === null) return null;
  const percent = progressPercent(job);
  return (
    <div className="ce-job" data-testid="capture-export-job" data-state={job.state}>
      <div className="ce-progress" data-testid="capture-export-progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-label="Export progress" data-state={job.state}>
        <div className="ce-progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <p className="ce-detail" data-testid="capture-export-detail">
        <strong>{percent} %</strong> · {job.detail}
      </p>
      <p className="ce-amounts">{exportAmounts(job)}</p>
      {job.state === 'done' ? (
        <div className="ce-done" data-testid="capture-export-done">
          <span className="field-label">Written on the machine the core runs on</span>
          <code className="ce-file" data-testid="capture-export-file">
            {job.file}
          </code>
        </div>
      ) : null}
      {job.state === 'failed' ? (
        <p className="rp-modal-error" role="alert" data-testid="capture-export-failed">
          The export failed: {job.error ?? 'no reason given'}
        </p>
      ) : null}
      {job.state !== 'running' ? (
        <div className="rp-modal-actions">
          <button type="button" className="rp-modal-button" data-testid="capture-export-another" onClick={onAnother}>
            New export
          </button>
        </div>
      ) : null}
    </div>
  );
}

export function CaptureExportDialog({ onClose }: { onClose(): void }) {
  const running = useAppState((s) => s.captureExport?.state === 'running');
  const [watching, setWatching] = useState(running);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="modal-backdrop">
      <div className="rp-modal ce-panel" role="dialog" aria-modal="true" aria-label="Export a capture" data-testid="capture-export">
        <div className="rp-modal-head">
          <h2 className="rp-modal-title">
            Export a capture
            <span className="rp-modal-sub">Samples, waveforms, journals and the plant config of a time range, for replay on another machine.</span>
          </h2>
          <button type="button" className="rp-modal-button" data-testid="capture-export-close" onClick={onClose}>
            {running ? 'Hide' : 'Close'}
          </button>
        </div>
        {watching ? <ExportProgress onAnother={() => setWatching(false)} /> : <ExportForm onStarted={() => setWatching(true)} />}
      </div>
    </div>
  );
}

/** The toolbar button that opens the dialog; in replay it is disabled (a capture is exported from the live app). */
export function CaptureExportButton() {
  const replay = useAppState((s) => s.mode === 'replay');
  const running = useAppState((s) => s.captureExport?.state === 'running');
  const [open, setOpen] = useState(false);
  const gate = useGate('export-data', 'export captures');
  useExportPolling();
  return (
    <>
      <button
        type="button"
        className="button"
        data-testid="capture-export-open"
        data-running={running ? 'true' : 'false'}
        data-allowed={gate.allowed ? 'true' : 'false'}
        disabled={replay || (!gate.allowed && !gate.canSignIn)}
        title={replay ? `${readOnlyHint}: a capture is exported from the live app` : (gate.hint ?? 'Export a time range of the plant as a capture file, for replay')}
        onClick={() => (gate.allowed ? setOpen(true) : gate.ask())}
      >
        {running ? 'Exporting capture…' : 'Export capture…'}
      </button>
      {open && gate.allowed ? <CaptureExportDialog onClose={() => setOpen(false)} /> : null}
    </>
  );
}
