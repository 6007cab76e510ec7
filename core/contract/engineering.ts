/**
 * Engineering mode as the contract carries it: the running plant config as YAML, checking an
 * edit as it is typed, previewing it (the diff against the running config and what applying
 * it would restart or not apply until the next start), applying it live, the numbered
 * versions with author, time and comment, and rolling back to one. The Modbus register-map
 * import turns a CSV into config text, which then goes through the same preview and apply.
 */
import { z } from 'zod';

/** The largest config text accepted: 4 MiB. */
export const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

export interface ConfigDocument {
  /** The applied version the running config is; null before the first is stored (no historian). */
  version: number | null;
  yaml: string;
  /** The config file the app runs from. */
  file: string;
  /** Why an applied change is not written to the file (the built-in demo); absent when it is. */
  notSaved?: string;
}

/** One thing wrong with a config: where (the YAML path and line) and what was expected. */
export interface ConfigProblemInfo {
  path: string;
  line: number | null;
  message: string;
}

export interface ConfigCheck {
  valid: boolean;
  problems: ConfigProblemInfo[];
}

/** A line of a diff between the running config and an edit, with the line numbers on each side. */
export interface DiffLine {
  kind: 'same' | 'added' | 'removed' | 'skipped';
  text: string;
  oldLine?: number;
  newLine?: number;
}

/** What applying an edit would do to the running app. */
export interface ConfigEffects {
  devicesRestarted: string[];
  devicesStarted: string[];
  devicesStopped: string[];
  devicesUntouched: string[];
  tagsAdded: string[];
  tagsRemoved: string[];
  tagsChanged: string[];
  alarmsAdded: string[];
  alarmsRemoved: string[];
  alarmsChanged: string[];
  /** Other parts that change live: "OEE settings", "vibration monitoring of line1/motor" … */
  otherChanges: string[];
  /** Parts that change only at the next start, each with why. Empty: everything applies live. */
  notLive: string[];
}

export interface ConfigPreview extends ConfigCheck {
  /** The version the edit is compared with; apply refuses it if another was applied meanwhile. */
  baseVersion: number | null;
  /** Hunks of the diff with three lines of context; long unchanged stretches are 'skipped'. */
  diff: DiffLine[];
  /** Absent while the edit is invalid. */
  effects?: ConfigEffects;
  /** Nothing differs from the running config. */
  unchanged: boolean;
}

export interface ConfigApplied {
  version: number | null;
  effects: ConfigEffects;
  /** The file written, or why not. */
  savedTo?: string;
  notSaved?: string;
}

export interface ConfigVersionInfo {
  version: number;
  ts: number;
  author: string;
  comment: string;
  bytes: number;
  /** The version running now. */
  current: boolean;
}

/** A Modbus register map read from CSV: the tags it gives, the rows it refused, and the config with the tags added. */
export interface ModbusMapPreview {
  tags: { name: string; address: string; type: string; unit: string; scale: number; line: number }[];
  /** Each refused row: its line in the file and why. */
  errors: { line: number; message: string }[];
  /** The running config with the tags added to the asset (absent when no row was usable). */
  yaml?: string;
}

const yamlText = z.string().max(MAX_CONFIG_BYTES, `a config of at most ${MAX_CONFIG_BYTES / 1024 / 1024} MiB`);
const comment = z.string().trim().min(1, 'a comment saying what changed and why').max(500);
const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an id of letters, digits, "_" or "-" (at most 64)');

export const engineeringRequestSchemas = {
  configCurrent: z.object({}).strict(),
  configCheck: z.object({ yaml: yamlText }).strict(),
  configPreview: z.object({ yaml: yamlText }).strict(),
  configApply: z.object({ yaml: yamlText, comment, baseVersion: z.number().int().min(1).nullable() }).strict(),
  configVersions: z.object({}).strict(),
  configVersion: z.object({ version: z.number().int().min(1) }).strict(),
  configRollback: z.object({ version: z.number().int().min(1), comment, baseVersion: z.number().int().min(1).nullable() }).strict(),
  /** Seals a password or key for the plant config with this app's key ("enc:v1:…"); the secret itself is never stored or logged. */
  configSealSecret: z.object({ secret: z.string().min(1, 'the secret to seal').max(16_384) }).strict(),
  modbusMapImport: z
    .object({
      /** The CSV: address, type, name, unit, scale (a header row names the columns). */
      csv: z.string().min(1).max(1024 * 1024),
      /** The Modbus device the registers belong to: one in the config already (its host, port, unit and byte order). */
      device: idSchema,
      line: idSchema,
      /** An asset on that line (created when new). */
      asset: idSchema,
      sampleRateMs: z.number().int().min(10).max(3_600_000).default(1000),
    })
    .strict(),
};
