/**
 * The Audit screen (`#/audit`, engineers and admins): the audit trail newest first (time, user,
 * station, action, target, outcome, particulars), filtered by time, user, action and text;
 * "More" raises the limit a page at a time; "Export CSV" asks the core for the matching records
 * (oldest first) and downloads them as lineside-audit-YYYYMMDD-HHMM.csv. The export itself is
 * audited by the core.
 */
import { useCallback, useEffect, useState } from 'react';
import type { AuditPage } from '../../core/contract/index.js';
import { useServices } from '../app-context.js';
import { formatTimestamp } from '../live/format.js';
import { downloadBlob } from '../trends/chart-export.js';
import { auditActions, auditFileName, auditFilter, auditPageSize, detailText, emptyAuditForm, nextLimit } from './audit-model.js';
import type { AuditFilter, AuditForm } from './audit-model.js';
import { useGate } from './gate.js';
import { GateNotice } from './users-screen.js';

const outcomeWords = { ok: 'Done', refused: 'Refused', failed: 'Failed' } as const;

function AuditTrail() {
  const { client } = useServices();
  const [form, setForm] = useState<AuditForm>(emptyAuditForm);
  const [filter, setFilter] = useState<AuditFilter>({});
  const [limit, setLimit] = useState(auditPageSize);
  const [page, setPage] = useState<AuditPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [exported, setExported] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const result = await client.auditSearch({ ...filter, limit });
    if (result.ok) {
      setPage(result.value);
      setError(null);
    } else setError(result.error.message);
  }, [client, filter, limit]);
  useEffect(() => {
    void load();
  }, [load]);

  const checked = auditFilter(form);
  const search = () => {
    if (!checked.ok) return;
    setFilter(checked.filter);
    setLimit(auditPageSize);
  };
  const exportCsv = () => {
    setBusy(true);
    setExported(null);
    void client.auditExport(filter).then((result) => {
      setBusy(false);
      if (!result.ok) return setError(result.error.message);
      const name = auditFileName(Date.now());
      downloadBlob(new Blob([result.value.csv], { type: 'text/csv;charset=utf-8' }), name);
      setExported(`${result.value.records} records saved as ${name}`);
      void load();
    });
  };
  const field = (key: keyof AuditForm) => ({ value: form[key], onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }) });
  const now = Date.now();

  return (
    <>
      <div className="acc-head">
        <h1 className="acc-title">Audit trail</h1>
        <span className="acc-note">Who did what, where and when; newest first.</span>
        <div className="acc-spacer" />
        <button type="button" className="al-button al-primary" data-testid="audit-export" disabled={busy} onClick={exportCsv}>
          {busy ? 'Exporting…' : 'Export CSV'}
        </button>
      </div>
      <div className="acc-filters" data-testid="audit-filters">
        <label className="al-field">
          <span className="field-label">From</span>
          <input className="al-input" data-testid="audit-from" type="datetime-local" {...field('from')} />
        </label>
        <label className="al-field">
          <span className="field-label">To</span>
          <input className="al-input" data-testid="audit-to" type="datetime-local" {...field('to')} />
        </label>
        <label className="al-field">
          <span className="field-label">User</span>
          <input className="al-input" data-testid="audit-user" maxLength={100} autoComplete="off" spellCheck={false} {...field('user')} />
        </label>
        <label className="al-field">
          <span className="field-label">Action</span>
          <select className="al-select" data-testid="audit-action" {...field('action')}>
            <option value="">Any action</option>
            {auditActions.map((action) => (
              <option key={action} value={action}>
                {action}
              </option>
            ))}
          </select>
        </label>
        <label className="al-field">
          <span className="field-label">Text</span>
          <input className="al-input" data-testid="audit-text" maxLength={100} autoComplete="off" spellCheck={false} {...field('text')} onKeyDown={(e) => e.key === 'Enter' && search()} />
        </label>
        <button type="button" className="al-button al-primary" data-testid="audit-search" disabled={!checked.ok} onClick={search}>
          Search
        </button>
        <button
          type="button"
          className="al-button"
          data-testid="audit-clear"
          onClick={() => {
            setForm(emptyAuditForm());
            setFilter({});
            setLimit(auditPageSize);
          }}
        >
          Clear
        </button>
      </div>
      {!checked.ok ? <p className="si-problem">{checked.reason}</p> : null}
      {error !== null ? (
        <p className="acc-error" role="alert" data-testid="audit-error">
          {error}
        </p>
      ) : null}
      {exported !== null ? (
        <p className="acc-note" data-testid="audit-exported">
          {exported}
        </p>
      ) : null}
      <table className="acc-table" data-testid="audit-table">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">User</th>
            <th scope="col">Station</th>
            <th scope="col">Action</th>
            <th scope="col">Target</th>
            <th scope="col">Outcome</th>
            <th scope="col">Particulars</th>
          </tr>
        </thead>
        <tbody>
          {(page?.records ?? []).map((record) => (
            <tr key={record.seq} data-testid="audit-row" data-action={record.action} data-outcome={record.outcome} data-user={record.user}>
              <td>{formatTimestamp(record.ts, now)}</td>
              <td>{record.user}</td>
              <td className="acc-detail">{record.station}</td>
              <td>{record.action}</td>
              <td data-testid="audit-target">{record.target}</td>
              <td className="acc-outcome" data-outcome={record.outcome}>
                {outcomeWords[record.outcome]}
              </td>
              <td className="acc-detail" data-testid="audit-detail">
                {detailText(record)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {page !== null && page.records.length === 0 ? <p className="acc-note">No record matches.</p> : null}
      {page?.more ? (
        <button type="button" className="al-button" data-testid="audit-more" disabled={nextLimit(limit) === limit} onClick={() => setLimit(nextLimit(limit))}>
          More (showing {page.records.length})
        </button>
      ) : null}
    </>
  );
}

export function AuditScreen() {
  const gate = useGate('audit-view', 'read the audit trail');
  return (
    <main className="acc-screen" data-testid="audit-screen">
      {gate.allowed ? <AuditTrail /> : <GateNotice testId="audit-gate" hint={gate.hint ?? ''} canSignIn={gate.canSignIn} onSignIn={gate.ask} />}
    </main>
  );
}
