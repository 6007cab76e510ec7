/**
 * The maintenance work requests (open first): asset, title, when raised, priority (a shape
 * and a word), the diagnosis, the evidence lines and the remaining life when raised; an
 * "Acknowledge" button (maintenance and above; others get the sign-in dialog) that asks for an
 * optional comment, sends it to the core under the signed-in account's name and has the list
 * asked for again.
 */
import { useEffect, useRef, useState } from 'react';
import type { WorkRequest } from '../../core/contract/index.js';
import { useAppState, useServices } from '../app-context.js';
import { refusalText, sortWorkRequests, workRequestRow } from './fleet-model.js';
import { LevelChip } from './pdm-parts.js';
import { readOnlyHint, useReadOnly } from '../replay/read-only.js';
import { useGate } from '../accounts/gate.js';

function AckDialog({ request, onClose, onDone }: { request: WorkRequest; onClose(): void; onDone(): void }) {
  const { client } = useServices();
  const signedIn = useAppState((s) => s.session?.user ?? null);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const commentInput = useRef<HTMLTextAreaElement>(null);

  useEffect(() => commentInput.current?.focus(), []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  // The core records the signed-in account whatever the request says; a request needs a name.
  const user = signedIn?.name ?? 'viewer';
  const confirm = () => {
    if (signedIn === null || busy) return;
    setBusy(true);
    setError(null);
    const text = comment.trim();
    void client.acknowledgeWorkRequest({ id: request.id, user, ...(text === '' ? {} : { comment: text }) }).then((result) => {
      setBusy(false);
      if (result.ok) onDone();
      else setError(refusalText(result.error, 'The work request could not be acknowledged'));
    });
  };

  return (
    <div className="modal-backdrop">
      <div className="oe-modal pd-modal" role="dialog" aria-modal="true" aria-label="Acknowledge a work request" data-testid="ack-dialog">
        <div className="oe-modal-head">
          <h2 className="oe-modal-title">
            Acknowledge the work request
            <span className="oe-modal-stop">
              {request.assetName} · {request.title}
            </span>
          </h2>
        </div>
        <p className="oe-modal-text">
          You take it on: the acknowledgement is recorded under <strong data-testid="ack-user">{signedIn?.name ?? 'nobody (sign in first)'}</strong>.
        </p>
        <div className="pd-modal-fields">
          <label className="oe-field">
            <span className="field-label">Comment (optional)</span>
            <textarea ref={commentInput} className="oe-input pd-textarea" data-testid="ack-comment" value={comment} maxLength={500} placeholder="e.g. bearing ordered, replacement planned for Friday's stop" onChange={(e) => setComment(e.target.value)} />
          </label>
        </div>
        {error !== null ? (
          <p className="oe-modal-error" role="alert" data-testid="ack-error">
            {error}
          </p>
        ) : null}
        <div className="pd-modal-actions">
          <button type="button" className="oe-button" data-testid="ack-cancel" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="oe-button oe-primary" data-testid="ack-confirm" disabled={signedIn === null || busy} onClick={confirm}>
            {busy ? 'Acknowledging…' : 'Acknowledge'}
          </button>
        </div>
      </div>
    </div>
  );
}

export interface WorkRequestListProps {
  requests: readonly WorkRequest[];
  now: number;
  timeZone: string;
  /** Asks for the list again (after an acknowledgement). */
  reload(): void;
  /** Opens an asset's page; without it the asset is not a link (on the asset's own page). */
  openAsset?(asset: string): void;
}

export function WorkRequestList({ requests, now, timeZone, reload, openAsset }: WorkRequestListProps) {
  const [acking, setAcking] = useState<WorkRequest | null>(null);
  const readOnly = useReadOnly();
  const acknowledge = useGate('work-requests', 'acknowledge work requests');
  const sorted = sortWorkRequests(requests);
  if (sorted.length === 0) return <p className="oe-empty">No work requests.</p>;
  return (
    <>
      <ol className="pd-requests" data-testid="work-requests">
        {sorted.map((request) => {
          const row = workRequestRow(request, now, timeZone);
          return (
            <li key={row.id} className="pd-request" data-testid="work-request" data-status={request.status} data-level={row.level} data-id={row.id}>
              <div className="pd-request-head">
                <LevelChip level={row.level} text={row.open ? row.priorityText : row.statusText} />
                {openAsset !== undefined ? (
                  <button type="button" className="pd-link" data-testid="work-request-asset" onClick={() => openAsset(row.asset)}>
                    {row.assetName} ›
                  </button>
                ) : (
                  <span className="pd-request-asset">{row.assetName}</span>
                )}
              </div>
              <h3 className="pd-request-title">{row.title}</h3>
              <div className="pd-request-meta">
                {row.raisedText} · {row.healthText} · {row.zoneText}
              </div>
              <p className="pd-text">{row.diagnosis}</p>
              {row.evidence.length > 0 ? (
                <ul className="pd-evidence">
                  {row.evidence.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              ) : null}
              <p className="pd-request-life">
                <span className="field-label">Remaining life when raised</span> {row.remainingLife}
              </p>
              {row.open ? (
                <button type="button" className="oe-button oe-primary pd-ack" data-testid="work-request-ack"
                  data-allowed={acknowledge.allowed ? 'true' : 'false'}
                  disabled={readOnly || (!acknowledge.allowed && !acknowledge.canSignIn)}
                  title={readOnly ? readOnlyHint : (acknowledge.hint ?? undefined)}
                  onClick={() => (acknowledge.allowed ? setAcking(request) : acknowledge.ask())}
                >
                  {acknowledge.allowed || readOnly ? 'Acknowledge' : 'Sign in to acknowledge'}
                </button>
              ) : (
                <p className="pd-request-acked" data-testid="work-request-acked">
                  ✓ {row.acknowledgedText}
                </p>
              )}
            </li>
          );
        })}
      </ol>
      {acking !== null && !readOnly ? (
        <AckDialog
          request={acking}
          onClose={() => setAcking(null)}
          onDone={() => {
            setAcking(null);
            reload();
          }}
        />
      ) : null}
    </>
  );
}
