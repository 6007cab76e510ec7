/**
 * The alarm journal: every transition with its time, who and why, over the last hour, 8 h,
 * 24 h or 7 days, filtered by asset, priority, event and text; newest first. It follows new
 * events while open (reloads a second after the alarm picture moves). "Export CSV" saves what
 * the filters select.
 */
import { useEffect, useRef, useState } from 'react';
import type { AlarmEventKind, AlarmJournalEntry, AlarmPriority } from '../../core/contract/index.js';
import { alarmEventKinds, alarmPriorities } from '../../core/contract/index.js';
import { useAppState, useServices } from '../app-context.js';
import { formatTimestamp } from '../live/format.js';
import { downloadBlob } from '../trends/chart-export.js';
import { assetName, bareStateWords, priorityWords, runtimeClock } from './alarm-model.js';
import { PriorityChip } from './alarm-dialogs.js';
import { eventWords, journalCsv, journalFileName, journalPresets, loadNewestJournal } from './journal-model.js';
import type { JournalFilter, JournalPresetId } from './journal-model.js';

/** Rows rendered at first; "Show more" adds this many again. */
const rowsStep = 200;

interface Loaded {
  entries: AlarmJournalEntry[];
  truncated: boolean;
  /** The range asked for. */
  from: number;
  to: number;
}

