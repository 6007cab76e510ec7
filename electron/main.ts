/**
 * The Electron main process: starts the core in-process, opens one hardened window on
 * the app's own scheme, and serves the contract over IPC. It opens no listening socket.
 * Bundled to dist/electron/main.cjs; the renderer is in dist/renderer.
 *
 * Replay: `--replay FILE` runs a capture instead of the plant (core/service/start-replay.ts).
 * File → Open capture… starts such a replay as an app of its own beside the live one, so the
 * line keeps being read and stored while an engineer replays; only the live app holds the
 * single-instance lock.
 *
 * Kiosk mode (`--kiosk`, electron/kiosk.ts): full screen with no menus, registered to start at
 * login on every start, the page reloaded after a crash and the app relaunched after a
 * main-process crash; `--leave-kiosk` removes the login entry and quits.
 * Sealed secrets in the plant config are opened with a key that safeStorage seals
 * (electron/safe-key.ts), not with the plain key file the headless server uses.
 */
import { readFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { spawn } from 'node:child_process';
import { basename } from 'node:path';
import { app, BrowserWindow, dialog, Menu, protocol, safeStorage, session } from 'electron';
import { createLogger } from '../core/runtime/logger.js';
import { builtInDemoNotChanged, startCore } from '../core/service/start-core.js';
import { startReplayCore } from '../core/service/start-replay.js';
import type { HmiService } from '../core/service/hmi-service.js';
import { registerIpcTransport } from './ipc-main.js';
import { disableAutostart, enableAutostart, kioskFlag, kioskLaunchCommand, leaveKioskFlag, relaunchOnMainProcessCrash, reloadOnRendererCrash, type AutostartContext, type RestartContext } from './kiosk.js';
import { loadOrCreateSafeKey } from './safe-key.js';
import { appEntryUrl, appScheme, appUrlToRelativePath, desktopContentSecurityPolicy, isAppUrl, type SecureWebPreferences } from './security.js';

const log = createLogger({ destination: process.stderr });
const rendererDir = join(__dirname, '..', 'renderer');
const preloadPath = join(__dirname, 'preload.cjs');

function argValue(argv: readonly string[], flag: string): string | undefined {
  const at = argv.indexOf(flag);
  return at >= 0 ? argv[at + 1] : undefined;
}

function configFromArgs(argv: readonly string[]): string {
  const given = argValue(argv, '--config');
  return given ? resolve(given) : join(app.getAppPath(), 'assets', 'demo', 'plant.yaml');
}

/** Asks for a capture file and opens it in a replay app of its own. */
async function openCapture(window: BrowserWindow): Promise<void> {
  const chosen = await dialog.showOpenDialog(window, {
    title: 'Open capture',
    filters: [{ name: 'Lineside capture', extensions: ['lsc'] }],
    properties: ['openFile'],
  });
  const file = chosen.filePaths[0];
  if (chosen.canceled || !file) return;
  const args = [...(app.isPackaged ? [] : [app.getAppPath()]), '--replay', file];
  spawn(process.execPath, args, { detached: true, stdio: 'ignore' }).unref();
}

function applicationMenu(window: BrowserWindow): Menu {
  return Menu.buildFromTemplate([
    {
      label: 'File',
      submenu: [{ label: 'Open capture…', accelerator: 'CmdOrCtrl+O', click: () => void openCapture(window) }, { type: 'separator' }, { role: 'quit' }],
    },
    { label: 'View', submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }] },
  ]);
}

const mimeTypes: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

