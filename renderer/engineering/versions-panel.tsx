/**
 * The applied config versions, newest first: number, time, author, comment, and which one
 * runs. Each earlier version can be compared with the running config, or rolled back to
 * (both open the review with the diff and the effects first; a rollback then asks for a
 * comment). The running version has neither: there is nothing to compare it with.
 */
import type { ConfigVersionInfo } from '../../core/contract/index.js';
import { formatTimestamp } from '../live/format.js';

export function VersionsPanel({
  versions,
  error,
  busy,
  onCompare,
  onRollback,
}: {
  versions: readonly ConfigVersionInfo[] | null;
  error: string | null;
  busy: boolean;
  onCompare(version: number): void;
  onRollback(version: number): void;
}) {
  const now = Date.now();
  if (error !== null) {
    return (
      <p className="acc-error" role="alert" data-testid="versions-error">
        {error}
      </p>
    );
  }
  if (versions === null) return <p className="eng-note">Loading the versions…</p>;
  if (versions.length === 0) return <p className="eng-note">No version is stored (the app runs without a historian).</p>;
  return (
    <table className="acc-table eng-versions" data-testid="versions-table">
      <thead>
        <tr>
          <th scope="col">Version</th>
          <th scope="col">Applied</th>
          <th scope="col">Comment</th>
          <th scope="col" aria-label="Actions" />
        </tr>
      </thead>
      <tbody>
        {versions.map((version) => (
          <tr key={version.version} data-testid="version-row" data-version={version.version} data-current={version.current ? 'true' : 'false'}>
            <td className="eng-version-no">
              {version.version}
              {version.current ? (
                <div className="eng-running" data-testid="version-running">
                  ● running
                </div>
              ) : null}
            </td>
            <td>
              {formatTimestamp(version.ts, now)}
              <div className="eng-version-author">{version.author}</div>
            </td>
            <td className="eng-version-comment">{version.comment}</td>
            <td>
              {version.current ? null : (
                <div className="eng-version-actions">
                  <button type="button" className="al-button" data-testid="version-compare" disabled={busy} onClick={() => onCompare(version.version)}>
                    Compare
                  </button>
                  <button type="button" className="al-button" data-testid="version-rollback" disabled={busy} onClick={() => onRollback(version.version)}>
                    Roll back…
                  </button>
                </div>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
