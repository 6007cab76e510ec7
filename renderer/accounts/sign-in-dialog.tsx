/**
 * The sign-in dialog, opened from the status bar or from an action the session may not do
 * (then it says why: "Sign in as operator to acknowledge alarms"). Quick users (accounts with a
 * PIN) are big name buttons: tap your name, type your PIN on the pad. Below, name and password
 * for everyone (engineers and admins always). Signed in, it shows who and offers Sign out. The
 * core's refusal is shown as it says it. Admins and engineers also find the Users, Audit and Engineering
 * screens here (on a narrow screen the status bar has no room for them).
 */
import { useEffect, useRef, useState } from 'react';
import { useAppState, useServices } from '../app-context.js';
import { Modal } from '../components/modal.js';
import { signIn, signOut } from '../session/accounts.js';
import { sessionMay } from '../stores/session-slice.js';
import { roleWords } from './gate.js';
import { PinPad } from './pin-pad.js';

export function SignInDialog({ reason }: { reason: string | null }) {
  const { client, store } = useServices();
  const session = useAppState((s) => s.session);
  const closeSignIn = useAppState((s) => s.closeSignIn);
  const showUsers = useAppState((s) => s.showUsers);
  const showAudit = useAppState((s) => s.showAudit);
  const showEngineering = useAppState((s) => s.showEngineering);
  const [pinUser, setPinUser] = useState<string | null>(null);
  const [pin, setPin] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const nameInput = useRef<HTMLInputElement>(null);
  const quickUsers = session?.quickUsers ?? [];

  const noQuickUsers = quickUsers.length === 0;
  useEffect(() => {
    if (noQuickUsers) nameInput.current?.focus();
  }, [noQuickUsers]);

  const run = (call: () => Promise<string | null>) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    void call().then((message) => {
      setBusy(false);
      if (message === null) closeSignIn();
      else {
        setError(message);
        setPin('');
      }
    });
  };

  const signInWithPin = () => {
    if (pinUser !== null && pin.length >= 4) run(() => signIn(client, store, { name: pinUser, pin }));
  };
  const passwordValid = name.trim() !== '' && password !== '';
  const signInWithPassword = () => passwordValid && run(() => signIn(client, store, { name: name.trim(), password }));

  const user = session?.user ?? null;
  return (
    <Modal title={pinUser === null ? 'Sign in' : `PIN for ${pinUser}`} testId="sign-in-dialog" onCancel={closeSignIn} wide>
      {reason !== null ? (
        <p className="al-modal-text si-reason" data-testid="sign-in-reason">
          {reason}
        </p>
      ) : null}
      {user !== null && pinUser === null ? (
        <div className="si-current" data-testid="sign-in-current">
          <span>
            Signed in as <strong>{user.name}</strong> ({roleWords[user.role]})
          </span>
          <button type="button" className="al-button" data-testid="sign-out" disabled={busy} onClick={() => run(() => signOut(client, store, 'user'))}>
            Sign out
          </button>
        </div>
      ) : null}
      {pinUser === null && (sessionMay(session, 'manage-users') || sessionMay(session, 'audit-view') || sessionMay(session, 'change-config')) ? (
        <div className="si-screens">
          {sessionMay(session, 'manage-users') ? (
            <button type="button" className="al-button" data-testid="open-users" onClick={() => (closeSignIn(), showUsers())}>
              Users…
            </button>
          ) : null}
          {sessionMay(session, 'audit-view') ? (
            <button type="button" className="al-button" data-testid="open-audit" onClick={() => (closeSignIn(), showAudit())}>
              Audit trail…
            </button>
          ) : null}
          {sessionMay(session, 'change-config') ? (
            <button type="button" className="al-button" data-testid="open-engineering" onClick={() => (closeSignIn(), showEngineering())}>
              Engineering…
            </button>
          ) : null}
        </div>
      ) : null}
      {error !== null ? (
        <p className="si-error" role="alert" data-testid="sign-in-error">
          {error}
        </p>
      ) : null}
      {pinUser !== null ? (
        <>
          <PinPad pin={pin} onChange={setPin} onEnter={signInWithPin} />
          <div className="al-modal-actions">
            <button
              type="button"
              className="al-button"
              data-testid="pin-other-user"
              onClick={() => {
                setPinUser(null);
                setPin('');
                setError(null);
              }}
            >
              ‹ Other user
            </button>
            <button type="button" className="al-button al-primary" data-testid="pin-sign-in" disabled={busy || pin.length < 4} onClick={signInWithPin}>
              {busy ? 'Signing in…' : 'Sign in'}
            </button>
          </div>
        </>
      ) : (
        <>
          {quickUsers.length > 0 ? (
            <section className="si-section" aria-label="Sign in with a PIN">
              <h3 className="si-heading">Tap your name, then type your PIN</h3>
              <div className="si-quick">
                {quickUsers.map((quick) => (
                  <button key={quick} type="button" className="si-quick-user" data-testid="quick-user" data-name={quick} onClick={() => (setPinUser(quick), setError(null))}>
                    {quick}
                  </button>
                ))}
              </div>
            </section>
          ) : null}
          <section className="si-section" aria-label="Sign in with a password">
            <h3 className="si-heading">{quickUsers.length > 0 ? 'Or with your name and password' : 'Your name and password'}</h3>
            <div className="si-password">
              <label className="al-field">
                <span className="field-label">Name</span>
                <input ref={nameInput} className="al-input" data-testid="sign-in-name" value={name} maxLength={64} autoComplete="off" spellCheck={false} onChange={(e) => setName(e.target.value)} />
              </label>
              <label className="al-field">
                <span className="field-label">Password</span>
                <input
                  className="al-input"
                  data-testid="sign-in-password"
                  type="password"
                  value={password}
                  maxLength={200}
                  autoComplete="off"
                  onChange={(e) => setPassword(e.target.value)}
                  onKeyDown={(e) => e.key === 'Enter' && signInWithPassword()}
                />
              </label>
            </div>
          </section>
          <div className="al-modal-actions">
            <button type="button" className="al-button" data-testid="dialog-cancel" onClick={closeSignIn}>
              Cancel
            </button>
            <button type="button" className="al-button al-primary" data-testid="sign-in-submit" disabled={busy || !passwordValid} onClick={signInWithPassword}>
              {busy ? 'Signing in…' : 'Sign in'}
            </button>
          </div>
        </>
      )}
    </Modal>
  );
}
