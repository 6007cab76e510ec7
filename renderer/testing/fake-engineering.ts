/**
 * The fake client's engineering calls: a made-up plant config (the fake line's capper, labeler
 * and conveyor motor with their alarms, and a Modbus PLC) that can be checked, previewed,
 * applied, versioned and rolled back as the core does it, so that the Engineering screen works
 * in `?fake=1&user=engineer` and in tests. Changes run in the page only (`notSaved`).
 *
 * What it checks is a small part of the core's schemas: valid YAML, and each alarm's kind,
 * limit, deadband, on-delay and priority; what it says applying would do compares devices,
 * tags and alarms by their text. Its Modbus map import reads a plain comma-separated file.
 * In replay every call answers 'not-found', as the core's; each needs 'change-config'.
 */
import { diffLines } from 'diff';
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import type { YAMLMap } from 'yaml';
import { fail, ok } from '../../core/contract/index.js';
import type { ConfigApplied, ConfigCheck, ConfigEffects, ConfigPreview, ConfigProblemInfo, ConfigVersionInfo, DiffLine, HmiApi, HmiRequest, ModbusMapPreview, Permission, Result } from '../../core/contract/index.js';

export const fakeConfigText = `# The fake bottling line (made up for the renderer's development and tests).
version: 1
site: North Brewery
area: Packaging

devices:
  - id: line1-sim
    driver: simulator
    settings:
      seed: 20261121
  - id: conveyor-plc
    driver: modbus
    settings: { host: 192.168.10.21, port: 502, unit: 1 }

lines:
  - id: line1
    name: Bottling line 1
    assets:
      - id: capper
        name: Capper
        device: line1-sim
        tags:
          - name: head_temp
            address: capper.head_temp
            type: float32
            unit: "°C"
            description: Capping head drive temperature
            alarms:
              - { kind: H, limit: 65, deadband: 1, onDelayMs: 60000, priority: low, message: Capping head drive temperature high }
      - id: labeler
        name: Labeler
        device: line1-sim
        tags:
          - name: glue_temp
            address: labeler.glue_temp
            type: float32
            unit: "°C"
            description: Glue tank temperature
            alarms:
              - kind: HH
                limit: 190
                deadband: 1
                onDelayMs: 2000
                priority: high
                message: Glue tank temperature very high
              - kind: L
                limit: 150
                deadband: 1
                onDelayMs: 30000
                priority: medium
                message: Glue tank temperature low
              - { kind: bad-quality, priority: medium, message: Glue temperature sensor failed }
      - id: motor
        name: Conveyor drive M1
        device: line1-sim
        tags:
          - name: winding_temp
            address: motor.winding_temp
            type: float32
            unit: "°C"
            description: Motor winding temperature
            alarms:
              - { kind: H, limit: 120, deadband: 2, onDelayMs: 10000, priority: medium, message: Conveyor motor winding temperature high }
`;

const file = '(fake) plant.yaml';
const notSaved = 'the fake plant is built in: changes run in this page only';
const limitKinds = ['HH', 'H', 'L', 'LL', 'deviation', 'rate'];
const alarmKinds = [...limitKinds, 'discrete', 'bad-quality'];
const priorities = ['critical', 'high', 'medium', 'low', 'diagnostic'];
const registerTypes = ['int16', 'uint16', 'int32', 'uint32', 'float32', 'float64', 'int64', 'uint64', 'bit', 'bool'];

type EngineeringCalls = Pick<HmiApi, 'configCurrent' | 'configCheck' | 'configPreview' | 'configApply' | 'configVersions' | 'configVersion' | 'configRollback' | 'modbusMapImport' | 'configSealSecret'>;

interface Stored {
  version: number;
  ts: number;
  author: string;
  comment: string;
  yaml: string;
}

interface Outline {
  devices: Map<string, string>;
  tags: Map<string, { device: string; text: string }>;
  alarms: Map<string, string>;
  site: string;
}

const described = (value: unknown) => (typeof value === 'string' ? `"${value}" (a string)` : JSON.stringify(value));

