/**
 * The review of a config change before it runs, for three uses: the editor's text ("Review
 * changes" → Apply), an earlier version ("Roll back"), and a comparison that applies nothing
 * ("Compare"). It shows, in this order: what cannot apply live (a warning panel, before any
 * button), the problems when the text is invalid, what applying does in words, then the diff
 * (a sign and line numbers on every line). Applying needs a comment; the result says the new
 * version and whether it was saved to the file; a refusal is the core's message as it is.
 *
 * Decisions:
 * - The preview's `baseVersion` goes with the apply: the core refuses it if another version
 *   was applied since the preview, and the refusal says so.
 * - One call at a time; the dialog stays open after the result so the engineer reads it.
 */
import { useState } from 'react';
import type { ConfigApplied, ConfigPreview } from '../../core/contract/index.js';
import { useServices } from '../app-context.js';
import { Modal } from '../components/modal.js';
import { diffRows, diffSummary, effectLines } from './review-model.js';

export type ReviewSubject = { kind: 'apply'; yaml: string } | { kind: 'rollback'; version: number } | { kind: 'compare'; version: number };

function titleOf(subject: ReviewSubject, applied: ConfigApplied | null): string {
  if (applied !== null) return applied.version === null ? 'Applied' : `Applied: running version ${applied.version}`;
  if (subject.kind === 'apply') return 'Review changes';
  if (subject.kind === 'rollback') return `Roll back to version ${subject.version}`;
  return `Compare: running config → version ${subject.version}`;
}

export function DiffView({ preview }: { preview: ConfigPreview }) {
  const rows = diffRows(preview.diff);
  return (
    <section className="eng-diff-panel" aria-label="Differences">
      <h3 className="eng-subhead">
        Differences <span className="eng-subnote">({diffSummary(preview.diff)}; − running config, + new)</span>
      </h3>
      {rows.length === 0 ? (
        <p className="eng-note">The text is the same as the running config.</p>
      ) : (
        <div className="eng-diff" data-testid="config-diff" role="table" aria-label="Diff">
          {rows.map((row, i) => (
            <div key={i} className="eng-diff-row" role="row" data-testid="diff-line" data-kind={row.kind}>
              <span className="eng-diff-no" role="cell">
                {row.oldLine}
              </span>
              <span className="eng-diff-no" role="cell">
                {row.newLine}
              </span>
              <span className="eng-diff-sign" role="cell" data-testid="diff-sign">
                {row.sign}
              </span>
              <span className="eng-diff-text" role="cell" data-testid="diff-text">
                {row.text}
              </span>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}

function Effects({ preview, compare }: { preview: ConfigPreview; compare: boolean }) {
  const effects = preview.effects;
  return (
    <>
      {effects !== undefined && effects.notLive.length > 0 ? (
        <section className="eng-warning" data-testid="config-not-live" role="alert">
          <h3 className="eng-warning-title">⚠ Not applied live: {effects.notLive.length === 1 ? 'this part changes' : 'these parts change'} only at the next start</h3>
          <ul>
            {effects.notLive.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {!preview.valid ? (
        <section className="eng-invalid" data-testid="review-problems">
          <h3 className="eng-subhead">✕ This text cannot be applied</h3>
          <ul>
            {preview.problems.map((problem, i) => (
              <li key={i}>
                {problem.line === null ? '' : `Line ${problem.line}: `}
                {problem.message}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {effects !== undefined && !preview.unchanged ? (
        <section className="eng-effects" aria-label={compare ? 'What going to this version would do' : 'What applying does'}>
          <h3 className="eng-subhead">{compare ? 'Going to this version would' : 'Applying'}</h3>
          <ul data-testid="config-effects">
            {effectLines(effects).map((line) => (
              <li key={line} data-testid="config-effect">
                {line}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

function Result({ applied }: { applied: ConfigApplied }) {
  return (
    <div className="eng-result" data-testid="config-applied" role="status" data-version={applied.version ?? ''}>
      <strong>✓ Applied{applied.version === null ? '' : ` as version ${applied.version}`}.</strong>{' '}
      {applied.savedTo !== undefined ? `Saved to ${applied.savedTo}.` : `Not saved to the file: ${applied.notSaved ?? 'no reason given'}.`}
      {applied.effects.notLive.length > 0 ? ` Waits for the next start: ${applied.effects.notLive.join('; ')}.` : ''}
    </div>
  );
}

export function ReviewDialog({
  subject,
  preview,
  discardsEdits,
  onClose,
  onApplied,
}: {
  subject: ReviewSubject;
  preview: ConfigPreview;
  /** The editor has edits that this (a rollback) replaces. */
  discardsEdits: boolean;
  onClose(): void;
  onApplied(applied: ConfigApplied): void;
}) {
  const { client } = useServices();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [applied, setApplied] = useState<ConfigApplied | null>(null);
  const acts = subject.kind !== 'compare';
  const blocked = !preview.valid ? 'The text has problems: fix them first.' : preview.unchanged ? 'Nothing differs from the running config.' : null;

  const run = () => {
    if (subject.kind === 'compare' || comment.trim() === '') return;
    setBusy(true);
    setError(null);
    const call =
      subject.kind === 'apply'
        ? client.configApply({ yaml: subject.yaml, comment: comment.trim(), baseVersion: preview.baseVersion })
        : client.configRollback({ version: subject.version, comment: comment.trim(), baseVersion: preview.baseVersion });
    void call.then((result) => {
      setBusy(false);
      if (!result.ok) return setError(result.error.message);
      setApplied(result.value);
      onApplied(result.value);
    });
  };

  return (
    <Modal title={titleOf(subject, applied)} testId="config-review" onCancel={onClose} className="eng-review">
      <div className="eng-review-body">
        <Effects preview={preview} compare={!acts} />
        <DiffView preview={preview} />
      </div>
      {acts && applied === null ? (
        <div className="eng-apply">
          {discardsEdits ? <p className="eng-note">✕ The edits in the editor that are not applied are replaced by this version.</p> : null}
          {blocked !== null ? (
            <p className="eng-note" data-testid="review-blocked">
              {blocked}
            </p>
          ) : null}
          <label className="al-field eng-comment">
            <span className="field-label">Comment: what changed and why (required)</span>
            <input
              className="al-input"
              data-testid="config-comment"
              maxLength={500}
              value={comment}
              disabled={blocked !== null}
              onChange={(event) => setComment(event.target.value)}
              placeholder={subject.kind === 'apply' ? 'e.g. head temperature limit for the new caps' : 'e.g. back to the shipped limits'}
            />
          </label>
        </div>
      ) : null}
      {error !== null ? (
        <p className="acc-error" role="alert" data-testid="config-refused">
          {error}
        </p>
      ) : null}
      {applied !== null ? <Result applied={applied} /> : null}
      <div className="al-modal-actions">
        <button type="button" className="al-button" data-testid="review-close" onClick={onClose}>
          {acts && applied === null ? 'Cancel' : 'Close'}
        </button>
        {acts && applied === null ? (
          <button type="button" className="al-button al-primary" data-testid="config-apply" disabled={busy || blocked !== null || comment.trim() === ''} onClick={run}>
            {busy ? 'Applying…' : subject.kind === 'apply' ? 'Apply' : `Roll back to version ${subject.version}`}
          </button>
        ) : null}
      </div>
    </Modal>
  );
}
