// Secrets never leave in a capture: passwords, keys and PINs in the plant config are removed,
// sealed or not, and the rest of the file stays as written.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REMOVED_SECRET, withoutSecrets } from './config-secrets.js';

describe('withoutSecrets', () => {
  it('removes passwords, private keys and tokens at any depth, keeping comments and the rest', () => {
    const text = [
      '# the plant',
      'devices:',
      '  - id: plc',
      '    settings:',
      '      user: { kind: username, username: hmi, password: "enc:v1:AAAA" } # sealed',
      '  - id: broker',
      '    settings:',
      '      password: plain-text-oops',
      '      privateKey: |',
      '        -----BEGIN PRIVATE KEY-----',
      '        MIIE',
      'uplink: { token: abc, host: mqtt.example }',
      '',
    ].join('\n');
    const out = withoutSecrets(text);
    expect(out).not.toMatch(/enc:v1|plain-text-oops|BEGIN PRIVATE KEY|abc/);
    expect(out).toMatch(/# the plant/);
    const parsed = parse(out) as { devices: { settings: Record<string, unknown> }[]; uplink: { token: string; host: string } };
    expect(parsed.devices[0]!.settings.user).toEqual({ kind: 'username', username: 'hmi', password: REMOVED_SECRET });
    expect(parsed.devices[1]!.settings).toEqual({ password: REMOVED_SECRET, privateKey: REMOVED_SECRET });
    expect(parsed.uplink).toEqual({ token: REMOVED_SECRET, host: 'mqtt.example' });
  });

  it('still removes them from a file it cannot parse', () => {
    expect(withoutSecrets('a: [unclosed\npassword: hunter22\n')).not.toMatch(/hunter22/);
  });
});
