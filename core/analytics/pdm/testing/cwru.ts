/**
 * The real CWRU bearing recordings the vibration tests run on, in two sets:
 *
 * - the excerpts: the first 2 s of each recording, committed in ./data (see its README.md),
 *   so always there, wherever the repository is cloned. The acceptance checks run on these.
 * - the full recordings: 1.4 and 3.0 MB of CSV, too big to commit, in the project's shared
 *   data folder beside the repository (../shared/data/vibration, see its README.md) or in
 *   LINESIDE_VIBRATION_DATA. They may be missing (CI runs on a clean clone elsewhere): the
 *   tests that need a whole record run under `describe.skipIf(!fullCwruAvailable)`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface CwruRecording {
  /** The file's name, in its set's folder. */
  readonly file: string;
  readonly path: string;
  readonly rpm: number;
  readonly samples: number;
}

const excerptDir = fileURLToPath(new URL('./data/', import.meta.url));

/** The first 2 s (24,000 samples at 12 kHz) of records 105 and 97, committed with the tests. */
export const cwruExcerpts = {
  innerRace: { file: 'cwru-ir007-de-1797rpm-2s.csv', path: join(excerptDir, 'cwru-ir007-de-1797rpm-2s.csv'), rpm: 1797, samples: 24_000 },
  normal: { file: 'cwru-normal-de-1796rpm-2s.csv', path: join(excerptDir, 'cwru-normal-de-1796rpm-2s.csv'), rpm: 1796, samples: 24_000 },
} as const satisfies Record<string, CwruRecording>;

/** Where the full recordings are looked for: LINESIDE_VIBRATION_DATA, else the shared data folder beside the repository. */
export const fullCwruDir = process.env.LINESIDE_VIBRATION_DATA || fileURLToPath(new URL('../../../../../shared/data/vibration/', import.meta.url));

/** The whole of records 105 and 97; check `fullCwruAvailable` before reading them. */
export const cwruFull = {
  innerRace: { file: 'cwru-ir007-de-1797rpm.csv', path: join(fullCwruDir, 'cwru-ir007-de-1797rpm.csv'), rpm: 1797, samples: 121_265 },
  normal: { file: 'cwru-normal-de-1796rpm.csv', path: join(fullCwruDir, 'cwru-normal-de-1796rpm.csv'), rpm: 1796, samples: 243_938 },
} as const satisfies Record<string, CwruRecording>;

/** True when both full recordings are there; the tests that need them are skipped otherwise. */
export const fullCwruAvailable = Object.values(cwruFull).every((r) => existsSync(r.path));
