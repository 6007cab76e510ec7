/**
 * The `lineside` command line: `serve` runs the core headless with the UI on a loopback
 * URL; `sim` serves the simulated line over Modbus TCP or OPC UA; `validate` checks a
 * plant config without running it; `analyze` analyses one vibration recording (CSV or
 * WAV); `replay` opens a capture file; `capture` exports and imports them (capture.ts). Bundled to dist/cli.js, so paths to the renderer and the demo plant are relative
 * to that file.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import { describeConfigSummary, loadPlantConfig } from '../config/index.js';
import { LinesideError } from '../model/errors.js';
import { MAX_REPLAY_SPEED, MIN_REPLAY_SPEED } from '../contract/index.js';
import { modbusPlantConfig, serveRuntimeOverModbus } from '../drivers/modbus/index.js';
import { driverFactories } from '../drivers/registry.js';
import { createRealClock } from '../runtime/clock.js';
import { createRuntime } from '../runtime/runtime.js';
import { createLogger } from '../runtime/logger.js';
import { startHeadlessServer } from '../server/http-server.js';
import type { AnalyzeOptions } from './analyze.js';
import { builtInDemoNotChanged, startCore } from '../service/start-core.js';
import { startReplayCore } from '../service/start-replay.js';
import type { HmiService } from '../service/hmi-service.js';
import type { Logger } from '../runtime/logger.js';
import { captureCommand } from './capture.js';
import { auditCommand } from './audit.js';
import { userCommand } from './user.js';
import { secretCommand } from './secret.js';

const distDir = dirname(fileURLToPath(import.meta.url));
const packageRoot = resolve(distDir, '..');
const demoConfig = join(packageRoot, 'assets', 'demo', 'plant.yaml');

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError(`expected a port number 0–65535 (0 picks a free one), got "${text}"`);
  return port;
}

function parseSpeed(text: string): number {
  const speed = Number(text);
  if (!(speed > 0 && speed <= 10_000)) throw new InvalidArgumentError(`expected a clock speed factor above 0 and up to 10000, got "${text}"`);
  return speed;
}

function parseReplaySpeed(text: string): number {
  const speed = Number(text);
  if (!(speed >= MIN_REPLAY_SPEED && speed <= MAX_REPLAY_SPEED)) throw new InvalidArgumentError(`expected a replay speed from ${MIN_REPLAY_SPEED} to ${MAX_REPLAY_SPEED}, got "${text}"`);
  return speed;
}

function parsePositive(what: string): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (!(Number.isFinite(value) && value > 0)) throw new InvalidArgumentError(`expected ${what} above 0, got "${text}"`);
    return value;
  };
}

function parseChannel(text: string): number {
  const channel = Number(text);
  if (!(Number.isInteger(channel) && channel >= 1)) throw new InvalidArgumentError(`expected a channel number 1, 2, …, got "${text}"`);
  return channel;
}

interface ServeOptions {
  config: string;
  port: number;
  speed: number;
  logLevel: string;
  rendererDir: string;
  dataDir: string;
  history: boolean;
  idleLogout: number;
}

/** Where history is kept unless --data-dir says otherwise: $XDG_DATA_HOME/lineside or ~/.local/share/lineside. */
function defaultDataDir(): string {
  return process.env.LINESIDE_DATA_DIR ?? join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'lineside');
}

export async function serve(options: ServeOptions): Promise<void> {
  // Logs are JSON lines on stderr; stdout carries the one line a person needs: the URL.
  const log = createLogger({ level: options.logLevel, destination: process.stderr });
  if (!existsSync(join(options.rendererDir, 'index.html'))) {
    throw new LinesideError('renderer-missing', `the UI is not built (no ${join(options.rendererDir, 'index.html')}); run "npm run build" first`);
  }
  const core = await startCore({
    configFile: options.config,
    transport: 'websocket',
    log,
    speed: options.speed,
    appVersion: packageVersion(),
    ...(options.history ? { dataDir: options.dataDir } : {}),
    stateDir: options.dataDir,
    idleLogoutMs: options.idleLogout * 1000,
    ...(resolve(options.config) === demoConfig ? { readOnlyConfig: builtInDemoNotChanged } : {}),
  });
  const plant = core.runtime.plant;
  await serveUntilStopped(core, options, log, `${plant.site} / ${plant.area} (${options.config})`);
}

