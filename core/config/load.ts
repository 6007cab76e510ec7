/**
 * Plant config file → plant model. Three steps, each reporting every problem it finds
 * (up to ConfigError's limit) with file, line, path, the value found and what was expected:
 * YAML syntax, then the schema (including each device's settings against its driver),
 * then the checks across places (ids, references, addresses).
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { LineCounter, parseDocument, type YAMLError } from 'yaml';
import type { ScalarValue } from '../contract/index.js';
import type { DriverFactory } from '../drivers/driver.js';
import type { AlarmDefinition } from '../model/alarm.js';
import { bearingCatalogue } from '../analytics/pdm/bearing.js';
import { catalogueName } from './bearing-name.js';
import { machineStates, type Asset, type AssetOeeSettings, type Device, type Line, type Plant, type PlantOeeSettings, type PdmSettings, type ReasonNode, type SpcCharacteristic, type StateMatch, type StorageSettings, type Tag, type UplinkSettings } from '../model/plant.js';
import { ConfigError, problem, throwProblems, type ConfigProblem } from './config-error.js';
import { crossCheck, resolveAlarmStates } from './cross-checks.js';
import { expectedFromIssue } from './expected.js';
import { problemsFromIssues } from './issues.js';
import { numericDataTypes, plantConfigSchema, type AssetOeeConfig, type OeeConfig, type PdmConfig, type PlantConfig, type SpcConfig, type TagConfig, type UplinkConfig } from './schema.js';
import { describeValue, formatPath, SourceMap } from './source-map.js';

export interface ParseOptions {
  /**
   * Opens a sealed secret ("enc:v1:…", core/security/secrets.ts) for the running app; it
   * throws with the reason when it cannot. Without it sealed values stay as they are (they
   * are strings, and `validate` need not know them).
   */
  openSecret?: (sealed: string) => string;
}

/**
 * Parses and validates a plant config. `file` names the file in messages and becomes
 * `Plant.source`. Throws ConfigError (code 'config-invalid') on any problem.
 */
export function parsePlantConfig(text: string, file: string, drivers: readonly DriverFactory[], options: ParseOptions = {}): Plant {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    // Only the first: the errors after a syntax error mostly follow from it.
    const [first, ...rest] = doc.errors as [YAMLError, ...YAMLError[]];
    const { line, col } = lineCounter.linePos(first.pos[0]);
    const reason = first.message.trim().replace(/\.+$/, '');
    const more = rest.length > 0 ? ` (yaml reports ${rest.length} more error${rest.length === 1 ? '' : 's'} after this one, which may follow from it.)` : '';
    throwProblems([problem(file, line, '', `YAML syntax error: ${reason}.${more}`, col)]);
  }

  const source = new SourceMap(doc, lineCounter);
  const data: unknown = options.openSecret ? openSealed(doc.toJS(), options.openSecret, file, source) : doc.toJS();
  // The schema's own messages say what is expected; the fallback covers any field without one.
  const parsed = plantConfigSchema(drivers).safeParse(data, { error: expectedFromIssue });
  if (!parsed.success) {
    throwProblems(problemsFromIssues(parsed.error.issues, { file, data, source }));
  }
  const config = parsed.data;
  const problems = [...crossCheck(config, { file, source, drivers }), ...checkUplink(config, file, source)];
  if (problems.length > 0) throwProblems(problems);
  return buildPlant(config, file);
}

/** Every sealed string in the config, opened; one that cannot be is a problem at its place. */
function openSealed(data: unknown, open: (sealed: string) => string, file: string, source: SourceMap): unknown {
  const problems: ConfigProblem[] = [];
  const walk = (value: unknown, path: (string | number)[]): unknown => {
    if (typeof value === 'string' && value.startsWith('enc:v1:')) {
      try {
        return open(value);
      } catch (error) {
        problems.push(problem(file, source.lineOf(path), formatPath(path), `the sealed secret at ${formatPath(path)} cannot be opened: ${(error as Error).message}.`));
        return value;
      }
    }
    if (Array.isArray(value)) return value.map((item, i) => walk(item, [...path, i]));
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, walk(item, [...path, key])]));
    return value;
  };
  const opened = walk(data, []);
  if (problems.length > 0) throwProblems(problems);
  return opened;
}

/** Reads a plant config file and parses it; an unreadable file is a ConfigError too. */
export async function loadPlantConfig(file: string, drivers: readonly DriverFactory[], options: ParseOptions = {}): Promise<Plant> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError([problem(file, undefined, '', `cannot read the plant config: ${osReason(error)}.`)]);
  }
  return parsePlantConfig(text, file, drivers, options);
}

