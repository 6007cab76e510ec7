/**
 * Kiosk mode for line-side PCs (`--kiosk`): full screen with no menus (electron/main.ts sets
 * that on the window), starting with the system, and coming back after a crash.
 *
 * Decided:
 * - Starting with the system is switched on by kiosk mode itself: every start with `--kiosk`
 *   (re)registers the app to start at login with `--kiosk` (and the `--config` it was given).
 *   Doing it on every start, not once, keeps the entry pointing at the program and plant config
 *   in use now: an AppImage upgrade is a new file with a new name. `--leave-kiosk` removes the
 *   entry and quits; that is how a PC leaves kiosk mode (close the window with Alt+F4 first: a
 *   window closed on purpose is not a crash). Registering never stops the app: a failure is
 *   logged. Windows: app.setLoginItemSettings (the user's Run key). Linux: an XDG
 *   autostart file, $XDG_CONFIG_HOME/autostart/lineside.desktop (~/.config/autostart), whose
 *   Exec is the AppImage ($APPIMAGE) or, from the .deb, the installed binary. Other platforms
 *   are not packaged; there kiosk mode only logs that it cannot register.
 * - A crashed page (render-process-gone, anything but a clean exit) is reloaded, at most
 *   5 times in 10 minutes. A sixth crash in that window restarts the whole app instead.
 * - An uncaught exception or unhandled rejection in the main process (kiosk mode only; a
 *   desktop user sees Electron's own error dialog) is logged, then the app relaunches itself
 *   and exits with 1. Relaunches are bounded too: the times of the recent ones travel in the
 *   relaunched command line (`--kiosk-relaunches=t1,t2,…`, no file to write while crashing);
 *   after 3 in 10 minutes the app stops relaunching, shows why in an error box and exits, so
 *   a fault at start-up cannot turn into a restart loop that hides the message.
 * - The budgets are decided by one pure function, recordCrash(); the Electron objects are
 *   parameters (types only from 'electron'), so all of this is tested without Electron.
 * - A hard crash of the main process (a signal, a native fault) is beyond an in-process
 *   handler; the README says how to add a supervisor (systemd) if a site wants that too.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { App, Dialog, RenderProcessGoneDetails, WebContents } from 'electron';
import type { Logger } from '../core/runtime/logger.js';

export const kioskFlag = '--kiosk';
export const leaveKioskFlag = '--leave-kiosk';
export const relaunchesFlag = '--kiosk-relaunches';

export interface CrashPolicy {
  /** How many crashes within the window are still handled by reloading or relaunching. */
  limit: number;
  windowMs: number;
}

export const rendererCrashPolicy: CrashPolicy = { limit: 5, windowMs: 10 * 60_000 };
export const relaunchPolicy: CrashPolicy = { limit: 3, windowMs: 10 * 60_000 };

/**
 * Adds a crash at `now` to the recent crash times: the times still inside the policy's window
 * (this one included) and whether they are within its limit.
 */
export function recordCrash(times: readonly number[], now: number, policy: CrashPolicy): { times: number[]; withinBudget: boolean } {
  const recent = [...times.filter((t) => t > now - policy.windowMs && t <= now), now];
  return { times: recent, withinBudget: recent.length <= policy.limit };
}

/** The relaunch times carried in a command line by `--kiosk-relaunches=…` (none when absent). */
export function relaunchTimesFromArgs(args: readonly string[]): number[] {
  const given = args.find((arg) => arg.startsWith(`${relaunchesFlag}=`));
  if (!given) return [];
  return given
    .slice(relaunchesFlag.length + 1)
    .split(',')
    .map(Number)
    .filter((t) => Number.isFinite(t) && t > 0);
}

/** The arguments for a relaunch: these arguments, with the relaunch times replaced by `times`. */
export function relaunchArgs(args: readonly string[], times: readonly number[]): string[] {
  return [...args.filter((arg) => !arg.startsWith(`${relaunchesFlag}=`)), `${relaunchesFlag}=${times.join(',')}`];
}

