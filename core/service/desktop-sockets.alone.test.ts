// Desktop mode listens on no port. The core runs as electron/main.ts runs it (startCore with
// the IPC transport) in a process of its own (testing/desktop-core-child.ts: Electron is not
// installed here), reading the simulated line from a real Modbus TCP server and publishing
// Sparkplug B to a real Mosquitto, both on 127.0.0.1. Once it is reading and its summaries
// arrive at the broker, its sockets are read from /proc: no TCP socket in LISTEN, no UDP
// socket at all, and ESTABLISHED connections out to the Modbus and the MQTT port.
// A second test runs the same check on a process that does listen, and sees it.
//
// It runs alone, after the other tests (vitest.alone.config.ts): it starts processes and a broker.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { loadPlantConfig } from '../config/index.js';
import { modbusPlantConfig, serveRuntimeOverModbus } from '../drivers/modbus/index.js';
import { driverFactories } from '../drivers/registry.js';
import { createRealClock } from '../runtime/clock.js';
import { silentLogger } from '../runtime/logger.js';
import { createRuntime, type Runtime } from '../runtime/runtime.js';
import { startConsumer, type Consumer } from '../uplink/testing/consumer.js';
import { mosquittoAvailable, startMosquitto, type TestBroker } from '../uplink/testing/mosquitto.js';
import { describeSocket, descendantPids, isEstablishedTo, isListening, listenersAndUdp, readProcessSockets, type ProcSocket } from './testing/proc-sockets.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const childScript = join(root, 'core/service/testing/desktop-core-child.ts');
const GROUP = 'LinesideDesktopTest';
const NODE = 'desktop-sockets';
const DEVICE = 'line1:filler';
const METRIC = 'Tags/speed/Mean';
const READY_MS = 30_000;
const FLOWING_MS = 30_000;
const POLL_MS = 200;
/** The sockets are read this many times, 100 ms apart: a socket that comes and goes is seen more likely. */
const SAMPLES = 10;
const onLinux = process.platform === 'linux';
type RuntimeOverModbus = Awaited<ReturnType<typeof serveRuntimeOverModbus>>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Spawned {
  child: ChildProcess;
  /** stdout and stderr, the last 8 kB (for failure messages). */
  output(): string;
}

/** Starts the process and waits (bounded) until its stdout has a line matching `ready`; killed if it does not come in time. */
function spawnUntil(args: string[], ready: RegExp, ms: number, env: NodeJS.ProcessEnv = process.env): Promise<Spawned & { match: RegExpExecArray }> {
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let stdout = '';
  const keep = (chunk: Buffer) => (out = (out + chunk.toString()).slice(-8000));
  child.stderr!.on('data', keep);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL'); // not left behind: the caller never gets it
      reject(new Error(`no "${ready.source}" on stdout within ${ms} ms: ${out}`));
    }, ms);
    child.stdout!.on('data', (chunk: Buffer) => {
      keep(chunk);
      stdout += chunk.toString();
      const match = ready.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve({ child, match, output: () => out });
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`exited (${code ?? signal}) before "${ready.source}": ${out}`));
    });
  });
}

/** SIGTERM (the core stops as the app does on quit), SIGKILL after 5 s; bounded. */
async function kill(child: ChildProcess | undefined): Promise<void> {
  const running = () => child !== undefined && child.exitCode === null && child.signalCode === null;
  if (!child || !running()) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(5000)]);
  if (!running()) return;
  child.kill('SIGKILL');
  await Promise.race([exited, sleep(5000)]);
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim().slice(0, 200);
  } catch {
    return 'exited';
  }
}

