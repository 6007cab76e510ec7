/**
 * The Electron hardening that does not need Electron to check: the window's web
 * preferences, the content security policy, and which URLs count as our own. Kept free of
 * `electron` imports so that tests run in plain Node.
 */

/** The app's pages are served from this privileged custom scheme, never from file://. */
export const appScheme = 'lineside';
export const appOrigin = `${appScheme}://app`;
export const appEntryUrl = `${appOrigin}/index.html`;

/**
 * Web preferences of every window: isolated, sandboxed, no Node in the page, and no new
 * window from a middle click (the Auxclick feature off). electron/main.ts spells them out at its
 * `new BrowserWindow`, where a reviewer and Electronegativity (`npm run test:electron-scan`,
 * which does not follow calls into other files) see them, and checks them with
 * `satisfies SecureWebPreferences`: these literal types make any other value, a missing key or
 * an extra one a type error.
 */
export const secureWebPreferences = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  spellcheck: false,
  navigateOnDragDrop: false,
  disableBlinkFeatures: 'Auxclick',
} as const;

/** What a window's `webPreferences` must be: exactly the above, plus our preload. */
export type SecureWebPreferences = { readonly preload: string } & typeof secureWebPreferences;

/** Content security policy of the desktop window: our scheme only, no remote anything. */
export const desktopContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** True only for pages of the app itself; IPC from anything else is refused. */
export function isAppUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${appScheme}:` && parsed.host === 'app';
  } catch {
    return false;
  }
}

/** Maps a request on the app scheme to a file below the renderer folder, or undefined. */
export function appUrlToRelativePath(url: string): string | undefined {
  if (!isAppUrl(url)) return undefined;
  const pathname = decodeURIComponent(new URL(url).pathname);
  const relative = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
  if (relative.split('/').some((part) => part === '..' || part === '')) return undefined;
  return relative;
}
