/**
 * The OPC UA certificate store (PKI) in `<stateDir>/opcua-pki`: our own application
 * instance certificate and the trust lists for server certificates. One
 * OPCUACertificateManager per root folder per process, shared by every device and the UI
 * tools, so a certificate trusted in the UI is trusted by the devices at once.
 *
 * Nothing is trusted silently: a server certificate that is not in trusted/ is put in
 * rejected/ by node-opcua, and stays there until the user trusts it (trust()). Whoever
 * waits for such a decision (a device retrying with backoff) can listen with
 * onTrustChange() and retry immediately.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getHostname, makeApplicationUrn, OPCUACertificateManager } from 'node-opcua';
import { LinesideError } from '../../model/errors.js';
import type { OpcuaCertificate } from './types.js';

export const APPLICATION_NAME = 'Lineside';

export interface OpcuaPki {
  root: string;
  manager: OPCUACertificateManager;
  applicationUri: string;
  certificateFile: string;
  privateKeyFile: string;
  /** Calls `listener` after every trust/reject; returns a function that stops it. */
  onTrustChange(listener: () => void): () => void;
}

const pkis = new Map<string, Promise<OpcuaPki>>();
/** Who waits for a trust decision, per root folder. */
const trustListeners = new Map<string, Set<() => void>>();

/** The PKI under a driver state folder, created (with our own certificate) on first use. */
export function opcuaPki(stateDir: string): Promise<OpcuaPki> {
  const root = join(stateDir, 'opcua-pki');
  let pki = pkis.get(root);
  if (!pki) {
    pki = createPki(root);
    pkis.set(root, pki);
    pki.catch(() => pkis.delete(root)); // a failed creation (disk full, permissions) is tried again next time
  }
  return pki;
}

