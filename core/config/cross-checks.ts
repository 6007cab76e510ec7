/**
 * Checks that need more than one place of the config: unique ids and tag paths, an
 * asset's device, a tag's state set, each tag address as its device's driver sees it, and
 * alarms (unique ids, the tags and assets they name, their states, H below HH and L above
 * LL). Run on a config that passed the schema.
 */
import type { ScalarValue } from '../contract/index.js';
import type { DriverFactory } from '../drivers/driver.js';
import { problem, type ConfigProblem } from './config-error.js';
import { numericDataTypes, type PlantConfig, type TagConfig } from './schema.js';
import { describeValue, formatPath, type ConfigPath, type SourceMap } from './source-map.js';

interface CheckContext {
  file: string;
  source: SourceMap;
  drivers: readonly DriverFactory[];
}

function listOf(names: readonly string[], none: string): string {
  if (names.length === 0) return none;
  const shown = names.slice(0, 10).join(', ');
  return names.length > 10 ? `${shown}, … (${names.length} in all)` : shown;
}

/** "Planned stop", "planned-stop" and "planned_stop" name the same state. */
function slug(label: string): string {
  return label.trim().toLowerCase().replace(/[\s_]+/g, '-');
}

/**
 * An alarm's `states` (discrete) or `suppressWhen.states` → the tag's values: for a tag
 * with a state set, each entry is a state's value or its label; otherwise a value of the
 * tag's type. The first entry that does not fit is returned with what was expected.
 */
export function resolveAlarmStates(
  entries: readonly ScalarValue[],
  tag: TagConfig,
  stateSets: PlantConfig['stateSets'],
): { values: ScalarValue[] } | { index: number; expected: string } {
  const set = tag.states === undefined ? undefined : stateSets[tag.states];
  // An unknown state set is reported by itself; its labels cannot be checked.
  if (tag.states !== undefined && !set) return { values: [...entries] };
  const values: ScalarValue[] = [];
  for (const [index, entry] of entries.entries()) {
    if (set) {
      const state = typeof entry === 'number' ? set.find((s) => s.value === entry) : typeof entry === 'string' ? set.find((s) => slug(s.label) === slug(entry)) : undefined;
      if (!state) return { index, expected: `a value or label of state set ${tag.states}: ${set.map((s) => `${s.value} ${s.label}`).join(', ')}` };
      values.push(state.value);
      continue;
    }
    const fits = tag.type === 'bool' ? typeof entry === 'boolean' : tag.type === 'string' ? typeof entry === 'string' : numericDataTypes.includes(tag.type) && typeof entry === 'number';
    if (!fits) {
      const wanted = tag.type === 'bool' ? 'true or false' : tag.type === 'string' ? 'a text' : tag.type === 'waveform' ? 'nothing: a waveform has no states' : 'a number';
      return { index, expected: `${wanted}, a value of the ${tag.type} tag ${tag.name} (it has no state set, so labels cannot be used)` };
    }
    values.push(entry);
  }
  return { values };
}

export function crossCheck(config: PlantConfig, context: CheckContext): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const { file, source } = context;
  const report = (path: ConfigPath, found: unknown, expected: string) =>
    problems.push(problem(file, source.lineOf(path), formatPath(path), `${formatPath(path)} is ${describeValue(found, false)}; expected ${expected}.`));
  const place = (path: ConfigPath) => {
    const line = source.lineOf(path);
    return line === undefined ? formatPath(path) : `${formatPath(path)} (line ${line})`;
  };

  /** Reports the second and later uses of a key; `describe` words the clash. */
  function unique<T>(
    items: readonly T[],
    keyOf: (item: T) => string | number,
    pathOf: (index: number) => ConfigPath,
    field: string,
    describe: (key: string | number, first: ConfigPath) => string,
  ) {
    const seen = new Map<string | number, number>();
    items.forEach((item, index) => {
      const key = keyOf(item);
      const first = seen.get(key);
      if (first === undefined) seen.set(key, index);
      else report([...pathOf(index), field], key, describe(key, pathOf(first)));
    });
  }

  unique(config.devices, (d) => d.id, (i) => ['devices', i], 'id', (id, first) =>
    `a device id unique in the plant, but device ${id} duplicates the device at ${place(first)}`);
  unique(config.lines, (l) => l.id, (i) => ['lines', i], 'id', (id, first) =>
    `a line id unique in the plant, but line ${id} duplicates the line at ${place(first)}`);

  const devices = new Map(config.devices.map((device) => [device.id, device]));
  const drivers = new Map(context.drivers.map((driver) => [driver.kind, driver]));
  const stateSetNames = Object.keys(config.stateSets);

  config.lines.forEach((line, li) => {
    unique(line.assets, (a) => a.id, (ai) => ['lines', li, 'assets', ai], 'id', (id, first) =>
      `an asset id unique in line ${line.id}, but asset path ${line.id}/${id} duplicates the asset at ${place(first)}`);

    line.assets.forEach((asset, ai) => {
      const assetPath: ConfigPath = ['lines', li, 'assets', ai];
      unique(asset.tags, (t) => t.name, (ti) => [...assetPath, 'tags', ti], 'name', (name, first) =>
        `a tag name unique in asset ${line.id}/${asset.id}, but tag path ${line.id}/${asset.id}/${name} duplicates the tag at ${place(first)}`);

      const assetDevice = devices.get(asset.device);
      if (!assetDevice) {
        report([...assetPath, 'device'], asset.device, `the id of a device under devices: ${listOf([...devices.keys()], '(no devices are listed)')}`);
      }
      const assetDriver = assetDevice ? drivers.get(assetDevice.driver) : undefined;

      asset.tags.forEach((tag, ti) => {
        const tagPath: ConfigPath = [...assetPath, 'tags', ti];
        let device = assetDevice;
        let driver = assetDriver;
        if (tag.device !== undefined) {
          device = devices.get(tag.device);
          driver = device ? drivers.get(device.driver) : undefined;
          if (!device) report([...tagPath, 'device'], tag.device, `the id of a device under devices: ${listOf([...devices.keys()], '(no devices are listed)')}`);
        }
        if (tag.states !== undefined && !Object.hasOwn(config.stateSets, tag.states)) {
          report([...tagPath, 'states'], tag.states, `the name of a state set under stateSets: ${listOf(stateSetNames, '(no state sets are defined)')}`);
        }
        if (device && driver) {
          let complaint: string | undefined;
          try {
            complaint = driver.checkAddress(tag.address, device.settings);
          } catch (error) {
            complaint = `the check failed: ${error instanceof Error ? error.message : String(error)}`;
          }
          if (complaint !== undefined) {
            const reason = complaint.trim().replace(/\.+$/, '');
            report([...tagPath, 'address'], tag.address, `an address that the ${driver.kind} driver of device ${device.id} accepts: ${reason}`);
          }
        }
      });
    });
  });

  checkAlarms(config, report, place);

  for (const [name, states] of Object.entries(config.stateSets)) {
    unique(states, (s) => s.value, (i) => ['stateSets', name, i], 'value', (value, first) =>
      `a state value used once in state set ${name}, but ${value} duplicates the state at ${place(first)}`);
  }
  return problems;
}

