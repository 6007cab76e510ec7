/**
 * Secrets at rest in headless mode: driver and broker passwords sealed in the plant config
 * as "enc:v1:…" (AES-256-GCM: a random 12-byte IV, the 16-byte tag, the ciphertext, base64),
 * opened with a key file that only the service user can read. The key file is made on first
 * use with mode 0600 in a 0700 folder; one that others can read is refused, with the
 * command that fixes it. A sealed value never needs to appear in clear anywhere but in the
 * driver that uses it. (The desktop app seals with Electron's safeStorage instead.)
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { LinesideError } from '../model/errors.js';

export const SEALED_PREFIX = 'enc:v1:';

export class SecretError extends LinesideError {
  constructor(message: string) {
    super('secret-invalid', message);
    this.name = 'SecretError';
  }
}

export function isSealed(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(SEALED_PREFIX);
}

/** The key in `file`, made (32 random bytes, mode 0600) when there is none. */
export function loadOrCreateKey(file: string): Buffer {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
  }
  const mode = statSync(file).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new SecretError(`the key file ${file} can be read by others (mode ${mode.toString(8).padStart(4, '0')}); only the service user may read it: chmod 600 ${file}`);
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new SecretError(`the key file ${file} does not hold a key (expected 32 bytes in base64, found ${key.length})`);
  return key;
}

export function sealSecret(plain: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `${SEALED_PREFIX}${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
}

export function openSecret(sealed: string, key: Buffer): string {
  if (!isSealed(sealed)) throw new SecretError(`not a sealed secret (expected a value starting with ${SEALED_PREFIX})`);
  const raw = Buffer.from(sealed.slice(SEALED_PREFIX.length), 'base64');
  if (raw.length < 28) throw new SecretError('the sealed secret is cut short');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretError("the sealed secret cannot be opened with this machine's key: it was sealed with another key, or changed");
  }
}
