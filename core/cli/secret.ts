/**
 * `lineside secret seal`: seals a password for the plant config ("enc:v1:…") with this
 * machine's key file (made on first use, readable only by its owner). The secret is read
 * from standard input, never from the command line, so it stays out of shell history and
 * the process list.
 */
import { Command } from 'commander';
import { join } from 'node:path';
import { loadOrCreateKey, sealSecret } from '../security/secrets.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

export function secretCommand(context: { defaultDataDir: string }): Command {
  const secret = new Command('secret').description('secrets in the plant config, sealed with this machine\'s key file');
  secret
    .command('seal')
    .description('read a secret from standard input and print it sealed, to paste into the plant config (e.g. password: enc:v1:…)')
    .option('--key-file <file>', 'the key file (default: secrets.key in the data folder, or $LINESIDE_KEY_FILE)')
    .action(async (options: { keyFile?: string }) => {
      const keyFile = options.keyFile ?? process.env.LINESIDE_KEY_FILE ?? join(context.defaultDataDir, 'secrets.key');
      if (process.stdin.isTTY) process.stderr.write('Type the secret, then Enter and Ctrl-D:\n');
      const plain = await readStdin();
      if (plain.length === 0) {
        process.stderr.write('lineside: nothing to seal: the secret read from standard input is empty\n');
        process.exitCode = 1;
        return;
      }
      process.stdout.write(`${sealSecret(plain, loadOrCreateKey(keyFile))}\n`);
      process.stderr.write(`Sealed with ${keyFile}; the app opens it with the same key file.\n`);
    });
  return secret;
}
