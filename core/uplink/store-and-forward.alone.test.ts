// Store-and-forward, the fault test: Lineside runs the simulated line as its own process
// (`lineside serve`, from the sources) with the uplink publishing 5-second tag aggregates to
// a real Mosquitto. The broker is stopped and started again five times; in the third
// outage Lineside itself is killed with SIGKILL and started again while the broker is still
// down. A consumer with a persistent session (decoding with Eclipse Tahu's package) checks
// that every 5-second summary produced meanwhile arrives (at least once), marked historical,
// in order per metric, and that there is no gap but the seconds Lineside was dead.
//
// Summaries come every 5 s instead of every minute, so that short outages hold several:
// the broker is away for 12 s in the first four cycles and for 3 minutes in the last (36
// summaries per asset wait in the queue), on the plant's real clock. It runs after the other tests, alone (vitest.alone.config.ts): it judges by the wall clock.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { startConsumer, type Consumer } from './testing/consumer.js';
import { mosquittoAvailable, startMosquitto, type TestBroker } from './testing/mosquitto.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const GROUP = 'NorthBrewery';
const NODE = 'packaging-line1';
const INTERVAL_MS = 5000;
const METRIC = 'Tags/speed/Mean';
const DEVICE = 'line1:filler';

function plantConfig(brokerUrl: string, dir: string): string {
  const doc = parseDocument(readFileSync(join(root, 'assets/demo/plant.yaml'), 'utf8'));
  doc.setIn(['devices', 0, 'settings', 'calendar'], false);
  doc.setIn(['devices', 0, 'settings', 'warmUpMin'], 0);
  doc.set(
    'uplink',
    doc.createNode({ broker: brokerUrl, groupId: GROUP, edgeNodeId: NODE, backlogPerSecond: 50, summaries: { tagAggregatesSeconds: 5, tags: ['line1/filler/speed', 'line1/capper/speed'] } }),
  );
  const file = join(dir, 'plant.yaml');
  writeFileSync(file, doc.toString());
  return file;
}

