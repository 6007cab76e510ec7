// Kiosk mode (electron/kiosk.ts) without Electron: the crash budgets, the relaunch bookkeeping
// in the command line, the XDG autostart entry (written in a temporary folder, never in the
// real home) and the Windows login item, and the crash handlers driven through fake app,
// dialog, process and webContents objects.
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WebContents } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  autostartDesktopEntry,
  desktopExecArg,
  disableAutostart,
  enableAutostart,
  kioskLaunchCommand,
  linuxAutostartFile,
  recordCrash,
  relaunchAfterCrash,
  relaunchArgs,
  relaunchOnMainProcessCrash,
  relaunchTimesFromArgs,
  reloadOnRendererCrash,
  rendererCrashPolicy,
  type RestartContext,
} from './kiosk.js';

const minute = 60_000;

describe('crash budget', () => {
  it('allows the limit within the window, refuses one more, and forgets crashes older than the window', () => {
    const policy = { limit: 3, windowMs: 10 * minute };
    let times: number[] = [];
    const verdicts: boolean[] = [];
    for (const at of [0, 1, 2, 3].map((m) => m * minute)) {
      const result = recordCrash(times, at, policy);
      times = result.times;
      verdicts.push(result.withinBudget);
    }
    expect(verdicts).toEqual([true, true, true, false]);
    // Just over ten minutes after the first crash only that one has left the window: still over the budget …
    const later = recordCrash(times, 10 * minute + 1, policy);
    expect(later.times).toEqual([1, 2, 3].map((m) => m * minute).concat(10 * minute + 1));
    expect(later.withinBudget).toBe(false);
    // … and once all have left it, back within.
    expect(recordCrash(times, 30 * minute, policy)).toEqual({ times: [30 * minute], withinBudget: true });
  });

  it('carries relaunch times in the command line, replacing the old ones and keeping every other argument', () => {
    expect(relaunchTimesFromArgs(['--kiosk'])).toEqual([]);
    expect(relaunchTimesFromArgs(['--kiosk', '--kiosk-relaunches=100,200,x,'])).toEqual([100, 200]);
    expect(relaunchArgs(['--config', '/etc/plant.yaml', '--kiosk-relaunches=1', '--kiosk'], [1, 2])).toEqual(['--config', '/etc/plant.yaml', '--kiosk', '--kiosk-relaunches=1,2']);
  });
});

