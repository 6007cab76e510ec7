/**
 * Certificates on the Connections screen: the prompt for a server certificate that is not
 * trusted yet (who it claims to be, its thumbprint to compare with the server's admin, its
 * validity), and the list of the app's own and the servers' certificates with their expiry.
 */
import { useEffect, useRef } from 'react';
import type { CertificateInfo } from '../../core/contract/index.js';
import { groupedThumbprint } from './names.js';

const day = 86_400_000;

function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** "valid until 2027-11-21", "EXPIRED 2026-01-01", "expires in 12 days". */
export function validityText(certificate: CertificateInfo, now = Date.now()): { text: string; warn: boolean } {
  if (certificate.validFrom > now) return { text: `not valid before ${formatDate(certificate.validFrom)}`, warn: true };
  if (certificate.validTo < now) return { text: `EXPIRED ${formatDate(certificate.validTo)}`, warn: true };
  const days = Math.floor((certificate.validTo - now) / day);
  if (days < 30) return { text: `expires in ${days} day${days === 1 ? '' : 's'} (${formatDate(certificate.validTo)})`, warn: true };
  return { text: `valid until ${formatDate(certificate.validTo)}`, warn: false };
}

export function CertificatePrompt({ certificate, onTrust, onReject }: { certificate: CertificateInfo; onTrust(): void; onReject(): void }) {
  const reject = useRef<HTMLButtonElement>(null);
  useEffect(() => reject.current?.focus(), []);
  const validity = validityText(certificate);
  return (
    <div className="modal-backdrop">
      <div className="conn-modal" role="alertdialog" aria-modal="true" aria-labelledby="cert-title" data-testid="certificate-prompt">
        <h2 id="cert-title" className="conn-modal-title">
          This server’s certificate is not trusted yet
        </h2>
        <p className="conn-modal-text">Trust it only if the thumbprint matches the one the server’s administrator gives you. Nothing is sent until you decide.</p>
        <dl className="conn-cert">
          <dt>Subject</dt>
          <dd data-testid="cert-subject">{certificate.subject}</dd>
          <dt>Issuer</dt>
          <dd>{certificate.issuer}</dd>
          {certificate.applicationUri ? (
            <>
              <dt>Application</dt>
              <dd>{certificate.applicationUri}</dd>
            </>
          ) : null}
          <dt>Thumbprint (SHA-1)</dt>
          <dd className="conn-thumbprint" data-testid="cert-thumbprint">
            {groupedThumbprint(certificate.thumbprint)}
          </dd>
          <dt>Valid</dt>
          <dd className={validity.warn ? 'conn-warn' : undefined}>
            {formatDate(certificate.validFrom)} to {formatDate(certificate.validTo)} ({validity.text})
          </dd>
        </dl>
        <div className="conn-modal-actions">
          <button ref={reject} type="button" className="conn-button" data-testid="reject-certificate" onClick={onReject}>
            Reject
          </button>
          <button type="button" className="conn-button conn-primary" data-testid="trust-certificate" onClick={onTrust}>
            Trust and connect
          </button>
        </div>
      </div>
    </div>
  );
}

export function CertificateList({ certificates, onDecide }: { certificates: CertificateInfo[]; onDecide(thumbprint: string, trust: boolean): void }) {
  return (
    <section className="conn-panel" aria-label="Certificates" data-testid="certificates">
      <h2 className="conn-subtitle">Certificates</h2>
      {certificates.length === 0 ? <p className="conn-muted">None yet.</p> : null}
      <ul className="conn-cert-list">
        {certificates.map((certificate) => {
          const validity = validityText(certificate);
          return (
            <li key={`${certificate.status}-${certificate.thumbprint}`} className="conn-cert-item" data-status={certificate.status}>
              <div className="conn-cert-head">
                <span className="conn-cert-status">{certificate.status === 'own' ? 'This app' : certificate.status === 'trusted' ? 'Trusted' : 'Rejected'}</span>
                <span className="conn-cert-subject">{certificate.subject}</span>
              </div>
              <div className={`conn-cert-validity${validity.warn ? ' conn-warn' : ''}`}>{validity.text}</div>
              {certificate.status === 'own' ? null : (
                <button type="button" className="conn-button conn-small" onClick={() => onDecide(certificate.thumbprint, certificate.status !== 'trusted')}>
                  {certificate.status === 'trusted' ? 'Revoke trust' : 'Trust'}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
