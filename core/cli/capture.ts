/**
 * `lineside capture …`: capture files on the command line.
 * - `capture export --from … --to … [--assets a,b] --out FILE`: a time range of the plant's
 *   historian (read-only, so the running app may keep writing it) into a capture file, with
 *   a progress line.
 *   `--db FILE` reads another Lineside database (a historian file from another PC) instead.
 * - `capture simulate --hours N --out FILE`: the simulated line recorded into a capture.
 * - `capture import-csv CSV --out FILE`: tag history from a CSV file into a new capture,
 *   with the plant config that names its tags; bad rows are listed by line number.
 */
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { loadPlantConfig } from '../config/index.js';
import { driverFactories } from '../drivers/registry.js';
import { Historian } from '../historian/index.js';
import { LinesideError } from '../model/errors.js';
import { createLogger } from '../runtime/logger.js';
import { exportCapture } from '../replay/capture-export.js';
import { captureFromCsv } from '../replay/csv-capture.js';
import { recordSimulatedCapture } from '../replay/simulated-capture.js';
import { historianFile } from '../service/start-core.js';

/** A time on the command line: ISO 8601 (local time without an offset), epoch ms, "now", or now minus "8h", "30m", "2d". */
export function parseCliTime(text: string, now = Date.now()): number {
  const relative = /^-(\d+(?:\.\d+)?)([smhd])$/.exec(text.trim());
  if (text.trim() === 'now') return now;
  if (relative) return now - Number(relative[1]) * { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[relative[2] as 's' | 'm' | 'h' | 'd'];
  if (/^\d{10,15}$/.test(text.trim())) return Number(text.trim());
  const parsed = Date.parse(text);
  if (Number.isNaN(parsed)) throw new InvalidArgumentError(`expected a time such as 2026-12-01T06:00 (local), 2026-12-01T05:00Z, epoch ms, "now" or "-8h", got "${text}"`);
  return parsed;
}

interface ExportOptions {
  config: string;
  dataDir: string;
  from: number;
  to: number;
  assets?: string;
  out: string;
  db?: string;
  logLevel: string;
}

export function captureCommand(context: { demoConfig: string; defaultDataDir: string; appVersion: string }): Command {
  const capture = new Command('capture').description('capture files: a time range of the historian, self-contained, for replay on another machine');
  capture
    .command('export')
    .description("write a time range of the plant's history (samples, waveforms, journals, the plant config) into a capture file")
    .requiredOption('--from <time>', 'start: ISO 8601 (local time without an offset), epoch ms, or relative such as -8h', (text) => parseCliTime(text))
    .addOption(new Option('--to <time>', 'end (default: now)').argParser((text) => parseCliTime(text)).default(Date.now(), 'now'))
    .option('--assets <paths>', 'lines or assets to include, comma-separated (default: the whole plant)')
    .requiredOption('-o, --out <file>', 'the capture file to write (.lsc); an existing file is never overwritten')
    .option('-c, --config <file>', 'plant config (YAML) whose historian to read', context.demoConfig)
    .option('--data-dir <dir>', 'folder of the historian database', context.defaultDataDir)
    .option('--db <file>', "read this Lineside database instead (another line PC's historian file, copied here)")
    .option('--log-level <level>', 'fatal, error, warn, info, debug', 'warn')
    .action(async (options: ExportOptions) => {
      await exportFromCli(options, context.appVersion);
    });
  capture
    .command('simulate')
    .description('record the simulated line of a plant config for a span of plant time, as fast as it runs, into a capture (to try replay without a plant)')
    .requiredOption('-o, --out <file>', 'the capture file to write (.lsc); an existing file is never overwritten')
    .option('-c, --config <file>', 'plant config (YAML) with simulator devices', context.demoConfig)
    .option('--from <time>', 'start of the simulated span (default: 24 hours ago)', (text) => parseCliTime(text))
    .option('--hours <hours>', 'length of the span in hours', (text) => {
      const hours = Number(text);
      if (!(hours > 0 && hours <= 24 * 31)) throw new InvalidArgumentError(`expected hours above 0 and up to 744, got "${text}"`);
      return hours;
    }, 24)
    .option('--log-level <level>', 'fatal, error, warn, info, debug (the simulated alarms log as warnings)', 'error')
    .action(async (options: { out: string; config: string; from?: number; hours: number; logLevel: string }) => {
      const log = createLogger({ level: options.logLevel, destination: process.stderr });
      const spanMs = Math.round(options.hours * 3_600_000);
      let shown = -1;
      const result = await recordSimulatedCapture({
        configYaml: readFileSync(options.config, 'utf8'),
        configName: basename(options.config),
        from: options.from ?? Math.floor((Date.now() - spanMs) / 1000) * 1000,
        spanMs,
        file: resolve(options.out),
        appVersion: context.appVersion,
        log,
        onProgress: (fraction) => {
          const percent = Math.floor(fraction * 100);
          if (percent !== shown) process.stderr.write(`\r${String((shown = percent)).padStart(3)} %`);
        },
      });
      process.stderr.write('\n');
      process.stdout.write(`Wrote ${result.file}: ${result.tags} tags, ${result.samples.toLocaleString('en')} samples, ${(result.bytes / 1024 / 1024).toFixed(1)} MiB\n`);
    });

  capture
    .command('import-csv')
    .description('make a capture file from a CSV of tag history (wide: time,<tag>,…; long: time,tag,value[,quality]); bad rows are listed by line and skipped')
    .argument('<csv>', 'the CSV file')
    .requiredOption('-o, --out <file>', 'the capture file to write (.lsc); an existing file is never overwritten')
    .option('-c, --config <file>', 'plant config (YAML) whose tags the columns name; stored in the capture', context.demoConfig)
    .addOption(new Option('--layout <layout>', 'wide or long (default: from the header)').choices(['auto', 'wide', 'long']).default('auto'))
    .addOption(new Option('--delimiter <char>', 'column delimiter: comma, semicolon or tab (default: from the header)').choices(['auto', 'comma', 'semicolon', 'tab']).default('auto'))
    .addOption(new Option('--decimal <char>', 'decimal separator: point or comma').choices(['point', 'comma']).default('point'))
    .option('--time-format <format>', 'auto, iso, epoch-ms, epoch-s, or a pattern such as "dd.MM.yyyy HH:mm:ss"', 'auto')
    .option('--time-zone <zone>', 'IANA time zone of times without an offset, e.g. Europe/Berlin', 'UTC')
    .option('--log-level <level>', 'fatal, error, warn, info, debug', 'warn')
    .action(async (csv: string, options: CsvOptions) => {
      process.exitCode = await importCsvFromCli(csv, options, context.appVersion);
    });
  return capture;
}

interface CsvOptions {
  out: string;
  config: string;
  layout: 'auto' | 'wide' | 'long';
  delimiter: 'auto' | 'comma' | 'semicolon' | 'tab';
  decimal: 'point' | 'comma';
  timeFormat: string;
  timeZone: string;
  logLevel: string;
}

/** Shows how many bad rows there were, the first ones by line; exit code 0 when every row imported, 2 when some were skipped. */
async function importCsvFromCli(csv: string, options: CsvOptions, appVersion: string): Promise<number> {
  const log = createLogger({ level: options.logLevel, destination: process.stderr });
  const plant = await loadPlantConfig(options.config, driverFactories);
  const delimiters = { auto: 'auto', comma: ',', semicolon: ';', tab: '\t' } as const;
  const result = captureFromCsv({
    bytes: readFileSync(csv),
    csvName: csv,
    plant,
    configYaml: readFileSync(options.config, 'utf8'),
    configName: options.config,
    csv: { layout: options.layout, delimiter: delimiters[options.delimiter], decimal: options.decimal === 'comma' ? ',' : '.', timeFormat: options.timeFormat, timeZone: options.timeZone },
    file: resolve(options.out),
    appVersion,
    log,
  });
  process.stdout.write(
    `Wrote ${resolve(options.out)}: ${result.series.length} tags, ${result.samples.toLocaleString('en')} samples from ${result.rows.toLocaleString('en')} rows (${result.layout}, ` +
      `${new Date(result.from).toISOString()} – ${new Date(result.to).toISOString()})\n`,
  );
  if (result.badRowCount === 0) return 0;
  process.stdout.write(`${result.badRowCount} bad rows skipped:\n`);
  for (const bad of result.badRows.slice(0, 20)) process.stdout.write(`  line ${bad.line}: ${bad.reason}\n`);
  if (result.badRowCount > 20) process.stdout.write(`  … and ${result.badRowCount - 20} more\n`);
  return 2;
}

async function exportFromCli(options: ExportOptions, appVersion: string): Promise<void> {
  const log = createLogger({ level: options.logLevel, destination: process.stderr });
  const plant = await loadPlantConfig(options.config, driverFactories);
  const file = options.db ?? historianFile(options.dataDir, plant);
  let source: Historian;
  try {
    source = new Historian({ file, tags: [], log, readonly: true });
  } catch (error) {
    throw new LinesideError('capture-invalid', `cannot read the historian of ${plant.site} / ${plant.area} at ${file}: ${(error as Error).message}`);
  }
  try {
    let shown = -1;
    const result = await exportCapture({
      source,
      plant,
      configYaml: readFileSync(options.config, 'utf8'),
      configName: basename(options.config),
      from: options.from,
      to: options.to,
      assets: options.assets ? options.assets.split(',').map((path) => path.trim()).filter(Boolean) : [],
      file: resolve(options.out),
      appVersion,
      log,
      onProgress: ({ fraction, detail }) => {
        const percent = Math.floor(fraction * 100);
        if (percent === shown) return;
        shown = percent;
        process.stderr.write(`\r${String(percent).padStart(3)} %  ${detail.padEnd(60).slice(0, 60)}`);
      },
    });
    process.stderr.write('\n');
    process.stdout.write(
      `Wrote ${result.file}: ${result.tags} tags, ${result.samples.toLocaleString('en')} samples, ${result.journalRows.toLocaleString('en')} journal rows, ${(result.bytes / 1024 / 1024).toFixed(1)} MiB\n`,
    );
  } finally {
    source.close();
  }
}
