import { describe, expect, it } from 'vitest';
import { hashSecret, verifySecret } from './passwords.js';

describe('password hashes', () => {
  it('verify the right secret only, salt every hash, and refuse a malformed one', async () => {
    const a = await hashSecret('correct horse battery staple');
    const b = await hashSecret('correct horse battery staple');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(a).not.toBe(b);
    expect(await verifySecret('correct horse battery staple', a)).toBe(true);
    expect(await verifySecret('correct horse battery stapl', a)).toBe(false);
    expect(await verifySecret('', a)).toBe(false);
    expect(await verifySecret('x', 'plain-text-password')).toBe(false);
    expect(await verifySecret('x', a.replace(/\$[^$]+$/, '$AAAA'))).toBe(false);
  });

  it('keeps the parameters with the hash, so stronger ones can come later', async () => {
    const weak = await hashSecret('1234', { N: 2 ** 10, r: 8, p: 1 });
    expect(weak.startsWith('scrypt$1024$8$1$')).toBe(true);
    expect(await verifySecret('1234', weak)).toBe(true);
    expect(await verifySecret('4321', weak)).toBe(false);
  });
});