/** The problems of a config text: YAML syntax, then the alarms' fields. */
function problemsOf(yaml: string): ConfigProblemInfo[] {
  const lines = new LineCounter();
  const doc = parseDocument(yaml, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) return doc.errors.map((error) => ({ path: '', line: lines.linePos(error.pos[0]).line, message: `not valid YAML: ${error.message.split('\n')[0]}` }));
  const problems: ConfigProblemInfo[] = [];
  const root = doc.contents;
  if (!isMap(root) || !isSeq(root.get('lines', true))) return [{ path: 'lines', line: 1, message: 'lines is missing; expected a list of lines' }];
  forEachAlarm(root, (alarm, where) => {
    const line = alarm.range ? lines.linePos(alarm.range[0]).line : null;
    const need = (key: string, good: boolean, expected: string) => {
      if (!good) problems.push({ path: `${where}.${key}`, line, message: `${where}.${key} is ${described(alarm.get(key))}; expected ${expected}` });
    };
    const kind = alarm.get('kind');
    need('kind', typeof kind === 'string' && alarmKinds.includes(kind), `one of: ${alarmKinds.join(', ')}`);
    if (typeof kind === 'string' && limitKinds.includes(kind)) need('limit', typeof alarm.get('limit') === 'number', 'a number, the alarm limit in the tag unit');
    for (const key of ['deadband', 'onDelayMs']) {
      const value = alarm.get(key);
      need(key, value === undefined || (typeof value === 'number' && value >= 0), 'a number of at least 0');
    }
    need('priority', priorities.includes(String(alarm.get('priority'))), `one of: ${priorities.join(', ')}`);
  });
  return problems;
}

function forEachAlarm(root: YAMLMap, each: (alarm: YAMLMap, where: string, tag: string) => void): void {
  const seq = (node: unknown) => (isSeq(node) ? node.items : []);
  seq(root.get('lines', true)).forEach((line, i) => {
    if (!isMap(line)) return;
    seq(line.get('assets', true)).forEach((asset, j) => {
      if (!isMap(asset)) return;
      seq(asset.get('tags', true)).forEach((tag, k) => {
        if (!isMap(tag)) return;
        seq(tag.get('alarms', true)).forEach((alarm, m) => {
          if (isMap(alarm)) each(alarm, `lines[${i}].assets[${j}].tags[${k}].alarms[${m}]`, `${String(line.get('id'))}/${String(asset.get('id'))}/${String(tag.get('name'))}`);
        });
      });
    });
  });
}

function outlineOf(yaml: string): Outline {
  const root = parseDocument(yaml).contents as YAMLMap;
  const seq = (node: unknown) => (isSeq(node) ? (node.items.filter(isMap) as YAMLMap[]) : []);
  const devices = new Map(seq(root.get('devices', true)).map((device) => [String(device.get('id')), JSON.stringify(device.toJSON())]));
  const tags = new Map<string, { device: string; text: string }>();
  for (const line of seq(root.get('lines', true)))
    for (const asset of seq(line.get('assets', true)))
      for (const tag of seq(asset.get('tags', true))) {
        const { alarms: _alarms, ...rest } = tag.toJSON() as Record<string, unknown>;
        tags.set(`${String(line.get('id'))}/${String(asset.get('id'))}/${String(tag.get('name'))}`, { device: String(asset.get('device')), text: JSON.stringify(rest) });
      }
  const alarms = new Map<string, string>();
  forEachAlarm(root, (alarm, _where, tag) => alarms.set(`${tag}:${String(alarm.get('name') ?? alarm.get('kind'))}`, JSON.stringify(alarm.toJSON())));
  return { devices, tags, alarms, site: `${String(root.get('site'))}/${String(root.get('area'))}` };
}

function keyed(before: Map<string, unknown>, after: Map<string, unknown>) {
  return {
    added: [...after.keys()].filter((k) => !before.has(k)),
    removed: [...before.keys()].filter((k) => !after.has(k)),
    changed: [...after.keys()].filter((k) => before.has(k) && JSON.stringify(before.get(k)) !== JSON.stringify(after.get(k))),
  };
}

function effectsOf(before: string, after: string): ConfigEffects {
  const a = outlineOf(before);
  const b = outlineOf(after);
  const devices = keyed(a.devices, b.devices);
  const tags = keyed(a.tags, b.tags);
  const alarms = keyed(a.alarms, b.alarms);
  const touched = new Set([...tags.added.map((t) => b.tags.get(t)!.device), ...tags.removed.map((t) => a.tags.get(t)!.device), ...tags.changed.map((t) => b.tags.get(t)!.device)]);
  const restarted = [...b.devices.keys()].filter((id) => a.devices.has(id) && (devices.changed.includes(id) || touched.has(id)));
  return {
    devicesRestarted: restarted,
    devicesStarted: devices.added,
    devicesStopped: devices.removed,
    devicesUntouched: [...b.devices.keys()].filter((id) => a.devices.has(id) && !restarted.includes(id)),
    tagsAdded: tags.added,
    tagsRemoved: tags.removed,
    tagsChanged: tags.changed,
    alarmsAdded: alarms.added,
    alarmsRemoved: alarms.removed,
    alarmsChanged: alarms.changed,
    otherChanges: [],
    notLive: a.site === b.site ? [] : ['site and area: they name the historian\'s file; the change starts a new file at the next start'],
  };
}