/** "no such file or directory (ENOENT)" from Node's "ENOENT: no such file or directory, open 'x'". */
function osReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  const text = error.message.replace(/^[A-Z0-9_]+: /, '').replace(/, \w+ '.*'$/, '');
  return code && !text.includes(code) ? `${text} (${code})` : text;
}

function buildPlant(config: PlantConfig, file: string): Plant {
  const devices: Device[] = config.devices.map((device) => ({ id: device.id, driver: device.driver, settings: device.settings }));
  const lines: Line[] = config.lines.map((line) => ({
    path: line.id,
    id: line.id,
    name: line.name,
    ...(line.constraint === undefined ? {} : { constraint: `${line.id}/${line.constraint}` }),
    assets: line.assets.map((asset): Asset => {
      const assetPath = `${line.id}/${asset.id}`;
      const built: Asset = {
        path: assetPath,
        id: asset.id,
        name: asset.name,
        kind: asset.kind,
        description: asset.description,
        tags: asset.tags.map((tag): Tag => {
          const built: Tag = {
            path: `${assetPath}/${tag.name}`,
            name: tag.name,
            assetPath,
            deviceId: tag.device ?? asset.device,
            address: tag.address,
            dataType: tag.type,
            unit: tag.unit,
            description: tag.description,
            sampleRateMs: tag.sampleRateMs,
            rateReason: tag.rateReason,
            writable: tag.writable,
          };
          const states = tag.states === undefined ? undefined : config.stateSets[tag.states];
          if (states) built.states = states.map((state) => ({ ...state }));
          if (tag.critical) built.critical = true;
          if (tag.range) built.range = { min: tag.range.min, max: tag.range.max };
          if (tag.role !== undefined) built.role = tag.role;
          if (tag.decimals !== undefined) built.decimals = tag.decimals;
          if (tag.storage && tag.storage.compression !== 'lossless') built.storage = storageOf(tag.storage, tag.range);
          return built;
        }),
      };
      if (asset.oee) built.oee = assetOeeOf(asset.oee, asset.tags, assetPath, config.stateSets);
      if (asset.pdm) built.pdm = pdmOf(asset.pdm, assetPath);
      if (asset.spc.length > 0) built.spc = asset.spc.map((c) => spcOf(c, assetPath));
      return built;
    }),
  }));
  const plant: Plant = {
    site: config.site,
    area: config.area,
    lines,
    devices,
    faultTexts: { ...config.faults },
    retention: (config.historian?.retention ?? []).map((rule) => ({ ...rule })),
    alarms: alarmsOf(config),
    source: file,
  };
  if (config.oee) plant.oee = plantOeeOf(config.oee);
  if (config.uplink) plant.uplink = uplinkOf(config.uplink, file);
  return plant;
}

/** `uplink.summaries.tags`: each entry names a line, an asset or a numeric tag of the plant. */
function checkUplink(config: PlantConfig, file: string, source: SourceMap): ConfigProblem[] {
  const entries = config.uplink?.summaries.tags;
  if (!entries) return [];
  const lines = new Set(config.lines.map((line) => line.id));
  const assets = new Set<string>();
  const tags = new Map<string, TagConfig>();
  for (const line of config.lines) {
    for (const asset of line.assets) {
      assets.add(`${line.id}/${asset.id}`);
      for (const tag of asset.tags) tags.set(`${line.id}/${asset.id}/${tag.name}`, tag);
    }
  }
  const problems: ConfigProblem[] = [];
  entries.forEach((entry, i) => {
    const path = ['uplink', 'summaries', 'tags', i];
    const report = (expected: string) => problems.push(problem(file, source.lineOf(path), formatPath(path), `${formatPath(path)} is ${describeValue(entry, false)}; expected ${expected}.`));
    const tag = tags.get(entry);
    if (tag) {
      if (!numericDataTypes.includes(tag.type)) report(`a numeric tag (${entry} is ${tag.type}; only numeric tags have minimum, maximum and mean)`);
      return;
    }
    if (lines.has(entry) || assets.has(entry)) return;
    const parent = entry.split('/').slice(0, -1).join('/');
    const near = [...tags.keys()].filter((p) => p.startsWith(`${parent}/`) && numericDataTypes.includes(tags.get(p)!.type));
    const examples = near.length > 0 ? near : [...lines, ...assets];
    const shown = examples.slice(0, 10).join(', ') + (examples.length > 10 ? `, … (${examples.length} in all)` : '');
    report(`the path of a line, an asset or a numeric tag of the plant, such as ${shown}`);
  });
  return problems;
}

