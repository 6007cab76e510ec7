/**
 * `lineside audit verify`: walks the plant's audit trail (read-only, so the running app may
 * keep writing it) and says whether the chain is intact, or which record is the first bad one
 * and what is wrong with it. Exit code 0 intact, 1 broken, 2 the file cannot be read.
 */
import { Command } from 'commander';
import { loadPlantConfig } from '../config/index.js';
import { driverFactories } from '../drivers/registry.js';
import { auditHead, auditRecords } from '../historian/audit-store.js';
import { Historian } from '../historian/historian.js';
import { createLogger } from '../runtime/logger.js';
import { verifyAuditChain } from '../security/audit-chain.js';
import { historianFile } from '../service/start-core.js';

/** Verifies the trail in `file`; writes one line (or two) through `print`; returns the exit code. */
export function verifyAuditFile(file: string, print: (line: string) => void): number {
  let historian: Historian;
  try {
    historian = new Historian({ file, tags: [], log: createLogger({ level: 'error', destination: process.stderr }), readonly: true });
  } catch (error) {
    print(`cannot read the audit trail in ${file}: ${(error as Error).message}`);
    return 2;
  }
  try {
    const verdict = verifyAuditChain(auditRecords(historian), auditHead(historian));
    if (verdict.ok) {
      print(`${file}: the audit trail is intact (${verdict.records.toLocaleString('en')} records).`);
      return 0;
    }
    print(`${file}: the audit trail is BROKEN at record ${verdict.seq}: ${verdict.reason}.`);
    print(`Records before it verify; from it on, nothing in the trail can be trusted.`);
    return 1;
  } finally {
    historian.close();
  }
}

export function auditCommand(context: { demoConfig: string; defaultDataDir: string }): Command {
  const audit = new Command('audit').description("the audit trail: who did what, each record chained to the one before");
  audit
    .command('verify')
    .description('check that no audit record was edited, deleted or reordered; names the first bad record')
    .option('-c, --config <file>', 'plant config (YAML) whose historian holds the trail', context.demoConfig)
    .option('--data-dir <dir>', 'folder of the historian database', context.defaultDataDir)
    .option('--db <file>', 'check this database file instead')
    .action(async (options: { config: string; dataDir: string; db?: string }) => {
      const file = options.db ?? historianFile(options.dataDir, await loadPlantConfig(options.config, driverFactories));
      process.exitCode = verifyAuditFile(file, (line) => process.stdout.write(`${line}\n`));
    });
  return audit;
}
