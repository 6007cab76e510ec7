/**
 * The OEE screen (`#/oee`, `#/oee/report`, `#/oee/spc`): one header with the views, the
 * line and the period (paging, span, "Now"), and under it the line's OEE with its downtime,
 * the printable shift report or the SPC charts, all of the same report. The report is
 * loaded by a poller (every 5 s while the period is under way), stopped when the screen
 * unmounts; the line is the one chosen, else the plant's first line that has OEE.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LineInfo, OeeReport } from '../../core/contract/index.js';
import { useAppState, useServices } from '../app-context.js';
import type { OeeView } from '../stores/navigation-slice.js';
import { LineView } from './line-view.js';
import { PeriodBar } from './period-bar.js';
import { startReportPoller } from './report-poller.js';
import type { ReportPoller } from './report-poller.js';
import { ShiftReport } from './shift-report.js';
import { SpcView } from './spc-view.js';
import './oee.css';
import './oee-stops.css';
import './oee-report.css';

const views: { view: OeeView; label: string }[] = [
  { view: 'line', label: 'Line OEE' },
  { view: 'report', label: 'Shift report' },
  { view: 'spc', label: 'SPC' },
];

export interface OeeReportState {
  report: OeeReport | null;
  error: string | null;
  /** Asks again at once (after a reason was given). */
  reload(): void;
  /** The line asked for, null until the plant model is there. */
  line: string | null;
}

/** The report of the chosen line and period, polled while under way. */
function useOeeReport(): OeeReportState {
  const { client } = useServices();
  const plant = useAppState((s) => s.plant);
  const connection = useAppState((s) => s.connection);
  const chosen = useAppState((s) => s.oeeLine);
  const span = useAppState((s) => s.oeeSpan);
  const at = useAppState((s) => s.oeeAt);
  const [report, setReport] = useState<OeeReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const poller = useRef<ReportPoller | null>(null);
  // The chosen line, or the first line with OEE.
  const line = chosen ?? plant?.lines.find((l) => l.oee)?.path ?? null;

  useEffect(() => {
    if (line === null || connection !== 'connected') return;
    const request = at === null ? { line, span } : { line, span, at };
    const started = startReportPoller({
      client,
      request,
      onReport: (r) => setReport(r),
      onError: (message) => setError(message),
    });
    poller.current = started;
    return () => {
      started.stop();
      if (poller.current === started) poller.current = null;
    };
  }, [client, line, span, at, connection]);

  // A report of another line is not shown as this one's.
  const shown = report !== null && report.line === line ? report : null;
  const reload = useCallback(() => poller.current?.reload(), []);
  return { report: shown, error, reload, line };
}

const noLines: readonly LineInfo[] = [];

function LinePicker({ line }: { line: string | null }) {
  const allLines = useAppState((s) => s.plant?.lines ?? noLines);
  const lines = allLines.filter((l) => l.oee);
  const setOeeLine = useAppState((s) => s.setOeeLine);
  if (lines.length < 2) return null;
  return (
    <label className="oe-line-pick">
      <span className="field-label">Line</span>
      <select className="oe-select" data-testid="oee-line" value={line ?? ''} onChange={(event) => setOeeLine(event.target.value)}>
        {lines.map((l) => (
          <option key={l.path} value={l.path}>
            {l.name}
          </option>
        ))}
      </select>
    </label>
  );
}

export function OeeScreen({ view }: { view: OeeView }) {
  const showOee = useAppState((s) => s.showOee);
  const state = useOeeReport();
  const { report, error } = state;
  return (
    <main className="oee" data-testid="oee-screen" data-view={view}>
      <header className="oe-head">
        <nav className="oe-tabs" aria-label="OEE views">
          {views.map((v) => (
            <button key={v.view} type="button" className="oe-tab" data-testid={`oee-view-${v.view}`} aria-current={view === v.view ? 'page' : undefined} onClick={() => showOee(v.view)}>
              {v.label}
            </button>
          ))}
        </nav>
        <LinePicker line={state.line} />
        <PeriodBar report={report} />
      </header>
      {error !== null ? (
        <p className="oe-error" role="alert" data-testid="oee-error">
          {error}
        </p>
      ) : null}
      {report === null ? (
        error === null ? (
          <p className="oe-loading">Loading the OEE report…</p>
        ) : null
      ) : view === 'line' ? (
        <LineView report={report} reload={state.reload} />
      ) : view === 'report' ? (
        <ShiftReport report={report} />
      ) : (
        <SpcView report={report} />
      )}
    </main>
  );
}
