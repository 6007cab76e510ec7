/**
 * The one place the running plant config changes (engineering mode, and tags added from the
 * OPC UA browser): it checks an edit with the config file's own schemas, previews it (the
 * diff, and what applying would restart or leave for the next start), applies it live
 * (runtime.reconfigure: a device whose settings and tags are unchanged keeps its driver and
 * connection; alarms, OEE and PdM follow the plant-change listeners), stores it as the next
 * numbered version, and writes the config file — one change at a time.
 *
 * Decisions:
 * - The first version is the file as found at the first start. A file edited outside the app
 *   (a text editor, git) becomes a new version at the next start, by "the config file".
 * - An edit is applied only on top of the version it was previewed against; if another was
 *   applied meanwhile, it is refused (reload and compare), so no change is lost unseen.
 * - A change that cannot apply live (site or area, retention, the uplink) is stored and
 *   saved; the preview says so before, and the result after, which parts wait for a restart.
 * - The file is written whole to "<file>.tmp" and renamed over the old one, so a crash never
 *   leaves half a config. The built-in demo's file is never written (changes apply live).
 * - Rolling back applies the earlier version's text exactly, as a new version.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { ConfigError, parsePlantConfig, type ParseOptions } from '../config/index.js';
import { configDiff } from '../config/config-diff.js';
import type { ConfigApplied, ConfigCheck, ConfigDocument, ConfigPreview, ConfigProblemInfo, ConfigVersionInfo } from '../contract/index.js';
import type { DriverFactory } from '../drivers/driver.js';
import type { ConfigVersionStore } from '../historian/config-versions.js';
import { LinesideError } from '../model/errors.js';
import type { Plant } from '../model/plant.js';
import type { Logger } from '../runtime/logger.js';
import { changesNothing, plantChanges } from '../runtime/plant-changes.js';
import type { Runtime } from '../runtime/runtime.js';

export interface ConfigKeeperOptions {
  runtime: Runtime;
  drivers: readonly DriverFactory<any>[];
  /** How sealed secrets in the text are opened (as at start-up). */
  parseOptions?: ParseOptions;
  /** Seals a secret with the same key. */
  seal?: (secret: string) => string;
  versions: ConfigVersionStore;
  /** Why the config file must not be written (the built-in demo); changes then apply live only. */
  readOnlyConfig?: string;
  log: Logger;
  now?: () => number;
}

export interface ApplyMeta {
  author: string;
  comment: string;
  /** The version the edit was made against; null when none was stored; 'running' for an edit made on whatever runs (the OPC UA browser's). */
  baseVersion: number | null | 'running';
}

export interface ConfigKeeper {
  current(): ConfigDocument;
  check(yaml: string): ConfigCheck;
  preview(yaml: string): ConfigPreview;
  /** Throws LinesideError 'config-invalid' (naming each problem) or 'action-refused' (another version was applied meanwhile). */
  apply(yaml: string, meta: ApplyMeta): Promise<ConfigApplied>;
  /** Applies `edit(running text)`; for edits computed from the running text (tags from the OPC UA browser). */
  edit(edit: (text: string) => string, meta: Omit<ApplyMeta, 'baseVersion'>): Promise<ConfigApplied>;
  versions(): ConfigVersionInfo[];
  version(version: number): ConfigVersionInfo & { yaml: string };
  rollback(version: number, meta: ApplyMeta): Promise<ConfigApplied>;
  /** A secret sealed with the key that opens the config's secrets; absent where the app has no key (tests). */
  seal?(secret: string): string;
}

function problemsOf(error: unknown): ConfigProblemInfo[] {
  if (error instanceof ConfigError) return error.problems.map((problem) => ({ path: problem.path, line: problem.line ?? null, message: problem.message }));
  return [{ path: '', line: null, message: (error as Error).message }];
}

