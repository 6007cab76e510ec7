// The desktop app's secrets key sealed with safeStorage (electron/safe-key.ts), with a fake
// safeStorage (a reversible XOR behind a marker, which refuses anything it did not make) in a
// temporary folder: round trip, stable across starts, 0600, damaged files refused, the plain
// key file adopted, and the fallback without a keyring.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadOrCreateKey, openSecret, sealSecret } from '../core/security/secrets.js';
import { loadOrCreateSafeKey, safeStorageUnavailable, type SafeStorageLike } from './safe-key.js';

const marker = Buffer.from('FAKE-SAFE:');

function fakeSafeStorage(options: { available?: boolean; backend?: ReturnType<SafeStorageLike['getSelectedStorageBackend']>; mask?: number } = {}) {
  const mask = options.mask ?? 0x5a;
  const xor = (bytes: Buffer) => Buffer.from(bytes.map((b) => b ^ mask));
  return {
    isEncryptionAvailable: () => options.available ?? true,
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    encryptString: vi.fn((plain: string) => Buffer.concat([marker, xor(Buffer.from(plain, 'utf8'))])),
    decryptString: (sealed: Buffer) => {
      if (!sealed.subarray(0, marker.length).equals(marker)) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return xor(sealed.subarray(marker.length)).toString('utf8');
    },
  } satisfies SafeStorageLike;
}

describe('the secrets key sealed with safeStorage', () => {
  let dir: string;
  let file: string;
  let plainKeyFile: string;
  const log = { warn: vi.fn() };
  const options = () => ({ plainKeyFile, log, platform: 'linux' as const });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lineside-safe-key-'));
    file = join(dir, 'userData', 'secrets.key.safe');
    plainKeyFile = join(dir, 'userData', 'secrets.key');
    log.warn.mockClear();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('makes a 32-byte key on first use, sealed (not in clear) in a 0600 file, and gives the same key on every later start', () => {
    const safeStorage = fakeSafeStorage();
    const key = loadOrCreateSafeKey(file, safeStorage, options());
    expect(key).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file).includes(Buffer.from(key.toString('base64')))).toBe(false);
    expect(existsSync(plainKeyFile)).toBe(false);
    expect(log.warn).not.toHaveBeenCalled();

    const again = loadOrCreateSafeKey(file, fakeSafeStorage(), options());
    expect(again.equals(key)).toBe(true);
    // And it opens what it sealed, as the core does with the plant config's passwords.
    expect(openSecret(sealSecret('broker-password', key), again)).toBe('broker-password');
  });

  it('refuses a sealed key that this keyring cannot open, naming the file, and does not replace it', () => {
    loadOrCreateSafeKey(file, fakeSafeStorage(), options());
    writeFileSync(file, Buffer.from('garbage that no keyring sealed'));
    expect(() => loadOrCreateSafeKey(file, fakeSafeStorage(), options())).toThrow(/cannot be opened by this account's keyring.*Move the file away/s);
    expect(() => loadOrCreateSafeKey(file, fakeSafeStorage(), options())).toThrow(file);
    expect(readFileSync(file, 'utf8')).toBe('garbage that no keyring sealed');
    // Another account's keyring (here: another mask) cannot open a good file either.
    const other = join(dir, 'other', 'secrets.key.safe');
    loadOrCreateSafeKey(other, fakeSafeStorage({ mask: 0x11 }), options());
    expect(() => loadOrCreateSafeKey(other, fakeSafeStorage({ mask: 0x22 }), options())).toThrow(/cannot be opened|does not hold a key/);
  });

  it('refuses a file that opens but does not hold a 32-byte key', () => {
    const safeStorage = fakeSafeStorage();
    loadOrCreateSafeKey(file, safeStorage, options());
    writeFileSync(file, safeStorage.encryptString(Buffer.alloc(16).toString('base64')));
    expect(() => loadOrCreateSafeKey(file, safeStorage, options())).toThrow(/does not hold a key/);
  });

  it('seals the existing plain key file rather than a new key, so passwords sealed with it keep opening', () => {
    const plainKey = loadOrCreateKey(plainKeyFile);
    const sealed = sealSecret('plc-password', plainKey);
    const key = loadOrCreateSafeKey(file, fakeSafeStorage(), options());
    expect(key.equals(plainKey)).toBe(true);
    expect(openSecret(sealed, key)).toBe('plc-password');
    expect(log.warn).toHaveBeenCalledWith(expect.objectContaining({ keyFile: plainKeyFile }), expect.stringMatching(/still there/));
  });

  it('falls back to the plain key file, with a warning, when there is no keyring', () => {
    for (const safeStorage of [fakeSafeStorage({ available: false }), fakeSafeStorage({ backend: 'basic_text' })]) {
      log.warn.mockClear();
      const key = loadOrCreateSafeKey(file, safeStorage, options());
      expect(key.equals(loadOrCreateKey(plainKeyFile))).toBe(true);
      expect(existsSync(file)).toBe(false);
      expect(safeStorage.encryptString).not.toHaveBeenCalled();
      expect(log.warn).toHaveBeenCalledWith(expect.objectContaining({ keyFile: plainKeyFile }), expect.stringMatching(/NOT protected/));
    }
  });

  it('refuses, rather than making a new key, when a sealed key exists but the keyring is not there now', () => {
    loadOrCreateSafeKey(file, fakeSafeStorage(), options());
    expect(() => loadOrCreateSafeKey(file, fakeSafeStorage({ backend: 'basic_text' }), options())).toThrow(/sealed by the keyring, which is not available now/);
    expect(existsSync(plainKeyFile)).toBe(false);
  });

  it("asks for the storage backend on Linux only (Electron has it there only)", () => {
    expect(safeStorageUnavailable(fakeSafeStorage({ backend: 'basic_text' }), 'win32')).toBeUndefined();
    expect(safeStorageUnavailable(fakeSafeStorage({ backend: 'basic_text' }), 'linux')).toMatch(/basic_text/);
    expect(safeStorageUnavailable(fakeSafeStorage({ backend: 'kwallet5' }), 'linux')).toBeUndefined();
  });
});