describe('starting with the system', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lineside-kiosk-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('starts the AppImage when running from one, else the executable, with --kiosk and the plant config in use; an unpackaged app also names its folder', () => {
    expect(kioskLaunchCommand({ env: { APPIMAGE: '/home/op/Lineside-0.1.0.AppImage' }, execPath: '/tmp/.mount_Lines/lineside', isPackaged: true, appPath: '/x' })).toEqual({
      program: '/home/op/Lineside-0.1.0.AppImage',
      args: ['--kiosk'],
    });
    expect(kioskLaunchCommand({ env: {}, execPath: '/opt/Lineside/lineside', isPackaged: true, appPath: '/x' })).toEqual({ program: '/opt/Lineside/lineside', args: ['--kiosk'] });
    expect(kioskLaunchCommand({ env: {}, execPath: '/repo/node_modules/electron/dist/electron', isPackaged: false, appPath: '/repo' }).args).toEqual(['/repo', '--kiosk']);
    // The plant config in use goes along.
    expect(kioskLaunchCommand({ env: {}, execPath: '/opt/Lineside/lineside', isPackaged: true, appPath: '/x', configFile: '/etc/lineside/plant.yaml' }).args).toEqual([
      '--kiosk',
      '--config',
      '/etc/lineside/plant.yaml',
    ]);
  });

  it('renders an XDG autostart entry that runs the program with --kiosk, quoting what needs it', () => {
    const text = autostartDesktopEntry({ program: '/opt/Lineside/lineside', args: ['--kiosk'] });
    expect(text.split('\n')).toEqual(
      expect.arrayContaining(['[Desktop Entry]', 'Type=Application', 'Exec=/opt/Lineside/lineside --kiosk', 'X-GNOME-Autostart-enabled=true', 'Terminal=false']),
    );
    expect(text.startsWith('[Desktop Entry]\n')).toBe(true);
    expect(desktopExecArg('/home/op/My Apps/Lineside.AppImage')).toBe('"/home/op/My Apps/Lineside.AppImage"');
    expect(desktopExecArg('/a/50%')).toBe('/a/50%%');
    // `"` escaped by the quoting rule, then every backslash escaped once more as the key is a string.
    expect(desktopExecArg('a"b')).toBe('"a\\\\"b"');
    expect(() => autostartDesktopEntry({ program: '/x\nExec=/bin/sh', args: [] })).toThrow(/line break/);
  });

  it('puts the autostart file under $XDG_CONFIG_HOME, else ~/.config', () => {
    expect(linuxAutostartFile({}, '/home/op')).toBe('/home/op/.config/autostart/lineside.desktop');
    expect(linuxAutostartFile({ XDG_CONFIG_HOME: '/srv/cfg' }, '/home/op')).toBe('/srv/cfg/autostart/lineside.desktop');
    expect(linuxAutostartFile({ XDG_CONFIG_HOME: 'relative' }, '/home/op')).toBe('/home/op/.config/autostart/lineside.desktop');
  });

  it('on Linux writes the autostart entry (once), and leaving kiosk mode removes it', () => {
    const app = { setLoginItemSettings: vi.fn() };
    const log = { info: vi.fn(), warn: vi.fn() };
    const context = { app, platform: 'linux' as const, env: {}, homeDir: dir, command: { program: '/opt/Lineside/lineside', args: ['--kiosk'] }, log };
    enableAutostart(context);
    const file = join(dir, '.config', 'autostart', 'lineside.desktop');
    expect(readFileSync(file, 'utf8')).toContain('Exec=/opt/Lineside/lineside --kiosk\n');
    expect(statSync(file).mode & 0o777).toBe(0o644);
    expect(log.info).toHaveBeenCalledTimes(1);
    enableAutostart(context);
    expect(log.info).toHaveBeenCalledTimes(1); // unchanged: not written again
    enableAutostart({ ...context, command: { program: '/home/op/Lineside-0.2.0.AppImage', args: ['--kiosk'] } });
    expect(readFileSync(file, 'utf8')).toContain('Exec=/home/op/Lineside-0.2.0.AppImage --kiosk\n');
    disableAutostart(context);
    expect(existsSync(file)).toBe(false);
    expect(app.setLoginItemSettings).not.toHaveBeenCalled();
  });

  it('a failure to register is logged, not thrown: the HMI on screen matters more', () => {
    const log = { info: vi.fn(), warn: vi.fn() };
    const notAFolder = join(dir, 'file');
    writeFileSync(notAFolder, '');
    expect(() => enableAutostart({ app: { setLoginItemSettings: vi.fn() }, platform: 'linux', env: {}, homeDir: notAFolder, command: { program: '/x', args: [] }, log })).not.toThrow();
    expect(log.warn).toHaveBeenCalledWith(expect.objectContaining({ err: expect.any(Error) }), expect.stringMatching(/could not register/));
  });

  it('on Windows registers a login item with --kiosk, and removes the same one', () => {
    const app = { setLoginItemSettings: vi.fn() };
    const command = { program: 'C:\\Program Files\\Lineside\\Lineside.exe', args: ['--kiosk'] };
    const context = { app, platform: 'win32' as const, env: {}, homeDir: dir, command, log: { info: vi.fn(), warn: vi.fn() } };
    enableAutostart(context);
    disableAutostart(context);
    expect(app.setLoginItemSettings.mock.calls).toEqual([
      [{ openAtLogin: true, path: command.program, args: ['--kiosk'] }],
      [{ openAtLogin: false, path: command.program, args: ['--kiosk'] }],
    ]);
    expect(existsSync(join(dir, '.config'))).toBe(false);
  });
});