/** Alarm ids, the tags and assets alarms name, their states, and H below HH / L above LL on each tag. */
function checkAlarms(
  config: PlantConfig,
  report: (path: ConfigPath, found: unknown, expected: string) => void,
  place: (path: ConfigPath) => string,
) {
  const tags = new Map<string, TagConfig>();
  const assets = new Set<string>();
  for (const line of config.lines) {
    for (const asset of line.assets) {
      assets.add(`${line.id}/${asset.id}`);
      for (const tag of asset.tags) tags.set(`${line.id}/${asset.id}/${tag.name}`, tag);
    }
  }
  const ids = new Map<string, ConfigPath>();
  const tagPathText = (asset: string) => {
    const near = [...tags.keys()].filter((path) => path.startsWith(`${asset}/`));
    return `the path of a tag in the plant, line/asset/tag, such as ${listOf(near, '(none)')}`;
  };
  const checkStates = (entries: readonly ScalarValue[], tag: TagConfig, path: ConfigPath) => {
    const resolved = resolveAlarmStates(entries, tag, config.stateSets);
    if ('expected' in resolved) report([...path, resolved.index], entries[resolved.index], resolved.expected);
  };

  const visited = new Set<string>();
  config.lines.forEach((line, li) =>
    line.assets.forEach((asset, ai) =>
      asset.tags.forEach((tag, ti) => {
        const tagPath = `${line.id}/${asset.id}/${tag.name}`;
        // A tag path used twice is reported as such; its alarms' ids clash as a consequence.
        const duplicateTag = visited.has(tagPath);
        visited.add(tagPath);
        const at = (i: number): ConfigPath => ['lines', li, 'assets', ai, 'tags', ti, 'alarms', i];
        tag.alarms.forEach((alarm, i) => {
          const id = `${tagPath}:${alarm.name ?? alarm.kind}`;
          const first = ids.get(id);
          if (first && !duplicateTag) {
            const field = alarm.name === undefined ? 'kind' : 'name';
            report([...at(i), field], alarm.name ?? alarm.kind, `an alarm id unique in the plant, but alarm ${id} duplicates the alarm at ${place(first)} (give one of them a name)`);
          } else if (!first) ids.set(id, at(i));
          if (alarm.states) checkStates(alarm.states, tag, [...at(i), 'states']);
          if (alarm.setpointTag !== undefined) {
            const setpoint = tags.get(alarm.setpointTag);
            if (!setpoint) report([...at(i), 'setpointTag'], alarm.setpointTag, tagPathText(`${line.id}/${asset.id}`));
            else if (!numericDataTypes.includes(setpoint.type)) report([...at(i), 'setpointTag'], alarm.setpointTag, `a numeric tag (${alarm.setpointTag} is ${setpoint.type})`);
          }
          if (alarm.suppressWhen) {
            const by = tags.get(alarm.suppressWhen.tag);
            if (!by) report([...at(i), 'suppressWhen', 'tag'], alarm.suppressWhen.tag, tagPathText(`${line.id}/${asset.id}`));
            else checkStates(alarm.suppressWhen.states, by, [...at(i), 'suppressWhen', 'states']);
          }
          if (alarm.asset !== undefined && !assets.has(alarm.asset)) {
            report([...at(i), 'asset'], alarm.asset, `the path of an asset, line/asset: ${listOf([...assets], '(no assets)')}`);
          }
        });
        // H below HH and L above LL on the same tag; the problem names both limits.
        const limits = (kind: string) => tag.alarms.flatMap((alarm, i) => (alarm.kind === kind && alarm.limit !== undefined ? [{ limit: alarm.limit, i }] : []));
        for (const h of limits('H')) {
          for (const hh of limits('HH')) {
            if (h.limit >= hh.limit) report([...at(h.i), 'limit'], h.limit, `an H limit below the HH limit ${hh.limit} of the same tag (${place([...at(hh.i), 'limit'])})`);
          }
        }
        for (const l of limits('L')) {
          for (const ll of limits('LL')) {
            if (l.limit <= ll.limit) report([...at(l.i), 'limit'], l.limit, `an L limit above the LL limit ${ll.limit} of the same tag (${place([...at(ll.i), 'limit'])})`);
          }
        }
      }),
    ),
  );
}
