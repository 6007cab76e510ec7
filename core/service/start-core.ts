/**
 * Wiring: plant config → runtime (drivers, tag bus) → service. Used by the Electron main
 * process and by `lineside serve`, so both run exactly the same core.
 */
import { loadPlantConfig } from '../config/index.js';
import { join } from 'node:path';
import { contractVersion } from '../contract/index.js';
import type { Plant } from '../model/plant.js';
import { driverFactories } from '../drivers/registry.js';
import { startHistorian } from '../historian/index.js';
import { createRealClock, createReplayClock, type Clock } from '../runtime/clock.js';
import type { Logger } from '../runtime/logger.js';
import { createRuntime, type Runtime } from '../runtime/runtime.js';
import { createHmiService, type HmiService } from './hmi-service.js';
import { createOpcuaWorkbench } from './opcua-workbench.js';
import { createConfigKeeper } from './config-keeper.js';
import { historianConfigVersions, memoryConfigVersions } from '../historian/config-versions.js';
import { createCaptureExports } from './capture-exports.js';
import { securedService, stationName, type AuditTrail } from './secured-service.js';
import { appendAudit, searchAudit } from '../historian/audit-store.js';
import { historianAccountStore } from '../historian/account-store.js';
import { createAccounts, memoryAccountStore } from '../security/accounts.js';
import { tmpdir } from 'node:os';
import { loadOrCreateKey, openSecret, sealSecret } from '../security/secrets.js';
import { startAlarmHost, type AlarmHost, type AlarmJournal } from '../runtime/alarm-host.js';
import { createOeeHost, type OeeHost } from '../runtime/oee-host.js';
import { startSpcMonitor } from '../runtime/spc-monitor.js';
import { startPdmHost, type PdmHost } from '../runtime/pdm-host.js';
import { estimateBandwidth } from '../uplink/bandwidth.js';
import { startSummaries } from '../uplink/summaries.js';
import { startUplink, type UplinkHost } from '../uplink/uplink-host.js';
import { appendAlarmEvents, queryAlarmJournal } from '../historian/alarm-journal.js';
import type { Historian, RunningHistorian } from '../historian/index.js';
import { LinesideError } from '../model/errors.js';
import { createOpcuaTools, type OpcuaTools } from '../drivers/opcua/index.js';
import type { CertificateInfo } from '../contract/index.js';

/** Why changes to the built-in demo plant are not saved: it ships with the app. */
export const builtInDemoNotChanged = 'the built-in demo config ships with the app and is not changed; start with --config YOUR-PLANT.yaml to keep changes';

export interface CoreOptions {
  configFile: string;
  transport: 'ipc' | 'websocket';
  log: Logger;
  /** Runs the clock faster than real time (a simulated line at 60× shows an hour a minute). */
  speed?: number;
  appVersion: string;
  electronVersion?: string;
  flushMs?: number;
  /** Folder for the historian's database (one file per plant); no historian when omitted. */
  dataDir?: string;
  /** Folder where drivers keep files across runs (OPC UA certificates). */
  stateDir?: string;
  /** Why the config file must not be written (the built-in demo): plant changes then apply live only. */
  readOnlyConfig?: string;
  /** The key file that opens sealed secrets in the config (default: secrets.key in the state folder, or $LINESIDE_KEY_FILE). */
  keyFile?: string;
  /** The key itself, where the app keeps it otherwise (the desktop app: sealed by Electron's safeStorage); wins over keyFile. */
  secretKey?: () => Buffer;
  /** A signed-in station goes back to viewer after this long without a touch or key (default 15 min). */
  idleLogoutMs?: number;
}

export const DEFAULT_IDLE_LOGOUT_MS = 15 * 60_000;

export interface Core {
  runtime: Runtime;
  service: HmiService;
  stop(): Promise<void>;
}