describe('coming back after a crash', () => {
  let now = 0;
  function restartContext(args: string[] = ['--kiosk']) {
    const calls: string[] = [];
    const context = {
      app: { relaunch: vi.fn(() => void calls.push('relaunch')), exit: vi.fn(() => void calls.push('exit')) },
      dialog: { showErrorBox: vi.fn(() => void calls.push('error box')) },
      log: { error: vi.fn(), fatal: vi.fn() },
      args,
      now: () => now,
    } satisfies RestartContext;
    return { context, calls };
  }
  beforeEach(() => {
    now = 1_000 * minute;
  });

  it('relaunches with the relaunch recorded, then exits with 1', () => {
    const { context, calls } = restartContext(['--config', 'plant.yaml', '--kiosk']);
    relaunchAfterCrash(context, 'boom');
    expect(calls).toEqual(['relaunch', 'exit']);
    expect(context.app.relaunch).toHaveBeenCalledWith({ args: ['--config', 'plant.yaml', '--kiosk', `--kiosk-relaunches=${now}`] });
    expect(context.app.exit).toHaveBeenCalledWith(1);
  });

  it('stops relaunching after 3 relaunches in 10 minutes: an error box says why, and the app exits', () => {
    const recent = [now - 9 * minute, now - 5 * minute, now - minute];
    const { context, calls } = restartContext(['--kiosk', `--kiosk-relaunches=${recent.join(',')}`]);
    relaunchAfterCrash(context, 'the config broke');
    expect(calls).toEqual(['error box', 'exit']);
    expect(context.dialog.showErrorBox).toHaveBeenCalledWith('Lineside has stopped', expect.stringMatching(/crashed 4 times in 10 minutes[\s\S]*the config broke/));
    // A relaunch older than 10 minutes no longer counts: the same crash now relaunches.
    const { context: later, calls: laterCalls } = restartContext(['--kiosk', `--kiosk-relaunches=${[now - 30 * minute, ...recent.slice(1)].join(',')}`]);
    relaunchAfterCrash(later, 'the config broke');
    expect(laterCalls).toEqual(['relaunch', 'exit']);
    expect(later.app.relaunch).toHaveBeenCalledWith({ args: ['--kiosk', `--kiosk-relaunches=${[...recent.slice(1), now].join(',')}`] });
  });

  it('an uncaught exception or unhandled rejection in the main process relaunches the app', () => {
    const proc = new EventEmitter();
    const { context, calls } = restartContext();
    relaunchOnMainProcessCrash(proc as unknown as NodeJS.Process, context);
    proc.emit('uncaughtException', new Error('driver blew up'));
    expect(calls).toEqual(['relaunch', 'exit']);
    expect(context.log.fatal).toHaveBeenCalledWith(expect.objectContaining({ err: expect.any(Error) }), expect.stringMatching(/uncaught/));
    proc.emit('unhandledRejection', 'a string reason');
    expect(calls).toEqual(['relaunch', 'exit', 'relaunch', 'exit']);
  });

  it('a crashed page is reloaded 5 times in 10 minutes; the 6th crash relaunches the app; a clean exit is no crash', () => {
    const contents = Object.assign(new EventEmitter(), { reload: vi.fn() });
    const { context, calls } = restartContext();
    reloadOnRendererCrash(contents as unknown as WebContents, context);
    contents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    expect(contents.reload).not.toHaveBeenCalled();
    for (let i = 0; i < rendererCrashPolicy.limit; i++) {
      now += minute;
      contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 11 });
    }
    expect(contents.reload).toHaveBeenCalledTimes(5);
    expect(calls).toEqual([]);
    now += minute;
    contents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 1 });
    expect(contents.reload).toHaveBeenCalledTimes(5);
    expect(calls).toEqual(['relaunch', 'exit']);
  });

  it('crashes spread out over more than 10 minutes keep being reloaded', () => {
    const contents = Object.assign(new EventEmitter(), { reload: vi.fn() });
    const { context, calls } = restartContext();
    reloadOnRendererCrash(contents as unknown as WebContents, context);
    for (let i = 0; i < 20; i++) {
      now += 3 * minute;
      contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 11 });
    }
    expect(contents.reload).toHaveBeenCalledTimes(20);
    expect(calls).toEqual([]);
  });
});