function startLineside(config: string, dataDir: string): Promise<ChildProcess> {
  // The UI is not what this test is about: an empty page stands in for the built renderer.
  const ui = join(dataDir, '..', 'ui');
  mkdirSync(ui, { recursive: true });
  writeFileSync(join(ui, 'index.html'), '<!doctype html><title>Lineside</title>');
  const args = ['--import', 'tsx', join(root, 'core/cli/run.ts'), 'serve', '--config', config, '--data-dir', dataDir, '--renderer-dir', ui, '--port', '0', '--log-level', 'error'];
  const child = spawn(process.execPath, args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`lineside serve printed no URL within 30 s: ${out}`)), 30_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (/http:\/\/127\.0\.0\.1:\d+/.test(out)) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`lineside serve exited with ${code}: ${out}`)));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!mosquittoAvailable)('store-and-forward across broker outages and a killed Lineside', () => {
  let broker: TestBroker | undefined;
  let consumer: Consumer | undefined;
  let lineside: ChildProcess | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'lineside-saf-'));

  afterAll(async () => {
    lineside?.kill('SIGKILL');
    await consumer?.close();
    await broker?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('every summary produced while the broker was away arrives, historical, in order, without a gap', async () => {
    broker = await startMosquitto();
    // The consumer's session persists in the broker (clean: false), so it misses nothing while connected or not.
    consumer = await startConsumer(broker.url, GROUP, { clientId: 'saf-consumer' });
    const config = plantConfig(broker.url, dir);
    const dataDir = join(dir, 'data');
    lineside = await startLineside(config, dataDir);
    const data = () => consumer!.messages.filter((m) => m.type === 'DDATA' && m.device === DEVICE);
    await consumer.waitFor(() => data().length >= 2, 40_000, 'the first live summaries');

    const outages: { from: number; to: number }[] = [];
    let dead: { from: number; to: number } | undefined;
    for (let cycle = 1; cycle <= 5; cycle++) {
      const from = Date.now();
      await broker.stop();
      await sleep(6000);
      if (cycle === 3) {
        lineside.kill('SIGKILL');
        await new Promise((r) => lineside!.once('exit', r));
        const killedAt = Date.now();
        await sleep(1000);
        lineside = await startLineside(config, dataDir);
        dead = { from: killedAt, to: Date.now() };
      }
      await sleep(cycle === 5 ? 168_000 : 6000);
      await broker.start();
      outages.push({ from, to: Date.now() });
      // Connected again: the backlog drains (50 messages a second) while live summaries go on.
      const before = data().length;
      await consumer.waitFor(() => data().length >= before + 3, 40_000, `summaries after outage ${cycle}`);
      await sleep(2000);
    }
    await sleep(INTERVAL_MS * 3);

    const points = data().flatMap((m) => m.metrics.filter((x) => x.name === METRIC).map((x) => ({ t: x.timestamp!, historical: x.historical, value: x.value })));
    const slots = [...new Set(points.map((p) => p.t))].sort((a, b) => a - b);
    expect(slots.length).toBeGreaterThan(15);
    // No gap: every 5-second slot from the first to the last, except those that ended while Lineside was dead (nothing was measured).
    const missing: number[] = [];
    for (let t = slots[0]!; t <= slots.at(-1)!; t += INTERVAL_MS) {
      const whileDead = dead && t > dead.from - INTERVAL_MS && t <= dead.to + INTERVAL_MS;
      if (!slots.includes(t) && !whileDead) missing.push(t);
    }
    const iso = (t: number) => new Date(t).toISOString().slice(11, 23);
    const timeline = `outages ${outages.map((o) => `${iso(o.from)}–${iso(o.to)}`).join(', ')}; Lineside dead ${dead ? `${iso(dead.from)}–${iso(dead.to)}` : 'never'}; slots ${slots.map(iso).join(' ')}`;
    expect(missing, `slots missing: ${missing.map(iso).join(', ')}; ${timeline}`).toEqual([]);
    // Produced during an outage: a slot is stamped with its end and summarised 5–10 s later (5 s to settle, a 5 s tick);
    // when all of that lies inside an outage, it waited in the queue and must have arrived marked historical.
    const duringOutage = slots.filter((t) => outages.some((o) => t + INTERVAL_MS > o.from && t + 2 * INTERVAL_MS + 1000 < o.to));
    expect(duringOutage.length).toBeGreaterThanOrEqual(5);
    for (const t of duringOutage) expect(points.some((p) => p.t === t && p.historical), `slot ${new Date(t).toISOString()} arrived historical`).toBe(true);
    // Lineside killed while the broker is up: the broker publishes its Will, the NDEATH with the bdSeq of its last birth.
    const lastBirth = consumer.messages.filter((m) => m.type === 'NBIRTH').at(-1)!;
    const deathsBefore = consumer.messages.filter((m) => m.type === 'NDEATH').length;
    lineside.kill('SIGKILL');
    await consumer.waitFor((m) => m.filter((x) => x.type === 'NDEATH').length > deathsBefore, 20_000, 'the Will (NDEATH) of the killed Lineside');
    const death = consumer.messages.filter((m) => m.type === 'NDEATH').at(-1)!;
    expect(death.metrics.find((x) => x.name === 'bdSeq')!.value).toEqual(lastBirth.metrics.find((x) => x.name === 'bdSeq')!.value);
    // In order per metric, within the backlog stream and within the live stream.
    for (const historical of [true, false]) {
      const times = points.filter((p) => p.historical === historical).map((p) => p.t);
      const firstSeen = times.filter((t, i) => times.indexOf(t) === i);
      expect(firstSeen).toEqual([...firstSeen].sort((a, b) => a - b));
    }
  }, 480_000);
});
