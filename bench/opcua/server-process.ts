// The OPC UA benchmark's server, in a process of its own so that the client's CPU, measured
// in the benchmark's process, leaves the server's out. Started by bench/opcua/suite.ts as
// `node --import tsx bench/opcua/server-process.ts VARIABLES MAX_SUBSCRIPTIONS PKI_ROOT`.
//
// The driver's test server (startOpcuaTestServer) with VARIABLES float64 variables at
// `bench/plc/v<i>` (NodeId `ns=<ns>;s=bench/plc/v<i>`), every endpoint it offers (the bench
// uses the None one), and subscription limits raised to MAX_SUBSCRIPTIONS per session and
// per server for the one-subscription-per-item baseline. Every variable gets a new value
// once a second, with sourceTs = the wall clock when it is set: the variables in ten
// chunks, one chunk every 100 ms, so the 10,000 updates of a second are spread over it.
//
// Prints one line `READY {"endpointUrl":…,"namespaceIndex":…,"nodeIdFormat":…}` on stdout
// once it serves. Stops on SIGTERM, SIGINT, or when its stdin closes (the benchmark ended).
import { raiseServerSubscriptionLimits } from '../../core/drivers/opcua/testing/server-limits.js';
import { startOpcuaTestServer, type TestServerVariable } from '../../core/drivers/opcua/test-server.js';

const CHUNKS = 10;
const PERIOD_MS = 1000;

const [variablesArg, subscriptionsArg, pkiRoot] = process.argv.slice(2);
const count = Number(variablesArg);
const maxSubscriptions = Number(subscriptionsArg);
if (!(count > 0) || !(maxSubscriptions > 0) || !pkiRoot) {
  console.error('usage: server-process.ts VARIABLES MAX_SUBSCRIPTIONS PKI_ROOT');
  process.exit(2);
}

raiseServerSubscriptionLimits({ perSession: maxSubscriptions, total: maxSubscriptions });
const paths = Array.from({ length: count }, (_, i) => `bench/plc/v${i}`);
const variables: TestServerVariable[] = paths.map((path, i) => ({ path, browseName: `v${i}`, dataType: 'float64', unit: '', description: '', writable: false, initial: 0 }));
const server = await startOpcuaTestServer({ port: 0, pkiRoot, site: 'Bench', area: 'Bench', variables });

// The n-th chunk update is due at start + n × PERIOD_MS / CHUNKS: each timer is set against
// that schedule, not after the last update (a setInterval falls behind while the
// server is busy sampling, and the variables would change less often than once a second).
const chunkSize = Math.ceil(count / CHUNKS);
const start = performance.now();
let tick = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
const update = () => {
  const chunk = tick % CHUNKS;
  const round = Math.floor(tick / CHUNKS) + 1;
  tick++;
  const now = Date.now();
  const end = Math.min(count, (chunk + 1) * chunkSize);
  // A value that differs from the last one for every variable: i + round / 1000.
  for (let i = chunk * chunkSize; i < end; i++) server.setValue(paths[i]!, i + round / 1000, undefined, now);
  timer = setTimeout(update, Math.max(0, start + ((tick + 1) * PERIOD_MS) / CHUNKS - performance.now()));
};
timer = setTimeout(update, PERIOD_MS / CHUNKS);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  clearTimeout(timer);
  await server.close().catch(() => undefined);
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
process.stdin.on('end', () => void stop());
process.stdin.on('error', () => void stop());
process.stdin.resume();

process.stdout.write(`READY ${JSON.stringify({ endpointUrl: server.endpointUrl, namespaceIndex: server.namespaceIndex, nodeIdFormat: server.nodeIdOf('<path>') })}\n`);
