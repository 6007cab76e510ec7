/**
 * Who is at the station, on every screen: the status bar's sign-in control (the signed-in name
 * and role, or "Viewer — sign in"; one tap opens the sign-in dialog, which also signs out),
 * the dialogs it opens (sign-in; the first-run admin account while none exists), and the idle
 * logout's warning with its countdown in the last 30 s. Nothing shows in replay (no accounts).
 */
import { useEffect, useState } from 'react';
import { useAppState } from '../app-context.js';
import { roleWords } from './gate.js';
import { SetupDialog } from './setup-dialog.js';
import { SignInDialog } from './sign-in-dialog.js';
import './accounts.css';

export function SessionControl() {
  const session = useAppState((s) => s.session);
  const openSignIn = useAppState((s) => s.openSignIn);
  if (session === null || !session.accounts) return null;
  const user = session.user;
  return (
    <button
      type="button"
      className="sb-item sb-session"
      data-testid="session-control"
      data-role={session.role}
      data-user={user?.name ?? ''}
      title={user === null ? 'Signed out: every screen can be viewed; sign in to act' : `Signed in at ${session.station}`}
      onClick={() => openSignIn()}
    >
      <span className="sb-session-icon" aria-hidden="true">
        {user === null ? '○' : '●'}
      </span>
      {user === null ? (
        <span className="sb-session-text">
          <span className="sb-session-name">Viewer</span>
          <span className="sb-session-sep"> — </span>
          <span className="sb-session-role sb-session-action">sign in</span>
        </span>
      ) : (
        <span className="sb-session-text">
          <span className="sb-session-name">{user.name}</span>
          <span className="sb-session-role">{roleWords[user.role]}</span>
        </span>
      )}
    </button>
  );
}

/** "Signing out in 23 s — touch the screen to stay signed in." */
function IdleWarning({ at }: { at: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, []);
  const seconds = Math.max(0, Math.ceil((at - now) / 1000));
  return (
    <div className="banner banner-attention idle-warning" data-testid="idle-warning" role="alert">
      No activity: signing out in <strong data-testid="idle-countdown">{seconds} s</strong>. Touch the screen to stay signed in.
    </div>
  );
}

export function AccountDialogs() {
  const session = useAppState((s) => s.session);
  const signInDialog = useAppState((s) => s.signInDialog);
  const setupDismissed = useAppState((s) => s.setupDismissed);
  const idleLogoutAt = useAppState((s) => s.idleLogoutAt);
  if (session === null || !session.accounts) return null;
  return (
    <>
      {idleLogoutAt !== null && session.user !== null ? <IdleWarning at={idleLogoutAt} /> : null}
      {session.setupNeeded && (!setupDismissed || signInDialog !== null) ? <SetupDialog /> : signInDialog !== null ? <SignInDialog reason={signInDialog.reason} /> : null}
    </>
  );
}
