/**
 * `lineside user`: accounts from the command line, for whoever can read the plant's data
 * folder — the first admin of a headless install, and the way back in when the only admin's
 * password is forgotten. Passwords and PINs are read from standard input (one per line),
 * never from the command line, so they stay out of shell history and the process list.
 * Each change is audited under the operating-system user at station "<host> (cli)". Works
 * beside a running app: only the account and audit tables are touched.
 */
import { Command } from 'commander';
import { hostname, userInfo } from 'node:os';
import { loadPlantConfig } from '../config/index.js';
import { passwordSchema, pinSchema, roles, type Role } from '../contract/index.js';
import { driverFactories } from '../drivers/registry.js';
import { openAccountsFile } from '../historian/account-store.js';
import { createAccounts, type SaveUserRequest } from '../security/accounts.js';
import { historianFile } from '../service/start-core.js';

async function readLines(): Promise<string[]> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/);
}

interface FileOptions {
  config: string;
  dataDir: string;
  db?: string;
}

/** Runs a change on the accounts of the plant's historian file and audits it; returns the exit code. */
export async function changeAccount(file: string, name: string, request: Omit<SaveUserRequest, 'name'>, print: (line: string) => void): Promise<number> {
  const opened = openAccountsFile(file);
  const by = `${userInfo().username} (cli)`;
  try {
    const accounts = createAccounts(opened.store);
    const outcome = await accounts.save({ name, ...request }, by);
    opened.audit({ ts: Date.now(), user: by, station: `${hostname()} (cli)`, action: outcome.created ? 'user-create' : 'user-change', target: name, detail: outcome.changes, outcome: 'ok' });
    print(`${outcome.created ? 'Made' : 'Changed'} ${name} (${request.role}) in ${file}.`);
    return 0;
  } catch (error) {
    print(`lineside: ${(error as Error).message}`);
    return 1;
  } finally {
    opened.close();
  }
}

export function userCommand(context: { demoConfig: string; defaultDataDir: string }): Command {
  const user = new Command('user').description('user accounts in the plant\'s data folder (passwords and PINs from standard input)');
  const withFile = (command: Command) =>
    command
      .option('-c, --config <file>', 'plant config (YAML) whose historian file holds the accounts', context.demoConfig)
      .option('--data-dir <dir>', 'folder of the historian database', context.defaultDataDir)
      .option('--db <file>', 'this database file instead');
  const fileOf = async (options: FileOptions) => options.db ?? historianFile(options.dataDir, await loadPlantConfig(options.config, driverFactories));

  withFile(user.command('list').description('the accounts: name, role, PIN, disabled, last sign-in')).action(async (options: FileOptions) => {
    const opened = openAccountsFile(await fileOf(options));
    try {
      for (const account of createAccounts(opened.store).list()) {
        const last = account.lastLoginAt ? new Date(account.lastLoginAt).toISOString() : 'never';
        process.stdout.write(`${account.name}\t${account.role}\t${account.hasPin ? 'PIN' : '-'}\t${account.disabled ? 'disabled' : 'enabled'}\tlast sign-in ${last}\n`);
      }
    } finally {
      opened.close();
    }
  });

  withFile(user.command('set <name>').description('make an account, or change its role and password (unlocks and enables it); line 1 of stdin: the password, line 2 (with --pin): the PIN'))
    .requiredOption('--role <role>', `one of: ${roles.join(', ')}`)
    .option('--pin', 'also read a PIN (4–8 digits) from the second line')
    .action(async (name: string, options: FileOptions & { role: string; pin?: boolean }) => {
      if (!(roles as readonly string[]).includes(options.role)) {
        process.stderr.write(`lineside: --role ${options.role} is not a role; expected one of: ${roles.join(', ')}\n`);
        process.exitCode = 1;
        return;
      }
      if (process.stdin.isTTY) process.stderr.write(`Type the password${options.pin ? ', Enter, then the PIN' : ''}, then Enter and Ctrl-D:\n`);
      const [password = '', pin = ''] = await readLines();
      const checked = passwordSchema.safeParse(password);
      const checkedPin = options.pin ? pinSchema.safeParse(pin) : undefined;
      const problem = !checked.success ? `the password: expected ${checked.error.issues[0]!.message}` : checkedPin && !checkedPin.success ? `the PIN: expected ${checkedPin.error.issues[0]!.message}` : undefined;
      if (problem) {
        process.stderr.write(`lineside: ${problem}\n`);
        process.exitCode = 1;
        return;
      }
      const request: Omit<SaveUserRequest, 'name'> = { role: options.role as Role, password, disabled: false, ...(options.pin ? { pin } : {}) };
      process.exitCode = await changeAccount(await fileOf(options), name, request, (line) => process.stdout.write(`${line}\n`));
    });
  return user;
}
