/**
 * Checks that need more than one place of the config: unique ids and tag paths, an
 * asset's device, a tag's state set, and each tag address as its device's driver sees it.
 * Run on a config that passed the schema.
 */
import type { DriverFactory } from '../drivers/driver.js';
import { problem, type ConfigProblem } from './config-error.js';
import type { PlantConfig } from './schema.js';
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

  for (const [name, states] of Object.entries(config.stateSets)) {
    unique(states, (s) => s.value, (i) => ['stateSets', name, i], 'value', (value, first) =>
      `a state value used once in state set ${name}, but ${value} duplicates the state at ${place(first)}`);
  }
  return problems;
}