// ---- starting with the system ----

/** What starts the app at login: the program and its arguments. */
export interface LaunchCommand {
  program: string;
  args: string[];
}

/**
 * The command that starts this app in kiosk mode: the AppImage when running from one (the
 * AppImage runtime sets $APPIMAGE; execPath is then a path inside its temporary mount), else the
 * executable; an unpackaged app (a developer's `electron .`) also needs its folder. The plant
 * config it runs now (an absolute path) goes along, so the PC starts the same plant at login.
 */
export function kioskLaunchCommand(options: { env: NodeJS.ProcessEnv; execPath: string; isPackaged: boolean; appPath: string; configFile?: string | undefined }): LaunchCommand {
  const program = options.env.APPIMAGE || options.execPath;
  return {
    program,
    args: [...(options.isPackaged ? [] : [options.appPath]), kioskFlag, ...(options.configFile ? ['--config', options.configFile] : [])],
  };
}

/** The XDG autostart file: $XDG_CONFIG_HOME/autostart/lineside.desktop, ~/.config by default. */
export function linuxAutostartFile(env: NodeJS.ProcessEnv, homeDir: string): string {
  const configHome = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(homeDir, '.config');
  return join(configHome, 'autostart', 'lineside.desktop');
}

/**
 * One argument of an Exec line (Desktop Entry Specification, "The Exec key"): quoted when it
 * holds anything but plain characters; inside quotes `"`, `` ` ``, `$` and `\` are escaped with a
 * backslash; `%` is doubled (it starts field codes); and, as the key is a string, every
 * backslash is escaped once more.
 */
export function desktopExecArg(arg: string): string {
  const percentSafe = arg.replace(/%/g, '%%');
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(percentSafe)) return percentSafe;
  const quoted = `"${percentSafe.replace(/(["`$\\])/g, '\\$1')}"`;
  return quoted.replace(/\\/g, '\\\\');
}