/** The diff in hunks with three lines of context, as the core cuts it. */
function hunks(before: string, after: string): DiffLine[] {
  const all: DiffLine[] = [];
  let oldLine = 1;
  let newLine = 1;
  for (const part of diffLines(before, after)) {
    const lines = part.value.split('\n');
    if (lines.at(-1) === '') lines.pop();
    for (const text of lines) {
      if (part.added) all.push({ kind: 'added', text, newLine: newLine++ });
      else if (part.removed) all.push({ kind: 'removed', text, oldLine: oldLine++ });
      else all.push({ kind: 'same', text, oldLine: oldLine++, newLine: newLine++ });
    }
  }
  const keep = all.map((line, i) => all.slice(Math.max(0, i - 3), i + 4).some((near) => near.kind !== 'same'));
  const out: DiffLine[] = [];
  let skipped = 0;
  const skip = () => skipped > 0 && out.push({ kind: 'skipped', text: `… ${skipped} unchanged line${skipped === 1 ? '' : 's'} …` });
  all.forEach((line, i) => {
    if (!keep[i]) return void skipped++;
    skip();
    skipped = 0;
    out.push(line);
  });
  if (out.length > 0) skip();
  return out;
}

/** A comma-separated register map → tags, refused rows, and the running config with the tags added. */
function modbusMap(running: string, req: HmiRequest<'modbusMapImport'>): Result<ModbusMapPreview> {
  const rows = req.csv.split(/\r?\n/).map((row) => row.split(',').map((cell) => cell.trim()));
  const header = rows[0]!.map((cell) => cell.toLowerCase());
  const column = (name: string) => header.indexOf(name);
  if (column('address') < 0 || column('type') < 0 || column('name') < 0) return fail('invalid-request', 'the register map has no header with address, type and name; expected a header line such as address,type,name,unit,scale,description');
  const tags: ModbusMapPreview['tags'] = [];
  const errors: ModbusMapPreview['errors'] = [];
  rows.slice(1).forEach((cells, i) => {
    const line = i + 2;
    if (cells.every((cell) => cell === '')) return;
    const get = (name: string) => (column(name) < 0 ? '' : (cells[column(name)] ?? ''));
    const scale = get('scale') === '' ? 1 : Number(get('scale'));
    const problems = [
      get('address') === '' ? 'column "address" is empty; expected a register address such as 40001 or hr100' : null,
      registerTypes.includes(get('type')) ? null : `column "type": "${get('type')}"; expected one of ${registerTypes.join(', ')}`,
      /^[A-Za-z0-9_-]{1,64}$/.test(get('name')) ? null : `column "name": "${get('name')}"; expected letters, digits, "_" or "-"`,
      Number.isFinite(scale) ? null : `column "scale": "${get('scale')}"; expected a number`,
    ].filter((problem): problem is string => problem !== null);
    if (problems.length > 0) for (const message of problems) errors.push({ line, message });
    else tags.push({ name: get('name'), address: `${get('address')}:${get('type')}`, type: get('type'), unit: get('unit'), scale, line });
  });
  if (tags.length === 0) return ok({ tags, errors });
  const doc = parseDocument(running);
  const lineIndex = (doc.get('lines') as { items: YAMLMap[] }).items.findIndex((line) => line.get('id') === req.line);
  if (lineIndex < 0) return fail('invalid-request', `there is no line "${req.line}" in the config`);
  const assets = doc.getIn(['lines', lineIndex, 'assets']) as { items: YAMLMap[] };
  const newTags = tags.map((tag) => ({ name: tag.name, address: tag.address, type: tag.type === 'bit' || tag.type === 'bool' ? 'bool' : 'float64', unit: tag.unit, description: tag.name, sampleRateMs: req.sampleRateMs ?? 1000 }));
  const assetIndex = assets.items.findIndex((asset) => asset.get('id') === req.asset);
  if (assetIndex < 0) doc.addIn(['lines', lineIndex, 'assets'], doc.createNode({ id: req.asset, name: req.asset, kind: 'modbus', device: req.device, description: `Registers of ${req.device}`, tags: newTags }));
  else for (const tag of newTags) doc.addIn(['lines', lineIndex, 'assets', assetIndex, 'tags'], doc.createNode(tag));
  return ok({ tags, errors, yaml: doc.toString({ lineWidth: 0 }) });
}