protocol.registerSchemesAsPrivileged([{ scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();

function serveAppScheme(): void {
  protocol.handle(appScheme, async (request) => {
    const relative = appUrlToRelativePath(request.url);
    if (!relative) return new Response('not found', { status: 404 });
    try {
      const body = await readFile(join(rendererDir, relative));
      return new Response(body, {
        headers: {
          'content-type': mimeTypes[extname(relative)] ?? 'application/octet-stream',
          'content-security-policy': desktopContentSecurityPolicy,
          'x-content-type-options': 'nosniff',
        },
      });
    } catch {
      return new Response('not found', { status: 404 });
    }
  });
}

function lockDown(): void {
  // Nothing in the app asks for camera, location, notifications …: refuse every permission.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    // No new windows, and nothing handed to the system browser (shell.openExternal): the app
    // links to nothing outside itself.
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

/** What kiosk mode needs from Electron to relaunch the app after a crash. */
function restartContext(): RestartContext {
  return { app, dialog, log, args: process.argv.slice(1), now: () => Date.now() };
}

/** What kiosk mode needs from Electron to start this app at login. */
function autostartContext(): AutostartContext {
  const configFile = argValue(process.argv, '--config') ? configFromArgs(process.argv) : undefined;
  const command = kioskLaunchCommand({ env: process.env, execPath: process.execPath, isPackaged: app.isPackaged, appPath: app.getAppPath(), configFile });
  return { app, platform: process.platform, env: process.env, homeDir: app.getPath('home'), command, log };
}

/** The secrets key, sealed by safeStorage in the user-data folder (made the first time a sealed secret is opened). */
function secretKey(): Buffer {
  const userData = app.getPath('userData');
  return loadOrCreateSafeKey(join(userData, 'secrets.key.safe'), safeStorage, { plainKeyFile: join(userData, 'secrets.key'), log, platform: process.platform });
}

async function main(): Promise<void> {
  const replayFile = argValue(process.argv, '--replay');
  if (process.argv.includes(leaveKioskFlag)) {
    await app.whenReady();
    disableAutostart(autostartContext());
    app.quit();
    return;
  }
  if (!replayFile && !app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  const kiosk = !replayFile && process.argv.includes(kioskFlag);
  if (kiosk) relaunchOnMainProcessCrash(process, restartContext());
  await app.whenReady();
  if (kiosk) enableAutostart(autostartContext());
  serveAppScheme();
  lockDown();
  let core: { service: HmiService; stop(): Promise<void> };
  try {
    core = replayFile
      ? await startReplayCore({ captureFile: resolve(replayFile), transport: 'ipc', log, appVersion: app.getVersion(), electronVersion: process.versions.electron })
      : await startCore({
          configFile: configFromArgs(process.argv),
          ...(process.argv.includes('--config') ? {} : { readOnlyConfig: builtInDemoNotChanged }),
          transport: 'ipc',
          log,
          appVersion: app.getVersion(),
          electronVersion: process.versions.electron,
          dataDir: join(app.getPath('userData'), 'history'),
          stateDir: app.getPath('userData'),
          secretKey,
        });
  } catch (error) {
    log.fatal({ err: error }, 'could not start the core');
    process.stderr.write(`lineside: ${(error as Error).message}\n`);
    // A desktop user sees no terminal: the reason goes in a box too (a config error names its line).
    dialog.showErrorBox(replayFile ? 'Lineside cannot open the capture' : 'Lineside cannot start', (error as Error).message);
    app.exit(1);
    return;
  }
  registerIpcTransport(core.service, log);
  const window = new BrowserWindow({
    width: 1920,
    height: 1080,
    backgroundColor: '#d4d4d4',
    title: replayFile ? `Lineside — REPLAY of ${basename(replayFile)}` : 'Lineside',
    autoHideMenuBar: true,
    fullscreen: process.argv.includes('--kiosk'),
    kiosk: process.argv.includes('--kiosk'),
    // Spelt out here, where Electronegativity checks them; `satisfies` holds them to security.ts.
    webPreferences: {
      preload: preloadPath,
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
    } satisfies SecureWebPreferences,
  });
  // A kiosk has no menus; elsewhere File → Open capture….
  Menu.setApplicationMenu(process.argv.includes('--kiosk') ? null : applicationMenu(window));
  if (kiosk) reloadOnRendererCrash(window.webContents, restartContext());
  await window.loadURL(appEntryUrl);
  if (!replayFile) app.on('second-instance', () => window.focus());
  app.on('window-all-closed', () => app.quit());
  let stopping = false;
  app.on('before-quit', (event) => {
    if (stopping) return;
    stopping = true;
    event.preventDefault();
    void core.stop().finally(() => app.quit());
  });
}

void main();
