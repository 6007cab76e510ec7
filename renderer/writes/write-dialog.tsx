/**
 * The write confirmation, opened by a writable tag's "Set…" on the asset page: the tag's path
 * and description, its current value (live) with the unit, the new value (checked against the
 * type and the limits as it is typed; out of limits, Confirm stays disabled and says why), and
 * for a critical tag a second person's name with password or PIN. Confirm sends one writeTag;
 * the core's refusal is shown as it says it; success closes the dialog.
 */
import { useEffect, useRef, useState } from 'react';
import type { TagInfo } from '../../core/contract/index.js';
import { useAppState, useServices } from '../app-context.js';
import { Modal } from '../components/modal.js';
import { LiveValue } from '../live/live-value.js';
import { checkWriteValue, limitsText, secondPerson } from './write-model.js';
import type { SecondPersonKind } from './write-model.js';

export function WriteDialog({ tag, onClose }: { tag: TagInfo; onClose(): void }) {
  const { client } = useServices();
  const self = useAppState((s) => s.session?.user?.name ?? null);
  const [text, setText] = useState('');
  const [secondName, setSecondName] = useState('');
  const [secondSecret, setSecondSecret] = useState('');
  const [secondKind, setSecondKind] = useState<SecondPersonKind>('password');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  const check = checkWriteValue(tag, text);
  const second = tag.critical ? secondPerson(secondName, secondSecret, secondKind, self) : null;
  const limits = limitsText(tag);
  const problem = text.trim() === '' && tag.dataType !== 'bool' ? null : check.ok ? (second !== null && !second.ok ? second.reason : null) : check.reason;
  const ready = check.ok && (second === null || second.ok) && !busy;

  const confirm = () => {
    if (!ready || !check.ok) return;
    setBusy(true);
    setError(null);
    const confirmedBy = second !== null && second.ok ? { confirmedBy: second.credentials } : {};
    void client.writeTag({ path: tag.path, value: check.value, ...confirmedBy }).then((result) => {
      setBusy(false);
      if (result.ok) onClose();
      else setError(result.error.code === 'disconnected' ? 'There is no connection to the runtime.' : result.error.message);
    });
  };

  return (
    <Modal title={`Set ${tag.description || tag.name}`} testId="write-dialog" onCancel={onClose}>
      <dl className="wr-facts">
        <dt>Tag</dt>
        <dd data-testid="write-path">{tag.path}</dd>
        <dt>Now</dt>
        <dd data-testid="write-current">
          <LiveValue tag={tag} />
        </dd>
        <dt>Limits</dt>
        <dd data-testid="write-limits">{limits ?? 'none configured'}</dd>
        <dt>New value</dt>
        <dd className="wr-new">
          {tag.dataType === 'bool' ? (
            <div className="al-segmented" role="group" aria-label="New value">
              {(['true', 'false'] as const).map((v) => (
                <button key={v} type="button" className="al-seg" data-testid={`write-bool-${v}`} aria-pressed={text === v} onClick={() => setText(v)}>
                  {v === 'true' ? 'On' : 'Off'}
                </button>
              ))}
            </div>
          ) : (
            <input
              ref={input}
              className="al-input"
              data-testid="write-value"
              inputMode={tag.dataType === 'string' ? 'text' : 'decimal'}
              value={text}
              maxLength={tag.dataType === 'string' ? 1000 : 32}
              autoComplete="off"
              onChange={(e) => setText(e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && confirm()}
            />
          )}
          {tag.unit !== '' ? <span className="wr-unit">{tag.unit}</span> : null}
        </dd>
      </dl>
      {tag.critical ? (
        <section className="wr-second" data-testid="write-second-person" aria-label="Second person">
          <span className="field-label">Critical tag: a second person who may write tags confirms</span>
          <div className="si-password">
            <label className="al-field">
              <span className="field-label">Their name</span>
              <input className="al-input" data-testid="write-second-name" value={secondName} maxLength={64} autoComplete="off" spellCheck={false} onChange={(e) => setSecondName(e.target.value)} />
            </label>
            <label className="al-field">
              <span className="field-label">
                Their{' '}
                <select className="al-select" data-testid="write-second-kind" value={secondKind} onChange={(e) => setSecondKind(e.target.value as SecondPersonKind)}>
                  <option value="password">password</option>
                  <option value="pin">PIN</option>
                </select>
              </span>
              <input className="al-input" data-testid="write-second-secret" type="password" inputMode={secondKind === 'pin' ? 'numeric' : 'text'} value={secondSecret} maxLength={200} autoComplete="off" onChange={(e) => setSecondSecret(e.target.value)} />
            </label>
          </div>
        </section>
      ) : null}
      <p className="si-problem" data-testid="write-problem" aria-live="polite">
        {problem ?? ''}
      </p>
      {error !== null ? (
        <p className="si-error" role="alert" data-testid="write-error">
          {error}
        </p>
      ) : null}
      <div className="al-modal-actions">
        <button type="button" className="al-button" data-testid="dialog-cancel" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="al-button al-primary" data-testid="write-confirm" disabled={!ready} onClick={confirm}>
          {busy ? 'Writing…' : 'Confirm'}
        </button>
      </div>
    </Modal>
  );
}
