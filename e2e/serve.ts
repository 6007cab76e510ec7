// Starts `lineside serve` from the built app on a free port with a history folder of its
// own (never the user's); resolves with its URL once it prints it. Used by the global setup
// and by tests that need a server of their own.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Served {
  url: string;
  child: ChildProcess;
  /** When the process was started (epoch ms): injected fault times count from about then. */
  startedAt: number;
}

/** `lineside serve` with a config; `extra` adds options (e.g. `--idle-logout 5`). */
export function serve(config: string, extra: string[] = []): Promise<Served> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lineside-e2e-data-'));
  return start(['serve', '--config', config, '--port', '0', '--data-dir', dataDir, ...extra]);
}

/** `lineside replay FILE` on a free port. */
export function replay(captureFile: string): Promise<Served> {
  return start(['replay', captureFile, '--port', '0']);
}

function start(args: string[]): Promise<Served> {
  const startedAt = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/lineside.js', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`lineside ${args[0]} printed no URL within 20 s: ${out}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!, child, startedAt });
      }
    });
    child.once('exit', (code) => reject(new Error(`lineside ${args[0]} exited with ${code}: ${out}`)));
  });
}