async function createPki(root: string): Promise<OpcuaPki> {
  const manager = new OPCUACertificateManager({ rootFolder: root, automaticallyAcceptUnknownCertificate: false, name: 'lineside' });
  await manager.initialize();
  // Every OPCUAClient given this manager counts itself in on creation and disposes it on
  // disconnect; our own count keeps the shared store alive between clients (as node-opcua's
  // getDefaultCertificateManager does with its shared managers).
  manager.referenceCounter++;
  const hostname = getHostname();
  const applicationUri = makeApplicationUrn(hostname, 'lineside');
  const certificateFile = join(root, 'own', 'certs', 'client_certificate.pem');
  const privateKeyFile = join(root, 'own', 'private', 'private_key.pem');
  if (!existsSync(certificateFile)) {
    await manager.createSelfSignedCertificate({
      applicationUri,
      dns: [hostname],
      subject: `/CN=${`${APPLICATION_NAME}@${hostname}`.slice(0, 63)}/O=${APPLICATION_NAME}`,
      startDate: new Date(),
      validity: 365 * 5,
      outputFile: certificateFile,
    });
  }
  const listeners = new Set<() => void>();
  trustListeners.set(root, listeners);
  return {
    root,
    manager,
    applicationUri,
    certificateFile,
    privateKeyFile,
    onTrustChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

function notify(pki: OpcuaPki): void {
  for (const listener of trustListeners.get(pki.root) ?? []) listener();
}

/** A certificate as plain data; `der` is one DER certificate (the first of a chain). */
export function describeCertificate(der: Buffer, status: OpcuaCertificate['status']): OpcuaCertificate {
  const x509 = new X509Certificate(der);
  const uri = /URI:([^,\s]+)/.exec(x509.subjectAltName ?? '')?.[1];
  return {
    subject: x509.subject.split('\n').join(', '),
    issuer: x509.issuer.split('\n').join(', '),
    thumbprint: thumbprintOf(x509.raw),
    validFrom: Date.parse(x509.validFrom),
    validTo: Date.parse(x509.validTo),
    ...(uri ? { applicationUri: uri } : {}),
    status,
  };
}

export function thumbprintOf(der: Buffer): string {
  return createHash('sha1').update(der).digest('hex').toUpperCase();
}

/** The first certificate of a DER chain (a server may send its chain concatenated). */
export function firstCertificate(chain: Buffer): Buffer {
  // A DER certificate is a SEQUENCE: 0x30, then its length in short or long form.
  if (chain.length < 4 || chain[0] !== 0x30) return chain;
  const lengthByte = chain[1]!;
  if (lengthByte < 0x80) return chain.subarray(0, 2 + lengthByte);
  const bytes = lengthByte & 0x7f;
  let length = 0;
  for (let i = 0; i < bytes; i++) length = length * 256 + chain[2 + i]!;
  return chain.subarray(0, Math.min(chain.length, 2 + bytes + length));
}

/** PEM or DER file contents → DER. */
export function toDer(contents: Buffer): Buffer {
  const text = contents.toString('latin1');
  const pem = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(text);
  return pem ? Buffer.from(pem[1]!.replace(/\s+/g, ''), 'base64') : contents;
}

export async function ownCertificate(pki: OpcuaPki): Promise<OpcuaCertificate> {
  return describeCertificate(toDer(await readFile(pki.certificateFile)), 'trusted');
}

interface StoredCertificate {
  der: Buffer;
  certificate: OpcuaCertificate;
}

async function readFolder(folder: string, status: OpcuaCertificate['status']): Promise<StoredCertificate[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return [];
  }
  const out: StoredCertificate[] = [];
  for (const name of names.filter((n) => /\.(pem|der|crt|cer)$/i.test(n)).sort()) {
    try {
      const der = firstCertificate(toDer(await readFile(join(folder, name))));
      out.push({ der, certificate: describeCertificate(der, status) });
    } catch {
      // not a certificate (a stray file): not listed
    }
  }
  return out;
}

async function stored(pki: OpcuaPki): Promise<StoredCertificate[]> {
  const own = thumbprintOf(toDer(await readFile(pki.certificateFile)));
  const all = [...(await readFolder(pki.manager.trustedFolder, 'trusted')), ...(await readFolder(pki.manager.rejectedFolder, 'rejected'))];
  return all.filter((entry) => entry.certificate.thumbprint !== own);
}

/** Server certificates in trusted/ and rejected/ (not our own). */
export async function listCertificates(pki: OpcuaPki): Promise<OpcuaCertificate[]> {
  return (await stored(pki)).map((entry) => entry.certificate);
}

function normalise(thumbprint: string): string {
  return thumbprint.replace(/[\s:]/g, '').toUpperCase();
}

async function find(pki: OpcuaPki, thumbprint: string): Promise<StoredCertificate> {
  const wanted = normalise(thumbprint);
  if (!/^[0-9A-F]{40}$/.test(wanted)) throw new LinesideError('invalid-request', `'${thumbprint}' is not a certificate thumbprint: expected 40 hex digits (SHA-1)`);
  const entry = (await stored(pki)).find((e) => e.certificate.thumbprint === wanted);
  if (!entry) throw new LinesideError('not-found', `no server certificate with thumbprint ${wanted} in the trusted or rejected list`);
  return entry;
}

export async function trustCertificate(pki: OpcuaPki, thumbprint: string): Promise<void> {
  const entry = await find(pki, thumbprint);
  if (entry.certificate.status !== 'trusted') await pki.manager.trustCertificate(entry.der);
  notify(pki);
}

export async function rejectCertificate(pki: OpcuaPki, thumbprint: string): Promise<void> {
  const entry = await find(pki, thumbprint);
  if (entry.certificate.status !== 'rejected') await pki.manager.rejectCertificate(entry.der);
  notify(pki);
}

/**
 * Checks a server certificate against the trust list. Good → undefined; otherwise the
 * status name (BadCertificateUntrusted, BadCertificateTimeInvalid, …). An unknown
 * certificate is moved to rejected/ by node-opcua as a side effect.
 */
export async function checkServerCertificate(pki: OpcuaPki, der: Buffer): Promise<string | undefined> {
  const status = await pki.manager.checkCertificate(der);
  return status.isGood() ? undefined : status.name;
}