const MEGABYTE = 1_000_000;

/** Defaults filled in by the schema; file paths resolved against the config file; minutes → ms. */
function uplinkOf(config: UplinkConfig, file: string): UplinkSettings {
  const url = new URL(config.broker);
  const port = url.port === '' ? (url.protocol === 'mqtts:' ? 8883 : 1883) : Number(url.port);
  const here = (path: string) => resolve(dirname(file), path);
  const s = config.summaries;
  const built: UplinkSettings = {
    brokerUrl: `${url.protocol}//${url.hostname}:${port}`,
    groupId: config.groupId,
    edgeNodeId: config.edgeNodeId,
    qos: config.qos,
    inFlight: config.inFlight,
    backlogPerSecond: config.backlogPerSecond,
    queueMaxBytes: Math.round(config.queueMaxMegabytes * MEGABYTE),
    summaries: {
      tagAggregatesMs: s.tagAggregatesSeconds !== undefined ? s.tagAggregatesSeconds * 1000 : s.tagAggregatesMinutes * 60_000,
      ...(s.tags === undefined ? {} : { tags: [...new Set(s.tags)] }),
      oee: s.oee,
      alarms: s.alarms,
      healthMs: s.healthMinutes * 60_000,
      systemMs: s.systemMinutes * 60_000,
    },
  };
  if (config.primaryHostId !== undefined) built.primaryHostId = config.primaryHostId;
  if (config.username !== undefined) built.username = config.username;
  if (config.password !== undefined) built.password = config.password;
  if (config.tls) {
    const { ca, cert, key } = config.tls;
    built.tls = { ...(ca === undefined ? {} : { caFile: here(ca) }), ...(cert === undefined ? {} : { certFile: here(cert) }), ...(key === undefined ? {} : { keyFile: here(key) }) };
  }
  return built;
}

function pdmOf(config: PdmConfig, assetPath: string): PdmSettings {
  const built: PdmSettings = { waveformTag: `${assetPath}/${config.waveformTag}`, baselineMs: Math.round(config.baselineHours * 3_600_000) };
  // A catalogue name that is not in the catalogue is reported by the cross-checks.
  const bearing = typeof config.bearing === 'string' ? bearingCatalogue.find((b) => b.model === catalogueName(config.bearing as string)) : config.bearing;
  if (bearing) built.bearing = { ...(bearing.model === undefined ? {} : { model: bearing.model }), balls: bearing.balls, ballDiameterMm: bearing.ballDiameterMm, pitchDiameterMm: bearing.pitchDiameterMm, contactAngleDeg: bearing.contactAngleDeg ?? 0 };
  if (config.machineGroup !== undefined) built.machineGroup = config.machineGroup;
  if (config.foundation !== undefined) built.foundation = config.foundation;
  if (config.baseline) built.baseline = { from: Date.parse(config.baseline.from), to: Date.parse(config.baseline.to) };
  return built;
}

function spcOf(config: SpcConfig, assetPath: string): SpcCharacteristic {
  const built: SpcCharacteristic = { tag: `${assetPath}/${config.tag}`, subgroupSize: config.subgroupSize, intervalMs: Math.round(config.intervalMinutes * 60_000) };
  if (config.lsl !== undefined) built.lsl = config.lsl;
  if (config.usl !== undefined) built.usl = config.usl;
  if (config.target !== undefined) built.target = config.target;
  if (config.baseline) built.baseline = { from: Date.parse(config.baseline.from), to: Date.parse(config.baseline.to) };
  return built;
}

function plantOeeOf(oee: OeeConfig): PlantOeeSettings {
  const reasons = (nodes: OeeConfig['reasons']): ReasonNode[] => nodes.map((n) => ({ code: n.code, text: n.text, faults: [...n.faults], children: reasons(n.children) }));
  return {
    calendar: {
      timeZone: oee.timeZone,
      shifts: oee.shifts.map((s) => ({ name: s.name, start: s.start, end: s.end, days: [...s.days] })),
      breaks: oee.breaks.map((b) => ({ ...b })),
      plannedStops: oee.plannedStops.map((p) => (p.days ? { name: p.name, start: p.start, minutes: p.minutes, days: [...p.days] } : { name: p.name, start: p.start, minutes: p.minutes })),
      holidays: [...oee.holidays],
    },
    microStopMs: Math.round(oee.microStopSeconds * 1000),
    startupMs: Math.round(oee.startupSeconds * 1000),
    reasons: reasons(oee.reasons),
    targets: { ...oee.targets },
  };
}

