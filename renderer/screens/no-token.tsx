/** Shown instead of the app when the page was opened without the session token. */
export function NoToken() {
  return (
    <main className="fullscreen-message" data-testid="no-token">
      <div className="message-box">
        <div className="message-title">No session token</div>
        <p>
          This page needs the link printed by <code>lineside serve</code> (it carries the session token).
        </p>
        <p className="message-hint">Open that link on this machine, or restart the server to get a new one.</p>
      </div>
    </main>
  );
}

/** Shown when the app could not start at all. */
export function StartupError({ message }: { message: string }) {
  return (
    <main className="fullscreen-message" data-testid="startup-error">
      <div className="message-box">
        <div className="message-title">Lineside could not start</div>
        <p>{message}</p>
      </div>
    </main>
  );
}