/** Serves a running core on the loopback URL until SIGINT / SIGTERM. */
async function serveUntilStopped(core: { service: HmiService; stop(): Promise<void> }, options: { port: number; rendererDir: string }, log: Logger, what: string): Promise<void> {
  let server;
  try {
    server = await startHeadlessServer({ service: core.service, rendererDir: options.rendererDir, port: options.port, log });
  } catch (error) {
    await core.stop();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new LinesideError('port-in-use', `port ${options.port} on 127.0.0.1 is in use; pick another with --port, or --port 0 for any free port`);
    throw error;
  }
  process.stdout.write(`Lineside is serving ${what} at ${server.url}\n`);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    await server.close();
    await core.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

interface ReplayOptions {
  config?: string;
  port: number;
  speed: number;
  play: boolean;
  logLevel: string;
  rendererDir: string;
}

/** `lineside replay FILE`: the capture on the replay clock, with the UI on the loopback URL. */
export async function replay(file: string, options: ReplayOptions): Promise<void> {
  const log = createLogger({ level: options.logLevel, destination: process.stderr });
  if (!existsSync(join(options.rendererDir, 'index.html'))) {
    throw new LinesideError('renderer-missing', `the UI is not built (no ${join(options.rendererDir, 'index.html')}); run "npm run build" first`);
  }
  const core = await startReplayCore({
    captureFile: file,
    ...(options.config ? { configFile: options.config } : {}),
    transport: 'websocket',
    log,
    appVersion: packageVersion(),
    speed: options.speed,
    play: options.play,
  });
  const { info } = core;
  const range = `${new Date(info.from).toISOString()} – ${new Date(info.to).toISOString()}`;
  await serveUntilStopped(core, options, log, `a REPLAY of ${info.file} (${info.site} / ${info.area}, ${range}${options.config ? `, with ${options.config}` : ''})`);
}

function parseHostPort(flag: string, text: string, example: string): { host: string; port: number } {
  const match = /^(.+):(\d{1,5})$/.exec(text);
  if (!match || Number(match[2]) > 65535) throw new LinesideError('bad-argument', `${flag} is "${text}"; expected HOST:PORT such as ${example}`);
  return { host: match[1]!, port: Number(match[2]) };
}

/** Stops the served line on SIGINT / SIGTERM. */
function closeOnSignal(close: () => Promise<void>): void {
  const shutdown = async () => {
    await close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

export async function simOverModbus(options: { config: string; modbus: string; writeConfig?: string; logLevel: string }): Promise<void> {
  const { host, port } = parseHostPort('--modbus', options.modbus, '127.0.0.1:5020');
  const log = createLogger({ level: options.logLevel, destination: process.stderr });
  const plant = await loadPlantConfig(options.config, driverFactories);
  const runtime = createRuntime({ plant, drivers: driverFactories, clock: createRealClock(), log });
  const served = await serveRuntimeOverModbus(runtime, { host, port, log });
  await runtime.start();
  if (options.writeConfig) {
    writeFileSync(options.writeConfig, modbusPlantConfig(readFileSync(options.config, 'utf8'), served.mapped, host, served.server.port));
  }
  process.stdout.write(
    `Serving ${served.mapped.length} tags of ${plant.site} / ${plant.area} over Modbus TCP at ${host}:${served.server.port} (unit 1)` +
      (options.writeConfig ? `; the plant config that reads them is ${options.writeConfig}` : '') +
      '\n',
  );
  closeOnSignal(async () => {
    await served.close();
    await runtime.stop();
  });
}

export async function simOverOpcua(options: { config: string; opcua: string; user?: string; writeConfig?: string; dataDir: string; logLevel: string }): Promise<void> {
  const { host, port } = parseHostPort('--opcua', options.opcua, '127.0.0.1:4840');
  // Loaded here, not at the top: node-opcua takes over a second to load, and only this command needs its server.
  const { opcuaPlantConfig, serveRuntimeOverOpcua } = await import('../drivers/opcua/serve-runtime.js');
  let user: { username: string; password: string } | undefined;
  if (options.user !== undefined) {
    const colon = options.user.indexOf(':');
    if (colon < 1) throw new LinesideError('bad-argument', '--user is not NAME:PASSWORD (the name may not be empty or hold a colon)');
    user = { username: options.user.slice(0, colon), password: options.user.slice(colon + 1) };
  }
  const log = createLogger({ level: options.logLevel, destination: process.stderr });
  const plant = await loadPlantConfig(options.config, driverFactories);
  const runtime = createRuntime({ plant, drivers: driverFactories, clock: createRealClock(), log });
  let served;
  try {
    served = await serveRuntimeOverOpcua(runtime, { host, port, pkiRoot: join(options.dataDir, 'opcua-sim-pki'), ...(user ? { users: [user] } : {}), log });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new LinesideError('port-in-use', `port ${port} on ${host} is in use; pick another in --opcua`);
    throw error;
  }
  await runtime.start();
  const { server } = served;
  const endpointUrl = `opc.tcp://${host}:${server.port}`;
  if (options.writeConfig) {
    writeFileSync(options.writeConfig, opcuaPlantConfig(readFileSync(options.config, 'utf8'), server, endpointUrl, user));
  }
  process.stdout.write(
    `Serving ${served.tags.length} tags of ${plant.site} / ${plant.area} over OPC UA at ${endpointUrl} ` +
      `(${user ? `anonymous or user ${user.username}` : 'anonymous'}; server certificate SHA-1 ${server.certificateThumbprint})` +
      (options.writeConfig ? `; the plant config that reads them is ${options.writeConfig}` : '') +
      '\n',
  );
  closeOnSignal(async () => {
    await served.close();
    await runtime.stop();
  });
}

interface SimOptions {
  config: string;
  modbus?: string;
  opcua?: string;
  user?: string;
  writeConfig?: string;
  dataDir: string;
  logLevel: string;
}

export async function sim(options: SimOptions): Promise<void> {
  if ((options.modbus === undefined) === (options.opcua === undefined)) {
    throw new LinesideError('bad-argument', 'sim serves over one protocol: give either --modbus HOST:PORT or --opcua HOST:PORT');
  }
  if (options.modbus !== undefined) {
    if (options.user !== undefined) throw new LinesideError('bad-argument', '--user is for --opcua (Modbus has no login)');
    await simOverModbus({ ...options, modbus: options.modbus });
  } else {
    await simOverOpcua({ ...options, opcua: options.opcua! });
  }
}

export async function validate(file: string): Promise<number> {
  try {
    const plant = await loadPlantConfig(file, driverFactories);
    process.stdout.write(`${file} is valid.\n${describeConfigSummary(plant)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof LinesideError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

export async function main(argv: string[]): Promise<void> {
  const program = new Command()
    .name('lineside')
    .description('Line-side HMI: live line overview, trends, alarms, OEE and asset health.')
    .version(packageVersion());

  program
    .command('serve')
    .description('run headless and serve the UI on http://127.0.0.1:PORT (loopback only, with a session token in the URL)')
    .option('-c, --config <file>', 'plant config (YAML)', demoConfig)
    .option('-p, --port <port>', 'port on 127.0.0.1 (0 picks a free one)', parsePort, 8420)
    .option('--speed <factor>', 'run the clock this many times faster than real time (simulated lines)', parseSpeed, 1)
    .option('--log-level <level>', 'fatal, error, warn, info, debug', 'warn')
    .option('--renderer-dir <dir>', 'folder of the built UI', join(distDir, 'renderer'))
    .option('--data-dir <dir>', 'folder of the historian database', defaultDataDir())
    .option('--no-history', 'run without the historian (nothing is stored)')
    .option('--idle-logout <seconds>', 'a signed-in station goes back to viewer after this long without a touch or key', parsePositive('a time in seconds'), 900)
    .action(async (options: ServeOptions) => {
      await serve(options);
    });

  program
    .command('sim')
    .description('run the simulated line and serve its tags over Modbus TCP or OPC UA (a test device for those drivers)')
    .option('-c, --config <file>', 'plant config whose simulated devices to serve', demoConfig)
    .option('--modbus <host:port>', 'serve over Modbus TCP, listening here, e.g. 127.0.0.1:5020')
    .option('--opcua <host:port>', 'serve over OPC UA, listening here, e.g. 127.0.0.1:4840')
    .option('--user <name:password>', 'OPC UA: also accept this username login (default: anonymous only)')
    .option('--write-config <file>', 'write the plant config that reads these tags over the chosen protocol')
    .option('--data-dir <dir>', 'OPC UA: the server certificate is kept in DIR/opcua-sim-pki', defaultDataDir())
    .option('--log-level <level>', 'fatal, error, warn, info, debug', 'warn')
    .action(async (options: SimOptions) => {
      await sim(options);
    });

  program
    .command('replay')
    .description('open a capture file and replay it on the replay clock, with the UI on http://127.0.0.1:PORT (read-only: nothing is written)')
    .argument('<file>', 'the capture file (.lsc), from "lineside capture export" or the app\'s Export capture')
    .option('-c, --config <file>', "replay with this edited plant config instead of the capture's own (what-if)")
    .option('-p, --port <port>', 'port on 127.0.0.1 (0 picks a free one)', parsePort, 8421)
    .option('--speed <factor>', `replay speed, ${MIN_REPLAY_SPEED} to ${MAX_REPLAY_SPEED}`, parseReplaySpeed, 1)
    .option('--play', 'start playing at once (default: paused at the start)', false)
    .option('--log-level <level>', 'fatal, error, warn, info, debug', 'warn')
    .option('--renderer-dir <dir>', 'folder of the built UI', join(distDir, 'renderer'))
    .action(async (file: string, options: ReplayOptions) => {
      await replay(file, options);
    });

  program.addCommand(captureCommand({ demoConfig, defaultDataDir: defaultDataDir(), appVersion: packageVersion() }));
  program.addCommand(auditCommand({ demoConfig, defaultDataDir: defaultDataDir() }));
  program.addCommand(userCommand({ demoConfig, defaultDataDir: defaultDataDir() }));
  program.addCommand(secretCommand({ defaultDataDir: defaultDataDir() }));

  program
    .command('validate')
    .description('check a plant config file without running it')
    .argument('<file>', 'plant config (YAML)')
    .action(async (file: string) => {
      process.exitCode = await validate(file);
    });

  program
    .command('analyze')
    .description('analyse a vibration recording (one-column CSV or WAV): features, ISO 10816-3 zone, envelope spectrum, bearing diagnosis')
    .argument('<file>', 'the recording: a one-column CSV (optional header such as accel_g) or a WAV file')
    .option('--fs <hz>', 'sample rate, Hz (needed for CSV; a WAV file carries its own)', parsePositive('a sample rate in Hz'))
    .requiredOption('--rpm <rpm>', 'shaft speed at the time of the recording, rpm', parsePositive('a shaft speed in rpm'))
    .option('--bearing <name>', 'bearing: a catalogue name (SKF 6205, SKF 6203) or balls,ballMm,pitchMm[,angleDeg]')
    .option('--group <group>', 'ISO 10816-3 machine group: 1 (300 kW–50 MW) or 2 (15–300 kW, and smaller motors); default 2')
    .option('--foundation <foundation>', 'rigid or flexible; default rigid')
    .option('--unit <unit>', 'unit of the samples: g, m/s2 or mm/s (default: from the CSV header, else g)')
    .option('--band <low-high>', 'envelope band in Hz, e.g. 2000-5000 (default: chosen by spectral kurtosis)')
    .option('--scale <factor>', 'multiply every sample by this (e.g. g per full scale for an integer WAV)', parsePositive('a scale factor'))
    .option('--channel <n>', 'channel of a multi-channel WAV file', parseChannel)
    .option('--json', 'also print the result as one JSON object on the last line')
    .action(async (file: string, options: AnalyzeOptions) => {
      // Loaded here, not at the top: only this command needs the FFT and the analysis.
      const { analyzeCommand } = await import('./analyze.js');
      process.exitCode = await analyzeCommand(file, options, (line) => process.stdout.write(`${line}\n`));
    });

  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof LinesideError) {
      process.stderr.write(`lineside: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
