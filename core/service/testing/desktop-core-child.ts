/**
 * Desktop mode without Electron: the core started the way electron/main.ts starts it
 * (startCore with the IPC transport, the historian in USERDATA/history, driver state in
 * USERDATA), in a plain Node process, for core/service/desktop-sockets.alone.test.ts. It
 * starts no server: what electron/main.ts adds beside the core is the window, the app://
 * scheme and ipcMain (electron/ipc-main.ts), none of which is a network socket.
 *
 *   node --import tsx core/service/testing/desktop-core-child.ts --config PLANT.yaml --user-data DIR
 *
 * Prints "ready" on stdout once the core has started, logs (pino JSON) on stderr, and runs
 * until SIGTERM or SIGINT (it then stops the core and exits) or SIGKILL.
 */
import { join, resolve } from 'node:path';
import { createLogger } from '../../runtime/logger.js';
import { startCore } from '../start-core.js';

function argValue(argv: readonly string[], flag: string): string {
  const at = argv.indexOf(flag);
  const value = at >= 0 ? argv[at + 1] : undefined;
  if (!value) {
    process.stderr.write(`desktop-core-child: ${flag} is required (--config PLANT.yaml --user-data DIR)\n`);
    process.exit(2);
  }
  return value;
}

const configFile = resolve(argValue(process.argv, '--config'));
const userData = resolve(argValue(process.argv, '--user-data'));
const log = createLogger({ destination: process.stderr });

let core: Awaited<ReturnType<typeof startCore>>;
try {
  // As electron/main.ts with --config given (so no readOnlyConfig), app.getPath('userData') → userData.
  core = await startCore({
    configFile,
    transport: 'ipc',
    log,
    appVersion: 'test',
    dataDir: join(userData, 'history'),
    stateDir: userData,
  });
} catch (error) {
  log.fatal({ err: error }, 'could not start the core');
  process.stderr.write(`desktop-core-child: ${(error as Error).message}\n`);
  process.exit(1);
}

// Stays up until killed, even if the core had no timer of its own.
const keepAlive = setInterval(() => {}, 60_000);
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  clearInterval(keepAlive);
  // Bounded: a core that does not stop within 5 s is left behind.
  setTimeout(() => process.exit(0), 5000).unref();
  void core.stop().finally(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
process.stdout.write('ready\n');