/** The process's TCP and UDP sockets (and its descendants'), read SAMPLES times: every socket seen, by inode. */
async function sampleSockets(pid: number): Promise<{ sockets: ProcSocket[]; otherSocketFds: number[]; descendants: string[] }> {
  const seen = new Map<string, ProcSocket>();
  const otherSocketFds = new Set<number>();
  /** pid → its command line (a descendant of the core, e.g. the esbuild service tsx starts on a cache miss, is checked too). */
  const descendants = new Map<number, string>();
  for (let i = 0; i < SAMPLES; i++) {
    const pids = [pid, ...descendantPids(pid)];
    for (const p of pids.slice(1)) if (!descendants.has(p)) descendants.set(p, commandLine(p));
    for (const p of pids) {
      try {
        const read = readProcessSockets(p);
        if (p === pid) for (const fd of read.otherSocketFds) otherSocketFds.add(fd);
        // Keyed by inode and state: a connection that changes state is listed in each.
        for (const s of read.sockets) seen.set(`${s.inode}/${s.state}`, s);
      } catch (error) {
        if (p === pid) throw error; // the process itself must be there; a descendant may have exited
      }
    }
    await sleep(100);
  }
  return { sockets: [...seen.values()], otherSocketFds: [...otherSocketFds].sort((a, b) => a - b), descendants: [...descendants].map(([p, command]) => `${p} (${command})`) };
}

const listing = (sockets: readonly ProcSocket[]) => (sockets.length === 0 ? '(none)' : sockets.map((s) => `  ${describeSocket(s)}`).join('\n'));

