import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isSealed, loadOrCreateKey, openSecret, sealSecret } from './secrets.js';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'lineside-secrets-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('sealed secrets', () => {
  it('makes a key only the owner can read, seals and opens, and never seals the same way twice', () => {
    const file = join(dir, 'keys', 'secrets.key');
    const key = loadOrCreateKey(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadOrCreateKey(file).equals(key)).toBe(true);
    const a = sealSecret('broker-pa$$word ✓', key);
    expect(isSealed(a)).toBe(true);
    expect(a).not.toContain('broker');
    expect(a).not.toBe(sealSecret('broker-pa$$word ✓', key));
    expect(openSecret(a, key)).toBe('broker-pa$$word ✓');
  });

  it('refuses a key file others can read, another key, and a changed secret, saying why', () => {
    const file = join(dir, 'secrets.key');
    const key = loadOrCreateKey(file);
    chmodSync(file, 0o644);
    expect(() => loadOrCreateKey(file)).toThrow(/can be read by others \(mode 0644\).*chmod 600/);
    const other = join(dir, 'other.key');
    writeFileSync(other, 'c2hvcnQ=\n', { mode: 0o600 });
    expect(() => loadOrCreateKey(other)).toThrow(/does not hold a key/);
    const sealed = sealSecret('s3cret', key);
    expect(() => openSecret(sealed, Buffer.alloc(32, 7))).toThrow(/cannot be opened with this machine's key/);
    const flipped = sealed.slice(0, -4) + (sealed.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect(() => openSecret(flipped, key)).toThrow(/cannot be opened/);
    expect(() => openSecret('plain', key)).toThrow(/not a sealed secret/);
  });
});

describe('sealed secrets in the plant config', () => {
  const config = (password: string) => `version: 1
site: S
area: A
devices:
  - id: dev
    driver: push
    settings: { host: 10.0.0.5, password: "${password}" }
lines:
  - id: line1
    name: Line 1
    assets:
      - { id: m, name: M, kind: machine, device: dev, tags: [{ name: t, address: a, type: float64, unit: "", description: T, sampleRateMs: 1000, rateReason: test }] }
`;

  it('are opened for the running app, left sealed for validate, and a wrong key is a problem at its line', async () => {
    const { parsePlantConfig } = await import('../config/index.js');
    const { pushDriver } = await import('../drivers/testing/push-driver.js');
    const key = loadOrCreateKey(join(dir, 'k.key'));
    const sealed = sealSecret('plc-secret', key);
    const drivers = [pushDriver('push').factory];
    const opened = parsePlantConfig(config(sealed), 'plant.yaml', drivers, { openSecret: (s) => openSecret(s, key) });
    expect((opened.devices[0]!.settings as { password: string }).password).toBe('plc-secret');
    expect((parsePlantConfig(config(sealed), 'plant.yaml', drivers).devices[0]!.settings as { password: string }).password).toBe(sealed);
    expect(() => parsePlantConfig(config(sealed), 'plant.yaml', drivers, { openSecret: (s) => openSecret(s, Buffer.alloc(32, 1)) })).toThrow(
      /plant\.yaml:7: the sealed secret at devices\[0\]\.settings\.password cannot be opened: the sealed secret cannot be opened with this machine's key/,
    );
  });

  it('never reach a log line', async () => {
    const { createLogger } = await import('../runtime/logger.js');
    const lines: string[] = [];
    const log = createLogger({ level: 'info', destination: { write: (line: string) => lines.push(line) } as unknown as NodeJS.WritableStream });
    log.info({ settings: { host: 'h', password: 'plc-secret' }, uplink: { broker: { password: 'mqtt-secret' } }, password: 'x1' }, 'starting');
    expect(lines.join('')).not.toMatch(/plc-secret|mqtt-secret|x1/);
    expect(lines.join('')).toContain('[secret]');
  });
});
