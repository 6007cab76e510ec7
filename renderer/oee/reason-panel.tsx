/**
 * The reason panel, a touch dialog over the OEE screen: asks the core for a stop's reason
 * choices, shows the suggested ones as big buttons (one tap assigns at once, under the
 * signed-in account's name, which the core records) and every reason under its top-level
 * group, with an optional comment. A supervisor's edit of a reason already given is opened
 * only by a role that may (engineer and above). Refusals (e.g. action-refused, forbidden)
 * stay in the panel for the operator to read.
 */
import { useEffect, useRef, useState } from 'react';
import type { DowntimeStop, ReasonChoiceInfo, ReasonChoices } from '../../core/contract/index.js';
import { useAppState, useServices } from '../app-context.js';
import { reasonPanel, reasonText, refusalText } from './downtime-model.js';
import { formatDuration, formatStopTime, stateWords } from './oee-model.js';

export interface ReasonPanelProps {
  stop: DowntimeStop;
  supervisor: boolean;
  timeZone: string;
  periodFrom: number;
  onClose(): void;
  onAssigned(stop: DowntimeStop): void;
}

export function ReasonPanel({ stop, supervisor, timeZone, periodFrom, onClose, onAssigned }: ReasonPanelProps) {
  const { client } = useServices();
  const faultTexts = useAppState((s) => s.plant?.faultTexts);
  const signedIn = useAppState((s) => s.session?.user ?? null);
  const [choices, setChoices] = useState<ReasonChoices | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [comment, setComment] = useState('');
  const [showAll, setShowAll] = useState(false);
  const commentInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    let current = true;
    void client.downtimeReasonChoices({ stop: stop.id }).then((result) => {
      if (!current) return;
      if (result.ok) setChoices(result.value);
      else setError(refusalText(result, 'load'));
    });
    return () => {
      current = false;
    };
  }, [client, stop.id]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  useEffect(() => {
    if (supervisor) commentInput.current?.focus();
  }, [supervisor]);

  // The core records the signed-in account whatever the request says; a request needs a name.
  const user = signedIn?.name ?? 'viewer';
  const canAssign = signedIn !== null && !busy;

  const assign = (choice: ReasonChoiceInfo) => {
    if (!canAssign) return;
    setBusy(true);
    setError(null);
    const trimmed = comment.trim();
    void client.assignDowntimeReason({ stop: stop.id, reason: choice.code, user, supervisor, ...(trimmed === '' ? {} : { comment: trimmed }) }).then((result) => {
      setBusy(false);
      if (result.ok) onAssigned(result.value);
      else setError(refusalText(result, 'assign'));
    });
  };

  const model = choices === null ? null : reasonPanel(choices.choices);
  const fault = stop.faultCode === undefined ? '' : ` ${stop.faultCode}${faultTexts?.[stop.faultCode] !== undefined ? ` ${faultTexts[stop.faultCode]}` : ''}`;
  const held = stop.reason;

  return (
    <div className="modal-backdrop">
      <div className="oe-modal" role="dialog" aria-modal="true" aria-label="Reason for a stop" data-testid="reason-panel" data-supervisor={supervisor ? 'true' : 'false'}>
        <div className="oe-modal-head">
          <h2 className="oe-modal-title">
            {supervisor ? 'Change the reason' : 'Why did it stop?'}
            <span className="oe-modal-stop">
              {stop.assetName} · {stateWords[stop.state]}
              {fault} · {formatStopTime(stop.from, timeZone, periodFrom)} · {formatDuration(stop.durationMs)}
            </span>
          </h2>
          <button type="button" className="oe-button" data-testid="reason-cancel" onClick={onClose}>
            Cancel
          </button>
        </div>
        {held !== undefined ? (
          <p className="oe-modal-text">
            Now: <strong>{reasonText(held)}</strong>, given by {held.user}.
          </p>
        ) : null}
        <div className="oe-modal-fields">
          <div className="oe-field">
            <span className="field-label">{supervisor ? 'Supervisor' : 'Given by'}</span>
            <span className="oe-given-by" data-testid="reason-user">
              {signedIn?.name ?? 'Nobody is signed in'}
            </span>
          </div>
          <label className="oe-field oe-field-wide">
            <span className="field-label">Comment (optional, before you pick)</span>
            <input ref={commentInput} className="oe-input" data-testid="reason-comment" value={comment} maxLength={500} autoComplete="off" onChange={(e) => setComment(e.target.value)} />
          </label>
        </div>
        {error !== null ? (
          <p className="oe-modal-error" role="alert" data-testid="reason-error">
            {error}
          </p>
        ) : null}
        {signedIn === null ? <p className="oe-modal-text oe-need-name">Sign in to give the reason: it is recorded under your name.</p> : null}
        {model === null ? (
          error === null ? <p className="oe-modal-text">Loading the reasons…</p> : null
        ) : (
          <div className="oe-choices-scroll">
            {model.suggested.length > 0 ? (
              <div className="oe-suggested" data-testid="reason-suggested">
                {model.suggested.map((c) => (
                  <button key={c.code} type="button" className="oe-choice oe-choice-big" data-testid={`reason-choice-${c.code}`} disabled={!canAssign} onClick={() => assign(c)}>
                    <span className="oe-choice-text">{c.text}</span>
                    <span className="oe-choice-group">{c.texts.length > 1 ? c.texts[0] : ''}</span>
                  </button>
                ))}
              </div>
            ) : null}
            {model.suggested.length > 0 ? (
              <button type="button" className="oe-button oe-quiet oe-all-toggle" data-testid="reason-show-all" aria-expanded={showAll} onClick={() => setShowAll(!showAll)}>
                {showAll ? 'Fewer reasons' : 'Other reason…'}
              </button>
            ) : null}
            {showAll || model.suggested.length === 0 ? (
              <div className="oe-groups" data-testid="reason-groups">
                {model.groups.map((g) => (
                  <div key={g.text} className="oe-group">
                    <h3 className="oe-group-title">{g.text}</h3>
                    <div className="oe-group-choices">
                      {g.choices.map((c) => (
                        <button key={c.code} type="button" className="oe-choice" data-testid={`reason-all-${c.code}`} disabled={!canAssign} onClick={() => assign(c)}>
                          {c.text}
                        </button>
                      ))}
                    </div>
                  </div>
                ))}
              </div>
            ) : null}
          </div>
        )}
      </div>
    </div>
  );
}
