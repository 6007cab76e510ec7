// Starts two `lineside serve` processes from the built app: the demo plant as shipped, and
// the demo plant with faults injected early (a filler stop, a broken glue sensor), so the
// tests see them within seconds. Their URLs reach the tests through the environment.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';

export const demoConfig = 'assets/demo/plant.yaml';

function faultyConfig(): string {
  const doc = parseDocument(readFileSync(demoConfig, 'utf8'));
  doc.setIn(
    ['devices', 0, 'settings', 'injectedFaults'],
    doc.createNode([
      { kind: 'stop', machine: 'filler', code: 'F204', atS: 6, durationS: 3600 },
      { kind: 'sensor', address: 'labeler.glue_temp', failure: 'open-circuit', atS: 2 },
    ]),
  );
  const file = join(mkdtempSync(join(tmpdir(), 'lineside-e2e-')), 'faulty-plant.yaml');
  writeFileSync(file, doc.toString());
  return file;
}

function serve(config: string): Promise<{ url: string; child: ChildProcess }> {
  // Each server gets a history folder of its own, never the user's.
  const dataDir = mkdtempSync(join(tmpdir(), 'lineside-e2e-data-'));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/lineside.js', 'serve', '--config', config, '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`lineside serve printed no URL within 20 s: ${out}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!, child });
      }
    });
    child.once('exit', (code) => reject(new Error(`lineside serve exited with ${code}: ${out}`)));
  });
}

export default async function globalSetup() {
  const demo = await serve(demoConfig);
  const faulty = await serve(faultyConfig());
  process.env.LINESIDE_DEMO_URL = demo.url;
  process.env.LINESIDE_FAULTY_URL = faulty.url;
  return async () => {
    for (const { child } of [demo, faulty]) child.kill('SIGTERM');
  };
}
