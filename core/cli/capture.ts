/**
 * `lineside capture …`: capture files on the command line.
 * - `capture export --from … --to … [--assets a,b] --out FILE`: a time range of the plant's
 *   historian (read-only, so the running app may keep writing it) into a capture file, with
 *   a progress line.
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
    .option('--log-level <level>', 'fatal, error, warn, info, debug', 'warn')
    .action(async (options: ExportOptions) => {
      await exportFromCli(options, context.appVersion);
    });
  return capture;
}

async function exportFromCli(options: ExportOptions, appVersion: string): Promise<void> {
  const log = createLogger({ level: options.logLevel, destination: process.stderr });
  const plant = await loadPlantConfig(options.config, driverFactories);
  const file = historianFile(options.dataDir, plant);
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