export function createConfigKeeper(options: ConfigKeeperOptions): ConfigKeeper {
  const { runtime, log } = options;
  const now = options.now ?? Date.now;
  const file = runtime.plant.source;
  let text = readFileSync(file, 'utf8');
  let version = storeStartVersion();
  /** One change at a time: two engineers applying at once must not lose one of the changes. */
  let applying: Promise<unknown> = Promise.resolve();

  function storeStartVersion(): number | null {
    try {
      const latest = options.versions.latest();
      if (latest && latest.yaml === text) return latest.version;
      return options.versions.add({ ts: now(), author: 'the config file', comment: latest ? 'the config file was changed outside the app' : 'the config file as found at the first start', yaml: text });
    } catch (error) {
      log.warn({ err: error }, 'the config version could not be stored; engineering mode runs without versions');
      return null;
    }
  }

  const parse = (yaml: string): Plant => parsePlantConfig(yaml, file, options.drivers, options.parseOptions);

  /** The plant the text gives, or what is wrong with it. */
  const tryParse = (yaml: string): { plant: Plant; problems?: undefined } | { plant?: undefined; problems: ConfigProblemInfo[] } => {
    try {
      return { plant: parse(yaml) };
    } catch (error) {
      return { problems: problemsOf(error) };
    }
  };

  const checkOf = (parsed: ReturnType<typeof tryParse>): ConfigCheck => (parsed.plant ? { valid: true, problems: [] } : { valid: false, problems: parsed.problems });
  const check = (yaml: string): ConfigCheck => checkOf(tryParse(yaml));

  const save = (yaml: string): Pick<ConfigApplied, 'savedTo' | 'notSaved'> => {
    if (options.readOnlyConfig) return { notSaved: options.readOnlyConfig };
    try {
      writeFileSync(`${file}.tmp`, yaml);
      renameSync(`${file}.tmp`, file);
      return { savedTo: file };
    } catch (error) {
      log.error({ err: error, file }, 'the applied config could not be written to its file');
      return { notSaved: `the config file ${file} cannot be written: ${(error as Error).message}; the change runs, and is stored as a version` };
    }
  };

  /** Applies a checked plant; runs inside the one-at-a-time chain. */
  const applyNow = async (yaml: string, meta: ApplyMeta): Promise<ConfigApplied> => {
    if (meta.baseVersion !== 'running' && meta.baseVersion !== version) {
      throw new LinesideError('action-refused', `version ${version} was applied after version ${meta.baseVersion ?? 'none'} this change was made against; reload the config, compare, and apply again`);
    }
    let plant: Plant;
    try {
      plant = parse(yaml);
    } catch (error) {
      // The config's own problems, as the file would report them; each caller says what could not be done.
      throw new LinesideError('config-invalid', (error as Error).message);
    }
    const effects = plantChanges(runtime.plant, plant);
    if (yaml === text) throw new LinesideError('action-refused', 'the config is the same as the running one: nothing to apply');
    await runtime.reconfigure(plant);
    text = yaml;
    try {
      version = options.versions.add({ ts: now(), author: meta.author, comment: meta.comment, yaml });
    } catch (error) {
      log.error({ err: error }, 'the applied config could not be stored as a version');
      version = null;
    }
    log.info({ version, author: meta.author, effects }, 'plant config applied');
    return { version, effects, ...save(yaml) };
  };

  const queued = <T>(run: () => Promise<T>): Promise<T> => {
    const result = applying.then(run, run);
    applying = result.catch(() => undefined);
    return result;
  };

  const info = (stored: { version: number; ts: number; author: string; comment: string }, bytes: number): ConfigVersionInfo => ({
    version: stored.version,
    ts: stored.ts,
    author: stored.author,
    comment: stored.comment,
    bytes,
    current: stored.version === version,
  });

  return {
    current: () => ({ version, yaml: text, file, ...(options.readOnlyConfig ? { notSaved: options.readOnlyConfig } : {}) }),
    check,
    preview(yaml) {
      const parsed = tryParse(yaml);
      const preview: ConfigPreview = { ...checkOf(parsed), baseVersion: version, diff: configDiff(text, yaml), unchanged: yaml === text };
      if (parsed.plant) {
        preview.effects = plantChanges(runtime.plant, parsed.plant);
        if (!preview.unchanged && changesNothing(preview.effects)) preview.effects.otherChanges.push('the text only (comments or layout): nothing in the running app changes');
      }
      return preview;
    },
    apply: (yaml, meta) => queued(() => applyNow(yaml, meta)),
    edit: (edit, meta) => queued(() => applyNow(edit(text), { ...meta, baseVersion: 'running' })),
    versions: () => options.versions.list().map((stored) => info(stored, stored.bytes)),
    version(n) {
      const stored = options.versions.get(n);
      if (!stored) throw new LinesideError('not-found', `there is no config version ${n}`);
      return { ...info(stored, Buffer.byteLength(stored.yaml)), yaml: stored.yaml };
    },
    ...(options.seal ? { seal: options.seal } : {}),
    rollback(n, meta) {
      const stored = options.versions.get(n);
      if (!stored) return Promise.reject(new LinesideError('not-found', `there is no config version ${n}`));
      return queued(() => applyNow(stored.yaml, meta));
    },
  };
}