export async function startCore(options: CoreOptions): Promise<Core> {
  // Sealed secrets in the config are opened with the machine's key file (made on first use).
  const keyFile = options.keyFile ?? process.env.LINESIDE_KEY_FILE ?? join(options.stateDir ?? options.dataDir ?? tmpdir(), 'secrets.key');
  let key: Buffer | undefined;
  const secretKey = () => (key ??= options.secretKey ? options.secretKey() : loadOrCreateKey(keyFile));
  const parseOptions = { openSecret: (sealed: string) => openSecret(sealed, secretKey()) };
  const plant = await loadPlantConfig(options.configFile, driverFactories, parseOptions);
  const speed = options.speed ?? 1;
  const clock: Clock = speed === 1 ? createRealClock() : createReplayClock(Date.now(), speed);
  const runtime = createRuntime({ plant, drivers: driverFactories, clock, log: options.log, ...(options.stateDir ? { stateDir: options.stateDir } : {}) });
  // The historian subscribes before the drivers start, so it sees their first samples.
  const history = options.dataDir ? startHistorian({ file: historianFile(options.dataDir, plant), runtime, log: options.log }) : undefined;
  // The analytics subscribe before the drivers start too: the first samples can raise alarms.
  const { alarms, oee, pdm, stop: stopAnalytics } = startAnalytics(runtime, history, options.log);
  await runtime.start();
  // The conduit upstream: summaries into the durable queue, the queue to the broker. It needs the historian's file.
  const uplinkSettings = plant.uplink;
  if (uplinkSettings && !history) options.log.warn('the plant config has an uplink, but the app runs without a historian: the uplink needs its queue there, so nothing goes upstream');
  const summaries = uplinkSettings && history ? startSummaries({ runtime, historian: history, settings: uplinkSettings, log: options.log.child({ part: 'uplink' }), pdm, ...(oee ? { oee } : {}) }) : undefined;
  const uplink: UplinkHost | undefined =
    uplinkSettings && history
      ? startUplink({ runtime, historian: history, settings: uplinkSettings, log: options.log.child({ part: 'uplink' }), expectedBytesPerHour: estimateBandwidth(plant, uplinkSettings).totalBytesPerHour })
      : undefined;
  // Engineering mode and the OPC UA browser change the plant config through one keeper, which
  // numbers every applied config in the historian's file (in memory without one).
  const config = createConfigKeeper({
    runtime,
    drivers: driverFactories,
    parseOptions,
    seal: (secret) => sealSecret(secret, secretKey()),
    versions: history ? historianConfigVersions(() => openHistorianOf(history)) : memoryConfigVersions(),
    log: options.log.child({ part: 'config' }),
    ...(options.readOnlyConfig ? { readOnlyConfig: options.readOnlyConfig } : {}),
  });
  const opcuaTools = createOpcuaTools({ stateDir: runtime.stateDir, log: options.log.child({ part: 'opcua-tools' }) });
  const opcua = createOpcuaWorkbench({ runtime, tools: opcuaTools, drivers: driverFactories, log: options.log, config });
  const hmiService = createHmiService({
    runtime,
    mode: 'live',
    transport: options.transport,
    versions: {
      app: options.appVersion,
      node: process.versions.node,
      ...(options.electronVersion ? { electron: options.electronVersion } : {}),
      contract: contractVersion,
    },
    ...(options.flushMs !== undefined ? { flushMs: options.flushMs } : {}),
    ...(history ? { historian: history } : {}),
    opcua,
    config,
    alarms,
    ...(oee ? { oee } : {}),
    pdm,
    ...(uplink ? { uplink } : {}),
    ...(history && options.dataDir ? { captures: createCaptureExports({ runtime, history, dataDir: options.dataDir, appVersion: options.appVersion, log: options.log.child({ part: 'capture' }) }) } : {}),
    certificates: cachedFor(60_000, () => certificatesToWatch(runtime, opcuaTools)),
  });
  // Every call is checked against the caller's role, and what people do goes into the audit
  // trail; accounts and the trail live in the historian's file (in memory, and no trail, without one).
  const service = securedService(hmiService, {
    accounts: createAccounts(history ? historianAccountStore(() => openHistorianOf(history)) : memoryAccountStore()),
    ...(history ? { audit: historianAuditTrail(history, options.log) } : {}),
    station: stationName(options.transport),
    idleLogoutMs: options.idleLogoutMs ?? DEFAULT_IDLE_LOGOUT_MS,
    tag: (path) => runtime.tags.get(path),
    currentValue: (path) => {
      const value = runtime.bus.current(path)?.value;
      return value === null || typeof value === 'object' ? undefined : value;
    },
  });
  return {
    runtime,
    service,
    async stop() {
      stopAnalytics();
      summaries?.stop();
      await uplink?.stop();
      await runtime.stop();
      await opcuaTools.close();
      history?.stop();
    },
  };
}

