/**
 * The `lineside` command line: `serve` runs the core headless with the UI on a loopback
 * URL; `validate` checks a plant config without running it. Bundled to dist/cli.js, so
 * paths to the renderer and the demo plant are relative to that file.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import { describeConfigSummary, loadPlantConfig } from '../config/index.js';
import { LinesideError } from '../model/errors.js';
import { modbusPlantConfig, serveRuntimeOverModbus } from '../drivers/modbus/index.js';
import { driverFactories } from '../drivers/registry.js';
import { createRealClock } from '../runtime/clock.js';
import { createRuntime } from '../runtime/runtime.js';
import { createLogger } from '../runtime/logger.js';
import { startHeadlessServer } from '../server/http-server.js';
import { startCore } from '../service/start-core.js';

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

interface ServeOptions {
  config: string;
  port: number;
  speed: number;
  logLevel: string;
  rendererDir: string;
  dataDir: string;
  history: boolean;
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
  });
  let server;
  try {
    server = await startHeadlessServer({ service: core.service, rendererDir: options.rendererDir, port: options.port, log });
  } catch (error) {
    await core.stop();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new LinesideError('port-in-use', `port ${options.port} on 127.0.0.1 is in use; pick another with --port, or --port 0 for any free port`);
    throw error;
  }
  const plant = core.runtime.plant;
  process.stdout.write(`Lineside is serving ${plant.site} / ${plant.area} (${options.config}) at ${server.url}\n`);
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

export async function simOverModbus(options: { config: string; modbus: string; writeConfig?: string; logLevel: string }): Promise<void> {
  const match = /^(.+):(\d{1,5})$/.exec(options.modbus);
  if (!match) throw new LinesideError('bad-argument', `--modbus is "${options.modbus}"; expected HOST:PORT such as 127.0.0.1:5020`);
  const [, host, port] = match as unknown as [string, string, string];
  const log = createLogger({ level: options.logLevel, destination: process.stderr });
  const plant = await loadPlantConfig(options.config, driverFactories);
  const runtime = createRuntime({ plant, drivers: driverFactories, clock: createRealClock(), log });
  const served = await serveRuntimeOverModbus(runtime, { host, port: Number(port), log });
  await runtime.start();
  if (options.writeConfig) {
    writeFileSync(options.writeConfig, modbusPlantConfig(readFileSync(options.config, 'utf8'), served.mapped, host, served.server.port));
  }
  process.stdout.write(
    `Serving ${served.mapped.length} tags of ${plant.site} / ${plant.area} over Modbus TCP at ${host}:${served.server.port} (unit 1)` +
      (options.writeConfig ? `; the plant config that reads them is ${options.writeConfig}` : '') +
      '\n',
  );
  const shutdown = async () => {
    await served.close();
    await runtime.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
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
    .action(async (options: ServeOptions) => {
      await serve(options);
    });

  program
    .command('sim')
    .description('run the simulated line and serve its tags over Modbus TCP (a test device for the Modbus driver)')
    .option('-c, --config <file>', 'plant config whose simulated devices to serve', demoConfig)
    .requiredOption('--modbus <host:port>', 'where to listen, e.g. 127.0.0.1:5020')
    .option('--write-config <file>', 'write the plant config that reads these tags over Modbus')
    .option('--log-level <level>', 'fatal, error, warn, info, debug', 'warn')
    .action(async (options: { config: string; modbus: string; writeConfig?: string; logLevel: string }) => {
      await simOverModbus(options);
    });

  program
    .command('validate')
    .description('check a plant config file without running it')
    .argument('<file>', 'plant config (YAML)')
    .action(async (file: string) => {
      process.exitCode = await validate(file);
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