export function JournalView() {
  const { client, store } = useServices();
  const plant = useAppState((s) => s.plant);
  const revision = useAppState((s) => s.alarmSnapshot?.revision);
  const connection = useAppState((s) => s.connection);
  const [preset, setPreset] = useState<JournalPresetId>('8h');
  const [asset, setAsset] = useState('');
  const [priority, setPriority] = useState<AlarmPriority | ''>('');
  const [kind, setKind] = useState<AlarmEventKind | ''>('');
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [rows, setRows] = useState(rowsStep);
  const request = useRef(0);

  // Typing searches after a pause, not on every key.
  useEffect(() => {
    const timer = setTimeout(() => setQuery(text.trim()), 300);
    return () => clearTimeout(timer);
  }, [text]);

  const load = async () => {
    const id = ++request.current;
    const now = runtimeClock(store.getState());
    const span = journalPresets.find((p) => p.id === preset)!.ms;
    // A second past now: an action just taken is in, whatever the clocks' small differences.
    const range = { from: Math.max(0, Math.round(now - span)), to: Math.round(now + 1_000) };
    const filter: JournalFilter = {
      ...(asset !== '' ? { asset } : {}),
      ...(priority !== '' ? { priorities: [priority] } : {}),
      ...(kind !== '' ? { kinds: [kind] } : {}),
      ...(query !== '' ? { text: query } : {}),
    };
    setLoading(true);
    const result = await loadNewestJournal(client, range, filter);
    if (id !== request.current) return;
    setLoading(false);
    if (!result.ok) {
      setError(result.error.code === 'disconnected' ? 'No connection to the runtime: the journal cannot be read now.' : `The journal could not be read: ${result.error.message}`);
      return;
    }
    setError(null);
    setLoaded({ ...result.value, ...range });
  };

  // Timers call the newest load, with the filters as they are then.
  const latestLoad = useRef(load);
  latestLoad.current = load;

  // A new query: from the top.
  useEffect(() => {
    setRows(rowsStep);
    void load();
    // load reads exactly these.
  }, [preset, asset, priority, kind, query, connection]);

  // New events: follow them, a second after the picture moved (a burst is one reload).
  useEffect(() => {
    if (revision === undefined) return;
    const timer = setTimeout(() => void latestLoad.current(), 1_000);
    return () => clearTimeout(timer);
  }, [revision]);

  const entries = loaded?.entries ?? [];
  const now = runtimeClock(store.getState());
  const exportCsv = () => downloadBlob(new Blob([journalCsv(entries)], { type: 'text/csv;charset=utf-8' }), journalFileName(Date.now()));

  return (
    <section className="al-journal" aria-label="Alarm journal" data-testid="alarm-journal" data-loading={loading ? 'true' : 'false'}>
      <div className="al-toolbar">
        <div className="al-segmented" role="group" aria-label="Time range">
          {journalPresets.map((p) => (
            <button key={p.id} type="button" className="al-seg" data-testid="journal-range" data-range={p.id} aria-pressed={preset === p.id} onClick={() => setPreset(p.id)}>
              {p.label}
            </button>
          ))}
        </div>
        <select className="al-select" aria-label="Asset" data-testid="journal-asset" value={asset} onChange={(e) => setAsset(e.target.value)}>
          <option value="">All assets</option>
          {(plant?.lines ?? []).flatMap((line) =>
            line.assets.map((a) => (
              <option key={a.path} value={a.path}>
                {a.name}
              </option>
            )),
          )}
        </select>
        <select className="al-select" aria-label="Priority" data-testid="journal-priority" value={priority} onChange={(e) => setPriority(e.target.value as AlarmPriority | '')}>
          <option value="">All priorities</option>
          {alarmPriorities.map((p) => (
            <option key={p} value={p}>
              {priorityWords[p]}
            </option>
          ))}
        </select>
        <select className="al-select" aria-label="Event" data-testid="journal-kind" value={kind} onChange={(e) => setKind(e.target.value as AlarmEventKind | '')}>
          <option value="">All events</option>
          {alarmEventKinds.map((k) => (
            <option key={k} value={k}>
              {eventWords[k]}
            </option>
          ))}
        </select>
        <input className="al-input al-search" type="search" aria-label="Search text" placeholder="Search message, user, comment…" data-testid="journal-text" value={text} maxLength={200} onChange={(e) => setText(e.target.value)} />
        <div className="al-spacer" />
        <button type="button" className="al-button" data-testid="journal-export" disabled={entries.length === 0} onClick={exportCsv}>
          Export CSV
        </button>
      </div>
      <div className="al-journal-status" role="status">
        {error ?? (loaded === null ? 'Loading the journal…' : `${entries.length.toLocaleString()} event${entries.length === 1 ? '' : 's'}, newest first${loaded.truncated ? ' — only the newest are shown; narrow the time range or the filters to see older ones' : ''}`)}
      </div>
      <div className="al-journal-scroll">
        <table className="al-table al-journal-table" data-testid="journal-table">
          <thead>
            <tr>
              <th>Time</th>
              <th>Alarm</th>
              <th>Event</th>
              <th>From → to</th>
              <th>Priority</th>
              <th>User</th>
              <th>Cause / comment</th>
            </tr>
          </thead>
          <tbody>
            {entries.slice(0, rows).map((e) => (
              <tr key={e.id} data-testid="journal-row" data-kind={e.kind} data-alarm-id={e.alarmId} data-at={String(e.at)}>
                <td className="al-time">{formatTimestamp(e.at, now)}</td>
                <td>
                  <div className="al-j-message">{e.message}</div>
                  <div className="al-j-asset">{assetName(plant, e.asset)}</div>
                </td>
                <td className="al-j-event">{eventWords[e.kind]}</td>
                <td className="al-j-states">
                  {bareStateWords(e.from)} → {bareStateWords(e.to)}
                </td>
                <td>
                  <PriorityChip priority={e.priority} />
                </td>
                <td className="al-j-user" data-testid="journal-user">
                  {e.user ?? '—'}
                </td>
                <td className="al-j-cause">
                  {e.text !== undefined ? <div className="al-j-text">“{e.text}”</div> : null}
                  <div className="al-j-why">{e.cause}</div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {entries.length > rows ? (
          <button type="button" className="al-button al-more" onClick={() => setRows(rows + rowsStep)}>
            Show {Math.min(rowsStep, entries.length - rows)} more (of {(entries.length - rows).toLocaleString()})
          </button>
        ) : null}
      </div>
    </section>
  );
}
