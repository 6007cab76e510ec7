/**
 * The first run: no account exists yet, so the station asks for the admin account (there is
 * no default password). Name, password twice (at least 8 characters, checked here with the
 * contract's own schemas before the core checks again). "Not now" keeps viewing; the status
 * bar's sign-in control offers it again.
 */
import { useEffect, useRef, useState } from 'react';
import { passwordSchema, userNameSchema } from '../../core/contract/index.js';
import { useAppState, useServices } from '../app-context.js';
import { Modal } from '../components/modal.js';
import { setupAdmin } from '../session/accounts.js';

/** What is wrong with the form, in words; null when it may be sent. */
export function setupProblem(name: string, password: string, repeat: string): string | null {
  if (name.trim() === '') return 'Type a name for the admin account.';
  const badName = userNameSchema.safeParse(name);
  if (!badName.success) return `The name: ${badName.error.issues[0]?.message ?? 'not allowed'}.`;
  if (!passwordSchema.safeParse(password).success) return 'The password needs at least 8 characters.';
  if (password !== repeat) return 'The two passwords differ.';
  return null;
}

export function SetupDialog() {
  const { client, store } = useServices();
  const dismissSetup = useAppState((s) => s.dismissSetup);
  const [name, setName] = useState('admin');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const problem = setupProblem(name, password, repeat);

  const create = () => {
    if (problem !== null || busy) return;
    setBusy(true);
    setError(null);
    void setupAdmin(client, store, name.trim(), password).then((message) => {
      setBusy(false);
      setError(message);
    });
  };

  return (
    <Modal title="Create the admin account" testId="setup-dialog" onCancel={dismissSetup}>
      <p className="al-modal-text">
        This station has no user accounts yet. The admin account manages the others (operators, maintenance, engineers). Keep its password safe: there is no default password and no way around it.
      </p>
      <label className="al-field">
        <span className="field-label">Admin name</span>
        <input ref={input} className="al-input" data-testid="setup-name" value={name} maxLength={64} autoComplete="off" spellCheck={false} onChange={(e) => setName(e.target.value)} />
      </label>
      <div className="si-password">
        <label className="al-field">
          <span className="field-label">Password (at least 8 characters)</span>
          <input className="al-input" data-testid="setup-password" type="password" value={password} maxLength={200} autoComplete="new-password" onChange={(e) => setPassword(e.target.value)} />
        </label>
        <label className="al-field">
          <span className="field-label">Password again</span>
          <input className="al-input" data-testid="setup-repeat" type="password" value={repeat} maxLength={200} autoComplete="new-password" onChange={(e) => setRepeat(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && create()} />
        </label>
      </div>
      <p className="si-problem" data-testid="setup-problem" aria-live="polite">
        {error ?? (password === '' && repeat === '' ? '' : (problem ?? ''))}
      </p>
      <div className="al-modal-actions">
        <button type="button" className="al-button" data-testid="setup-later" onClick={dismissSetup}>
          Not now (keep viewing)
        </button>
        <button type="button" className="al-button al-primary" data-testid="setup-create" disabled={problem !== null || busy} onClick={create}>
          {busy ? 'Creating…' : 'Create admin account'}
        </button>
      </div>
    </Modal>
  );
}
