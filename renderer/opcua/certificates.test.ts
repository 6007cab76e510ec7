import { describe, expect, it } from 'vitest';
import type { CertificateInfo } from '../../core/contract/index.js';
import { validityText } from './certificates.js';

const day = 86_400_000;
const now = Date.UTC(2026, 10, 22);
const cert = (validFrom: number, validTo: number): CertificateInfo => ({ subject: 'CN=x', issuer: 'CN=x', thumbprint: 'A'.repeat(40), validFrom, validTo, status: 'trusted' });

describe('certificate validity as shown', () => {
  it('is quiet for a certificate valid for longer than 30 days', () => {
    expect(validityText(cert(now - day, now + 400 * day), now)).toEqual({ text: 'valid until 2027-12-27', warn: false });
  });
  it('warns ahead of the expiry, at it, and before a certificate is valid', () => {
    expect(validityText(cert(now - day, now + 12.5 * day), now)).toEqual({ text: 'expires in 12 days (2026-12-04)', warn: true });
    expect(validityText(cert(now - 400 * day, now - day), now)).toEqual({ text: 'EXPIRED 2026-11-21', warn: true });
    expect(validityText(cert(now + day, now + 400 * day), now)).toEqual({ text: 'not valid before 2026-11-23', warn: true });
  });
});