describe.skipIf(!mosquittoAvailable || !onLinux)('desktop mode: no listening socket (from /proc)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lineside-desktop-sockets-'));
  let sim: { runtime: Runtime; served: RuntimeOverModbus } | undefined;
  let broker: TestBroker | undefined;
  let consumer: Consumer | undefined;
  let core: Spawned | undefined;
  let listener: Spawned | undefined;

  afterAll(async () => {
    await kill(core?.child);
    await kill(listener?.child);
    await consumer?.close().catch(() => {});
    await broker?.dispose();
    await sim?.served.close().catch(() => {});
    await sim?.runtime.stop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  });

  /** The simulated line served over Modbus TCP from this process, as `lineside sim --modbus` does; returns the plant config that reads it. */
  async function startModbusLine(): Promise<{ configText: string; port: number }> {
    const demo = parseDocument(readFileSync(join(root, 'assets/demo/plant.yaml'), 'utf8'));
    // Running from the first second: no shift calendar, no warm-up.
    demo.setIn(['devices', 0, 'settings', 'calendar'], false);
    demo.setIn(['devices', 0, 'settings', 'warmUpMin'], 0);
    const simFile = join(dir, 'sim-plant.yaml');
    writeFileSync(simFile, demo.toString());
    const plant = await loadPlantConfig(simFile, driverFactories);
    const runtime = createRuntime({ plant, drivers: driverFactories, clock: createRealClock(), log: silentLogger() });
    const served = await serveRuntimeOverModbus(runtime, { host: '127.0.0.1', port: 0, log: silentLogger() });
    sim = { runtime, served };
    await runtime.start();
    // What `lineside sim --modbus --write-config` writes: the demo read over Modbus (without the waveform and its `pdm:`).
    return { configText: modbusPlantConfig(demo.toString(), served.mapped, '127.0.0.1', served.server.port), port: served.server.port };
  }

  it('the core in desktop mode reads over Modbus and publishes over MQTT, and listens on no TCP or UDP port', async () => {
    const started = Date.now();
    const modbus = await startModbusLine();
    broker = await startMosquitto();
    const mqttPort = Number(new URL(broker.url).port);
    consumer = await startConsumer(broker.url, GROUP);

    // The plant config of the desktop app: the line over Modbus, and an uplink to the broker (no primary host: born at once).
    const doc = parseDocument(modbus.configText);
    doc.set('uplink', doc.createNode({ broker: broker.url, groupId: GROUP, edgeNodeId: NODE, summaries: { tagAggregatesSeconds: 5, tags: ['line1/filler/speed'] } }));
    const configFile = join(dir, 'plant.yaml');
    writeFileSync(configFile, doc.toString());
    const userData = join(dir, 'user-data');
    mkdirSync(userData, { recursive: true });

    core = await spawnUntil(['--import', 'tsx', childScript, '--config', configFile, '--user-data', userData], /^ready$/m, READY_MS, { ...process.env, LINESIDE_LOG_LEVEL: 'info' });
    const readyAt = Date.now();
    const pid = core.child.pid!;
    const requestsAtReady = sim!.served.server.requests;

    // Bounded: until the Modbus server answers the core's reads and the core's node is born with live device data upstream.
    const fromNode = () => consumer!.messages.filter((m) => m.topic.split('/')[3] === NODE);
    const liveData = () => fromNode().filter((m) => m.type === 'DDATA' && m.device === DEVICE && m.metrics.some((x) => x.name === METRIC && typeof x.value === 'number'));
    const flowing = () => sim!.served.server.requests > requestsAtReady && fromNode().some((m) => m.type === 'NBIRTH') && liveData().length > 0;
    const until = Date.now() + FLOWING_MS;
    for (let i = 0; i < Math.ceil(FLOWING_MS / POLL_MS) + 1 && !flowing() && Date.now() < until; i++) {
      if (core.child.exitCode !== null) break;
      await sleep(POLL_MS);
    }
    const types = fromNode().map((m) => `${m.type}${m.device ? `/${m.device}` : ''}`);
    expect(
      flowing(),
      `within ${FLOWING_MS} ms: Modbus requests ${sim!.served.server.requests - requestsAtReady}, messages from the node: ${types.slice(-20).join(', ') || '(none)'}; the core printed: ${core.output()}`,
    ).toBe(true);
    const flowingAt = Date.now();

    const { sockets, otherSocketFds, descendants } = await sampleSockets(pid);
    const report =
      `pid ${pid}; Modbus server 127.0.0.1:${modbus.port}, MQTT broker 127.0.0.1:${mqttPort}; ` +
      `descendant processes: ${descendants.join(', ') || 'none'}; not TCP/UDP (Unix, netlink) sockets on fds: ${otherSocketFds.join(', ') || 'none'}\n${listing(sockets)}`;
    process.stdout.write(
      `desktop-mode sockets after ${SAMPLES} reads (ready ${readyAt - started} ms after the start, reading and publishing ${flowingAt - readyAt} ms later; ` +
        `${sim!.served.server.requests - requestsAtReady} Modbus requests, ${fromNode().length} Sparkplug messages: ${[...new Set(types)].join(', ')}):\n${report}\n`,
    );
    expect(listenersAndUdp(sockets).map(describeSocket), `the core in desktop mode listens or has a UDP socket; ${report}`).toEqual([]);
    expect(
      sockets.some((s) => isEstablishedTo(s, modbus.port)),
      `an established TCP connection to the Modbus server; ${report}`,
    ).toBe(true);
    expect(
      sockets.some((s) => isEstablishedTo(s, mqttPort)),
      `an established TCP connection to the broker; ${report}`,
    ).toBe(true);
  }, 120_000);

  it('the same check sees a process that listens (so the first test is not vacuous)', async () => {
    const script = [
      "const net = require('node:net');",
      "const dgram = require('node:dgram');",
      'const server = net.createServer();',
      "const udp = dgram.createSocket('udp4');",
      "server.listen(0, '127.0.0.1', () => udp.bind(0, '127.0.0.1', () => process.stdout.write('listening ' + server.address().port + ' ' + udp.address().port + '\\n')));",
      'setTimeout(() => process.exit(0), 60000);',
    ].join('\n');
    const started = await spawnUntil(['-e', script], /^listening (\d+) (\d+)$/m, 10_000);
    listener = started;
    const tcpPort = Number(started.match[1]);
    const udpPort = Number(started.match[2]);
    const { sockets } = await sampleSockets(listener.child.pid!);
    const report = `pid ${listener.child.pid}:\n${listing(sockets)}`;
    const found = listenersAndUdp(sockets);
    expect(
      found.some((s) => isListening(s) && s.localAddress === '127.0.0.1' && s.localPort === tcpPort),
      `the LISTEN socket on 127.0.0.1:${tcpPort} is found; ${report}`,
    ).toBe(true);
    expect(
      found.some((s) => s.protocol === 'udp' && s.localPort === udpPort),
      `the UDP socket on 127.0.0.1:${udpPort} is found; ${report}`,
    ).toBe(true);
  }, 30_000);
});