/** The text of the XDG autostart entry that starts `command` at login. */
export function autostartDesktopEntry(command: LaunchCommand): string {
  if (/[\n\r]/.test([command.program, ...command.args].join(''))) throw new Error('an autostart command cannot contain a line break');
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    'Name=Lineside',
    'Comment=Line-side HMI, started in kiosk mode at login',
    `Exec=${[command.program, ...command.args].map(desktopExecArg).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** Writes the autostart entry (and its folder) unless it already says exactly this; true when it wrote. */
export function writeAutostartEntry(file: string, text: string): boolean {
  if (existsSync(file) && readFileSync(file, 'utf8') === text) return false;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text, { mode: 0o644 });
  return true;
}

/** Removes the autostart entry; true when there was one. */
export function removeAutostartEntry(file: string): boolean {
  if (!existsSync(file)) return false;
  rmSync(file);
  return true;
}

export interface AutostartContext {
  app: Pick<App, 'setLoginItemSettings'>;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  homeDir: string;
  command: LaunchCommand;
  log: Pick<Logger, 'info' | 'warn'>;
}

/**
 * Registers the app to start in kiosk mode at login (see the header for where). A failure is
 * logged, not thrown: the HMI on screen matters more than the next login.
 */
export function enableAutostart(context: AutostartContext): void {
  const { app, platform, env, homeDir, command, log } = context;
  try {
    if (platform === 'win32') {
      app.setLoginItemSettings({ openAtLogin: true, path: command.program, args: command.args });
      log.info({ program: command.program, args: command.args }, 'kiosk: starts at login (Windows login item)');
    } else if (platform === 'linux') {
      const file = linuxAutostartFile(env, homeDir);
      if (writeAutostartEntry(file, autostartDesktopEntry(command))) log.info({ file, program: command.program }, 'kiosk: starts at login (XDG autostart entry written)');
    } else {
      log.warn({ platform }, 'kiosk: starting at login is not supported on this platform');
    }
  } catch (error) {
    log.warn({ err: error }, 'kiosk: could not register the app to start at login');
  }
}

/** Undoes enableAutostart: the app no longer starts at login. */
export function disableAutostart(context: AutostartContext): void {
  const { app, platform, env, homeDir, command, log } = context;
  if (platform === 'win32') {
    // Windows tells login items apart by path and arguments: name the same ones.
    app.setLoginItemSettings({ openAtLogin: false, path: command.program, args: command.args });
    log.info('kiosk: no longer starts at login (Windows login item removed)');
  } else if (platform === 'linux') {
    const file = linuxAutostartFile(env, homeDir);
    log.info({ file, removed: removeAutostartEntry(file) }, 'kiosk: no longer starts at login');
  }
}

// ---- coming back after a crash ----

export interface RestartContext {
  app: Pick<App, 'relaunch' | 'exit'>;
  dialog: Pick<Dialog, 'showErrorBox'>;
  log: Pick<Logger, 'error' | 'fatal'>;
  /** The app's own command-line arguments (process.argv without the executable). */
  args: readonly string[];
  now: () => number;
}

/**
 * Relaunches the app and exits with 1, unless it has already relaunched too often lately: then
 * it says why in an error box and exits without relaunching.
 */
export function relaunchAfterCrash(context: RestartContext, why: string): void {
  const { app, dialog, log, args, now } = context;
  const { times, withinBudget } = recordCrash(relaunchTimesFromArgs(args), now(), relaunchPolicy);
  if (withinBudget) {
    log.error({ why, relaunches: times.length }, 'kiosk: relaunching after a crash');
    app.relaunch({ args: relaunchArgs(args, times) });
  } else {
    const minutes = relaunchPolicy.windowMs / 60_000;
    log.fatal({ why, relaunches: times.length }, 'kiosk: crashed too often, not relaunching');
    dialog.showErrorBox(
      'Lineside has stopped',
      `Lineside crashed ${times.length} times in ${minutes} minutes and is not restarted again.\n\nLast error: ${why}\n\nCall maintenance; restarting the PC starts Lineside again.`,
    );
  }
  app.exit(1);
}

/** In kiosk mode, an uncaught exception or unhandled rejection in the main process relaunches the app. */
export function relaunchOnMainProcessCrash(processLike: Pick<NodeJS.Process, 'on'>, context: RestartContext): void {
  processLike.on('uncaughtException', (error: Error) => {
    context.log.fatal({ err: error }, 'uncaught exception in the main process');
    relaunchAfterCrash(context, error.message);
  });
  processLike.on('unhandledRejection', (reason: unknown) => {
    context.log.fatal({ err: reason }, 'unhandled promise rejection in the main process');
    relaunchAfterCrash(context, reason instanceof Error ? reason.message : String(reason));
  });
}

/**
 * In kiosk mode, a page whose renderer is gone is reloaded, within rendererCrashPolicy; past it
 * the whole app is relaunched (relaunchAfterCrash).
 */
export function reloadOnRendererCrash(contents: WebContents, context: RestartContext): void {
  let crashes: number[] = [];
  contents.on('render-process-gone', (_event: unknown, details: RenderProcessGoneDetails) => {
    if (details.reason === 'clean-exit') return;
    const { times, withinBudget } = recordCrash(crashes, context.now(), rendererCrashPolicy);
    crashes = times;
    if (withinBudget) {
      context.log.error({ reason: details.reason, exitCode: details.exitCode, crashes: times.length }, 'kiosk: the page crashed; reloading it');
      contents.reload();
    } else {
      relaunchAfterCrash(context, `the page crashed ${times.length} times in ${rendererCrashPolicy.windowMs / 60_000} minutes (last: ${details.reason})`);
    }
  });
}