export interface Analytics {
  alarms: AlarmHost;
  /** Absent without a historian: OEE is computed from stored history. */
  oee: OeeHost | undefined;
  pdm: PdmHost;
  stop(): void;
}

/**
 * The analytics on the running plant: alarms, OEE with SPC, and vibration monitoring, each
 * journaling into the historian when there is one. Live and replay start them the same way.
 */
export function startAnalytics(runtime: Runtime, history: RunningHistorian | undefined, log: Logger): Analytics {
  const alarms = startAlarmHost({ runtime, log: log.child({ part: 'alarms' }), ...(history ? { journal: historianAlarmJournal(history) } : {}) });
  const oee = history ? createOeeHost({ runtime, historian: history }) : undefined;
  const stopSpc = history && oee ? startSpcMonitor({ runtime, historian: history, oee, log: log.child({ part: 'spc' }) }) : () => {};
  // And the vibration monitoring, for the snapshots of the simulator's warm-up.
  const pdm = startPdmHost({ runtime, log: log.child({ part: 'pdm' }), ...(history ? { historian: history } : {}) });
  return {
    alarms,
    oee,
    pdm,
    stop() {
      alarms.stop();
      stopSpc();
      pdm.stop();
    },
  };
}

/** The historian's file, or a clear error while it is not open. */
function openHistorianOf(history: RunningHistorian): Historian {
  const historian = history.historian();
  if (!historian) throw new LinesideError('not-found', `the historian is not open: ${history.status().detail}`);
  return historian;
}

/** The audit trail in the historian's file; a record that cannot be written is logged with what it said. */
function historianAuditTrail(history: RunningHistorian, log: Logger): AuditTrail {
  return {
    record(entry) {
      try {
        appendAudit(openHistorianOf(history), entry);
      } catch (error) {
        log.error({ err: error, audit: entry }, 'an audit record could not be written');
      }
    },
    search: (query) => searchAudit(openHistorianOf(history), query, 'newest-first'),
    all: (query) => searchAudit(openHistorianOf(history), query, 'oldest-first'),
  };
}

/** The alarm journal in the historian's file; while the file is not open, the host keeps events in memory. */
function historianAlarmJournal(history: RunningHistorian): AlarmJournal {
  const open = () => {
    const historian = history.historian();
    if (!historian) throw new Error(`the historian is not open: ${history.status().detail}`);
    return historian;
  };
  return {
    append: (events) => appendAlarmEvents(open(), events),
    query: (query) => queryAlarmJournal(open(), query),
  };
}

/**
 * The certificates whose expiry the status shows: the app's own OPC UA certificate once a
 * plant has an OPC UA device (it is made on first use), and the trusted server certificates.
 */
async function certificatesToWatch(runtime: Runtime, tools: OpcuaTools): Promise<CertificateInfo[]> {
  if (!runtime.plant.devices.some((device) => device.driver === 'opcua')) return [];
  const own = await tools.ownCertificate();
  const trusted = (await tools.certificates()).filter((c) => c.status === 'trusted');
  return [{ ...own, status: 'own' }, ...trusted];
}

/**
 * The answer of `load`, reused for `ms` of wall time: every open screen asks for the system
 * status every 5 s, and certificate expiry does not need a read of the PKI folder each time.
 */
function cachedFor<T>(ms: number, load: () => Promise<T>): () => Promise<T> {
  let cached: { at: number; value: Promise<T> } | undefined;
  return () => {
    if (!cached || Date.now() - cached.at > ms) {
      const value = load();
      cached = { at: Date.now(), value };
      value.catch(() => (cached = undefined)); // a failure is not kept
    }
    return cached.value;
  };
}

/** One database file per plant, named after its site and area: "north-brewery-packaging.lineside.db". */
export function historianFile(dataDir: string, plant: Plant): string {
  const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'plant';
  return join(dataDir, `${slug(plant.site)}-${slug(plant.area)}.lineside.db`);
}
