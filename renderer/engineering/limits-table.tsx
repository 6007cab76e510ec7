/**
 * "Alarm limits": every alarm of the config text that has a limit (tag, kind, limit, deadband,
 * on-delay, priority), read from the editor's text, with inputs that change that one value in
 * the text in place (config-text.ts). A value that differs from the running config says what
 * it was ("was 65"), so the table shows the edit as the diff will. The tag opens its line in
 * the editor.
 *
 * Decisions:
 * - A number input edits the text on every valid keystroke; while it holds something that is
 *   not a number (emptied to retype), the text keeps the last number and the cell says so.
 * - The on-delay is shown and typed in milliseconds, the unit of the file.
 */
import { useMemo, useState } from 'react';
import { alarmLimits, alarmPriorities, setAlarmField } from './config-text.js';
import type { LimitField, LimitRow } from './config-text.js';

function NumberCell({ row, field, value, was, unit, onEdit }: { row: LimitRow; field: LimitField; value: number | null; was: number | null | undefined; unit: string; onEdit(row: LimitRow, field: LimitField, value: number): void }) {
  const [draft, setDraft] = useState<string | null>(null);
  const shown = draft ?? (value === null ? '' : String(value));
  const invalid = draft !== null && (draft.trim() === '' || !Number.isFinite(Number(draft)));
  return (
    <td className="eng-cell">
      <input
        className="al-input eng-number"
        type="number"
        inputMode="decimal"
        step="any"
        data-testid={`limit-${field}`}
        aria-label={`${field} of ${row.id}${unit === '' ? '' : ` (${unit})`}`}
        aria-invalid={invalid || value === null ? 'true' : undefined}
        value={shown}
        onChange={(event) => {
          const text = event.target.value;
          setDraft(text);
          const number = Number(text);
          if (text.trim() !== '' && Number.isFinite(number)) onEdit(row, field, number);
        }}
        onBlur={() => setDraft(null)}
      />
      {invalid ? <div className="eng-cell-note">✕ a number</div> : was !== undefined && was !== value ? <div className="eng-cell-note">was {was ?? '—'}</div> : null}
    </td>
  );
}

export function LimitsTable({ text, running, onChange, onGoTo }: { text: string; running: string; onChange(text: string): void; onGoTo(line: number): void }) {
  const limits = useMemo(() => alarmLimits(text), [text]);
  const before = useMemo(() => {
    const result = alarmLimits(running);
    return new Map(result.ok ? result.rows.map((row) => [row.id, row]) : []);
  }, [running]);
  const [problem, setProblem] = useState<string | null>(null);

  const edit = (row: LimitRow, field: LimitField, value: number | string) => {
    const result = setAlarmField(text, row.path, field, value);
    if (!result.ok) return setProblem(`${row.id}: ${result.reason}`);
    setProblem(null);
    onChange(result.text);
  };

  if (!limits.ok) {
    return (
      <p className="eng-note" data-testid="limits-unreadable">
        ✕ The alarm limits show when the text reads again: {limits.reason}.
      </p>
    );
  }
  return (
    <>
      {problem !== null ? (
        <p className="acc-error" role="alert" data-testid="limits-problem">
          {problem}
        </p>
      ) : null}
      <table className="acc-table eng-limits" data-testid="limits-table">
        <thead>
          <tr>
            <th scope="col">Tag · alarm</th>
            <th scope="col">Limit</th>
            <th scope="col">Deadband</th>
            <th scope="col">On-delay ms</th>
            <th scope="col">Priority</th>
          </tr>
        </thead>
        <tbody>
          {limits.rows.map((row) => {
            const old = before.get(row.id);
            return (
              <tr key={row.id} data-testid="limit-row" data-alarm-id={row.id}>
                <td>
                  <button type="button" className="eng-tag" title={`${row.message} (line ${row.line} of the text)`} onClick={() => onGoTo(row.line)}>
                    <span className="eng-tag-path">
                      {row.tag.split('/').map((part, i) => (
                        <span key={i}>
                          {i === 0 ? '' : '/'}
                          <wbr />
                          {part}
                        </span>
                      ))}
                    </span>
                    <span className="eng-tag-kind">
                      {row.id.slice(row.tag.length + 1)}
                      {row.unit === '' ? '' : ` · ${row.unit}`} · line {row.line}
                    </span>
                  </button>
                </td>
                <NumberCell row={row} field="limit" value={row.limit} was={old?.limit} unit={row.unit} onEdit={edit} />
                <NumberCell row={row} field="deadband" value={row.deadband} was={old?.deadband} unit={row.unit} onEdit={edit} />
                <NumberCell row={row} field="onDelayMs" value={row.onDelayMs} was={old?.onDelayMs} unit="ms" onEdit={edit} />
                <td className="eng-cell">
                  <select className="al-select eng-priority" data-testid="limit-priority" aria-label={`priority of ${row.id}`} value={row.priority} onChange={(event) => edit(row, 'priority', event.target.value)}>
                    {(alarmPriorities as readonly string[]).includes(row.priority) ? null : <option value={row.priority}>{row.priority || '—'}</option>}
                    {alarmPriorities.map((priority) => (
                      <option key={priority} value={priority}>
                        {priority}
                      </option>
                    ))}
                  </select>
                  {old !== undefined && old.priority !== row.priority ? <div className="eng-cell-note">was {old.priority}</div> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {limits.rows.length === 0 ? <p className="eng-note">No alarm in the config has a limit.</p> : null}
    </>
  );
}