export function createFakeEngineering(options: {
  now: () => number;
  replay: boolean;
  guard<T>(permission: Permission, run: () => Promise<Result<T>>): Promise<Result<T>>;
  actor(): string;
  whenConnected<T>(run: () => Result<T>): Promise<Result<T>>;
}): EngineeringCalls {
  const { now, guard, whenConnected } = options;
  const versions: Stored[] = [{ version: 1, ts: now() - 86_400_000, author: 'the config file', comment: 'the config file as found at the first start', yaml: fakeConfigText }];
  let running = versions[0]!;

  const call = <T>(run: () => Result<T>): Promise<Result<T>> =>
    options.replay ? whenConnected(() => fail<T>('not-found', 'the plant config is changed in the live app, not in a replay')) : guard('change-config', () => whenConnected(run));
  const check = (yaml: string): ConfigCheck => {
    const problems = problemsOf(yaml);
    return { valid: problems.length === 0, problems };
  };
  const info = (stored: Stored): ConfigVersionInfo => ({ version: stored.version, ts: stored.ts, author: stored.author, comment: stored.comment, bytes: new TextEncoder().encode(stored.yaml).length, current: stored === running });
  const apply = (yaml: string, comment: string, baseVersion: number | null): Result<ConfigApplied> => {
    if (baseVersion !== running.version) return fail('action-refused', `version ${running.version} was applied after version ${baseVersion ?? 'none'} this change was made against; reload the config, compare, and apply again`);
    const checked = check(yaml);
    if (!checked.valid) return fail('config-invalid', `the change cannot be applied: ${checked.problems.map((p) => `${file}:${p.line ?? '?'}: ${p.message}`).join('; ')}`);
    if (yaml === running.yaml) return fail('action-refused', 'the config is the same as the running one: nothing to apply');
    const effects = effectsOf(running.yaml, yaml);
    running = { version: versions.length + 1, ts: now(), author: options.actor(), comment, yaml };
    versions.push(running);
    return ok({ version: running.version, effects, notSaved });
  };
  const stored = (version: number): Result<Stored> => {
    const found = versions.find((v) => v.version === version);
    return found === undefined ? fail('not-found', `there is no config version ${version}`) : ok(found);
  };

  return {
    configCurrent: () => call(() => ok({ version: running.version, yaml: running.yaml, file, notSaved })),
    configCheck: ({ yaml }) => call(() => ok(check(yaml))),
    configPreview: ({ yaml }) =>
      call(() => {
        const preview: ConfigPreview = { ...check(yaml), baseVersion: running.version, diff: hunks(running.yaml, yaml), unchanged: yaml === running.yaml };
        if (preview.valid) preview.effects = effectsOf(running.yaml, yaml);
        return ok(preview);
      }),
    configApply: ({ yaml, comment, baseVersion }) => call(() => apply(yaml, comment, baseVersion)),
    configVersions: () => call(() => ok([...versions].reverse().map(info))),
    configVersion: ({ version }) =>
      call(() => {
        const found = stored(version);
        return found.ok ? ok({ ...info(found.value), yaml: found.value.yaml }) : found;
      }),
    configRollback: ({ version, comment, baseVersion }) =>
      call(() => {
        const found = stored(version);
        return found.ok ? apply(found.value.yaml, `rollback to version ${version}: ${comment}`, baseVersion) : found;
      }),
    // Not encryption: the fake has no key; it marks the text as the core's sealed form looks.
    configSealSecret: ({ secret }) => call(() => ok({ sealed: `enc:v1:${btoa(`fake:${secret.length}`)}` })),
    modbusMapImport: (req) =>
      call(() => {
        const device = outlineOf(running.yaml).devices.get(req.device);
        if (device === undefined || !device.includes('"driver":"modbus"')) return fail('invalid-request', `modbusMapImport: device "${req.device}" is not a Modbus device of this plant; add it (host, port, unit) in the config first`);
        return modbusMap(running.yaml, req);
      }),
  };
}
