import { describe, expect, it } from 'vitest';
import { appUrlToRelativePath, desktopContentSecurityPolicy, isAppUrl, secureWebPreferences } from './security.js';

describe('Electron hardening', () => {
  it('windows are isolated and sandboxed with no Node in the page', () => {
    expect(secureWebPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false, disableBlinkFeatures: 'Auxclick' });
  });

  it('only the app scheme counts as the app', () => {
    expect(isAppUrl('lineside://app/index.html')).toBe(true);
    expect(isAppUrl('lineside://other/index.html')).toBe(false);
    expect(isAppUrl('file:///index.html')).toBe(false);
    expect(isAppUrl('http://127.0.0.1/')).toBe(false);
    expect(isAppUrl(undefined)).toBe(false);
  });

  it('maps app URLs to files below the renderer folder and nowhere else', () => {
    expect(appUrlToRelativePath('lineside://app/')).toBe('index.html');
    expect(appUrlToRelativePath('lineside://app/assets/index-abc.js')).toBe('assets/index-abc.js');
    // The URL parser resolves dot segments, so this stays inside the renderer folder …
    expect(appUrlToRelativePath('lineside://app/%2e%2e/%2e%2e/etc/passwd')).toBe('etc/passwd');
    // … and encoded slashes that would climb out after decoding are refused.
    expect(appUrlToRelativePath('lineside://app/..%2f..%2fetc%2fpasswd')).toBeUndefined();
    expect(appUrlToRelativePath('https://app/index.html')).toBeUndefined();
  });

  it('the content security policy allows nothing remote', () => {
    expect(desktopContentSecurityPolicy).toMatch(/default-src 'self'/);
    expect(desktopContentSecurityPolicy).not.toMatch(/https?:|\*/);
  });
});
