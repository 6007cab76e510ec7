import { describe, expect, it } from 'vitest';
import { takeToken, tokenStorageKey } from './pick-client.js';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
  };
}

describe('takeToken', () => {
  it('takes the token from the address, remembers it and gives the address without it', () => {
    const storage = memoryStorage();
    const { token, cleanUrl } = takeToken('http://127.0.0.1:8080/?token=abc&x=1#/asset/line1/filler', storage);
    expect(token).toBe('abc');
    expect(cleanUrl).toBe('http://127.0.0.1:8080/?x=1#/asset/line1/filler');
    expect(storage.data.get(tokenStorageKey)).toBe('abc');
  });

  it('falls back to the remembered token after a reload', () => {
    const storage = memoryStorage({ [tokenStorageKey]: 'abc' });
    expect(takeToken('http://127.0.0.1:8080/', storage)).toEqual({ token: 'abc', cleanUrl: null });
  });

  it('has no token when neither the address nor the storage has one', () => {
    expect(takeToken('http://127.0.0.1:8080/?token=', memoryStorage())).toEqual({ token: null, cleanUrl: null });
    expect(takeToken('http://127.0.0.1:8080/', null)).toEqual({ token: null, cleanUrl: null });
  });

  it('still works when storage throws', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(takeToken('http://h/?token=t', broken).token).toBe('t');
    expect(takeToken('http://h/', broken).token).toBeNull();
  });
});
