/**
 * "Seal a password…": an engineer types a device's or the broker's password and gets it sealed
 * with the app's own key (safeStorage's in the desktop app, the key file headless), to paste into
 * the config as `password: "enc:v1:…"`. The password goes to the core once and is not kept; the
 * sealing is audited without it. Before this, sealing for the desktop app meant the command
 * line and the plain key file.
 */
import { useState } from 'react';
import { Modal } from '../components/modal.js';
import { useServices } from '../app-context.js';

export function SealDialog({ onClose }: { onClose(): void }) {
  const { client } = useServices();
  const [secret, setSecret] = useState('');
  const [sealed, setSealed] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  const seal = async () => {
    setError(null);
    const result = await client.configSealSecret({ secret });
    if (!result.ok) return setError(result.error.message);
    setSealed(result.value.sealed);
    setSecret('');
  };
  const copy = async () => {
    if (sealed === null) return;
    await navigator.clipboard?.writeText(`"${sealed}"`).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };

  return (
    <Modal title="Seal a password" testId="seal-dialog" onCancel={onClose}>
      <p className="al-modal-text">The sealed text opens only with this app's key. Paste it into the config in place of the password, in quotes.</p>
      <label className="al-field">
        <span className="field-label">Password or key</span>
        <input className="al-input" type="password" autoComplete="off" value={secret} data-testid="seal-secret" onChange={(event) => setSecret(event.target.value)} />
      </label>
      {sealed !== null ? (
        <label className="al-field">
          <span className="field-label">Sealed{copied ? ' — copied' : ''}</span>
          <input className="al-input eng-sealed" readOnly value={`"${sealed}"`} data-testid="seal-result" onFocus={(event) => event.target.select()} />
        </label>
      ) : null}
      {error !== null ? (
        <p className="acc-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="al-modal-actions">
        <button type="button" className="al-button" onClick={onClose}>
          Close
        </button>
        {sealed !== null ? (
          <button type="button" className="al-button" onClick={() => void copy()}>
            Copy
          </button>
        ) : null}
        <button type="button" className="al-button al-primary" disabled={secret === ''} data-testid="seal-run" onClick={() => void seal()}>
          Seal
        </button>
      </div>
    </Modal>
  );
}
