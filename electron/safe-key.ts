/**
 * The desktop app's secrets key, sealed with Electron's safeStorage (the OS keyring: DPAPI on
 * Windows, libsecret or KWallet on Linux). It is the same kind of key as the headless key file
 * (core/security/secrets.ts: 32 bytes that open the "enc:v1:" sealed passwords in the plant
 * config); here it lies at rest only as safeStorage.encryptString(base64 key), in
 * `<userData>/secrets.key.safe`, so copying the user-data folder to another machine or
 * account does not carry a usable key.
 *
 * Decided:
 * - Made on first use, mode 0600 in a 0700 folder. If the plain key file `<userData>/secrets.key`
 *   already exists (made by an earlier run without a keyring, or by
 *   `lineside secret seal --key-file …/secrets.key`), that key is the one sealed, so passwords
 *   already sealed with it keep opening; the plain file is left alone (`lineside secret seal`
 *   needs it) and a warning says it can be deleted once no more secrets are sealed with it.
 * - No keyring (isEncryptionAvailable() false, or Linux's 'basic_text' backend, which
 *   "encrypts" with a password built into Chromium): the key falls back to the plain key file
 *   via loadOrCreateKey (readable only by the user), with a warning saying so. But when a sealed
 *   key file exists and the keyring is not there now (a session without it, a locked keyring),
 *   this refuses with an error instead of making a new key, which would silently stop every
 *   sealed password from opening.
 * - A sealed key file that safeStorage cannot open (another user or machine, a reset keyring,
 *   a damaged file) is refused with an error that names the file and what to do; it is never
 *   replaced by a new key.
 * - The safeStorage object is a parameter (types only from 'electron'): tests use a fake.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SafeStorage } from 'electron';
import type { Logger } from '../core/runtime/logger.js';
import { loadOrCreateKey, SecretError } from '../core/security/secrets.js';

export type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>;

export interface SafeKeyOptions {
  /** The plain key file: the fallback without a keyring, and the key adopted on first use if it exists. */
  plainKeyFile: string;
  log: Pick<Logger, 'warn'>;
  /** process.platform; getSelectedStorageBackend() exists on Linux only. */
  platform: NodeJS.Platform;
}

const keyBase64 = /^[A-Za-z0-9+/]{43}=$/;

/** Why safeStorage cannot protect the key here, or undefined when it can. */
export function safeStorageUnavailable(safeStorage: SafeStorageLike, platform: NodeJS.Platform): string | undefined {
  if (!safeStorage.isEncryptionAvailable()) return 'safeStorage reports that encryption is not available';
  if (platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend();
    if (backend === 'basic_text') return "no keyring (libsecret or KWallet) was found: safeStorage's backend is basic_text";
    if (backend === 'unknown') return "safeStorage's backend is not known yet (asked before the app was ready)";
  }
  return undefined;
}

function openSealedKey(file: string, safeStorage: SafeStorageLike): Buffer {
  let text: string;
  try {
    text = safeStorage.decryptString(readFileSync(file));
  } catch (error) {
    throw new SecretError(
      `the secrets key ${file} cannot be opened by this account's keyring (${(error as Error).message}): it was sealed by another user or machine, the keyring was reset, or the file is damaged. ` +
        'Move the file away; a new key is made on the next start, and every "enc:v1:" password in the plant config must then be sealed again.',
    );
  }
  if (!keyBase64.test(text)) throw new SecretError(`the secrets key ${file} opens but does not hold a key (expected 32 bytes in base64): the file is damaged; move it away`);
  return Buffer.from(text, 'base64');
}

/**
 * The 32-byte secrets key sealed by safeStorage in `file`, made on first use; the plain key file
 * when safeStorage has no keyring to protect it with (see the header).
 */
export function loadOrCreateSafeKey(file: string, safeStorage: SafeStorageLike, options: SafeKeyOptions): Buffer {
  const unavailable = safeStorageUnavailable(safeStorage, options.platform);
  if (unavailable) {
    if (existsSync(file)) {
      throw new SecretError(
        `the secrets key ${file} is sealed by the keyring, which is not available now (${unavailable}): start Lineside in a session with the keyring unlocked`,
      );
    }
    options.log.warn({ keyFile: options.plainKeyFile, why: unavailable }, 'secrets key NOT protected by the OS keyring: using the plain key file, readable by this user only');
    return loadOrCreateKey(options.plainKeyFile);
  }
  if (existsSync(file)) return openSealedKey(file, safeStorage);

  const adopted = existsSync(options.plainKeyFile);
  const key = adopted ? loadOrCreateKey(options.plainKeyFile) : randomBytes(32);
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, safeStorage.encryptString(key.toString('base64')), { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  if (adopted) {
    options.log.warn(
      { keyFile: options.plainKeyFile, sealedKeyFile: file },
      'secrets key sealed with the OS keyring; the plain key file it came from is still there: delete it once no more secrets are sealed with it',
    );
  }
  // Read back what was written: a keyring that seals what it cannot open is caught now, not at the next start.
  const check = openSealedKey(file, safeStorage);
  if (!check.equals(key)) throw new SecretError(`the secrets key ${file} did not read back as written`);
  return key;
}
