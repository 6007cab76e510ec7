// Starts the processes the tests talk to, from the built app: `lineside serve` with the demo
// plant as shipped but for the simulator's shift calendar (off, so that the line runs
// whatever the day and hour: on Sunday mornings the calendar has it in sanitation, and an
// overview of stopped machines shows few values changing); with faults injected early (a filler stop, a broken glue sensor), so the
// tests see them within seconds; and with a copy of the demo config that the OPC UA test may
// change, next to `lineside sim --opcua`, the simulated line as an OPC UA server with a user.
// Every server gets the e2e accounts (an admin, an operator with a PIN, maintenance, an engineer),
// made over the WebSocket contract; their URLs and the accounts reach the tests through the environment.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { createAccounts, makeAccounts } from './accounts.js';
import { serve } from './serve.js';

export const demoConfig = 'assets/demo/plant.yaml';

function runningDemoConfig(): string {
  const doc = parseDocument(readFileSync(demoConfig, 'utf8'));
  doc.setIn(['devices', 0, 'settings', 'calendar'], false);
  const file = join(mkdtempSync(join(tmpdir(), 'lineside-e2e-')), 'demo-plant.yaml');
  writeFileSync(file, doc.toString());
  return file;
}

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

/** `lineside sim --opcua` on a free port, with a user; resolves with its endpoint and certificate thumbprint. */
function simOverOpcua(): Promise<{ endpointUrl: string; thumbprint: string; child: ChildProcess }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lineside-e2e-opcua-'));
  return new Promise((resolve, reject) => {
    const args = ['bin/lineside.js', 'sim', '--opcua', '127.0.0.1:0', '--user', 'engineer:line-side-42', '--data-dir', dataDir];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`lineside sim --opcua printed no endpoint within 30 s: ${out}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /(opc\.tcp:\/\/127\.0\.0\.1:\d+).*SHA-1 ([0-9A-F]{40})/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ endpointUrl: match[1]!, thumbprint: match[2]!, child });
      }
    });
    child.once('exit', (code) => reject(new Error(`lineside sim --opcua exited with ${code}: ${out}`)));
  });
}

export default async function globalSetup() {
  const opcuaConfig = join(mkdtempSync(join(tmpdir(), 'lineside-e2e-')), 'plant.yaml');
  writeFileSync(opcuaConfig, readFileSync(demoConfig, 'utf8'));
  const [demo, faulty, opcuaApp, opcuaSim] = await Promise.all([serve(runningDemoConfig()), serve(faultyConfig()), serve(opcuaConfig), simOverOpcua()]);
  const accounts = makeAccounts();
  await Promise.all([demo, faulty, opcuaApp].map((served) => createAccounts(served.url, accounts)));
  process.env.LINESIDE_E2E_ACCOUNTS = JSON.stringify(accounts);
  process.env.LINESIDE_DEMO_URL = demo.url;
  process.env.LINESIDE_FAULTY_URL = faulty.url;
  process.env.LINESIDE_OPCUA_APP_URL = opcuaApp.url;
  process.env.LINESIDE_OPCUA_APP_CONFIG = opcuaConfig;
  process.env.LINESIDE_OPCUA_ENDPOINT = opcuaSim.endpointUrl;
  process.env.LINESIDE_OPCUA_THUMBPRINT = opcuaSim.thumbprint;
  return async () => {
    for (const { child } of [demo, faulty, opcuaApp, opcuaSim]) child.kill('SIGTERM');
  };
}