/** An asset's OEE settings: tag names → paths, state labels → values, rates → cycle times (the cross-checks passed). */
function assetOeeOf(oee: AssetOeeConfig, tags: readonly TagConfig[], assetPath: string, stateSets: PlantConfig['stateSets']): AssetOeeSettings {
  const stateTag = tags.find((tag) => tag.name === oee.stateTag)!;
  const states: AssetOeeSettings['states'] = {};
  for (const state of machineStates) {
    const entries = oee.states[state];
    if (!entries) continue;
    const scalars = entries.filter((e): e is ScalarValue => typeof e !== 'object');
    const resolved = resolveAlarmStates(scalars, stateTag, stateSets);
    const values = 'values' in resolved ? resolved.values : scalars;
    let k = 0;
    states[state] = entries.map((entry): StateMatch => (typeof entry === 'object' ? { bit: entry.bit } : { value: values[k++]! }));
  }
  const cycle = (ideal: { idealCycleTimeS?: number | undefined; idealRatePerMin?: number | undefined }) =>
    ideal.idealCycleTimeS ?? (ideal.idealRatePerMin === undefined ? undefined : 60 / ideal.idealRatePerMin);
  const built: AssetOeeSettings = {
    stateTag: `${assetPath}/${oee.stateTag}`,
    states,
    productCycleTimesS: Object.fromEntries(Object.entries(oee.products ?? {}).map(([product, ideal]) => [product, cycle(ideal)!])),
  };
  const tagFields = ['faultTag', 'totalCounter', 'rejectCounter', 'energyCounter', 'productTag'] as const;
  for (const field of tagFields) if (oee[field] !== undefined) built[field] = `${assetPath}/${oee[field]}`;
  if (oee.counterModulus !== undefined) built.counterModulus = oee.counterModulus;
  const ideal = cycle(oee);
  if (ideal !== undefined) built.idealCycleTimeS = ideal;
  return built;
}

/** The tags' alarms as definitions, in config order; state labels resolved to values (the cross-checks passed). */
function alarmsOf(config: PlantConfig): AlarmDefinition[] {
  const tags = new Map<string, TagConfig>();
  for (const line of config.lines) for (const asset of line.assets) for (const tag of asset.tags) tags.set(`${line.id}/${asset.id}/${tag.name}`, tag);
  const valuesOf = (entries: readonly ScalarValue[], tag: TagConfig | undefined): ScalarValue[] => {
    const resolved = tag ? resolveAlarmStates(entries, tag, config.stateSets) : undefined;
    return resolved && 'values' in resolved ? resolved.values : [...entries];
  };
  return config.lines.flatMap((line) =>
    line.assets.flatMap((asset) =>
      asset.tags.flatMap((tag) =>
        tag.alarms.map((alarm): AlarmDefinition => {
          const path = `${line.id}/${asset.id}/${tag.name}`;
          const built: AlarmDefinition = {
            id: `${path}:${alarm.name ?? alarm.kind}`,
            tag: path,
            asset: alarm.asset ?? `${line.id}/${asset.id}`,
            kind: alarm.kind,
            priority: alarm.priority,
            deadband: alarm.deadband,
            onDelayMs: alarm.onDelayMs,
            offDelayMs: alarm.offDelayMs,
            message: alarm.message,
            latching: alarm.latching,
          };
          if (alarm.limit !== undefined) built.limit = alarm.limit;
          if (alarm.setpointTag !== undefined) built.setpointTag = alarm.setpointTag;
          if (alarm.states) built.states = valuesOf(alarm.states, tag);
          if (alarm.suppressWhen) built.suppressWhen = { tag: alarm.suppressWhen.tag, values: valuesOf(alarm.suppressWhen.states, tags.get(alarm.suppressWhen.tag)) };
          return built;
        }),
      ),
    ),
  );
}

/** Resolves a percent deadband against the display range: the historian works in tag units. */
function storageOf(
  storage: { compression: 'lossless' | 'deadband' | 'swinging-door'; deadband?: number | undefined; deadbandPercent?: number | undefined; deviation?: number | undefined; maxIntervalMs?: number | undefined },
  range: { min: number; max: number } | undefined,
): StorageSettings {
  const maxIntervalMs = storage.maxIntervalMs ?? 3_600_000;
  if (storage.compression === 'swinging-door') return { compression: 'swinging-door', deviation: storage.deviation!, maxIntervalMs };
  const deadband = storage.deadband ?? ((storage.deadbandPercent ?? 0) / 100) * (range ? range.max - range.min : 0);
  return { compression: 'deadband', deadband, maxIntervalMs };
}
