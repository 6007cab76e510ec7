/**
 * The active alarm list: every alarm that is not normal, one page at a time (rows of 60 px),
 * sortable by time, priority, asset and state, filtered by asset and priority. Rows are
 * selected by tapping them (or their check box); the keyboard moves with the arrow keys,
 * selects with Space and acknowledges the focused row with Enter. The actions on the right
 * apply to the selected alarms; "Acknowledge all on this page" only to what is on screen, so
 * nobody acknowledges an alarm they have not seen.
 */
import { useEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { AlarmPriority, AlarmStatus } from '../../core/contract/index.js';
import { alarmPriorities } from '../../core/contract/index.js';
import { useAppState, useFaultTexts } from '../app-context.js';
import { formatTimestamp } from '../live/format.js';
import type { AlarmActionRequest } from './alarm-actions.js';
import {
  alarmTag,
  alarmTime,
  assetName,
  defaultSort,
  filterAlarms,
  formatAlarmValue,
  isUnacknowledged,
  nextSort,
  priorityWords,
  sortAlarms,
  stateWords,
} from './alarm-model.js';
import type { AlarmFilter, SortKey, SortOrder } from './alarm-model.js';
import { PriorityChip, ShelveDialog, TextDialog, useAlarmActions } from './alarm-dialogs.js';
import { readOnlyHint, useReadOnly } from '../replay/read-only.js';
import { useGate } from '../accounts/gate.js';

/** Rows on one page: what fits on the 1080-line screen under the banner. */
export const alarmPageSize = 10;

type Dialog = 'shelve' | 'out-of-service' | 'comment' | null;

function SortHeader({ label, sortKey, sort, onSort }: { label: string; sortKey: SortKey; sort: SortOrder; onSort(key: SortKey): void }) {
  const active = sort.key === sortKey;
  return (
    <th aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
      <button type="button" className="al-sort" data-testid={`sort-${sortKey}`} data-active={active ? 'true' : 'false'} onClick={() => onSort(sortKey)}>
        {label}
        <span className="al-sort-mark" aria-hidden="true">
          {active ? (sort.descending ? '▲' : '▼') : ''}
        </span>
      </button>
    </th>
  );
}

export function ActiveList() {
  const snapshot = useAppState((s) => s.alarmSnapshot);
  const plant = useAppState((s) => s.plant);
  const clockNow = useAppState((s) => s.status?.clockNow);
  const connection = useAppState((s) => s.connection);
  const faultTexts = useFaultTexts();
  const [sort, setSort] = useState<SortOrder>(defaultSort);
  const [filter, setFilter] = useState<AlarmFilter>({ asset: '', priority: '' });
  const [page, setPage] = useState(0);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [focusId, setFocusId] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const { act, busy } = useAlarmActions();
  const respond = useGate('alarm-respond', 'respond to alarms');
  const outOfService = useGate('alarm-out-of-service', 'take alarms out of service');
  const grid = useRef<HTMLDivElement>(null);

  const names = (path: string) => assetName(plant, path);
  const shown = sortAlarms(filterAlarms(snapshot?.alarms ?? [], filter), sort, names);
  const pages = Math.max(1, Math.ceil(shown.length / alarmPageSize));
  const current = Math.min(page, pages - 1);
  const rows = shown.slice(current * alarmPageSize, (current + 1) * alarmPageSize);
  const chosen = shown.filter((a) => selected.has(a.id));
  const focused = rows.find((a) => a.id === focusId) ?? null;
  const unackedOnPage = rows.filter(isUnacknowledged);
  const assets = plant?.lines.flatMap((line) => line.assets) ?? [];
  const now = clockNow ?? Date.now();
  const offline = connection !== 'connected';
  // Replay: the alarms are shown as replayed; nothing is acknowledged, shelved or commented.
  const readOnly = useReadOnly();
  const blocked = busy || offline || readOnly;
  // What the signed-in role may not do stays visible but disabled, with who may (the core refuses it anyway).
  const noRespond = blocked || !respond.allowed;
  const noService = blocked || !outOfService.allowed;

  // Alarms that left the list leave the selection.
  useEffect(() => {
    const ids = new Set((snapshot?.alarms ?? []).map((a) => a.id));
    setSelected((old) => ([...old].every((id) => ids.has(id)) ? old : new Set([...old].filter((id) => ids.has(id)))));
  }, [snapshot]);

  const toggle = (id: string) =>
    setSelected((old) => {
      const next = new Set(old);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  const run = (actions: AlarmActionRequest[]) => {
    act(actions);
    setSelected(new Set());
    setDialog(null);
  };

  const acknowledge = (alarms: readonly AlarmStatus[]) => {
    const ids = alarms.filter(isUnacknowledged).map((a) => a.id);
    if (ids.length > 0) run([{ kind: 'acknowledge', ids }]);
  };

  const moveFocus = (delta: number) => {
    const index = shown.findIndex((a) => a.id === focused?.id);
    const next = shown[Math.max(0, Math.min(shown.length - 1, index < 0 ? 0 : index + delta))];
    if (next === undefined) return;
    setFocusId(next.id);
    setPage(Math.floor(shown.indexOf(next) / alarmPageSize));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== grid.current) return;
    const target = focused ?? rows[0];
    if (event.key === 'ArrowDown') moveFocus(1);
    else if (event.key === 'ArrowUp') moveFocus(-1);
    else if (event.key === 'Home') moveFocus(-shown.length);
    else if (event.key === 'End') moveFocus(shown.length);
    else if (event.key === ' ' && target !== undefined) {
      setFocusId(target.id);
      toggle(target.id);
    } else if (event.key === 'Enter' && target !== undefined) {
      // Acknowledges the focused row only; what else is selected stays selected.
      setFocusId(target.id);
      if (isUnacknowledged(target) && !readOnly) {
        if (respond.allowed) act([{ kind: 'acknowledge', ids: [target.id] }]);
        else respond.ask();
      }
    } else return;
    event.preventDefault();
  };

  const onSort = (key: SortKey) => setSort((old) => nextSort(old, key));
  const subjects = chosen.map((a) => a.message);
  const some = (test: (a: AlarmStatus) => boolean) => chosen.some(test);

  return (
    <div className="al-active">
      <section className="al-list-panel" aria-label="Active alarms">
        <div className="al-filters">
          <label className="al-filter">
            <span className="field-label">Asset</span>
            <select className="al-select" data-testid="filter-asset" value={filter.asset} onChange={(e) => (setFilter({ ...filter, asset: e.target.value }), setPage(0))}>
              <option value="">All assets</option>
              {assets.map((asset) => (
                <option key={asset.path} value={asset.path}>
                  {asset.name}
                </option>
              ))}
            </select>
          </label>
          <label className="al-filter">
            <span className="field-label">Priority</span>
            <select className="al-select" data-testid="filter-priority" value={filter.priority} onChange={(e) => (setFilter({ ...filter, priority: e.target.value as AlarmPriority | '' }), setPage(0))}>
              <option value="">All priorities</option>
              {alarmPriorities.map((p) => (
                <option key={p} value={p}>
                  {priorityWords[p]}
                </option>
              ))}
            </select>
          </label>
          <div className="al-list-count" data-testid="alarm-list-count">
            {shown.length === 1 ? '1 alarm' : `${shown.length} alarms`}
            {snapshot !== null && shown.length !== snapshot.alarms.length ? ` of ${snapshot.alarms.length}` : ''}
          </div>
        </div>
        <div ref={grid} className="al-grid" role="grid" aria-label="Alarms" aria-multiselectable="true" tabIndex={0} data-testid="alarm-list" onKeyDown={onKeyDown} data-stale={offline ? 'true' : 'false'}>
          <table className="al-table">
            <thead>
              <tr>
                <th className="al-check-col" aria-label="Selected" />
                <SortHeader label="Priority" sortKey="priority" sort={sort} onSort={onSort} />
                <SortHeader label="State" sortKey="state" sort={sort} onSort={onSort} />
                <SortHeader label="Time" sortKey="time" sort={sort} onSort={onSort} />
                <SortHeader label="Asset" sortKey="asset" sort={sort} onSort={onSort} />
                <th>Message</th>
                <th className="al-num">Value</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((alarm) => (
                <tr
                  key={alarm.id}
                  className="al-row"
                  data-testid="alarm-row"
                  data-alarm-id={alarm.id}
                  data-state={alarm.state}
                  data-priority={alarm.priority}
                  data-unacknowledged={isUnacknowledged(alarm) ? 'true' : 'false'}
                  data-focused={alarm.id === focused?.id ? 'true' : 'false'}
                  aria-selected={selected.has(alarm.id)}
                  onClick={() => {
                    setFocusId(alarm.id);
                    toggle(alarm.id);
                  }}
                >
                  <td className="al-check-col">
                    <input
                      type="checkbox"
                      className="al-check"
                      tabIndex={-1}
                      aria-label={`Select ${alarm.message}`}
                      checked={selected.has(alarm.id)}
                      onClick={(event) => event.stopPropagation()}
                      onChange={() => {
                        setFocusId(alarm.id);
                        toggle(alarm.id);
                      }}
                    />
                  </td>
                  <td>
                    <PriorityChip priority={alarm.priority} />
                  </td>
                  <td className="al-state" data-testid="alarm-state">
                    {isUnacknowledged(alarm) ? <span className="al-unack-mark" aria-hidden="true" /> : null}
                    {stateWords(alarm)}
                  </td>
                  <td className="al-time">{formatTimestamp(alarmTime(alarm), now)}</td>
                  <td className="al-asset">{names(alarm.asset)}</td>
                  <td className="al-msg">{alarm.message}</td>
                  <td className="al-num al-value">{formatAlarmValue(alarm.value, alarmTag(plant, alarm), faultTexts)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length === 0 ? (
            <div className="al-empty" data-testid="alarm-list-empty">
              {snapshot === null ? 'Waiting for the alarms…' : snapshot.alarms.length === 0 ? 'No alarms: every alarm is normal.' : 'No alarm matches the filter.'}
            </div>
          ) : null}
        </div>
        <div className="al-pager">
          <button type="button" className="al-button" data-testid="page-previous" disabled={current === 0} onClick={() => setPage(current - 1)}>
            ‹ Previous
          </button>
          <span className="al-page" data-testid="alarm-page">
            Page {current + 1} of {pages}
          </span>
          <button type="button" className="al-button" data-testid="page-next" disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>
            Next ›
          </button>
          <span className="al-keys">Keys: ↑ ↓ move · Space selects · Enter acknowledges</span>
        </div>
      </section>
      <aside className="al-actions" aria-label="Actions">
        {readOnly ? (
          <div className="read-only-hint" data-testid="read-only-hint">
            {readOnlyHint}
          </div>
        ) : null}
        {!readOnly && !respond.allowed && respond.hint !== null ? (
          <div className="perm-hint" data-testid="alarm-permission-hint">
            {respond.hint}
            {respond.canSignIn ? (
              <button type="button" className="al-button al-primary" data-testid="alarm-sign-in" onClick={respond.ask}>
                Sign in…
              </button>
            ) : null}
          </div>
        ) : null}
        <div className="al-selected" data-testid="alarm-selected-count">
          {chosen.length === 0 ? 'Tap alarms to select them' : `${chosen.length} selected`}
        </div>
        <button type="button" className="al-button al-primary" data-testid="ack-selected" disabled={noRespond || !some(isUnacknowledged)} onClick={() => acknowledge(chosen)}>
          Acknowledge selected
        </button>
        <button type="button" className="al-button" data-testid="ack-page" disabled={noRespond || unackedOnPage.length === 0} onClick={() => acknowledge(unackedOnPage)} title="Acknowledges the unacknowledged alarms on this page: those you can see">
          Acknowledge all on this page ({unackedOnPage.length})
        </button>
        <div className="al-action-gap" />
        <button type="button" className="al-button" data-testid="action-reset" disabled={noRespond || !some((a) => a.state === 'latched')} onClick={() => run([{ kind: 'reset', ids: chosen.filter((a) => a.state === 'latched').map((a) => a.id) }])}>
          Reset latched
        </button>
        <button type="button" className="al-button" data-testid="action-shelve" disabled={noRespond || !some((a) => a.state !== 'shelved' && a.state !== 'out-of-service')} onClick={() => setDialog('shelve')}>
          Shelve…
        </button>
        <button type="button" className="al-button" data-testid="action-unshelve" disabled={noRespond || !some((a) => a.state === 'shelved')} onClick={() => run(chosen.filter((a) => a.state === 'shelved').map((a) => ({ kind: 'unshelve', id: a.id })))}>
          Unshelve
        </button>
        <button type="button" className="al-button" data-testid="action-out-of-service" title={outOfService.hint ?? undefined} disabled={noService || !some((a) => a.state !== 'out-of-service')} onClick={() => setDialog('out-of-service')}>
          Out of service…
        </button>
        {respond.allowed && !outOfService.allowed && outOfService.hint !== null ? (
          <div className="perm-note" data-testid="out-of-service-hint">
            {outOfService.hint}
          </div>
        ) : null}
        <button type="button" className="al-button" data-testid="action-in-service" title={outOfService.hint ?? undefined} disabled={noService || !some((a) => a.state === 'out-of-service')} onClick={() => run(chosen.filter((a) => a.state === 'out-of-service').map((a) => ({ kind: 'in-service', id: a.id })))}>
          Return to service
        </button>
        <button type="button" className="al-button" data-testid="action-comment" disabled={noRespond || chosen.length === 0} onClick={() => setDialog('comment')}>
          Comment…
        </button>
        {chosen.length > 0 ? (
          <button type="button" className="al-button al-quiet" data-testid="clear-selection" onClick={() => setSelected(new Set())}>
            Clear selection
          </button>
        ) : null}
      </aside>
      {dialog === 'shelve' ? (
        <ShelveDialog
          subjects={subjects}
          onCancel={() => setDialog(null)}
          onConfirm={(reason, durationMs) => run(chosen.filter((a) => a.state !== 'shelved' && a.state !== 'out-of-service').map((a) => ({ kind: 'shelve', id: a.id, reason, durationMs })))}
        />
      ) : null}
      {dialog === 'out-of-service' ? (
        <TextDialog
          title="Take out of service"
          label="Reason (required)"
          confirm="Take out of service"
          minLength={3}
          subjects={subjects}
          onCancel={() => setDialog(null)}
          onConfirm={(reason) => run(chosen.filter((a) => a.state !== 'out-of-service').map((a) => ({ kind: 'out-of-service', id: a.id, reason })))}
        />
      ) : null}
      {dialog === 'comment' ? (
        <TextDialog title="Comment" label="Comment" confirm="Save comment" minLength={1} subjects={subjects} onCancel={() => setDialog(null)} onConfirm={(text) => run(chosen.map((a) => ({ kind: 'comment', id: a.id, text })))} />
      ) : null}
    </div>
  );
}
